//! What operators rely on: security headers with a policy that still lets the app start,
//! cross-origin access only for the configured intranet origins, and metrics (counts and a
//! histogram of how long each route takes).

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use base64::Engine;
use common::{server, server_with, INLINE_SCRIPT, TRAINER_INLINE_SCRIPT};
use sha2::{Digest, Sha256};
use signpost_server::config::Config;

const INTRANET: &str = "https://intranet.example.edu";

fn with_intranet() -> Config {
    Config {
        allowed_origins: vec![INTRANET.into()],
        ..Config::default()
    }
}

#[tokio::test]
async fn the_page_allows_its_own_inline_loader_by_hash_and_nothing_else_inline() {
    let s = server().await;
    let reply = s.send(Request::get("/").body(Body::empty()).unwrap()).await;
    assert_eq!(reply.status, StatusCode::OK);
    let policy = reply.headers["content-security-policy"].to_str().unwrap();
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(INLINE_SCRIPT));
    assert!(
        policy.contains(&format!(
            "script-src 'self' 'wasm-unsafe-eval' 'sha256-{hash}';"
        )),
        "{policy}"
    );
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    assert!(policy.contains("frame-ancestors 'self';"), "{policy}");
    assert_eq!(reply.headers["x-content-type-options"], "nosniff");
    assert_eq!(reply.headers["referrer-policy"], "no-referrer");
}

#[tokio::test]
async fn the_trainers_page_allows_its_own_loader_and_the_employees_page_does_not() {
    let s = server().await;
    let policy_of = |reply: &common::Reply| {
        reply.headers["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned()
    };
    let hash_of = |script: &str| {
        let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script));
        format!("'sha256-{hash}'")
    };
    let trainer = s
        .send(
            Request::get("/?mode=trainer&flow=join")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    let trainer = policy_of(&trainer);
    assert!(
        trainer.contains(&hash_of(TRAINER_INLINE_SCRIPT)),
        "{trainer}"
    );
    assert!(!trainer.contains(&hash_of(INLINE_SCRIPT)), "{trainer}");
    assert!(trainer.contains("frame-ancestors 'self';"), "{trainer}");
    let employee = s
        .send(Request::get("/?flow=join").body(Body::empty()).unwrap())
        .await;
    assert!(!policy_of(&employee).contains(&hash_of(TRAINER_INLINE_SCRIPT)));
}

#[tokio::test]
async fn a_new_build_of_the_app_is_allowed_without_a_restart() {
    let s = server().await;
    std::thread::sleep(std::time::Duration::from_millis(20));
    let page = "<html><script type=\"module\">startAgain()</script></html>";
    std::fs::write(s.files.path().join("index.html"), page).unwrap();
    let reply = s.send(Request::get("/").body(Body::empty()).unwrap()).await;
    let policy = reply.headers["content-security-policy"].to_str().unwrap();
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest("startAgain()"));
    assert!(policy.contains(&format!("'sha256-{hash}'")), "{policy}");
}

#[tokio::test]
async fn only_the_configured_intranet_may_frame_the_wizard() {
    let s = server_with(with_intranet()).await;
    let reply = s
        .send(Request::get("/?flow=join").body(Body::empty()).unwrap())
        .await;
    let policy = reply.headers["content-security-policy"].to_str().unwrap();
    assert!(
        policy.contains(&format!("frame-ancestors 'self' {INTRANET};")),
        "{policy}"
    );
    let api = s
        .send(Request::get("/api/config").body(Body::empty()).unwrap())
        .await;
    assert!(api.headers.contains_key("content-security-policy"));
}

#[tokio::test]
async fn cross_origin_calls_are_allowed_only_from_the_configured_intranet() {
    let s = server_with(with_intranet()).await;
    let preflight = |origin: &str| {
        Request::builder()
            .method("OPTIONS")
            .uri("/api/actions")
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "content-type,idempotency-key",
            )
            .body(Body::empty())
            .unwrap()
    };
    let allowed = s.send(preflight(INTRANET)).await;
    assert_eq!(allowed.headers["access-control-allow-origin"], INTRANET);
    let other = s.send(preflight("https://evil.example.com")).await;
    assert!(!other.headers.contains_key("access-control-allow-origin"));
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_stored_actions_without_personal_data() {
    let s = server().await;
    let reference = s
        .confirm(&["join", "not_received"], "Ada Lovelace", "ada@example.edu")
        .await;
    s.admin("GET", &format!("/api/admin/actions/{reference}"), None)
        .await;
    let reply = s
        .send(Request::get("/metrics").body(Body::empty()).unwrap())
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(
        reply
            .text
            .contains("signpost_http_requests_total{route=\"/api/actions\",status=\"201\"} 1"),
        "{}",
        reply.text
    );
    assert!(
        reply
            .text
            .contains("route=\"/api/admin/actions/{reference}\""),
        "{}",
        reply.text
    );
    assert!(reply.text.contains("signpost_actions_stored_total 1"));
    assert!(!reply.text.contains("ada@") && !reply.text.contains(&reference));
}

#[tokio::test]
async fn metrics_time_each_route_in_a_histogram() {
    let s = server().await;
    for _ in 0..3 {
        s.send(Request::get("/api/config").body(Body::empty()).unwrap())
            .await;
    }
    let reply = s
        .send(Request::get("/metrics").body(Body::empty()).unwrap())
        .await;
    let text = &reply.text;
    assert!(
        text.contains("# TYPE signpost_http_request_duration_seconds histogram"),
        "{text}"
    );
    assert!(
        text.contains("signpost_http_request_duration_seconds_count{route=\"/api/config\"} 3"),
        "{text}"
    );
    assert!(
        text.contains(
            "signpost_http_request_duration_seconds_bucket{le=\"+Inf\",route=\"/api/config\"} 3"
        ),
        "{text}"
    );
}
