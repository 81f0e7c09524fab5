//! The loader refuses each kind of broken flow with an error that names the node at fault.

use signpost_flow::raw::RawFlow;
use signpost_flow::{Flow, LoadError};

/// A valid two-question flow; each test breaks one thing in it.
const GOOD: &str = r#"
id = "tiny"
title = "Tiny"
summary = "A flow for tests."
start = "first"

[[question]]
id = "first"
text = "First?"
[[question.choice]]
id = "a"
label = "A"
next = "second"
[[question.choice]]
id = "b"
label = "B"
next = "done"

[[question]]
id = "second"
text = "Second, at {organisation}?"
[[question.choice]]
id = "a"
label = "A"
next = "done"
[[question.choice]]
id = "b"
label = "B"
next = "other"

[[outcome]]
id = "done"
title = "Done"
summary = "All done."
action = "info"
[[outcome.link]]
label = "Help"
url = "https://example.com/help"

[[outcome]]
id = "other"
title = "Other"
summary = "Also done."
action = "info"
"#;

fn load(text: &str) -> Result<Flow, LoadError> {
    let raw: RawFlow = toml::from_str(text).expect("fixture is valid TOML");
    Flow::from_raw(&raw)
}

fn broken(from: &str, to: &str) -> LoadError {
    assert!(GOOD.contains(from), "fixture has no {from:?}");
    load(&GOOD.replacen(from, to, 1)).expect_err("the broken fixture loads")
}

#[test]
fn the_untouched_fixture_loads() {
    let flow = load(GOOD).unwrap();
    assert_eq!(flow.paths().len(), 3);
}

#[test]
fn unknown_target_is_refused() {
    let err = broken("next = \"other\"", "next = \"nowhere\"");
    assert_eq!(
        err,
        LoadError::UnknownTarget {
            question: "second".into(),
            choice: "b".into(),
            target: "nowhere".into()
        }
    );
    assert!(err.to_string().contains("second") && err.to_string().contains("nowhere"));
}

#[test]
fn unreachable_node_is_refused() {
    assert_eq!(
        broken("next = \"other\"", "next = \"done\""),
        LoadError::Unreachable("other".into())
    );
}

#[test]
fn cycle_is_refused() {
    assert_eq!(
        broken("next = \"other\"", "next = \"first\""),
        LoadError::Cycle("first".into())
    );
}

#[test]
fn question_with_one_choice_is_refused() {
    let one_choice = "[[question.choice]]\nid = \"b\"\nlabel = \"B\"\nnext = \"done\"\n";
    assert_eq!(
        broken(one_choice, ""),
        LoadError::TooFewChoices("first".into())
    );
}

#[test]
fn outcome_without_an_action_is_refused() {
    assert_eq!(
        broken("action = \"info\"", "action = \"\""),
        LoadError::MissingAction("done".into())
    );
}

#[test]
fn duplicate_node_id_is_refused() {
    assert_eq!(
        broken("id = \"other\"", "id = \"done\""),
        LoadError::DuplicateId("done".into())
    );
}

#[test]
fn duplicate_answer_is_refused() {
    let err = broken(
        "id = \"b\"\nlabel = \"B\"\nnext = \"done\"",
        "id = \"a\"\nlabel = \"B\"\nnext = \"done\"",
    );
    assert_eq!(
        err,
        LoadError::DuplicateChoice {
            question: "first".into(),
            choice: "a".into()
        }
    );
}

#[test]
fn link_that_is_not_https_is_refused() {
    let err = broken("https://example.com/help", "http://example.com/help");
    assert!(matches!(err, LoadError::InsecureLink { node, .. } if node == "done"));
}

#[test]
fn unknown_placeholder_is_refused() {
    let err = broken("{organisation}", "{company}");
    assert_eq!(
        err,
        LoadError::UnknownPlaceholder {
            node: "second".into(),
            placeholder: "company".into()
        }
    );
}

#[test]
fn start_that_is_not_a_question_is_refused() {
    assert_eq!(
        broken("start = \"first\"", "start = \"done\""),
        LoadError::BadStart("done".into())
    );
}

#[test]
fn empty_text_is_refused() {
    assert_eq!(
        broken("text = \"First?\"", "text = \" \""),
        LoadError::EmptyText("first".into())
    );
}

#[test]
fn unknown_field_is_a_parse_error() {
    let text = GOOD.replacen("title = \"Done\"", "title = \"Done\"\ncolour = \"red\"", 1);
    assert!(toml::from_str::<RawFlow>(&text).is_err());
}
