//! `POST /api/events`: the app reports, anonymously, the nodes people reach; the server only
//! adds them to counts per flow version, node, node come from and day.
//! `GET /api/admin/funnel`: how many reached each node of a flow, and how many went no further.

use std::collections::HashMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use signpost_flow::api::{ErrorBody, Funnel, FunnelStep, StepEvents, MAX_EVENTS};
use signpost_flow::{Lang, NodeKind};
use utoipa::IntoParams;

use crate::extract::{Body, Params};
use crate::openapi::{BodyRefused, Internal, Unauthorized};
use crate::store::StepCount;
use crate::{flows, ApiError, AppState};

/// Counts a batch of reached nodes: all of them, or (if one does not fit) none.
#[utoipa::path(
    post,
    path = signpost_flow::api::EVENTS_PATH,
    tag = "events",
    operation_id = "record_events",
    request_body(content = StepEvents, content_type = "application/json"),
    responses(
        (status = 204, description = "The events are counted."),
        (status = 400, description = "Malformed JSON (`malformed_json`).", body = ErrorBody),
        (status = 422, description = "More than 50 events, an unknown field, flow, version or node (`invalid_body`, `unknown_flow`, `invalid_input`); nothing is counted.", body = ErrorBody),
        (status = 429, description = "Too many batches from this address (`rate_limited`).", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds to wait before trying again."))),
        BodyRefused, Internal,
    ),
)]
pub async fn events(
    State(state): State<AppState>,
    Body(request): Body<StepEvents>,
) -> Result<StatusCode, ApiError> {
    if request.events.len() > MAX_EVENTS {
        return Err(ApiError::BadInput(format!(
            "Send at most {MAX_EVENTS} events at a time."
        )));
    }
    let mut steps = Vec::with_capacity(request.events.len());
    for event in &request.events {
        let flow = match flows::walked(&state, &event.flow, &event.version).await {
            Err(ApiError::StaleFlow) => Err(ApiError::BadInput(format!(
                "The flow \"{}\" has no version \"{}\".",
                event.flow, event.version
            ))),
            other => other,
        }?;
        for node in std::iter::once(&event.node).chain(&event.from) {
            if flow.node_by_key(node).is_none() {
                return Err(ApiError::BadInput(format!(
                    "The flow \"{}\" has no node \"{node}\".",
                    event.flow
                )));
            }
        }
        steps.push(StepCount {
            flow_id: &event.flow,
            version: &event.version,
            node: &event.node,
            from_node: event.from.as_deref().unwrap_or(""),
        });
    }
    if !steps.is_empty() {
        state.store.count_steps(&steps).await?;
    }
    Ok(StatusCode::NO_CONTENT)
}

/// Which flow, and which days (`YYYY-MM-DD`, both ends included): for the funnel and the
/// feedback of one flow.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct FlowPeriod {
    pub(super) flow: String,
    #[param(format = Date)]
    pub(super) from: Option<String>,
    #[param(format = Date)]
    pub(super) to: Option<String>,
}

impl FlowPeriod {
    /// The first and last days, checked, as the counts store them.
    pub(super) fn days(&self) -> Result<(Option<String>, Option<String>), ApiError> {
        let from = self.from.as_deref().map(date).transpose()?;
        let to = self.to.as_deref().map(date).transpose()?;
        Ok((from, to))
    }
}

/// How many times people reached each node of a flow's current version, over every version
/// counted in the range, and how many of those went no further.
#[utoipa::path(
    get,
    path = signpost_flow::api::ADMIN_FUNNEL_PATH,
    tag = "admin",
    operation_id = "funnel",
    params(FlowPeriod),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The flow's nodes, in the flow file's order, with their counts.", body = Funnel),
        (status = 400, description = "A query parameter is missing, unknown or malformed (`invalid_query`).", body = ErrorBody),
        (status = 422, description = "An unknown flow (`unknown_flow`), or a date not like 2026-11-01 (`invalid_input`).", body = ErrorBody),
        Unauthorized, Internal,
    ),
)]
pub async fn funnel(
    State(state): State<AppState>,
    Params(params): Params<FlowPeriod>,
) -> Result<Json<Funnel>, ApiError> {
    let catalogue = state.flows.current();
    let flow = catalogue
        .get(&params.flow)
        .ok_or_else(|| ApiError::UnknownFlow(params.flow.clone()))?;
    let (from, to) = params.days()?;
    let counts = state
        .store
        .funnel(flow.id(), from.as_deref(), to.as_deref())
        .await?;
    let mut reached: HashMap<&str, u64> = HashMap::new();
    let mut went_on: HashMap<&str, u64> = HashMap::new();
    for count in &counts {
        *reached.entry(&count.node).or_default() += count.reached;
        if !count.from_node.is_empty() {
            *went_on.entry(&count.from_node).or_default() += count.reached;
        }
    }
    let started = reached.get(flow.node(flow.start_id()).key()).copied();
    let steps: Vec<FunnelStep> = flow
        .node_ids()
        .map(|(_, node)| {
            let key = node.key();
            let reached = reached.get(key).copied().unwrap_or(0);
            let left = match node.kind() {
                NodeKind::Outcome => 0,
                _ => reached.saturating_sub(went_on.get(key).copied().unwrap_or(0)),
            };
            FunnelStep {
                node: key.to_owned(),
                kind: node.kind(),
                text: state.organisation.fill(node.text().get(Lang::En)),
                reached,
                left,
            }
        })
        .collect();
    let finished = flow
        .nodes()
        .iter()
        .zip(&steps)
        .filter(|(node, _)| node.kind() == NodeKind::Outcome)
        .map(|(_, step)| step.reached)
        .sum();
    Ok(Json(Funnel {
        flow: flow.id().to_owned(),
        started: started.unwrap_or(0),
        finished,
        steps,
    }))
}

/// A `YYYY-MM-DD` day, checked, as the counts store it.
fn date(text: &str) -> Result<String, ApiError> {
    super::admin::day(text).map(|d| d.to_string())
}
