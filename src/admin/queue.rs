//! The queue of requests: filters, one page of rows, each opening onto the answers behind it,
//! and status changes shown at once and undone if the server refuses them.

use leptos::prelude::*;
use leptos::task::spawn_local;
use signpost_flow::api::{ActionSummary, Status};

use super::api;
use super::export::ExportButton;
use super::filters::{FilterForm, Filters};
use super::labels;
use super::row::Row;
use super::session::use_sessions;

/// One page of the queue as the server last gave it, with any optimistic changes applied.
#[derive(Debug, Clone, Default, PartialEq)]
struct Loaded {
    rows: Vec<ActionSummary>,
    total: u64,
    per_page: u32,
}

impl Loaded {
    /// How many pages the matching requests fill; at least one, even when none match.
    fn pages(&self) -> u32 {
        (self.total.div_ceil(u64::from(self.per_page)).max(1)) as u32
    }
}

/// The page on screen: none until the first answer, or why it could not be loaded.
type Shown = RwSignal<Option<Result<Loaded, String>>>;

/// The filters form, the table and the pager.
#[component]
pub fn Queue(filters: RwSignal<Filters>) -> impl IntoView {
    let sessions = use_sessions();
    let loaded: Shown = RwSignal::new(None);
    let opened = RwSignal::new(None::<String>);
    let (notice, set_notice) = signal(String::new());
    let (problem, set_problem) = signal(None::<String>);
    // Only the answer to the latest request is shown, however the answers arrive.
    let latest = StoredValue::new(0u32);
    let (busy, set_busy) = signal(true);
    // Bumped to load the page again: a status change can change which others are possible
    // duplicates.
    let reload = RwSignal::new(0u32);
    Effect::new(move |_| {
        reload.track();
        let current = filters.get();
        current.show_in_address();
        let this = latest.get_value() + 1;
        latest.set_value(this);
        set_busy.set(true);
        spawn_local(async move {
            let result = api::queue(sessions, &current).await;
            if latest.get_value() == this {
                set_busy.set(false);
                loaded.set(Some(
                    result
                        .map(|page| Loaded {
                            total: page.total,
                            per_page: page.per_page,
                            rows: page.items,
                        })
                        .map_err(|e| e.to_string()),
                ));
            }
        });
    });
    let change = move |reference: String, status: Status| {
        let Some(before) = row(loaded, &reference) else {
            return;
        };
        let mut moved = before.clone();
        moved.status = status;
        put_row(loaded, moved);
        set_problem.set(None);
        spawn_local(async move {
            match api::set_status(sessions, &reference, status).await {
                Ok(saved) => {
                    put_row(loaded, saved);
                    set_notice.set(format!("{reference} is now {}.", labels::status(status)));
                    reload.update(|n| *n += 1);
                }
                Err(error) => {
                    let was = labels::status(before.status);
                    put_row(loaded, before);
                    set_problem.set(Some(format!("{reference} is still {was}: {error}")));
                }
            }
        });
    };
    let rows = move || {
        loaded
            .with(|l| {
                l.as_ref()
                    .and_then(|l| l.as_ref().ok())
                    .map(|l| l.rows.clone())
            })
            .unwrap_or_default()
    };
    view! {
        <section aria-labelledby="queue-heading">
            <h1 id="queue-heading" tabindex="-1">"Requests"</h1>
            <FilterForm filters />
            <p class="visually-hidden" role="status" data-testid="status-notice">{notice}</p>
            <p class="problem" role="alert" data-testid="queue-problem">{problem}</p>
            {move || loaded.with(|l| match l {
                None => view! { <p class="loading">"Loading…"</p> }.into_any(),
                Some(Err(error)) => super::problem(error),
                Some(Ok(page)) => view! {
                    <div class="queue-summary">
                        <p data-testid="total">{match page.total { 1 => "1 request matches.".to_owned(), n => format!("{n} requests match.") }}</p>
                        <ExportButton filters />
                    </div>
                }.into_any(),
            })}
            <div class="table-scroll">
                <table class="queue" data-testid="queue" aria-busy=move || busy.get().to_string()>
                    <caption class="visually-hidden">"Requests, newest first"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Received"</th>
                            <th scope="col">"Who"</th>
                            <th scope="col">"Flow and outcome"</th>
                            <th scope="col">"Flags"</th>
                            <th scope="col">"Status"</th>
                            <th scope="col"><span class="visually-hidden">"Details"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=rows key=|a| (a.reference.clone(), a.status.as_str(), a.possible_duplicate) let:action>
                            <Row action opened change />
                        </For>
                    </tbody>
                </table>
            </div>
            <Pager filters loaded />
        </section>
    }
}

/// Previous and next page, and where we are.
#[component]
fn Pager(filters: RwSignal<Filters>, loaded: Shown) -> impl IntoView {
    let pages = move || {
        loaded.with(|l| {
            l.as_ref()
                .and_then(|l| l.as_ref().ok())
                .map_or(1, Loaded::pages)
        })
    };
    let page = move || filters.with(|f| f.page);
    let go =
        move |by: i64| move |_| filters.update(|f| f.page = (i64::from(f.page) + by).max(1) as u32);
    view! {
        <nav class="pager" aria-label="Pages">
            <button type="button" class="small" data-testid="previous-page" disabled=move || { page() <= 1 } on:click=go(-1)>"Previous"</button>
            <span data-testid="page">{move || format!("Page {} of {}", page(), pages())}</span>
            <button type="button" class="small" data-testid="next-page" disabled=move || { page() >= pages() } on:click=go(1)>"Next"</button>
        </nav>
    }
}

fn row(loaded: Shown, reference: &str) -> Option<ActionSummary> {
    loaded.with_untracked(|l| {
        let rows = &l.as_ref()?.as_ref().ok()?.rows;
        rows.iter().find(|a| a.reference == reference).cloned()
    })
}

/// Replaces the row with the same reference.
fn put_row(loaded: Shown, action: ActionSummary) {
    loaded.update(|l| {
        if let Some(Ok(page)) = l {
            if let Some(row) = page
                .rows
                .iter_mut()
                .find(|a| a.reference == action.reference)
            {
                *row = action;
            }
        }
    });
}
