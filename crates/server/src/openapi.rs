//! `GET /api/openapi.json`: the API described as OpenAPI 3. `app()` registers every API route
//! through `utoipa_axum`'s router with its handler's `#[utoipa::path]`, so the document is
//! built from the router itself: a route cannot be served undocumented, nor documented unserved.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use signpost_flow::api::ErrorBody;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoResponses, Modify, OpenApi};

use crate::AppState;

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

/// What a room's trainer-only routes may answer besides their own.
#[derive(IntoResponses)]
#[allow(dead_code)]
pub enum TrainerOnly {
    /// No trainer token (`unauthorized`).
    #[response(status = 401)]
    NoToken(ErrorBody),
    /// Another room's token (`not_the_trainer`).
    #[response(status = 403)]
    NotTheTrainer(ErrorBody),
    /// No room has this code (`no_such_room`).
    #[response(status = 404)]
    NoSuchRoom(ErrorBody),
    /// The room has ended (`room_ended`).
    #[response(status = 410)]
    Ended(ErrorBody),
}

/// The name of the security scheme the admin routes require.
pub const BEARER: &str = "bearer";
/// The name of the security scheme a room's trainer routes require.
pub const ROOM: &str = "room";

/// What the routes do not say themselves: the title, the tags and the bearer scheme. The paths
/// and the schemas they use are added by the router.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "signpost",
        description = "The signpost API: the app confirms actions here, and administrators work through them.",
    ),
    modifiers(&BearerScheme),
    tags(
        (name = "actions", description = "Confirming the action a person's answers led to."),
        (name = "events", description = "Anonymous counts of the steps people reach."),
        (name = "feedback", description = "Whether a self-service outcome solved the person's problem, anonymously."),
        (name = "config", description = "The organisation's config, for the app."),
        (name = "flows", description = "The checked flows the app shows."),
        (name = "rooms", description = "Classroom rooms: a trainer leads, attendees follow and answer polls."),
        (name = "admin", description = "The administrators' queue: every route needs an administrator token."),
        (name = "operations", description = "Health, metrics and this document."),
    ),
)]
pub struct ApiDoc;

/// Adds the bearer schemes that the admin and trainer routes name in their `security(...)`.
struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let scheme = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .description(Some("An administrator token from the server's config."))
            .build();
        components.add_security_scheme(BEARER, SecurityScheme::Http(scheme));
        let trainer = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .description(Some(
                "The room's trainer token, as opening the room gave it.",
            ))
            .build();
        components.add_security_scheme(ROOM, SecurityScheme::Http(trainer));
    }
}

/// The document as JSON, made once by `app()` from its router, for [`document`] to send.
#[derive(Clone)]
pub struct Document(Bytes);

impl Document {
    /// `api`, serialized.
    pub fn new(api: &utoipa::openapi::OpenApi) -> Document {
        let json = api
            .to_json()
            .expect("the OpenAPI document always serializes");
        Document(Bytes::from(json))
    }
}

/// This document.
#[utoipa::path(
    get,
    path = PATH,
    tag = "operations",
    operation_id = "openapi",
    responses((status = 200, description = "The OpenAPI document.", body = Object, content_type = "application/json")),
)]
pub async fn document(Extension(Document(json)): Extension<Document>) -> impl IntoResponse {
    ([(CONTENT_TYPE, "application/json")], json)
}

/// `GET /metrics`, answered by `crate::metrics::render`: described here so that module keeps
/// no OpenAPI attributes.
#[utoipa::path(
    get,
    path = "/metrics",
    tag = "operations",
    operation_id = "metrics",
    responses((status = 200, description = "Metrics in the OpenMetrics text format: requests by route and status, request durations by route, actions stored, refused flow reloads and the webhook backlog.", body = String, content_type = "application/openmetrics-text; version=1.0.0; charset=utf-8")),
)]
pub async fn metrics(state: State<AppState>) -> Response {
    crate::metrics::render(state).await
}
