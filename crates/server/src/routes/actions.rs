//! `POST /api/actions`: a person confirms the action their answers led to. The server walks
//! the answers with the same engine as the app and derives the outcome itself.
//! `POST /api/actions/check` does the same without storing anything.

use std::borrow::Cow;

use axum::extract::{FromRequest, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use sha2::{Digest, Sha256};
use signpost_flow::api::{ActionCheck, ActionReceipt, ActionRequest, IDEMPOTENCY_HEADER};
use signpost_flow::{contact, Flow, Walk};

use crate::store::{NewAction, Stored};
use crate::{ApiError, AppState};

/// A JSON body whose rejections are [`ApiError`]s, so bad bodies get the API's error shape.
#[derive(FromRequest)]
#[from_request(via(Json), rejection(ApiError))]
pub struct Body<T>(pub T);

pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    Body(request): Body<ActionRequest>,
) -> Result<(StatusCode, Json<ActionReceipt>), ApiError> {
    let key = idempotency_key(&headers)?;
    let flow = walked_flow(&state, &request).await?;
    let (walk, note) = derive(&state, &flow, &request)?;
    let outcome = walk.outcome()?;
    let hash = request_hash(&request);
    let new = NewAction {
        idempotency_key: &key,
        request_hash: &hash,
        flow_id: flow.id(),
        flow_version: flow.version().as_str(),
        answers: &request.answers,
        outcome: outcome.key(),
        action: outcome.action().as_str(),
        flags: &walk.flags,
        name: request.name.trim(),
        email: &request.email.trim().to_lowercase(),
        note,
    };
    match state.store.insert(new).await? {
        Stored::Created(receipt) | Stored::Replayed(receipt) => {
            Ok((StatusCode::CREATED, Json(receipt)))
        }
        Stored::KeyReused => Err(ApiError::IdempotencyConflict),
    }
}

pub async fn check(
    State(state): State<AppState>,
    Body(request): Body<ActionRequest>,
) -> Result<Json<ActionCheck>, ApiError> {
    let flow = walked_flow(&state, &request).await?;
    let (walk, _) = derive(&state, &flow, &request)?;
    Ok(Json(ActionCheck {
        outcome: walk.outcome()?.key().to_owned(),
        action: walk.outcome()?.action().as_str().to_owned(),
        flags: walk.flags.iter().map(|f| (*f).to_owned()).collect(),
    }))
}

/// Walks the answers to an outcome and checks the contact details: everything the server
/// decides about a confirmation. Returns the walk and the note, trimmed, if any.
fn derive<'f, 'r>(
    state: &AppState,
    flow: &'f Flow,
    request: &'r ActionRequest,
) -> Result<(Walk<'f>, Option<&'r str>), ApiError> {
    let walk = flow.walk(&request.answers)?;
    walk.outcome()?;
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

/// The flow version the person walked: the current one, or one this server served before.
async fn walked_flow<'s>(
    state: &'s AppState,
    request: &ActionRequest,
) -> Result<Cow<'s, Flow>, ApiError> {
    let current = state.flows.get(&request.flow);
    if let Some(flow) = current.filter(|f| f.version().as_str() == request.version) {
        return Ok(Cow::Borrowed(flow));
    }
    match state.store.flow_version(&request.flow, &request.version).await? {
        Some(raw) => Flow::from_raw(&raw).map(Cow::Owned).map_err(|cause| {
            tracing::warn!(flow = %request.flow, version = %request.version, %cause, "stored flow version no longer loads");
            ApiError::StaleFlow
        }),
        None if current.is_some() => Err(ApiError::StaleFlow),
        None => Err(ApiError::UnknownFlow(request.flow.clone())),
    }
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
