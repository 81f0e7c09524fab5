//! Generated inputs: the loader answers a flow or a typed error for any file, and the engine walks any answers without a panic.

mod common;

use std::collections::BTreeMap;

use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;
use signpost_flow::raw::{
    RawChecklist, RawChoice, RawFlow, RawItem, RawLink, RawNumber, RawOutcome, RawQuestion,
    RawRange, RawText,
};
use signpost_flow::{Flow, LoadError, Node, OutcomeKind, Resume};

/// 64 cases a property unless `PROPTEST_CASES` says otherwise (`scripts/fuzz` runs many more).
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(64);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

/// The text of a shipped flow file.
fn join_text() -> String {
    let file = format!("{}/../../flows/1-join.toml", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(file).unwrap()
}

/// What `folder::parse_file` does with a file's text (that module needs the `toml` feature,
/// which this package's own tests build without): parse, then check.
fn parse_and_check(text: &str) -> Option<Result<Flow, LoadError>> {
    toml::from_str::<RawFlow>(text)
        .ok()
        .map(|raw| Flow::from_raw(&raw))
}

// Generated flows: ids from small alphabets, so targets sometimes exist and sometimes dangle,
// ids sometimes repeat, and texts, flags and ranges are sometimes right and sometimes not.

fn node_id() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => Just("a"),
        3 => Just("b"),
        3 => Just("c"),
        3 => Just("d"),
        3 => Just("e"),
        1 => Just("")
    ]
    .prop_map(str::to_owned)
}

fn answer_id() -> impl Strategy<Value = String> {
    prop_oneof![Just("x"), Just("y"), Just("z"), Just("")].prop_map(str::to_owned)
}

fn flag_id() -> impl Strategy<Value = String> {
    prop_oneof![8 => Just("f"), 4 => Just("g"), 1 => Just("Not A Flag")].prop_map(str::to_owned)
}

fn words() -> impl Strategy<Value = String> {
    prop_oneof![
        400 => Just("Words".to_owned()),
        1 => Just(String::new()),
        1 => Just("At {organisation}".to_owned()),
        1 => Just("{value}%".to_owned()),
        1 => Just("{nothing}".to_owned()),
        1 => Just("{unclosed".to_owned()),
        1 => "\\PC{0,8}",
    ]
}

/// A text with each language written, usually, or missing.
fn text() -> impl Strategy<Value = RawText> {
    let lang = || prop_oneof![80 => words().prop_map(Some), 1 => Just(None)];
    (lang(), lang()).prop_map(|(en, es)| RawText { en, es })
}

fn explain() -> impl Strategy<Value = Option<RawText>> {
    prop_oneof![3 => Just(None), 1 => text().prop_map(Some)]
}

fn sets() -> impl Strategy<Value = Vec<String>> {
    prop_oneof![8 => Just(Vec::new()), 1 => vec(flag_id(), 1..3)]
}

/// A range bound: usually one of the few that fit together, sometimes any number at all.
fn bound() -> impl Strategy<Value = f64> {
    prop_oneof![
        6 => prop_oneof![Just(0.0), Just(50.0), Just(100.0)],
        1 => prop_oneof![Just(f64::NAN), Just(f64::INFINITY), Just(f64::NEG_INFINITY)],
        1 => prop_oneof![Just(-0.0), Just(f64::MAX), Just(f64::MIN_POSITIVE), Just(1e-300)],
        1 => -10.0..110.0f64,
        1 => any::<f64>(),
    ]
}

fn question() -> impl Strategy<Value = RawQuestion> {
    let choice = || {
        (answer_id(), text(), node_id(), sets(), explain()).prop_map(
            |(id, label, next, set, explain)| RawChoice {
                id,
                label,
                next,
                set,
                explain,
            },
        )
    };
    (
        node_id(),
        text(),
        explain(),
        prop_oneof![1 => vec(choice(), 0..2), 6 => vec(choice(), 2..4)],
        keywords(),
    )
        .prop_map(|(id, text, help, choices, keywords)| RawQuestion {
            id,
            text,
            help,
            choices,
            keywords,
        })
}

