//! Anonymous "node reached" events: counted per flow version, node, node come from and day,
//! never with anything about the person; and the administrators' funnel over those counts.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{join_version, server, Reply, Server};
use serde_json::{json, Value};
use sqlx::Row;

async fn send_events(s: &Server, body: Value) -> Reply {
    let request = Request::post("/api/events")
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    s.send(request).await
}

/// One event of the current join flow.
fn event(node: &str, from: Option<&str>) -> Value {
    let mut event = json!({ "flow": "join", "version": join_version(), "node": node });
    if let Some(from) = from {
        event["from"] = json!(from);
    }
    event
}

/// Every stored count as (version, node, from_node, day, reached), in key order.
async fn counts(s: &Server) -> Vec<(String, String, String, String, i64)> {
    sqlx::query(
        "SELECT version, node, from_node, day, reached FROM step_counts
         ORDER BY version, node, from_node, day",
    )
    .fetch_all(&s.db.pool().await)
    .await
    .unwrap()
    .iter()
    .map(|r| {
        (
            r.get("version"),
            r.get("node"),
            r.get("from_node"),
            r.get("day"),
            r.get("reached"),
        )
    })
    .collect()
}

fn today() -> String {
    time::OffsetDateTime::now_utc().date().to_string()
}

#[tokio::test]
async fn events_are_counted_per_version_node_from_and_day() {
    let s = server().await;
    let body = json!({ "events": [
        event("topic", None),
        event("invitation", Some("topic")),
        event("topic", None),
    ]});
    let reply = send_events(&s, body).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.text);
    assert!(reply.text.is_empty());
    let reply = send_events(&s, json!({ "events": [event("topic", None)] })).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.text);

    let v = join_version();
    let day = today();
    assert_eq!(
        counts(&s).await,
        vec![
            (
                v.clone(),
                "invitation".into(),
                "topic".into(),
                day.clone(),
                1
            ),
            (v.clone(), "topic".into(), "".into(), day.clone(), 3),
        ]
    );
}

#[tokio::test]
async fn an_empty_batch_is_fine_and_counts_nothing() {
    let s = server().await;
    let reply = send_events(&s, json!({ "events": [] })).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.text);
    assert!(counts(&s).await.is_empty());
}

#[tokio::test]
async fn anything_about_the_person_is_refused_and_nothing_is_stored() {
    let s = server().await;
    for (field, value) in [
        ("name", json!("Ada Lovelace")),
        ("email", json!("ada@example.edu")),
        ("answers", json!(["join", "received"])),
    ] {
        let mut with_field = event("invitation", Some("topic"));
        with_field[field] = value.clone();
        let body = json!({ "events": [event("topic", None), with_field] });
        let reply = send_events(&s, body).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        assert_eq!(reply.json["error"]["code"], "invalid_body", "{field}");

        let top_level = json!({ "events": [event("topic", None)], field: value });
        let reply = send_events(&s, top_level).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
    }
    assert!(counts(&s).await.is_empty());
}

#[tokio::test]
async fn an_unknown_flow_version_or_node_is_refused_and_nothing_is_stored() {
    let s = server().await;
    let unknown_version = json!({ "flow": "join", "version": "0000000000000000", "node": "topic" });
    let unknown_flow = json!({ "flow": "nope", "version": join_version(), "node": "topic" });
    for bad in [
        event("no_such_node", Some("topic")),
        event("invitation", Some("no_such_node")),
        // A node of another flow.
        event("what_happened", None),
        unknown_version,
        unknown_flow,
    ] {
        let body = json!({ "events": [event("topic", None), bad.clone()] });
        let reply = send_events(&s, body).await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{bad}: {}",
            reply.text
        );
        assert!(reply.json["error"]["code"].is_string(), "{}", reply.text);
    }
    assert!(counts(&s).await.is_empty());
}

#[tokio::test]
async fn more_than_fifty_events_are_refused() {
    let s = server().await;
    let events: Vec<Value> = (0..51).map(|_| event("topic", None)).collect();
    let reply = send_events(&s, json!({ "events": events })).await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.text
    );
    assert!(counts(&s).await.is_empty());

    let events: Vec<Value> = (0..50).map(|_| event("topic", None)).collect();
    let reply = send_events(&s, json!({ "events": events })).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.text);
    assert_eq!(counts(&s).await[0].4, 50);
}

fn step<'a>(funnel: &'a Value, node: &str) -> &'a Value {
    funnel["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["node"] == node)
        .unwrap_or_else(|| panic!("no step {node} in {funnel}"))
}

