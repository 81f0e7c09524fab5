//! `/metrics`, through the maintained `prometheus-client`: requests by route and status, how
//! long each route takes to answer, actions stored, refused flow reloads, and the webhook's
//! backlog. No names, emails or answers ever appear here.

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::text::encode;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

use crate::AppState;

/// A route by its pattern (never its path, so references never appear), and an answer's status.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Answered {
    route: String,
    status: u16,
}

/// A route by its pattern.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Route {
    route: String,
}

/// The server's metrics since it started.
pub struct Metrics {
    registry: Registry,
    requests: Family<Answered, Counter>,
    durations: Family<Route, Histogram>,
    actions_stored: Counter,
    flow_reload_failures: Counter,
    webhook_backlog: Gauge,
}

impl Metrics {
    /// The metrics, with the webhook's backlog among them when a webhook is configured.
    pub fn new(webhook: bool) -> Metrics {
        let mut registry = Registry::default();
        let requests = Family::<Answered, Counter>::default();
        registry.register(
            "signpost_http_requests",
            "HTTP requests by route and status",
            requests.clone(),
        );
        // From half a millisecond to about 8 s, doubling.
        let durations = Family::<Route, Histogram>::new_with_constructor(|| {
            Histogram::new(exponential_buckets(0.0005, 2.0, 15))
        });
        registry.register(
            "signpost_http_request_duration_seconds",
            "How long each route took to answer",
            durations.clone(),
        );
        let actions_stored = Counter::default();
        registry.register(
            "signpost_actions_stored",
            "Actions stored since the server started",
            actions_stored.clone(),
        );
        let flow_reload_failures = Counter::default();
        registry.register(
            "signpost_flow_reload_failures",
            "Flow reloads refused because a file was broken",
            flow_reload_failures.clone(),
        );
        let webhook_backlog = Gauge::default();
        if webhook {
            registry.register(
                "signpost_webhook_backlog",
                "Actions waiting for delivery to the webhook",
                webhook_backlog.clone(),
            );
        }
        Metrics {
            registry,
            requests,
            durations,
            actions_stored,
            flow_reload_failures,
            webhook_backlog,
        }
    }

    /// Counts one new stored action (not a replay).
    pub fn stored_action(&self) {
        self.actions_stored.inc();
    }

    /// Counts one reload whose flows were refused.
    pub fn flow_reload_failed(&self) {
        self.flow_reload_failures.inc();
    }

    fn render(&self) -> String {
        let mut out = String::new();
        encode(&mut out, &self.registry).expect("writing to a String cannot fail");
        out
    }
}

/// Counts every request by its route pattern and status, and times it.
pub async fn count(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("other", MatchedPath::as_str)
        .to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    let metrics = &state.metrics;
    metrics
        .durations
        .get_or_create(&Route {
            route: route.clone(),
        })
        .observe(started.elapsed().as_secs_f64());
    metrics
        .requests
        .get_or_create(&Answered {
            route,
            status: response.status().as_u16(),
        })
        .inc();
    response
}

/// `GET /metrics`, in the OpenMetrics text format Prometheus reads.
pub async fn render(State(state): State<AppState>) -> Response {
    if state.webhook_enabled {
        if let Ok(backlog) = state.store.delivery_backlog().await {
            state
                .metrics
                .webhook_backlog
                .set(i64::try_from(backlog).unwrap_or(i64::MAX));
        }
    }
    (
        [(
            CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        state.metrics.render(),
    )
        .into_response()
}
