//! `POST /api/actions` through the router, without a socket: what is stored and what is refused.

mod common;

use axum::http::StatusCode;
use common::{join_version, server, PRIME_BEFORE_2019};
use serde_json::{json, Value};
use signpost_flow::raw::RawFlow;
use signpost_flow::OutcomeKind;
use signpost_server::Catalogue;
use sqlx::Row;

const KEY: &str = "0b8f5e2c-6a4d-4f0e-9c1b-2d3e4f5a6b7c";

/// A request for a new invitation: the shipped flows' request, which the purchasing team acts on.
fn request_invitation() -> Value {
    json!({
        "flow": "join",
        "version": join_version(),
        "answers": ["join", "not_received"],
        "name": "Ada Lovelace",
        "email": "ada@example.edu",
    })
}

fn with(mut body: Value, field: &str, value: Value) -> String {
    body[field] = value;
    body.to_string()
}

#[tokio::test]
async fn a_valid_path_is_stored_with_the_derived_outcome() {
    let s = server().await;
    let (status, body) = s.post(Some(KEY), request_invitation().to_string()).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["outcome"], "request_invitation");
    assert_eq!(body["action"], "request_invitation");
    let reference = body["reference"].as_str().unwrap();
    assert_eq!(reference.len(), 11);

    let rows = s.rows().await;
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(row.get::<String, _>("reference"), reference);
    assert_eq!(row.get::<String, _>("flow_id"), "join");
    assert_eq!(row.get::<String, _>("flow_version"), join_version());
    assert_eq!(row.get::<String, _>("outcome"), "request_invitation");
    assert_eq!(row.get::<String, _>("action"), "request_invitation");
    assert_eq!(
        row.get::<String, _>("answers"),
        r#"["join","not_received"]"#
    );
    assert_eq!(row.get::<String, _>("email"), "ada@example.edu");
    assert_eq!(row.get::<String, _>("flags"), "[]");
    assert_eq!(body["received_at"], row.get::<String, _>("created_at"));
}

#[tokio::test]
async fn a_self_service_outcome_is_refused_by_name_and_stores_nothing() {
    let s = server().await;
    let body = with(request_invitation(), "answers", json!(PRIME_BEFORE_2019));
    for path in ["/api/actions", "/api/actions/check"] {
        let request = axum::http::Request::post(path)
            .header("content-type", "application/json")
            .header("idempotency-key", KEY)
            .body(axum::body::Body::from(body.clone()))
            .unwrap();
        let reply = s.send(request).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{path}");
        assert_eq!(reply.json["error"]["code"], "self_service", "{path}");
        let message = reply.json["error"]["message"].as_str().unwrap();
        assert!(
            message.contains("\"migrate\"") && message.contains("on Amazon"),
            "{message}"
        );
    }
    assert!(s.rows().await.is_empty());
}

#[tokio::test]
async fn the_flags_the_answers_set_are_stored_with_the_action() {
    // An organisation that makes moving an account a request of its own.
    let (s, _flows) = common::server_of_requests().await;
    let body = json!({
        "flow": "join", "version": s.version("join").await, "answers": PRIME_BEFORE_2019,
        "name": "Ada Lovelace", "email": "ada@example.edu",
    });
    let (status, body) = s.post(Some(KEY), body.to_string()).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["action"], "migrate_account");
    let rows = s.rows().await;
    assert_eq!(
        rows[0].get::<String, _>("flags"),
        r#"["prime_purchasing_card_before_2019_04"]"#
    );
}

#[tokio::test]
async fn an_impossible_path_is_unprocessable_and_stores_nothing() {
    let s = server().await;
    let body = with(
        request_invitation(),
        "answers",
        json!(["join", "received", "maybe"]),
    );
    let (status, body) = s.post(Some(KEY), body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["code"], "invalid_answers");
    assert!(body["error"]["message"].as_str().unwrap().contains("maybe"));
    assert!(s.rows().await.is_empty());
}

#[tokio::test]
async fn an_unfinished_path_is_unprocessable() {
    let s = server().await;
    let (status, _) = s
        .post(
            Some(KEY),
            with(request_invitation(), "answers", json!(["join", "received"])),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn malformed_json_is_a_bad_request_with_an_error_body() {
    let s = server().await;
    let (status, body) = s.post(Some(KEY), "{\"flow\": \"join\",").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], "malformed_json");
}

#[tokio::test]
async fn a_claimed_outcome_is_refused_as_an_unknown_field() {
    let s = server().await;
    let (status, body) = s
        .post(
            Some(KEY),
            with(request_invitation(), "outcome", json!("migrate")),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["code"], "invalid_body");
}

#[tokio::test]
async fn an_email_outside_the_organisation_is_refused_with_a_readable_message() {
    let s = server().await;
    let (status, body) = s
        .post(
            Some(KEY),
            with(request_invitation(), "email", json!("ada@gmail.com")),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        body["error"]["message"],
        "Please use your work email address ending in @example.edu."
    );
}

#[tokio::test]
async fn a_missing_idempotency_key_is_a_bad_request() {
    let s = server().await;
    let (status, body) = s.post(None, request_invitation().to_string()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], "missing_idempotency_key");
}

