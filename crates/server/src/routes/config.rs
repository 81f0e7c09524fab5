//! `GET /api/config`: the organisation's words, which the app fills into flow text.

use axum::extract::State;
use axum::Json;
use signpost_flow::org::Organisation;

use crate::AppState;

pub async fn organisation(State(state): State<AppState>) -> Json<Organisation> {
    Json(Organisation::clone(&state.organisation))
}
