//! The join flow routes each situation in docs/SCENARIOS.md (flow 1, J1-J14) to its outcome, with
//! the facts that situation needs.

mod common;

use common::{action, outcome_text, outcome_text_in};
use signpost_flow::{Flow, FlowError, Lang, Step};

fn join() -> Flow {
    common::flow("join")
}

/// The answers of someone joining whose work email holds an ordinary account they can sign in to.
const ORDINARY: [&str; 5] = ["join", "received", "used", "ordinary", "yes"];

fn with<'a>(prefix: &[&'a str], more: &[&'a str]) -> Vec<&'a str> {
    prefix.iter().chain(more).copied().collect()
}

#[test]
fn every_path_ends_in_an_outcome_with_an_action() {
    common::assert_every_path_ends_in_an_outcome(&join());
}

#[test]
fn unknown_answer_is_an_error_value() {
    let err = join().walk(&["join", "received", "sometimes"]).unwrap_err();
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
    let err = join()
        .walk(&["join", "not_received", "received"])
        .unwrap_err();
    assert!(matches!(err, FlowError::PastOutcome { .. }));
}

#[test]
fn an_unfinished_path_has_no_outcome() {
    let flow = join();
    assert!(matches!(
        flow.walk(&["join"]).and_then(|w| w.outcome()).unwrap_err(),
        FlowError::Incomplete { .. }
    ));
    assert!(
        matches!(flow.walk(&["join"]).unwrap().step, Step::Question(q) if q.key() == "invitation")
    );
}

/// J1
#[test]
fn missing_invitation_asks_the_administrator_for_a_new_one() {
    let flow = join();
    let answers = ["join", "not_received"];
    assert_eq!(action(&flow, &answers), "request_invitation");
    let text = outcome_text(&flow, &answers);
    assert!(text.contains("business@amazon.com"));
    assert!(text.contains("new invitation"));
}

/// J2
#[test]
fn never_used_work_email_registers_as_new_to_amazon() {
    let flow = join();
    let answers = ["join", "received", "never"];
    assert_eq!(action(&flow, &answers), "register_new");
    let text = outcome_text(&flow, &answers);
    assert!(text.contains("Enter your name"));
    assert!(text.contains("Create a password"));
}

/// J2, for someone unsure whether the work email was ever used.
#[test]
fn not_sure_and_asked_to_create_an_account_is_new_to_amazon() {
    assert_eq!(
        action(&join(), &["join", "received", "not_sure", "create"]),
        "register_new"
    );
}

/// J3
#[test]
fn business_only_account_migrates_with_the_personal_purchase_warning() {
    let flow = join();
    let answers = with(&ORDINARY, &["business_only", "none"]);
    assert_eq!(action(&flow, &answers), "migrate_account");
    let text = outcome_text(&flow, &answers);
    assert!(text.contains("Forgot your password?"));
    let only = text
        .find("organization business shopping only")
        .expect("first choice");
    let shared = text
        .find("Yes, add to my organization's Shared Account")
        .expect("second choice");
    assert!(only < shared);
    assert!(text.contains("Do not migrate if the account has any personal purchases"));
    assert!(text.contains("all of its orders and payment methods"));
}

/// J4
#[test]
fn separate_accounts_keeps_history_with_personal_email() {
    let flow = join();
    let answers = with(&ORDINARY, &["personal", "none"]);
    assert_eq!(action(&flow, &answers), "separate_accounts");
    let text = outcome_text(&flow, &answers);
    let mix = text
        .find("A mix of Organization business and personal shopping")
        .unwrap();
    let email = text.find("new personal email address").unwrap();
    let code = text.find("one-time code").unwrap();
    let create = text.find("Create your Amazon account").unwrap();
    assert!(
        mix < email && email < code && code < create,
        "steps out of order"
    );
    assert!(text.contains("order history, payment methods and addresses"));
    assert!(text.contains("phone number is optional"));
}

/// J5
#[test]
fn separate_business_account_is_deregistered_before_joining() {
    let flow = join();
    let answers = ["join", "received", "used", "separate_business", "not_yet"];
    assert_eq!(action(&flow, &answers), "deregister_business_account");
    let text = outcome_text(&flow, &answers);
    let download = text.find("Business Analytics").expect("download step");
    let deregister = text
        .find("deregister the account")
        .expect("deregister step");
    let rejoin = text.find("punch out").expect("rejoin step");
    assert!(
        download < deregister && deregister < rejoin,
        "steps out of order"
    );
    assert!(text.contains("6 to 12 months"));
    assert!(text.contains("https://www.amazon.com/gp/b2b/manage/deregister"));
    assert!(text.contains("order history is kept"));
}

/// J6
#[test]
fn no_permission_to_deregister_asks_that_accounts_administrator_to_remove_you() {
    let flow = join();
    let answers = [
        "join",
        "received",
        "used",
        "separate_business",
        "no_permission",
    ];
    assert_eq!(action(&flow, &answers), "request_removal");
    let text = outcome_text(&flow, &answers);
    assert!(text.contains("not the administrator"));
    assert!(text.contains("{support_phone}"));
}

/// J7
#[test]
fn unknown_password_of_the_existing_account_is_reset_then_joined() {
    let flow = join();
    let answers = ["join", "received", "not_sure", "sign_in", "ordinary", "no"];
    assert_eq!(action(&flow, &answers), "password_help");
    let text = outcome_text(&flow, &answers);
    assert!(text.contains("an Amazon account already uses your work email"));
    assert!(text.contains("Forgot your password?"));
    assert!(text.contains("{support_phone}"));
    assert!(text.contains("move the account") && text.contains("keep it apart"));
}

/// J8
#[test]
fn prime_on_the_purchasing_card_after_april_2019_is_refunded_on_merging() {
    let flow = join();
    let answers = with(
        &ORDINARY,
        &["business_only", "purchasing_card", "after_2019_04"],
    );
    assert_eq!(action(&flow, &answers), "migrate_account");
    let walk = flow.walk(&answers).unwrap();
    assert_eq!(walk.flags, ["prime_purchasing_card_after_2019_04"]);
    let text = outcome_text(&flow, &answers);
    assert!(
        text.contains("after April 2019")
            && text.contains("cancelled")
            && text.contains("prorated refund")
    );
}

/// J9
#[test]
fn prime_on_the_purchasing_card_before_april_2019_needs_a_call_after_joining() {
    let flow = join();
    let answers = with(
        &ORDINARY,
        &["business_only", "purchasing_card", "before_2019_04"],
    );
    assert_eq!(action(&flow, &answers), "migrate_account");
    assert_eq!(
        flow.walk(&answers).unwrap().flags,
        ["prime_purchasing_card_before_2019_04"]
    );
    let text = outcome_text(&flow, &answers);
    let join_first = text
        .find("join {organisation}'s account first")
        .expect("join first");
    let call = text
        .find("call Amazon Business Customer Service at {support_phone}")
        .expect("then call");
    assert!(join_first < call);
    assert!(text.contains("before April 2019"));
}

/// J10
#[test]
fn prime_on_a_personal_card_keeps_the_accounts_apart() {
    let flow = join();
    for answers in [
        with(&ORDINARY, &["personal", "personal_card"]),
        with(&ORDINARY, &["business_only", "personal_card"]),
    ] {
        assert_eq!(action(&flow, &answers), "separate_accounts");
        assert_eq!(flow.walk(&answers).unwrap().flags, ["prime_personal_card"]);
        assert!(outcome_text(&flow, &answers)
            .contains("Prime membership stays with your personal email"));
    }
}

/// J11
#[test]
fn personal_purchases_on_the_business_account_are_not_allowed() {
    let flow = join();
    assert_eq!(action(&flow, &["personal_use"]), "info");
    let text = outcome_text(&flow, &["personal_use"]);
    assert!(text.contains("business purchases only"));
    assert!(text.contains("purchasing team can see every purchase"));
}

/// J12
#[test]
fn forgotten_business_password_that_cannot_be_reset_calls_customer_service() {
    let flow = join();
    assert_eq!(action(&flow, &["forgot_password"]), "password_help");
    assert!(outcome_text(&flow, &["forgot_password"])
        .contains("call Amazon Business Customer Service at {support_phone}"));
}

/// J13
#[test]
fn work_email_used_by_aws_goes_to_customer_service() {
    let flow = join();
    let answers = ["join", "received", "aws"];
    assert_eq!(action(&flow, &answers), "contact_support");
    assert!(outcome_text(&flow, &answers).contains("Contact Us"));
}

/// J14
#[test]
fn who_invited_you_is_in_the_welcome_email() {
    let flow = join();
    assert_eq!(action(&flow, &["who_invited"]), "info");
    assert!(outcome_text(&flow, &["who_invited"]).contains("welcome email"));
}

/// The "not sure" path for the kind of account.
#[test]
fn not_sure_of_the_account_kind_is_told_how_to_find_out() {
    let flow = join();
    let answers = ["join", "received", "used", "not_sure"];
    assert_eq!(action(&flow, &answers), "info");
    assert!(outcome_text(&flow, &answers).contains("Business Analytics"));
}

#[test]
fn no_outcome_asks_for_a_password_code_or_card_number() {
    let flow = join();
    for path in flow.paths() {
        let answers: Vec<&str> = path.iter().map(String::as_str).collect();
        let text = outcome_text(&flow, &answers).to_lowercase();
        assert!(
            !text.contains("notebook") && !text.contains("write it down"),
            "{path:?}"
        );
    }
}

/// J8, in Spanish: the same outcome and the same facts, worded in Spanish.
#[test]
fn the_migrate_outcome_reads_in_spanish_with_the_same_facts() {
    let flow = join();
    let answers = with(
        &ORDINARY,
        &["business_only", "purchasing_card", "after_2019_04"],
    );
    let text = outcome_text_in(&flow, &answers, Lang::Es);
    assert!(text.starts_with("Pasa tu cuenta a la cuenta de {organisation}"));
    assert!(text.contains("«¿Olvidaste tu contraseña?»"));
    assert!(text.contains("business@amazon.com"));
    assert!(text.contains("después de abril de 2019"));
    assert!(text.contains("reembolso prorrateado"));
    assert!(!text.contains("Forgot your password"), "{text}");
}

#[test]
fn every_text_of_the_flow_reads_differently_in_spanish() {
    // A text copied into both languages unchanged is most likely an untranslated one; only
    // names, addresses and placeholders read the same in both.
    let flow = join();
    let same_in_both = ["No", "{admin_contact}"];
    for path in flow.paths() {
        let answers: Vec<&str> = path.iter().map(String::as_str).collect();
        let outcome = flow.walk(&answers).and_then(|w| w.outcome()).unwrap();
        for text in [outcome.title(), outcome.summary()]
            .into_iter()
            .chain(outcome.steps())
        {
            let (en, es) = (text.get(Lang::En), text.get(Lang::Es));
            assert!(en != es || same_in_both.contains(&en), "untranslated: {en}");
        }
    }
    let question = flow.walk(&["join"]).unwrap().answered[0]
        .given
        .describe(Lang::Es);
    assert_eq!(
        question,
        "Unirme a la cuenta de Amazon Business de {organisation}"
    );
}

#[test]
fn version_changes_with_content() {
    let a = join();
    let path = format!("{}/../../flows/1-join.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path)
        .unwrap()
        .replace("Enter your name.", "Type your name.");
    let b = Flow::from_raw(&toml::from_str(&text).unwrap()).unwrap();
    assert_eq!(a.version(), join().version());
    assert_ne!(a.version(), b.version());
}

#[test]
fn progress_counts_the_longest_way_left() {
    let flow = join();
    assert_eq!(flow.questions_left(flow.start_id()), 9);
    let walk = flow.walk(&ORDINARY).unwrap();
    assert_eq!(walk.answered.len(), 5);
    assert_eq!(
        flow.questions_left(walk.at),
        3,
        "purchases, Prime, when it was bought"
    );
    let done = flow.walk(&["who_invited"]).unwrap();
    assert_eq!(flow.questions_left(done.at), 0);
}

#[test]
fn every_node_can_be_jumped_to_by_its_shortest_path() {
    let flow = join();
    for (id, node) in flow.node_ids() {
        let reached = flow.walk(&flow.path_to(id)).unwrap().at;
        assert_eq!(flow.node(reached).key(), node.key());
    }
    let to_prime = flow.path_to(
        flow.walk(&with(&ORDINARY, &["business_only", "purchasing_card"]))
            .unwrap()
            .at,
    );
    assert_eq!(
        to_prime,
        with(&ORDINARY, &["business_only", "purchasing_card"])
    );
}

#[test]
fn administrators_read_what_the_prime_flags_mean() {
    let flow = join();
    let before = flow.flag("prime_purchasing_card_before_2019_04").unwrap();
    assert!(before.get(Lang::En).contains("before April 2019"));
    assert!(before.get(Lang::Es).contains("antes de abril de 2019"));
}
