//! A poll's counts as a bar chart: one bar per choice, each with its figures in text, so a
//! screen reader (or anyone at the back of the room) reads the same as the bars show.

use leptos::prelude::*;
use signpost_flow::api::{Poll, RoomState};
use signpost_flow::{Flow, Node, Question};

use super::words::w;
use crate::flows;
use crate::i18n::fill;

/// The question the room's poll asks, if the room has a poll on a flow this tab has read.
pub fn asked(state: &RoomState) -> Option<(&'static Question, Poll)> {
    let poll = state.poll.clone()?;
    let flow: &'static Flow = flows::loaded(&state.flow, &state.version)?;
    match flow.node_by_key(&poll.node)?.1 {
        Node::Question(question) => Some((question, poll)),
        _ => None,
    }
}

/// How many chose each answer, once the trainer has revealed the counts.
#[component]
pub fn Counts(question: &'static Question, poll: Poll) -> impl IntoView {
    let bars = poll
        .counts
        .iter()
        .filter_map(|count| {
            let choice = question
                .choices()
                .iter()
                .find(|c| c.key() == count.choice)?;
            // Rounded to the nearest: two of three is 67 %.
            let percent = (count.count * 200 + poll.answered)
                .checked_div(poll.answered * 2)
                .unwrap_or(0);
            let said = w().count(&fill(choice.label()), count.count, percent);
            Some(view! {
                <li data-testid=format!("count-{}", count.choice) data-count=count.count>
                    <span class="count-text">{said}</span>
                    // Through the CSSOM, which the page's Content-Security-Policy allows (a style attribute it would not).
                    <span class="bar" aria-hidden="true" style:width=format!("{percent}%")></span>
                </li>
            })
        })
        .collect_view();
    view! { <ul class="room-counts" data-testid="room-counts">{bars}</ul> }
}
