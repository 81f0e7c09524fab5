//! Security headers on every response. The Content-Security-Policy allows no inline script
//! except Trunk's loader in each page, by its hash, lets only the configured intranet origins
//! frame the wizard, and lets nobody frame the administrators' page.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::{Query, Request, State};
use axum::http::header::{
    HeaderName, HeaderValue, CONTENT_SECURITY_POLICY, REFERRER_POLICY, STRICT_TRANSPORT_SECURITY,
    X_CONTENT_TYPE_OPTIONS,
};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::page::{PageQuery, TRAINER_PAGE};
use crate::watched::Watched;

/// The security headers for the app in `dist`: the wizard's page may be framed by the intranet
/// origins, the administrators' page (`/admin/`) by nobody.
#[derive(Clone)]
pub struct SecurityHeaders {
    wizard: Arc<Policy>,
    /// The wizard's page with trainer mode's tools (`?mode=trainer`), which has its own loader.
    trainer: Arc<Policy>,
    admin: Arc<Policy>,
    /// Whether browsers are told to reach the server over HTTPS only.
    https_only: bool,
}

/// HTTPS only, for a year, on every subdomain too.
const HSTS: &str = "max-age=31536000; includeSubDomains";

/// Where the administrators' page lives.
const ADMIN_PREFIX: &str = "/admin";

impl SecurityHeaders {
    /// The policies for the app in `dist`, the wizard framable by `frame_origins` besides itself;
    /// with `https_only`, Strict-Transport-Security too.
    pub fn new(dist: &Path, frame_origins: &[String], https_only: bool) -> SecurityHeaders {
        SecurityHeaders {
            wizard: policy(dist.join("index.html"), Some(frame_origins)),
            trainer: policy(dist.join(TRAINER_PAGE), Some(frame_origins)),
            admin: policy(dist.join("admin").join("index.html"), None),
            https_only,
        }
    }
}

/// The Content-Security-Policy of one page, kept in step with its HTML: a new build of the app
/// has a new loader, so the policy is worked out again whenever the file changes.
type Policy = Watched<HeaderValue>;

fn policy(page: PathBuf, frame_origins: Option<&[String]>) -> Arc<Policy> {
    let frame_origins = frame_origins.map(<[String]>::to_vec);
    let policy = Watched::new(page, move |html| {
        content_security_policy(html, frame_origins.as_deref())
    });
    policy.current();
    Arc::new(policy)
}

/// Allows Trunk's inline loader by its hash, and framing by the page's own origin and the given
/// ones, or by nobody.
fn content_security_policy(html: &str, frame_origins: Option<&[String]>) -> HeaderValue {
    let scripts: String = inline_scripts(html)
        .map(|s| format!(" 'sha256-{}'", sha256_base64(s)))
        .collect();
    let ancestors = match frame_origins {
        Some(origins) => origins
            .iter()
            .fold("'self'".to_owned(), |all, o| format!("{all} {o}")),
        None => "'none'".to_owned(),
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{scripts}; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; frame-ancestors {ancestors}; \
         base-uri 'none'; form-action 'self'; object-src 'none'"
    );
    HeaderValue::from_str(&policy).expect("origins were checked as plain ASCII")
}

/// Adds the security headers to a response.
pub async fn add(State(headers): State<SecurityHeaders>, request: Request, next: Next) -> Response {
    let uri = request.uri();
    let policy = if uri.path().starts_with(ADMIN_PREFIX) {
        &headers.admin
    } else if Query::<PageQuery>::try_from_uri(uri).is_ok_and(|q| q.trainer()) {
        &headers.trainer
    } else {
        &headers.wizard
    };
    let policy = HeaderValue::clone(&policy.current());
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    h.insert(CONTENT_SECURITY_POLICY, policy);
    h.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
    );
    if headers.https_only {
        h.insert(STRICT_TRANSPORT_SECURITY, HeaderValue::from_static(HSTS));
    }
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
    fn only_the_wizard_may_be_framed_by_the_intranet() {
        let origins = ["https://intranet.example.edu".to_owned()];
        let wizard = content_security_policy("", Some(&origins));
        let admin = content_security_policy("", None);
        let wizard = wizard.to_str().unwrap();
        assert!(
            wizard.contains("frame-ancestors 'self' https://intranet.example.edu;"),
            "{wizard}"
        );
        assert!(admin.to_str().unwrap().contains("frame-ancestors 'none';"));
    }

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
