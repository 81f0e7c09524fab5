//! One flow, walked with the answers in the address bar: the current question or outcome.

use leptos::prelude::*;
use signpost_flow::org::Organisation;
use signpost_flow::{Flow, Step, Walk};

use crate::components::{
    checklist::ChecklistView, confirm::Confirm, number::NumberView, outcome::OutcomeView,
    question::QuestionView, trainer::TrainerPanel,
};
use crate::i18n::{self, fill, t};
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
    // The step is redrawn in a new language; the confirm form is not, so a confirmation on
    // its way is never lost (it follows the language through its own closures).
    let confirm = move || match walk.get() {
        Ok(Walk {
            step: Step::Outcome(_),
            ..
        }) => Some(view! { <Confirm flow answers=answers.get() /> }),
        _ => None,
    };
    view! {
        <section class="wizard" aria-labelledby="flow-title">
            <p id="flow-title" class="flow-title">{move || fill(flow.title())}</p>
            {move || {
                let lang = i18n::lang();
                match walk.get() {
                    Ok(walk) => {
                        let progress = progress(flow, &walk);
                        let asked = match walk.step {
                            Step::Question(question) => view! { <QuestionView question /> }.into_any(),
                            Step::Number(question) => view! { <NumberView question /> }.into_any(),
                            Step::Checklist(checklist) => view! { <ChecklistView checklist /> }.into_any(),
                            Step::Outcome(outcome) => {
                                let summary = walk.transcript(&expect_context::<Organisation>(), lang);
                                let notes = walk.notes(lang);
                                let answers = answers.get();
                                view! { <OutcomeView flow outcome notes summary answers /> }.into_any()
                            }
                        };
                        view! {
                            {progress.map(|p| view! { <p class="progress" data-testid="progress">{p}</p> })}
                            {asked}
                        }
                            .into_any()
                    }
                    Err(_) => {
                        view! {
                            <p class="problem" role="alert" data-testid="stale-link">
                                {t().stale_link}
                            </p>
                        }
                            .into_any()
                    }
                }
            }}
            {confirm}
            {move || {
                i18n::lang();
                let trainer = nav.with(|r| r.mode) == Mode::Trainer;
                walk.get().ok().filter(|_| trainer).map(|walk| view! { <TrainerPanel flow walk /> })
            }}
            {move || {
                let words = t();
                view! {
                    <nav class="controls" aria-label=words.wizard_controls>
                        <button type="button" data-testid="back" on:click=move |_| nav.go(nav.route().back())>
                            {words.back}
                        </button>
                        <button
                            type="button"
                            data-testid="start-over"
                            on:click=move |_| nav.go(nav.route().start(flow.id()))
                        >
                            {words.start_over}
                        </button>
                    </nav>
                }
            }}
        </section>
    }
}

/// "Question 3 · at most 2 more": the questions answered so far and the longest way left,
/// which stays true whatever the person answers next. None on an outcome.
fn progress(flow: &Flow, walk: &Walk<'_>) -> Option<String> {
    let left = flow.questions_left(walk.at);
    (left > 0).then(|| t().progress(walk.answered.len() + 1, left))
}
