//! One flow, walked with the answers in the address bar: the current question or outcome.

use leptos::prelude::*;
use signpost_flow::org::Organisation;
use signpost_flow::{Flow, OutcomeKind, Resume, Step, Walk};

use crate::components::{
    answers::AnswerList, checklist::ChecklistView, confirm::Confirm, number::NumberView,
    outcome::OutcomeView, question::QuestionView, solved::Solved, toward::Toward, trainer,
};
use crate::i18n::{self, fill, t};
use crate::route::{use_navigator, Mode, Route};
use crate::steps::StepReporter;

/// Whether the flow shown is the one live now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edition {
    Live,
    /// An earlier version, on which the person began: a newer one is live.
    Older,
}

/// How the person arrived at the step shown, when the address had to be read against a flow
/// that may have changed since it was written.
#[derive(Debug, Clone, PartialEq)]
enum Arrival {
    /// The address fits the flow as it is.
    AsIs,
    /// Only its first answers still fit; the rest were dropped.
    Updated,
    /// None of its answers fit.
    Restarted,
    /// It named a step (`to=`), and the shortest way there became its answers.
    Linked,
    /// It named a step this flow does not have.
    UnknownStep(String),
}

#[component]
pub fn Wizard(flow: &'static Flow, answers: Memo<Vec<String>>, edition: Edition) -> impl IntoView {
    let nav = use_navigator();
    let arrival = arrive(flow);
    // The notice speaks of the step arrived at, until the person moves on.
    let arrived_at = answers.get_untracked();
    let notice = Memo::new(move |_| answers.with(|a| *a == arrived_at).then(|| arrival.clone()));
    let walk = Signal::derive(move || answers.with(|a| flow.walk(a)));
    let trainer = nav.with(|r| r.mode) == Mode::Trainer;
    let tools = use_context::<trainer::Tools>().filter(|_| trainer);
    let allowed = expect_context::<Organisation>().step_events && nav.with(Route::sends);
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
    // The step is redrawn in a new language; what follows an outcome is not, so a confirmation
    // or an answer on its way is never lost (they follow the language through their own
    // closures). A request asks for the person's details; a self-service outcome only asks
    // whether it solved the problem.
    let confirm = move || match walk.get() {
        Ok(Walk {
            step: Step::Outcome(outcome),
            ..
        }) => Some(match outcome.kind() {
            OutcomeKind::Request => view! { <Confirm flow answers=answers.get() /> }.into_any(),
            OutcomeKind::SelfService => view! { <Solved flow outcome /> }.into_any(),
        }),
        _ => None,
    };
    let answers_listed = move || {
        let listed = matches!(notice.get(), Some(Arrival::Updated | Arrival::Linked));
        let walk = walk
            .get()
            .ok()
            .filter(|w| listed && !matches!(w.step, Step::Outcome(_)))?;
        let summary = walk.transcript(&expect_context::<Organisation>(), i18n::lang());
        Some(view! {
            <h2>{t().answers_so_far}</h2>
            <AnswerList flow summary answers=answers.get() />
        })
    };
    view! {
        <section class="wizard" aria-labelledby="flow-title">
            <p id="flow-title" class="flow-title">{move || fill(flow.title())}</p>
            {move || (edition == Edition::Older).then(|| {
                let words = t();
                view! {
                    <div class="notice" role="status" data-testid="newer-version">
                        <p>{words.newer_version}</p>
                        <button type="button" data-testid="start-new-version" on:click=move |_| nav.go(nav.route().start(flow.id()))>
                            {words.start_on_new_version}
                        </button>
                    </div>
                }
            })}
            {move || notice.get().and_then(|arrival| {
                let words = t();
                let said = match arrival {
                    Arrival::AsIs => return None,
                    Arrival::Updated => words.guide_updated.to_owned(),
                    Arrival::Restarted => words.guide_restarted.to_owned(),
                    Arrival::Linked => words.linked_here.to_owned(),
                    Arrival::UnknownStep(step) => words.unknown_step(&step),
                };
                Some(view! { <p class="notice" role="status" data-testid="link-notice">{said}</p> })
            })}
            {move || {
                let lang = i18n::lang();
                match walk.get() {
                    Ok(walk) => {
                        let progress = progress(flow, &walk);
                        let goal = nav.with(|r| r.toward.clone());
                        let toward = Toward::from(flow, walk.at, goal.as_deref());
                        let asked = match walk.step {
                            Step::Question(question) => view! { <QuestionView question toward /> }.into_any(),
                            Step::Number(question) => view! { <NumberView question /> }.into_any(),
                            Step::Checklist(checklist) => view! { <ChecklistView checklist toward /> }.into_any(),
                            Step::Outcome(outcome) => {
                                let summary = walk.transcript(&expect_context::<Organisation>(), lang);
                                let notes = walk.explained.clone();
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
            {answers_listed}
            {confirm}
            {move || {
                i18n::lang();
                let panel = tools?.panel;
                walk.get().ok().map(|walk| panel(flow, walk))
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

/// Reads the address against the flow as it is, once, and corrects it without a new history
/// entry: a named step (`to=`) becomes the shortest way's answers, answers that no longer fit
/// are cut back to the longest first part that does (or to none), and answers that name no
/// version record this one's. From then on, answers given here record it as they are given.
fn arrive(flow: &'static Flow) -> Arrival {
    let nav = use_navigator();
    let route = nav.route_untracked();
    let version = flow.version().as_str();
    nav.showing(flow.id(), version);
    if let Some(step) = route.to.clone() {
        return match flow.path_to_key(&step) {
            Some(path) => {
                nav.replace(route.at(flow.id(), &path).on_version(version));
                Arrival::Linked
            }
            None => {
                nav.replace(route.start(flow.id()));
                Arrival::UnknownStep(step)
            }
        };
    }
    match flow.resume(&route.answers) {
        Resume::Whole(_) => {
            if !route.answers.is_empty() && route.version.as_deref() != Some(version) {
                nav.replace(route.on_version(version));
            }
            Arrival::AsIs
        }
        Resume::Prefix { kept, .. } => {
            let kept = route.answers[..kept].to_vec();
            nav.replace(route.at(flow.id(), &kept).on_version(version));
            Arrival::Updated
        }
        Resume::Start => {
            nav.replace(route.start(flow.id()));
            Arrival::Restarted
        }
    }
}

/// "Question 3 · at most 2 more": the questions answered so far and the longest way left,
/// which stays true whatever the person answers next. None on an outcome.
fn progress(flow: &Flow, walk: &Walk<'_>) -> Option<String> {
    let left = flow.questions_left(walk.at);
    (left > 0).then(|| i18n::lang().progress(walk.answered.len() + 1, left))
}
