//! One flow, walked with the answers in the address bar: the current question or outcome.

use leptos::prelude::*;
use signpost_flow::{Flow, Step};

use crate::components::{
    checklist::ChecklistView, number::NumberView, outcome::OutcomeView, question::QuestionView,
};
use crate::fill;
use crate::route::{use_navigator, Route};

#[component]
pub fn Wizard(flow: &'static Flow, answers: Memo<Vec<String>>) -> impl IntoView {
    let nav = use_navigator();
    let walk = Signal::derive(move || answers.with(|a| flow.walk(a)));
    view! {
        <section class="wizard" aria-labelledby="flow-title">
            <p id="flow-title" class="flow-title">{fill(flow.title())}</p>
            {move || match walk.get() {
                Ok(walk) => match walk.step {
                    Step::Question(question) => view! { <QuestionView question /> }.into_any(),
                    Step::Number(question) => view! { <NumberView question /> }.into_any(),
                    Step::Checklist(checklist) => view! { <ChecklistView checklist /> }.into_any(),
                    Step::Outcome(outcome) => {
                        let notes = walk.notes;
                        view! { <OutcomeView flow outcome notes answers=answers.get() /> }.into_any()
                    }
                },
                Err(_) => {
                    view! {
                        <p class="problem" role="alert" data-testid="stale-link">
                            "These answers no longer match the questions. Please start again."
                        </p>
                    }
                        .into_any()
                }
            }}
            <nav class="controls" aria-label="Wizard">
                <button type="button" data-testid="back" on:click=move |_| nav.go(nav.route().back())>
                    "Back"
                </button>
                <button
                    type="button"
                    data-testid="start-over"
                    on:click=move |_| nav.go(Route::start(flow.id()))
                >
                    "Start over"
                </button>
            </nav>
        </section>
    }
}
