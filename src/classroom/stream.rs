//! The room as the server pushes it: a server-sent event stream (`EventSource`) whose every
//! `state` event is the whole room. The browser reconnects by itself after a lost connection,
//! sending the last event id; a stream the server closed or refused is opened again here after
//! a pause, unless the room has ended or the server refused the room itself.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use signpost_flow::api::RoomState;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{EventSource, MessageEvent};

use super::api;
use crate::api::ApiError;

/// How long a closed stream waits before it is opened again.
const RETRY: Duration = Duration::from_secs(3);

/// How this tab's link to the room stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Link {
    Connecting,
    Live,
    /// The connection was lost; the browser or this module is reconnecting.
    Lost,
    /// The server will not let this tab in (no such room, too many wrong codes, room full).
    Refused(ApiError),
}

/// The room as this tab last heard it, and how its link stands.
#[derive(Clone, Copy)]
pub struct Room {
    pub state: RwSignal<Option<RoomState>>,
    pub link: RwSignal<Link>,
}

impl Room {
    /// Whether the room has ended.
    pub fn ended(&self) -> bool {
        self.state.with(|s| s.as_ref().is_some_and(|s| s.ended))
    }
}

/// The open stream and the listeners it calls, kept together so both go at once.
struct Open {
    source: EventSource,
    _on_state: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for Open {
    fn drop(&mut self) {
        self.source.close();
    }
}

type Slot = Rc<RefCell<Option<Open>>>;

/// Follows `code`'s room for as long as the calling view lives; as an attendee when
/// `attendee` names this tab's id, else (the trainer's own tab) without joining.
pub fn follow(code: &str, attendee: Option<String>) -> Room {
    let room = Room {
        state: RwSignal::new(None),
        link: RwSignal::new(Link::Connecting),
    };
    let mut url = api::room_path(code, "events");
    if let Some(id) = &attendee {
        url = format!("{url}?attendee={}", crate::api::encode(id));
    }
    let slot: Slot = Rc::default();
    open(room, code.to_owned(), url, slot.clone());
    let kept = StoredValue::new_local(slot);
    on_cleanup(move || kept.with_value(close));
    room
}

fn open(room: Room, code: String, url: String, slot: Slot) {
    let Ok(source) = EventSource::new(&url) else {
        room.link.set(Link::Lost);
        return;
    };
    let on_state = {
        let slot = slot.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let Some(state) = event
                .data()
                .as_string()
                .and_then(|d| crate::json::parse::<RoomState>(&d))
            else {
                return;
            };
            let ended = state.ended;
            room.state.set(Some(state));
            room.link.set(Link::Live);
            if ended {
                close(&slot);
            }
        })
    };
    let on_error = {
        let slot = slot.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            let closed = slot
                .borrow()
                .as_ref()
                .is_some_and(|open| open.source.ready_state() == EventSource::CLOSED);
            if room.ended() {
                return;
            }
            room.link.set(Link::Lost);
            if closed {
                close(&slot);
                retry(room, code.clone(), url.clone(), slot.clone());
            }
        })
    };
    let _ = source.add_event_listener_with_callback("state", on_state.as_ref().unchecked_ref());
    source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    *slot.borrow_mut() = Some(Open {
        source,
        _on_state: on_state,
        _on_error: on_error,
    });
}

/// Closes the stream, and lets its listeners go once the one running now has returned.
fn close(slot: &Slot) {
    if let Some(open) = slot.borrow_mut().take() {
        open.source.close();
        spawn_local(async move { drop(open) });
    }
}

/// After a stream closed: asks why, then either says the server refused the room, or opens
/// the stream again after a pause.
fn retry(room: Room, code: String, url: String, slot: Slot) {
    spawn_local(async move {
        match api::state(&code).await {
            Ok(state) if state.ended => room.state.set(Some(state)),
            Err(error @ ApiError::Refused { .. }) if !error.is_transient() => {
                room.link.set(Link::Refused(error));
            }
            _ => {
                set_timeout(move || open(room, code, url, slot), RETRY);
            }
        }
    });
}
