//! Loading the real flow files for tests.

// Each test file uses a different part of this module.
#![allow(dead_code)]

use signpost_flow::raw::RawFlow;
use signpost_flow::{Flow, Lang, Node, Outcome};

/// The flow with this id from `flows/`, parsed and checked, panicking with the loader's message.
pub fn flow(id: &str) -> Flow {
    let dir = format!("{}/../../flows", env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let raw: RawFlow =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if raw.id == id {
            return Flow::from_raw(&raw).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
    }
    panic!("no flow with id {id} in {dir}")
}

/// Everything a person reads on the outcome of `answers`, in English, with the explanations
/// the answers added, as one text to search for facts.
pub fn outcome_text(flow: &Flow, answers: &[&str]) -> String {
    outcome_text_in(flow, answers, Lang::En)
}

/// The same in `lang`.
pub fn outcome_text_in(flow: &Flow, answers: &[&str], lang: Lang) -> String {
    let walk = flow.walk(answers).expect("the answers fit the flow");
    let outcome: &Outcome = flow
        .walk(answers)
        .and_then(|w| w.outcome())
        .expect("the answers reach an outcome");
    let texts = [outcome.title(), outcome.summary()].into_iter();
    let texts = texts.chain(outcome.steps());
    let texts = texts.chain(outcome.warnings());
    let texts = texts.chain(outcome.contacts());
    let mut parts: Vec<String> = texts.map(|t| t.get(lang).to_owned()).collect();
    for link in outcome.links() {
        parts.push(link.label().get(lang).to_owned());
        parts.push(link.url().to_owned());
    }
    parts.extend(walk.notes(lang));
    parts.join("\n")
}

/// Every complete path ends in an outcome whose action is set.
pub fn assert_every_path_ends_in_an_outcome(flow: &Flow) {
    let paths = flow.paths();
    assert!(!paths.is_empty());
    for path in paths {
        let outcome = flow
            .walk(&path)
            .and_then(|w| w.outcome())
            .unwrap_or_else(|e| panic!("{path:?}: {e}"));
        assert!(!outcome.action().as_str().is_empty());
    }
}

/// The action id of the outcome `answers` reach.
pub fn action(flow: &Flow, answers: &[&str]) -> String {
    flow.walk(answers)
        .and_then(|w| w.outcome())
        .unwrap()
        .action()
        .as_str()
        .to_owned()
}

/// Where `needle` appears in `text`, panicking with the text if it does not.
pub fn at(text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in:\n{text}"))
}

/// The id of the outcome `answers` reach.
pub fn outcome_key(flow: &Flow, answers: &[&str]) -> String {
    flow.walk(answers)
        .and_then(|w| w.outcome())
        .unwrap_or_else(|e| panic!("{answers:?}: {e}"))
        .key()
        .to_owned()
}

/// Every answer whose English label says the person is unsure ("not sure", "don't know"), as
/// `question id/answer id`, sorted.
pub fn unsure_answers(flow: &Flow) -> Vec<String> {
    let mut unsure = Vec::new();
    for node in flow.nodes() {
        if let Node::Question(question) = node {
            for choice in question.choices() {
                let label = choice.label().get(Lang::En).to_lowercase();
                if label.contains("not sure") || label.contains("don't know") {
                    unsure.push(format!("{}/{}", question.key(), choice.key()));
                }
            }
        }
    }
    unsure.sort();
    unsure
}

/// The outcomes of `flow` that are requests a team of the organisation acts on, in file order.
pub fn requests(flow: &Flow) -> Vec<&str> {
    flow.nodes()
        .iter()
        .filter_map(|node| match node {
            Node::Outcome(o) if o.kind() == signpost_flow::OutcomeKind::Request => Some(o.key()),
            _ => None,
        })
        .collect()
}
