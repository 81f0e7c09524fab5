//! Flows as the server's run-time data: read from `SIGNPOST_FLOWS`, checked at start, sent to
//! the app already checked (in the page and by the API), and published again on an
//! administrator's reload, a good set whole and a bad one not at all.

mod common;

use std::path::Path;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::{json, Value};
use signpost_server::config::Config;
use signpost_server::FlowSource;

use common::{edit_join, flow_folder, Server, ADMIN_TOKEN};

/// A sentence only the join flow's file holds (a warning of the migrate outcome).
const WARNING: &str = "Do not migrate if the account has any personal purchases";

async fn server_reading(folder: &Path) -> Server {
    common::server_with(Config {
        admin_tokens: vec![ADMIN_TOKEN.into()],
        flows: FlowSource::Folder(folder.to_owned()),
        ..Config::default()
    })
    .await
}

async fn get(server: &Server, uri: &str) -> common::Reply {
    server
        .send(Request::get(uri).body(Body::empty()).unwrap())
        .await
}

/// `uri` asked again by a browser that holds the answer tagged `etag`.
async fn get_held(server: &Server, uri: &str, etag: &str) -> common::Reply {
    let request = Request::get(uri).header("if-none-match", etag);
    server.send(request.body(Body::empty()).unwrap()).await
}