#[tokio::test]
async fn the_funnel_counts_who_reached_and_who_left_each_node() {
    let s = server().await;
    // Three people start; two go on to the invitation; one of them to an outcome.
    let body = json!({ "events": [
        event("topic", None),
        event("topic", None),
        event("topic", None),
        event("invitation", Some("topic")),
        event("invitation", Some("topic")),
        event("request_invitation", Some("invitation")),
    ]});
    assert_eq!(send_events(&s, body).await.status, StatusCode::NO_CONTENT);

    let day = today();
    let uri = format!("/api/admin/funnel?flow=join&from={day}&to={day}");
    let reply = s.admin("GET", &uri, None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let funnel = &reply.json;
    assert_eq!(funnel["flow"], "join");
    assert_eq!(
        (&funnel["started"], &funnel["finished"]),
        (&json!(3), &json!(1))
    );

    let topic = step(funnel, "topic");
    assert_eq!((&topic["reached"], &topic["left"]), (&json!(3), &json!(1)));
    assert_eq!(topic["kind"], "question");
    assert!(!topic["text"].as_str().unwrap().is_empty());
    let invitation = step(funnel, "invitation");
    assert_eq!(
        (&invitation["reached"], &invitation["left"]),
        (&json!(2), &json!(1))
    );
    let outcome = step(funnel, "request_invitation");
    assert_eq!(outcome["kind"], "outcome");
    assert_eq!(
        (&outcome["reached"], &outcome["left"]),
        (&json!(1), &json!(0))
    );
    let unreached = step(funnel, "used_work_email");
    assert_eq!(
        (&unreached["reached"], &unreached["left"]),
        (&json!(0), &json!(0))
    );

    // Every node of the current version, in the flow file's order, starting at the first.
    let steps = funnel["steps"].as_array().unwrap();
    assert_eq!(steps[0]["node"], "topic");
    assert!(steps.len() > 10);
    // Placeholders are filled with the organisation's words.
    assert!(steps
        .iter()
        .all(|s| !s["text"].as_str().unwrap().contains('{')));

    // Without a range, the same; a range before today holds nothing.
    let all = s.admin("GET", "/api/admin/funnel?flow=join", None).await;
    assert_eq!(step(&all.json, "topic")["reached"], 3);
    let before = s
        .admin(
            "GET",
            "/api/admin/funnel?flow=join&from=2020-01-01&to=2020-01-31",
            None,
        )
        .await;
    assert_eq!(before.status, StatusCode::OK);
    assert_eq!(step(&before.json, "topic")["reached"], 0);
}

#[tokio::test]
async fn the_funnel_checks_its_query() {
    let s = server().await;
    let reply = s.admin("GET", "/api/admin/funnel?flow=nope", None).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reply.json["error"]["code"], "unknown_flow");
    let reply = s
        .admin("GET", "/api/admin/funnel?flow=join&from=November", None)
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let reply = s.admin("GET", "/api/admin/funnel", None).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_funnel_needs_the_admin_token() {
    let s = server().await;
    for token in [None, Some("wrong-token-0123456789")] {
        let reply = s
            .with_token(token, "GET", "/api/admin/funnel?flow=join", None)
            .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{token:?}");
        assert_eq!(reply.json["error"]["code"], "unauthorized");
    }
}

#[tokio::test]
async fn events_of_an_earlier_stored_version_count_and_add_up_in_the_funnel() {
    let s = server().await;
    sqlx::query(
        "INSERT INTO flow_versions (flow_id, version, definition, first_seen)
         SELECT flow_id, 'earlier', definition, first_seen FROM flow_versions
         WHERE flow_id = 'join' AND version = $1",
    )
    .bind(join_version())
    .execute(&s.db.pool().await)
    .await
    .unwrap();
    let earlier = json!({ "flow": "join", "version": "earlier", "node": "topic" });
    let body = json!({ "events": [earlier, event("topic", None)] });
    let reply = send_events(&s, body).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.text);
    let versions: Vec<String> = counts(&s).await.into_iter().map(|c| c.0).collect();
    assert_eq!(versions.len(), 2);
    assert!(versions.contains(&"earlier".to_owned()));

    let funnel = s.admin("GET", "/api/admin/funnel?flow=join", None).await;
    assert_eq!(step(&funnel.json, "topic")["reached"], 2);
}

#[tokio::test]
async fn a_client_sending_too_many_batches_is_refused_without_using_up_its_confirmations() {
    let config = signpost_server::config::Config {
        rate_limit_per_minute: 1,
        ..Default::default()
    };
    let s = common::server_with(config).await;
    let batch = json!({ "events": [event("topic", None)] });
    // Five batches for each confirmation a client may send.
    for _ in 0..5 {
        assert_eq!(
            send_events(&s, batch.clone()).await.status,
            StatusCode::NO_CONTENT
        );
    }
    let refused = send_events(&s, batch).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(refused.json["error"]["code"], "rate_limited");
    assert!(refused.headers.contains_key("retry-after"));
    assert_eq!(counts(&s).await[0].4, 5);
    let reference = s
        .confirm(&["join", "not_received"], "Ada Lovelace", "ada@example.edu")
        .await;
    assert!(!reference.is_empty());
}
