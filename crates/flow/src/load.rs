//! Turning a [`RawFlow`] into a checked [`Flow`]: every rule a flow file must keep is here.

use std::collections::{HashMap, HashSet};

use thiserror::Error;

use crate::engine::VALUE_PLACEHOLDER;
use crate::lang::{Lang, Text};
use crate::model::{
    ActionId, Checklist, Choice, Effect, Flow, FlowVersion, Item, Link, Node, NodeId,
    NumberQuestion, Outcome, Question, Range,
};
use crate::org;
use crate::raw::{RawChecklist, RawFlow, RawNumber, RawOutcome, RawQuestion, RawText};

/// Why a flow file was refused. Each variant names the node at fault.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum LoadError {
    #[error("node \"{node}\": range {range} is over_limit but has no explanation to mark")]
    UnexplainedLimit { node: String, range: String },
    #[error("the id \"{0}\" is used by more than one node")]
    DuplicateId(String),
    #[error("node \"{node}\" has the answer \"{answer}\" more than once")]
    DuplicateAnswer { node: String, answer: String },
    #[error("\"start\" names \"{0}\", which is not a question in this flow")]
    BadStart(String),
    #[error("node \"{node}\": answer \"{answer}\" leads to \"{target}\", which does not exist")]
    UnknownTarget {
        node: String,
        answer: String,
        target: String,
    },
    #[error("question \"{0}\" needs at least two answers")]
    TooFewChoices(String),
    #[error("checklist \"{0}\" needs at least one item")]
    EmptyChecklist(String),
    #[error(
        "number \"{node}\": its ranges must run from min to max, each from below its to; {problem}"
    )]
    RangeBounds { node: String, problem: String },
    #[error("number \"{node}\": no range covers {from} up to {to}")]
    RangeGap { node: String, from: f64, to: f64 },
    #[error("number \"{node}\": two ranges cover {from} up to {to}")]
    RangeOverlap { node: String, from: f64, to: f64 },
    #[error("node \"{0}\" cannot be reached from the start")]
    Unreachable(String),
    #[error("node \"{0}\" can lead back to itself")]
    Cycle(String),
    #[error("outcome \"{0}\" has no action (a lowercase id such as request_invitation)")]
    MissingAction(String),
    #[error("outcome \"{0}\" has no kind: say who acts on it, kind = \"request\" (a team of the organisation) or kind = \"self_service\" (the person)")]
    MissingKind(String),
    #[error("node \"{node}\" sets the flag \"{flag}\": flags are lowercase ids such as prime_personal_card")]
    BadFlag { node: String, flag: String },
    #[error("node \"{node}\" sets the flag \"{flag}\", which [flags] does not describe")]
    UndescribedFlag { node: String, flag: String },
    #[error("[flags] describes \"{0}\", which no answer sets")]
    UnusedFlag(String),
    #[error("node \"{node}\" links to \"{url}\": links must start with https://")]
    InsecureLink { node: String, url: String },
    #[error(
        "node \"{node}\" uses {{{placeholder}}}, which the organisation config does not define"
    )]
    UnknownPlaceholder { node: String, placeholder: String },
    #[error("node \"{0}\" has an empty text")]
    EmptyText(String),
    #[error("node \"{node}\": {field} is an empty list; write at least one, or leave it out")]
    EmptyList { node: String, field: &'static str },
    #[error("node \"{node}\": {field} has no \"{lang}\" text; every text needs each language")]
    MissingTranslation {
        node: String,
        field: String,
        lang: Lang,
    },
    #[error("node \"{node}\": {field} uses {{{placeholder}}} in one language but not in another")]
    PlaceholderMismatch {
        node: String,
        field: String,
        placeholder: String,
    },
}

