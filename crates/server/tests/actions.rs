//! `POST /api/actions` through the router, without a socket: what is stored and what is refused.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::{json, Value};
use signpost_flow::org::Organisation;
use signpost_server::{app, AppState, Catalogue, StaticFiles, Store};
use sqlx::Row;
use tower::ServiceExt;

struct Server {
    router: Router,
    db: tempfile::TempDir,
}

async fn server() -> Server {
    let db = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", db.path().join("signpost.db").display());
    let state = AppState {
        flows: Arc::new(Catalogue::bundled()),
        organisation: Arc::new(Organisation::example()),
        store: Store::connect(&url).await.unwrap(),
    };
    let router = app(state, &StaticFiles(db.path().to_owned()));
    Server { router, db }
}

impl Server {
    async fn post(&self, key: Option<&str>, body: impl Into<Body>) -> (StatusCode, Value) {
        let mut request = Request::post("/api/actions").header("content-type", "application/json");
        if let Some(key) = key {
            request = request.header("Idempotency-Key", key);
        }
        let response = self
            .router
            .clone()
            .oneshot(request.body(body.into()).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }

    async fn rows(&self) -> Vec<sqlx::sqlite::SqliteRow> {
        let url = format!("sqlite://{}", self.db.path().join("signpost.db").display());
        let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
        sqlx::query("SELECT * FROM actions")
            .fetch_all(&pool)
            .await
            .unwrap()
    }
}

const KEY: &str = "0b8f5e2c-6a4d-4f0e-9c1b-2d3e4f5a6b7c";

fn join_version() -> String {
    Catalogue::bundled()
        .get("join")
        .unwrap()
        .version()
        .as_str()
        .to_owned()
}

fn separate_accounts() -> Value {
    json!({
        "flow": "join",
        "version": join_version(),
        "answers": ["received", "used", "ordinary", "personal"],
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
    let (status, body) = s.post(Some(KEY), separate_accounts().to_string()).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["outcome"], "separate");
    assert_eq!(body["action"], "separate_accounts");
    let reference = body["reference"].as_str().unwrap();
    assert_eq!(reference.len(), 11);

    let rows = s.rows().await;
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(row.get::<String, _>("reference"), reference);
    assert_eq!(row.get::<String, _>("flow_id"), "join");
    assert_eq!(row.get::<String, _>("flow_version"), join_version());
    assert_eq!(row.get::<String, _>("outcome"), "separate");
    assert_eq!(row.get::<String, _>("action"), "separate_accounts");
    assert_eq!(
        row.get::<String, _>("answers"),
        r#"["received","used","ordinary","personal"]"#
    );
    assert_eq!(row.get::<String, _>("email"), "ada@example.edu");
}

#[tokio::test]
async fn an_impossible_path_is_unprocessable_and_stores_nothing() {
    let s = server().await;
    let body = with(separate_accounts(), "answers", json!(["received", "maybe"]));
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
            with(separate_accounts(), "answers", json!(["received"])),
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
            with(separate_accounts(), "outcome", json!("migrate")),
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
            with(separate_accounts(), "email", json!("ada@gmail.com")),
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
    let (status, body) = s.post(None, separate_accounts().to_string()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], "missing_idempotency_key");
}

#[tokio::test]
async fn the_same_confirmation_sent_twice_is_stored_once() {
    let s = server().await;
    let (first, a) = s.post(Some(KEY), separate_accounts().to_string()).await;
    let (again, b) = s.post(Some(KEY), separate_accounts().to_string()).await;
    assert_eq!((first, again), (StatusCode::CREATED, StatusCode::CREATED));
    assert_eq!(a["reference"], b["reference"]);
    assert_eq!(s.rows().await.len(), 1);
}

#[tokio::test]
async fn a_reused_key_with_other_details_is_a_conflict() {
    let s = server().await;
    s.post(Some(KEY), separate_accounts().to_string()).await;
    let (status, body) = s
        .post(
            Some(KEY),
            with(separate_accounts(), "name", json!("Someone Else")),
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
            with(separate_accounts(), "version", json!("0000")),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"]["code"], "flow_changed");
}

#[tokio::test]
async fn an_oversized_body_is_refused() {
    let s = server().await;
    let body = with(separate_accounts(), "note", json!("x".repeat(20_000)));
    let (status, body) = s.post(Some(KEY), body).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body["error"]["code"], "body_too_large");
}
