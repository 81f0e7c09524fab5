//! An outcome: the scenario's steps, warnings, contacts and links, and ways to keep them (print,
//! copy, email to oneself). The confirm form of a request, or the "did this solve it?" of a
//! self-service outcome, follows it.

use leptos::prelude::*;
use signpost_flow::api::AnsweredQuestion;
use signpost_flow::{Flow, Note, Outcome, Text};

use crate::api;
use crate::components::answers::AnswerList;
use crate::i18n::{self, fill, fill_words, t};

#[component]
pub fn OutcomeView(
    flow: &'static Flow,
    outcome: &'static Outcome,
    /// What the person's answers mean here (e.g. which figures are over a limit).
    notes: Vec<Note<'static>>,
    /// Each question and its answer, in the person's words.
    summary: Vec<AnsweredQuestion>,
    answers: Vec<String>,
) -> impl IntoView {
    let as_text = outcome_as_text(outcome, &notes);
    // To oneself: the person types their own address in their mail program.
    let mailto = format!(
        "mailto:?subject={}&body={}",
        api::encode(&fill(outcome.title())),
        api::encode(&as_text)
    );
    let words = t();
    let (copied, set_copied) = signal(None::<&'static str>);
    let copy = move |_| {
        let text = as_text.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let clipboard = window().navigator().clipboard();
            let done = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text)).await;
            set_copied.set(Some(if done.is_ok() {
                words.copied
            } else {
                words.copy_refused
            }));
        });
    };
    let texts = |items: &'static [Text]| items.iter().map(fill).collect::<Vec<_>>();
    let steps = texts(outcome.steps())
        .into_iter()
        .map(|s| view! { <li>{s}</li> })
        .collect_view();
    let warnings = texts(outcome.warnings())
        .into_iter()
        .map(|w| view! { <p class="warning" role="note">{w}</p> })
        .collect_view();
    let contacts = texts(outcome.contacts())
        .into_iter()
        .map(|c| view! { <li>{c}</li> })
        .collect_view();
    let links = outcome
        .links()
        .iter()
        .map(|l| {
            view! {
                <li>
                    <a href=l.url() target="_blank" rel="noopener noreferrer">
                        {fill(l.label())}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <article class="outcome" data-testid="outcome" data-outcome=outcome.key()>
            <h1 data-testid="outcome-title" tabindex="-1">{fill(outcome.title())}</h1>
            <p class="summary">{fill(outcome.summary())}</p>
            {warnings}
            {(!notes.is_empty())
                .then(|| {
                    let notes = notes.iter().map(note_item).collect_view();
                    view! {
                        <h2>{words.because}</h2>
                        <ul class="notes" data-testid="notes">{notes}</ul>
                    }
                })}
            <h2>{words.what_to_do}</h2>
            <ol class="steps">{steps}</ol>
            {(!outcome.contacts().is_empty()).then(|| view! { <h2>{words.who_can_help}</h2><ul>{contacts}</ul> })}
            {(!outcome.links().is_empty()).then(|| view! { <ul class="links">{links}</ul> })}
            <h2 class="save-steps">{words.save_steps}</h2>
            <div class="outcome-tools">
                <button type="button" data-testid="print" on:click=|_| { let _ = window().print(); }>
                    {words.print}
                </button>
                <button type="button" data-testid="copy" on:click=copy>{words.copy}</button>
                <a class="button" data-testid="email-steps" href=mailto>{words.email_yourself}</a>
                <span role="status">{copied}</span>
            </div>
            <h2>{words.your_answers}</h2>
            <AnswerList flow summary answers />
        </article>
    }
}

/// One explanation; one that names a figure over a limit says so in words and with a sign,
/// not by colour alone.
fn note_item(note: &Note<'static>) -> impl IntoView {
    let text = fill_words(&note.text(i18n::lang()));
    let over = note.over_limit().then(|| {
        view! {
            <span class="sign" aria-hidden="true">"⚠"</span>
            " "
            <strong>{t().over_limit}</strong>
            " "
        }
    });
    view! {
        <li class:over-limit=note.over_limit() data-testid=note.over_limit().then_some("over-limit")>
            {over}
            {text}
        </li>
    }
}

/// The outcome as plain text, to paste into an email or a note.
fn outcome_as_text(outcome: &Outcome, notes: &[Note<'static>]) -> String {
    let mut text = format!("{}\n{}\n", fill(outcome.title()), fill(outcome.summary()));
    for warning in outcome.warnings() {
        text.push_str(&format!("\n{}: {}\n", t().warning, fill(warning)));
    }
    for note in notes {
        let said = fill_words(&note.text(i18n::lang()));
        if note.over_limit() {
            text.push_str(&format!("\n{} {said}\n", t().over_limit));
        } else {
            text.push_str(&format!("\n{said}\n"));
        }
    }
    text.push('\n');
    for (i, step) in outcome.steps().iter().enumerate() {
        text.push_str(&format!("{}. {}\n", i + 1, fill(step)));
    }
    for link in outcome.links() {
        text.push_str(&format!("\n{}: {}\n", fill(link.label()), link.url()));
    }
    text
}
