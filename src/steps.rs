//! Anonymous "step reached" events for the administrators' drop-off funnel: the flow, its
//! version, the node reached and the node before it, and nothing else: never a name, an email
//! or an answer. They are batched and sent when the page is hidden (as a keepalive request,
//! which outlives the page) or when a batch is full. None are sent in trainer mode, when the
//! browser asks not to be tracked, or when the organisation turned them off.

use leptos::ev;
use leptos::prelude::*;
use signpost_flow::api::{StepEvent, StepEvents, EVENTS_PATH};
use wasm_bindgen::JsValue;

/// Events sent together at the most.
const BATCH: usize = 20;

/// Collects the steps reached on this page.
#[derive(Clone, Copy)]
pub struct StepReporter {
    queue: StoredValue<Vec<StepEvent>>,
    enabled: bool,
}

impl StepReporter {
    /// A reporter that sends only when `allowed` and the browser does not ask not to be tracked.
    pub fn new(allowed: bool) -> StepReporter {
        // Read by hand: browsers give null when it is unset, which web-sys's String cannot hold.
        let do_not_track =
            js_sys::Reflect::get(&window().navigator(), &JsValue::from_str("doNotTrack"))
                .ok()
                .and_then(|v| v.as_string())
                .is_some_and(|v| v == "1");
        let reporter = StepReporter {
            queue: StoredValue::new(Vec::new()),
            enabled: allowed && !do_not_track,
        };
        if reporter.enabled {
            let hide = window_event_listener(ev::pagehide, move |_| reporter.flush());
            let hidden = window_event_listener(ev::visibilitychange, move |_| {
                if document().visibility_state() == web_sys::VisibilityState::Hidden {
                    reporter.flush();
                }
            });
            on_cleanup(move || {
                hide.remove();
                hidden.remove();
            });
        }
        reporter
    }

    /// Notes that a node was reached, coming from `from`.
    pub fn reached(&self, flow: &str, version: &str, node: &str, from: Option<&str>) {
        if !self.enabled {
            return;
        }
        let event = StepEvent {
            flow: flow.to_owned(),
            version: version.to_owned(),
            node: node.to_owned(),
            from: from.map(str::to_owned),
        };
        self.queue.update_value(|q| q.push(event));
        if self.queue.with_value(Vec::len) >= BATCH {
            self.flush();
        }
    }

    fn flush(&self) {
        let events = self
            .queue
            .try_update_value(std::mem::take)
            .unwrap_or_default();
        if events.is_empty() {
            return;
        }
        let body = crate::json::stringify(&StepEvents { events });
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        // `keepalive` (web-sys offers no stable setter yet) lets the request outlive the page.
        let _ = js_sys::Reflect::set(&init, &JsValue::from_str("keepalive"), &JsValue::TRUE);
        init.set_body(&JsValue::from_str(&body));
        if let Ok(headers) = web_sys::Headers::new() {
            let _ = headers.append("content-type", "application/json");
            init.set_headers(&headers);
        }
        // Counting is best effort: a lost batch only makes the funnel a little lower.
        let _ = window().fetch_with_str_and_init(EVENTS_PATH, &init);
    }
}
