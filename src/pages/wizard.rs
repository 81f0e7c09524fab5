//! One flow, walked with the answers in the address bar: the current question or outcome.

use leptos::prelude::*;
use signpost_flow::org::Organisation;
use signpost_flow::{Flow, Step, Walk};

use crate::components::{
    checklist::ChecklistView, number::NumberView, outcome::OutcomeView, question::QuestionView,
    trainer::TrainerPanel,
};
use crate::fill;
use crate::route::{use_navigator, Mode};
use crate::steps::StepReporter;

#[component]
pub fn Wizard(flow: &'static Flow, answers: Memo<Vec<String>>) -> impl IntoView {
    let nav = use_navigator();
    let walk = Signal::derive(move || answers.with(|a| flow.walk(a)));
    let trainer = nav.with(|r| r.mode) == Mode::Trainer;
    let allowed = expect_context::<Organisation>().step_events && !trainer;
    let steps = StepReporter::new(allowed);
    Effect::new(move |_| {
        if let Ok(walk) = walk.get() {
            let from = walk.answered.last().map(|a| a.node.key());
            steps.reached(
                flow.id(),
                flow.version().as_str(),
                flow.node(walk.at).key(),
                from,
            );
        }
    });
    view! {
        <section class="wizard" aria-labelledby="flow-title">
            <p id="flow-title" class="flow-title">{fill(flow.title())}</p>
            {move || match walk.get() {
                Ok(walk) => {
                    let progress = progress(flow, &walk);
                    let trainer = (nav.with(|r| r.mode) == Mode::Trainer)
                        .then(|| view! { <TrainerPanel flow walk=walk.clone() /> });
                    let asked = match walk.step {
                        Step::Question(question) => view! { <QuestionView question /> }.into_any(),
                        Step::Number(question) => view! { <NumberView question /> }.into_any(),
                        Step::Checklist(checklist) => view! { <ChecklistView checklist /> }.into_any(),
                        Step::Outcome(outcome) => {
                            let summary = walk
                                .answered
                                .iter()
                                .map(|a| (fill(a.node.text()), fill(&a.given.describe())))
                                .collect();
                            let notes = walk.notes;
                            let answers = answers.get();
                            view! { <OutcomeView flow outcome notes summary answers /> }.into_any()
                        }
                    };
                    view! {
                        {progress.map(|p| view! { <p class="progress" data-testid="progress">{p}</p> })}
                        {asked}
                        {trainer}
                    }
                        .into_any()
                }
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
                    on:click=move |_| nav.go(nav.route().start(flow.id()))
                >
                    "Start over"
                </button>
            </nav>
        </section>
    }
}

/// "Question 3 · at most 2 more": the questions answered so far and the longest way left,
/// which stays true whatever the person answers next. None on an outcome.
fn progress(flow: &Flow, walk: &Walk<'_>) -> Option<String> {
    let left = flow.questions_left(walk.at);
    let number = walk.answered.len() + 1;
    match left {
        0 => None,
        1 => Some(format!("Question {number} · the last one")),
        _ => Some(format!("Question {number} · at most {} more", left - 1)),
    }
}
