//! Where a search pointed the person (`toward=` in the address): the node it found, and which
//! answers of the step on screen can still get there, as the engine says. The hint is words,
//! never colour alone, and it is gone once no answer leads there any more.

use leptos::prelude::*;
use signpost_flow::{Flow, NodeId};

use crate::i18n::fill;

/// The goal's title, and for each branch of the step (in the order of `Node::targets`) whether
/// it leads toward the goal.
#[derive(Debug, Clone, PartialEq)]
pub struct Toward {
    title: String,
    marks: Vec<bool>,
}

impl Toward {
    /// Heading from the node `at` of `flow` for its node `goal`, if some answer there still
    /// leads to it.
    pub fn from(flow: &Flow, at: NodeId, goal: Option<&str>) -> Option<Toward> {
        let (goal, node) = flow.node_by_key(goal?)?;
        let marks = flow.toward(at, goal);
        marks.contains(&true).then(|| Toward {
            title: fill(node.text()),
            marks,
        })
    }

    /// The hint for branch `branch`, saying `lead` before the goal's title, if it leads there.
    pub fn hint(&self, branch: usize, lead: &'static str) -> Option<impl IntoView> {
        let title = self.title.clone();
        self.marks.get(branch).copied().unwrap_or(false).then(|| {
            view! {
                <span class="toward" data-testid="toward">
                    <span class="toward-sign" aria-hidden="true">"➜ "</span>
                    {lead}
                    " "
                    {title}
                </span>
            }
        })
    }
}
