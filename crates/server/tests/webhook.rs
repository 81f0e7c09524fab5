//! The webhook gets every stored action through the outbox: retried while the receiver fails,
//! and still delivered after a restart.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::{Json, Router};
use common::server_with;
use serde_json::Value;
use signpost_server::config::Config;
use signpost_server::webhook::Webhook;
use sqlx::Row;

/// A receiver that answers 500 to its first `failures` requests, then 200, and keeps them all.
#[derive(Clone, Default)]
struct Receiver {
    failures: usize,
    seen: Arc<Mutex<Vec<(String, Value, StatusCode)>>>,
}

async fn receive(
    State(r): State<Receiver>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> StatusCode {
    let mut seen = r.seen.lock().unwrap();
    let status = if seen.len() < r.failures {
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::OK
    };
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    seen.push((key, body, status));
    status
}

/// Starts `receiver` on a free local port and returns its URL.
async fn listen(receiver: Receiver) -> String {
    listen_on("127.0.0.1:0", receiver).await
}

/// Starts `receiver` at `addr` and returns its URL.
async fn listen_on(addr: &str, receiver: Receiver) -> String {
    let listener = tokio::net::TcpListener::bind(addr).await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let app = Router::new()
        .route("/hook", post(receive))
        .with_state(receiver);
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    url
}

fn config(url: String) -> Config {
    Config {
        webhook: Some(Webhook {
            url,
            first_pause: Duration::from_millis(50),
        }),
        ..Config::default()
    }
}

/// Waits up to ten seconds for `done`.
async fn eventually(mut done: impl FnMut() -> bool) {
    for _ in 0..200 {
        if done() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("not done within ten seconds");
}

#[tokio::test]
async fn a_failing_receiver_gets_the_action_once_it_recovers() {
    let receiver = Receiver {
        failures: 2,
        ..Receiver::default()
    };
    let s = server_with(config(listen(receiver.clone()).await)).await;
    let reference = s
        .confirm(&["join", "not_received"], "Ada Lovelace", "ada@example.edu")
        .await;

    let seen = receiver.seen.clone();
    eventually(|| {
        seen.lock()
            .unwrap()
            .iter()
            .any(|(_, _, status)| *status == StatusCode::OK)
    })
    .await;
    let seen = receiver.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 3, "two failures, then one success");
    for (key, body, _) in &seen {
        assert_eq!(key, &reference);
        assert_eq!(body["event"], "action.created");
        assert_eq!(body["action"]["reference"], reference.as_str());
        assert_eq!(body["action"]["action"], "request_invitation");
        assert_eq!(body["answers"], serde_json::json!(["join", "not_received"]));
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let row = sqlx::query("SELECT attempts, delivered_at FROM webhook_outbox")
        .fetch_one(&s.db.pool().await)
        .await
        .unwrap();
    assert_eq!(row.get::<i64, _>("attempts"), 3);
    assert!(row.get::<Option<String>, _>("delivered_at").is_some());
    assert_eq!(
        receiver.seen.lock().unwrap().len(),
        3,
        "nothing more after the delivery"
    );
}

#[tokio::test]
async fn actions_stored_while_the_receiver_was_down_are_delivered_after_a_restart() {
    // A receiver that is not there: bind a port, then free it.
    let gone = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = gone.local_addr().unwrap().to_string();
    let dead_url = format!("http://{addr}/hook");
    drop(gone);
    let before = server_with(config(dead_url)).await;
    let reference = before
        .confirm(&["join", "not_received"], "Ada Lovelace", "ada@example.edu")
        .await;
    let metrics = before
        .send(
            axum::http::Request::get("/metrics")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert!(
        metrics.text.contains("signpost_webhook_backlog 1"),
        "{}",
        metrics.text
    );

    // The receiver comes back at its address, and the same database is opened again by a
    // restarted server. (The first server's delivery loop runs on in this process: whichever
    // loop claims the action first delivers it.)
    let receiver = Receiver::default();
    let url = listen_on(&addr, receiver.clone()).await;
    let store = signpost_server::Store::connect(&before.db.url)
        .await
        .unwrap();
    let _after = signpost_server::AppState::new(store, &config(url))
        .await
        .unwrap();

    let seen = receiver.seen.clone();
    eventually(|| {
        seen.lock()
            .unwrap()
            .iter()
            .any(|(key, _, status)| key == &reference && *status == StatusCode::OK)
    })
    .await;
}