impl Flow {
    /// Checks a raw flow and builds the model, or says what is wrong with it.
    pub fn from_raw(raw: &RawFlow) -> Result<Flow, LoadError> {
        let keys = node_keys(raw)?;
        let mut nodes = Vec::with_capacity(keys.len());
        for q in &raw.questions {
            nodes.push(Node::Question(question(q, &keys)?));
        }
        for n in &raw.numbers {
            nodes.push(Node::Number(number(n, &keys)?));
        }
        for c in &raw.checklists {
            nodes.push(Node::Checklist(checklist(c, &keys)?));
        }
        for o in &raw.outcomes {
            nodes.push(Node::Outcome(outcome(o)?));
        }
        let start = match keys.get(raw.start.as_str()) {
            Some(&id) if !matches!(nodes[id.0], Node::Outcome(_)) => id,
            _ => return Err(LoadError::BadStart(raw.start.clone())),
        };
        check_graph(&nodes, start)?;
        let texts = Texts::of(&raw.id);
        Ok(Flow {
            id: raw.id.clone(),
            title: texts.one("the flow's title", &raw.title)?,
            summary: texts.one("the flow's summary", &raw.summary)?,
            version: version_of(raw),
            start,
            nodes,
            flags: flags(raw)?,
            topics: texts.listed("topics", "topic", &raw.topics)?,
        })
    }
}

/// The descriptions of the flags: every flag an answer sets needs one, and every one is used.
fn flags(raw: &RawFlow) -> Result<Vec<(String, Text)>, LoadError> {
    let choices = raw
        .questions
        .iter()
        .flat_map(|q| q.choices.iter().map(|c| (&q.id, &c.set)));
    let ranges = raw
        .numbers
        .iter()
        .flat_map(|n| n.ranges.iter().map(|r| (&n.id, &r.set)));
    let items = raw
        .checklists
        .iter()
        .flat_map(|c| c.items.iter().map(|i| (&c.id, &i.set)));
    let mut used = HashSet::new();
    for (node, set) in choices.chain(ranges).chain(items) {
        for flag in set {
            if !raw.flags.contains_key(flag) {
                return Err(LoadError::UndescribedFlag {
                    node: node.clone(),
                    flag: flag.clone(),
                });
            }
            used.insert(flag);
        }
    }
    if let Some(unused) = raw.flags.keys().find(|f| !used.contains(f)) {
        return Err(LoadError::UnusedFlag(unused.clone()));
    }
    let texts = Texts::of("flags");
    raw.flags
        .iter()
        .map(|(id, text)| Ok((id.clone(), texts.one(&format!("flag \"{id}\""), text)?)))
        .collect()
}

/// Gives every node an id in file order: questions, numbers, checklists, then outcomes.
fn node_keys(raw: &RawFlow) -> Result<HashMap<&str, NodeId>, LoadError> {
    let all = raw.questions.iter().map(|q| q.id.as_str());
    let all = all.chain(raw.numbers.iter().map(|n| n.id.as_str()));
    let all = all.chain(raw.checklists.iter().map(|c| c.id.as_str()));
    let all = all.chain(raw.outcomes.iter().map(|o| o.id.as_str()));
    let mut keys = HashMap::new();
    for (i, key) in all.enumerate() {
        if keys.insert(key, NodeId(i)).is_some() {
            return Err(LoadError::DuplicateId(key.to_owned()));
        }
    }
    Ok(keys)
}

/// Resolves the targets of one node's answers, by name.
struct Targets<'a> {
    keys: &'a HashMap<&'a str, NodeId>,
    node: &'a str,
    seen: Vec<&'a str>,
}

