//! The flow file as written: plain serde types that mirror the TOML, with no guarantees.
//! [`crate::Flow::from_raw`] turns them into the checked model.

use serde::{Deserialize, Serialize};

/// One flow file. Questions and outcomes are separate arrays so each kind has its own fields;
/// their order in the file is free.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFlow {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// The id of the first question.
    pub start: String,
    #[serde(default, rename = "question")]
    pub questions: Vec<RawQuestion>,
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
