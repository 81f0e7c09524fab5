//! "Did this solve it?" under a self-service outcome: yes, or no with what did not work, sent
//! anonymously (nothing of the person goes with it). Trainer mode shows it and sends nothing.

use leptos::html;
use leptos::prelude::*;
use signpost_flow::api::FeedbackRequest;
use signpost_flow::{contact, Flow, Outcome};

use crate::api::{self, ApiError};
use crate::components::focus_when_shown;
use crate::i18n::{self, t};
use crate::route::{use_navigator, Route};

/// Where the person's answer stands.
#[derive(Debug, Clone, PartialEq)]
enum Said {
    Asking,
    /// They answered no, and may say what did not work before sending.
    Explaining,
    Sending,
    Sent {
        solved: bool,
    },
    /// Trainer mode: shown, not sent.
    Shown,
    Failed(Problem),
}

#[derive(Debug, Clone, PartialEq)]
enum Problem {
    Comment(contact::ContactError),
    Api(ApiError),
}

#[component]
pub fn Solved(flow: &'static Flow, outcome: &'static Outcome) -> impl IntoView {
    // Trainer mode and classroom sessions show what would be sent, and send nothing.
    let trainer = !use_navigator().with(Route::sends);
    let said = RwSignal::new(Said::Asking);
    // The answer chosen last: a failed "yes" offers both answers again, a failed "no" keeps
    // the comment to send again.
    let chosen = RwSignal::new(None::<bool>);
    let (comment, set_comment) = signal(String::new());
    // Focus follows the person's moves: to the comment after "No", to what was said after
    // sending, as the buttons they pressed are gone.
    let comment_box = NodeRef::<html::Textarea>::new();
    let focus_comment = focus_when_shown(comment_box);
    let status_line = NodeRef::<html::P>::new();
    let settle = move |now: Said| {
        said.set(now);
        if let Some(line) = status_line.get_untracked() {
            request_animation_frame(move || {
                let _ = line.focus();
            });
        }
    };
    let explain = move || {
        focus_comment.set_value(true);
        said.set(Said::Explaining);
    };
    let send = move |solved: bool| {
        chosen.set(Some(solved));
        let comment =
            Some(comment.get_untracked().trim().to_owned()).filter(|c| !solved && !c.is_empty());
        if let Some(Err(error)) = comment.as_deref().map(contact::check_comment) {
            // Back to the comment, drawn again with the problem said below it.
            focus_comment.set_value(true);
            said.set(Said::Failed(Problem::Comment(error)));
            return;
        }
        if trainer {
            settle(Said::Shown);
            return;
        }
        let request = FeedbackRequest {
            flow: flow.id().to_owned(),
            version: flow.version().as_str().to_owned(),
            outcome: outcome.key().to_owned(),
            solved,
            comment,
        };
        said.set(Said::Sending);
        wasm_bindgen_futures::spawn_local(async move {
            settle(match api::post_feedback(&request).await {
                Ok(()) => Said::Sent { solved },
                Err(error) => Said::Failed(Problem::Api(error)),
            });
        });
    };
    let status = move || {
        let words = t();
        match said.get() {
            Said::Sent { solved: true } => Some(words.thanks_solved.to_owned()),
            Said::Sent { solved: false } => Some(words.thanks_unsolved.to_owned()),
            Said::Shown => Some(words.feedback_dry_run.to_owned()),
            Said::Failed(Problem::Comment(error)) => Some(error.message(i18n::lang())),
            Said::Failed(Problem::Api(error)) => Some(words.api_error(&error)),
            _ => None,
        }
    };
    // The answers, or the comment, drawn again whole when the state or the language changes
    // (what was typed lives in `comment`); the status line stays, so it is announced.
    let controls = move || {
        let words = t();
        let said = said.get();
        let again = matches!(said, Said::Failed(_) | Said::Sending);
        let asking = said == Said::Asking || (again && chosen.get() == Some(true));
        let explaining = said == Said::Explaining || (again && chosen.get() == Some(false));
        let sending = said == Said::Sending;
        let answers = asking.then(|| {
            view! {
                <div class="solved-answers" role="group" aria-labelledby="solved-heading">
                    <button type="button" data-testid="solved-yes" disabled=sending on:click=move |_| send(true)>
                        {words.yes}
                    </button>
                    <button type="button" data-testid="solved-no" on:click=move |_| explain()>
                        {words.no}
                    </button>
                </div>
            }
        });
        let form = explaining.then(|| {
            view! {
                <label for="solved-comment">{words.what_didnt_work}</label>
                <p class="help" id="solved-comment-help">{words.feedback_anonymous}</p>
                <textarea
                    id="solved-comment"
                    data-testid="solved-comment"
                    node_ref=comment_box
                    aria-describedby="solved-comment-help"
                    prop:value=comment.get_untracked()
                    on:input=move |ev| set_comment.set(event_target_value(&ev))
                ></textarea>
                <button type="button" data-testid="solved-send" disabled=sending on:click=move |_| send(false)>
                    {words.send_feedback}
                </button>
            }
        });
        (answers, form)
    };
    view! {
        <section class="solved" aria-labelledby="solved-heading" data-testid="solved">
            <h2 id="solved-heading">{move || t().solved_question}</h2>
            {controls}
            <p role="status" tabindex="-1" data-testid="solved-status" node_ref=status_line>
                {status}
            </p>
        </section>
    }
}
