//! The employee's side of the app: the list of flows, or the flow in the address bar.

use leptos::prelude::*;
use signpost_flow::org::Organisation;

use crate::flows;
use crate::pages::{home::Home, wizard::Wizard};
use crate::route::Navigator;

/// Shows the flow the address bar names, or the list of flows.
#[component]
pub fn Guide(organisation: Organisation) -> impl IntoView {
    let heading = format!("{}: Amazon Business help", organisation.name);
    provide_context(organisation);
    let nav = Navigator::provide();
    let flow = Memo::new(move |_| nav.with(|r| r.flow.clone()));
    let answers = Memo::new(move |_| nav.with(|r| r.answers.clone()));
    view! {
        <header class="masthead">
            <p class="brand">{heading}</p>
        </header>
        <main id="main" class="page">
            {move || match flow.get().as_deref().and_then(flows::get) {
                Some(flow) => view! { <Wizard flow answers /> }.into_any(),
                None => view! { <Home /> }.into_any(),
            }}
        </main>
    }
}
