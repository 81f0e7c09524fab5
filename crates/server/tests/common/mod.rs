//! A server for tests: the real router over a fresh database, called without a socket.
//!
//! The database is a temporary SQLite file, or, when `SIGNPOST_TEST_POSTGRES_URL` names a
//! PostgreSQL server (`postgres://user@host:port/db`), a database of its own on that server,
//! so every test runs against either backend and tests stay independent in parallel.

// Each test file uses a different part of this module.
#![allow(dead_code)]

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::{json, Value};
use signpost_server::config::Config;
use signpost_server::{app, AppState, Catalogue, StaticFiles, Store};
use tower::ServiceExt;

/// The join flow walked to moving an account with Prime bought on the purchasing card before
/// April 2019 (a self-service outcome in the shipped flows, which sets a flag).
pub const PRIME_BEFORE_2019: [&str; 8] = [
    "join",
    "received",
    "used",
    "ordinary",
    "yes",
    "business_only",
    "purchasing_card",
    "before_2019_04",
];

/// The administrator token the test config accepts.
pub const ADMIN_TOKEN: &str = "test-admin-token-0123456789";

pub struct Server {
    pub router: Router,
    pub store: Store,
    pub db: Arc<TestDb>,
    /// The static files the server serves (`index.html`).
    pub files: tempfile::TempDir,
}

/// The variable naming a PostgreSQL server to run the tests against.
pub const POSTGRES_VAR: &str = "SIGNPOST_TEST_POSTGRES_URL";

/// A fresh, empty database for one test, removed when dropped.
pub struct TestDb {
    /// The URL the server opens it with.
    pub url: String,
    place: Place,
}

enum Place {
    Sqlite(tempfile::TempDir),
    /// A database on the server at `admin_url`, which is dropped with the `TestDb`.
    Postgres {
        admin_url: String,
        name: String,
    },
}

impl TestDb {
    /// A new database on PostgreSQL if [`POSTGRES_VAR`] is set, else in a temporary SQLite file.
    pub async fn new() -> TestDb {
        match std::env::var(POSTGRES_VAR) {
            Ok(admin_url) if !admin_url.is_empty() => {
                let name = format!("t_{}", uuid::Uuid::new_v4().simple());
                let mut admin = admin(&admin_url).await;
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&mut admin)
                    .await
                    .unwrap();
                TestDb {
                    url: with_database(&admin_url, &name),
                    place: Place::Postgres { admin_url, name },
                }
            }
            _ => {
                let dir = tempfile::tempdir().unwrap();
                TestDb {
                    url: format!("sqlite://{}", dir.path().join("signpost.db").display()),
                    place: Place::Sqlite(dir),
                }
            }
        }
    }

    /// Whether this database is on PostgreSQL.
    pub fn is_postgres(&self) -> bool {
        matches!(self.place, Place::Postgres { .. })
    }

    /// A pool on the database, to read or change it behind the server's back. Queries take
    /// `$1`-style parameters, which both databases read.
    pub async fn pool(&self) -> sqlx::AnyPool {
        sqlx::any::install_default_drivers();
        sqlx::AnyPool::connect(&self.url).await.unwrap()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Place::Postgres { admin_url, name } = &self.place {
            // Drop may run outside any runtime, or inside one that must not block: a thread of
            // its own, with its own runtime, drops the database (and any connection still open).
            let drop_database = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            let admin_url = admin_url.clone();
            let dropped = std::thread::spawn(move || {
                tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap()
                    .block_on(async {
                        let mut admin = admin(&admin_url).await;
                        sqlx::query(&drop_database).execute(&mut admin).await
                    })
            })
            .join();
            if !matches!(dropped, Ok(Ok(_))) {
                eprintln!("could not drop the test database {name}");
            }
        }
    }
}

async fn admin(url: &str) -> sqlx::PgConnection {
    use sqlx::Connection;
    sqlx::PgConnection::connect(url)
        .await
        .unwrap_or_else(|e| panic!("{POSTGRES_VAR}={url}: {e}"))
}

/// `url` with its database name replaced by `name`.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (url, String::new()),
    };
    let host = base.find("://").map_or(0, |i| i + 3);
    let server = match base[host..].find('/') {
        Some(slash) => &base[..host + slash],
        None => base,
    };
    format!("{server}/{name}{query}")
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

