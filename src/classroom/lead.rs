//! The trainer's side of a room: how to join it (link, code, QR code), how many have joined,
//! every move of the trainer's wizard sent to the room, asking the room a question, its live
//! counts, and ending the session.

use leptos::prelude::*;
use leptos::task::spawn_local;
use signpost_flow::api::{FlowList, RoomMove, RoomState};
use signpost_flow::Step;

use super::api::{self, Leading};
use super::poll::{asked, Counts};
use super::stream::Room;
use super::words::w;
use crate::api::ApiError;
use crate::flows;
use crate::i18n::{fill, t};
use crate::route::{use_navigator, Navigator};

/// The room this tab made, led from the trainer's wizard.
#[component]
pub fn Lead(code: String, leading: Leading, room: Room) -> impl IntoView {
    let nav = use_navigator();
    let problem = RwSignal::new(None::<ApiError>);
    let Leading { token, link } = leading;
    let token = StoredValue::new(token);
    let code = StoredValue::new(code);
    send_each_move(nav, room, code, token, problem);
    let hidden = RwSignal::new(false);
    let outcome = move |result: Result<RoomState, ApiError>| match result {
        Ok(state) => newer(room, state),
        Err(error) => problem.set(Some(error)),
    };
    let ask = move |_| {
        spawn_local(async move {
            let (code, token) = (code.get_value(), token.get_value());
            outcome(api::ask(&code, &token, hidden.get_untracked()).await);
        })
    };
    let reveal = move |_| {
        spawn_local(async move {
            outcome(api::reveal(&code.get_value(), &token.get_value()).await);
        })
    };
    let end = move |_| {
        spawn_local(async move {
            let code = code.get_value();
            match api::end(&code, &token.get_value()).await {
                Ok(()) => api::forget(&code),
                Err(error) => problem.set(Some(error)),
            }
        })
    };
    let at_question = move || {
        room.state.with(|s| {
            s.as_ref().is_some_and(|s| {
                flows::loaded(&s.flow, &s.version)
                    .and_then(|flow| flow.walk(&s.answers).ok())
                    .is_some_and(|walk| matches!(walk.step, Step::Question(_)))
            })
        })
    };
    let poll = move || {
        let state = room.state.get()?;
        let (question, poll) = asked(&state)?;
        let words = w();
        let counts = match poll.revealed {
            true => view! { <Counts question poll=poll.clone() /> }.into_any(),
            false => view! {
                <p>{words.counts_hidden}</p>
                <button type="button" data-testid="reveal" on:click=reveal>{words.reveal}</button>
            }
            .into_any(),
        };
        Some(view! {
            <div class="room-poll" data-testid="room-poll">
                <h3>{words.room_asks} ": " {fill(question.text())}</h3>
                <p role="status" data-testid="room-answered">{words.answered(poll.answered)}</p>
                {counts}
            </div>
        })
    };
    let qr = api::room_path(&code.get_value(), "qr.svg");
    view! {
        <section class="classroom leading" aria-label=move || w().session data-testid="classroom">
            {move || {
                let words = w();
                if room.ended() {
                    return view! { <p role="status" data-testid="room-ended">{words.ended}</p> }.into_any();
                }
                let (href, link) = (link.clone(), link.clone());
                view! {
                    <h2>{words.session}</h2>
                    <div class="room-join">
                        <img class="room-qr" src=qr.clone() alt=words.qr_label data-testid="room-qr" />
                        <p>
                            {words.join_at} " " <a href=href data-testid="room-link">{link}</a> " "
                            {words.code} " "
                            <strong class="room-code" data-testid="room-code">{code.get_value()}</strong>
                        </p>
                    </div>
                    <p role="status" data-testid="room-attendees">
                        {move || room.state.with(|s| words.attendees(s.as_ref().map_or(0, |s| s.attendees)))}
                    </p>
                    {poll}
                    <Show when=at_question fallback=move || view! { <p class="help">{words.ask_only_questions}</p> }>
                        <div class="room-ask">
                            <label>
                                <input type="checkbox" data-testid="hide-counts" bind:checked=hidden />
                                " " {words.hide_counts}
                            </label>
                            <button type="button" class="primary" data-testid="ask-room" on:click=ask>{words.ask}</button>
                        </div>
                    </Show>
                    <button type="button" data-testid="end-room" on:click=end>{words.end}</button>
                }
                    .into_any()
            }}
            {move || problem.get().map(|error| view! { <p class="problem" role="alert">{t().api_error(&error)}</p> })}
        </section>
    }
}

/// Takes `state` as the room's, unless the stream has brought a newer one already.
fn newer(room: Room, state: RoomState) {
    let older = room
        .state
        .with_untracked(|s| s.as_ref().is_some_and(|s| s.seq >= state.seq));
    if !older {
        room.state.set(Some(state));
    }
}

/// Sends the room each step the trainer's wizard moves to (answers, Back, the map's jumps), one
/// at a time and in order: a move made while one is on its way waits for it, and only the
/// latest waiting is sent.
fn send_each_move(
    nav: Navigator,
    room: Room,
    code: StoredValue<String>,
    token: StoredValue<String>,
    problem: RwSignal<Option<ApiError>>,
) {
    let list = expect_context::<FlowList>();
    let wanted = StoredValue::new(None::<RoomMove>);
    let sent = StoredValue::new(None::<RoomMove>);
    let busy = StoredValue::new(false);
    Effect::new(move |_| {
        let Some(to) = nav.with(|r| {
            let flow = r.flow.clone()?;
            let live = list.flows.iter().find(|f| f.id == flow)?;
            Some(RoomMove {
                version: r.version.clone().unwrap_or_else(|| live.version.clone()),
                answers: r.answers.clone(),
                flow,
            })
        }) else {
            return;
        };
        if room.ended() || sent.with_value(|s| s.as_ref() == Some(&to)) {
            return;
        }
        wanted.set_value(Some(to));
        if busy.get_value() {
            return;
        }
        busy.set_value(true);
        spawn_local(async move {
            while let Some(to) = wanted.try_update_value(Option::take).flatten() {
                match api::move_to(&code.get_value(), &token.get_value(), &to).await {
                    Ok(state) => {
                        problem.set(None);
                        newer(room, state);
                        sent.set_value(Some(to));
                    }
                    Err(error) => problem.set(Some(error)),
                }
            }
            busy.set_value(false);
        });
    });
}
