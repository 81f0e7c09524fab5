//! The flow file as written: plain serde types that mirror the TOML, with no guarantees.
//! [`crate::Flow::from_raw`] turns them into the checked model.

use serde::{Deserialize, Serialize};

/// One flow file. Each kind of node has its own array, so each kind has its own fields;
/// their order in the file is free.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFlow {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// The id of the first node a person sees.
    pub start: String,
    #[serde(default, rename = "question", skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<RawQuestion>,
    #[serde(default, rename = "number", skip_serializing_if = "Vec::is_empty")]
    pub numbers: Vec<RawNumber>,
    #[serde(default, rename = "checklist", skip_serializing_if = "Vec::is_empty")]
    pub checklists: Vec<RawChecklist>,
    #[serde(default, rename = "outcome")]
    pub outcomes: Vec<RawOutcome>,
}

/// A question with choices; each choice names the node it leads to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub id: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(default, rename = "choice")]
    pub choices: Vec<RawChoice>,
}

/// One answer to a question. `id` is what the path of answers records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChoice {
    pub id: String,
    pub label: String,
    pub next: String,
    /// Flags this answer sets: the outcome shows them and the action carries them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub set: Vec<String>,
    /// A sentence explaining this answer's consequence, shown on the outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explain: Option<String>,
}

/// A percentage the person types. Its ranges must cover `min..=max` without gaps or overlaps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNumber {
    pub id: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    pub min: f64,
    pub max: f64,
    #[serde(default, rename = "range")]
    pub ranges: Vec<RawRange>,
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
    pub explain: Option<String>,
}

/// Several yes/no checks on one screen. All yes leads to `next`; otherwise the first item
/// answered no leads to its `fail` node, and every item answered no adds its effect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChecklist {
    pub id: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    pub next: String,
    #[serde(default, rename = "item")]
    pub items: Vec<RawItem>,
}

/// One check of a checklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    pub id: String,
    pub text: String,
    pub fail: String,
    /// Flags this answer sets: the outcome shows them and the action carries them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub set: Vec<String>,
    /// A sentence explaining this answer's consequence, shown on the outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explain: Option<String>,
}

/// The end of a path: what the person should do, and the action sent when they confirm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOutcome {
    pub id: String,
    pub title: String,
    pub summary: String,
    #[serde(default)]
    pub steps: Vec<String>,
    #[serde(default)]
    pub warnings: Vec<String>,
    #[serde(default)]
    pub contacts: Vec<String>,
    #[serde(default, rename = "link")]
    pub links: Vec<RawLink>,
    pub action: String,
}

/// A link shown on an outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLink {
    pub label: String,
    pub url: String,
}
