//! Generated bodies: checking or storing a confirmation answers a receipt or a 4xx with an error body, never a 5xx.

mod common;

use axum::body::Body;
use axum::http::Request;
use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, TestRunner};
use serde_json::{json, Map, Value};
use signpost_server::config::Config;

/// 64 cases a property unless `PROPTEST_CASES` says otherwise (`scripts/fuzz` runs many more).
/// The runner is driven by hand, so it names this file for proptest's regressions file.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(64);
    ProptestConfig {
        cases,
        source_file: Some(file!()),
        ..ProptestConfig::default()
    }
}

/// A body the server accepts: the join flow walked to the request for a new invitation.
fn valid() -> Value {
    json!({
        "flow": "join",
        "version": common::join_version(),
        "answers": ["join", "not_received"],
        "name": "Ada Lovelace",
        "email": "ada@example.edu",
    })
}

/// Strings that are odd to a server: empty, long, control characters, escapes, markup.
fn odd_string() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("\u{0}".to_owned()),
        Just("\u{7}\u{1b}[31m\r\n\t".to_owned()),
        Just("\u{202e}\u{feff}\u{fffd}".to_owned()),
        Just("'; DROP TABLE actions; --".to_owned()),
        Just("<script>alert(1)</script>".to_owned()),
        Just("a".repeat(100_000)),
        Just("é".repeat(5_000)),
        Just(" ".repeat(300)),
        "\\PC{0,40}",
        any::<String>(),
    ]
}

/// Any JSON value, a few levels deep.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        odd_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(field_name(), inner, 0..6)
                .prop_map(|fields| Value::Object(fields.into_iter().collect())),
        ]
    })
}

/// A field name: one the body has, one it does not, or anything.
fn field_name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop_oneof![
            Just("flow"), Just("version"), Just("answers"), Just("name"), Just("email"),
            Just("note"), Just("outcome"), Just("password"), Just("token")
        ]
        .prop_map(str::to_owned),
        1 => "\\PC{0,12}",
    ]
}

/// An answer: one of the join flow's, or not.
fn answer() -> impl Strategy<Value = Value> {
    prop_oneof![
        3 => prop_oneof![
            Just("join"), Just("received"), Just("not_received"), Just("used"), Just("ordinary"),
            Just("yes"), Just("no"), Just("personal"), Just("none"), Just("50"), Just("yyn")
        ]
        .prop_map(Value::from),
        1 => odd_string().prop_map(Value::String),
        1 => any_json(),
    ]
}

/// One change to a valid body.
#[derive(Debug, Clone)]
enum Mutation {
    Remove(String),
    Set(String, Value),
    Answers(Vec<Value>),
    Truncate(usize),
    Push(Value),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        field_name().prop_map(Mutation::Remove),
        (field_name(), any_json()).prop_map(|(f, v)| Mutation::Set(f, v)),
        (field_name(), odd_string()).prop_map(|(f, v)| Mutation::Set(f, Value::String(v))),
        proptest::collection::vec(answer(), 0..12).prop_map(Mutation::Answers),
        (0..8usize).prop_map(Mutation::Truncate),
        answer().prop_map(Mutation::Push),
    ]
}

impl Mutation {
    fn apply(&self, body: &mut Map<String, Value>) {
        match self {
            Mutation::Remove(field) => {
                body.remove(field);
            }
            Mutation::Set(field, value) => {
                body.insert(field.clone(), value.clone());
            }
            Mutation::Answers(answers) => {
                body.insert("answers".into(), Value::Array(answers.clone()));
            }
            Mutation::Truncate(len) => {
                if let Some(Value::Array(answers)) = body.get_mut("answers") {
                    answers.truncate(*len);
                }
            }
            Mutation::Push(answer) => {
                if let Some(Value::Array(answers)) = body.get_mut("answers") {
                    answers.push(answer.clone());
                }
            }
        }
    }
}

/// A valid body with one to four changes.
fn mutated() -> impl Strategy<Value = Value> {
    proptest::collection::vec(mutation(), 1..5).prop_map(|mutations| {
        let Value::Object(mut body) = valid() else {
            unreachable!("the valid body is an object")
        };
        for m in &mutations {
            m.apply(&mut body);
        }
        Value::Object(body)
    })
}

/// A body as sent: generated JSON, a changed valid body, or bytes that are not JSON.
fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        2 => any_json().prop_map(|v| v.to_string().into_bytes()),
        4 => mutated().prop_map(|v| v.to_string().into_bytes()),
        1 => mutated().prop_map(|v| {
            let mut bytes = v.to_string().into_bytes();
            bytes.truncate(bytes.len() / 2);
            bytes
        }),
        1 => proptest::collection::vec(any::<u8>(), 0..64),
    ]
}

/// Posts each generated body to `path` on one server and checks the answer: a success status,
/// or a 4xx whose body is `{"error": {"code": string, "message": string}}`.
fn each_answer_is_a_success_or_an_error_body(path: &'static str, with_key: bool) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    // Rate limiting answers 429 in the right shape, but would stop the bodies being checked.
    let server = runtime.block_on(common::server_with(Config {
        admin_tokens: vec![common::ADMIN_TOKEN.into()],
        rate_limit_per_minute: 1_000_000,
        ..Config::default()
    }));
    let mut runner = TestRunner::new(config());
    let result = runner.run(&body(), |bytes| {
        let mut request = Request::post(path).header("content-type", "application/json");
        if with_key {
            request = request.header("Idempotency-Key", uuid::Uuid::new_v4().to_string());
        }
        let request = request.body(Body::from(bytes)).unwrap();
        let reply = runtime.block_on(server.send(request));
        let status = reply.status;
        prop_assert!(!status.is_server_error(), "{status}: {}", reply.text);
        if status.is_success() {
            prop_assert!(status == 200 || status == 201, "{status}: {}", reply.text);
        } else {
            prop_assert!(status.is_client_error(), "{status}: {}", reply.text);
            let error = &reply.json["error"];
            prop_assert!(error["code"].is_string(), "{status}: {}", reply.text);
            prop_assert!(error["message"].is_string(), "{status}: {}", reply.text);
            let fields = error.as_object().map_or(0, Map::len);
            prop_assert!(
                reply.json.as_object().map_or(0, Map::len) == 1,
                "{}",
                reply.text
            );
            prop_assert!(fields >= 2, "{}", reply.text);
        }
        Ok(())
    });
    drop(server);
    drop(runtime);
    if let Err(failure) = result {
        panic!("{path}: {failure}");
    }
}

#[test]
fn checking_any_body_answers_a_result_or_an_error_body_and_never_a_5xx() {
    each_answer_is_a_success_or_an_error_body("/api/actions/check", false);
}

#[test]
fn storing_any_body_answers_a_receipt_or_an_error_body_and_never_a_5xx() {
    each_answer_is_a_success_or_an_error_body("/api/actions", true);
}

#[test]
fn the_unchanged_valid_body_is_accepted() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let s = common::server().await;
        let request = Request::post("/api/actions/check")
            .header("content-type", "application/json")
            .body(Body::from(valid().to_string()))
            .unwrap();
        let reply = s.send(request).await;
        assert_eq!(reply.status, 200, "{}", reply.text);
    });
}
