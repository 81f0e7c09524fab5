//! The employee's side of the app: the list of flows, or the flow in the address bar.

use leptos::prelude::*;
use signpost_flow::api::{FlowList, FlowSummary, PageData};
use signpost_flow::{Flow, Lang};
use wasm_bindgen::JsCast;

use crate::api::ApiError;
use crate::components::trainer::Tools;
use crate::flows;
use crate::i18n::{self, t, Speaking};
use crate::loaded::Loaded;
use crate::outbox::{Outbox, Walked};
use crate::pages::home::Home;
use crate::pages::wizard::{Edition, Wizard};
use crate::route::{followed_here, use_navigator, Navigator, Route};

/// Shows the flow the address bar names, or the list of flows, in the language the address bar
/// names or else the browser's.
#[component]
pub fn Guide(start: PageData) -> impl IntoView {
    let PageData {
        organisation,
        flows: list,
        ..
    } = start;
    let name = organisation.clone();
    let heading = move || i18n::lang().masthead(name.name_in(i18n::lang()));
    provide_context(organisation);
    provide_context(FlowList {
        flows: list.clone(),
    });
    let list = StoredValue::new(list);
    let nav = Navigator::provide();
    let lang = Memo::new(move |_| nav.with(|r| r.lang).unwrap_or_else(i18n::browser));
    Speaking::provide(lang);
    i18n::mark_page(lang);
    crate::embed::fit_to_host(nav);
    let outbox = Outbox::provide();
    let flow = Memo::new(move |_| nav.with(|r| r.flow.clone()));
    let answers = Memo::new(move |_| nav.with(|r| r.answers.clone()));
    let opening = Memo::new(move |_| {
        nav.with(|r| {
            list.with_value(|list| {
                let live = list.iter().find(|f| r.flow.as_ref() == Some(&f.id))?;
                Some(Opening {
                    live: live.clone(),
                    version: r.version.clone().unwrap_or_else(|| live.version.clone()),
                })
            })
        })
    });
    announce_each_step(flow, answers);
    let embedded = nav.with(|r| r.embed);
    // The trainer's bundle leads or follows the classroom session the address names.
    let classroom = use_context::<Tools>().map(|tools| (tools.classroom)());
    view! {
        {(!embedded).then(|| view! {
            <header class="masthead">
                <p class="brand">{heading}</p>
                <LanguageSwitch />
            </header>
        })}
        <main id="main" class="page">
            {embedded.then(|| view! { <LanguageSwitch /> })}
            <StepAnnouncer />
            <OutboxBanner outbox />
            {classroom}
            {move || match opening.get() {
                Some(opening) => view! { <FlowLoader opening answers /> }.into_any(),
                // Component bodies read untracked: the closure redraws the list in a new language.
                None => {
                    view! {
                        {move || {
                            i18n::lang();
                            view! { <Home /> }
                        }}
                    }
                        .into_any()
                }
            }}
        </main>
    }
}

/// Which flow the address opens, and on which version: the one the address names (a walk in
/// progress), or else the live one.
#[derive(Debug, Clone, PartialEq)]
struct Opening {
    live: FlowSummary,
    version: String,
}

/// The flow and version `opening` names: at once if the page brought it, or once the server has
/// sent it. A named version the server no longer has opens the live one instead.
#[component]
fn FlowLoader(opening: Opening, answers: Memo<Vec<String>>) -> impl IntoView {
    let Opening { live, version } = opening;
    let live_version = live.version.clone();
    let edition = move |flow: &Flow| match flow.version().as_str() == live_version {
        true => Edition::Live,
        false => Edition::Older,
    };
    if let Some(flow) = flows::loaded(&live.id, &version) {
        let edition = edition(flow);
        return view! { <Wizard flow answers edition /> }.into_any();
    }
    let id = live.id.clone();
    let live_version = live.version.clone();
    let nav = use_navigator();
    let flow = Loaded::once(async move {
        match flows::load(&id, &version).await {
            Err(ApiError::Refused { status: 404, .. }) if version != live_version => {
                let live = flows::load(&id, &live_version).await?;
                // The address then names no version: the live one is read against it.
                let route = nav.route_untracked();
                nav.replace(Route {
                    version: None,
                    ..route
                });
                Ok(live)
            }
            loaded => loaded,
        }
    });
    let shown = move |flow| {
        let edition = edition(flow);
        view! { <Wizard flow answers edition /> }.into_any()
    };
    flow.view(crate::loading, shown, crate::problem).into_any()
}

