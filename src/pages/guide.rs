//! The employee's side of the app: the list of flows, or the flow in the address bar.

use leptos::prelude::*;
use signpost_flow::org::Organisation;
use wasm_bindgen::JsCast;

use crate::flows;
use crate::outbox::Outbox;
use crate::pages::{home::Home, wizard::Wizard};
use crate::route::Navigator;

/// Shows the flow the address bar names, or the list of flows.
#[component]
pub fn Guide(organisation: Organisation) -> impl IntoView {
    let heading = format!("{}: Amazon Business help", organisation.name);
    provide_context(organisation);
    let nav = Navigator::provide();
    crate::embed::fit_to_host(nav);
    let outbox = Outbox::provide();
    let flow = Memo::new(move |_| nav.with(|r| r.flow.clone()));
    announce_each_step(nav);
    let answers = Memo::new(move |_| nav.with(|r| r.answers.clone()));
    let embedded = nav.with(|r| r.embed);
    view! {
        <Show when=move || !embedded>
            <header class="masthead">
                <p class="brand">{heading.clone()}</p>
            </header>
        </Show>
        <main id="main" class="page">
            <StepAnnouncer />
            <OutboxBanner outbox />
            {move || match flow.get().as_deref().and_then(flows::get) {
                Some(flow) => view! { <Wizard flow answers /> }.into_any(),
                None => view! { <Home /> }.into_any(),
            }}
        </main>
    }
}

/// Tells the person about confirmations an earlier visit left waiting, and when they arrive.
#[component]
fn OutboxBanner(outbox: Outbox) -> impl IntoView {
    let delivered = move || {
        outbox
            .delivered_earlier()
            .into_iter()
            .map(|r| view! { <li>"Your earlier confirmation was received. Reference: " <strong>{r.reference}</strong></li> })
            .collect_view()
    };
    view! {
        <div class="outbox-banner" role="status" data-testid="outbox-banner">
            <ul data-testid="delivered-earlier">{delivered}</ul>
            <Show when=move || { outbox.waiting_count() > 0 }>
                <p data-testid="waiting-count">
                    {move || match outbox.waiting_count() {
                        1 => "1 confirmation is saved on this device and will be sent when the server can be reached.".to_owned(),
                        n => format!("{n} confirmations are saved on this device and will be sent when the server can be reached."),
                    }}
                </p>
            </Show>
        </div>
    }
}

/// After each move (not on arrival), puts focus on the new step's heading, so keyboard and
/// screen reader users land on it, and announces it in a polite live region.
fn announce_each_step(nav: Navigator) {
    let (announcement, set_announcement) = signal(String::new());
    let first = StoredValue::new(true);
    Effect::new(move |_| {
        nav.with(|r| (r.flow.clone(), r.answers.clone()));
        if first.get_value() {
            first.set_value(false);
            return;
        }
        request_animation_frame(move || {
            let heading = document().query_selector("main h1").ok().flatten();
            if let Some(heading) = heading.and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = heading.focus();
                set_announcement.set(heading.text_content().unwrap_or_default());
            }
        });
    });
    provide_context(announcement);
}

/// The live region that reads out each new step.
#[component]
pub fn StepAnnouncer() -> impl IntoView {
    let announcement = expect_context::<ReadSignal<String>>();
    view! {
        <p class="visually-hidden" aria-live="polite" data-testid="announcer">
            {announcement}
        </p>
    }
}
