//! The start page: every flow, to pick the one that matches the task.

use leptos::prelude::*;

use crate::route::use_navigator;
use crate::{fill, flows};

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
                        "Start"
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <h1 tabindex="-1">"What do you need to do?"</h1>
        <ul class="flow-list">{cards}</ul>
    }
}
