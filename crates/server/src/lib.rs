//! The signpost server: serves the built app, gives it the organisation's config, and stores
//! the actions people confirm after walking the submitted answers with the flow engine. It also
//! keeps trainers' classroom rooms and pushes each change to the attendees following them.

mod auth;
mod caching;
pub mod config;
mod error;
mod extract;
mod first_screen;
mod flows;
mod headers;
mod limit;
mod metrics;
mod openapi;
mod page;
mod rooms;
mod routes;
pub mod serve;
mod store;
mod watched;
pub mod webhook;

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::header::{HeaderName, HeaderValue, AUTHORIZATION, CONTENT_TYPE};
use axum::http::Method;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{any, get};
use axum::{Extension, Router};
use signpost_flow::org::Organisation;
use tower_http::compression::predicate::{NotForContentType, Predicate};
use tower_http::compression::{CompressionLayer, CompressionLevel, DefaultPredicate};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::ServeDir;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

use crate::auth::AdminTokens;
use crate::config::Config;
use crate::headers::SecurityHeaders;
use crate::limit::RateLimiter;
use crate::metrics::Metrics;

pub use error::ApiError;
pub use flows::{Catalogue, FlowSource, LiveFlows, ReloadError};
pub use store::Store;

/// The largest request body accepted, in bytes.
pub const MAX_BODY: usize = 16 * 1024;

/// `/api` and every path under it: those no route serves answer 404 in the API's error shape,
/// not with the app's page.
const API_PATHS: [&str; 3] = ["/api", "/api/", "/api/{*path}"];

/// How many batches of step events a client may send for each confirmation it may send: a
/// person sends one batch each time they leave or hide the page.
const EVENT_BATCHES_PER_CONFIRMATION: u32 = 5;

/// How many joins and answers a client may send to rooms for each confirmation it may send: a
/// classroom often reaches the server from one address.
const ATTENDEE_REQUESTS_PER_CONFIRMATION: u32 = 20;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub flows: Arc<LiveFlows>,
    pub organisation: Arc<Organisation>,
    pub store: Store,
    admin: Arc<AdminTokens>,
    /// Confirmations per client and minute.
    limiter: Arc<RateLimiter>,
    /// Batches of step events per client and minute.
    event_limiter: Arc<RateLimiter>,
    /// Rooms opened per client and minute.
    room_limiter: Arc<RateLimiter>,
    /// Joins and answers to rooms per client and minute.
    attendee_limiter: Arc<RateLimiter>,
    /// The classroom rooms, as this instance follows them.
    rooms: Arc<rooms::Rooms>,
    /// The address people reach the server at, if the config says.
    public_url: Option<Arc<str>>,
    /// How long a connection may stay idle: event streams send heartbeats more often.
    idle_timeout: std::time::Duration,
    pub(crate) metrics: Arc<Metrics>,
    webhook_enabled: bool,
    allowed_origins: Arc<Vec<String>>,
    /// Whether people reach the server over HTTPS (its public URL says so).
    https: bool,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("a flow file is broken: {0}")]
    Flows(#[from] signpost_flow::folder::FolderError),
    #[error("cannot record the flows in the database: {0}")]
    Database(#[from] sqlx::Error),
}

impl AppState {
    /// The state for the flows the config names, read and checked, each recorded in the store
    /// so that confirmations walked on it stay valid after later publishes.
    pub async fn new(store: Store, config: &Config) -> Result<AppState, StartError> {
        let organisation = Arc::new(config.organisation.clone());
        let flows = Catalogue::load(&config.flows, &organisation)?;
        flows::record(&store, &flows).await?;
        if let Some(hook) = &config.webhook {
            webhook::spawn(store.clone(), hook.clone());
        }
        let limiter = |per_minute: u32| {
            Arc::new(RateLimiter::new(per_minute, config.trusted_proxies.clone()))
        };
        let rooms = rooms::Rooms::start(
            store.clone(),
            config.classroom,
            config.rate_limit_per_minute > 0,
        )
        .await;
        Ok(AppState {
            flows: Arc::new(LiveFlows::new(
                config.flows.clone(),
                organisation.clone(),
                flows,
            )),
            organisation,
            store,
            admin: Arc::new(AdminTokens::new(&config.admin_tokens)),
            limiter: limiter(config.rate_limit_per_minute),
            event_limiter: limiter(
                config
                    .rate_limit_per_minute
                    .saturating_mul(EVENT_BATCHES_PER_CONFIRMATION),
            ),
            room_limiter: limiter(config.rate_limit_per_minute),
            attendee_limiter: limiter(
                config
                    .rate_limit_per_minute
                    .saturating_mul(ATTENDEE_REQUESTS_PER_CONFIRMATION),
            ),
            rooms,
            public_url: config.public_url.as_deref().map(Arc::from),
            idle_timeout: config.limits.idle_timeout,
            metrics: Arc::new(Metrics::new(config.webhook.is_some())),
            webhook_enabled: config.webhook.is_some(),
            allowed_origins: Arc::new(config.allowed_origins.clone()),
            https: config.is_https(),
        })
    }
}

impl AppState {
    /// Reads the flows again and publishes them if every file passes its checks; a refused set
    /// is logged with its file and node, and counted in `/metrics`.
    pub async fn reload_flows(&self) -> Result<Arc<Catalogue>, ReloadError> {
        match self.flows.reload(&self.store).await {
            Ok(catalogue) => {
                for summary in &catalogue.list().flows {
                    tracing::info!(
                        flow = summary.id,
                        version = summary.version,
                        "flow published"
                    );
                }
                Ok(catalogue)
            }
            Err(error) => {
                tracing::error!(%error, "flows not reloaded: the previous flows stay live");
                self.metrics.flow_reload_failed();
                Err(error)
            }
        }
    }
}

/// Reloads the flows each time the process receives `SIGHUP`, for as long as it runs.
pub fn reload_on_hangup(state: AppState) -> std::io::Result<()> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut hangups = signal(SignalKind::hangup())?;
    tokio::spawn(async move {
        while hangups.recv().await.is_some() {
            let _ = state.reload_flows().await;
        }
    });
    Ok(())
}

