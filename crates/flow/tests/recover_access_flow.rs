//! The recover-access flow routes each situation in docs/SCENARIOS.md (flow 4, R1-R6) to its outcome.

mod common;

use common::{action, at};

use signpost_flow::{Flow, FlowError, Lang, Step};

fn flow() -> Flow {
    common::flow("recover_access")
}

/// A suspended seller who knows their three figures, typed in this order.
fn suspended<'a>(odr: &'a str, cancel: &'a str, late: &'a str) -> Vec<&'a str> {
    vec!["suspended", "know", odr, cancel, late]
}

#[test]
fn every_path_ends_in_an_outcome_with_an_action() {
    common::assert_every_path_ends_in_an_outcome(&flow());
}

#[test]
fn no_outcome_tells_people_to_write_passwords_down() {
    let flow = flow();
    for path in flow.paths() {
        let answers: Vec<&str> = path.iter().map(String::as_str).collect();
        let text = common::outcome_text(&flow, &answers).to_lowercase();
        for unsafe_advice in ["notebook", "spreadsheet", "write it down", "write down"] {
            assert!(!text.contains(unsafe_advice), "{path:?}: {unsafe_advice}");
        }
    }
}

/// R1
#[test]
fn forgotten_password_is_reset_in_the_order_amazon_asks() {
    let flow = flow();
    let answers = ["forgot_password"];
    assert_eq!(
        flow.walk(&answers).and_then(|w| w.outcome()).unwrap().key(),
        "reset_password"
    );
    assert_eq!(action(&flow, &answers), "reset_password");
    let text = common::outcome_text(&flow, &answers);
    let forgot = at(&text, "\"Forgot your password?\"");
    let email_or_phone = at(&text, "email address or mobile phone number");
    let code = at(&text, "sends a code to that email or phone");
    let image = at(&text, "image check");
    let new_password = at(&text, "Enter your new password");
    let save = at(&text, "\"Save\"");
    assert!(forgot < email_or_phone && email_or_phone < code && code < image);
    assert!(image < new_password && new_password < save);
    assert!(text.contains("only on Amazon's own pages"));
}

/// R2
#[test]
fn forgotten_email_is_recovered_with_the_phone_number_then_edited_in_settings() {
    let flow = flow();
    let answers = ["forgot_email"];
    assert_eq!(
        flow.walk(&answers).and_then(|w| w.outcome()).unwrap().key(),
        "recover_login"
    );
    assert_eq!(action(&flow, &answers), "recover_login");
    let text = common::outcome_text(&flow, &answers);
    let phone = at(&text, "mobile phone number");
    let settings = at(&text, "\"Your Account\" > \"Settings\"");
    let edit = at(&text, "\"Edit\"");
    assert!(phone < settings && settings < edit);
    assert!(text.contains("verify the new address"));
}

/// R3
#[test]
fn lost_two_step_verification_sends_an_identity_document_to_the_upload_page() {
    let flow = flow();
    let answers = ["two_step"];
    let outcome = flow.walk(&answers).and_then(|w| w.outcome()).unwrap();
    assert_eq!(outcome.key(), "identity_upload");
    assert_eq!(action(&flow, &answers), "verify_identity");
    let urls: Vec<&str> = outcome.links().iter().map(|l| l.url()).collect();
    assert_eq!(urls, ["https://www.amazon.com/a/recover/upload"]);
    assert!(common::outcome_text(&flow, &answers).contains("identity document"));
}

/// R4
#[test]
fn suspended_seller_within_every_limit_is_told_so_and_asks_to_reactivate() {
    let flow = flow();
    let answers = suspended("0.5", "1", "3");
    assert_eq!(
        flow.walk(&answers).and_then(|w| w.outcome()).unwrap().key(),
        "reactivate"
    );
    assert_eq!(action(&flow, &answers), "reactivate_account");
    let walk = flow.walk(&answers).unwrap();
    assert!(walk.flags.is_empty(), "{:?}", walk.flags);
    assert_eq!(
        walk.notes(Lang::En),
        [
            "Your order defect rate of 0.5% is within Amazon's limit of under 1%.",
            "Your pre-fulfilment cancel rate of 1% is within Amazon's limit of under 2.5%.",
            "Your late shipment rate of 3% is within Amazon's limit of under 4%.",
        ]
    );
    let text = common::outcome_text(&flow, &answers);
    let performance = at(&text, "\"Performance\"");
    let status = at(&text, "\"Account status\"");
    let reactivate = at(&text, "\"Reactivate\"");
    let plan = at(&text, "write a plan of action");
    let send = at(&text, "\"Send\"");
    assert!(performance < status && status < reactivate && reactivate < plan && plan < send);
    assert!(text.contains("documents"));
}

