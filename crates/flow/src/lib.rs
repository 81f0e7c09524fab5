//! The flow model and engine: flows are data, checked when loaded, and walked the same way by
//! the app (to show the next step) and the server (to derive the action it stores).
//!
//! Reading and checking flow files (`load`, `raw`, `folder`) is the server's and the tools'
//! work: the app builds without those features and reads flows the server already checked.

pub mod api;
pub mod contact;
pub mod diff;
mod engine;
#[cfg(feature = "toml")]
pub mod folder;
mod lang;
mod layout;
#[cfg(feature = "load")]
mod load;
#[cfg(feature = "load")]
mod mermaid;
mod model;
pub mod org;
#[cfg(feature = "load")]
pub mod raw;
pub mod search;

pub use engine::{
    format_number, parse_percent, Answered, FlowError, Given, Note, Resume, Step, Walk,
};
pub use lang::{HomeWords, Lang, Text};
pub use layout::{Layout, Placed};
#[cfg(feature = "load")]
pub use load::LoadError;
pub use model::{
    ActionId, Checklist, Choice, Flow, FlowVersion, Item, Link, Node, NodeId, NodeKind,
    NumberQuestion, Outcome, OutcomeKind, Question, Range,
};