/// Mostly none, sometimes a few, now and then the empty list the loader refuses.
fn keywords() -> impl Strategy<Value = Option<Vec<RawText>>> {
    prop_oneof![6 => Just(None), 3 => vec(text(), 1..3).prop_map(Some), 1 => Just(Some(Vec::new()))]
}

fn number() -> impl Strategy<Value = RawNumber> {
    let range = (
        bound(),
        bound(),
        node_id(),
        sets(),
        explain(),
        any::<bool>(),
    )
        .prop_map(|(from, to, next, set, explain, over_limit)| RawRange {
            from,
            to,
            next,
            set,
            explain,
            over_limit,
        });
    (
        node_id(),
        text(),
        bound(),
        bound(),
        vec(range, 0..4),
        any::<bool>(),
    )
        .prop_map(|(id, text, min, max, mut ranges, tidy)| {
            // Half the numbers have ranges that fit 0 to 100 (their targets as drawn).
            let (min, max) = if tidy { (0.0, 100.0) } else { (min, max) };
            if tidy {
                let last = ranges.len().saturating_sub(1);
                let step = 100.0 / ranges.len().max(1) as f64;
                for (i, r) in ranges.iter_mut().enumerate() {
                    r.from = i as f64 * step;
                    r.to = if i == last {
                        100.0
                    } else {
                        (i + 1) as f64 * step
                    };
                }
            }
            RawNumber {
                id,
                text,
                help: None,
                min,
                max,
                ranges,
                keywords: None,
            }
        })
}

fn checklist() -> impl Strategy<Value = RawChecklist> {
    let item = (answer_id(), text(), node_id(), sets(), explain()).prop_map(
        |(id, text, fail, set, explain)| RawItem {
            id,
            text,
            fail,
            set,
            explain,
        },
    );
    (node_id(), text(), node_id(), vec(item, 0..3)).prop_map(|(id, text, next, items)| {
        RawChecklist {
            id,
            text,
            help: None,
            next,
            items,
            keywords: None,
        }
    })
}

fn outcome() -> impl Strategy<Value = RawOutcome> {
    let action = prop_oneof![
        12 => Just("request_invitation"),
        1 => Just(""),
        1 => Just("Not An Action")
    ];
    let kind = prop_oneof![
        4 => Just(Some(OutcomeKind::Request)),
        4 => Just(Some(OutcomeKind::SelfService)),
        1 => Just(None),
    ];
    let link = (
        text(),
        prop_oneof![8 => Just("https://example.com/help"), 1 => Just("http://example.com"), 1 => Just("")],
    )
        .prop_map(|(label, url)| RawLink {
            label,
            url: url.to_owned(),
        });
    (
        node_id(),
        text(),
        text(),
        vec(text(), 0..3),
        vec(text(), 0..2),
        vec(link, 0..2),
        action,
        kind,
        keywords(),
    )
        .prop_map(
            |(id, title, summary, steps, warnings, links, action, kind, keywords)| RawOutcome {
                id,
                title,
                summary,
                steps,
                warnings,
                contacts: Vec::new(),
                links,
                action: action.to_owned(),
                kind,
                keywords,
            },
        )
}

fn raw_flow() -> impl Strategy<Value = RawFlow> {
    let flags = prop_oneof![6 => Just(BTreeMap::new()), 1 => btree_map(flag_id(), text(), 1..3)];
    (
        (text(), text(), node_id()),
        vec(question(), 0..4),
        prop_oneof![2 => Just(Vec::new()), 1 => vec(number(), 1..2)],
        prop_oneof![2 => Just(Vec::new()), 1 => vec(checklist(), 1..2)],
        prop_oneof![1 => Just(Vec::new()), 6 => vec(outcome(), 1..4)],
        flags,
        prop_oneof![1 => Just(Shape::AsDrawn), 2 => Just(Shape::Distinct), 4 => Just(Shape::Forward)],
    )
        .prop_map(
            |((title, summary, start), questions, numbers, checklists, outcomes, flags, shape)| {
                let mut raw = RawFlow {
                    id: "generated".into(),
                    title,
                    summary,
                    start,
                    topics: None,
                    questions,
                    numbers,
                    checklists,
                    outcomes,
                    flags,
                };
                shape.apply(&mut raw);
                raw
            },
        )
}

