//! The queue of requests: filters, one page of rows, each opening onto the answers behind it,
//! and status changes shown at once and undone if the server refuses them.

use leptos::prelude::*;
use leptos::task::spawn_local;
use signpost_flow::api::{ActionSummary, Status};

use super::api;
use super::export::ExportButton;
use super::filters::Filters;
use super::labels;
use super::session::use_sessions;
use crate::flows;

/// One page of the queue as the server last gave it, with any optimistic changes applied.
#[derive(Debug, Clone, Default, PartialEq)]
struct Loaded {
    rows: Vec<ActionSummary>,
    total: u64,
    pages: u32,
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
    Effect::new(move |_| {
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
                            pages: page.total.div_ceil(u64::from(page.per_page)).max(1) as u32,
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
                Some(Err(error)) => view! { <p class="problem" role="alert">{error.clone()}</p> }.into_any(),
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
                        <For each=rows key=|a| (a.reference.clone(), a.status.as_str()) let:action>
                            <Row action opened change />
                        </For>
                    </tbody>
                </table>
            </div>
            <Pager filters loaded />
        </section>
    }
}

/// One request, and the answers behind it when opened.
#[component]
fn Row(
    action: ActionSummary,
    opened: RwSignal<Option<String>>,
    change: impl Fn(String, Status) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let reference = action.reference.clone();
    let is_open = {
        let reference = reference.clone();
        Memo::new(move |_| opened.with(|o| o.as_deref() == Some(reference.as_str())))
    };
    let toggle = {
        let reference = reference.clone();
        move |_| {
            opened.update(|o| {
                *o = if is_open.get_untracked() {
                    None
                } else {
                    Some(reference.clone())
                }
            })
        }
    };
    let moves = action
        .status
        .moves()
        .iter()
        .map(|&to| {
            let reference = reference.clone();
            view! {
                <button type="button" class="small" data-testid=format!("move-{}", to.as_str())
                    on:click=move |_| change(reference.clone(), to)>
                    {labels::move_to(to)}
                </button>
            }
        })
        .collect_view();
    let flags = action
        .flags
        .iter()
        .map(|f| view! { <li>{labels::words(f)}</li> })
        .collect_view();
    let detail_id = format!("detail-{reference}");
    view! {
        <tr data-testid="row" data-reference=reference.clone()>
            <td>{labels::when(&action.created_at)}</td>
            <td>
                <span class="who">{action.name.clone()}</span>
                <br />
                <span class="email">{action.email.clone()}</span>
            </td>
            <td>
                {labels::flow(&action.flow)}
                <br />
                <span class="help">{labels::outcome(&action.flow, &action.outcome)}</span>
            </td>
            <td><ul class="flags">{flags}</ul></td>
            <td>
                <span class=format!("status status-{}", action.status.as_str()) data-testid="status">
                    {labels::status(action.status)}
                </span>
                <span class="moves">{moves}</span>
            </td>
            <td>
                <button type="button" class="small" data-testid="open" aria-controls=detail_id.clone()
                    aria-expanded=move || is_open.get().to_string() on:click=toggle>
                    {move || if is_open.get() { "Hide" } else { "Details" }}
                    <span class="visually-hidden">" of " {reference.clone()}</span>
                </button>
            </td>
        </tr>
        <Show when=move || is_open.get()>
            <tr class="detail" id=detail_id.clone()>
                <td colspan="6"><Detail reference=action.reference.clone() /></td>
            </tr>
        </Show>
    }
}

/// The answers behind one request, in the words the person read.
#[component]
fn Detail(reference: String) -> impl IntoView {
    let sessions = use_sessions();
    let detail = LocalResource::new(move || {
        let reference = reference.clone();
        async move { api::action(sessions, &reference).await }
    });
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || detail.get().map(|result| match result {
                Ok(detail) => {
                    let answered = detail.answered.into_iter().map(|a| view! {
                        <dt>{a.question}</dt>
                        <dd>{a.answer}</dd>
                    }).collect_view();
                    let version = detail.summary.flow_version.clone();
                    let current = flows::get(&detail.summary.flow).is_some_and(|f| f.version().as_str() == version);
                    let changed = detail.summary.status_changed_by.clone().map(|by| {
                        let at = detail.summary.status_changed_at.as_deref().map(labels::when).unwrap_or_default();
                        view! { <p>"Status last changed by " {by} ", " {at} "."</p> }
                    });
                    view! {
                        <div class="detail-body" data-testid="detail">
                            <p>
                                "Reference " <strong>{detail.summary.reference.clone()}</strong>
                                ", walked on flow version " <code data-testid="flow-version">{version}</code>
                                {if current { " (the current one)" } else { " (an earlier one)" }} "."
                            </p>
                            <dl class="answered">{answered}</dl>
                            {detail.summary.note.clone().map(|note| view! { <p><strong>"Note: "</strong>{note}</p> })}
                            {changed}
                        </div>
                    }.into_any()
                }
                Err(error) => view! { <p class="problem" role="alert">{error.to_string()}</p> }.into_any(),
            })}
        </Suspense>
    }
}

