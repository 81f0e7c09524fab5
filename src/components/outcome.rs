//! An outcome: the scenario's steps, warnings, contacts and links, and the confirm form.

use leptos::prelude::*;
use signpost_flow::{Flow, Outcome};

use crate::components::confirm::Confirm;
use crate::fill;

#[component]
pub fn OutcomeView(
    flow: &'static Flow,
    outcome: &'static Outcome,
    /// What the person's answers mean here (e.g. which figures are over a limit).
    notes: Vec<String>,
    answers: Vec<String>,
) -> impl IntoView {
    let texts = |items: &'static [String]| items.iter().map(|t| fill(t)).collect::<Vec<_>>();
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
            <h1 data-testid="outcome-title">{fill(outcome.title())}</h1>
            <p class="summary">{fill(outcome.summary())}</p>
            {warnings}
            {(!notes.is_empty())
                .then(|| {
                    let notes = notes.iter().map(|n| view! { <li>{fill(n)}</li> }).collect_view();
                    view! {
                        <h2>"Because of your answers"</h2>
                        <ul class="notes" data-testid="notes">{notes}</ul>
                    }
                })}
            <h2>"What to do"</h2>
            <ol class="steps">{steps}</ol>
            {(!outcome.contacts().is_empty()).then(|| view! { <h2>"Who can help"</h2><ul>{contacts}</ul> })}
            {(!outcome.links().is_empty()).then(|| view! { <ul class="links">{links}</ul> })}
        </article>
        <Confirm flow answers />
    }
}
