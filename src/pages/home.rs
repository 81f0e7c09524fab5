//! The start page: every flow, to pick the one that matches the task.

use leptos::prelude::*;
use signpost_flow::api::FlowList;

use crate::i18n::{fill, t};
use crate::route::use_navigator;

#[component]
pub fn Home() -> impl IntoView {
    let nav = use_navigator();
    let cards = expect_context::<FlowList>()
        .flows
        .into_iter()
        .map(|flow| {
            let id = flow.id;
            let testid = format!("start-{id}");
            view! {
                <li class="flow-card">
                    <h2>{fill(&flow.title)}</h2>
                    <p>{fill(&flow.summary)}</p>
                    <button
                        type="button"
                        class="primary"
                        data-testid=testid
                        on:click=move |_| nav.go(nav.route().start(&id))
                    >
                        {t().start}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <h1 tabindex="-1">{t().choose_flow}</h1>
        <ul class="flow-list">{cards}</ul>
    }
}
