//! The Buy with Prime flow routes each situation in docs/SCENARIOS.md (flow 2, B1-B6) to its outcome.

mod common;

use common::{action, at, outcome_key};

use signpost_flow::{Flow, FlowError, Lang};

fn flow() -> Flow {
    common::flow("buy_with_prime")
}

#[test]
fn every_path_ends_in_an_outcome_with_an_action() {
    common::assert_every_path_ends_in_an_outcome(&flow());
}

#[test]
fn unknown_answer_is_an_error_value() {
    let err = flow().walk(&["link", "maybe"]).unwrap_err();
    assert_eq!(
        err,
        FlowError::UnknownAnswer {
            question: "has_seller_account".into(),
            answer: "maybe".into()
        }
    );
}

/// B1
#[test]
fn no_seller_account_is_sent_to_start_selling_first() {
    let flow = flow();
    let answers = ["link", "no_account"];
    assert_eq!(
        flow.walk(&answers).and_then(|w| w.outcome()).unwrap().key(),
        "start_selling"
    );
    assert_eq!(action(&flow, &answers), "start_selling");
    let text = common::outcome_text(&flow, &answers);
    assert!(text.contains("How to start selling on Amazon"));
    assert!(text.contains("Professional"));
}

/// B2
#[test]
fn individual_plan_is_told_to_upgrade_before_linking() {
    let flow = flow();
    let answers = ["link", "has_account", "individual"];
    assert_eq!(
        flow.walk(&answers).and_then(|w| w.outcome()).unwrap().key(),
        "upgrade_plan"
    );
    assert_eq!(action(&flow, &answers), "upgrade_plan");
    let text = common::outcome_text(&flow, &answers);
    let services = at(&text, "\"Your Services\"");
    let manage = at(&text, "\"Manage\"");
    let upgrade = at(&text, "\"Upgrade\"");
    let link = at(&text, "link your account");
    assert!(services < upgrade && manage < upgrade && upgrade < link);
    assert!(text.contains("\"Sell on Amazon\""));
    assert!(text.contains("Individual plan"));
}

/// The wizard's own guide for getting back into an Amazon account, as the outcomes name it.
fn recover_access_guide(lang: Lang) -> String {
    common::flow("recover_access").title().get(lang).to_owned()
}

/// B2 and B4: someone unsure of the plan, whether before linking or after an error, is told
/// where Seller Central shows it, how to get back in if they cannot sign in, and whom to ask.
#[test]
fn unsure_of_the_plan_can_look_in_your_services_recover_the_sign_in_or_ask_merchant_support() {
    let flow = flow();
    for answers in [
        &["link", "has_account", "not_sure"][..],
        &["link_failed", "active", "not_sure"],
    ] {
        assert_eq!(outcome_key(&flow, answers), "find_selling_plan");
        assert_eq!(action(&flow, answers), "info");
        let text = common::outcome_text(&flow, answers);
        let recover = at(&text, &recover_access_guide(Lang::En));
        let services = at(&text, "\"Your Services\"");
        let upgrade = at(&text, "\"Upgrade\"");
        let support = at(&text, "\"Get Support\"");
        assert!(
            recover < services && services < upgrade && upgrade < support,
            "{text}"
        );
        let spanish = common::outcome_text_in(&flow, answers, Lang::Es);
        assert!(
            spanish.contains(&recover_access_guide(Lang::Es)),
            "{spanish}"
        );
    }
}

/// B3
#[test]
fn professional_plan_is_shown_what_linking_does_and_how_to_link() {
    let flow = flow();
    let answers = ["link", "has_account", "professional"];
    assert_eq!(
        flow.walk(&answers).and_then(|w| w.outcome()).unwrap().key(),
        "link_account"
    );
    assert_eq!(action(&flow, &answers), "link_account");
    let text = common::outcome_text(&flow, &answers);
    for fact in [
        "fulfilment centres",
        "imports your Amazon product listings",
        "Amazon Pay",
        "Prime shipping for eligible products",
        "store picker",
    ] {
        assert!(text.contains(fact), "{fact:?} missing");
    }
}

/// B4
#[test]
fn link_error_that_survives_relinking_goes_to_merchant_support() {
    let flow = flow();
    let answers = ["link_failed", "active", "professional", "still_failing"];
    let walk = flow.walk(&answers).unwrap();
    let asked: Vec<&str> = walk.answered.iter().map(|a| a.node.key()).collect();
    assert_eq!(
        asked,
        [
            "goal",
            "error_account_active",
            "error_selling_plan",
            "relink_result"
        ]
    );
    assert_eq!(
        flow.walk(&answers).and_then(|w| w.outcome()).unwrap().key(),
        "contact_merchant_support"
    );
    assert_eq!(action(&flow, &answers), "contact_merchant_support");
    assert!(common::outcome_text(&flow, &answers).contains("\"Get Support\""));
}

