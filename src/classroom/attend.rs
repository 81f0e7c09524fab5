//! An attendee's side of a room: the screen follows the trainer's step until the attendee
//! explores on their own (any move of theirs does), and follows again when asked; the room's
//! poll is answered here, anonymously, for the attendee's own situation.

use leptos::prelude::*;
use leptos::task::spawn_local;
use signpost_flow::api::RoomAnswer;

use super::api;
use super::poll::{asked, Counts};
use super::stream::{Link, Room};
use super::words::w;
use crate::api::ApiError;
use crate::i18n::{fill, t};
use crate::route::use_navigator;

#[component]
pub fn Attend(code: String, room: Room) -> impl IntoView {
    let nav = use_navigator();
    let following = RwSignal::new(true);
    Effect::new(move |_| {
        let Some(state) = room.state.get().filter(|s| !s.ended) else {
            return;
        };
        if !following.get() {
            return;
        }
        let here = nav.route_untracked();
        let here = (here.flow, here.answers);
        if here != (Some(state.flow.clone()), state.answers.clone()) {
            let route = nav.route_untracked();
            nav.replace(
                route
                    .at(&state.flow, &state.answers)
                    .on_version(&state.version),
            );
        }
    });
    // A move of the attendee's own, away from the room's step, is exploring.
    Effect::new(move |_| {
        let here = nav.with(|r| (r.flow.clone(), r.answers.clone()));
        let away = room.state.with_untracked(|s| {
            s.as_ref()
                .is_some_and(|s| (Some(s.flow.clone()), s.answers.clone()) != here)
        });
        if away && following.get_untracked() {
            following.set(false);
        }
    });
    let answered = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<ApiError>);
    // A new poll (or none) forgets the answer to the last.
    Effect::new(move |_| {
        let node = room.state.with(|s| {
            s.as_ref()
                .and_then(|s| s.poll.as_ref().map(|p| p.node.clone()))
        });
        if node.is_none() {
            answered.set(None);
        }
    });
    let code = StoredValue::new(code);
    let poll = move || {
        let state = room.state.get().filter(|s| !s.ended)?;
        let (question, poll) = asked(&state)?;
        let words = w();
        let node = poll.node.clone();
        let done = answered.with(|a| a.as_deref() == Some(node.as_str()));
        let choices = (!done).then(|| {
            question
                .choices()
                .iter()
                .map(|choice| {
                    let key = choice.key();
                    let node = node.clone();
                    let send = move |_| {
                        let answer = RoomAnswer {
                            attendee: api::attendee(),
                            node: node.clone(),
                            choice: key.to_owned(),
                        };
                        spawn_local(async move {
                            match api::answer(&code.get_value(), &answer).await {
                                // Answered already (from another screen of this tab) counts too.
                                Ok(()) | Err(ApiError::Refused { status: 409, .. }) => {
                                    problem.set(None);
                                    answered.set(Some(answer.node));
                                }
                                Err(error) => problem.set(Some(error)),
                            }
                        });
                    };
                    view! {
                        <li>
                            <button type="button" class="choice" data-testid=format!("room-choice-{key}") on:click=send>
                                {fill(choice.label())}
                            </button>
                        </li>
                    }
                })
                .collect_view()
        });
        let counts = match poll.revealed {
            true => view! { <Counts question poll=poll.clone() /> }.into_any(),
            false => view! { <p>{words.counts_hidden}</p> }.into_any(),
        };
        Some(view! {
            <div class="room-poll" data-testid="room-poll">
                <h2>{words.room_asks} ": " {fill(question.text())}</h2>
                <p class="help">{words.answer_for_yourself}</p>
                {choices.map(|c| view! { <ul class="choices">{c}</ul> })}
                {done.then(|| view! { <p role="status" data-testid="room-answer-sent">{words.answer_sent}</p> })}
                {counts}
            </div>
        })
    };
    let status = move || {
        let words = w();
        if room.ended() {
            return words.ended;
        }
        match room.link.get() {
            Link::Connecting => words.connecting,
            Link::Lost => words.reconnecting,
            Link::Refused(_) => words.session,
            Link::Live if following.get() => words.following,
            Link::Live => words.exploring,
        }
    };
    let refused = move || match room.link.get() {
        Link::Refused(error) => Some(
            view! { <p class="problem" role="alert" data-testid="room-refused">{t().api_error(&error)}</p> },
        ),
        _ => None,
    };
    let controls = move || {
        let words = w();
        let leave = move |_| nav.go(nav.route_untracked().left_room());
        if room.ended() || matches!(room.link.get(), Link::Refused(_)) {
            return view! { <button type="button" data-testid="leave-room" on:click=leave>{words.leave}</button> }.into_any();
        }
        match following.get() {
            true => view! {
                <button type="button" data-testid="explore" on:click=move |_| following.set(false)>{words.explore}</button>
            }
            .into_any(),
            false => view! {
                <button type="button" data-testid="follow-again" on:click=move |_| following.set(true)>{words.follow_again}</button>
            }
            .into_any(),
        }
    };
    view! {
        <section class="classroom attending" aria-label=move || w().session data-testid="classroom">
            <p class="room-status" role="status" data-testid="room-status">
                <strong>{move || w().session} " " {code.get_value()}</strong> " · " {status}
            </p>
            {refused}
            {controls}
            {poll}
            {move || problem.get().map(|error| view! { <p class="problem" role="alert">{t().api_error(&error)}</p> })}
        </section>
    }
}
