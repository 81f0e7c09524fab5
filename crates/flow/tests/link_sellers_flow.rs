//! The seller-linking flow routes each situation in docs/SCENARIOS.md (flow 3, L1-L5) to its outcome.

mod common;

use common::{action, at};

use signpost_flow::{Flow, FlowError, Lang};

fn flow() -> Flow {
    common::flow("link_sellers")
}

/// Passes the eligibility checklist and says the figures are known.
const ELIGIBLE: [&str; 2] = ["yyy", "know"];

fn with_figures<'a>(figures: &[&'a str]) -> Vec<&'a str> {
    ELIGIBLE.iter().chain(figures).copied().collect()
}

#[test]
fn every_path_ends_in_an_outcome_with_an_action() {
    common::assert_every_path_ends_in_an_outcome(&flow());
}

/// L1
#[test]
fn someone_who_is_not_owner_or_representative_cannot_link() {
    let flow = flow();
    let answers = ["nyy"];
    assert_eq!(
        flow.walk(&answers).and_then(|w| w.outcome()).unwrap().key(),
        "cannot_link"
    );
    assert_eq!(action(&flow, &answers), "info");
    let text = common::outcome_text(&flow, &answers);
    assert!(text.contains("authorised representative"));
    assert_eq!(flow.walk(&answers).unwrap().flags, ["owner_not_confirmed"]);
}

/// L2
#[test]
fn unverified_business_information_is_updated_and_verified_first() {
    let flow = flow();
    let answers = ["yny"];
    assert_eq!(
        flow.walk(&answers).and_then(|w| w.outcome()).unwrap().key(),
        "update_business_info"
    );
    assert_eq!(action(&flow, &answers), "update_business_info");
    let text = common::outcome_text(&flow, &answers);
    assert!(text.contains("business name, address and phone number"));
    assert!(text.contains("both accounts"));
}

/// L4
#[test]
fn active_alerts_or_restrictions_are_resolved_first() {
    let flow = flow();
    let answers = ["yyn"];
    assert_eq!(
        flow.walk(&answers).and_then(|w| w.outcome()).unwrap().key(),
        "resolve_alerts"
    );
    assert_eq!(action(&flow, &answers), "resolve_performance_alerts");
    let text = common::outcome_text(&flow, &answers);
    assert!(text.contains("performance alert or restriction"));
}

/// L1, L2, L4
#[test]
fn several_failed_checks_go_to_the_first_remedy_and_explain_each() {
    let flow = flow();
    let walk = flow.walk(&["nyn"]).unwrap();
    assert_eq!(
        flow.walk(&["nyn"]).and_then(|w| w.outcome()).unwrap().key(),
        "cannot_link"
    );
    assert_eq!(walk.notes(Lang::En).len(), 2, "{:?}", walk.notes(Lang::En));
    assert!(walk.notes(Lang::En)[0].contains("authorised representative"));
    assert!(walk.notes(Lang::En)[1].contains("performance alert or restriction"));
    assert_eq!(walk.flags, ["owner_not_confirmed", "active_alerts"]);

    let walk = flow.walk(&["ynn"]).unwrap();
    assert_eq!(
        flow.walk(&["ynn"]).and_then(|w| w.outcome()).unwrap().key(),
        "update_business_info"
    );
    assert_eq!(walk.notes(Lang::En).len(), 2, "{:?}", walk.notes(Lang::En));
    assert!(walk.notes(Lang::En)[0].contains("verified business name, address and phone number"));
    assert!(walk.notes(Lang::En)[1].contains("performance alert or restriction"));
}

#[test]
fn a_checklist_answer_of_the_wrong_length_is_an_error_value() {
    let err = flow().walk(&["yy"]).unwrap_err();
    assert!(matches!(err, FlowError::BadChecklist { .. }));
}

/// L3
#[test]
fn order_defect_rate_at_the_limit_means_improving_the_weaker_account_first() {
    let flow = flow();
    let answers = with_figures(&["1"]);
    assert_eq!(
        flow.walk(&answers).and_then(|w| w.outcome()).unwrap().key(),
        "improve_performance"
    );
    assert_eq!(action(&flow, &answers), "improve_performance");
    let walk = flow.walk(&answers).unwrap();
    assert_eq!(walk.flags, ["odr_over_target"]);
    let text = common::outcome_text(&flow, &answers);
    assert!(text.contains("order defect rate of 1% is at or over Amazon's 1% target"));
    assert!(text.contains("request the link again"));
}