async fn live_join_version(server: &Server) -> String {
    let list = get(server, "/api/flows").await;
    let join = list.json["flows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "join")
        .unwrap()
        .clone();
    join["version"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_flow_list_names_each_flow_in_both_languages_and_is_revalidated_by_its_etag() {
    let server = common::server().await;
    let reply = get(&server, "/api/flows").await;
    assert_eq!(reply.status, StatusCode::OK);
    let flows = reply.json["flows"].as_array().unwrap();
    let ids: Vec<&str> = flows.iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["join", "buy_with_prime", "link_sellers", "recover_access"]
    );
    assert!(flows[0]["title"]["en"].is_string() && flows[0]["title"]["es"].is_string());
    assert!(flows[0]["summary"]["es"].is_string());
    assert_eq!(reply.headers["cache-control"], "no-cache");
    let etag = reply.headers["etag"].to_str().unwrap().to_owned();
    let again = get_held(&server, "/api/flows", &etag).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.text.is_empty());
}

#[tokio::test]
async fn one_flow_is_sent_checked_and_its_named_version_is_cached_for_good() {
    let server = common::server().await;
    let version = live_join_version(&server).await;
    let live = get(&server, "/api/flows/join").await;
    assert_eq!(live.status, StatusCode::OK);
    assert_eq!(live.json["id"], "join");
    assert_eq!(live.json["version"], version.as_str());
    assert_eq!(live.headers["cache-control"], "no-cache");
    assert!(live.headers.contains_key("etag"));
    // The app reads it as the checked model, and it walks.
    let flow: signpost_flow::Flow = serde_json::from_str(&live.text).unwrap();
    assert!(flow
        .walk(&["join", "not_received"])
        .unwrap()
        .outcome()
        .is_ok());

    let named = get(&server, &format!("/api/flows/join?version={version}")).await;
    assert_eq!(named.text, live.text);
    assert_eq!(
        named.headers["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let unknown = get(&server, "/api/flows/join?version=0000000000000000").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.json["error"]["code"], "not_found");
    let missing = get(&server, "/api/flows/nosuchflow").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

/// The JSON of the page's data block.
fn data_block(html: &str) -> Value {
    let open = "<script type=\"application/json\" id=\"signpost-data\">";
    let start = html.find(open).expect("the page has its data block") + open.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).unwrap()
}

#[tokio::test]
async fn the_page_carries_the_words_the_list_and_the_flow_its_address_names() {
    let server = common::server().await;
    let page = get(&server, "/?flow=join&answers=join&lang=es").await;
    assert_eq!(page.status, StatusCode::OK);
    // Its first screen may follow the browser's language, as well as its encoding.
    let varies: Vec<_> = page.headers.get_all("vary").iter().collect();
    assert_eq!(varies, ["accept-language", "accept-encoding"]);
    assert!(page.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let data = data_block(&page.text);
    assert_eq!(data["organisation"]["email_domain"], "example.edu");
    assert_eq!(data["flows"].as_array().unwrap().len(), 4);
    assert_eq!(data["flow"]["id"], "join");
    // Trunk's loader is still the only inline script the policy allows.
    let policy = page.headers["content-security-policy"].to_str().unwrap();
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    assert!(page.text.contains(common::INLINE_SCRIPT));

    let home = get(&server, "/").await;
    assert!(data_block(&home.text)["flow"].is_null());
    let deep = get(&server, "/some/path?flow=recover_access").await;
    assert_eq!(data_block(&deep.text)["flow"]["id"], "recover_access");
    let unknown = get(&server, "/?flow=nosuchflow").await;
    assert!(data_block(&unknown.text)["flow"].is_null());
}

#[tokio::test]
async fn trainer_mode_gets_the_trainers_page_with_the_same_data() {
    let server = common::server().await;
    let page = get(&server, "/?flow=join&mode=trainer&lang=es").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text.contains(common::TRAINER_INLINE_SCRIPT),
        "{}",
        page.text
    );
    assert_eq!(data_block(&page.text)["flow"]["id"], "join");
    let employee = get(&server, "/?flow=join").await;
    assert!(employee.text.contains(common::INLINE_SCRIPT));
    assert!(!employee.text.contains(common::TRAINER_INLINE_SCRIPT));
}

#[tokio::test]
async fn a_reload_publishes_a_changed_folder_and_new_visitors_read_it() {
    let folder = flow_folder();
    let server = server_reading(folder.path()).await;
    let before = live_join_version(&server).await;
    assert!(get(&server, "/api/flows/join").await.text.contains(WARNING));

    edit_join(
        folder.path(),
        WARNING,
        "Never migrate an account with personal purchases",
    );
    let reply = server.admin("POST", "/api/admin/flows/reload", None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let published = reply.json["flows"].as_array().unwrap();
    let join = published.iter().find(|f| f["id"] == "join").unwrap();
    let after = join["version"].as_str().unwrap();
    assert_ne!(after, before);
    assert_eq!(live_join_version(&server).await, after);
    let flow = get(&server, "/api/flows/join").await.text;
    assert!(flow.contains("Never migrate an account"));
    assert!(!flow.contains(WARNING));
    let page = get(&server, "/?flow=join").await.text;
    assert!(page.contains("Never migrate an account"));
    // The version replaced stays readable for walks that started on it.
    let earlier = get(&server, &format!("/api/flows/join?version={before}")).await;
    assert!(earlier.text.contains(WARNING));
}

#[tokio::test]
async fn a_broken_folder_is_refused_whole_and_the_previous_flows_stay_live() {
    let folder = flow_folder();
    let server = server_reading(folder.path()).await;
    let before = live_join_version(&server).await;
    edit_join(
        folder.path(),
        WARNING,
        "Never migrate an account with personal purchases",
    );
    edit_join(folder.path(), "next = \"invitation\"", "next = \"nowhere\"");

    let reply = server.admin("POST", "/api/admin/flows/reload", None).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reply.json["error"]["code"], "flows_invalid");
    let message = reply.json["error"]["message"].as_str().unwrap();
    assert!(message.contains("1-join.toml"), "{message}");
    assert!(
        message.contains("\"nowhere\", which does not exist"),
        "{message}"
    );
    assert_eq!(live_join_version(&server).await, before);
    assert!(get(&server, "/api/flows/join").await.text.contains(WARNING));

    let metrics = get(&server, "/metrics").await.text;
    assert!(
        metrics.contains("signpost_flow_reload_failures_total 1"),
        "{metrics}"
    );
    let review = server.admin("GET", "/api/admin/flows", None).await;
    let failure = &review.json["reload_failure"];
    assert!(
        failure["message"].as_str().unwrap().contains("1-join.toml"),
        "{failure}"
    );
}

#[tokio::test]
async fn a_request_no_team_acts_on_is_refused_at_start_and_on_reload_naming_the_config_to_add() {
    let folder = flow_folder();
    let server = server_reading(folder.path()).await;
    let before = live_join_version(&server).await;
    let file = folder.path().join("2-buy-with-prime.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let request = "action = \"request_unlink\"\nkind = \"request\"";
    let text = text.replacen(
        "action = \"request_unlink\"\nkind = \"self_service\"",
        request,
        1,
    );
    assert!(text.contains(request));
    std::fs::write(&file, text).unwrap();

    let reply = server.admin("POST", "/api/admin/flows/reload", None).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let message = reply.json["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("\"buy_with_prime\"")
            && message.contains("[[organisation.teams]] with flow = \"buy_with_prime\""),
        "{message}"
    );
    assert_eq!(live_join_version(&server).await, before);

    let config = Config {
        flows: FlowSource::Folder(folder.path().to_owned()),
        ..Config::default()
    };
    let store = signpost_server::Store::connect(&server.db.url)
        .await
        .unwrap();
    let refused = signpost_server::AppState::new(store, &config)
        .await
        .err()
        .unwrap();
    assert!(
        refused
            .to_string()
            .contains("[[organisation.teams]] with flow = \"buy_with_prime\""),
        "{refused}"
    );
}

#[tokio::test]
async fn only_administrators_may_reload() {
    let server = common::server().await;
    let reply = server
        .with_token(None, "POST", "/api/admin/flows/reload", None)
        .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_walk_begun_before_a_publish_is_confirmed_on_the_version_it_began() {
    let folder = flow_folder();
    let server = server_reading(folder.path()).await;
    let before = live_join_version(&server).await;
    // The publish swaps where a missing invitation and "who invited me?" lead.
    let join = folder.path();
    edit_join(join, "next = \"request_invitation\"", "next = \"swapped\"");
    edit_join(
        join,
        "next = \"who_invited\"",
        "next = \"request_invitation\"",
    );
    edit_join(join, "next = \"swapped\"", "next = \"who_invited\"");
    // And the purchasing team now answers "who invited me?" itself.
    let who_invited =
        "{ en = \"{admin_contact}\", es = \"{admin_contact}\" },\n]\naction = \"info\"\nkind = \"";
    edit_join(
        join,
        &format!("{who_invited}self_service\""),
        &format!("{who_invited}request\""),
    );
    let reply = server.admin("POST", "/api/admin/flows/reload", None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let after = live_join_version(&server).await;
    assert_ne!(after, before);

    for (version, outcome) in [(&before, "request_invitation"), (&after, "who_invited")] {
        let body = json!({
            "flow": "join", "version": version, "answers": ["join", "not_received"],
            "name": "Ada Lovelace", "email": "ada@example.edu",
        });
        let key = uuid::Uuid::new_v4().to_string();
        let (status, receipt) = server.post(Some(&key), body.to_string()).await;
        assert_eq!(status, StatusCode::CREATED, "{receipt}");
        assert_eq!(receipt["outcome"], outcome, "on version {version}");
    }
    let versions: Vec<String> = sqlx::query_scalar("SELECT flow_version FROM actions ORDER BY id")
        .fetch_all(&server.db.pool().await)
        .await
        .unwrap();
    assert_eq!(versions, [before, after]);
}

#[tokio::test]
async fn the_review_shows_each_flows_live_version_and_what_the_last_publish_changed() {
    let folder = flow_folder();
    let server = server_reading(folder.path()).await;
    let review = server.admin("GET", "/api/admin/flows", None).await;
    assert_eq!(review.status, StatusCode::OK, "{}", review.text);
    let join = &review.json["flows"][0];
    assert_eq!(join["id"], "join");
    assert!(join["published"].is_string());
    assert!(join["previous"].is_null());

    edit_join(
        folder.path(),
        WARNING,
        "Never migrate an account with personal purchases",
    );
    server.admin("POST", "/api/admin/flows/reload", None).await;
    let review = server.admin("GET", "/api/admin/flows", None).await;
    let join = &review.json["flows"][0];
    assert!(join["previous"].is_string());
    assert_eq!(join["routing_changed"], false);
    let changes = join["changes"].to_string();
    assert!(changes.contains("warning 1 reworded"), "{changes}");
    assert!(changes.contains("Never migrate an account"), "{changes}");
    assert!(review.json["reload_failure"].is_null());
}

#[tokio::test]
async fn the_review_names_each_flows_outcomes_flags_and_actions_in_english_filled_in() {
    let folder = flow_folder();
    let server = server_reading(folder.path()).await;
    let review = server.admin("GET", "/api/admin/flows", None).await;
    assert_eq!(review.status, StatusCode::OK, "{}", review.text);
    let flow = |id: &str| {
        let flows = review.json["flows"].as_array().unwrap();
        flows.iter().find(|f| f["id"] == id).unwrap().clone()
    };

    let join = flow("join");
    let outcomes = join["outcomes"].as_array().unwrap();
    assert_eq!(
        outcomes[0],
        json!({ "id": "request_invitation", "name": "Find your invitation, or ask for a new one" })
    );
    let migrate = outcomes.iter().find(|o| o["id"] == "migrate").unwrap();
    let name = migrate["name"].as_str().unwrap();
    assert!(
        name.starts_with("Move your account into ") && !name.contains('{'),
        "{name}"
    );
    let file = std::fs::read_to_string(folder.path().join("1-join.toml")).unwrap();
    assert_eq!(
        outcomes.len(),
        file.matches("[[outcome]]").count(),
        "{outcomes:?}"
    );
    assert_eq!(join["actions"][0], "request_invitation");
    let prime = json!({ "id": "prime_personal_card", "name": "Prime membership paid with a personal card" });
    assert!(
        join["flags"].as_array().unwrap().contains(&prime),
        "{}",
        join["flags"]
    );

    let sellers = flow("link_sellers");
    let flags = sellers["flags"].as_array().unwrap();
    let odr = flags.iter().find(|f| f["id"] == "odr_over_target").unwrap();
    assert_eq!(odr["name"], "Order defect rate at or over the 1% target");
}

#[tokio::test]
async fn the_search_index_is_sent_on_demand_in_the_language_asked_with_an_etag() {
    let server = common::server().await;
    let reply = get(&server, "/api/search-index?lang=es").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.headers["cache-control"], "no-cache");
    let flows = reply.json["flows"].as_array().unwrap();
    let ids: Vec<&str> = flows.iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["join", "buy_with_prime", "link_sellers", "recover_access"]
    );
    // Spanish, with the organisation's words filled in, and each node's keywords.
    assert_eq!(
        flows[0]["title"],
        "Unirte a la cuenta de Amazon Business de la Universidad de Ejemplo"
    );
    let unlink = flows[1]["goals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["node"] == "request_unlink")
        .unwrap();
    assert_eq!(unlink["title"], "Desvincula tu cuenta de Seller Central");
    assert!(unlink["keywords"]
        .as_array()
        .unwrap()
        .iter()
        .any(|k| k == "cancelar Buy with Prime"));
    assert!(flows[1]["topics"].as_array().is_some_and(|t| !t.is_empty()));
    assert!(
        !reply.text.contains("stop Buy with Prime"),
        "only the language asked"
    );

    let etag = reply.headers["etag"].to_str().unwrap().to_owned();
    let again = get_held(&server, "/api/search-index?lang=es", &etag).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    let english = get(&server, "/api/search-index?lang=en").await;
    assert!(english.text.contains("stop Buy with Prime"));
    assert_ne!(english.headers["etag"].to_str().unwrap(), etag);
}

#[tokio::test]
async fn the_search_index_refuses_a_missing_or_unknown_language_and_unknown_parameters() {
    let server = common::server().await;
    for uri in [
        "/api/search-index",
        "/api/search-index?lang=fr",
        "/api/search-index?lang=ES",
        "/api/search-index?lang=en&q=stop",
    ] {
        let reply = get(&server, uri).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{uri}");
        assert_eq!(reply.json["error"]["code"], "invalid_query", "{uri}");
    }
}

#[tokio::test]
async fn the_search_index_and_the_cards_topics_follow_a_publish() {
    let folder = flow_folder();
    let server = server_reading(folder.path()).await;
    let before = get(&server, "/api/search-index?lang=en").await;
    assert!(!before.text.contains("loyalty card"));
    edit_join(
        folder.path(),
        "{ en = \"who invited me\", es = \"quién me invitó\" },",
        "{ en = \"who invited me\", es = \"quién me invitó\" }, { en = \"loyalty card\", es = \"tarjeta de fidelidad\" },",
    );
    edit_join(
        folder.path(),
        "{ en = \"a forgotten password\", es = \"una contraseña olvidada\" },",
        "{ en = \"a forgotten password\", es = \"una contraseña olvidada\" }, { en = \"gift cards\", es = \"tarjetas regalo\" },",
    );
    let reply = server.admin("POST", "/api/admin/flows/reload", None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let after = get(&server, "/api/search-index?lang=en").await;
    assert!(after.text.contains("loyalty card"), "{}", after.text);
    assert_ne!(before.headers["etag"], after.headers["etag"]);
    let list = get(&server, "/api/flows").await;
    let topics = &list.json["flows"][0]["topics"];
    assert!(
        topics
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["es"] == "tarjetas regalo"),
        "{topics}"
    );
}
