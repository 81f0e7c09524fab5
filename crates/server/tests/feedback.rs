//! `POST /api/feedback` and `GET /api/admin/feedback`: "Did this solve it?" on self-service
//! outcomes, kept anonymously and read per outcome.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{join_version, server, Reply, Server};
use serde_json::{json, Value};
use sqlx::{Column, Row};

async fn send(s: &Server, body: Value) -> Reply {
    let request = Request::post("/api/feedback")
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    s.send(request).await
}

fn answer(outcome: &str, solved: bool, comment: Option<&str>) -> Value {
    let mut body = json!({
        "flow": "join", "version": join_version(), "outcome": outcome, "solved": solved,
    });
    if let Some(comment) = comment {
        body["comment"] = json!(comment);
    }
    body
}

#[tokio::test]
async fn answers_are_kept_with_nothing_of_the_person_and_read_per_outcome() {
    let s = server().await;
    for body in [
        answer("password_help", true, None),
        answer(
            "password_help",
            false,
            Some("  The reset email never came.  "),
        ),
        answer("password_help", false, Some("")),
        answer("who_invited", true, None),
    ] {
        let reply = send(&s, body).await;
        assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.text);
    }
    let rows = sqlx::query("SELECT * FROM feedback ORDER BY id")
        .fetch_all(&s.db.pool().await)
        .await
        .unwrap();
    assert_eq!(rows.len(), 4);
    let columns: Vec<String> = rows[0]
        .columns()
        .iter()
        .map(|c| c.name().to_owned())
        .collect();
    assert_eq!(
        columns,
        ["id", "flow_id", "version", "outcome", "day", "solved", "comment"]
    );
    assert_eq!(
        rows[1].get::<Option<String>, _>("comment").as_deref(),
        Some("The reset email never came.")
    );
    assert_eq!(rows[2].get::<Option<String>, _>("comment"), None);

    let reply = s.admin("GET", "/api/admin/feedback?flow=join", None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let outcomes = reply.json["outcomes"].as_array().unwrap();
    // Every self-service outcome, in file order, and no request.
    let keys: Vec<&str> = outcomes
        .iter()
        .map(|o| o["outcome"].as_str().unwrap())
        .collect();
    assert!(!keys.contains(&"request_invitation"), "{keys:?}");
    assert_eq!(keys.len(), 12, "{keys:?}");
    let password = outcomes
        .iter()
        .find(|o| o["outcome"] == "password_help")
        .unwrap();
    assert_eq!(
        password["title"],
        "Reset the password of your existing account"
    );
    assert_eq!(
        (password["solved"].as_u64(), password["unsolved"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(password["comments"].as_array().unwrap().len(), 1);
    assert_eq!(
        password["comments"][0]["text"],
        "The reset email never came."
    );
    let who = outcomes
        .iter()
        .find(|o| o["outcome"] == "who_invited")
        .unwrap();
    assert_eq!(
        (who["solved"].as_u64(), who["unsolved"].as_u64()),
        (Some(1), Some(0))
    );

    let day = password["comments"][0]["day"].as_str().unwrap().to_owned();
    let later = s
        .admin(
            "GET",
            "/api/admin/feedback?flow=join&from=2999-01-01&to=2999-12-31",
            None,
        )
        .await;
    let later = &later.json["outcomes"];
    assert!(later
        .as_array()
        .unwrap()
        .iter()
        .all(|o| o["solved"] == 0 && o["unsolved"] == 0));
    let that_day = s
        .admin(
            "GET",
            &format!("/api/admin/feedback?flow=join&from={day}&to={day}"),
            None,
        )
        .await;
    assert!(that_day.text.contains("The reset email never came."));
}

#[tokio::test]
async fn an_answer_on_a_request_an_unknown_outcome_or_version_is_refused_and_kept_nowhere() {
    let s = server().await;
    let mut unknown_version = answer("password_help", true, None);
    unknown_version["version"] = json!("0000");
    let mut unknown_flow = answer("password_help", true, None);
    unknown_flow["flow"] = json!("nope");
    let mut extra = answer("password_help", true, None);
    extra["email"] = json!("ada@example.edu");
    for (body, code) in [
        (answer("request_invitation", true, None), "invalid_input"),
        (answer("nowhere", true, None), "invalid_input"),
        (answer("topic", true, None), "invalid_input"),
        (unknown_version, "invalid_input"),
        (unknown_flow, "unknown_flow"),
        (extra, "invalid_body"),
    ] {
        let reply = send(&s, body.clone()).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(reply.json["error"]["code"], code, "{body}");
    }
    let kept: i64 = sqlx::query_scalar("SELECT count(*) FROM feedback")
        .fetch_one(&s.db.pool().await)
        .await
        .unwrap();
    assert_eq!(kept, 0);
}

#[tokio::test]
async fn a_comment_with_a_card_number_or_too_long_is_refused_in_words() {
    let s = server().await;
    let card = answer(
        "password_help",
        false,
        Some("my card 4111 1111 1111 1111 failed"),
    );
    let reply = send(&s, card).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.json["error"]["message"]
        .as_str()
        .unwrap()
        .contains("card number"));
    let long = "x".repeat(1001);
    let reply = send(&s, answer("password_help", false, Some(&long))).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.json["error"]["message"]
        .as_str()
        .unwrap()
        .contains("1000"));
    let reply = send(&s, answer("password_help", false, Some("a\u{0}b"))).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn the_feedback_of_an_unknown_flow_or_a_bad_date_is_refused() {
    let s = server().await;
    let reply = s.admin("GET", "/api/admin/feedback?flow=nope", None).await;
    assert_eq!(reply.json["error"]["code"], "unknown_flow");
    let reply = s
        .admin("GET", "/api/admin/feedback?flow=join&from=yesterday", None)
        .await;
    assert_eq!(reply.json["error"]["code"], "invalid_input");
    let reply = s.admin("GET", "/api/admin/feedback", None).await;
    assert_eq!(reply.json["error"]["code"], "invalid_query");
}
