//! The flow file as written: plain serde types that mirror the TOML, with no guarantees.
//! [`crate::Flow::from_raw`] turns them into the checked model.
//!
//! Every text a person reads is written in each language, as `text.en = "..."` and
//! `text.es = "..."`, or `{ en = "...", es = "..." }` inside a list.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::{Lang, OutcomeKind};

/// One flow file. Each kind of node has its own array, so each kind has its own fields;
/// their order in the file is free.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFlow {
    pub id: String,
    pub title: RawText,
    pub summary: RawText,
    /// The id of the first node a person sees.
    pub start: String,
    /// The common topics the flow covers, in a few words each: the list of flows names them
    /// under the flow's title, so a person sees where their topic lives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topics: Option<Vec<RawText>>,
    #[serde(default, rename = "question", skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<RawQuestion>,
    #[serde(default, rename = "number", skip_serializing_if = "Vec::is_empty")]
    pub numbers: Vec<RawNumber>,
    #[serde(default, rename = "checklist", skip_serializing_if = "Vec::is_empty")]
    pub checklists: Vec<RawChecklist>,
    #[serde(default, rename = "outcome")]
    pub outcomes: Vec<RawOutcome>,
    /// What each flag an answer sets means, as administrators read it in their queue.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub flags: BTreeMap<String, RawText>,
}

/// A question with choices; each choice names the node it leads to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub id: String,
    pub text: RawText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<RawText>,
    #[serde(default, rename = "choice")]
    pub choices: Vec<RawChoice>,
    /// Words people search for that lead to this node, besides its own texts: synonyms such
    /// as "stop" or "cancel" for an unlinking outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keywords: Option<Vec<RawText>>,
}

/// One answer to a question. `id` is what the path of answers records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChoice {
    pub id: String,
    pub label: RawText,
    pub next: String,
    /// Flags this answer sets: the outcome shows them and the action carries them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub set: Vec<String>,
    /// A sentence explaining this answer's consequence, shown on the outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explain: Option<RawText>,
}

impl RawFlow {
    /// A definition the server stored, perhaps by an earlier release, so that confirmations
    /// walked on it still walk and administrators still read their questions. Flows stored
    /// before they were translated hold a plain string wherever a text now has one per
    /// language: such a string is read as the text of every language. Flows stored before
    /// flags were described have their flags described by their ids, and outcomes stored
    /// before they had a kind were requests (every outcome then asked for a confirmation).
    pub fn from_stored_json(json: &str) -> Result<RawFlow, serde_json::Error> {
        let mut definition: Value = serde_json::from_str(json)?;
        let mut flags = BTreeSet::new();
        upgrade(&mut definition, &mut flags);
        if let Value::Object(fields) = &mut definition {
            if let Some(Value::Array(outcomes)) = fields.get_mut("outcome") {
                for outcome in outcomes.iter_mut().filter_map(Value::as_object_mut) {
                    outcome.entry("kind").or_insert_with(|| json!("request"));
                }
            }
            if !fields.contains_key("flags") {
                let described = flags.into_iter().map(|f| (f.clone(), every_language(&f)));
                fields.insert("flags".into(), Value::Object(described.collect()));
            }
        }
        serde_json::from_value(definition)
    }
}

/// The fields that hold one text, and those that hold a list of texts.
const TEXT_FIELDS: [&str; 6] = ["title", "summary", "text", "help", "label", "explain"];
const TEXT_LISTS: [&str; 5] = ["steps", "warnings", "contacts", "keywords", "topics"];

/// Makes every plain-string text a text in every language, and gathers the flags answers set.
fn upgrade(value: &mut Value, flags: &mut BTreeSet<String>) {
    match value {
        Value::Object(fields) => {
            for (name, field) in fields.iter_mut() {
                match (name.as_str(), field) {
                    (name, field @ Value::String(_)) if TEXT_FIELDS.contains(&name) => {
                        *field = every_language(field.as_str().unwrap_or_default());
                    }
                    (name, Value::Array(items)) if TEXT_LISTS.contains(&name) => {
                        for item in items.iter_mut().filter(|i| i.is_string()) {
                            *item = every_language(item.as_str().unwrap_or_default());
                        }
                    }
                    ("set", Value::Array(set)) => {
                        flags.extend(set.iter().filter_map(Value::as_str).map(str::to_owned));
                    }
                    (_, field) => upgrade(field, flags),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| upgrade(item, flags)),
        _ => {}
    }
}

fn every_language(text: &str) -> Value {
    json!({ "en": text, "es": text })
}

/// A percentage the person types. Its ranges must cover `min..=max` without gaps or overlaps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNumber {
    pub id: String,
    pub text: RawText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<RawText>,
    pub min: f64,
    pub max: f64,
    #[serde(default, rename = "range")]
    pub ranges: Vec<RawRange>,
    /// Words people search for that lead to this node, besides its own texts: synonyms such
    /// as "stop" or "cancel" for an unlinking outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keywords: Option<Vec<RawText>>,
}

/// Values from `from` (included) up to `to` (excluded; included for the last range).
/// `explain` may say `{value}`, the number the person typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRange {
    pub from: f64,
    pub to: f64,
    pub next: String,
    /// Flags this answer sets: the outcome shows them and the action carries them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub set: Vec<String>,
    /// A sentence explaining this answer's consequence, shown on the outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explain: Option<RawText>,
    /// Whether the range lies over a limit Amazon sets: the outcome marks its explanation as
    /// over the limit, in words and with a sign, not by colour alone.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub over_limit: bool,
}

/// Several yes/no checks on one screen. All yes leads to `next`; otherwise the first item
/// answered no leads to its `fail` node, and every item answered no adds its effect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChecklist {
    pub id: String,
    pub text: RawText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<RawText>,
    pub next: String,
    #[serde(default, rename = "item")]
    pub items: Vec<RawItem>,
    /// Words people search for that lead to this node, besides its own texts: synonyms such
    /// as "stop" or "cancel" for an unlinking outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keywords: Option<Vec<RawText>>,
}

/// One check of a checklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    pub id: String,
    pub text: RawText,
    pub fail: String,
    /// Flags this answer sets: the outcome shows them and the action carries them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub set: Vec<String>,
    /// A sentence explaining this answer's consequence, shown on the outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explain: Option<RawText>,
}

/// The end of a path: what the person should do, and the action sent when they confirm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOutcome {
    pub id: String,
    pub title: RawText,
    pub summary: RawText,
    #[serde(default)]
    pub steps: Vec<RawText>,
    #[serde(default)]
    pub warnings: Vec<RawText>,
    #[serde(default)]
    pub contacts: Vec<RawText>,
    #[serde(default, rename = "link")]
    pub links: Vec<RawLink>,
    pub action: String,
    /// Who acts on the outcome: a team of the organisation (`request`: the person confirms and
    /// the request is queued), or the person themselves (`self_service`: nothing is sent). The
    /// loader refuses an outcome without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<OutcomeKind>,
    /// Words people search for that lead to this node, besides its own texts: synonyms such
    /// as "stop" or "cancel" for an unlinking outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keywords: Option<Vec<RawText>>,
}

/// A link shown on an outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLink {
    pub label: RawText,
    pub url: String,
}

/// A text in each language, as written: a missing language is the loader's to refuse, with
/// the node and field named, rather than a bare parse error.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawText {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub es: Option<String>,
}

impl RawText {
    /// The text in `lang`, if it is written.
    pub fn get(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::En => self.en.as_deref(),
            Lang::Es => self.es.as_deref(),
        }
    }
}
