//! A flow as a Mermaid flowchart, so authors can see the graph they wrote.

use std::fmt::Write;

use crate::engine::format_number;
use crate::lang::{Lang, Text};
use crate::model::{Flow, Node};

impl Flow {
    /// The flow as Mermaid text: questions as diamonds, numbers as parallelograms, checklists as
    /// boxes, outcomes as rounded ends that name their action; each edge labelled by its answer.
    pub fn to_mermaid(&self) -> String {
        let mut out = String::from("flowchart TD\n");
        for node in self.nodes() {
            let key = node.key();
            let text = label(node.text());
            let _ = match node {
                Node::Question(_) => writeln!(out, "  {key}{{\"{text}\"}}"),
                Node::Number(_) => writeln!(out, "  {key}[/\"{text}\"/]"),
                Node::Checklist(_) => writeln!(out, "  {key}[[\"{text}\"]]"),
                Node::Outcome(o) => writeln!(
                    out,
                    "  {key}([\"{text}<br/><i>{}</i>\"])",
                    o.action().as_str()
                ),
            };
        }
        for node in self.nodes() {
            let from = node.key();
            let edges: Vec<(String, &Node)> = match node {
                Node::Question(q) => q
                    .choices()
                    .iter()
                    .map(|c| (label(c.label()), self.node(c.next())))
                    .collect(),
                Node::Number(n) => n
                    .ranges()
                    .iter()
                    .map(|r| {
                        (
                            format!("{} to {} %", format_number(r.from()), format_number(r.to())),
                            self.node(r.next()),
                        )
                    })
                    .collect(),
                Node::Checklist(c) => std::iter::once(("all yes".to_owned(), self.node(c.next())))
                    .chain(
                        c.items()
                            .iter()
                            .map(|i| (format!("no: {}", label(i.text())), self.node(i.fail()))),
                    )
                    .collect(),
                Node::Outcome(_) => Vec::new(),
            };
            for (answer, to) in edges {
                let _ = writeln!(out, "  {from} -->|\"{answer}\"| {}", to.key());
            }
        }
        out
    }
}

/// A flow text, in English, safe inside a quoted Mermaid label.
fn label(text: &Text) -> String {
    text.get(Lang::En).replace('"', "#quot;")
}
