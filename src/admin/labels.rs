//! How the administrators' page names what the API gives as ids: flows and outcomes by their
//! English titles and flags by their descriptions, statuses in words, times without their seconds.

use leptos::prelude::expect_context;
use signpost_flow::api::Status;
use signpost_flow::org::Organisation;
use signpost_flow::{Lang, Text};

use crate::flows;

/// The flow's title, or its id for a flow this build no longer has.
pub fn flow(id: &str) -> String {
    flows::get(id).map_or_else(|| id.to_owned(), |f| english(f.title()))
}

/// The outcome's title, or its id for one this build no longer has.
pub fn outcome(flow: &str, id: &str) -> String {
    flows::get(flow)
        .and_then(|f| f.node_by_key(id))
        .map_or_else(|| id.to_owned(), |(_, n)| english(n.text()))
}

/// What a flag of `flow` means, or its id in words for one this build no longer describes.
pub fn flag(flow: &str, id: &str) -> String {
    flows::get(flow)
        .and_then(|f| f.flag(id))
        .map_or_else(|| words(id), english)
}

/// A flow text as administrators read it: in English (as the server's answers and funnel
/// are), with the organisation's words filled in.
fn english(text: &Text) -> String {
    expect_context::<Organisation>().fill_in(text.get(Lang::En), Lang::En)
}

/// Every action id the flows can send, once each, in flow order.
pub fn actions() -> Vec<&'static str> {
    let mut actions: Vec<&str> = Vec::new();
    for flow in flows::all() {
        for action in flow.actions() {
            if !actions.contains(&action.as_str()) {
                actions.push(action.as_str());
            }
        }
    }
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
