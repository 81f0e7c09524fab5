//! The start page: every flow, to pick the one that matches the task.

use leptos::prelude::*;

use crate::flows;
use crate::i18n::{fill, t};
use crate::route::use_navigator;

#[component]
pub fn Home() -> impl IntoView {
    let nav = use_navigator();
    let cards = flows::all()
        .iter()
        .map(|flow| {
            let id = flow.id();
            view! {
                <li class="flow-card">
                    <h2>{fill(flow.title())}</h2>
                    <p>{fill(flow.summary())}</p>
                    <button
                        type="button"
                        class="primary"
                        data-testid=format!("start-{id}")
                        on:click=move |_| nav.go(nav.route().start(id))
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
