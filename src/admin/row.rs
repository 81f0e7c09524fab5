//! One request in the queue: who, which outcome, flags, when and status, with buttons that move
//! it on, and the answers behind it when opened.

use leptos::prelude::*;
use signpost_flow::api::{ActionSummary, Status};

use super::labels;
use super::session::use_sessions;
use super::{api, when_loaded};
use crate::loaded::Loaded;

/// What a possible duplicate is, where one is marked.
const DUPLICATE: &str = "Possible duplicate: another open request from the last 30 days has \
    the same email and action. Search for the email to see them together.";

/// One request, and the answers behind it when opened.
#[component]
pub fn Row(
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
        .map(|f| view! { <li>{labels::flag(&action.flow, f)}</li> })
        .collect_view();
    let detail_id = format!("detail-{reference}");
    view! {
        <tr data-testid="row" data-reference=reference.clone()>
            <td>{labels::when(&action.created_at)}</td>
            <td>
                <span class="who">{action.name.clone()}</span>
                <br />
                <span class="email">{action.email.clone()}</span>
                {action.possible_duplicate.then(|| view! {
                    <br />
                    <span class="duplicate" data-testid="possible-duplicate" title=DUPLICATE>
                        "Possible duplicate"
                    </span>
                })}
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
    let detail = Loaded::once(async move { api::action(sessions, &reference).await });
    when_loaded(detail, |detail| {
        let answered = detail
            .answered
            .into_iter()
            .map(|a| {
                view! {
                    <dt>{a.question}</dt>
                    <dd>{a.answer}</dd>
                }
            })
            .collect_view();
        let version = detail.summary.flow_version.clone();
        let current = labels::is_live(&detail.summary.flow, &version);
        let changed = detail.summary.status_changed_by.clone().map(|by| {
            let at = detail
                .summary
                .status_changed_at
                .as_deref()
                .map(labels::when)
                .unwrap_or_default();
            view! { <p>"Status last changed by " {by} ", " {at} "."</p> }
        });
        view! {
            <div class="detail-body" data-testid="detail">
                <p>
                    "Reference " <strong>{detail.summary.reference.clone()}</strong>
                    ", walked on flow version " <code data-testid="flow-version">{version}</code>
                    {if current { " (the current one)" } else { " (an earlier one)" }} "."
                </p>
                {detail.summary.possible_duplicate.then(|| view! { <p data-testid="duplicate-note">{DUPLICATE}</p> })}
                <dl class="answered">{answered}</dl>
                {detail.summary.note.clone().map(|note| view! { <p><strong>"Note: "</strong>{note}</p> })}
                {changed}
            </div>
        }
        .into_any()
    })
}
