//! Confirmations on their way to the server. Each is saved in `localStorage` with its
//! idempotency key before the first attempt and stays there until the server has answered,
//! so a confirmation survives an outage and a reload and is stored exactly once: a retry
//! carries the same key, and the server stores a key only once.

use gloo_timers::future::sleep;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};
use signpost_flow::api::{ActionReceipt, ActionRequest};
use std::time::Duration;

use crate::api;

const STORAGE_KEY: &str = "signpost.outbox";
/// The pause before the first retry; it doubles up to [`MAX_PAUSE`] while the server is away.
const FIRST_PAUSE: Duration = Duration::from_secs(2);
const MAX_PAUSE: Duration = Duration::from_secs(60);

/// A confirmation the server has not answered yet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    pub key: String,
    pub request: ActionRequest,
}

/// Where a confirmation stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Delivery {
    /// Saved here, waiting for the server.
    Waiting,
    Received(ActionReceipt),
    /// The server refused it, saying why.
    Refused(api::ApiError),
}

/// The outbox, shared through context.
#[derive(Clone, Copy)]
pub struct Outbox {
    waiting: RwSignal<Vec<Pending>>,
    settled: RwSignal<Vec<(String, Delivery)>>,
    /// Bumped to wake the retry loop early (a new confirmation, or the browser back online).
    wake: RwSignal<u32>,
    /// The keys an earlier page left waiting.
    restored: StoredValue<Vec<String>>,
}

impl Outbox {
    /// Loads what an earlier page left waiting and starts sending it.
    pub fn provide() -> Outbox {
        let waiting = load();
        let restored = StoredValue::new(waiting.iter().map(|p| p.key.clone()).collect());
        let outbox = Outbox {
            waiting: RwSignal::new(waiting),
            settled: RwSignal::new(Vec::new()),
            wake: RwSignal::new(0),
            restored,
        };
        provide_context(outbox);
        let online =
            window_event_listener(leptos::ev::online, move |_| outbox.wake.update(|n| *n += 1));
        on_cleanup(move || online.remove());
        spawn_local(outbox.run());
        outbox
    }

    /// Saves a confirmation, then sends it.
    pub fn send(&self, pending: Pending) {
        self.waiting.update(|w| {
            if !w.iter().any(|p| p.key == pending.key) {
                w.push(pending);
            }
        });
        save(&self.waiting.get_untracked());
        self.wake.update(|n| *n += 1);
    }

    /// Where the confirmation with this key stands, if this page knows it.
    pub fn delivery(&self, key: &str) -> Option<Delivery> {
        if self.waiting.with(|w| w.iter().any(|p| p.key == key)) {
            return Some(Delivery::Waiting);
        }
        self.settled
            .with(|s| s.iter().find(|(k, _)| k == key).map(|(_, d)| d.clone()))
    }

    /// How many confirmations wait for the server.
    pub fn waiting_count(&self) -> usize {
        self.waiting.with(Vec::len)
    }

    /// Receipts of confirmations that an earlier page left waiting and this one delivered.
    pub fn delivered_earlier(&self) -> Vec<ActionReceipt> {
        self.restored.with_value(|restored| {
            self.settled.with(|s| {
                s.iter()
                    .filter(|(k, _)| restored.contains(k))
                    .filter_map(|(_, d)| match d {
                        Delivery::Received(r) => Some(r.clone()),
                        _ => None,
                    })
                    .collect()
            })
        })
    }

    /// Sends what is waiting, pausing longer after each round in which the server was away,
    /// and at once when woken.
    async fn run(self) {
        let step = Duration::from_millis(250);
        let mut pause = FIRST_PAUSE;
        loop {
            if self.waiting_count_untracked() > 0 {
                let all_sent = self.flush().await;
                pause = if all_sent {
                    FIRST_PAUSE
                } else {
                    (pause * 2).min(MAX_PAUSE)
                };
            }
            let woken = self.wake.get_untracked();
            let mut waited = Duration::ZERO;
            while self.wake.get_untracked() == woken
                && (self.waiting_count_untracked() == 0 || waited < pause)
            {
                sleep(step).await;
                waited += step;
            }
        }
    }

    /// Tries each waiting confirmation once; true when none is left waiting.
    async fn flush(self) -> bool {
        for pending in self.waiting.get_untracked() {
            let result = api::post_action(&pending.key, &pending.request).await;
            let delivery = match result {
                Ok(receipt) => Delivery::Received(receipt),
                Err(error) if error.is_transient() => continue,
                Err(error) => Delivery::Refused(error),
            };
            self.waiting.update(|w| w.retain(|p| p.key != pending.key));
            save(&self.waiting.get_untracked());
            self.settled.update(|s| s.push((pending.key, delivery)));
        }
        self.waiting_count_untracked() == 0
    }

    fn waiting_count_untracked(&self) -> usize {
        self.waiting.with_untracked(Vec::len)
    }
}

/// The outbox that [`Outbox::provide`] put in context.
pub fn use_outbox() -> Outbox {
    expect_context::<Outbox>()
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn load() -> Vec<Pending> {
    let text = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    text.and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

fn save(waiting: &[Pending]) {
    if let Some(storage) = storage() {
        let _ = match waiting {
            [] => storage.remove_item(STORAGE_KEY),
            _ => storage.set_item(
                STORAGE_KEY,
                &serde_json::to_string(waiting).expect("requests serialize"),
            ),
        };
    }
}
