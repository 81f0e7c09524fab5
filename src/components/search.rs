//! The search on the list of flows: a labelled box, the places it finds as links, and a polite
//! status that says how many. A result opens its flow at the start, heading for what it found,
//! so the person still answers every question on the way.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use signpost_flow::search::{Hit, Searcher};
use wasm_bindgen::JsCast;

use crate::api::ApiError;
use crate::i18n::{self, t};
use crate::route::{followed_here, use_navigator};

/// What the search shows under its box.
#[derive(Debug, Clone)]
enum Shown {
    /// Nothing asked yet.
    Nothing,
    /// The index is on its way.
    Searching,
    Unavailable,
    Found(Vec<Hit<'static>>),
}

#[component]
pub fn Search() -> impl IntoView {
    let nav = use_navigator();
    let lang = i18n::lang();
    let words = t();
    let query = StoredValue::new(String::new());
    let searcher = StoredValue::new(None::<Result<&'static Searcher, ApiError>>);
    let shown = RwSignal::new(Shown::Nothing);
    // Searched on each change of the words, and once more when the index arrives.
    let search = move || {
        let query = query.get_value();
        shown.set(match (query.trim().is_empty(), searcher.get_value()) {
            (true, _) => Shown::Nothing,
            (false, None) => Shown::Searching,
            (false, Some(Err(_))) => Shown::Unavailable,
            (false, Some(Ok(searcher))) => Shown::Found(searcher.find(&query)),
        });
    };
    // The index is read the first time the box is used, not with the page.
    let asked = StoredValue::new(false);
    let read_index = move || {
        if !asked.get_value() {
            asked.set_value(true);
            leptos::task::spawn_local(async move {
                searcher.set_value(Some(crate::search::searcher(lang).await));
                search();
            });
        }
    };
    let status = move || match shown.get() {
        Shown::Nothing => String::new(),
        Shown::Searching => words.searching.to_owned(),
        Shown::Unavailable => words.search_unavailable.to_owned(),
        Shown::Found(hits) if hits.is_empty() => words.no_results.to_owned(),
        Shown::Found(hits) => words.results(hits.len()),
    };
    let results = move || {
        let Shown::Found(hits) = shown.get() else {
            return None;
        };
        let items = hits
            .into_iter()
            .map(|hit| {
                let goal = hit.goal.map(|g| g.node.as_str());
                let to = nav.route_untracked().heading(&hit.flow.id, goal);
                let href = to.href();
                let open = move |ev: leptos::ev::MouseEvent| {
                    if followed_here(&ev) {
                        ev.prevent_default();
                        nav.go(to.clone());
                    }
                };
                view! {
                    <li>
                        <a href=href data-testid="search-result" on:click=open>
                            <span class="result-title">{hit.title().to_owned()}</span>
                            {hit.goal.map(|_| {
                                view! { <span class="result-flow">{hit.flow.title.clone()}</span> }
                            })}
                        </a>
                    </li>
                }
            })
            .collect_view();
        Some(view! { <ul class="search-results" data-testid="search-results">{items}</ul> })
    };
    // Enter moves to the first result, from where Tab walks the list.
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let first = document()
            .query_selector("[data-testid=search-result]")
            .ok()
            .flatten();
        if let Some(link) = first.and_then(|l| l.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = link.focus();
        }
    };
    view! {
        <form class="search" role="search" on:submit=on_submit>
            <label for="search">{words.home.search_label}</label>
            <input
                type="search"
                id="search"
                data-testid="search"
                autocomplete="off"
                aria-describedby="search-help"
                on:focus=move |_| read_index()
                on:input=move |ev| {
                    read_index();
                    query.set_value(event_target_value(&ev));
                    search();
                }
            />
            <p id="search-help" class="help">{words.home.search_help}</p>
            <p class="search-status" role="status" data-testid="search-status">{status}</p>
            {results}
        </form>
    }
}
