//! The join flow routes each situation in docs/SCENARIOS.md (flow 1, J1-J14) to its outcome, with
//! the facts that situation needs.

mod common;

use common::{action, at, outcome_key, outcome_text, outcome_text_in};
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
fn unsure_of_the_work_email_and_asked_to_create_an_account_registers_as_new_to_amazon() {
    let flow = join();
    let answers = ["join", "received", "not_sure", "create"];
    assert_eq!(outcome_key(&flow, &answers), "new_to_amazon");
    assert_eq!(action(&flow, &answers), "register_new");
    assert!(outcome_text(&flow, &answers).contains("Create a password"));
}

/// Someone unsure whether the work email was ever used, whom Amazon asks to sign in, answers
/// the rest as if they had said they used it: every such route ends where the same answers
/// after "yes" end, and adds why Amazon asked for a password.
#[test]
fn unsure_of_the_work_email_and_asked_to_sign_in_continues_as_someone_who_used_it() {
    let flow = join();
    let used = ["join", "received", "used"];
    let unsure = ["join", "received", "not_sure", "sign_in"];
    let routes: Vec<Vec<String>> = flow
        .paths()
        .into_iter()
        .filter(|p| p.starts_with(&used.map(String::from)))
        .collect();
    assert!(routes.len() >= 10, "{routes:?}");
    for route in routes {
        let rest: Vec<&str> = route[used.len()..].iter().map(String::as_str).collect();
        let (as_used, as_unsure) = (with(&used, &rest), with(&unsure, &rest));
        assert_eq!(outcome_key(&flow, &as_unsure), outcome_key(&flow, &as_used));
        assert_eq!(action(&flow, &as_unsure), action(&flow, &as_used));
        assert!(outcome_text(&flow, &as_unsure).contains(
            "Amazon asks for a password because an Amazon account already uses your work email."
        ));
    }
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

/// J7: the reason Amazon asks for a password is given once, in each language, whichever way
/// the person came.
#[test]
fn unsure_of_the_work_email_without_its_password_reads_why_once_and_can_reset_it_or_call() {
    let flow = join();
    let unsure = ["join", "received", "not_sure", "sign_in", "ordinary", "no"];
    let used = ["join", "received", "used", "ordinary", "no"];
    for answers in [&unsure[..], &used[..]] {
        for (lang, reason) in [
            (Lang::En, "an Amazon account already uses your work email"),
            (
                Lang::Es,
                "ya hay una cuenta de Amazon con tu correo del trabajo",
            ),
        ] {
            let text = outcome_text_in(&flow, answers, lang);
            let times = text.matches(reason).count();
            assert!(times <= 1, "{answers:?}:\n{text}");
            if answers == unsure {
                assert_eq!(times, 1, "{text}");
            }
        }
        let text = outcome_text(&flow, answers);
        assert!(at(&text, "Forgot your password?") < at(&text, "{support_phone}"));
    }
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

/// Someone unsure of the kind of account is asked first whether they can sign in to it, since
/// telling the kinds apart means looking inside the account.
#[test]
fn unsure_of_the_account_kind_is_asked_whether_they_can_sign_in() {
    let flow = join();
    for answers in [
        &["join", "received", "used", "not_sure"][..],
        &["join", "received", "not_sure", "sign_in", "not_sure"],
    ] {
        let walk = flow.walk(answers).unwrap();
        assert!(
            matches!(walk.step, Step::Question(q) if q.key() == "kind_can_sign_in"),
            "{answers:?}"
        );
    }
}

/// The case of the issue: unsure whether the work email was used, asked for a password never
/// set, unsure of the kind of account. The outcome does not ask them to sign in first.
#[test]
fn unsure_of_the_account_kind_without_its_password_can_reset_it_or_call_customer_service() {
    let flow = join();
    for answers in [
        &["join", "received", "not_sure", "sign_in", "not_sure", "no"][..],
        &["join", "received", "used", "not_sure", "no"],
    ] {
        assert_eq!(outcome_key(&flow, answers), "reset_to_check_account_kind");
        assert_eq!(action(&flow, answers), "password_help");
        let text = outcome_text(&flow, answers);
        let reset = at(&text, "choose \"Forgot your password?\"");
        let call = at(
            &text,
            "call Amazon Business Customer Service at {support_phone}",
        );
        let look = at(&text, "Business Analytics");
        let back = at(&text, "Come back here");
        assert!(reset < call && call < look && look < back, "{text}");
        assert!(text.contains("ask which kind of account your work email has"));
        let spanish = outcome_text_in(&flow, answers, Lang::Es);
        assert!(spanish.contains("«¿Olvidaste tu contraseña?»"));
        assert!(spanish.contains("al {support_phone}"));
    }
}

/// Someone unsure of the kind of account who can sign in looks in the account menu, and still
/// has the reset and Customer Service if the password or the menu lets them down.
#[test]
fn unsure_of_the_account_kind_who_can_sign_in_looks_for_business_analytics_or_calls_customer_service(
) {
    let flow = join();
    for answers in [
        &["join", "received", "used", "not_sure", "yes"][..],
        &["join", "received", "not_sure", "sign_in", "not_sure", "yes"],
    ] {
        assert_eq!(outcome_key(&flow, answers), "check_account_kind");
        assert_eq!(action(&flow, answers), "info");
        let text = outcome_text(&flow, answers);
        let sign_in = at(&text, "Sign in on Amazon with your work email");
        let reset = at(&text, "\"Forgot your password?\"");
        let look = at(&text, "Business Analytics");
        let call = at(
            &text,
            "call Amazon Business Customer Service at {support_phone}",
        );
        assert!(sign_in < reset && reset < look && look < call, "{text}");
        assert!(text.contains("Amazon Business Customer Service: {support_phone}"));
    }
}

/// Unsure whether the work email was used, then told it holds a Business account of its own:
/// the deregistering steps start with signing in to it, so they give the reset and the number.
#[test]
fn unsure_of_the_work_email_with_a_separate_business_account_can_reset_its_password_before_deregistering(
) {
    let flow = join();
    let answers = [
        "join",
        "received",
        "not_sure",
        "sign_in",
        "separate_business",
        "not_yet",
    ];
    assert_eq!(outcome_key(&flow, &answers), "deregister_first");
    let text = outcome_text(&flow, &answers);
    let reset = at(&text, "\"Forgot your password?\"");
    let call = at(
        &text,
        "call Amazon Business Customer Service at {support_phone}",
    );
    let download = at(&text, "Business Analytics");
    assert!(reset < call && call < download, "{text}");
}

/// A department's own Amazon Business registration on the work email is named by the answers
/// that lead to deregistering it, in both languages.
#[test]
fn a_departments_own_business_registration_fits_the_answers_and_is_deregistered_first() {
    let flow = join();
    let answers = ["join", "received", "used", "separate_business", "not_yet"];
    assert_eq!(outcome_key(&flow, &answers), "deregister_first");
    let walk = flow.walk(&answers).unwrap();
    for (lang, department) in [(Lang::En, "department"), (Lang::Es, "departamento")] {
        let used = walk.answered[2].given.describe(lang);
        let kind = walk.answered[3].given.describe(lang);
        assert!(used.contains(department), "{used}");
        assert!(used.contains("Amazon Business"), "{used}");
        assert!(kind.contains(department), "{kind}");
    }
}

/// J9's neighbour: bought in April 2019 itself, the month the seeds split on.
#[test]
fn prime_bought_in_april_2019_joins_first_then_calls_customer_service_for_the_refund() {
    let flow = join();
    let answers = with(
        &ORDINARY,
        &["business_only", "purchasing_card", "in_2019_04"],
    );
    assert_eq!(outcome_key(&flow, &answers), "migrate");
    assert_eq!(action(&flow, &answers), "migrate_account");
    assert_eq!(
        flow.walk(&answers).unwrap().flags,
        ["prime_purchasing_card_2019_04"]
    );
    let text = outcome_text(&flow, &answers);
    let join_first = at(&text, "join {organisation}'s account first");
    let call = at(
        &text,
        "call Amazon Business Customer Service at {support_phone}",
    );
    assert!(join_first < call);
    assert!(text.contains("bought in April 2019") && text.contains("prorated refund"));
    let spanish = outcome_text_in(&flow, &answers, Lang::Es);
    assert!(spanish.contains("en abril de 2019") && spanish.contains("al {support_phone}"));
}

/// Someone who does not know when Prime was bought is told where to look, that joining need
/// not wait, and whom to call.
#[test]
fn unsure_when_prime_was_bought_looks_on_the_membership_page_joins_and_can_call_customer_service() {
    let flow = join();
    let to_prime = with(&ORDINARY, &["business_only", "purchasing_card"]);
    let Step::Question(question) = flow.walk(&to_prime).unwrap().step else {
        panic!("prime_bought is a question");
    };
    assert!(question
        .help()
        .unwrap()
        .get(Lang::En)
        .contains("Prime membership page"));
    let answers = with(&to_prime, &["dont_know"]);
    assert_eq!(outcome_key(&flow, &answers), "migrate");
    assert_eq!(action(&flow, &answers), "migrate_account");
    assert_eq!(
        flow.walk(&answers).unwrap().flags,
        ["prime_purchasing_card_date_unknown"]
    );
    let text = outcome_text(&flow, &answers);
    let look = at(&text, "Prime membership page on Amazon");
    let refunded = at(
        &text,
        "after April 2019, the prorated refund goes back to the card by itself",
    );
    let join_anyway = at(&text, "join {organisation}'s account all the same");
    let call = at(
        &text,
        "call Amazon Business Customer Service at {support_phone}",
    );
    assert!(
        look < refunded && refunded < join_anyway && join_anyway < call,
        "{text}"
    );
    assert!(text.contains("before you join"));
    let spanish = outcome_text_in(&flow, &answers, Lang::Es);
    assert!(
        spanish.contains("página de tu membresía Prime") && spanish.contains("al {support_phone}")
    );
}

/// Every answer of the flow that says the person is unsure, so that a new one comes with a
/// test of where it leads.
#[test]
fn every_unsure_answer_of_the_flow_is_one_these_tests_follow() {
    assert_eq!(
        common::unsure_answers(&join()),
        [
            "account_kind/not_sure",
            "kind_can_sign_in/no",
            "knows_password/no",
            "prime_bought/dont_know",
            "used_work_email/not_sure",
        ]
    );
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
    let april = flow.flag("prime_purchasing_card_2019_04").unwrap();
    assert!(april.get(Lang::En).contains("in April 2019"));
    assert!(april.get(Lang::Es).contains("en abril de 2019"));
    let unknown = flow.flag("prime_purchasing_card_date_unknown").unwrap();
    assert!(unknown.get(Lang::En).contains("date unknown"));
    assert!(unknown
        .get(Lang::Es)
        .contains("fecha de compra desconocida"));
}

#[test]
fn only_a_missing_invitation_is_a_request_as_only_then_the_organisation_acts() {
    // Everything else is done by the person on Amazon, or with Amazon's Customer Service.
    assert_eq!(common::requests(&join()), ["request_invitation"]);
}
