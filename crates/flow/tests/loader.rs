//! The loader refuses each kind of broken flow with an error that names the node at fault.

use signpost_flow::raw::RawFlow;
use signpost_flow::{Flow, Lang, LoadError};

/// A valid two-question flow; each test breaks one thing in it.
const GOOD: &str = r#"
id = "tiny"
title = { en = "Tiny", es = "Mínimo" }
summary = { en = "A flow for tests.", es = "Un flujo para pruebas." }
start = "first"

[[question]]
id = "first"
text = { en = "First?", es = "¿Primero?" }
[[question.choice]]
id = "a"
label = { en = "A", es = "A" }
next = "second"
[[question.choice]]
id = "b"
label = { en = "B", es = "B" }
next = "done"

[[question]]
id = "second"
text = { en = "Second, at {organisation}?", es = "¿Segundo, en {organisation}?" }
[[question.choice]]
id = "a"
label = { en = "A", es = "A" }
next = "done"
[[question.choice]]
id = "b"
label = { en = "B", es = "B" }
next = "other"

[[outcome]]
id = "done"
title = { en = "Done", es = "Hecho" }
summary = { en = "All done.", es = "Todo hecho." }
action = "info"
kind = "self_service"
[[outcome.link]]
label = { en = "Help", es = "Ayuda" }
url = "https://example.com/help"

[[outcome]]
id = "other"
title = { en = "Other", es = "Otro" }
summary = { en = "Also done.", es = "También hecho." }
action = "info"
kind = "self_service"
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
    let one_choice =
        "[[question.choice]]\nid = \"b\"\nlabel = { en = \"B\", es = \"B\" }\nnext = \"done\"\n";
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
fn an_outcome_that_does_not_say_who_acts_on_it_is_refused() {
    let error = broken("kind = \"self_service\"\n", "");
    assert_eq!(error, LoadError::MissingKind("done".into()));
    assert!(error.to_string().contains("kind = \"request\""), "{error}");
}

#[test]
fn an_outcome_of_an_unknown_kind_is_refused_when_the_file_is_read() {
    let text = GOOD.replacen("kind = \"self_service\"", "kind = \"maybe\"", 1);
    let error = toml::from_str::<RawFlow>(&text).unwrap_err();
    assert!(
        error.to_string().contains("unknown variant `maybe`"),
        "{error}"
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
        "id = \"b\"\nlabel = { en = \"B\", es = \"B\" }\nnext = \"done\"",
        "id = \"a\"\nlabel = { en = \"B\", es = \"B\" }\nnext = \"done\"",
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
        broken("en = \"First?\"", "en = \" \""),
        LoadError::EmptyText("first".into())
    );
}

#[test]
fn a_text_without_its_spanish_is_refused_naming_node_and_field() {
    let err = broken(", es = \"¿Segundo, en {organisation}?\"", "");
    assert_eq!(
        err,
        LoadError::MissingTranslation {
            node: "second".into(),
            field: "the text".into(),
            lang: Lang::Es
        }
    );
    assert_eq!(
        err.to_string(),
        "node \"second\": the text has no \"es\" text; every text needs each language"
    );
}

#[test]
fn a_text_without_its_english_is_refused_wherever_it_is() {
    let err = broken(
        "label = { en = \"B\", es = \"B\" }",
        "label = { es = \"B\" }",
    );
    assert_eq!(
        err,
        LoadError::MissingTranslation {
            node: "first".into(),
            field: "the label of choice \"b\"".into(),
            lang: Lang::En
        }
    );
    let err = broken("en = \"Help\", ", "");
    assert!(
        matches!(&err, LoadError::MissingTranslation { node, field, lang: Lang::En }
            if node == "done" && field == "the label of link 1"),
        "{err:?}"
    );
    let err = measured_broken(", es = \"Solo un propietario puede hacerlo.\"", "");
    assert!(
        matches!(&err, LoadError::MissingTranslation { node, field, lang: Lang::Es }
            if node == "checks" && field == "the explanation of item \"owner\""),
        "{err:?}"
    );
}

