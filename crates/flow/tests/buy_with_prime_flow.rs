//! The Buy with Prime flow routes each situation in docs/SCENARIOS.md (flow 2, B1-B6) to its outcome.

mod common;

use common::{action, at};

use signpost_flow::{Flow, FlowError};

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

/// B2
#[test]
fn unsure_of_the_plan_is_told_where_to_see_it() {
    let flow = flow();
    let answers = ["link", "has_account", "not_sure"];
    assert_eq!(
        flow.walk(&answers).and_then(|w| w.outcome()).unwrap().key(),
        "find_selling_plan"
    );
    assert_eq!(action(&flow, &answers), "info");
    let text = common::outcome_text(&flow, &answers);
    assert!(text.contains("\"Your Services\""));
    assert!(text.contains("\"Upgrade\""));
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
    let unsure = ["link_failed", "not_sure"];
    assert_eq!(
        flow.walk(&unsure).and_then(|w| w.outcome()).unwrap().key(),
        "find_account_status"
    );
    assert!(common::outcome_text(&flow, &unsure).contains("\"Performance\""));
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
