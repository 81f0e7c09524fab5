//! `GET /api/config`: the organisation's words, which the app fills into flow text.

use axum::extract::State;
use axum::Json;
use signpost_flow::org::Organisation;

use crate::AppState;

/// The organisation's words, which the app fills into flow text.
#[utoipa::path(
    get,
    path = signpost_flow::api::CONFIG_PATH,
    tag = "config",
    operation_id = "organisation",
    responses((status = 200, description = "The organisation's config.", body = Organisation)),
)]
pub async fn organisation(State(state): State<AppState>) -> Json<Organisation> {
    Json(Organisation::clone(&state.organisation))
}
