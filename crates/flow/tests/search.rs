//! Finding a topic from the list of flows: words folded as people type them, small typos
//! forgiven, and the best place first.

mod common;

use signpost_flow::org::Organisation;
use signpost_flow::search::{
    normalise, SearchFlow, SearchGoal, SearchIndex, Searcher, MAX_RESULTS,
};
use signpost_flow::Lang;

/// A node of a made-up flow: its title, the answers leading to it, its keywords.
fn goal(node: &str, title: &str, answers: &[&str], keywords: &[&str]) -> SearchGoal {
    let owned = |texts: &[&str]| texts.iter().map(|t| t.to_string()).collect();
    SearchGoal {
        node: node.into(),
        title: title.into(),
        answers: owned(answers),
        keywords: owned(keywords),
    }
}

/// Two made-up flows, in English.
fn searcher() -> Searcher {
    let index = SearchIndex {
        flows: vec![
            SearchFlow {
                id: "shop".into(),
                title: "Shopping at work".into(),
                topics: vec!["paying with the card".into()],
                goals: vec![
                    goal("start", "What do you need?", &[], &[]),
                    goal("card", "Pay with the purchasing card", &["Paying"], &[]),
                    goal(
                        "returns",
                        "Send a parcel back",
                        &["Returning an order"],
                        &["refund"],
                    ),
                    goal("refunds", "Refunds and credit notes", &[], &[]),
                ],
            },
            SearchFlow {
                id: "login".into(),
                title: "Signing in".into(),
                topics: Vec::new(),
                goals: vec![
                    goal("start", "What happened?", &[], &[]),
                    goal(
                        "reset",
                        "Reset your password",
                        &["I forgot my password"],
                        &["locked out"],
                    ),
                    goal("phone", "Lost phone", &[], &["two-step verification"]),
                ],
            },
        ],
    };
    Searcher::new(index, Lang::En)
}

/// Each result as `flow/node`, or `flow` for the flow itself.
fn found(searcher: &Searcher, query: &str) -> Vec<String> {
    searcher
        .find(query)
        .iter()
        .map(|hit| match hit.goal {
            Some(goal) => format!("{}/{}", hit.flow.id, goal.node),
            None => hit.flow.id.clone(),
        })
        .collect()
}

#[test]
fn the_normaliser_drops_case_accents_and_punctuation() {
    assert_eq!(normalise("Contraseña"), "contrasena");
    assert_eq!(normalise("¿Qué PASÓ?"), "que paso");
    assert_eq!(
        normalise("  Two-step   verification! "),
        "two step verification"
    );
    assert_eq!(
        normalise("I'm not sure, I don’t know"),
        "im not sure i dont know"
    );
    assert_eq!(
        normalise("Müller, Ærø, Straße, Łódź, Œuvre"),
        "muller aero strasse lodz oeuvre"
    );
    assert_eq!(normalise("business@amazon.com"), "business amazon com");
    assert_eq!(
        normalise("April 2019 (…@example.edu)"),
        "april 2019 example edu"
    );
    assert_eq!(normalise("×÷«»"), "");
}

#[test]
fn a_query_finds_whole_words_word_starts_and_small_typos_whatever_the_case() {
    let searcher = searcher();
    assert_eq!(found(&searcher, "PASSWORD"), ["login/reset"]);
    assert_eq!(found(&searcher, "passw"), ["login/reset"]);
    assert_eq!(found(&searcher, "pasword"), ["login/reset"]);
    assert_eq!(
        found(&searcher, "psasword"),
        ["login/reset"],
        "two letters swapped"
    );
    assert_eq!(found(&searcher, "verificaton"), ["login/phone"]);
    assert_eq!(
        found(&searcher, "verifcaiton"),
        ["login/phone"],
        "two slips in a long word"
    );
    assert!(found(&searcher, "pswd").is_empty(), "too far from any word");
    assert!(
        found(&searcher, "pa").is_empty(),
        "two letters are not a word's start"
    );
}