impl<'a> Targets<'a> {
    fn new(keys: &'a HashMap<&'a str, NodeId>, node: &'a str) -> Targets<'a> {
        Targets {
            keys,
            node,
            seen: Vec::new(),
        }
    }

    /// The id of `target`, reached by the answer `answer`, which must be new on this node.
    fn resolve(&mut self, answer: &'a str, target: &str) -> Result<NodeId, LoadError> {
        if self.seen.contains(&answer) {
            return Err(LoadError::DuplicateAnswer {
                node: self.node.to_owned(),
                answer: answer.to_owned(),
            });
        }
        self.seen.push(answer);
        self.keys
            .get(target)
            .copied()
            .ok_or_else(|| LoadError::UnknownTarget {
                node: self.node.to_owned(),
                answer: answer.to_owned(),
                target: target.to_owned(),
            })
    }

    /// The flags and explanation of the answer named `field`; `texts` checks the explanation.
    fn effect(
        &self,
        field: &str,
        set: &[String],
        explain: &Option<RawText>,
        texts: &Texts,
    ) -> Result<Effect, LoadError> {
        if let Some(flag) = set.iter().find(|f| !is_id(f)) {
            return Err(LoadError::BadFlag {
                node: self.node.to_owned(),
                flag: flag.clone(),
            });
        }
        Ok(Effect {
            flags: set.to_vec(),
            explain: texts.optional(&format!("the explanation of {field}"), explain)?,
            over_limit: false,
        })
    }
}

fn question(q: &RawQuestion, keys: &HashMap<&str, NodeId>) -> Result<Question, LoadError> {
    if q.choices.len() < 2 {
        return Err(LoadError::TooFewChoices(q.id.clone()));
    }
    let mut targets = Targets::new(keys, &q.id);
    let texts = Texts::of(&q.id);
    let mut choices = Vec::with_capacity(q.choices.len());
    for c in &q.choices {
        let field = format!("choice \"{}\"", c.id);
        choices.push(Choice {
            key: c.id.clone(),
            label: texts.one(&format!("the label of {field}"), &c.label)?,
            next: targets.resolve(&c.id, &c.next)?,
            effect: targets.effect(&field, &c.set, &c.explain, &texts)?,
        });
    }
    Ok(Question {
        key: q.id.clone(),
        text: texts.one("the text", &q.text)?,
        help: texts.optional("the help", &q.help)?,
        choices,
        keywords: texts.keywords(&q.keywords)?,
    })
}

fn number(n: &RawNumber, keys: &HashMap<&str, NodeId>) -> Result<NumberQuestion, LoadError> {
    let bounds = |problem: &str| LoadError::RangeBounds {
        node: n.id.clone(),
        problem: problem.to_owned(),
    };
    // Written with partial_cmp so that NaN (which TOML allows) fails too.
    let below = |a: f64, b: f64| a.partial_cmp(&b) == Some(std::cmp::Ordering::Less);
    if !below(n.min, n.max) {
        return Err(bounds("min must be below max"));
    }
    let (Some(first), Some(last)) = (n.ranges.first(), n.ranges.last()) else {
        return Err(bounds("it has no range"));
    };
    if first.from != n.min || last.to != n.max {
        return Err(bounds(
            "the first range must start at min and the last end at max",
        ));
    }
    if let Some(r) = n.ranges.iter().find(|r| !below(r.from, r.to)) {
        return Err(bounds(&format!(
            "the range from {} has its to at {}",
            r.from, r.to
        )));
    }
    for pair in n.ranges.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if a.to < b.from {
            return Err(LoadError::RangeGap {
                node: n.id.clone(),
                from: a.to,
                to: b.from,
            });
        }
        if a.to > b.from {
            return Err(LoadError::RangeOverlap {
                node: n.id.clone(),
                from: b.from,
                to: a.to,
            });
        }
    }
    let mut targets = Targets::new(keys, &n.id);
    let texts = Texts::of(&n.id).naming_value();
    let names: Vec<String> = n
        .ranges
        .iter()
        .map(|r| format!("{}..{}", r.from, r.to))
        .collect();
    let mut ranges = Vec::with_capacity(n.ranges.len());
    for (r, name) in n.ranges.iter().zip(&names) {
        if r.over_limit && r.explain.is_none() {
            return Err(LoadError::UnexplainedLimit {
                node: n.id.clone(),
                range: name.clone(),
            });
        }
        ranges.push(Range {
            from: r.from,
            to: r.to,
            next: targets.resolve(name, &r.next)?,
            effect: Effect {
                over_limit: r.over_limit,
                ..targets.effect(&format!("range {name}"), &r.set, &r.explain, &texts)?
            },
        });
    }
    let texts = Texts::of(&n.id);
    Ok(NumberQuestion {
        key: n.id.clone(),
        text: texts.one("the text", &n.text)?,
        help: texts.optional("the help", &n.help)?,
        min: n.min,
        max: n.max,
        ranges,
        keywords: texts.keywords(&n.keywords)?,
    })
}

