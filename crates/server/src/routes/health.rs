//! `GET /healthz`: answers 200 while the database answers.

use axum::extract::State;
use axum::http::StatusCode;

use crate::AppState;

pub async fn check(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match state.store.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(cause) => {
            tracing::error!(%cause, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
        }
    }
}
