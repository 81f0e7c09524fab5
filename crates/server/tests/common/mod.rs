//! A server for tests: the real router over a temporary SQLite file, called without a socket.

// Each test file uses a different part of this module.
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::{json, Value};
use signpost_server::config::Config;
use signpost_server::{app, AppState, Catalogue, StaticFiles, Store};
use tower::ServiceExt;

/// The administrator token the test config accepts.
pub const ADMIN_TOKEN: &str = "test-admin-token-0123456789";

pub struct Server {
    pub router: Router,
    pub store: Store,
    pub db: tempfile::TempDir,
}

/// A response: status, headers and body (JSON when it parses, else `Value::Null`).
pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub text: String,
    pub json: Value,
}

/// A server with the test defaults: the example organisation and [`ADMIN_TOKEN`].
pub async fn server() -> Server {
    server_with(Config {
        admin_tokens: vec![ADMIN_TOKEN.into()],
        ..Config::default()
    })
    .await
}

/// The inline script of the test page, which the Content-Security-Policy must allow by hash.
pub const INLINE_SCRIPT: &str = "start()";

pub async fn server_with(config: Config) -> Server {
    let db = tempfile::tempdir().unwrap();
    let page =
        format!("<html><head><script type=\"module\">{INLINE_SCRIPT}</script></head></html>");
    std::fs::write(db.path().join("index.html"), page).unwrap();
    let store = Store::connect(&database_url(&db)).await.unwrap();
    let state = AppState::new(store.clone(), &config).await.unwrap();
    let router = app(state, &StaticFiles(db.path().to_owned()));
    Server { router, store, db }
}

fn database_url(db: &tempfile::TempDir) -> String {
    format!("sqlite://{}", db.path().join("signpost.db").display())
}

impl Server {
    /// Sends a request through the router.
    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            text,
            json,
        }
    }

    /// Posts a confirmation, with an idempotency key if given.
    pub async fn post(&self, key: Option<&str>, body: impl Into<Body>) -> (StatusCode, Value) {
        let mut request = Request::post("/api/actions").header("content-type", "application/json");
        if let Some(key) = key {
            request = request.header("Idempotency-Key", key);
        }
        let reply = self.send(request.body(body.into()).unwrap()).await;
        (reply.status, reply.json)
    }

    /// Confirms `answers` of the join flow as `name`; returns the reference.
    pub async fn confirm(&self, answers: &[&str], name: &str, email: &str) -> String {
        let key = uuid::Uuid::new_v4().to_string();
        let body = json!({
            "flow": "join", "version": join_version(), "answers": answers, "name": name, "email": email,
        });
        let (status, body) = self.post(Some(&key), body.to_string()).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body["reference"].as_str().unwrap().to_owned()
    }

    /// A request to the admin API with the test token.
    pub async fn admin(&self, method: &str, uri: &str, body: Option<Value>) -> Reply {
        self.admin_as(Some(ADMIN_TOKEN), method, uri, body).await
    }

    /// A request to the admin API with the given token, or none.
    pub async fn admin_as(
        &self,
        token: Option<&str>,
        method: &str,
        uri: &str,
        body: Option<Value>,
    ) -> Reply {
        let mut request = Request::builder().method(method).uri(uri);
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        let body = match body {
            Some(json) => {
                request = request.header("content-type", "application/json");
                Body::from(json.to_string())
            }
            None => Body::empty(),
        };
        self.send(request.body(body).unwrap()).await
    }

    /// Every stored action row.
    pub async fn rows(&self) -> Vec<sqlx::sqlite::SqliteRow> {
        let pool = sqlx::SqlitePool::connect(&database_url(&self.db))
            .await
            .unwrap();
        sqlx::query("SELECT * FROM actions ORDER BY id")
            .fetch_all(&pool)
            .await
            .unwrap()
    }
}

pub fn join_version() -> String {
    Catalogue::bundled()
        .get("join")
        .unwrap()
        .version()
        .as_str()
        .to_owned()
}
