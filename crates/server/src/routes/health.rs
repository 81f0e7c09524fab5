//! `GET /healthz`: answers 200 while the database answers.

use axum::extract::State;
use axum::http::StatusCode;

use crate::AppState;

/// Answers 200 while the database answers.
#[utoipa::path(
    get,
    path = "/healthz",
    tag = "operations",
    operation_id = "health",
    responses(
        (status = 200, description = "The server and its database answer.", body = String, content_type = "text/plain", example = "ok"),
        (status = 503, description = "The database does not answer.", body = String, content_type = "text/plain", example = "database unreachable"),
    ),
)]
pub async fn check(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match state.store.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(cause) => {
            tracing::error!(%cause, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
        }
    }
}
