//! Turning a [`RawFlow`] into a checked [`Flow`]: every rule a flow file must keep is here.

use std::collections::HashMap;

use thiserror::Error;

use crate::model::{ActionId, Choice, Flow, FlowVersion, Link, Node, NodeId, Outcome, Question};
use crate::org;
use crate::raw::{RawFlow, RawOutcome, RawQuestion};

/// Why a flow file was refused. Each variant names the node at fault.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LoadError {
    #[error("the id \"{0}\" is used by more than one node")]
    DuplicateId(String),
    #[error("question \"{question}\" has the answer \"{choice}\" more than once")]
    DuplicateChoice { question: String, choice: String },
    #[error("\"start\" names \"{0}\", which is not a question in this flow")]
    BadStart(String),
    #[error(
        "question \"{question}\": answer \"{choice}\" leads to \"{target}\", which does not exist"
    )]
    UnknownTarget {
        question: String,
        choice: String,
        target: String,
    },
    #[error("question \"{0}\" needs at least two answers")]
    TooFewChoices(String),
    #[error("node \"{0}\" cannot be reached from the start")]
    Unreachable(String),
    #[error("question \"{0}\" can lead back to itself")]
    Cycle(String),
    #[error("outcome \"{0}\" has no action (a lowercase id such as request_invitation)")]
    MissingAction(String),
    #[error("node \"{node}\" links to \"{url}\": links must start with https://")]
    InsecureLink { node: String, url: String },
    #[error(
        "node \"{node}\" uses {{{placeholder}}}, which the organisation config does not define"
    )]
    UnknownPlaceholder { node: String, placeholder: String },
    #[error("node \"{0}\" has an empty text")]
    EmptyText(String),
}

impl Flow {
    /// Checks a raw flow and builds the model, or says what is wrong with it.
    pub fn from_raw(raw: &RawFlow) -> Result<Flow, LoadError> {
        let keys = node_keys(raw)?;
        let mut nodes = Vec::with_capacity(keys.len());
        for q in &raw.questions {
            nodes.push(Node::Question(question(q, &keys)?));
        }
        for o in &raw.outcomes {
            nodes.push(Node::Outcome(outcome(o)?));
        }
        let start = match keys.get(raw.start.as_str()) {
            Some(&id) if matches!(nodes[id.0], Node::Question(_)) => id,
            _ => return Err(LoadError::BadStart(raw.start.clone())),
        };
        check_texts(raw)?;
        check_graph(&nodes, start)?;
        Ok(Flow {
            id: raw.id.clone(),
            title: raw.title.clone(),
            summary: raw.summary.clone(),
            version: version_of(raw),
            start,
            nodes,
        })
    }

    /// Reads the JSON bundle that the build writes from `flows/` (see `bundle`).
    pub fn bundle_from_json(json: &str) -> Result<Vec<Flow>, String> {
        let raws: Vec<RawFlow> = serde_json::from_str(json).map_err(|e| e.to_string())?;
        raws.iter()
            .map(|raw| Flow::from_raw(raw).map_err(|e| format!("flow \"{}\": {e}", raw.id)))
            .collect()
    }
}

/// Gives every node an id in file order: questions first, then outcomes.
fn node_keys(raw: &RawFlow) -> Result<HashMap<&str, NodeId>, LoadError> {
    let all = raw.questions.iter().map(|q| q.id.as_str());
    let all = all.chain(raw.outcomes.iter().map(|o| o.id.as_str()));
    let mut keys = HashMap::new();
    for (i, key) in all.enumerate() {
        if keys.insert(key, NodeId(i)).is_some() {
            return Err(LoadError::DuplicateId(key.to_owned()));
        }
    }
    Ok(keys)
}

fn question(q: &RawQuestion, keys: &HashMap<&str, NodeId>) -> Result<Question, LoadError> {
    if q.choices.len() < 2 {
        return Err(LoadError::TooFewChoices(q.id.clone()));
    }
    let mut choices: Vec<Choice> = Vec::with_capacity(q.choices.len());
    for c in &q.choices {
        if choices.iter().any(|seen| seen.key == c.id) {
            return Err(LoadError::DuplicateChoice {
                question: q.id.clone(),
                choice: c.id.clone(),
            });
        }
        let next = *keys
            .get(c.next.as_str())
            .ok_or_else(|| LoadError::UnknownTarget {
                question: q.id.clone(),
                choice: c.id.clone(),
                target: c.next.clone(),
            })?;
        choices.push(Choice {
            key: c.id.clone(),
            label: c.label.clone(),
            next,
        });
    }
    Ok(Question {
        key: q.id.clone(),
        text: q.text.clone(),
        help: q.help.clone(),
        choices,
    })
}

fn outcome(o: &RawOutcome) -> Result<Outcome, LoadError> {
    let action_ok = !o.action.is_empty()
        && o.action
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'_');
    if !action_ok {
        return Err(LoadError::MissingAction(o.id.clone()));
    }
    let mut links = Vec::with_capacity(o.links.len());
    for l in &o.links {
        if !l.url.starts_with("https://") {
            return Err(LoadError::InsecureLink {
                node: o.id.clone(),
                url: l.url.clone(),
            });
        }
        links.push(Link {
            label: l.label.clone(),
            url: l.url.clone(),
        });
    }
    Ok(Outcome {
        key: o.id.clone(),
        title: o.title.clone(),
        summary: o.summary.clone(),
        steps: o.steps.clone(),
        warnings: o.warnings.clone(),
        contacts: o.contacts.clone(),
        links,
        action: ActionId(o.action.clone()),
    })
}

/// Every text a person reads must be non-empty and use only known placeholders.
fn check_texts(raw: &RawFlow) -> Result<(), LoadError> {
    let question_texts = raw.questions.iter().map(|q| {
        let texts = [Some(&q.text), q.help.as_ref()].into_iter().flatten();
        let texts = texts.chain(q.choices.iter().map(|c| &c.label));
        (&q.id, texts.collect::<Vec<_>>())
    });
    let outcome_texts = raw.outcomes.iter().map(|o| {
        let texts = [&o.title, &o.summary].into_iter();
        let texts = texts.chain(&o.steps).chain(&o.warnings).chain(&o.contacts);
        let texts = texts.chain(o.links.iter().map(|l| &l.label));
        (&o.id, texts.collect::<Vec<_>>())
    });
    for (node, texts) in question_texts.chain(outcome_texts) {
        for text in texts {
            if text.trim().is_empty() {
                return Err(LoadError::EmptyText(node.clone()));
            }
            if let Some(placeholder) = org::unknown_placeholder(text) {
                return Err(LoadError::UnknownPlaceholder {
                    node: node.clone(),
                    placeholder: placeholder.to_owned(),
                });
            }
        }
    }
    Ok(())
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
        if let Node::Question(q) = &nodes[id.0] {
            for choice in &q.choices {
                visit(nodes, choice.next, marks)?;
            }
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