/// Narrows the queue; every change starts again from the first page.
#[component]
fn FilterForm(filters: RwSignal<Filters>) -> impl IntoView {
    let flows = flows::all()
        .iter()
        .map(|f| (f.id().to_owned(), labels::flow(f.id())))
        .collect();
    let actions = labels::actions()
        .into_iter()
        .map(|a| (a.to_owned(), labels::words(a)))
        .collect();
    let statuses = Status::ALL
        .into_iter()
        .map(|s| (s.as_str().to_owned(), labels::status(s).to_owned()))
        .collect();
    view! {
        <form class="filters" role="search" aria-label="Filter requests" on:submit=|ev| ev.prevent_default()>
            <Pick label="Flow" name="flow" options=flows filters field=|f| &mut f.flow />
            <Pick label="Action" name="action" options=actions filters field=|f| &mut f.action />
            <Pick label="Status" name="status" options=statuses filters field=|f| &mut f.status />
            <Field label="From" name="from" kind="date" filters field=|f| &mut f.from />
            <Field label="To" name="to" kind="date" filters field=|f| &mut f.to />
            <Field label="Name or email" name="text" kind="search" filters field=|f| &mut f.text />
            <button type="button" class="small" data-testid="clear-filters" on:click=move |_| filters.set(Filters::default())>
                "Clear filters"
            </button>
        </form>
    }
}

/// Which part of the filters a control shows and sets.
type FilterField = fn(&mut Filters) -> &mut String;

/// A filter chosen from a list, or any.
#[component]
fn Pick(
    label: &'static str,
    name: &'static str,
    /// Values and what they are called.
    options: Vec<(String, String)>,
    filters: RwSignal<Filters>,
    field: FilterField,
) -> impl IntoView {
    let options = options
        .into_iter()
        .map(|(value, text)| view! { <option value=value>{text}</option> })
        .collect_view();
    view! {
        <label>
            {label}
            <select data-testid=format!("filter-{name}") prop:value=current(filters, field) on:change=change(filters, field)>
                <option value="">"Any"</option>
                {options}
            </select>
        </label>
    }
}

/// A filter typed in: a date or some text, applied on Enter or on leaving the field.
#[component]
fn Field(
    label: &'static str,
    name: &'static str,
    kind: &'static str,
    filters: RwSignal<Filters>,
    field: FilterField,
) -> impl IntoView {
    view! {
        <label>
            {label}
            <input type=kind data-testid=format!("filter-{name}") prop:value=current(filters, field) on:change=change(filters, field) />
        </label>
    }
}

fn current(filters: RwSignal<Filters>, field: FilterField) -> impl Fn() -> String + Copy {
    move || field(&mut filters.get()).clone()
}

fn change(filters: RwSignal<Filters>, field: FilterField) -> impl Fn(leptos::ev::Event) + Copy {
    move |ev| {
        let value = event_target_value(&ev);
        filters.update(|f| {
            *field(f) = value;
            f.page = 1;
        });
    }
}

/// Previous and next page, and where we are.
#[component]
fn Pager(filters: RwSignal<Filters>, loaded: Shown) -> impl IntoView {
    let pages = move || {
        loaded.with(|l| {
            l.as_ref()
                .and_then(|l| l.as_ref().ok())
                .map_or(1, |l| l.pages)
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
