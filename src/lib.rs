//! The signpost wizard: asks a few plain questions, shows the one scenario that fits, and
//! sends the action the person confirms to the server.

pub mod admin;
mod api;
mod classroom;
mod components;
mod embed;
mod flows;
mod i18n;
mod json;
pub mod loaded;
pub mod offline;
mod outbox;
pub mod pages;
mod route;
mod search;
mod steps;

use leptos::prelude::*;

pub use pages::guide::Guide;

/// The whole app: the guide, at once from what the server wrote into the page, or once the
/// API has given the organisation's words and the list of flows.
#[component]
pub fn App() -> impl IntoView {
    if let Some(start) = flows::from_page() {
        return view! { <Guide start /> }.into_any();
    }
    let shown = |start| view! { <Guide start /> }.into_any();
    loaded::Loaded::once(flows::fetch_start())
        .view(loading, shown, problem)
        .into_any()
}

/// The app as trainers use it (`?mode=trainer`): the same, with trainer mode's tools, which
/// are a bundle of their own so that employees never download them.
#[component]
pub fn TrainerApp() -> impl IntoView {
    provide_context(components::trainer::TOOLS);
    view! { <App /> }
}

/// What shows while the server's answer is on its way.
fn loading() -> AnyView {
    view! { <p class="loading">{move || i18n::t().loading}</p> }.into_any()
}

/// A call to the server that failed, said in the person's language.
fn problem(error: api::ApiError) -> AnyView {
    view! { <p class="problem" role="alert">{i18n::t().api_error(&error)}</p> }.into_any()
}