/// The inline script of the trainer's test page (`trainer/index.html`).
pub const TRAINER_INLINE_SCRIPT: &str = "startTrainer()";

pub async fn server_with(config: Config) -> Server {
    server_on(Arc::new(TestDb::new().await), config).await
}

/// A server on `db`, which may be another server's: two instances sharing one database.
pub async fn server_on(db: Arc<TestDb>, config: Config) -> Server {
    let files = tempfile::tempdir().unwrap();
    let page =
        format!("<html><head><script type=\"module\">{INLINE_SCRIPT}</script></head></html>");
    std::fs::write(files.path().join("index.html"), page).unwrap();
    let trainer = files.path().join("trainer");
    std::fs::create_dir(&trainer).unwrap();
    let page = format!(
        "<html><head><script type=\"module\">{TRAINER_INLINE_SCRIPT}</script></head></html>"
    );
    std::fs::write(trainer.join("index.html"), page).unwrap();
    let store = Store::connect(&db.url).await.unwrap();
    let state = AppState::new(store.clone(), &config).await.unwrap();
    let router = app(state, &StaticFiles(files.path().to_owned()));
    Server {
        router,
        store,
        db,
        files,
    }
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

    /// The version of the flow `id` this server serves.
    pub async fn version(&self, id: &str) -> String {
        let reply = self
            .send(
                Request::get(format!("/api/flows/{id}"))
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        reply.json["version"].as_str().unwrap().to_owned()
    }

    /// Confirms `answers` of the join flow as `name`; returns the reference.
    pub async fn confirm(&self, answers: &[&str], name: &str, email: &str) -> String {
        let key = uuid::Uuid::new_v4().to_string();
        let body = json!({
            "flow": "join", "version": self.version("join").await, "answers": answers,
            "name": name, "email": email,
        });
        let (status, body) = self.post(Some(&key), body.to_string()).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body["reference"].as_str().unwrap().to_owned()
    }

    /// A request to the admin API with the test token.
    pub async fn admin(&self, method: &str, uri: &str, body: Option<Value>) -> Reply {
        self.with_token(Some(ADMIN_TOKEN), method, uri, body).await
    }

    /// A request with the given bearer token, or none, and a JSON body if given.
    pub async fn with_token(
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
    pub async fn rows(&self) -> Vec<sqlx::any::AnyRow> {
        sqlx::query("SELECT * FROM actions ORDER BY id")
            .fetch_all(&self.db.pool().await)
            .await
            .unwrap()
    }
}

pub fn join_version() -> String {
    Catalogue::shipped()
        .get("join")
        .unwrap()
        .version()
        .as_str()
        .to_owned()
}

/// A copy of the repository's `flows/` that a test may change.
pub fn flow_folder() -> tempfile::TempDir {
    let copy = tempfile::tempdir().unwrap();
    let shipped = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../flows");
    for entry in std::fs::read_dir(shipped).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            std::fs::copy(&path, copy.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    copy
}

/// A server whose flows make every outcome a request, and whose organisation names a team for
/// every flow: an organisation that acts on each. For the queue's tests, which need many
/// outcomes and flags. Returns the server and its flow folder, which it reads until dropped.
pub async fn server_of_requests() -> (Server, tempfile::TempDir) {
    let folder = flow_folder();
    for entry in std::fs::read_dir(folder.path()).unwrap() {
        let file = entry.unwrap().path();
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(
            &file,
            text.replace("kind = \"self_service\"", "kind = \"request\""),
        )
        .unwrap();
    }
    let mut organisation = signpost_flow::org::Organisation::example();
    for flow in ["buy_with_prime", "link_sellers", "recover_access"] {
        let team = signpost_flow::org::Team {
            flow: flow.into(),
            ..organisation.teams[0].clone()
        };
        organisation.teams.push(team);
    }
    let server = server_with(Config {
        admin_tokens: vec![ADMIN_TOKEN.into()],
        flows: signpost_server::FlowSource::Folder(folder.path().to_owned()),
        organisation,
        ..Config::default()
    })
    .await;
    (server, folder)
}

/// Replaces `from` with `to` in the join flow of `folder`.
pub fn edit_join(folder: &std::path::Path, from: &str, to: &str) {
    let file = folder.join("1-join.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains(from), "1-join.toml has no {from:?}");
    std::fs::write(&file, text.replacen(from, to, 1)).unwrap();
}