#[test]
fn a_translation_that_drops_or_invents_a_placeholder_is_refused() {
    let err = broken("¿Segundo, en {organisation}?", "¿Segundo?");
    assert_eq!(
        err,
        LoadError::PlaceholderMismatch {
            node: "second".into(),
            field: "the text".into(),
            placeholder: "organisation".into()
        }
    );
    let err = broken("es = \"Hecho\"", "es = \"Hecho en {organisation}\"");
    assert!(
        matches!(&err, LoadError::PlaceholderMismatch { node, placeholder, .. }
            if node == "done" && placeholder == "organisation"),
        "{err:?}"
    );
    let err = measured_broken("El {value} % supera", "El valor supera");
    assert!(
        matches!(err, LoadError::PlaceholderMismatch { .. }),
        "{err:?}"
    );
}

#[test]
fn a_language_the_wizard_does_not_speak_is_a_parse_error() {
    let text = GOOD.replacen("es = \"Hecho\"", "es = \"Hecho\", fr = \"Fait\"", 1);
    assert!(toml::from_str::<RawFlow>(&text).is_err());
}

#[test]
fn a_spanish_walk_reads_its_notes_and_answers_in_spanish() {
    let flow = load(MEASURED).unwrap();
    let walk = flow.walk(&["y", "1,5 %"]).unwrap();
    assert_eq!(walk.notes(Lang::Es), ["El 1,5 % supera el límite."]);
    let walk = flow.walk(&["n"]).unwrap();
    assert_eq!(
        walk.answered[0].given.describe(Lang::Es),
        "No: Eres propietario de las dos."
    );
    assert_eq!(
        walk.answered[0].given.describe(Lang::En),
        "No: You own both."
    );
    assert_eq!(flow.title().get(Lang::Es), "Medido");
}

#[test]
fn unknown_field_is_a_parse_error() {
    let text = GOOD.replacen(
        "action = \"info\"",
        "action = \"info\"\ncolour = \"red\"",
        1,
    );
    assert!(toml::from_str::<RawFlow>(&text).is_err());
}

/// A valid flow with a percentage and a checklist; the tests below break one thing each.
const MEASURED: &str = r#"
id = "measured"
title = { en = "Measured", es = "Medido" }
summary = { en = "Numbers and checks.", es = "Números y comprobaciones." }
start = "checks"
flags.not_owner = { en = "Not the owner", es = "No es el propietario" }

[[checklist]]
id = "checks"
text = { en = "Is all of this true?", es = "¿Es todo esto cierto?" }
next = "rate"
[[checklist.item]]
id = "owner"
text = { en = "You own both.", es = "Eres propietario de las dos." }
fail = "other"
set = ["not_owner"]
explain = { en = "Only an owner can do this.", es = "Solo un propietario puede hacerlo." }

[[number]]
id = "rate"
text = { en = "What is the rate?", es = "¿Cuál es la tasa?" }
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
explain = { en = "{value}% is over the limit.", es = "El {value} % supera el límite." }
over_limit = true

[[outcome]]
id = "done"
title = { en = "Done", es = "Hecho" }
summary = { en = "All done.", es = "Todo hecho." }
action = "info"
kind = "self_service"

[[outcome]]
id = "other"
title = { en = "Other", es = "Otro" }
summary = { en = "Also done.", es = "También hecho." }
action = "info"
kind = "self_service"
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
    assert_eq!(walk.notes(Lang::En), ["1.5% is over the limit."]);
    let walk = flow.walk(&["n"]).unwrap();
    assert_eq!(walk.flags, ["not_owner"]);
    assert_eq!(
        flow.flag("not_owner").unwrap().get(Lang::Es),
        "No es el propietario"
    );
    assert_eq!(walk.notes(Lang::En), ["Only an owner can do this."]);
}

