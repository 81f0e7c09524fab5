//! The seller-linking flow routes each situation in docs/SCENARIOS.md (flow 3, L1-L5) to its outcome.

mod common;

use common::{action, at, outcome_key};

use signpost_flow::{Flow, FlowError, Lang, Step};

fn flow() -> Flow {
    common::flow("link_sellers")
}

/// Passes the eligibility checklist and says the figures are known.
const ELIGIBLE: [&str; 2] = ["yyy", "know"];

fn with_figures<'a>(figures: &[&'a str]) -> Vec<&'a str> {
    ELIGIBLE.iter().chain(figures).copied().collect()
}

/// The checklist's answers read as sentences: each statement after its "Yes:" or "No:".
#[test]
fn the_checklist_answers_read_as_sentences_in_both_languages() {
    let flow = flow();
    let walk = flow.walk(&["nyy"]).unwrap();
    let organisation = signpost_flow::org::Organisation::example();
    let en = &walk.transcript(&organisation, Lang::En)[0].answer;
    assert!(
        en.starts_with("No: The same person or business owns both accounts")
            && en.contains(". Yes: Both accounts have verified business information")
            && en.ends_with("Yes: Neither account has an active performance alert or restriction."),
        "{en}"
    );
    let es = &walk.transcript(&organisation, Lang::Es)[0].answer;
    assert!(
        es.starts_with("No: La misma persona") && es.contains(". Sí: Las dos cuentas"),
        "{es}"
    );
}

/// Each figure at or over Amazon's target is marked over the limit; one under it is not.
#[test]
fn figures_over_a_target_are_marked_and_those_under_it_are_not() {
    let flow = flow();
    let walk = flow.walk(&with_figures(&["0.5", "3"])).unwrap();
    let marks: Vec<bool> = walk.explained.iter().map(|n| n.over_limit()).collect();
    assert_eq!(marks, [false, true], "{:?}", walk.notes(Lang::En));
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

/// The wizard's own guide for getting back into an Amazon account, as the outcomes name it.
fn recover_access_guide(lang: Lang) -> String {
    common::flow("recover_access").title().get(lang).to_owned()
}

/// L3
#[test]
fn unsure_of_the_figures_can_look_them_up_under_performance_or_recover_the_sign_in_first() {
    let flow = flow();
    let answers = ["yyy", "not_sure"];
    assert_eq!(outcome_key(&flow, &answers), "find_figures");
    assert_eq!(action(&flow, &answers), "info");
    let text = common::outcome_text(&flow, &answers);
    let performance = at(&text, "\"Performance\"");
    let recover = at(&text, &recover_access_guide(Lang::En));
    let back = at(&text, "Come back here and type them in");
    assert!(performance < recover && recover < back, "{text}");
    assert!(text.contains("under 1%") && text.contains("under 2.5%") && text.contains("under 4%"));
    assert!(common::outcome_text_in(&flow, &answers, Lang::Es)
        .contains(&recover_access_guide(Lang::Es)));
}

/// The checklist tells people who are not sure of an item to answer no.
#[test]
fn the_checklist_tells_the_unsure_to_answer_no() {
    let flow = flow();
    let Step::Checklist(checklist) = flow.start() else {
        panic!("the flow starts with the eligibility checklist");
    };
    let help = checklist.help().unwrap();
    assert!(help
        .get(Lang::En)
        .contains("If you are not sure about one, answer no"));
    assert!(help
        .get(Lang::Es)
        .contains("Si no estás seguro de alguna, responde que no"));
}

/// L1, answered no out of doubt: the outcome gives the question that settles it.
#[test]
fn unsure_of_the_owner_can_ask_the_business_owner_and_come_back_to_answer_yes() {
    let flow = flow();
    let answers = ["nyy"];
    assert_eq!(outcome_key(&flow, &answers), "cannot_link");
    let text = common::outcome_text(&flow, &answers);
    let ask = at(
        &text,
        "ask the owner of the business whether it owns both accounts",
    );
    let back = at(&text, "come back here and answer yes");
    assert!(ask < back);
    assert!(common::outcome_text_in(&flow, &answers, Lang::Es)
        .contains("pregunta al propietario de la empresa"));
}

/// L2, answered no out of doubt: the outcome's steps are the check, and say how to get back
/// into an account first.
#[test]
fn unsure_of_the_business_information_can_check_it_in_seller_central_or_recover_the_sign_in_first()
{
    let flow = flow();
    let answers = ["yny"];
    assert_eq!(outcome_key(&flow, &answers), "update_business_info");
    let text = common::outcome_text(&flow, &answers);
    let sign_in = at(&text, "Sign in to each account in Seller Central");
    let recover = at(&text, &recover_access_guide(Lang::En));
    let check = at(&text, "Check the business name, address and phone number");
    let back = at(&text, "come back here and check again");
    assert!(
        sign_in < recover && recover < check && check < back,
        "{text}"
    );
}

/// L4, answered no out of doubt: look in "Account status", and answer yes if nothing is active.
#[test]
fn unsure_of_alerts_can_look_in_account_status_and_answer_yes_if_none_is_active() {
    let flow = flow();
    let answers = ["yyn"];
    assert_eq!(outcome_key(&flow, &answers), "resolve_alerts");
    let text = common::outcome_text(&flow, &answers);
    let status = at(&text, "\"Account status\"");
    let recover = at(&text, &recover_access_guide(Lang::En));
    let none = at(
        &text,
        "neither account shows an active alert or restriction there, come back here and answer yes",
    );
    assert!(status < recover && recover < none, "{text}");
    assert!(common::outcome_text_in(&flow, &answers, Lang::Es)
        .contains("vuelve aquí y responde que sí"));
}

/// Every answer of the flow that says the person is unsure, so that a new one comes with a
/// test of where it leads. (The checklist's items have no such answer: its help says to
/// answer no, which the tests above follow.)
#[test]
fn every_unsure_answer_of_the_flow_is_one_these_tests_follow() {
    assert_eq!(common::unsure_answers(&flow()), ["know_figures/not_sure"]);
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

#[test]
fn every_outcome_is_self_service_as_amazon_not_the_organisation_acts_on_it() {
    assert!(common::requests(&flow()).is_empty());
}
