//! What people answered to "Did this solve it?" on one flow's self-service outcomes over the
//! chosen period: how many said yes and no, and what did not work, newest first.

use leptos::prelude::*;
use signpost_flow::api::{Feedback, OutcomeFeedback};

use super::filters::Filters;
use super::labels;
use super::session::use_sessions;
use super::{api, when_loaded};
use crate::loaded::Loaded;

/// The answers on `flow`'s self-service outcomes, as a table.
#[component]
pub fn FlowFeedback(flow: String, filters: Memo<Filters>) -> impl IntoView {
    let sessions = use_sessions();
    let feedback = Loaded::following(move || {
        let (flow, filters) = (flow.clone(), filters.get());
        async move { api::feedback(sessions, &flow, &filters).await }
    });
    when_loaded(feedback, table)
}

fn table(feedback: Feedback) -> AnyView {
    let caption = format!("Did this solve it? {}", labels::flow(&feedback.flow));
    let testid = format!("feedback-{}", feedback.flow);
    let answered: Vec<OutcomeFeedback> = feedback
        .outcomes
        .into_iter()
        .filter(|o| o.solved + o.unsolved > 0)
        .collect();
    if answered.is_empty() {
        return view! { <p class="help" data-testid=testid>{format!("{caption}: no answers in this period.")}</p> }
            .into_any();
    }
    let rows = answered
        .into_iter()
        .map(|o| {
            let comments = o
                .comments
                .into_iter()
                .map(|c| view! { <li><span class="day">{c.day}</span>" "{c.text}</li> })
                .collect_view();
            view! {
                <tr data-outcome=o.outcome>
                    <th scope="row">{o.title}</th>
                    <td>{o.solved}</td>
                    <td>{o.unsolved}</td>
                    <td><ul class="comments">{comments}</ul></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="feedback" data-testid=testid>
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">"Outcome"</th>
                    <th scope="col">"Solved"</th>
                    <th scope="col">"Not solved"</th>
                    <th scope="col">"What didn't work (newest first)"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}
