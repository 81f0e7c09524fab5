//! Counters in Prometheus' text format at `/metrics`: requests by route and status, and
//! actions stored. No names, emails or answers ever appear here.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use axum::extract::{MatchedPath, Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;

/// The server's counters since it started.
#[derive(Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, u16), u64>>,
    actions_stored: AtomicU64,
    flow_reload_failures: AtomicU64,
}

impl Metrics {
    /// Counts one new stored action (not a replay).
    pub fn stored_action(&self) {
        self.actions_stored.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts one reload whose flows were refused.
    pub fn flow_reload_failed(&self) {
        self.flow_reload_failures.fetch_add(1, Ordering::Relaxed);
    }

    fn count_request(&self, route: String, status: u16) {
        *self
            .requests
            .lock()
            .expect("never poisoned")
            .entry((route, status))
            .or_default() += 1;
    }

    fn render(&self, webhook_backlog: Option<u64>) -> String {
        let mut out = String::new();
        out.push_str("# HELP signpost_http_requests_total HTTP requests by route and status.\n");
        out.push_str("# TYPE signpost_http_requests_total counter\n");
        for ((route, status), n) in self.requests.lock().expect("never poisoned").iter() {
            let _ = writeln!(
                out,
                "signpost_http_requests_total{{route=\"{route}\",status=\"{status}\"}} {n}"
            );
        }
        out.push_str(
            "# HELP signpost_actions_stored_total Actions stored since the server started.\n",
        );
        out.push_str("# TYPE signpost_actions_stored_total counter\n");
        let _ = writeln!(
            out,
            "signpost_actions_stored_total {}",
            self.actions_stored.load(Ordering::Relaxed)
        );
        out.push_str(
            "# HELP signpost_flow_reload_failures_total Flow reloads refused because a file was broken.\n",
        );
        out.push_str("# TYPE signpost_flow_reload_failures_total counter\n");
        let _ = writeln!(
            out,
            "signpost_flow_reload_failures_total {}",
            self.flow_reload_failures.load(Ordering::Relaxed)
        );
        if let Some(backlog) = webhook_backlog {
            out.push_str(
                "# HELP signpost_webhook_backlog Actions waiting for delivery to the webhook.\n",
            );
            out.push_str("# TYPE signpost_webhook_backlog gauge\n");
            let _ = writeln!(out, "signpost_webhook_backlog {backlog}");
        }
        out
    }
}

/// Counts every request by its route pattern (not its path, so references never appear).
pub async fn count(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("other", MatchedPath::as_str)
        .to_owned();
    let response = next.run(request).await;
    state
        .metrics
        .count_request(route, response.status().as_u16());
    response
}

/// `GET /metrics`. The webhook backlog is shown only when a webhook is configured.
pub async fn render(State(state): State<AppState>) -> Response {
    let backlog = match state.webhook_enabled {
        true => state.store.delivery_backlog().await.ok(),
        false => None,
    };
    (
        [(CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.metrics.render(backlog),
    )
        .into_response()
}