fn checklist(c: &RawChecklist, keys: &HashMap<&str, NodeId>) -> Result<Checklist, LoadError> {
    if c.items.is_empty() {
        return Err(LoadError::EmptyChecklist(c.id.clone()));
    }
    let mut targets = Targets::new(keys, &c.id);
    let texts = Texts::of(&c.id);
    let next = targets.resolve("all yes", &c.next)?;
    let mut items = Vec::with_capacity(c.items.len());
    for i in &c.items {
        let field = format!("item \"{}\"", i.id);
        items.push(Item {
            key: i.id.clone(),
            text: texts.one(&format!("the text of {field}"), &i.text)?,
            fail: targets.resolve(&i.id, &i.fail)?,
            effect: targets.effect(&field, &i.set, &i.explain, &texts)?,
        });
    }
    Ok(Checklist {
        key: c.id.clone(),
        text: texts.one("the text", &c.text)?,
        help: texts.optional("the help", &c.help)?,
        next,
        items,
        keywords: texts.keywords(&c.keywords)?,
    })
}

fn outcome(o: &RawOutcome) -> Result<Outcome, LoadError> {
    if !is_id(&o.action) {
        return Err(LoadError::MissingAction(o.id.clone()));
    }
    let kind = o.kind.ok_or_else(|| LoadError::MissingKind(o.id.clone()))?;
    let texts = Texts::of(&o.id);
    let mut links = Vec::with_capacity(o.links.len());
    for (n, l) in o.links.iter().enumerate() {
        if !l.url.starts_with("https://") {
            return Err(LoadError::InsecureLink {
                node: o.id.clone(),
                url: l.url.clone(),
            });
        }
        links.push(Link {
            label: texts.one(&format!("the label of link {}", n + 1), &l.label)?,
            url: l.url.clone(),
        });
    }
    Ok(Outcome {
        key: o.id.clone(),
        title: texts.one("the title", &o.title)?,
        summary: texts.one("the summary", &o.summary)?,
        steps: texts.list("step", &o.steps)?,
        warnings: texts.list("warning", &o.warnings)?,
        contacts: texts.list("contact", &o.contacts)?,
        links,
        action: ActionId(o.action.clone()),
        kind,
        keywords: texts.keywords(&o.keywords)?,
    })
}

/// A lowercase id such as `request_invitation`.
fn is_id(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Checks the texts of one node: each is written in every language, none is empty, and each
/// language uses the same known placeholders.
struct Texts<'a> {
    node: &'a str,
    /// Extra placeholders allowed: a range's explanation may name the typed `{value}`.
    also: &'static [&'static str],
}

impl<'a> Texts<'a> {
    fn of(node: &'a str) -> Texts<'a> {
        Texts { node, also: &[] }
    }

    fn naming_value(self) -> Texts<'a> {
        Texts {
            also: &[VALUE_PLACEHOLDER],
            ..self
        }
    }

