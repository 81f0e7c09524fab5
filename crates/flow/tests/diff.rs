//! `diff` says in words what a new version of a flow changes: the routes that lead elsewhere,
//! the thresholds moved, the nodes added or removed, and each text reworded, per language.

use signpost_flow::diff::{diff, routes, FlowDiff};
use signpost_flow::raw::RawFlow;
use signpost_flow::Flow;

/// A small flow with a question, a number question with a threshold at 1 % and three outcomes,
/// one of them reached by two routes.
const FIXTURE: &str = r#"
id = "fixture"
title = { en = "Join the account", es = "Unirse a la cuenta" }
summary = { en = "Join the central account.", es = "Únete a la cuenta central." }
start = "invitation"

[flags]
late_share = { en = "Late share at or over the limit", es = "Proporción tardía igual o superior al límite" }

[[question]]
id = "invitation"
text = { en = "Did you receive an invitation?", es = "¿Recibiste una invitación?" }

[[question.choice]]
id = "yes"
label = { en = "Yes", es = "Sí" }
next = "share"

[[question.choice]]
id = "member"
label = { en = "I am already a member", es = "Ya soy miembro" }
next = "join"

[[question.choice]]
id = "no"
label = { en = "No", es = "No" }
next = "ask"

[[number]]
id = "share"
text = { en = "What share of your orders arrived late?", es = "¿Qué proporción de tus pedidos llegó tarde?" }
min = 0
max = 100

[[number.range]]
from = 0
to = 1
next = "join"

[[number.range]]
from = 1
to = 100
next = "improve"
set = ["late_share"]
explain = { en = "A late share of {value}% is at or over the limit.", es = "Una proporción tardía del {value} % alcanza o supera el límite." }

[[outcome]]
id = "join"
title = { en = "Join the account", es = "Únete a la cuenta" }
summary = { en = "You can join now.", es = "Puedes unirte ya." }
steps = [
  { en = "Open the invitation.", es = "Abre la invitación." },
  { en = "Choose a password.", es = "Elige una contraseña." },
]
warnings = [
  { en = "Never share your password.", es = "Nunca compartas tu contraseña." },
]
action = "join"
kind = "self_service"

[[outcome]]
id = "improve"
title = { en = "Improve your deliveries first", es = "Primero mejora tus entregas" }
summary = { en = "Too many orders arrive late.", es = "Demasiados pedidos llegan tarde." }
action = "improve"
kind = "self_service"

[[outcome]]
id = "ask"
title = { en = "Ask for an invitation", es = "Pide una invitación" }
summary = { en = "An administrator sends it.", es = "Un administrador la envía." }
action = "request_invitation"
kind = "request"
"#;

fn flow(text: &str) -> Flow {
    let raw: RawFlow = toml::from_str(text).expect("the fixture parses");
    Flow::from_raw(&raw).expect("the fixture is a valid flow")
}

/// The fixture with each `(from, to)` replaced once, panicking if one is not there.
fn edited(edits: &[(&str, &str)]) -> Flow {
    let mut text = FIXTURE.to_owned();
    for (from, to) in edits {
        assert!(text.contains(from), "{from:?} is not in the fixture");
        text = text.replacen(from, to, 1);
    }
    flow(&text)
}

/// The report, checked to read the same as its lines.
fn report(diff: &FlowDiff) -> String {
    let text = diff.to_string();
    assert_eq!(text, diff.lines().join("\n"));
    text
}

fn assert_says(report: &str, needle: &str) {
    assert!(report.contains(needle), "{needle:?} not in:\n{report}");
}