/// Tells the person about confirmations an earlier visit left waiting, and when they arrive
/// (but for the walk on screen, whose outcome shows its receipt).
#[component]
fn OutboxBanner(outbox: Outbox) -> impl IntoView {
    let nav = use_navigator();
    let any_waiting = Memo::new(move |_| outbox.waiting_count() > 0);
    let delivered = move || {
        let shown = nav.with(|r| {
            r.flow.clone().map(|flow| Walked {
                flow,
                answers: r.answers.clone(),
            })
        });
        outbox
            .delivered_earlier(shown.as_ref())
            .into_iter()
            .map(|r| view! { <li>{move || t().earlier_received} <strong>{r.reference}</strong></li> })
            .collect_view()
    };
    view! {
        <div class="outbox-banner" role="status" data-testid="outbox-banner">
            <ul data-testid="delivered-earlier">{delivered}</ul>
            {move || any_waiting.get().then(|| view! {
                <p data-testid="waiting-count">{move || t().waiting(outbox.waiting_count())}</p>
            })}
        </div>
    }
}

/// After each move (not on arrival, nor on a change of language), puts focus on the new step's
/// heading, so keyboard and screen reader users land on it, and announces it in a polite live
/// region.
fn announce_each_step(flow: Memo<Option<String>>, answers: Memo<Vec<String>>) {
    let (announcement, set_announcement) = signal(String::new());
    let first = StoredValue::new(true);
    Effect::new(move |_| {
        // Read, not only tracked: a memo never read never learns its own sources.
        flow.with(|_| ());
        answers.with(|_| ());
        if first.get_value() {
            first.set_value(false);
            return;
        }
        focus_heading(set_announcement, HEADING_FRAMES);
    });
    provide_context(announcement);
}

/// How many frames focus waits for the new step's heading: a flow the page did not bring is
/// read from the server first (a second or so), and shows "Loading…" meanwhile.
const HEADING_FRAMES: u32 = 300;

/// Focuses and announces the page's heading at the next frame, or, while the step is still
/// loading and has none, at a later one.
fn focus_heading(set_announcement: WriteSignal<String>, frames: u32) {
    request_animation_frame(move || {
        let heading = document().query_selector("main h1").ok().flatten();
        match heading.and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok()) {
            Some(heading) => {
                let _ = heading.focus();
                set_announcement.set(heading.text_content().unwrap_or_default());
            }
            None if frames > 0 => focus_heading(set_announcement, frames - 1),
            None => {}
        }
    });
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

/// Links to the wizard in each language, keeping the step the person is on. The current
/// language is marked rather than linked.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let nav = use_navigator();
    let links = Lang::ALL
        .into_iter()
        .map(|lang| {
            let href = move || nav.with(|r| r.in_lang(lang).href());
            let current = move || i18n::lang() == lang;
            let switch = move |ev: leptos::ev::MouseEvent| {
                if !followed_here(&ev) {
                    return;
                }
                ev.prevent_default();
                if !current() {
                    nav.go(nav.route().in_lang(lang));
                }
            };
            view! {
                <li>
                    <a
                        href=href
                        hreflang=lang.code()
                        lang=lang.code()
                        data-testid=format!("lang-{}", lang.code())
                        aria-current=move || current().then_some("true")
                        on:click=switch
                    >
                        {lang.name()}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="languages" aria-label=move || i18n::lang().switcher_label() data-testid="languages">
            <ul>{links}</ul>
        </nav>
    }
}
