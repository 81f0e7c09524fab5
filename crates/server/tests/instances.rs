//! Several server instances on one database, as behind a load balancer (on PostgreSQL; the
//! same holds for two stores on one SQLite file): a confirmation is stored once whichever
//! instance gets it, and each action is delivered to the webhook once.

mod common;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use common::{join_version, server_on, Server, TestDb, ADMIN_TOKEN};
use serde_json::json;
use signpost_server::config::Config;
use signpost_server::webhook::Webhook;

/// Two servers on one fresh database, each with its own store (pool) and, if configured,
/// its own webhook delivery loop.
async fn two_instances(config: impl Fn() -> Config) -> (Server, Server) {
    let db = Arc::new(TestDb::new().await);
    let first = server_on(db.clone(), config()).await;
    let second = server_on(db, config()).await;
    (first, second)
}

fn config() -> Config {
    Config {
        admin_tokens: vec![ADMIN_TOKEN.into()],
        ..Config::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_sent_to_two_instances_at_once_is_stored_once_with_one_reference() {
    let (a, b) = two_instances(config).await;
    let keys: Vec<String> = (0..40).map(|_| uuid::Uuid::new_v4().to_string()).collect();
    let body = |i: usize| {
        json!({
            "flow": "join", "version": join_version(), "answers": ["join", "not_received"],
            "name": format!("Person {i}"), "email": format!("person{i}@example.edu"),
        })
        .to_string()
    };
    for (i, key) in keys.iter().enumerate() {
        // The same confirmation reaches both instances at the same moment, as a retry through
        // a load balancer may.
        let ((status_a, receipt_a), (status_b, receipt_b)) =
            tokio::join!(a.post(Some(key), body(i)), b.post(Some(key), body(i)));
        assert_eq!(status_a, StatusCode::CREATED, "{receipt_a}");
        assert_eq!(status_b, StatusCode::CREATED, "{receipt_b}");
        assert_eq!(receipt_a["reference"], receipt_b["reference"], "key {key}");
    }
    assert_eq!(a.rows().await.len(), keys.len());

    // Another confirmation under a key the other instance stored is refused.
    let (status, _) = b.post(Some(&keys[0]), body(999)).await;
    assert_eq!(status, StatusCode::CONFLICT);
}

/// A webhook receiver that answers 200, slowly, and counts deliveries by idempotency key.
#[derive(Clone, Default)]
struct Receiver {
    seen: Arc<Mutex<HashMap<String, usize>>>,
}

async fn listen(receiver: Receiver) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let app = Router::new().route(
        "/hook",
        post(move |headers: HeaderMap| async move {
            // Slow enough that both instances' loops are busy with deliveries at once.
            tokio::time::sleep(Duration::from_millis(20)).await;
            let key = headers["idempotency-key"].to_str().unwrap().to_owned();
            *receiver.seen.lock().unwrap().entry(key).or_default() += 1;
            StatusCode::OK
        }),
    );
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    url
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_deliver_each_action_to_the_webhook_once() {
    let receiver = Receiver::default();
    let url = listen(receiver.clone()).await;
    let webhook = move || Config {
        webhook: Some(Webhook {
            url: url.clone(),
            first_pause: Duration::from_millis(50),
        }),
        ..config()
    };
    let (a, b) = two_instances(webhook).await;
    let mut references = Vec::new();
    for i in 0..30 {
        let email = format!("person{i}@example.edu");
        let instance = if i % 2 == 0 { &a } else { &b };
        references.push(
            instance
                .confirm(&["join", "not_received"], "Ada", &email)
                .await,
        );
    }

    for _ in 0..200 {
        if receiver.seen.lock().unwrap().len() == references.len() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Both loops keep polling a while longer: nothing may be sent again.
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let seen = receiver.seen.lock().unwrap().clone();
    for reference in &references {
        assert_eq!(seen.get(reference), Some(&1), "{reference}: {seen:?}");
    }
    assert_eq!(seen.len(), references.len(), "{seen:?}");
}
