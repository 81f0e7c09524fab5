//! `GET /api/flows` and `/api/flows/{id}`: the flows the app shows, already checked.
//! `GET /api/admin/flows`: what is live, still walked and last changed; `POST
//! /api/admin/flows/reload`: publish the flow folder as it is now.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Json;
use serde::Deserialize;
use signpost_flow::api::{
    ErrorBody, FlowList, FlowReview, FlowVersionId, FlowsOverview, Named, Published, WalkedVersion,
};
use signpost_flow::org::Organisation;
use signpost_flow::search::SearchIndex;
use signpost_flow::{diff, Flow, Lang, NodeKind, Text};
use utoipa::IntoParams;

use crate::caching;
use crate::extract::Params;
use crate::openapi::{Internal, Unauthorized};
use crate::{ApiError, AppState, ReloadError};

const JSON: &str = "application/json";

/// What the review says when the stored previous version no longer loads.
const UNREADABLE: &str =
    "The previous version is stored in a form this server can no longer read, so it cannot be compared.";

/// How far back the review counts the versions people walked.
const WALKED_DAYS: i64 = 30;

/// Every live flow: id, version, and title and summary in each language.
#[utoipa::path(
    get,
    path = signpost_flow::api::FLOWS_PATH,
    tag = "flows",
    operation_id = "list_flows",
    responses(
        (status = 200, description = "The live flows, with an `ETag`.", body = FlowList),
        (status = 304, description = "Unchanged since the `If-None-Match` given."),
    ),
)]
pub async fn list(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let json = state.flows.current().list_json();
    let json = format!("{{\"flows\":{json}}}");
    caching::tagged(&headers, caching::REVALIDATE, JSON, json)
}

/// Which version of a flow: without one, the live version.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct VersionParams {
    /// A version this server has served: its content never changes, so it is cached for good.
    version: Option<String>,
}

/// One checked flow, as the app reads it.
#[utoipa::path(
    get,
    path = "/api/flows/{id}",
    tag = "flows",
    operation_id = "get_flow",
    params(("id" = String, Path, description = "The flow's id, such as `join`."), VersionParams),
    responses(
        (status = 200, description = "The checked flow, with an `ETag`; cached for good when a version is named.", body = Object, content_type = "application/json"),
        (status = 304, description = "Unchanged since the `If-None-Match` given."),
        (status = 400, description = "A query parameter is unknown or malformed (`invalid_query`).", body = ErrorBody),
        (status = 404, description = "No such flow, or no such version of it (`not_found`).", body = ErrorBody),
        Internal,
    ),
)]
pub async fn one(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Params(params): Params<VersionParams>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let catalogue = state.flows.current();
    let live = catalogue.get(&id).map(|f| f.version().as_str().to_owned());
    let freshness = match params.version {
        Some(_) => caching::FOREVER,
        None => caching::REVALIDATE,
    };
    let version = match params.version.or(live.clone()) {
        Some(version) => version,
        None => return Err(ApiError::FlowNotFound(id)),
    };
    let json = match (
        catalogue.json(&id),
        live.as_deref() == Some(version.as_str()),
    ) {
        (Some(json), true) => json.to_string(),
        _ => {
            let raw = state.store.flow_version(&id, &version).await?;
            let flow = raw.and_then(|raw| Flow::from_raw(&raw).ok());
            let flow = flow.ok_or_else(|| ApiError::FlowNotFound(id.clone()))?;
            serde_json::to_string(&flow).expect("a Flow always serializes")
        }
    };
    Ok(caching::tagged(&headers, freshness, JSON, json))
}

/// Which language to search in.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// The page's language.
    #[param(inline)]
    lang: Lang,
}

/// What the list of flows searches, in one language: each live flow's title and topics, and
/// each node's text, the answers that lead to it and its keywords, with the organisation's
/// words filled in.
#[utoipa::path(
    get,
    path = signpost_flow::api::SEARCH_INDEX_PATH,
    tag = "flows",
    operation_id = "search_index",
    params(SearchParams),
    responses(
        (status = 200, description = "The search index, with an `ETag`.", body = SearchIndex),
        (status = 304, description = "Unchanged since the `If-None-Match` given."),
        (status = 400, description = "The language is missing or not `en` or `es`, or another parameter is given (`invalid_query`).", body = ErrorBody),
    ),
)]
pub async fn search_index(
    State(state): State<AppState>,
    Params(params): Params<SearchParams>,
    headers: HeaderMap,
) -> Response {
    let catalogue = state.flows.current();
    let flows = catalogue.definitions().map(|(flow, _)| flow);
    let index = SearchIndex::of(flows, &state.organisation, params.lang);
    let json = serde_json::to_string(&index).expect("a SearchIndex always serializes");
    caching::tagged(&headers, caching::REVALIDATE, JSON, json)
}

