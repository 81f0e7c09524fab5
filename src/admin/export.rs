//! Downloads the queue under the current filters as CSV, as the server streams it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

use signpost_flow::api::ADMIN_EXPORT_FILE;

use super::api;
use super::filters::Filters;
use super::session::use_sessions;

/// The export button, with what went wrong if the download failed.
#[component]
pub fn ExportButton(filters: RwSignal<Filters>) -> impl IntoView {
    let sessions = use_sessions();
    let (busy, set_busy) = signal(false);
    let (problem, set_problem) = signal(None::<String>);
    let export = move |_| {
        set_busy.set(true);
        set_problem.set(None);
        let filters = filters.get_untracked();
        spawn_local(async move {
            match api::export(sessions, &filters).await {
                Ok(csv) => {
                    if save(&csv, ADMIN_EXPORT_FILE).is_err() {
                        set_problem.set(Some("The browser did not save the file.".into()));
                    }
                }
                Err(error) => set_problem.set(Some(error.to_string())),
            }
            set_busy.set(false);
        });
    };
    view! {
        <button type="button" class="small" data-testid="export" disabled=busy on:click=export>
            "Export these as CSV"
        </button>
        <span class="problem" role="alert">{problem}</span>
    }
}

/// Offers `text` to the browser as a file download.
fn save(text: &str, name: &str) -> Result<(), JsValue> {
    let options = BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let link: HtmlAnchorElement = document().create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // The download has started by then; the URL only holds memory.
    set_timeout(
        move || drop(Url::revoke_object_url(&url)),
        Duration::from_secs(30),
    );
    Ok(())
}