/// B4
#[test]
fn link_error_cleared_by_relinking_needs_no_support() {
    let flow = flow();
    let answers = ["link_failed", "active", "professional", "linked"];
    assert_eq!(
        flow.walk(&answers).and_then(|w| w.outcome()).unwrap().key(),
        "relink_worked"
    );
    assert_eq!(action(&flow, &answers), "info");
}

/// B4
#[test]
fn link_error_on_the_individual_plan_is_told_to_upgrade() {
    let flow = flow();
    let answers = ["link_failed", "active", "individual"];
    assert_eq!(action(&flow, &answers), "upgrade_plan");
    assert!(common::outcome_text(&flow, &answers).contains("no longer on the Professional plan"));
}

/// B4
#[test]
fn link_error_on_an_inactive_account_is_told_to_reactivate_it_first() {
    let flow = flow();
    let answers = ["link_failed", "not_active"];
    assert_eq!(
        flow.walk(&answers).and_then(|w| w.outcome()).unwrap().key(),
        "account_not_active"
    );
    assert_eq!(action(&flow, &answers), "info");
    assert!(common::outcome_text(&flow, &answers).contains("\"Account status\""));
}

/// B4: someone unsure whether the account is active is told where Seller Central shows it,
/// how to get back in, that a suspension comes with an email, and to ask merchant support.
#[test]
fn unsure_whether_the_account_is_active_can_check_account_status_the_suspension_email_or_ask_merchant_support(
) {
    let flow = flow();
    let answers = ["link_failed", "not_sure"];
    assert_eq!(outcome_key(&flow, &answers), "find_account_status");
    assert_eq!(action(&flow, &answers), "info");
    let text = common::outcome_text(&flow, &answers);
    let recover = at(&text, &recover_access_guide(Lang::En));
    let status = at(&text, "\"Performance\", then \"Account status\"");
    let email = at(&text, "sends an email saying why");
    let support = at(&text, "\"Get Support\"");
    assert!(
        recover < status && status < email && email < support,
        "{text}"
    );
    assert!(common::outcome_text_in(&flow, &answers, Lang::Es)
        .contains(&recover_access_guide(Lang::Es)));
}

/// Every answer of the flow that says the person is unsure, so that a new one comes with a
/// test of where it leads.
#[test]
fn every_unsure_answer_of_the_flow_is_one_these_tests_follow() {
    assert_eq!(
        common::unsure_answers(&flow()),
        [
            "error_account_active/not_sure",
            "error_selling_plan/not_sure",
            "selling_plan/not_sure",
        ]
    );
}

/// B5
#[test]
fn wrong_store_is_unlinked_then_picked_in_the_store_picker_and_linked_again() {
    let flow = flow();
    let answers = ["wrong_store"];
    assert_eq!(
        flow.walk(&answers).and_then(|w| w.outcome()).unwrap().key(),
        "relink_store"
    );
    assert_eq!(action(&flow, &answers), "relink_store");
    let text = common::outcome_text(&flow, &answers);
    let offer_prime = at(&text, "\"Offer Prime\"");
    let unlink = at(&text, "ask to unlink");
    let picker = at(&text, "store picker");
    let link_again = at(
        &text,
        "Link your Seller Central account to Buy with Prime again",
    );
    assert!(offer_prime < unlink && unlink < picker && picker < link_again);
}

/// B6
#[test]
fn unlinking_switches_off_offer_prime_before_asking_get_support() {
    let flow = flow();
    let answers = ["unlink"];
    assert_eq!(
        flow.walk(&answers).and_then(|w| w.outcome()).unwrap().key(),
        "request_unlink"
    );
    assert_eq!(action(&flow, &answers), "request_unlink");
    let text = common::outcome_text(&flow, &answers);
    let offer_prime = at(&text, "\"Offer Prime\"");
    let get_support = at(&text, "\"Get Support\"");
    assert!(offer_prime < get_support, "Offer Prime must come first");
    assert!(text.contains("every product"));
    assert!(text.contains("merchant console"));
    assert!(text.contains("pending Buy with Prime orders"));
    assert!(text.contains("past their return windows"));
    assert!(text.contains("cannot offer Buy with Prime on your site until you link"));
}

#[test]
fn every_outcome_is_self_service_as_amazon_not_the_organisation_acts_on_it() {
    assert!(common::requests(&flow()).is_empty());
}
