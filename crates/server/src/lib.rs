//! The signpost server: serves the built app, gives it the organisation's config, and stores
//! the actions people confirm after walking the submitted answers with the flow engine.

pub mod config;
mod error;
mod flows;
mod routes;
mod store;

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use signpost_flow::api;
use signpost_flow::org::Organisation;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::trace::TraceLayer;

pub use error::ApiError;
pub use flows::Catalogue;
pub use store::Store;

/// The largest request body accepted, in bytes.
pub const MAX_BODY: usize = 16 * 1024;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub flows: Arc<Catalogue>,
    pub organisation: Arc<Organisation>,
    pub store: Store,
}

impl AppState {
    /// The state for the bundled flows, each recorded in the store so that confirmations walked
    /// on it stay valid after later deploys.
    pub async fn new(store: Store, organisation: Organisation) -> Result<AppState, sqlx::Error> {
        let flows = Catalogue::bundled();
        for (flow, raw) in flows.definitions() {
            store.record_flow(flow, raw).await?;
        }
        Ok(AppState {
            flows: Arc::new(flows),
            organisation: Arc::new(organisation),
            store,
        })
    }
}

/// Where the server finds the built app (Trunk's `dist/`).
pub struct StaticFiles(pub std::path::PathBuf);

/// The whole HTTP surface: the API, and the app's files for every other path.
pub fn app(state: AppState, files: &StaticFiles) -> Router {
    let index = ServeFile::new(files.0.join("index.html"));
    let api = Router::new()
        .route(api::ACTIONS_PATH, post(routes::actions::create))
        .route(api::CHECK_PATH, post(routes::actions::check))
        .route(api::CONFIG_PATH, get(routes::config::organisation))
        .route("/healthz", get(routes::health::check))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(state);
    api.fallback_service(ServeDir::new(&files.0).fallback(index))
        .layer(TraceLayer::new_for_http())
}
