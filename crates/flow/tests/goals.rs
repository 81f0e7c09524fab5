//! Heading for a node a search found: from each step, the answers that can still get there.

mod common;

use signpost_flow::{Flow, NodeId};

fn id(flow: &Flow, key: &str) -> NodeId {
    flow.node_by_key(key)
        .unwrap_or_else(|| panic!("no node {key}"))
        .0
}

/// Where `answers` stand, and which of that node's branches lead toward `goal`.
fn toward(flow: &Flow, answers: &[&str], goal: &str) -> Vec<bool> {
    let at = flow.walk(answers).unwrap().at;
    flow.toward(at, id(flow, goal))
}

#[test]
fn at_the_start_only_the_answer_whose_branch_holds_the_goal_is_marked() {
    let flow = common::flow("buy_with_prime");
    // link, link_failed, wrong_store, unlink
    assert_eq!(
        toward(&flow, &[], "request_unlink"),
        [false, false, false, true]
    );
    // Both linking and a failed link can end on upgrading the plan.
    assert_eq!(
        toward(&flow, &[], "upgrade_plan"),
        [true, true, false, false]
    );
}

#[test]
fn every_question_on_the_way_marks_the_answers_that_still_get_there() {
    let flow = common::flow("join");
    let goal = "separate";
    assert_eq!(toward(&flow, &[], goal), [true, false, false, false]);
    assert_eq!(toward(&flow, &["join"], goal), [true, false]);
    // never, used, aws, not_sure: "not sure" still can, through the password prompt.
    assert_eq!(
        toward(&flow, &["join", "received"], goal),
        [false, true, false, true]
    );
    assert_eq!(
        toward(
            &flow,
            &["join", "received", "used", "ordinary", "yes"],
            goal
        ),
        [true, true]
    );
}

#[test]
fn a_wrong_turn_or_the_goal_itself_marks_nothing() {
    let flow = common::flow("join");
    assert_eq!(
        toward(&flow, &["join", "not_received"], "separate"),
        Vec::<bool>::new()
    );
    assert!(toward(&flow, &["join", "received", "never"], "separate").is_empty());
    let off_course = toward(
        &flow,
        &["join", "received", "used", "separate_business"],
        "separate",
    );
    assert_eq!(off_course, [false, false]);
    let at = flow.walk(&["join"]).unwrap().at;
    assert!(!flow.reaches(at, id(&flow, "personal_use")));
    assert!(flow.reaches(at, at), "a node reaches itself");
}

#[test]
fn a_checklist_marks_its_all_yes_and_each_item_whose_no_leads_there() {
    let flow = common::flow("link_sellers");
    // all yes, then same_owner, business_info and no_alerts answered no
    assert_eq!(
        toward(&flow, &[], "update_business_info"),
        [false, false, true, false]
    );
    assert_eq!(
        toward(&flow, &[], "request_link"),
        [true, false, false, false]
    );
}