#[test]
fn short_words_forgive_no_typo_and_every_word_must_match() {
    let searcher = searcher();
    assert_eq!(
        found(&searcher, "phome"),
        ["login/phone"],
        "one slip in five letters"
    );
    assert_eq!(
        found(&searcher, "phne"),
        ["login/phone"],
        "one slip in four letters"
    );
    assert!(found(&searcher, "phn").is_empty(), "none in three");
    assert!(found(&searcher, "password parcel").is_empty());
}

#[test]
fn an_exact_word_ranks_above_a_word_start_and_that_above_a_typo() {
    let searcher = searcher();
    // "refund" is a keyword of returns and starts "Refunds"; "refunds" is the title's word.
    assert_eq!(found(&searcher, "refund"), ["shop/returns", "shop/refunds"]);
    assert_eq!(
        found(&searcher, "refunds"),
        ["shop/refunds", "shop/returns"]
    );
}

#[test]
fn a_title_or_keyword_ranks_above_an_answer_leading_there() {
    let searcher = searcher();
    assert_eq!(found(&searcher, "returning"), ["shop/returns"]);
    // "Paying" is an answer leading to card and a topic of the flow; "Pay" its title's word.
    assert_eq!(found(&searcher, "pay"), ["shop/card", "shop"]);
}

#[test]
fn the_flows_title_places_a_result_but_does_not_find_it_alone() {
    let searcher = searcher();
    // Every node of "Signing in" has the flow's words as context, but only the flow is listed.
    assert_eq!(found(&searcher, "signing"), ["login"]);
    // With a word of its own, a node is found by its flow's words too.
    assert_eq!(found(&searcher, "signing locked"), ["login/reset"]);
}

#[test]
fn common_words_are_left_out_unless_the_query_has_nothing_else() {
    let searcher = searcher();
    assert_eq!(found(&searcher, "the password I forgot"), ["login/reset"]);
    assert_eq!(found(&searcher, "I forgot my password"), ["login/reset"]);
    assert_eq!(
        found(&searcher, "the"),
        ["shop/card", "shop"],
        "only common words: all count"
    );
    assert!(found(&searcher, "").is_empty());
    assert!(found(&searcher, " ¿? ").is_empty());
}

#[test]
fn a_search_lists_at_most_a_screenful() {
    let goals: Vec<SearchGoal> = (0..20)
        .map(|i| goal(&format!("n{i}"), &format!("Password step {i}"), &[], &[]))
        .collect();
    let index = SearchIndex {
        flows: vec![SearchFlow {
            id: "many".into(),
            title: "Many".into(),
            topics: Vec::new(),
            goals,
        }],
    };
    let searcher = Searcher::new(index, Lang::En);
    let hits = searcher.find("password");
    assert_eq!(hits.len(), MAX_RESULTS);
    assert_eq!(
        hits[0].title(),
        "Password step 0",
        "ties keep the flow's order"
    );
}

#[test]
fn the_index_of_a_flow_names_each_node_with_the_answers_leading_there_in_one_language() {
    let flow = common::flow("buy_with_prime");
    let org = Organisation::example();
    let index = SearchIndex::of([&flow], &org, Lang::Es);
    let flow_words = &index.flows[0];
    assert_eq!(flow_words.id, "buy_with_prime");
    assert_eq!(
        flow_words.title,
        "Vincular Seller Central con Buy with Prime"
    );
    assert_eq!(flow_words.goals.len(), flow.nodes().len());
    let unlink = flow_words
        .goals
        .iter()
        .find(|g| g.node == "request_unlink")
        .unwrap();
    assert_eq!(unlink.title, "Desvincula tu cuenta de Seller Central");
    assert_eq!(unlink.answers, ["Desvincular mi cuenta de Seller Central"]);
    // An answer shared by several choices leading to one node is listed once.
    let plan = flow_words
        .goals
        .iter()
        .find(|g| g.node == "find_selling_plan")
        .unwrap();
    assert_eq!(plan.answers, ["No estoy seguro"]);
}

