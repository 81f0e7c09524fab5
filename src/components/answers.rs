//! The answers given so far, each with its question and a "Change" link that goes back to it.

use leptos::prelude::*;
use signpost_flow::api::AnsweredQuestion;
use signpost_flow::Flow;

use crate::i18n::t;
use crate::route::use_navigator;

#[component]
pub fn AnswerList(
    flow: &'static Flow,
    /// Each question and its answer, in the person's words.
    summary: Vec<AnsweredQuestion>,
    /// The same answers as the address records them.
    answers: Vec<String>,
) -> impl IntoView {
    let nav = use_navigator();
    let words = t();
    let changes = summary
        .into_iter()
        .enumerate()
        .map(|(i, AnsweredQuestion { question, answer })| {
            let earlier = answers[..i].to_vec();
            let change = move |_| nav.go(nav.route().at(flow.id(), &earlier));
            view! {
                <dt>{question}</dt>
                <dd>
                    {answer} " "
                    <button type="button" class="link" data-testid=format!("change-{i}") on:click=change>
                        {words.change}
                    </button>
                </dd>
            }
        })
        .collect_view();
    view! { <dl class="answers-summary" data-testid="answers-summary">{changes}</dl> }
}