#[test]
fn a_range_over_a_limit_marks_its_explanation_and_the_app_receives_the_mark() {
    let flow = load(MEASURED).unwrap();
    let over = flow.walk(&["y", "1,5"]).unwrap();
    assert!(over.explained.iter().all(|note| note.over_limit()));
    // What the server sends the app keeps the mark.
    let sent: Flow = serde_json::from_str(&serde_json::to_string(&flow).unwrap()).unwrap();
    let over = sent.walk(&["y", "1,5"]).unwrap();
    assert_eq!(over.explained.len(), 1);
    assert!(over.explained[0].over_limit());
    let within = sent.walk(&["n"]).unwrap();
    assert!(!within.explained[0].over_limit());
}

#[test]
fn a_range_marked_over_a_limit_without_an_explanation_is_refused() {
    let broken = MEASURED.replacen(
        "explain = { en = \"{value}% is over the limit.\", es = \"El {value} % supera el límite.\" }\n",
        "",
        1,
    );
    assert_ne!(broken, MEASURED);
    let error = load(&broken).unwrap_err();
    assert!(
        matches!(&error, LoadError::UnexplainedLimit { range, .. } if range == "1..100"),
        "{error}"
    );
    assert!(error.to_string().contains("over_limit"), "{error}");
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
fn a_flag_without_a_description_is_refused() {
    let err = measured_broken("set = [\"not_owner\"]", "set = [\"not_owner\", \"unpaid\"]");
    assert_eq!(
        err,
        LoadError::UndescribedFlag {
            node: "checks".into(),
            flag: "unpaid".into()
        }
    );
}

#[test]
fn a_description_of_a_flag_no_answer_sets_is_refused() {
    let err = measured_broken("set = [\"not_owner\"]\n", "");
    assert_eq!(err, LoadError::UnusedFlag("not_owner".into()));
}

#[test]
fn a_flag_description_needs_each_language() {
    let err = measured_broken(", es = \"No es el propietario\"", "");
    assert!(
        matches!(&err, LoadError::MissingTranslation { node, field, lang: Lang::Es }
            if node == "flags" && field == "flag \"not_owner\""),
        "{err:?}"
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
fn a_walk_steps_through_the_path_and_names_its_nodes() {
    let flow = load(GOOD).unwrap();
    let walk = flow.walk(&["a", "b"]).unwrap();
    assert!(matches!(walk.step, signpost_flow::Step::Outcome(o) if o.key() == "other"));
    assert!(
        matches!(flow.walk(&["a"]).unwrap().step, signpost_flow::Step::Question(q) if q.key() == "second")
    );
    let (id, node) = flow.node_by_key("other").unwrap();
    assert_eq!(walk.at, id);
    assert_eq!(node.kind(), signpost_flow::NodeKind::Outcome);
    assert!(flow.node_by_key("nowhere").is_none());
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

#[test]
fn a_flow_sent_as_json_walks_as_the_checked_one_did() {
    for fixture in [GOOD, MEASURED] {
        let flow = load(fixture).unwrap();
        let json = serde_json::to_string(&flow).unwrap();
        let read: Flow = serde_json::from_str(&json).unwrap();
        assert_eq!(read.version(), flow.version());
        assert_eq!(read.title(), flow.title());
        for path in flow.paths() {
            let (sent, checked) = (read.walk(&path).unwrap(), flow.walk(&path).unwrap());
            assert_eq!(sent.at, checked.at, "{path:?}");
            assert_eq!(sent.flags, checked.flags, "{path:?}");
            assert_eq!(sent.notes(Lang::Es), checked.notes(Lang::Es), "{path:?}");
        }
    }
}

#[test]
fn a_transcript_gives_each_question_and_answer_in_the_language_asked() {
    let flow = load(GOOD).unwrap();
    let org = signpost_flow::org::Organisation::example();
    let walk = flow.walk(&["a", "b"]).unwrap();
    let spanish = walk.transcript(&org, Lang::Es);
    assert_eq!(spanish.len(), 2);
    assert_eq!(spanish[0].question, "¿Primero?");
    assert_eq!(
        spanish[1].question,
        "¿Segundo, en la Universidad de Ejemplo?"
    );
    assert_eq!(spanish[1].answer, "B");
    let english = walk.transcript(&org, Lang::En);
    assert_eq!(english[1].question, "Second, at Example University?");
    assert_eq!(org.name_in(Lang::Es), "Universidad de Ejemplo");
}

#[test]
fn a_flow_lists_each_of_its_actions_once() {
    let flow = load(GOOD).unwrap();
    let actions: Vec<&str> = flow.actions().iter().map(|a| a.as_str()).collect();
    assert_eq!(actions, ["info"]);
}

#[test]
fn a_link_resumes_at_the_first_answer_that_no_longer_fits() {
    let flow = load(GOOD).unwrap();
    assert!(
        matches!(flow.resume(&["a", "b"]), signpost_flow::Resume::Whole(w) if w.answered.len() == 2)
    );
    // The second answer no longer exists: the first is kept, and the walk stands at "second".
    let signpost_flow::Resume::Prefix { walk, kept } = flow.resume(&["a", "gone"]) else {
        panic!("a prefix fits")
    };
    assert_eq!(kept, 1);
    assert_eq!(flow.node(walk.at).key(), "second");
    // Answers that go on past an outcome keep what reached it.
    let signpost_flow::Resume::Prefix { walk, kept } = flow.resume(&["b", "a"]) else {
        panic!("a prefix fits")
    };
    assert_eq!((kept, flow.node(walk.at).key()), (1, "done"));
    // Not even the first answer fits.
    assert!(matches!(
        flow.resume(&["gone", "a"]),
        signpost_flow::Resume::Start
    ));
    let none: [&str; 0] = [];
    assert!(matches!(
        flow.resume(&none),
        signpost_flow::Resume::Whole(_)
    ));
}

#[test]
fn a_link_to_a_node_opens_on_the_shortest_way_there() {
    let flow = load(GOOD).unwrap();
    assert_eq!(flow.path_to_key("other").unwrap(), ["a", "b"]);
    assert_eq!(flow.path_to_key("done").unwrap(), ["b"]);
    assert!(flow.path_to_key("first").unwrap().is_empty());
    assert_eq!(flow.path_to_key("nowhere"), None);
    let measured = load(MEASURED).unwrap();
    let path = measured.path_to_key("other").unwrap();
    assert!(measured.walk(&path).unwrap().outcome().unwrap().key() == "other");
}

/// GOOD with keywords on its first question and its outcome, and topics for the flow.
fn with_keywords(keywords: &str) -> String {
    GOOD.replacen(
        "text = { en = \"First?\", es = \"¿Primero?\" }",
        &format!("text = {{ en = \"First?\", es = \"¿Primero?\" }}\nkeywords = {keywords}"),
        1,
    )
}

#[test]
fn keywords_and_topics_are_read_in_each_language_and_left_out_of_the_flow_the_app_walks() {
    let text =
        with_keywords(r#"[{ en = "Stop", es = "Detener" }, { en = "cancel", es = "cancelar" }]"#)
            .replacen(
                "start = \"first\"",
                "start = \"first\"\ntopics = [{ en = \"tiny things\", es = \"cosas mínimas\" }]",
                1,
            );
    let flow = load(&text).unwrap();
    let (_, first) = flow.node_by_key("first").unwrap();
    let keywords: Vec<&str> = first.keywords().iter().map(|k| k.get(Lang::Es)).collect();
    assert_eq!(keywords, ["Detener", "cancelar"]);
    assert!(flow.node_by_key("done").unwrap().1.keywords().is_empty());
    assert_eq!(flow.topics()[0].get(Lang::En), "tiny things");
    // Keywords and topics change the version, as any content does, but the app does not carry them.
    assert_ne!(flow.version(), load(GOOD).unwrap().version());
    let json = serde_json::to_string(&flow).unwrap();
    assert!(
        !json.contains("Detener") && !json.contains("tiny things"),
        "{json}"
    );
}

#[test]
fn an_empty_list_of_keywords_or_topics_is_refused_naming_the_node() {
    let err = load(&with_keywords("[]")).unwrap_err();
    assert_eq!(
        err,
        LoadError::EmptyList {
            node: "first".into(),
            field: "keywords"
        }
    );
    assert_eq!(
        err.to_string(),
        "node \"first\": keywords is an empty list; write at least one, or leave it out"
    );
    let no_topics = GOOD.replacen("start = \"first\"", "start = \"first\"\ntopics = []", 1);
    assert_eq!(
        load(&no_topics).unwrap_err(),
        LoadError::EmptyList {
            node: "tiny".into(),
            field: "topics"
        }
    );
}

#[test]
fn a_keyword_missing_a_language_or_blank_is_refused_naming_it() {
    let err = load(&with_keywords(
        r#"[{ en = "stop", es = "detener" }, { en = "cancel" }]"#,
    ))
    .unwrap_err();
    assert_eq!(
        err,
        LoadError::MissingTranslation {
            node: "first".into(),
            field: "keyword 2".into(),
            lang: Lang::Es
        }
    );
    let err = load(&with_keywords(r#"[{ en = " ", es = "detener" }]"#)).unwrap_err();
    assert_eq!(err, LoadError::EmptyText("first".into()));
    let err = load(&with_keywords(
        r#"[{ en = "{company}", es = "{company}" }]"#,
    ))
    .unwrap_err();
    assert!(
        matches!(err, LoadError::UnknownPlaceholder { .. }),
        "{err:?}"
    );
}

#[test]
fn every_kind_of_node_may_have_keywords() {
    let keywords = "keywords = [{ en = \"score\", es = \"puntuación\" }]\n";
    let text = MEASURED
        .replacen(
            "next = \"rate\"\n",
            &format!("next = \"rate\"\n{keywords}"),
            1,
        )
        .replacen("max = 100\n", &format!("max = 100\n{keywords}"), 1)
        .replacen(
            "action = \"info\"\n",
            &format!("action = \"info\"\n{keywords}"),
            1,
        );
    let flow = load(&text).unwrap();
    for key in ["checks", "rate", "done"] {
        let (_, node) = flow.node_by_key(key).unwrap();
        assert_eq!(node.keywords().len(), 1, "{key}");
        assert_eq!(node.keywords()[0].get(Lang::Es), "puntuación", "{key}");
    }
    let err = load(&MEASURED.replacen("max = 100\n", "max = 100\nkeywords = []\n", 1)).unwrap_err();
    assert_eq!(
        err,
        LoadError::EmptyList {
            node: "rate".into(),
            field: "keywords"
        }
    );
}

/// Forty questions one after another, each with two answers to the next: 2^40 ways through.
#[test]
fn progress_is_counted_without_walking_every_way_through() {
    let mut text = String::from(
        "id = \"long\"\ntitle = { en = \"Long\", es = \"Largo\" }\n\
         summary = { en = \"Many ways.\", es = \"Muchos caminos.\" }\nstart = \"q0\"\n",
    );
    for i in 0..40 {
        let next = if i == 39 {
            "done".to_owned()
        } else {
            format!("q{}", i + 1)
        };
        text += &format!(
            "[[question]]\nid = \"q{i}\"\ntext = {{ en = \"Q{i}?\", es = \"¿P{i}?\" }}\n\
             [[question.choice]]\nid = \"a\"\nlabel = {{ en = \"A\", es = \"A\" }}\nnext = \"{next}\"\n\
             [[question.choice]]\nid = \"b\"\nlabel = {{ en = \"B\", es = \"B\" }}\nnext = \"{next}\"\n"
        );
    }
    text += "[[outcome]]\nid = \"done\"\ntitle = { en = \"Done\", es = \"Hecho\" }\n\
             summary = { en = \"All done.\", es = \"Todo hecho.\" }\naction = \"info\"\n\
             kind = \"self_service\"\n";
    let flow = load(&text).unwrap();
    assert_eq!(flow.questions_left(flow.start_id()), 40);
}
