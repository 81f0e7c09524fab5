//! How long a browser may keep each answer. Trunk names the files it builds by their content
//! (`signpost-app-a01aaa0f86455104.js`), so those are kept for good; every other file (the page,
//! `embed.js`, the service worker `sw.js`, whose changes browsers must find, the demo page) is
//! checked again on each use; and the API's personal answers (the administrators' queue,
//! receipts) are never stored. Each answer also says that it differs by `Accept-Encoding`, as
//! the server sends compressed copies.

use axum::extract::Request;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_NONE_MATCH, VARY};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

/// For files whose name holds a hash of their content.
pub const FOREVER: &str = "public, max-age=31536000, immutable";
/// For files and answers that may change at any time: use only after asking again.
pub const REVALIDATE: &str = "no-cache";
/// For answers about a person or for administrators.
pub const NEVER: &str = "no-store";

/// Adds `Cache-Control` where the handler chose none, and `Vary: Accept-Encoding`.
pub async fn add(request: Request, next: Next) -> Response {
    let policy = policy_for(request.uri().path());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if !headers.contains_key(CACHE_CONTROL) {
        headers.insert(CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    let varies = headers.get_all(VARY).iter().any(|v| {
        v.to_str()
            .is_ok_and(|v| v.to_ascii_lowercase().contains("accept-encoding"))
    });
    if !varies {
        headers.append(VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}

/// `body` with an `ETag` made from its content and the `Cache-Control` given, or `304 Not
/// Modified` when the browser's `If-None-Match` already holds it.
pub fn tagged(
    request: &HeaderMap,
    control: &'static str,
    content_type: &'static str,
    body: String,
) -> Response {
    let digest = Sha256::digest(body.as_bytes());
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    let tag = HeaderValue::from_str(&format!("\"{hex}\"")).expect("hex is a valid header");
    let held = request
        .get(IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|held| held.split(',').any(|t| t.trim() == tag));
    let common = [
        (ETAG, tag),
        (CACHE_CONTROL, HeaderValue::from_static(control)),
    ];
    if held {
        return (StatusCode::NOT_MODIFIED, common).into_response();
    }
    let kind = [(CONTENT_TYPE, HeaderValue::from_static(content_type))];
    (common, kind, body).into_response()
}

/// The policy for a path, unless its handler says otherwise.
fn policy_for(path: &str) -> &'static str {
    if path.starts_with("/api/") || path == "/metrics" || path == "/healthz" {
        NEVER
    } else if is_hashed(path) {
        FOREVER
    } else {
        REVALIDATE
    }
}

/// Whether the file's name is Trunk's `name-<hash>.<ext>`: a dozen or more hex digits.
fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let stem = name.split('.').next().unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() >= 12 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunks_hashed_files_are_kept_for_good_and_the_rest_checked_again() {
        for path in [
            "/signpost-app-a01aaa0f86455104.js",
            "/signpost-app-a01aaa0f86455104_bg.wasm",
            "/main-75448e8d79aa3110.css",
            "/admin/admin-569d88cc2442c8b.css",
        ] {
            assert_eq!(policy_for(path), FOREVER, "{path}");
        }
        for path in [
            "/",
            "/index.html",
            "/embed.js",
            "/sw.js",
            "/demo.html",
            "/admin/",
            "/sign-in-help.css",
        ] {
            assert_eq!(policy_for(path), REVALIDATE, "{path}");
        }
        assert_eq!(policy_for("/api/admin/actions"), NEVER);
    }
}
