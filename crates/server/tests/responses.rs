//! What every response says, whatever the request: unknown API paths and wrong methods in the
//! API's error shape, the app's page everywhere else, the bearer scheme in any case, and HSTS
//! when the server is reached over HTTPS.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{server, server_with, ADMIN_TOKEN, INLINE_SCRIPT};
use signpost_flow::api;
use signpost_server::config::Config;

fn request(method: &str, uri: &str) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(uri)
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn unknown_api_paths_answer_404_in_the_api_error_shape() {
    let server = server().await;
    for path in [
        "/api/nothing",
        "/api/flows/join/more",
        "/api/admin/nothing",
        "/api/",
        "/api",
    ] {
        for method in ["GET", "POST"] {
            let reply = server.send(request(method, path)).await;
            assert_eq!(reply.status, StatusCode::NOT_FOUND, "{method} {path}");
            assert_eq!(reply.json["error"]["code"], "not_found", "{method} {path}");
            assert!(reply.json["error"]["message"].is_string(), "{}", reply.text);
        }
    }
}

#[tokio::test]
async fn a_wrong_method_on_an_api_route_answers_405_in_the_api_error_shape() {
    let server = server().await;
    for (method, path) in [
        ("DELETE", api::FLOWS_PATH),
        ("GET", api::ACTIONS_PATH),
        ("PUT", api::CONFIG_PATH),
        ("POST", "/healthz"),
    ] {
        let reply = server.send(request(method, path)).await;
        assert_eq!(
            reply.status,
            StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path}"
        );
        assert_eq!(
            reply.json["error"]["code"], "method_not_allowed",
            "{method} {path}"
        );
    }
}

#[tokio::test]
async fn every_path_outside_the_api_still_gets_the_app_page() {
    let server = server().await;
    for path in ["/", "/join", "/some/deep/page", "/apiary", "/admin/"] {
        let reply = server.send(request("GET", path)).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert!(reply.text.contains(INLINE_SCRIPT), "{path}: {}", reply.text);
    }
}

#[tokio::test]
async fn the_bearer_scheme_is_matched_in_any_case() {
    let server = server().await;
    for scheme in ["Bearer", "bearer", "BEARER", "bEaReR"] {
        let request = Request::get(api::ADMIN_STATS_PATH)
            .header("authorization", format!("{scheme} {ADMIN_TOKEN}"))
            .body(Body::empty())
            .unwrap();
        let reply = server.send(request).await;
        assert_eq!(reply.status, StatusCode::OK, "{scheme}: {}", reply.text);
    }
    for wrong in [
        format!("Basic {ADMIN_TOKEN}"),
        format!("Bearer{ADMIN_TOKEN}"),
    ] {
        let request = Request::get(api::ADMIN_STATS_PATH)
            .header("authorization", wrong.as_str())
            .body(Body::empty())
            .unwrap();
        let reply = server.send(request).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{wrong}");
    }
}

#[tokio::test]
async fn an_https_public_url_sends_hsts_on_every_response() {
    let server = server_with(Config {
        public_url: Some("https://signpost.example.edu".into()),
        ..Config::default()
    })
    .await;
    for path in ["/", "/healthz", api::FLOWS_PATH, "/api/nothing"] {
        let reply = server.send(request("GET", path)).await;
        assert_eq!(
            reply.headers["strict-transport-security"], "max-age=31536000; includeSubDomains",
            "{path}"
        );
    }
}

#[tokio::test]
async fn no_hsts_without_an_https_public_url() {
    for public_url in [None, Some("http://signpost.example.edu".to_owned())] {
        let server = server_with(Config {
            public_url,
            ..Config::default()
        })
        .await;
        let reply = server.send(request("GET", "/")).await;
        assert!(!reply.headers.contains_key("strict-transport-security"));
    }
}