/// Each live flow with when it was published, the versions walked lately, and what the last
/// publish changed; and the last refused reload.
#[utoipa::path(
    get,
    path = signpost_flow::api::ADMIN_FLOWS_PATH,
    tag = "admin",
    operation_id = "review_flows",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The flows as administrators review them.", body = FlowsOverview),
        Unauthorized, Internal,
    ),
)]
pub async fn review(State(state): State<AppState>) -> Result<Json<FlowsOverview>, ApiError> {
    let catalogue = state.flows.current();
    let since = time::OffsetDateTime::now_utc().date() - time::Duration::days(WALKED_DAYS);
    let mut flows = Vec::new();
    for (flow, _) in catalogue.definitions() {
        let version = flow.version().as_str();
        let history = state.store.flow_history(flow.id()).await?;
        let published = history
            .iter()
            .find(|(v, _)| v == version)
            .map(|(_, at)| at.clone());
        let previous = history.iter().rev().find(|(v, _)| v != version);
        let previous = previous.map(|(v, _)| v.clone());
        let earlier = match &previous {
            Some(v) => state.store.flow_version(flow.id(), v).await?,
            None => None,
        };
        let earlier = earlier.map(|raw| Flow::from_raw(&raw));
        let change = earlier.as_ref().and_then(|e| e.as_ref().ok());
        let change = change.map(|earlier| diff::diff(earlier, flow));
        let unreadable = earlier.is_some() && change.is_none();
        let mut walked: Vec<WalkedVersion> = state
            .store
            .versions_started(flow.id(), &since.to_string())
            .await?
            .into_iter()
            .map(|(version, started)| WalkedVersion { version, started })
            .collect();
        let order = |v: &WalkedVersion| history.iter().position(|(h, _)| *h == v.version);
        walked.sort_by_key(|v| std::cmp::Reverse(order(v)));
        flows.push(FlowReview {
            id: flow.id().to_owned(),
            title: state.organisation.fill(flow.title().get(Lang::En)),
            version: version.to_owned(),
            published,
            walked,
            previous,
            routing_changed: change.as_ref().is_some_and(|c| c.routing_changed()),
            changes: match change {
                Some(change) => change
                    .lines()
                    .iter()
                    .map(|line| state.organisation.fill(line))
                    .collect(),
                None if unreadable => vec![UNREADABLE.to_owned()],
                None => Vec::new(),
            },
            outcomes: outcomes(flow, &state.organisation),
            flags: flow
                .flags()
                .iter()
                .map(|(id, text)| named(id, text, &state.organisation))
                .collect(),
            actions: flow
                .actions()
                .iter()
                .map(|a| a.as_str().to_owned())
                .collect(),
        });
    }
    Ok(Json(FlowsOverview {
        flows,
        reload_failure: state.flows.failure(),
    }))
}

/// The flow's outcomes by their English titles, which the administrators' page names the
/// queue's and the charts' outcomes by.
fn outcomes(flow: &Flow, organisation: &Organisation) -> Vec<Named> {
    flow.nodes()
        .iter()
        .filter(|node| node.kind() == NodeKind::Outcome)
        .map(|node| named(node.key(), node.text(), organisation))
        .collect()
}

/// `id` with its English words, the organisation's filled in.
fn named(id: &str, text: &Text, organisation: &Organisation) -> Named {
    Named {
        id: id.to_owned(),
        name: organisation.fill(text.get(Lang::En)),
    }
}

/// Reads the flow folder again and publishes it if every file passes its checks.
#[utoipa::path(
    post,
    path = "/api/admin/flows/reload",
    tag = "admin",
    operation_id = "reload_flows",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The flows now live, with their versions.", body = Published),
        (status = 422, description = "A flow file is broken (`flows_invalid`): the message names the file and node, and the previous flows stay live.", body = ErrorBody),
        Unauthorized, Internal,
    ),
)]
pub async fn reload(State(state): State<AppState>) -> Result<Json<Published>, ApiError> {
    let catalogue = state.reload_flows().await.map_err(|error| match error {
        ReloadError::Invalid(cause) => ApiError::FlowsRefused(cause.to_string()),
        ReloadError::Store(cause) => ApiError::Internal(cause),
    })?;
    let flows = catalogue
        .list()
        .flows
        .iter()
        .map(|f| FlowVersionId {
            id: f.id.clone(),
            version: f.version.clone(),
        })
        .collect();
    Ok(Json(Published { flows }))
}
