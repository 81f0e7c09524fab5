//! Confirmations on their way to the server. Each is saved in `localStorage` with its
//! idempotency key before the first attempt and stays there until the server has answered,
//! so a confirmation survives an outage and a reload and is stored exactly once: a retry
//! carries the same key, and the server stores a key only once.
//!
//! Every tab of the wizard shares that storage. Each change reads what storage holds and
//! merges into it by key (never writes its own list over another tab's), tabs follow each
//! other's changes through the `storage` event, and one tab at a time sends (a Web Lock, where
//! the browser offers it).
//!
//! The receipts of delivered confirmations are kept too, each with the walk it confirmed (the
//! flow and the answers, never the person's details), so the outcome of that walk shows it was
//! sent, in every tab and on every later visit, rather than offering to send it again.

use gloo_timers::future::sleep;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};
use signpost_flow::api::{ActionReceipt, ActionRequest};
use std::time::Duration;
use wasm_bindgen::prelude::{Closure, JsValue};
use wasm_bindgen::JsCast;

use crate::api;

const STORAGE_KEY: &str = "signpost.outbox";
/// Receipts of delivered confirmations ([`Sent`]), oldest first.
const RECEIPTS_KEY: &str = "signpost.outbox.receipts";
/// How many receipts are kept: the oldest go first.
const KEPT_RECEIPTS: usize = 20;
/// The Web Lock that lets one tab at a time send.
const SENDER_LOCK: &str = "signpost.outbox.sender";
/// The pause before the first retry; it doubles up to [`MAX_PAUSE`] while the server is away.
const FIRST_PAUSE: Duration = Duration::from_secs(2);
const MAX_PAUSE: Duration = Duration::from_secs(60);

/// A confirmation the server has not answered yet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    pub key: String,
    pub request: ActionRequest,
}

/// The walk a confirmation is for: the same flow and the same answers reach the same outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Walked {
    pub flow: String,
    pub answers: Vec<String>,
}

impl Walked {
    /// The walk `request` confirms.
    pub fn of(request: &ActionRequest) -> Walked {
        Walked {
            flow: request.flow.clone(),
            answers: request.answers.clone(),
        }
    }
}

/// A confirmation the server received, as this device keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Sent {
    /// Its idempotency key, so the tab that made it learns of it from another tab.
    key: String,
    walked: Walked,
    receipt: ActionReceipt,
}

