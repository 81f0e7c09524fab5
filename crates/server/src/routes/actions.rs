//! `POST /api/actions`: a person confirms the action their answers led to. The server walks
//! the answers with the same engine as the app and derives the outcome itself.
//! `POST /api/actions/check` does the same without storing anything.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use sha2::{Digest, Sha256};
use signpost_flow::api::{
    ActionCheck, ActionReceipt, ActionRequest, ErrorBody, IDEMPOTENCY_HEADER,
};
use signpost_flow::{contact, Flow, OutcomeKind, Walk};

use crate::extract::Body;
use crate::openapi::{BodyRefused, Internal};
use crate::store::{NewAction, Stored};
use crate::{ApiError, AppState};

/// Stores a confirmed action and answers with its reference.
///
/// The server walks the answers itself and derives the outcome and action. Sending the same
/// request again with the same `Idempotency-Key` answers with the same receipt.
#[utoipa::path(
    post,
    path = signpost_flow::api::ACTIONS_PATH,
    tag = "actions",
    operation_id = "create_action",
    params(
        ("Idempotency-Key" = String, Header, format = Uuid, description = "A UUID made once per confirmation: the same key and body store the action once."),
    ),
    request_body(content = ActionRequest, content_type = "application/json"),
    responses(
        (status = 201, description = "The action is stored (or was, for a replay).", body = ActionReceipt),
        (status = 400, description = "Malformed JSON (`malformed_json`), no or a bad Idempotency-Key (`missing_idempotency_key`).", body = ErrorBody),
        (status = 409, description = "The key was used with other details (`idempotency_conflict`), or the flow changed (`flow_changed`).", body = ErrorBody),
        (status = 422, description = "The body, answers or contact details do not fit, a field is named like a secret, or the answers lead to a self-service outcome, which sends nothing (`self_service`).", body = ErrorBody),
        (status = 429, description = "Too many requests from this address (`rate_limited`).", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds to wait before trying again."))),
        BodyRefused, Internal,
    ),
)]
pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    Body(request): Body<ActionRequest>,
) -> Result<(StatusCode, Json<ActionReceipt>), ApiError> {
    let key = idempotency_key(&headers)?;
    let flow = crate::flows::walked(&state, &request.flow, &request.version).await?;
    let (walk, note) = derive(&state, &flow, &request)?;
    let outcome = walk.outcome()?;
    let hash = request_hash(&request);
    let new = NewAction {
        idempotency_key: &key,
        request_hash: &hash,
        flow_id: flow.id(),
        // The version as recorded, which names the flow walked even where an older
        // definition reads differently today (see `RawFlow::from_stored_json`).
        flow_version: &request.version,
        answers: &request.answers,
        outcome: outcome.key(),
        action: outcome.action().as_str(),
        flags: &walk.flags,
        name: request.name.trim(),
        email: &request.email.trim().to_lowercase(),
        note,
    };
    match state.store.insert(new).await? {
        Stored::Created(receipt) => {
            state.metrics.stored_action();
            Ok((StatusCode::CREATED, Json(receipt)))
        }
        Stored::Replayed(receipt) => Ok((StatusCode::CREATED, Json(receipt))),
        Stored::KeyReused => Err(ApiError::IdempotencyConflict),
    }
}

/// Walks a confirmation and answers with what the server derives from it, storing nothing.
#[utoipa::path(
    post,
    path = signpost_flow::api::CHECK_PATH,
    tag = "actions",
    operation_id = "check_action",
    request_body(content = ActionRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "The outcome, action and flags the answers lead to.", body = ActionCheck),
        (status = 400, description = "Malformed JSON (`malformed_json`).", body = ErrorBody),
        (status = 409, description = "The flow changed since the person started (`flow_changed`).", body = ErrorBody),
        (status = 422, description = "The body, answers or contact details do not fit, a field is named like a secret, or the answers lead to a self-service outcome, which sends nothing (`self_service`).", body = ErrorBody),
        BodyRefused, Internal,
    ),
)]
pub async fn check(
    State(state): State<AppState>,
    Body(request): Body<ActionRequest>,
) -> Result<Json<ActionCheck>, ApiError> {
    let flow = crate::flows::walked(&state, &request.flow, &request.version).await?;
    let (walk, _) = derive(&state, &flow, &request)?;
    Ok(Json(ActionCheck {
        outcome: walk.outcome()?.key().to_owned(),
        action: walk.outcome()?.action().as_str().to_owned(),
        flags: walk.flags.iter().map(|f| (*f).to_owned()).collect(),
    }))
}

/// Walks the answers to an outcome, which must be a request, and checks the contact details:
/// everything the server decides about a confirmation. Returns the walk and the note,
/// trimmed, if any.
fn derive<'f, 'r>(
    state: &AppState,
    flow: &'f Flow,
    request: &'r ActionRequest,
) -> Result<(Walk<'f>, Option<&'r str>), ApiError> {
    let walk = flow.walk(&request.answers)?;
    let outcome = walk.outcome()?;
    if outcome.kind() == OutcomeKind::SelfService {
        return Err(ApiError::SelfService(outcome.key().to_owned()));
    }
    let note = request
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    contact::check(
        &request.name,
        &request.email,
        note,
        &state.organisation.email_domain,
    )?;
    Ok((walk, note))
}

/// The `Idempotency-Key` header, which must hold a UUID.
fn idempotency_key(headers: &HeaderMap) -> Result<String, ApiError> {
    let value = headers
        .get(IDEMPOTENCY_HEADER)
        .and_then(|v| v.to_str().ok());
    let uuid = value.and_then(|v| uuid::Uuid::parse_str(v.trim_matches('"')).ok());
    uuid.map(|u| u.to_string())
        .ok_or(ApiError::MissingIdempotencyKey)
}

fn request_hash(request: &ActionRequest) -> String {
    let canonical = serde_json::to_vec(request).expect("requests always serialize");
    let digest = Sha256::digest(&canonical);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
