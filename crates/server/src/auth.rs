//! Who may use the administrators' API: a bearer token from the config. Tokens are kept only
//! as SHA-256 hashes and compared in constant time, as rooms' trainer tokens are.

use axum::extract::{Request, State};
use axum::http::header::AUTHORIZATION;
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use sha2::{Digest, Sha256};

use crate::{ApiError, AppState};

/// The tokens that open `/api/admin`, hashed.
pub struct AdminTokens {
    hashes: Vec<[u8; 32]>,
}

impl AdminTokens {
    pub fn new(tokens: &[String]) -> AdminTokens {
        AdminTokens {
            hashes: tokens.iter().map(|t| hash(t)).collect(),
        }
    }

    /// Whether `presented` is one of the tokens. Every hash is compared, in full, every time.
    pub fn allows(&self, presented: &str) -> bool {
        let presented = hash(presented);
        self.hashes
            .iter()
            .fold(false, |found, known| found | same(known, &presented))
    }

    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }
}

/// Lets a request through to the admin routes only with `Authorization: Bearer <token>`, the
/// scheme in any case (RFC 7235).
pub async fn require_admin(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Result<Response, ApiError> {
    if state.admin.is_empty() {
        return Err(ApiError::AdminClosed);
    }
    match bearer(request.headers()) {
        Some(token) if state.admin.allows(token) => Ok(next.run(request).await),
        _ => Err(ApiError::Unauthorized),
    }
}

/// The token in `Authorization: Bearer <token>`, the scheme in any case (RFC 7235).
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let header = headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok());
    header
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim())
}

/// A token's SHA-256, which is all that is kept of it.
pub fn hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// Equal hashes (or their hex), compared without an early exit.
pub fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}