#[test]
fn a_moved_threshold_lists_the_routes_that_now_lead_elsewhere_and_names_the_move() {
    let new = edited(&[("to = 1\n", "to = 2\n"), ("from = 1\n", "from = 2\n")]);
    let diff = diff(&flow(FIXTURE), &new);
    let report = report(&diff);

    assert!(diff.routing_changed());
    assert_says(
        &report,
        "flow \"fixture\": 1 route changes where it leads, 1 threshold moved",
    );
    assert_says(
        &report,
        "Routes that change where they lead:\n  \"Did you receive an invitation?\" → \"Yes\"; \
         \"What share of your orders arrived late?\" → 1 % to under 2 %\n",
    );
    assert_says(
        &report,
        "    before: \"Improve your deliveries first\" (improve): self-service, action improve, flags late_share\n    \
         now: \"Join the account\" (join): self-service, action join, no flags\n",
    );
    assert_says(
        &report,
        "flag removed: late_share (\"Late share at or over the limit\")",
    );
    assert_says(
        &report,
        "explanation removed: «A late share of 1% is at or over the limit.»",
    );
    assert_says(
        &report,
        "Thresholds moved:\n  \"What share of your orders arrived late?\" (share): \
         0–1 %, 1–100 % → 0–2 %, 2–100 %",
    );
    // Shares under 1 % and from 2 % lead where they did.
    assert!(!report.contains("0 % to under 1 %"), "{report}");
    assert!(!report.contains("2 % to 100 %"), "{report}");
}

#[test]
fn a_reworded_warning_is_reported_once_with_its_old_and_new_text_and_routes_nothing_elsewhere() {
    let new = edited(&[(
        "en = \"Never share your password.\"",
        "en = \"Never tell anyone your password.\"",
    )]);
    let diff = diff(&flow(FIXTURE), &new);
    let report = report(&diff);

    assert!(!diff.routing_changed());
    assert!(!diff.is_empty());
    assert_says(&report, "flow \"fixture\": 1 text reworded");
    let line = "Outcomes reworded:\n  \"Join the account\" (join): English text of warning 1 \
                reworded: «Never share your password.» → «Never tell anyone your password.»";
    assert_says(&report, line);
    // Two routes reach the outcome; the warning is named once.
    assert_eq!(report.matches("warning 1").count(), 1, "{report}");
    assert!(!report.contains("Routes"), "{report}");
}

#[test]
fn an_outcome_turned_from_self_service_into_a_request_leads_elsewhere() {
    let new = edited(&[(
        "action = \"improve\"\nkind = \"self_service\"",
        "action = \"improve\"\nkind = \"request\"",
    )]);
    let diff = diff(&flow(FIXTURE), &new);
    let report = report(&diff);

    assert!(diff.routing_changed());
    assert!(
        report.contains(
            "before: \"Improve your deliveries first\" (improve): self-service, action improve"
        ) && report
            .contains("now: \"Improve your deliveries first\" (improve): request, action improve"),
        "{report}"
    );
}

#[test]
fn an_outcome_added_in_place_of_another_is_named_and_its_route_leads_elsewhere() {
    let new = edited(&[
        ("next = \"ask\"", "next = \"resend\""),
        ("id = \"ask\"", "id = \"resend\""),
        (
            "title = { en = \"Ask for an invitation\", es = \"Pide una invitación\" }",
            "title = { en = \"We send you a new invitation\", es = \"Te enviamos una nueva invitación\" }",
        ),
        ("action = \"request_invitation\"", "action = \"resend_invitation\""),
    ]);
    let diff = diff(&flow(FIXTURE), &new);
    let report = report(&diff);

    assert!(diff.routing_changed());
    assert_says(
        &report,
        "flow \"fixture\": 1 route changes where it leads, 1 node added, 1 node removed",
    );
    assert_says(
        &report,
        "  \"Did you receive an invitation?\" → \"No\"\n    \
         before: \"Ask for an invitation\" (ask): request, action request_invitation, no flags\n    \
         now: \"We send you a new invitation\" (resend): request, action resend_invitation, no flags",
    );
    assert_says(
        &report,
        "Nodes added:\n  outcome \"We send you a new invitation\" (resend)",
    );
    assert_says(
        &report,
        "Nodes removed:\n  outcome \"Ask for an invitation\" (ask)",
    );
}