/// How far a generated flow's ids are left as drawn: drawn ids mostly repeat, so most flows
/// also get one id a node, in file order, and most of those have every target a later node
/// (one whose drawn letter said which), so that some flows load.
#[derive(Debug, Clone, Copy)]
enum Shape {
    AsDrawn,
    Distinct,
    Forward,
}

impl Shape {
    fn apply(self, raw: &mut RawFlow) {
        if let Shape::AsDrawn = self {
            return;
        }
        let asks = raw.questions.len() + raw.numbers.len() + raw.checklists.len();
        let count = asks + raw.outcomes.len();
        let ids: Vec<String> = (0..count).map(|i| format!("n{i}")).collect();
        let forward = matches!(self, Shape::Forward);
        // The node a target at position `at` names: the drawn letter picks among later nodes.
        let target = |at: usize, drawn: &str| -> String {
            let later = count.saturating_sub(at + 1);
            match drawn.bytes().next() {
                Some(letter) if forward && later > 0 => {
                    ids[at + 1 + usize::from(letter - b'a') % later].clone()
                }
                Some(letter) => format!("n{}", letter - b'a'),
                None => String::new(),
            }
        };
        let mut at = 0;
        for q in &mut raw.questions {
            q.id = ids[at].clone();
            for (i, c) in q.choices.iter_mut().enumerate() {
                c.id = format!("x{i}");
                c.next = target(at, &c.next);
            }
            at += 1;
        }
        for n in &mut raw.numbers {
            n.id = ids[at].clone();
            for r in &mut n.ranges {
                r.next = target(at, &r.next);
            }
            at += 1;
        }
        for c in &mut raw.checklists {
            c.id = ids[at].clone();
            c.next = target(at, &c.next);
            for (n, i) in c.items.iter_mut().enumerate() {
                i.id = format!("i{n}");
                i.fail = target(at, &i.fail);
            }
            at += 1;
        }
        for o in &mut raw.outcomes {
            o.id = ids[at].clone();
            at += 1;
        }
        if asks > 0 {
            raw.start = ids[0].clone();
        }
    }
}

/// A shipped file with one change: cut short, a line dropped, or some text put in.
fn edited_join() -> impl Strategy<Value = String> {
    let text = join_text();
    let len = text.len();
    let snippet = prop_oneof![
        Just("\"".to_owned()),
        Just("[[question]]\n".to_owned()),
        Just("next = \"nowhere\"\n".to_owned()),
        Just("min = nan\n".to_owned()),
        Just("from = inf\n".to_owned()),
        Just("= =\n".to_owned()),
        Just("\u{0}".to_owned()),
        "\\PC{0,12}",
    ];
    (0..len, 0..8usize, snippet).prop_map(move |(at, how, snippet)| {
        let at = (0..=at)
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        match how {
            0 => text[..at].to_owned(),
            1 => {
                let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                let end = text[at..].find('\n').map_or(len, |i| at + i + 1);
                format!("{}{}", &text[..start], &text[end..])
            }
            _ => format!("{}{snippet}{}", &text[..at], &text[at..]),
        }
    })
}

