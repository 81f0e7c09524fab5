//! The flows as the server sends them: the list and the organisation's words from the page's
//! data block (or the API, where the page has none), and each flow, already checked, once it is
//! needed. A flow read is kept for the rest of the visit, so a walk finishes on the version it
//! started even if a new one is published meanwhile.

use std::cell::RefCell;

use signpost_flow::api::{FlowList, PageData, FLOWS_PATH, PAGE_DATA_ID};
use signpost_flow::Flow;

use crate::api::{self, ApiError};

thread_local! {
    /// Every flow read in this visit. Each lives as long as the page, as views borrow it.
    static LOADED: RefCell<Vec<&'static Flow>> = const { RefCell::new(Vec::new()) };
}

/// What the server wrote into the page, if it did: the flow it holds is kept at once.
pub fn from_page() -> Option<PageData> {
    let block = leptos::prelude::document().get_element_by_id(PAGE_DATA_ID)?;
    let mut data: PageData = crate::json::parse(&block.text_content()?)?;
    if let Some(flow) = data.flow.take() {
        keep(flow);
    }
    Some(data)
}

/// The organisation's words and the list of flows, from the API.
pub async fn fetch_start() -> Result<PageData, ApiError> {
    let organisation = api::organisation().await?;
    let list: FlowList = api::get(FLOWS_PATH, &[]).await?;
    Ok(PageData {
        organisation,
        flows: list.flows,
        flow: None,
    })
}

/// Version `version` of the flow `id`, if this visit has read it.
pub fn loaded(id: &str, version: &str) -> Option<&'static Flow> {
    LOADED.with_borrow(|flows| {
        flows
            .iter()
            .find(|f| f.id() == id && f.version().as_str() == version)
            .copied()
    })
}

/// Version `version` of the flow `id`, read from the server unless this visit has it. The
/// address names the version, so the browser may keep the answer for good.
pub async fn load(id: &str, version: &str) -> Result<&'static Flow, ApiError> {
    if let Some(flow) = loaded(id, version) {
        return Ok(flow);
    }
    let path = format!("{FLOWS_PATH}/{}", api::encode(id));
    Ok(keep(api::get(&path, &[("version", version)]).await?))
}

fn keep(flow: Flow) -> &'static Flow {
    let flow: &'static Flow = Box::leak(Box::new(flow));
    LOADED.with_borrow_mut(|flows| flows.push(flow));
    flow
}