    /// The text `field` (such as "the label of choice \"yes\"") of this node, checked.
    fn one(&self, field: &str, raw: &RawText) -> Result<Text, LoadError> {
        let mut placeholders: Option<Vec<&str>> = None;
        for lang in Lang::ALL {
            let text = raw.get(lang).ok_or_else(|| LoadError::MissingTranslation {
                node: self.node.to_owned(),
                field: field.to_owned(),
                lang,
            })?;
            if text.trim().is_empty() {
                return Err(LoadError::EmptyText(self.node.to_owned()));
            }
            if let Some(placeholder) = org::unknown_placeholder(text, self.also) {
                return Err(LoadError::UnknownPlaceholder {
                    node: self.node.to_owned(),
                    placeholder: placeholder.to_owned(),
                });
            }
            let mut used = org::placeholders(text);
            used.sort_unstable();
            used.dedup();
            match &placeholders {
                None => placeholders = Some(used),
                Some(first) => {
                    let odd = first.iter().find(|p| !used.contains(p));
                    let odd = odd.or_else(|| used.iter().find(|p| !first.contains(p)));
                    if let Some(odd) = odd {
                        return Err(LoadError::PlaceholderMismatch {
                            node: self.node.to_owned(),
                            field: field.to_owned(),
                            placeholder: (*odd).to_owned(),
                        });
                    }
                }
            }
        }
        let get = |lang| raw.get(lang).unwrap_or_default().to_owned();
        Ok(Text::new(get(Lang::En), get(Lang::Es)))
    }

    fn optional(&self, field: &str, raw: &Option<RawText>) -> Result<Option<Text>, LoadError> {
        raw.as_ref().map(|raw| self.one(field, raw)).transpose()
    }

    /// A list of texts, each named by `kind` and its number from 1: "step 2".
    fn list(&self, kind: &str, raws: &[RawText]) -> Result<Vec<Text>, LoadError> {
        raws.iter()
            .enumerate()
            .map(|(i, raw)| self.one(&format!("{kind} {}", i + 1), raw))
            .collect()
    }

    /// A list that may be left out but, when written, holds at least one text: `field` is its
    /// name in the file, and each entry is named by `kind` as in [`Texts::list`].
    fn listed(
        &self,
        field: &'static str,
        kind: &str,
        raws: &Option<Vec<RawText>>,
    ) -> Result<Vec<Text>, LoadError> {
        match raws.as_deref() {
            None => Ok(Vec::new()),
            Some([]) => Err(LoadError::EmptyList {
                node: self.node.to_owned(),
                field,
            }),
            Some(raws) => self.list(kind, raws),
        }
    }

    /// A node's search keywords.
    fn keywords(&self, raws: &Option<Vec<RawText>>) -> Result<Vec<Text>, LoadError> {
        self.listed("keywords", "keyword", raws)
    }
}

/// Every node is reachable from the start, and no path comes back to a node it passed.
fn check_graph(nodes: &[Node], start: NodeId) -> Result<(), LoadError> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Done,
    }
    fn visit(nodes: &[Node], id: NodeId, marks: &mut [Mark]) -> Result<(), LoadError> {
        match marks[id.0] {
            Mark::Done => return Ok(()),
            Mark::OnPath => return Err(LoadError::Cycle(nodes[id.0].key().to_owned())),
            Mark::New => {}
        }
        marks[id.0] = Mark::OnPath;
        for target in nodes[id.0].targets() {
            visit(nodes, target, marks)?;
        }
        marks[id.0] = Mark::Done;
        Ok(())
    }
    let mut marks = vec![Mark::New; nodes.len()];
    visit(nodes, start, &mut marks)?;
    match marks.iter().position(|m| *m == Mark::New) {
        Some(i) => Err(LoadError::Unreachable(nodes[i].key().to_owned())),
        None => Ok(()),
    }
}

/// FNV-1a over the flow's canonical JSON: stable across the app and the server, which read
/// the same content from different formats.
fn version_of(raw: &RawFlow) -> FlowVersion {
    let canonical = serde_json::to_vec(raw).expect("a RawFlow always serializes");
    let hash = canonical.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    });
    FlowVersion(format!("{hash:016x}"))
}