/// Where the server finds the built app (Trunk's `dist/`).
pub struct StaticFiles(pub std::path::PathBuf);

/// The whole HTTP surface: the API, and the app's files for every other path, all with the
/// security headers.
pub fn app(state: AppState, files: &StaticFiles) -> Router {
    let page = page::Page::new(&files.0, state.clone());
    let security = SecurityHeaders::new(&files.0, &state.allowed_origins, state.https);
    let admin = OpenApiRouter::new()
        .routes(routes!(routes::admin::list))
        .routes(routes!(routes::admin::detail, routes::admin::update_status))
        .routes(routes!(routes::admin::export))
        .routes(routes!(routes::admin::stats))
        .routes(routes!(routes::funnel::funnel))
        .routes(routes!(routes::feedback::summary))
        .routes(routes!(routes::flows::review))
        .routes(routes!(routes::flows::reload))
        .route_layer(from_fn_with_state(state.clone(), auth::require_admin));
    let limited = || from_fn_with_state(state.limiter.clone(), limit::limit);
    let events_limited = from_fn_with_state(state.event_limiter.clone(), limit::limit);
    let rooms_limited = from_fn_with_state(state.room_limiter.clone(), limit::limit);
    let attendee_limited = || from_fn_with_state(state.attendee_limiter.clone(), limit::limit);
    let guarded = || from_fn_with_state(state.clone(), rooms::misses::guard);
    let (api, document) = OpenApiRouter::with_openapi(openapi::ApiDoc::openapi())
        .merge(admin)
        .routes(routes!(routes::actions::create).map(|route| route.route_layer(limited())))
        .routes(routes!(routes::feedback::send).map(|route| route.route_layer(limited())))
        .routes(routes!(routes::actions::check))
        .routes(routes!(routes::funnel::events).map(|route| route.route_layer(events_limited)))
        .routes(routes!(routes::config::organisation))
        .routes(routes!(routes::flows::list))
        .routes(routes!(routes::flows::one))
        .routes(routes!(routes::flows::search_index))
        .routes(routes!(routes::rooms::create).map(|route| route.route_layer(rooms_limited)))
        .routes(routes!(routes::rooms::room).map(|route| route.route_layer(guarded())))
        .routes(
            routes!(routes::rooms::events)
                .map(|route| route.route_layer(attendee_limited()).route_layer(guarded())),
        )
        .routes(
            routes!(routes::rooms::answers)
                .map(|route| route.route_layer(attendee_limited()).route_layer(guarded())),
        )
        .routes(routes!(routes::rooms::qr).map(|route| route.route_layer(guarded())))
        .routes(routes!(routes::rooms::moves))
        .routes(routes!(routes::rooms::poll))
        .routes(routes!(routes::rooms::reveal))
        .routes(routes!(routes::rooms::end))
        .routes(routes!(routes::health::check))
        .routes(routes!(openapi::metrics))
        .routes(routes!(openapi::document))
        .split_for_parts();
    let api = api
        .route_layer(Extension(openapi::Document::new(&document)))
        .method_not_allowed_fallback(error::method_not_allowed);
    let api = API_PATHS
        .into_iter()
        .fold(api, |api, path| api.route(path, any(error::no_such_route)))
        .route_layer(from_fn_with_state(state.clone(), metrics::count))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(cors(&state.allowed_origins))
        .with_state(state);
    let wizard_page = || get(page::wizard).with_state(page.clone());
    api.route("/", wizard_page())
        .route("/index.html", wizard_page())
        .fallback_service(static_files(&files.0).fallback(wizard_page()))
        .layer(from_fn(caching::add))
        // Files built with .br and .gz copies are sent as those; anything else is compressed
        // as it is sent (a response already encoded is left as it is), except the streamed
        // CSV export, whose chunks browsers then refuse. At level 5 rather than the default
        // (brotli's 4): the wizard's page, its flow included, is 6 % smaller in no time one
        // can measure; from level 7 up each page takes a millisecond or more longer.
        .layer(
            CompressionLayer::new()
                .quality(CompressionLevel::Precise(5))
                .compress_when(
                    DefaultPredicate::new().and(NotForContentType::const_new("text/csv")),
                ),
        )
        .layer(from_fn_with_state(security, headers::add))
        .layer(TraceLayer::new_for_http())
}

/// The built app's files, each sent as its brotli or gzip copy (made by `scripts/build-app`)
/// to a browser that accepts it.
fn static_files(dist: &std::path::Path) -> ServeDir {
    ServeDir::new(dist).precompressed_br().precompressed_gzip()
}

/// Lets the configured intranet origins call the API from their own pages.
fn cors(origins: &[String]) -> CorsLayer {
    let origins = origins.iter().filter_map(|o| HeaderValue::from_str(o).ok());
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET, Method::POST, Method::PATCH])
        .allow_headers([
            CONTENT_TYPE,
            AUTHORIZATION,
            HeaderName::from_static("idempotency-key"),
        ])
        .max_age(std::time::Duration::from_secs(600))
}