/// The outbox, shared through context.
#[derive(Clone, Copy)]
pub struct Outbox {
    waiting: RwSignal<Vec<Pending>>,
    /// What storage holds of [`RECEIPTS_KEY`], from every tab.
    sent: RwSignal<Vec<Sent>>,
    /// The confirmations this tab sent that the server refused, by key.
    refused: RwSignal<Vec<(String, api::ApiError)>>,
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
            sent: RwSignal::new(load_sent()),
            refused: RwSignal::new(Vec::new()),
            wake: RwSignal::new(0),
            restored,
        };
        provide_context(outbox);
        let online =
            window_event_listener(leptos::ev::online, move |_| outbox.wake.update(|n| *n += 1));
        let other_tab = window_event_listener(leptos::ev::storage, move |event| {
            if matches!(event.key().as_deref(), Some(STORAGE_KEY | RECEIPTS_KEY)) {
                outbox.follow_storage();
            }
        });
        on_cleanup(move || {
            online.remove();
            other_tab.remove();
        });
        spawn_local(outbox.run());
        outbox
    }

    /// Saves a confirmation, then sends it.
    pub fn send(&self, pending: Pending) {
        change_waiting(|w| {
            if !w.iter().any(|p| p.key == pending.key) {
                w.push(pending);
            }
        });
        self.follow_storage();
        self.wake.update(|n| *n += 1);
    }

    /// Takes up what storage holds now: confirmations another tab saved (this tab sends them
    /// too if that tab closes), and the receipts of those any tab delivered.
    fn follow_storage(&self) {
        self.sent.set(load_sent());
        self.waiting.set(load());
        self.wake.update(|n| *n += 1);
    }

    /// Whether the confirmation with this key is saved here, waiting for the server.
    pub fn is_waiting(&self, key: &str) -> bool {
        self.waiting.with(|w| w.iter().any(|p| p.key == key))
    }

    /// Why the server refused the confirmation with this key, if it did.
    pub fn refusal(&self, key: &str) -> Option<api::ApiError> {
        self.refused.with(|r| {
            r.iter()
                .find(|(k, _)| k == key)
                .map(|(_, error)| error.clone())
        })
    }

    /// The receipt of the confirmation with this key, once the server has received it.
    pub fn receipt_of(&self, key: &str) -> Option<ActionReceipt> {
        self.find_sent(|sent| sent.key == key)
    }

    /// The receipt of the latest confirmation of `walked` the server received, from any tab
    /// or visit on this device.
    pub fn receipt_for(&self, walked: &Walked) -> Option<ActionReceipt> {
        self.find_sent(|sent| sent.walked == *walked)
    }

    /// The receipt of the latest confirmation received that `wanted` picks.
    fn find_sent(&self, wanted: impl Fn(&Sent) -> bool) -> Option<ActionReceipt> {
        self.sent.with(|s| {
            s.iter()
                .rev()
                .find(|sent| wanted(sent))
                .map(|sent| sent.receipt.clone())
        })
    }

    /// A confirmation of `walked` saved here and not yet delivered, by this page or an
    /// earlier one.
    pub fn waiting_for(&self, walked: &Walked) -> Option<Pending> {
        self.waiting.with_untracked(|w| {
            w.iter()
                .find(|p| Walked::of(&p.request) == *walked)
                .cloned()
        })
    }

    /// How many confirmations wait for the server.
    pub fn waiting_count(&self) -> usize {
        self.waiting.with(Vec::len)
    }

    /// Receipts of confirmations that an earlier page left waiting and that have since been
    /// delivered, but for the walk on screen, whose outcome shows its own.
    pub fn delivered_earlier(&self, shown: Option<&Walked>) -> Vec<ActionReceipt> {
        self.restored.with_value(|restored| {
            self.sent.with(|s| {
                s.iter()
                    .filter(|sent| restored.contains(&sent.key))
                    .filter(|sent| Some(&sent.walked) != shown)
                    .map(|sent| sent.receipt.clone())
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
                let all_sent = self.flush_alone().await;
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

    /// [`Outbox::flush`] while holding the sender lock, so that one tab at a time sends. A
    /// browser without Web Locks (they need HTTPS) flushes at once: two tabs sending the same
    /// confirmation is wasteful but harmless, as the server stores each key once.
    async fn flush_alone(self) -> bool {
        let Some(locks) = web_locks() else {
            return self.flush().await;
        };
        let all_sent = std::rc::Rc::new(std::cell::Cell::new(false));
        let result = all_sent.clone();
        let holding = Closure::once_into_js(move |_lock: JsValue| {
            wasm_bindgen_futures::future_to_promise(async move {
                result.set(self.flush().await);
                Ok(JsValue::UNDEFINED)
            })
        });
        let request = js_sys::Reflect::get(&locks, &JsValue::from_str("request"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        let asked = request.and_then(|request| {
            request
                .call2(&locks, &JsValue::from_str(SENDER_LOCK), &holding)
                .ok()
        });
        match asked.and_then(|p| p.dyn_into::<js_sys::Promise>().ok()) {
            Some(promise) => {
                let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
                all_sent.get()
            }
            None => self.flush().await,
        }
    }

    /// Tries each confirmation storage holds once; true when none is left waiting.
    async fn flush(self) -> bool {
        for pending in load() {
            // Another tab may have delivered it since.
            if !load().iter().any(|p| p.key == pending.key) {
                continue;
            }
            match api::post_action(&pending.key, &pending.request).await {
                // Kept before the confirmation leaves the waiting list, so that a tab which
                // sees it gone finds its receipt.
                Ok(receipt) => remember(Sent {
                    walked: Walked::of(&pending.request),
                    key: pending.key.clone(),
                    receipt,
                }),
                Err(error) if error.is_transient() => continue,
                Err(error) => self
                    .refused
                    .update(|r| r.push((pending.key.clone(), error))),
            }
            change_waiting(|w| w.retain(|p| p.key != pending.key));
        }
        self.sent.set(load_sent());
        self.waiting.set(load());
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
    read(STORAGE_KEY)
}

fn load_sent() -> Vec<Sent> {
    read(RECEIPTS_KEY)
}

fn read<T: serde::de::DeserializeOwned>(key: &str) -> Vec<T> {
    let text = storage().and_then(|s| s.get_item(key).ok().flatten());
    text.and_then(|t| crate::json::parse(&t))
        .unwrap_or_default()
}

fn write<T: Serialize>(key: &str, items: &[T]) {
    if let Some(storage) = storage() {
        let _ = match items {
            [] => storage.remove_item(key),
            _ => storage.set_item(key, &crate::json::stringify(items)),
        };
    }
}

/// Changes the waiting confirmations as storage holds them now, whichever tab saved them.
fn change_waiting(change: impl FnOnce(&mut Vec<Pending>)) {
    let mut waiting = load();
    change(&mut waiting);
    write(STORAGE_KEY, &waiting);
}

/// Keeps the receipt of a delivered confirmation, as the latest.
fn remember(sent: Sent) {
    let mut kept = load_sent();
    kept.retain(|s| s.key != sent.key);
    kept.push(sent);
    let extra = kept.len().saturating_sub(KEPT_RECEIPTS);
    kept.drain(..extra);
    write(RECEIPTS_KEY, &kept);
}

/// The browser's Web Locks (`navigator.locks`), where it offers them.
fn web_locks() -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    let locks = js_sys::Reflect::get(&navigator, &JsValue::from_str("locks")).ok()?;
    (!locks.is_undefined() && !locks.is_null()).then_some(locks)
}
