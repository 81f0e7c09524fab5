//! `GET /api/openapi.json`: the API described as OpenAPI 3, generated from the handlers'
//! `#[utoipa::path]` attributes and the API types' schemas, so it cannot drift from them.

use std::sync::OnceLock;

use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use signpost_flow::api::{
    ActionCheck, ActionDetail, ActionPage, ActionReceipt, ActionRequest, ActionSummary,
    AnsweredQuestion, Count, ErrorBody, ErrorDetail, FlowList, FlowReview, FlowSummary,
    FlowVersionId, FlowsOverview, Funnel, FunnelStep, Published, ReloadFailure, Stats, Status,
    StatusChange, StepEvent, StepEvents, WalkedVersion,
};
use signpost_flow::org::Organisation;
use signpost_flow::NodeKind;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoResponses, Modify, OpenApi};

use crate::routes;

/// Where the document is served.
pub const PATH: &str = "/api/openapi.json";

// Responses many routes share, written once for the document. The types only describe; the
// handlers answer with `ApiError`, so none is ever built.

/// Something went wrong on the server (`internal`).
#[derive(IntoResponses)]
#[response(status = 500)]
#[allow(dead_code)]
pub struct Internal(ErrorBody);

/// No or an unknown administrator token (`unauthorized`).
#[derive(IntoResponses)]
#[response(status = 401)]
#[allow(dead_code)]
pub struct Unauthorized(ErrorBody);

/// A request body the server will not read.
#[derive(IntoResponses)]
#[allow(dead_code)]
pub enum BodyRefused {
    /// The body is larger than the server accepts (`body_too_large`).
    #[response(status = 413)]
    TooLarge(ErrorBody),
    /// The body is not sent as JSON (`json_required`).
    #[response(status = 415)]
    NotJson(ErrorBody),
}

/// The name of the security scheme the admin routes require.
pub const BEARER: &str = "bearer";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "signpost",
        description = "The signpost API: the app confirms actions here, and administrators work through them.",
    ),
    paths(
        routes::actions::create,
        routes::actions::check,
        routes::funnel::events,
        routes::config::organisation,
        routes::flows::list,
        routes::flows::one,
        routes::flows::review,
        routes::flows::reload,
        routes::health::check,
        metrics,
        routes::admin::list,
        routes::admin::detail,
        routes::admin::update_status,
        routes::admin::export,
        routes::admin::stats,
        routes::funnel::funnel,
        document,
    ),
    components(schemas(
        ActionRequest,
        ActionReceipt,
        ActionCheck,
        ErrorBody,
        ErrorDetail,
        Status,
        ActionSummary,
        ActionPage,
        AnsweredQuestion,
        ActionDetail,
        StatusChange,
        Count,
        Stats,
        StepEvents,
        StepEvent,
        Funnel,
        FunnelStep,
        Organisation,
        FlowList,
        FlowSummary,
        FlowsOverview,
        FlowReview,
        WalkedVersion,
        ReloadFailure,
        Published,
        FlowVersionId,
        NodeKind,
    )),
    modifiers(&BearerScheme),
    tags(
        (name = "actions", description = "Confirming the action a person's answers led to."),
        (name = "events", description = "Anonymous counts of the steps people reach."),
        (name = "config", description = "The organisation's config, for the app."),
        (name = "flows", description = "The checked flows the app shows."),
        (name = "admin", description = "The administrators' queue: every route needs an administrator token."),
        (name = "operations", description = "Health, metrics and this document."),
    ),
)]
pub struct ApiDoc;

/// Adds the bearer scheme that the admin routes name in their `security(...)`.
struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let scheme = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .description(Some("An administrator token from the server's config."))
            .build();
        components.add_security_scheme(BEARER, SecurityScheme::Http(scheme));
    }
}

/// The document as JSON, made once.
fn json() -> &'static str {
    static DOCUMENT: OnceLock<String> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        ApiDoc::openapi()
            .to_json()
            .expect("the OpenAPI document always serializes")
    })
}

/// This document.
#[utoipa::path(
    get,
    path = PATH,
    tag = "operations",
    operation_id = "openapi",
    responses((status = 200, description = "The OpenAPI document.", body = Object, content_type = "application/json")),
)]
pub async fn document() -> impl IntoResponse {
    ([(CONTENT_TYPE, "application/json")], json())
}

/// `GET /metrics`, served by `crate::metrics::render`: described here so that module keeps
/// no OpenAPI attributes. Never called.
#[utoipa::path(
    get,
    path = "/metrics",
    tag = "operations",
    operation_id = "metrics",
    responses((status = 200, description = "Counters in Prometheus' text format: requests by route and status, and actions stored.", body = String, content_type = "text/plain; version=0.0.4")),
)]
#[allow(dead_code)]
fn metrics() {}