#[test]
fn a_question_inserted_on_a_route_shows_where_the_route_now_goes_on() {
    let new = edited(&[
        (
            "next = \"join\"\n\n[[question.choice]]\nid = \"no\"",
            "next = \"confirm\"\n\n[[question.choice]]\nid = \"no\"",
        ),
        (
            "[[number]]",
            "[[question]]\nid = \"confirm\"\n\
             text = { en = \"Can you sign in?\", es = \"¿Puedes iniciar sesión?\" }\n\
             [[question.choice]]\nid = \"yes\"\nlabel = { en = \"Yes\", es = \"Sí\" }\nnext = \"join\"\n\
             [[question.choice]]\nid = \"no\"\nlabel = { en = \"No\", es = \"No\" }\nnext = \"ask\"\n\n\
             [[number]]",
        ),
    ]);
    let diff = diff(&flow(FIXTURE), &new);
    let report = report(&diff);

    assert!(diff.routing_changed());
    assert_says(
        &report,
        "flow \"fixture\": 1 route changes where it leads, 1 node added\n",
    );
    assert_says(
        &report,
        "  \"Did you receive an invitation?\" → \"I am already a member\"\n    \
         before: \"Join the account\" (join): self-service, action join, no flags\n    \
         now: asks more questions:\n      \
         \"Can you sign in?\" → \"Yes\" ⇒ \"Join the account\" (join): self-service, action join, no flags\n      \
         \"Can you sign in?\" → \"No\" ⇒ \"Ask for an invitation\" (ask): request, action request_invitation, no flags",
    );
    assert_says(
        &report,
        "Nodes added:\n  question \"Can you sign in?\" (confirm)",
    );
    assert!(!report.contains("New routes"), "{report}");
}

#[test]
fn an_answer_added_and_an_answer_removed_make_a_new_route_and_one_no_longer_possible() {
    let new = edited(&[(
        "id = \"member\"\nlabel = { en = \"I am already a member\", es = \"Ya soy miembro\" }\nnext = \"join\"",
        "id = \"expired\"\nlabel = { en = \"It expired\", es = \"Caducó\" }\nnext = \"ask\"",
    )]);
    let diff = diff(&flow(FIXTURE), &new);
    let report = report(&diff);

    assert!(diff.routing_changed());
    assert_says(
        &report,
        "flow \"fixture\": 1 new route, 1 route no longer possible\n",
    );
    assert_says(
        &report,
        "New routes:\n  \"Did you receive an invitation?\" → \"It expired\" \
         ⇒ \"Ask for an invitation\" (ask): request, action request_invitation, no flags\n",
    );
    assert_says(
        &report,
        "Routes no longer possible:\n  \"Did you receive an invitation?\" → \"I am already a member\" \
         ⇒ \"Join the account\" (join): self-service, action join, no flags",
    );
}

#[test]
fn a_spanish_only_translation_change_names_the_language_and_routes_nothing_elsewhere() {
    let new = edited(&[(
        "label = { en = \"Yes\", es = \"Sí\" }",
        "label = { en = \"Yes\", es = \"Sí, la recibí\" }",
    )]);
    let diff = diff(&flow(FIXTURE), &new);
    let report = report(&diff);

    assert!(!diff.routing_changed());
    assert_says(
        &report,
        "Questions, answers and flags reworded:\n  \"Did you receive an invitation?\" (invitation): \
         Spanish text of answer \"Yes\" reworded: «Sí» → «Sí, la recibí»",
    );
    assert!(!report.contains("English"), "{report}");
}

#[test]
fn identical_flows_have_no_changes() {
    let diff = diff(&flow(FIXTURE), &flow(FIXTURE));
    assert!(diff.is_empty());
    assert!(!diff.routing_changed());
    assert_eq!(diff.lines(), ["flow \"fixture\": no changes"]);
}

#[test]
fn the_join_flow_has_no_changes_against_itself() {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/../../flows/1-join.toml");
    let join = flow(&std::fs::read_to_string(file).unwrap());
    assert_eq!(diff(&join, &join).to_string(), "flow \"join\": no changes");
}

#[test]
fn routes_lists_each_route_in_words_with_one_per_range() {
    assert_eq!(
        routes(&flow(FIXTURE)),
        [
            "\"Did you receive an invitation?\" → \"Yes\"; \"What share of your orders arrived late?\" \
             → 0 % to under 1 % ⇒ \"Join the account\" (join): self-service, action join, no flags",
            "\"Did you receive an invitation?\" → \"Yes\"; \"What share of your orders arrived late?\" \
             → 1 % to 100 % ⇒ \"Improve your deliveries first\" (improve): self-service, action improve, flags late_share",
            "\"Did you receive an invitation?\" → \"I am already a member\" ⇒ \"Join the account\" (join): \
             self-service, action join, no flags",
            "\"Did you receive an invitation?\" → \"No\" ⇒ \"Ask for an invitation\" (ask): \
             request, action request_invitation, no flags",
        ]
    );
}
