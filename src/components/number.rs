//! A percentage the person types: read the way people write it ("0,8 %" too) and checked by
//! the engine before the wizard moves on.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use signpost_flow::{format_number, FlowError, NumberQuestion};

use crate::i18n::{fill, t};
use crate::route::use_navigator;

#[component]
pub fn NumberView(question: &'static NumberQuestion) -> impl IntoView {
    let nav = use_navigator();
    let words = t();
    let (text, set_text) = signal(String::new());
    let (problem, set_problem) = signal(None::<String>);
    let input_id = format!("number-{}", question.key());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        match question.read(&text.get_untracked()) {
            Ok(value) => nav.go(nav.route().then(&format_number(value))),
            Err(FlowError::OutOfRange { min, max, .. }) => {
                set_problem.set(Some(words.percentage_between(min, max)))
            }
            Err(_) => set_problem.set(Some(words.not_a_number())),
        }
    };
    view! {
        <form class="question" data-testid="question" on:submit=on_submit novalidate>
            <h1 data-testid="question-text" tabindex="-1">
                <label for=input_id.clone()>{fill(question.text())}</label>
            </h1>
            {question.help().map(|help| view! { <p class="help">{fill(help)}</p> })}
            <div class="number-input">
                <input
                    id=input_id
                    data-testid="number-input"
                    inputmode="decimal"
                    autocomplete="off"
                    aria-describedby="number-problem"
                    prop:value=text
                    on:input=move |ev| set_text.set(event_target_value(&ev))
                />
                <span aria-hidden="true">"%"</span>
            </div>
            <p id="number-problem" class="problem" role="alert" data-testid="number-problem">
                {problem}
            </p>
            <button type="submit" class="primary" data-testid="continue">{words.continue_}</button>
        </form>
    }
}
