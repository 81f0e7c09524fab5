//! Several yes/no checks answered on one screen; the engine routes on the first no.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use signpost_flow::Checklist;

use crate::components::toward::Toward;
use crate::i18n::{fill, t};
use crate::route::use_navigator;

#[component]
pub fn ChecklistView(
    checklist: &'static Checklist,
    /// Where a search pointed the person, if every yes or some item's no leads there.
    toward: Option<Toward>,
) -> impl IntoView {
    let nav = use_navigator();
    let words = t();
    let marks = RwSignal::new(vec![None::<bool>; checklist.items().len()]);
    let (problem, set_problem) = signal(None::<&'static str>);
    let items = checklist
        .items()
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let name = format!("{}-{}", checklist.key(), item.key());
            // The branches are every yes first, then each item's no.
            let hint = toward
                .as_ref()
                .and_then(|to| to.hint(i + 1, words.leads_to_if_no));
            let option = move |yes: bool, label: &'static str| {
                let id = format!("{name}-{}", if yes { "yes" } else { "no" });
                view! {
                    <input
                        type="radio"
                        id=id.clone()
                        name=name.clone()
                        data-testid=id.clone()
                        prop:checked=move || marks.with(|m| m[i] == Some(yes))
                        on:change=move |_| marks.update(|m| m[i] = Some(yes))
                    />
                    <label for=id>{label}</label>
                }
            };
            view! {
                <fieldset class="check-item">
                    <legend>{fill(item.text())}</legend>
                    {option(true, words.yes)}
                    {option(false, words.no)}
                    {hint.map(|hint| view! { <p class="toward-line">{hint}</p> })}
                </fieldset>
            }
        })
        .collect_view();
    let all_yes = toward
        .as_ref()
        .and_then(|to| to.hint(0, words.leads_to_if_all_yes));
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let answered: Option<Vec<bool>> = marks.with(|m| m.iter().copied().collect());
        let answer = answered.map(|marks| checklist.answer(&marks));
        match answer {
            Some(answer) => nav.go(nav.route().then(&answer)),
            None => set_problem.set(Some(words.answer_each_item)),
        }
    };
    view! {
        <form class="question" data-testid="question" on:submit=on_submit novalidate>
            <h1 data-testid="question-text" tabindex="-1">{fill(checklist.text())}</h1>
            {checklist.help().map(|help| view! { <p class="help">{fill(help)}</p> })}
            {items}
            <p class="problem" role="alert" data-testid="checklist-problem">
                {problem}
            </p>
            {all_yes.map(|hint| view! { <p class="toward-line">{hint}</p> })}
            <button type="submit" class="primary" data-testid="continue">{words.continue_}</button>
        </form>
    }
}
