//! Classroom sessions, in the trainer's bundle only: a trainer leads a room of attendees
//! through a flow, every attendee's screen follows the trainer's step, and the trainer can ask
//! the room a question and show how it answered. The room lives on the server (`/api/rooms`),
//! which pushes it to every screen as server-sent events.

mod api;
mod attend;
mod lead;
mod poll;
mod stream;
mod words;

use leptos::prelude::*;
use leptos::task::spawn_local;
use signpost_flow::Flow;

use crate::i18n::t;
use crate::route::use_navigator;

/// The room the address names, if it names one.
#[component]
pub fn Classroom() -> impl IntoView {
    let nav = use_navigator();
    let room = Memo::new(move |_| nav.with(|r| r.room.clone()));
    move || room.get().map(|code| view! { <Room code /> })
}

/// A room: led from the tab that made it, followed from any other.
#[component]
fn Room(code: String) -> impl IntoView {
    match api::leading(&code) {
        Some(leading) => {
            let room = stream::follow(&code, None);
            view! { <lead::Lead code leading room /> }.into_any()
        }
        None => {
            let room = stream::follow(&code, Some(api::attendee()));
            view! { <attend::Attend code room /> }.into_any()
        }
    }
}

/// Trainer mode's "Start a classroom session": makes a room on `flow`, at the trainer's step.
#[component]
pub fn StartRoom(flow: &'static Flow) -> impl IntoView {
    let nav = use_navigator();
    let starting = RwSignal::new(false);
    let problem = RwSignal::new(None::<crate::api::ApiError>);
    let start = move |_| {
        starting.set(true);
        spawn_local(async move {
            match api::create(flow.id()).await {
                Ok(created) => {
                    let route = nav.route_untracked();
                    nav.go(crate::route::Route {
                        room: Some(created.code),
                        ..route
                    });
                }
                Err(error) => problem.set(Some(error)),
            }
            starting.set(false);
        });
    };
    view! {
        <button type="button" data-testid="start-room" disabled=starting on:click=start>
            {move || match starting.get() {
                true => words::w().starting,
                false => words::w().start,
            }}
        </button>
        {move || problem.get().map(|error| view! { <p class="problem" role="alert">{t().api_error(&error)}</p> })}
    }
}