/// L3
#[test]
fn cancellation_rate_at_or_over_two_and_a_half_percent_means_improving_first() {
    let flow = flow();
    let answers = with_figures(&["0.5", "2,5"]);
    assert_eq!(action(&flow, &answers), "improve_performance");
    let walk = flow.walk(&answers).unwrap();
    assert_eq!(walk.flags, ["cancel_rate_over_target"]);
    let text = common::outcome_text(&flow, &answers);
    assert!(text.contains("cancellation rate of 2.5% is at or over Amazon's 2.5% target"));
    assert!(text.contains("order defect rate of 0.5% is under Amazon's 1% target"));
}

/// L3
#[test]
fn late_shipment_rate_at_or_over_four_percent_means_improving_first() {
    let flow = flow();
    let answers = with_figures(&["0", "1", "7.25"]);
    assert_eq!(action(&flow, &answers), "improve_performance");
    assert_eq!(
        flow.walk(&answers).unwrap().flags,
        ["late_shipment_over_target"]
    );
    let text = common::outcome_text(&flow, &answers);
    assert!(text.contains("late shipment rate of 7.25% is at or over Amazon's 4% target"));
}

/// L3
#[test]
fn unknown_figures_are_looked_up_under_performance() {
    let flow = flow();
    let answers = ["yyy", "not_sure"];
    assert_eq!(
        flow.walk(&answers).and_then(|w| w.outcome()).unwrap().key(),
        "find_figures"
    );
    assert_eq!(action(&flow, &answers), "info");
    let text = common::outcome_text(&flow, &answers);
    assert!(text.contains("\"Performance\""));
    assert!(text.contains("under 1%") && text.contains("under 2.5%") && text.contains("under 4%"));
}

/// L3
#[test]
fn a_rate_typed_with_comma_point_or_percent_sign_routes_the_same() {
    let flow = flow();
    let mut seen = Vec::new();
    for typed in ["0,8", "0.8 %", "0.8"] {
        let answers = with_figures(&[typed, "2.4", "3,99"]);
        let walk = flow.walk(&answers).unwrap();
        assert_eq!(
            flow.walk(&answers).and_then(|w| w.outcome()).unwrap().key(),
            "request_link"
        );
        assert_eq!(walk.answered[2].answer, "0.8");
        seen.push(walk.notes(Lang::En));
    }
    assert!(seen.iter().all(|notes| *notes == seen[0]));
    assert!(seen[0][0].contains("0.8%"));
}

/// L3
#[test]
fn a_rate_out_of_range_or_not_a_number_is_an_error_value() {
    let flow = flow();
    let err = flow.walk(&with_figures(&["101"])).unwrap_err();
    assert!(matches!(err, FlowError::OutOfRange { .. }), "{err:?}");
    let err = flow.walk(&with_figures(&["-1"])).unwrap_err();
    assert!(matches!(err, FlowError::OutOfRange { .. }), "{err:?}");
    let err = flow.walk(&with_figures(&["0.5", "abc"])).unwrap_err();
    assert!(matches!(err, FlowError::NotANumber { .. }), "{err:?}");
}

/// L5
#[test]
fn eligible_accounts_request_the_link_through_help_contact_us() {
    let flow = flow();
    let answers = with_figures(&["0.5", "2", "3.9"]);
    assert_eq!(
        flow.walk(&answers).and_then(|w| w.outcome()).unwrap().key(),
        "request_link"
    );
    assert_eq!(action(&flow, &answers), "request_account_link");
    assert!(flow.walk(&answers).unwrap().flags.is_empty());
    let text = common::outcome_text(&flow, &answers);
    let prepare = at(&text, "Sign in to both accounts");
    let contact = at(&text, "\"Help\", then \"Contact us\"");
    let answer = at(&text, "Wait for Amazon's email");
    assert!(prepare < contact && contact < answer);
    for fact in [
        "seller IDs",
        "business names",
        "email addresses",
        "rejects it and explains the reasons",
    ] {
        assert!(text.contains(fact), "{fact:?} missing");
    }
}