/// Every path the flow lists reaches an outcome, the longest path is bounded by the number of
/// nodes, and the flow read back from its JSON walks every path to the same place.
fn check_loaded(flow: &Flow) -> Result<(), TestCaseError> {
    let paths = flow.paths();
    prop_assert!(!paths.is_empty());
    for path in &paths {
        let walk = flow.walk(path);
        prop_assert!(walk.is_ok(), "{path:?}: {walk:?}");
        let outcome = walk.as_ref().unwrap().outcome();
        prop_assert!(outcome.is_ok(), "{path:?} stops before an outcome");
    }
    prop_assert!(flow.questions_left(flow.start_id()) <= flow.nodes().len());

    let json = serde_json::to_string(flow).unwrap();
    let back: Result<Flow, _> = serde_json::from_str(&json);
    prop_assert!(back.is_ok(), "{json}: {:?}", back.err());
    let back = back.unwrap();
    prop_assert_eq!(&back.paths(), &paths);
    for path in &paths {
        let (here, there) = (flow.walk(path).unwrap(), back.walk(path).unwrap());
        prop_assert_eq!(
            here.outcome().unwrap().key(),
            there.outcome().unwrap().key()
        );
        prop_assert_eq!(&here.flags, &there.flags);
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_text_parses_to_a_flow_or_an_error(text in "\\PC{0,200}") {
        if let Some(Ok(flow)) = parse_and_check(&text) {
            check_loaded(&flow)?;
        }
    }

    #[test]
    fn an_edited_shipped_file_loads_or_is_refused_with_an_error(text in edited_join()) {
        if let Some(Ok(flow)) = parse_and_check(&text) {
            check_loaded(&flow)?;
        }
    }

    #[test]
    fn a_generated_flow_loads_and_walks_or_is_refused_with_an_error(raw in raw_flow()) {
        if let Ok(flow) = Flow::from_raw(&raw) {
            check_loaded(&flow)?;
            // What the loader accepted also survives the trip through the file format.
            let text = toml::to_string(&raw);
            if let Ok(text) = text {
                let again = parse_and_check(&text);
                prop_assert!(matches!(again, Some(Ok(_))), "{text}: {again:?}");
            }
        }
    }

    #[test]
    fn any_answers_walk_or_fail_and_resume_keeps_a_prefix_that_walks(
        answers in vec(answer(), 0..12)
    ) {
        let flow = common::flow("join");
        let walked = flow.walk(&answers);
        match flow.resume(&answers) {
            Resume::Whole(walk) => {
                prop_assert!(walked.is_ok());
                prop_assert_eq!(walk.answered.len(), answers.len());
            }
            Resume::Prefix { walk, kept } => {
                prop_assert!(walked.is_err());
                prop_assert!(0 < kept && kept < answers.len());
                prop_assert_eq!(walk.answered.len(), kept);
                prop_assert!(flow.walk(&answers[..kept]).is_ok());
                prop_assert!(flow.walk(&answers[..=kept]).is_err());
            }
            Resume::Start => {
                prop_assert!(walked.is_err());
                prop_assert!(flow.walk(&answers[..1]).is_err());
            }
        }
    }
}

/// An answer for the join flow: one of its own answer ids, a number, y/n marks, or junk.
fn answer() -> impl Strategy<Value = String> {
    let flow = common::flow("join");
    let mut ids: Vec<String> = flow
        .nodes()
        .iter()
        .flat_map(|node| match node {
            Node::Question(q) => q.choices().iter().map(|c| c.key().to_owned()).collect(),
            _ => Vec::new(),
        })
        .collect();
    ids.extend(flow.paths().into_iter().flatten());
    ids.sort();
    ids.dedup();
    prop_oneof![
        6 => proptest::sample::select(ids),
        1 => prop_oneof![
            Just("50"), Just("-1"), Just("1e309"), Just("NaN"), Just("inf"), Just("50%"),
            Just(" 7 "), Just("0x10"), Just("")
        ]
        .prop_map(str::to_owned),
        1 => any::<f64>().prop_map(|v| v.to_string()),
        1 => "[yn]{0,12}",
        1 => "\\PC{0,16}",
    ]
}