#[test]
fn the_index_fills_in_the_organisations_words() {
    let flow = common::flow("join");
    let org = Organisation::example();
    let index = SearchIndex::of([&flow], &org, Lang::En);
    assert_eq!(
        index.flows[0].title,
        "Join Example University's Amazon Business account"
    );
    let text = serde_json::to_string(&index).unwrap();
    assert!(!text.contains("{organisation}"), "{text}");
    let read: SearchIndex = serde_json::from_str(&text).unwrap();
    assert_eq!(read, index);
}

/// The shipped flows' index in `lang`.
fn shipped(lang: Lang) -> Searcher {
    let flows: Vec<_> = ["join", "buy_with_prime", "link_sellers", "recover_access"]
        .into_iter()
        .map(common::flow)
        .collect();
    Searcher::new(
        SearchIndex::of(&flows, &Organisation::example(), lang),
        lang,
    )
}

#[test]
fn stopping_buy_with_prime_is_found_by_the_words_people_use_for_unlinking() {
    let en = shipped(Lang::En);
    for query in [
        "stop buy with prime",
        "cancel Buy with Prime",
        "turn off buy with prime",
        "remove buy with prime",
    ] {
        assert_eq!(
            found(&en, query)[0],
            "buy_with_prime/request_unlink",
            "{query}"
        );
    }
    let es = shipped(Lang::Es);
    for query in [
        "cancelar",
        "cancelar Buy with Prime",
        "desactivar buy with prime",
        "dar de baja buy with prime",
    ] {
        assert_eq!(
            found(&es, query)[0],
            "buy_with_prime/request_unlink",
            "{query}"
        );
    }
}

#[test]
fn the_join_flows_hidden_topics_are_found() {
    let en = shipped(Lang::En);
    assert_eq!(found(&en, "who sent the invitation")[0], "join/who_invited");
    assert_eq!(found(&en, "buy personal things")[0], "join/personal_use");
    assert_eq!(found(&en, "Prime refund")[0], "join/prime_bought");
    assert_eq!(found(&en, "merge accounts")[0], "join/migrate");
    assert_eq!(found(&en, "TV")[0], "join/separate");
    let es = shipped(Lang::Es);
    assert_eq!(
        found(&es, "quién me envió la invitación")[0],
        "join/who_invited"
    );
    assert_eq!(found(&es, "compras personales")[0], "join/personal_use");
    assert_eq!(found(&es, "tele")[0], "join/separate");
}

#[test]
fn recovering_access_is_found_despite_typos_and_accents() {
    let en = shipped(Lang::En);
    let typo = found(&en, "pasword");
    assert!(
        typo.contains(&"recover_access/reset_password".to_owned()),
        "{typo:?}"
    );
    assert!(typo.contains(&"join/password_help".to_owned()), "{typo:?}");
    assert_eq!(
        found(&en, "lost phone")[0],
        "recover_access/identity_upload"
    );
    assert_eq!(
        found(&en, "two step verificaton")[0],
        "recover_access/identity_upload"
    );
    let es = shipped(Lang::Es);
    let accented = found(&es, "contraseña");
    assert!(
        accented.contains(&"recover_access/reset_password".to_owned()),
        "{accented:?}"
    );
    assert_eq!(found(&es, "contrasena"), accented);
    assert_eq!(found(&es, "CONTRASEÑA"), accented);
    assert_eq!(
        found(&es, "verificación en dos pasos")[0],
        "recover_access/identity_upload"
    );
}

#[test]
fn prime_is_found_whatever_its_case() {
    let en = shipped(Lang::En);
    let found_prime = found(&en, "Prime");
    assert_eq!(
        found_prime[0], "buy_with_prime",
        "the flow named so comes first"
    );
    assert_eq!(found(&en, "PRIME"), found_prime);
    assert_eq!(found(&en, "prime"), found_prime);
}

#[test]
fn every_result_names_the_topic_in_the_language_searched() {
    let es = shipped(Lang::Es);
    let hit = es.find("cancelar")[0];
    assert_eq!(hit.title(), "Desvincula tu cuenta de Seller Central");
    assert_eq!(hit.flow.title, "Vincular Seller Central con Buy with Prime");
    assert!(es
        .find("stop")
        .iter()
        .all(|h| h.flow.id != "buy_with_prime"));
}
