//! Security headers on every response. The Content-Security-Policy allows no inline script
//! except Trunk's loader in `index.html`, by its hash, and lets only the configured intranet
//! origins frame the wizard.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use axum::extract::{Request, State};
use axum::http::header::{
    HeaderName, HeaderValue, CONTENT_SECURITY_POLICY, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS,
};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use sha2::{Digest, Sha256};

/// The Content-Security-Policy, kept in step with `index.html`: a new build of the app has a new
/// loader, so the policy is worked out again whenever the file changes.
#[derive(Clone)]
pub struct SecurityHeaders {
    index: PathBuf,
    frame_origins: Arc<Vec<String>>,
    policy: Arc<Mutex<(Option<SystemTime>, HeaderValue)>>,
}

impl SecurityHeaders {
    /// The policy for the app in `dist`, framable by `frame_origins` besides itself.
    pub fn new(dist: &Path, frame_origins: &[String]) -> SecurityHeaders {
        let headers = SecurityHeaders {
            index: dist.join("index.html"),
            frame_origins: Arc::new(frame_origins.to_vec()),
            policy: Arc::new(Mutex::new((
                None,
                HeaderValue::from_static("default-src 'self'"),
            ))),
        };
        headers.current();
        headers
    }

    /// The policy for the `index.html` on disk now.
    fn current(&self) -> HeaderValue {
        let modified = std::fs::metadata(&self.index)
            .and_then(|m| m.modified())
            .ok();
        let mut policy = self.policy.lock().expect("never poisoned");
        if policy.0 != modified || modified.is_none() {
            let index = std::fs::read_to_string(&self.index).unwrap_or_default();
            *policy = (
                modified,
                content_security_policy(&index, &self.frame_origins),
            );
        }
        policy.1.clone()
    }
}

/// Allows Trunk's inline loader by its hash, and framing by the given origins.
fn content_security_policy(index: &str, frame_origins: &[String]) -> HeaderValue {
    let scripts: String = inline_scripts(index)
        .map(|s| format!(" 'sha256-{}'", sha256_base64(s)))
        .collect();
    let ancestors: String = frame_origins.iter().map(|o| format!(" {o}")).collect();
    let policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{scripts}; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; frame-ancestors 'self'{ancestors}; \
         base-uri 'none'; form-action 'self'; object-src 'none'"
    );
    HeaderValue::from_str(&policy).expect("origins were checked as plain ASCII")
}

/// Adds the security headers to a response.
pub async fn add(State(headers): State<SecurityHeaders>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    h.insert(CONTENT_SECURITY_POLICY, headers.current());
    h.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
    );
    response
}

/// The text of each `<script>` without a `src`, as the browser hashes it.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (attributes, body) = rest.split_once('>')?;
        let (text, _) = body.split_once("</script>")?;
        (!attributes.contains("src=")).then_some(text)
    })
}

fn sha256_base64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_inline_scripts_are_hashed() {
        let html =
            "<head><script src=\"/a.js\"></script><script type=\"module\">go()</script></head>";
        assert_eq!(inline_scripts(html).collect::<Vec<_>>(), ["go()"]);
        // echo -n 'go()' | openssl sha256 -binary | base64
        assert_eq!(
            sha256_base64("go()"),
            "5KYv+PUboo5h+0+YAtGRPbwv5d/QxzHslP4YGnUaxRw="
        );
    }
}
