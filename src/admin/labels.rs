//! How the administrators' page names what the API gives as ids: flows and outcomes by their
//! English titles and flags by their descriptions, as the review of the live flows names them;
//! statuses in words, times without their seconds.

use std::cell::RefCell;

use signpost_flow::api::{FlowReview, FlowsOverview, Named, Status};

use super::api;
use super::session::Sessions;
use crate::api::ApiError;

thread_local! {
    /// The live flows as the last review named them.
    static LIVE: RefCell<Vec<FlowReview>> = const { RefCell::new(Vec::new()) };
}

/// Reads the review of the live flows, and names what the page shows by it from then on.
pub async fn load(sessions: Sessions) -> Result<FlowsOverview, ApiError> {
    let overview = api::flows(sessions).await?;
    LIVE.set(overview.flows.clone());
    Ok(overview)
}

/// What `shown` finds in the live flow `id`, if there is such a flow.
fn in_flow<R>(id: &str, shown: impl FnOnce(&FlowReview) -> Option<R>) -> Option<R> {
    LIVE.with_borrow(|flows| flows.iter().find(|f| f.id == id).and_then(shown))
}

/// The name `id` has among `names`.
fn name(names: &[Named], id: &str) -> Option<String> {
    names.iter().find(|n| n.id == id).map(|n| n.name.clone())
}

/// Each live flow's id and title, in the server's order.
pub fn flows() -> Vec<(String, String)> {
    LIVE.with_borrow(|flows| {
        flows
            .iter()
            .map(|f| (f.id.clone(), f.title.clone()))
            .collect()
    })
}

/// The flow's title, or its id for a flow no longer live.
pub fn flow(id: &str) -> String {
    in_flow(id, |f| Some(f.title.clone())).unwrap_or_else(|| id.to_owned())
}

/// The outcome's title, or its id for one the live flow no longer has.
pub fn outcome(flow: &str, id: &str) -> String {
    in_flow(flow, |f| name(&f.outcomes, id)).unwrap_or_else(|| id.to_owned())
}

/// What a flag of `flow` means, or its id in words for one the live flow no longer describes.
pub fn flag(flow: &str, id: &str) -> String {
    in_flow(flow, |f| name(&f.flags, id)).unwrap_or_else(|| words(id))
}

/// Whether `version` is the live version of `flow`.
pub fn is_live(flow: &str, version: &str) -> bool {
    in_flow(flow, |f| Some(f.version == version)).unwrap_or(false)
}

/// Every action id the live flows can send, once each, in flow order.
pub fn actions() -> Vec<String> {
    let mut actions: Vec<String> = Vec::new();
    LIVE.with_borrow(|flows| {
        for action in flows.iter().flat_map(|f| &f.actions) {
            if !actions.contains(action) {
                actions.push(action.clone());
            }
        }
    });
    actions
}

/// An id such as `request_invitation` as words: "request invitation".
pub fn words(id: &str) -> String {
    id.replace('_', " ")
}

pub fn status(status: Status) -> &'static str {
    match status {
        Status::New => "New",
        Status::InProgress => "In progress",
        Status::Done => "Done",
        Status::Dismissed => "Dismissed",
    }
}

/// The button that moves an action to `status`.
pub fn move_to(status: Status) -> &'static str {
    match status {
        Status::New => "Reopen",
        Status::InProgress => "Start",
        Status::Done => "Mark done",
        Status::Dismissed => "Dismiss",
    }
}

/// A stored time (RFC 3339, UTC) as `2026-11-23 09:41 UTC`.
pub fn when(time: &str) -> String {
    match (time.get(..10), time.get(11..16)) {
        (Some(day), Some(minute)) => format!("{day} {minute} UTC"),
        _ => time.to_owned(),
    }
}
