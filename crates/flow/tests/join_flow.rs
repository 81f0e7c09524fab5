//! The join flow routes each situation in SCENARIOS.md (flow 1) to its outcome.

mod common;

use signpost_flow::{Flow, FlowError, Step};

fn join() -> Flow {
    common::flow("join")
}

fn all_text(flow: &Flow, answers: &[&str]) -> String {
    let o = flow
        .outcome_of(answers)
        .expect("the answers reach an outcome");
    let parts = [o.title(), o.summary()].into_iter();
    let parts = parts.chain(o.steps().iter().map(String::as_str));
    let parts = parts.chain(o.warnings().iter().map(String::as_str));
    parts.collect::<Vec<_>>().join("\n")
}

#[test]
fn every_path_ends_in_an_outcome_with_an_action() {
    let flow = join();
    let paths = flow.paths();
    assert!(paths.len() >= 5, "only {} paths", paths.len());
    for path in paths {
        let outcome = flow.outcome_of(&path).unwrap();
        assert!(!outcome.action().as_str().is_empty());
    }
}

#[test]
fn unknown_answer_is_an_error_value() {
    let err = join().walk(&["received", "sometimes"]).unwrap_err();
    assert_eq!(
        err,
        FlowError::UnknownAnswer {
            question: "used_work_email".into(),
            answer: "sometimes".into()
        }
    );
}

#[test]
fn answers_past_an_outcome_are_an_error_value() {
    let err = join().walk(&["not_received", "received"]).unwrap_err();
    assert!(matches!(err, FlowError::PastOutcome { .. }));
}

#[test]
fn an_unfinished_path_has_no_outcome() {
    let err = join().outcome_of(&["received"]).unwrap_err();
    assert!(matches!(err, FlowError::Incomplete { .. }));
    assert!(
        matches!(join().walk(&["received"]).unwrap().step, Step::Question(q) if q.key() == "used_work_email")
    );
}

#[test]
fn missing_invitation_asks_for_a_new_one() {
    let flow = join();
    let o = flow.outcome_of(&["not_received"]).unwrap();
    assert_eq!(o.action().as_str(), "request_invitation");
    assert!(all_text(&flow, &["not_received"]).contains("business@amazon.com"));
}

#[test]
fn never_used_work_email_registers_as_new() {
    let flow = join();
    let answers = ["received", "never"];
    assert_eq!(
        flow.outcome_of(&answers).unwrap().action().as_str(),
        "register_new"
    );
    assert!(all_text(&flow, &answers).contains("Enter your name"));
}

#[test]
fn business_only_account_migrates_with_the_personal_purchase_warning() {
    let flow = join();
    let answers = ["received", "used", "ordinary", "business_only"];
    assert_eq!(
        flow.outcome_of(&answers).unwrap().action().as_str(),
        "migrate_account"
    );
    let text = all_text(&flow, &answers);
    assert!(text.contains("organization business shopping only"));
    assert!(text.contains("Yes, add to my organization's Shared Account"));
    assert!(text.contains("Do not migrate if the account has any personal purchases"));
}

#[test]
fn separate_accounts_keeps_history_with_personal_email() {
    let flow = join();
    let answers = ["received", "used", "ordinary", "personal"];
    assert_eq!(
        flow.outcome_of(&answers).unwrap().action().as_str(),
        "separate_accounts"
    );
    let text = all_text(&flow, &answers);
    assert!(text.contains("A mix of Organization business and personal shopping"));
    assert!(text.contains("new personal email address"));
    assert!(text.contains("Create your Amazon account"));
}

#[test]
fn separate_business_account_is_deregistered_before_joining() {
    let flow = join();
    let answers = ["received", "used", "separate_business"];
    let o = flow.outcome_of(&answers).unwrap();
    assert_eq!(o.action().as_str(), "deregister_business_account");
    let text = all_text(&flow, &answers);
    let download = text.find("Business Analytics").expect("download step");
    let deregister = text
        .find("deregister the account")
        .expect("deregister step");
    let rejoin = text.find("punch out").expect("rejoin step");
    assert!(
        download < deregister && deregister < rejoin,
        "steps out of order"
    );
    assert!(o.links().iter().all(|l| l.url().starts_with("https://")));
}

#[test]
fn version_changes_with_content() {
    let a = join();
    let path = format!("{}/../../flows/join.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path)
        .unwrap()
        .replace("Enter your name.", "Type your name.");
    let b = Flow::from_raw(&toml::from_str(&text).unwrap()).unwrap();
    assert_eq!(a.version(), join().version());
    assert_ne!(a.version(), b.version());
}
