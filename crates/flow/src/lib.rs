//! The flow model and engine: flows are data, checked when loaded, and walked the same way by
//! the app (to show the next step) and the server (to derive the action it stores).

pub mod api;
#[cfg(feature = "toml")]
pub mod bundle;
pub mod contact;
mod engine;
mod lang;
mod load;
mod mermaid;
mod model;
pub mod org;
pub mod raw;

pub use engine::{format_number, parse_percent, Answered, FlowError, Given, Note, Step, Walk};
pub use lang::{Lang, Text};
pub use load::LoadError;
pub use model::{
    ActionId, Checklist, Choice, Flow, FlowVersion, Item, Link, Node, NodeId, NumberQuestion,
    Outcome, Question, Range,
};
