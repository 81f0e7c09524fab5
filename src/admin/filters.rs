//! The queue's filters and page, kept in the address bar so a reload or a shared link shows the
//! same requests (the token never goes there), and the form that sets them.

use leptos::prelude::*;
use signpost_flow::api::Status;
use web_sys::UrlSearchParams;

use super::labels;

/// What the administrator narrowed the queue to. Empty means any.
#[derive(Debug, Clone, PartialEq)]
pub struct Filters {
    pub flow: String,
    pub action: String,
    pub status: String,
    /// First day included, `YYYY-MM-DD`.
    pub from: String,
    /// Last day included, `YYYY-MM-DD`.
    pub to: String,
    /// Part of a name or email.
    pub text: String,
    /// Counted from 1.
    pub page: u32,
}

impl Default for Filters {
    fn default() -> Filters {
        Filters {
            flow: String::new(),
            action: String::new(),
            status: String::new(),
            from: String::new(),
            to: String::new(),
            text: String::new(),
            page: 1,
        }
    }
}

impl Filters {
    /// The filters in the address bar.
    pub fn from_address() -> Filters {
        let search = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        let Ok(params) = UrlSearchParams::new_with_str(&search) else {
            return Filters::default();
        };
        let get = |name: &str| params.get(name).unwrap_or_default();
        Filters {
            flow: get("flow"),
            action: get("action"),
            status: get("status"),
            from: get("from"),
            to: get("to"),
            text: get("q"),
            page: get("page").parse().unwrap_or(1).max(1),
        }
    }

    /// Puts the filters in the address bar, replacing the current entry.
    pub fn show_in_address(&self) {
        let query = self.query();
        let Some(window) = web_sys::window() else {
            return;
        };
        let path = window.location().pathname().unwrap_or_default();
        let url = match query.is_empty() {
            true => path,
            false => format!("{path}?{query}"),
        };
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }

    /// The query string for this page of the queue.
    pub fn query(&self) -> String {
        let page = (self.page > 1).then(|| self.page.to_string());
        encode(&[("page", page.as_deref().unwrap_or_default())], self)
    }

    /// The query string for every matching action (the export).
    pub fn query_all_pages(&self) -> String {
        encode(&[], self)
    }

    /// Just the date range, for the charts.
    pub fn dates(&self) -> String {
        encode_pairs(&[("from", &self.from), ("to", &self.to)])
    }
}

/// Narrows the queue; every change starts again from the first page.
#[component]
pub fn FilterForm(filters: RwSignal<Filters>) -> impl IntoView {
    let flows = labels::flows();
    let actions = labels::actions()
        .into_iter()
        .map(|a| {
            let words = labels::words(&a);
            (a, words)
        })
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

fn encode(extra: &[(&str, &str)], filters: &Filters) -> String {
    let mut pairs = vec![
        ("flow", filters.flow.as_str()),
        ("action", &filters.action),
        ("status", &filters.status),
        ("from", &filters.from),
        ("to", &filters.to),
        ("q", filters.text.trim()),
    ];
    pairs.extend_from_slice(extra);
    encode_pairs(&pairs)
}

/// `name=value&...` for the pairs whose value is not empty, encoded.
fn encode_pairs(pairs: &[(&str, &str)]) -> String {
    let params = UrlSearchParams::new().expect("URLSearchParams exists");
    for (name, value) in pairs.iter().filter(|(_, v)| !v.is_empty()) {
        params.append(name, value);
    }
    params.to_string().into()
}
