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
            node: "second".into(),
            answer: "b".into(),
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
        LoadError::DuplicateAnswer {
            node: "first".into(),
            answer: "a".into()
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

/// A valid flow with a percentage and a checklist; the tests below break one thing each.
const MEASURED: &str = r#"
id = "measured"
title = "Measured"
summary = "Numbers and checks."
start = "checks"

[[checklist]]
id = "checks"
text = "Is all of this true?"
next = "rate"
[[checklist.item]]
id = "owner"
text = "You own both."
fail = "other"
set = ["not_owner"]
explain = "Only an owner can do this."

[[number]]
id = "rate"
text = "What is the rate?"
min = 0
max = 100
[[number.range]]
from = 0
to = 1
next = "done"
[[number.range]]
from = 1
to = 100
next = "other"
explain = "{value}% is over the limit."

[[outcome]]
id = "done"
title = "Done"
summary = "All done."
action = "info"

[[outcome]]
id = "other"
title = "Other"
summary = "Also done."
action = "info"
"#;

fn measured_broken(from: &str, to: &str) -> LoadError {
    assert!(MEASURED.contains(from), "fixture has no {from:?}");
    load(&MEASURED.replacen(from, to, 1)).expect_err("the broken fixture loads")
}

#[test]
fn the_untouched_measured_fixture_loads_and_walks() {
    let flow = load(MEASURED).unwrap();
    let paths: Vec<Vec<&str>> = vec![vec!["y", "0"], vec!["y", "1"], vec!["n"]];
    assert_eq!(flow.paths(), paths);
    let walk = flow.walk(&["y", "1,5 %"]).unwrap();
    assert_eq!(walk.notes, ["1.5% is over the limit."]);
    let walk = flow.walk(&["n"]).unwrap();
    assert_eq!(walk.flags, ["not_owner"]);
    assert_eq!(walk.notes, ["Only an owner can do this."]);
}

#[test]
fn gapped_ranges_are_refused() {
    let err = measured_broken("from = 1\nto = 100", "from = 2\nto = 100");
    assert_eq!(
        err,
        LoadError::RangeGap {
            node: "rate".into(),
            from: 1.0,
            to: 2.0
        }
    );
}

#[test]
fn overlapping_ranges_are_refused() {
    let err = measured_broken("from = 1\nto = 100", "from = 0.5\nto = 100");
    assert_eq!(
        err,
        LoadError::RangeOverlap {
            node: "rate".into(),
            from: 0.5,
            to: 1.0
        }
    );
}

#[test]
fn ranges_that_stop_short_of_max_are_refused() {
    let err = measured_broken("from = 1\nto = 100", "from = 1\nto = 90");
    assert!(matches!(err, LoadError::RangeBounds { node, .. } if node == "rate"));
}

#[test]
fn empty_checklist_is_refused() {
    let item = MEASURED
        .split("[[checklist.item]]")
        .nth(1)
        .unwrap()
        .split("\n\n")
        .next()
        .unwrap();
    let err = measured_broken(&format!("[[checklist.item]]{item}"), "");
    assert_eq!(err, LoadError::EmptyChecklist("checks".into()));
}

#[test]
fn flag_that_is_not_an_id_is_refused() {
    let err = measured_broken("set = [\"not_owner\"]", "set = [\"Not Owner\"]");
    assert_eq!(
        err,
        LoadError::BadFlag {
            node: "checks".into(),
            flag: "Not Owner".into()
        }
    );
}

#[test]
fn value_placeholder_outside_a_range_is_refused() {
    let err = measured_broken("Only an owner can do this.", "You typed {value}.");
    assert_eq!(
        err,
        LoadError::UnknownPlaceholder {
            node: "checks".into(),
            placeholder: "value".into()
        }
    );
}

#[test]
fn numbers_out_of_range_or_unreadable_are_error_values() {
    let flow = load(MEASURED).unwrap();
    assert!(matches!(
        flow.walk(&["y", "101"]).unwrap_err(),
        signpost_flow::FlowError::OutOfRange { .. }
    ));
    assert!(matches!(
        flow.walk(&["y", "abc"]).unwrap_err(),
        signpost_flow::FlowError::NotANumber { .. }
    ));
    assert!(matches!(
        flow.walk(&["yn"]).unwrap_err(),
        signpost_flow::FlowError::BadChecklist { .. }
    ));
}

#[test]
fn mermaid_draws_every_node_and_labelled_edge() {
    let text = load(MEASURED).unwrap().to_mermaid();
    assert!(text.starts_with("flowchart TD\n"));
    assert!(text.contains("  checks[[\"Is all of this true?\"]]"));
    assert!(text.contains("  rate[/\"What is the rate?\"/]"));
    assert!(text.contains("  done([\"Done<br/><i>info</i>\"])"));
    assert!(text.contains("  checks -->|\"all yes\"| rate"));
    assert!(text.contains("  checks -->|\"no: You own both.\"| other"));
    assert!(text.contains("  rate -->|\"1 to 100 %\"| other"));
}

#[test]
fn next_and_back_step_through_the_path() {
    let flow = load(GOOD).unwrap();
    assert!(
        matches!(flow.next(&["a"], "b").unwrap(), signpost_flow::Step::Outcome(o) if o.key() == "other")
    );
    assert!(
        matches!(flow.next::<&str>(&[], "a").unwrap(), signpost_flow::Step::Question(q) if q.key() == "second")
    );
    assert_eq!(Flow::back(&["a", "b"]), ["a"]);
    assert!(Flow::back::<&str>(&[]).is_empty());
}

#[test]
fn a_number_question_reads_its_own_answers_and_a_checklist_writes_its_own() {
    let flow = load(MEASURED).unwrap();
    let (signpost_flow::Step::Checklist(checks), Ok(walk)) = (flow.start(), flow.walk(&["y"]))
    else {
        panic!("the fixture starts with its checklist")
    };
    assert_eq!(checks.answer(&[true]), "y");
    assert_eq!(checks.answer(&[false]), "n");
    let signpost_flow::Step::Number(rate) = walk.step else {
        panic!("then asks a number")
    };
    assert_eq!(rate.read("0,5 %"), Ok(0.5));
    assert!(matches!(
        rate.read("150"),
        Err(signpost_flow::FlowError::OutOfRange { .. })
    ));
    assert!(matches!(
        rate.read("lots"),
        Err(signpost_flow::FlowError::NotANumber { .. })
    ));
}