#[tokio::test]
async fn the_same_confirmation_sent_twice_is_stored_once() {
    let s = server().await;
    let (first, a) = s.post(Some(KEY), request_invitation().to_string()).await;
    let (again, b) = s.post(Some(KEY), request_invitation().to_string()).await;
    assert_eq!((first, again), (StatusCode::CREATED, StatusCode::CREATED));
    assert_eq!(a["reference"], b["reference"]);
    assert_eq!(
        a["received_at"], b["received_at"],
        "a replay says when the first arrived"
    );
    assert_eq!(s.rows().await.len(), 1);
}

#[tokio::test]
async fn a_reused_key_with_other_details_is_a_conflict() {
    let s = server().await;
    s.post(Some(KEY), request_invitation().to_string()).await;
    let (status, body) = s
        .post(
            Some(KEY),
            with(request_invitation(), "name", json!("Someone Else")),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"]["code"], "idempotency_conflict");
    assert_eq!(s.rows().await.len(), 1);
}

#[tokio::test]
async fn an_old_flow_version_asks_to_reload() {
    let s = server().await;
    let (status, body) = s
        .post(
            Some(KEY),
            with(request_invitation(), "version", json!("0000")),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"]["code"], "flow_changed");
}

#[tokio::test]
async fn an_oversized_body_is_refused() {
    let s = server().await;
    let body = with(request_invitation(), "note", json!("x".repeat(20_000)));
    let (status, body) = s.post(Some(KEY), body).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body["error"]["code"], "body_too_large");
}

#[tokio::test]
async fn every_path_to_a_request_is_accepted_and_every_path_to_a_self_service_outcome_refused() {
    let s = common::server_with(signpost_server::config::Config {
        rate_limit_per_minute: 0,
        ..Default::default()
    })
    .await;
    let catalogue = Catalogue::shipped();
    let (mut accepted, mut refused) = (0, 0);
    for (flow, _) in catalogue.definitions() {
        for path in flow.paths() {
            let outcome = flow.walk(&path).and_then(|w| w.outcome()).unwrap();
            let body = json!({
                "flow": flow.id(), "version": flow.version().as_str(), "answers": path,
                "name": "Ada Lovelace", "email": "ada@example.edu",
            });
            let key = uuid::Uuid::new_v4().to_string();
            let (status, body) = s.post(Some(&key), body.to_string()).await;
            match outcome.kind() {
                OutcomeKind::Request => {
                    assert_eq!(status, StatusCode::CREATED, "{path:?}: {body}");
                    assert_eq!(body["outcome"], outcome.key());
                    accepted += 1;
                }
                OutcomeKind::SelfService => {
                    assert_eq!(body["error"]["code"], "self_service", "{path:?}: {body}");
                    refused += 1;
                }
            }
        }
    }
    assert!(
        accepted >= 1 && refused >= 30,
        "{accepted} accepted, {refused} refused"
    );
    assert_eq!(s.rows().await.len(), accepted);
}

#[tokio::test]
async fn a_numeric_answer_out_of_range_is_refused() {
    let s = server().await;
    let catalogue = Catalogue::shipped();
    let (flow, path) = catalogue
        .definitions()
        .find_map(|(flow, _)| {
            let path = flow
                .paths()
                .into_iter()
                .find(|p| p.iter().any(|a| signpost_flow::parse_percent(a).is_some()))?;
            Some((flow, path))
        })
        .expect("some flow asks for a number");
    let numeric = path
        .iter()
        .position(|a| signpost_flow::parse_percent(a).is_some())
        .unwrap();
    let mut answers = path.clone();
    answers[numeric] = "101".into();
    let body = json!({
        "flow": flow.id(), "version": flow.version().as_str(), "answers": answers,
        "name": "Ada Lovelace", "email": "ada@example.edu",
    });
    let (status, body) = s.post(Some(KEY), body.to_string()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("101 is outside 0 to 100"),
        "{body}"
    );
    assert!(s.rows().await.is_empty());
}

/// The join flow as this build bundles it.
fn join_definition() -> RawFlow {
    let catalogue = Catalogue::shipped();
    let (_, raw) = catalogue
        .definitions()
        .find(|(f, _)| f.id() == "join")
        .unwrap();
    raw.clone()
}

#[tokio::test]
async fn a_confirmation_walked_on_an_earlier_version_is_judged_by_that_version() {
    let s = server().await;
    let raw = join_definition();
    // An earlier deploy's join flow, where asking about personal use led to a request.
    let mut earlier = raw;
    let topic = earlier
        .questions
        .iter_mut()
        .find(|q| q.id == "topic")
        .unwrap();
    let personal_use = topic
        .choices
        .iter_mut()
        .find(|c| c.id == "personal_use")
        .unwrap();
    personal_use.next = "request_invitation".into();
    // Nothing reaches its own outcome then: a flow keeps no unreachable node.
    earlier.outcomes.retain(|o| o.id != "personal_use");
    let earlier_flow = signpost_flow::Flow::from_raw(&earlier).unwrap();
    s.store.record_flow(&earlier_flow, &earlier).await.unwrap();

    let mut body = request_invitation();
    body["version"] = json!(earlier_flow.version().as_str());
    body["answers"] = json!(["personal_use"]);
    let (status, receipt) = s.post(Some(KEY), body.to_string()).await;
    assert_eq!(status, StatusCode::CREATED, "{receipt}");
    assert_eq!(receipt["outcome"], "request_invitation");
    let rows = s.rows().await;
    assert_eq!(
        rows[0].get::<String, _>("flow_version"),
        earlier_flow.version().as_str()
    );
}

#[tokio::test]
async fn a_field_that_could_hold_a_secret_is_refused_whatever_its_value() {
    let s = server().await;
    for field in ["password", "otp", "card_number", "oneTimeCode"] {
        let (status, body) = s
            .post(
                Some(KEY),
                with(request_invitation(), field, json!("hunter2")),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        assert_eq!(body["error"]["code"], "secret_field");
        assert!(body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("type them on Amazon's pages only"));
    }
    assert!(s.rows().await.is_empty());
}

#[tokio::test]
async fn a_card_number_in_the_note_is_refused() {
    let s = server().await;
    let (status, body) = s
        .post(
            Some(KEY),
            with(
                request_invitation(),
                "note",
                json!("card 4111 1111 1111 1111"),
            ),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("looks like a card number"));
    assert!(s.rows().await.is_empty());
}

#[tokio::test]
async fn a_client_over_the_rate_limit_is_told_when_to_retry() {
    let config = signpost_server::config::Config {
        rate_limit_per_minute: 2,
        ..Default::default()
    };
    let s = common::server_with(config).await;
    for i in 0..2 {
        let key = format!("00000000-0000-4000-8000-00000000000{i}");
        assert_eq!(
            s.post(Some(&key), request_invitation().to_string()).await.0,
            StatusCode::CREATED
        );
    }
    let request = axum::http::Request::post("/api/actions")
        .header("content-type", "application/json")
        .header("Idempotency-Key", KEY)
        .body(axum::body::Body::from(request_invitation().to_string()))
        .unwrap();
    let reply = s.send(request).await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(reply.json["error"]["code"], "rate_limited");
    let retry_after: u64 = reply.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=31).contains(&retry_after), "{retry_after}");
    assert_eq!(s.rows().await.len(), 2);
}