/// R4
#[test]
fn suspended_seller_over_two_limits_is_told_exactly_those_two() {
    let flow = flow();
    let answers = suspended("1,5", "2", "6 %");
    assert_eq!(action(&flow, &answers), "reactivate_account");
    let walk = flow.walk(&answers).unwrap();
    assert_eq!(walk.flags, ["odr_over_limit", "late_shipment_over_limit"]);
    let notes = walk.notes(Lang::En);
    let over: Vec<&String> = notes
        .iter()
        .filter(|n| n.contains("over the limit"))
        .collect();
    assert_eq!(
        over,
        [
            "Your order defect rate of 1.5% is over the limit: Amazon wants it under 1%.",
            "Your late shipment rate of 6% is over the limit: Amazon wants it under 4%.",
        ]
    );
    assert!(walk.notes(Lang::En).contains(
        &"Your pre-fulfilment cancel rate of 2% is within Amazon's limit of under 2.5%.".to_owned()
    ));
}

/// R4: the figures over a limit are marked as such (the outcome says so in words and with a
/// sign), the one within its limit is not.
#[test]
fn suspended_seller_over_two_limits_sees_exactly_those_two_marked() {
    let flow = flow();
    let walk = flow.walk(&suspended("1,5", "2", "6 %")).unwrap();
    let marked: Vec<String> = walk
        .explained
        .iter()
        .filter(|note| note.over_limit())
        .map(|note| note.text(Lang::En))
        .collect();
    assert_eq!(
        marked,
        [
            "Your order defect rate of 1.5% is over the limit: Amazon wants it under 1%.",
            "Your late shipment rate of 6% is over the limit: Amazon wants it under 4%.",
        ]
    );
}

/// R4, in Spanish: the same figures, written with a decimal comma.
#[test]
fn spanish_notes_write_the_figures_with_a_decimal_comma() {
    let flow = flow();
    let walk = flow.walk(&suspended("1,5", "2", "0.5")).unwrap();
    assert_eq!(
        walk.notes(Lang::Es),
        [
            "Tu tasa de pedidos defectuosos del 1,5 % supera el límite: Amazon la quiere por debajo del 1 %.",
            "Tu tasa de cancelación antes del envío del 2 % está dentro del límite de Amazon de menos del 2,5 %.",
            "Tu tasa de envíos con retraso del 0,5 % está dentro del límite de Amazon de menos del 4 %.",
        ]
    );
    assert_eq!(walk.answered[2].given.describe(Lang::Es), "1,5 %");
    assert_eq!(walk.answered[2].given.describe(Lang::En), "1.5 %");
}

/// R4
#[test]
fn a_figure_exactly_at_its_limit_counts_as_over() {
    let flow = flow();
    let walk = flow.walk(&suspended("1", "2.5", "4")).unwrap();
    assert_eq!(
        walk.flags,
        [
            "odr_over_limit",
            "cancel_rate_over_limit",
            "late_shipment_over_limit"
        ]
    );
}

/// R4
#[test]
fn a_figure_typed_with_comma_point_or_percent_sign_routes_the_same() {
    let flow = flow();
    let walks: Vec<_> = ["0,8", "0.8 %", "0.8"]
        .into_iter()
        .map(|typed| flow.walk(&suspended(typed, typed, typed)).unwrap())
        .collect();
    for walk in &walks {
        assert_eq!(walk.notes(Lang::En), walks[0].notes(Lang::En));
        assert_eq!(walk.flags, walks[0].flags);
        let answers: Vec<&str> = walk.answered.iter().map(|a| a.answer.as_str()).collect();
        assert_eq!(answers, ["suspended", "know", "0.8", "0.8", "0.8"]);
    }
    assert!(walks[0].notes(Lang::En)[0].contains("0.8% is within"));
}

/// R4
#[test]
fn a_figure_out_of_range_or_not_a_number_is_an_error_value() {
    let flow = flow();
    let err = flow.walk(&["suspended", "know", "101"]).unwrap_err();
    assert!(matches!(err, FlowError::OutOfRange { .. }), "{err:?}");
    let err = flow.walk(&["suspended", "know", "0.5", "abc"]).unwrap_err();
    assert!(matches!(err, FlowError::NotANumber { .. }), "{err:?}");
}

