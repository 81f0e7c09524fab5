//! A question: its text, help, and one button per choice.

use leptos::prelude::*;
use signpost_flow::Question;

use crate::components::toward::Toward;
use crate::i18n::{fill, t};
use crate::route::use_navigator;

#[component]
pub fn QuestionView(
    question: &'static Question,
    /// Where a search pointed the person, if some choice here leads there.
    toward: Option<Toward>,
) -> impl IntoView {
    let nav = use_navigator();
    let choices = question
        .choices()
        .iter()
        .enumerate()
        .map(|(i, choice)| {
            let key = choice.key();
            let hint = toward.as_ref().and_then(|to| to.hint(i, t().leads_to));
            view! {
                <li>
                    <button
                        type="button"
                        class="choice"
                        data-testid=format!("choice-{key}")
                        on:click=move |_| nav.go(nav.route().then(key))
                    >
                        {fill(choice.label())}
                        {hint}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <fieldset class="question" data-testid="question">
            <legend>
                <h1 data-testid="question-text" tabindex="-1">{fill(question.text())}</h1>
            </legend>
            {question.help().map(|help| view! { <p class="help">{fill(help)}</p> })}
            <ul class="choices">{choices}</ul>
        </fieldset>
    }
}
