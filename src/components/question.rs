//! A question: its text, help, and one button per choice.

use leptos::prelude::*;
use signpost_flow::Question;

use crate::i18n::fill;
use crate::route::use_navigator;

#[component]
pub fn QuestionView(question: &'static Question) -> impl IntoView {
    let nav = use_navigator();
    let choices = question
        .choices()
        .iter()
        .map(|choice| {
            let key = choice.key();
            view! {
                <li>
                    <button
                        type="button"
                        class="choice"
                        data-testid=format!("choice-{key}")
                        on:click=move |_| nav.go(nav.route().then(key))
                    >
                        {fill(choice.label())}
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