/// R4
#[test]
fn suspended_seller_unsure_of_the_figures_can_look_them_up_under_performance_or_recover_the_sign_in(
) {
    let flow = flow();
    let answers = ["suspended", "not_sure"];
    assert_eq!(common::outcome_key(&flow, &answers), "reactivate");
    assert_eq!(action(&flow, &answers), "reactivate_account");
    let walk = flow.walk(&answers).unwrap();
    assert!(walk.flags.is_empty());
    let note = &walk.notes(Lang::En)[0];
    let performance = at(note, "under \"Performance\"");
    let recover = at(
        note,
        "If you cannot sign in to Seller Central, start this guide again",
    );
    assert!(performance < recover);
    for way_in in [
        "forgotten password",
        "forgotten email",
        "two-step verification",
    ] {
        assert!(note.contains(way_in), "{way_in:?} missing");
    }
    // Each way in it names is an answer of the first question.
    let Step::Question(first) = flow.start() else {
        panic!("the flow starts with a question")
    };
    let labels: Vec<&str> = first
        .choices()
        .iter()
        .map(|c| c.label().get(Lang::En))
        .collect();
    assert!(labels.contains(&"I forgot my password"));
    assert!(labels.contains(&"I can't use two-step verification"));
    assert!(walk.notes(Lang::Es)[0].contains("vuelve a empezar esta guía"));
}

/// R5
#[test]
fn each_cause_of_removed_privileges_has_its_own_remedy() {
    let flow = flow();
    let cases = [
        ("low_sales", "cause_low_sales", "info", "regular sales"),
        (
            "restricted_products",
            "cause_restricted_products",
            "contact_seller_support",
            "Remove every listing",
        ),
        (
            "negative_ratings",
            "cause_negative_ratings",
            "info",
            "quality products",
        ),
        (
            "paid_reviews",
            "cause_paid_reviews",
            "contact_seller_support",
            "gift cards",
        ),
        (
            "missing_documents",
            "cause_missing_documents",
            "contact_seller_support",
            "documents",
        ),
        (
            "second_account",
            "cause_second_account",
            "contact_seller_support",
            "IP address",
        ),
    ];
    for (cause, outcome, expected_action, fact) in cases {
        let answers = ["privileges_removed", cause];
        assert_eq!(
            flow.walk(&answers).and_then(|w| w.outcome()).unwrap().key(),
            outcome
        );
        assert_eq!(action(&flow, &answers), expected_action, "{cause}");
        let text = common::outcome_text(&flow, &answers);
        assert!(text.contains(fact), "{cause}: {fact:?} missing");
    }
}

/// R5
#[test]
fn unsure_of_the_cause_of_removed_privileges_can_check_each_common_cause_or_contact_seller_support()
{
    let flow = flow();
    let answers = ["privileges_removed", "dont_know"];
    assert_eq!(
        flow.walk(&answers).and_then(|w| w.outcome()).unwrap().key(),
        "all_causes"
    );
    assert_eq!(action(&flow, &answers), "contact_seller_support");
    let text = common::outcome_text(&flow, &answers);
    for cause in [
        "Low sales",
        "Restricted products",
        "Negative ratings",
        "Paid reviews",
        "Missing documents",
        "A second account from the same network",
        "\"Help\" > \"Contact us\"",
    ] {
        assert!(text.contains(cause), "{cause:?} missing");
    }
}

/// Every answer of the flow that says the person is unsure, so that a new one comes with a
/// test of where it leads.
#[test]
fn every_unsure_answer_of_the_flow_is_one_these_tests_follow() {
    assert_eq!(
        common::unsure_answers(&flow()),
        ["know_figures/not_sure", "removal_cause/dont_know"]
    );
}

/// R6
#[test]
fn buyer_accounts_are_not_closed_for_inactivity_but_affiliate_accounts_may_be() {
    let flow = flow();
    let answers = ["inactive"];
    assert_eq!(
        flow.walk(&answers).and_then(|w| w.outcome()).unwrap().key(),
        "not_closed_for_inactivity"
    );
    assert_eq!(action(&flow, &answers), "info");
    let text = common::outcome_text(&flow, &answers);
    assert!(text.contains("does not close buyer accounts"));
    assert!(text.contains("Affiliate accounts"));
}

#[test]
fn every_outcome_is_self_service_as_amazon_not_the_organisation_acts_on_it() {
    assert!(common::requests(&flow()).is_empty());
}