/// Every text of a stored definition as a plain English string, as flows were stored before
/// they were translated.
fn untranslated(value: &mut Value) {
    match value {
        Value::Object(fields) if fields.contains_key("en") && fields.contains_key("es") => {
            *value = fields["en"].clone();
        }
        Value::Object(fields) => fields.values_mut().for_each(untranslated),
        Value::Array(items) => items.iter_mut().for_each(untranslated),
        _ => {}
    }
}

#[tokio::test]
async fn a_version_stored_before_the_flows_were_translated_still_walks_and_reads() {
    let s = server().await;
    let raw = join_definition();
    let mut definition = serde_json::to_value(&raw).unwrap();
    untranslated(&mut definition);
    // Nor were flags described then.
    definition.as_object_mut().unwrap().remove("flags");
    assert_eq!(
        definition["title"],
        json!("Join {organisation}'s Amazon Business account")
    );
    sqlx::query(
        "INSERT INTO flow_versions (flow_id, version, definition, first_seen)
         VALUES ('join', 'untranslated', $1, '2026-01-01T00:00:00Z')",
    )
    .bind(definition.to_string())
    .execute(&s.db.pool().await)
    .await
    .unwrap();

    let mut body = request_invitation();
    body["version"] = json!("untranslated");
    let (status, receipt) = s.post(Some(KEY), body.to_string()).await;
    assert_eq!(status, StatusCode::CREATED, "{receipt}");
    let reference = receipt["reference"].as_str().unwrap();
    let detail = s
        .admin("GET", &format!("/api/admin/actions/{reference}"), None)
        .await;
    assert_eq!(
        detail.json["answered"][0]["question"], "What do you need help with?",
        "{}",
        detail.text
    );
}

#[tokio::test]
async fn a_version_stored_before_outcomes_had_kinds_still_takes_its_confirmations() {
    let s = server().await;
    let mut definition = serde_json::to_value(join_definition()).unwrap();
    for outcome in definition["outcome"].as_array_mut().unwrap() {
        outcome.as_object_mut().unwrap().remove("kind");
    }
    sqlx::query(
        "INSERT INTO flow_versions (flow_id, version, definition, first_seen)
         VALUES ('join', 'before-kinds', $1, '2026-01-01T00:00:00Z')",
    )
    .bind(definition.to_string())
    .execute(&s.db.pool().await)
    .await
    .unwrap();

    // Every outcome asked for a confirmation then, so one saved on a device meanwhile is kept.
    let mut body = request_invitation();
    body["version"] = json!("before-kinds");
    body["answers"] = json!(PRIME_BEFORE_2019);
    let (status, receipt) = s.post(Some(KEY), body.to_string()).await;
    assert_eq!(status, StatusCode::CREATED, "{receipt}");
    assert_eq!(receipt["action"], "migrate_account");
}
