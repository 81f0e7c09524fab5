//! The flows as administrators review them: each live version, when it was published, the
//! versions people walked lately, and what the last publish changed, in the words of
//! `signpost-flows diff`; and a button that publishes the server's flow folder again.

use leptos::prelude::*;
use leptos::task::spawn_local;
use signpost_flow::api::{FlowReview, FlowsOverview, Published, ReloadFailure, WalkedVersion};

use super::labels;
use super::session::use_sessions;
use super::{api, problem};
use crate::api::ApiError;

/// The review of every live flow, with the reload button above it: `first` as the workspace
/// read it, then as read again after each publish.
#[component]
pub fn Flows(first: FlowsOverview) -> impl IntoView {
    let sessions = use_sessions();
    let overview = RwSignal::new(Ok::<_, ApiError>(first));
    let (busy, set_busy) = signal(false);
    let (done, set_done) = signal(String::new());
    let (refused, set_refused) = signal(None::<String>);
    let reload = move |_| {
        set_busy.set(true);
        set_done.set(String::new());
        set_refused.set(None);
        spawn_local(async move {
            let reloaded = api::reload_flows(sessions).await;
            // Read again whatever the answer: the review tells a refusal too, and the new flows
            // name the queue's and the charts' outcomes from now on.
            overview.set(labels::load(sessions).await);
            match reloaded {
                Ok(published) => set_done.set(live_now(&published)),
                Err(error) => set_refused.set(Some(error.to_string())),
            }
            set_busy.set(false);
        });
    };
    view! {
        <section class="flows-review" aria-labelledby="flows-heading" data-testid="flows-view">
            <h2 id="flows-heading">"Flows"</h2>
            <p class="help">
                "The flow versions live now and what their last publish changed. After editing the \
                 flow folder, publish it again: a broken file is refused, and the flows live now \
                 stay live."
            </p>
            <p class="reload">
                <button type="button" data-testid="reload-flows" disabled=busy on:click=reload>
                    "Publish the flow folder again"
                </button>
            </p>
            <p role="status" data-testid="reload-done">{done}</p>
            <p class="problem" role="alert" data-testid="reload-problem">{refused}</p>
            {move || match overview.get() {
                Ok(overview) => review(overview),
                Err(error) => problem(error),
            }}
        </section>
    }
}

/// "Published. Live now: …", naming each flow's version.
fn live_now(published: &Published) -> String {
    let live: Vec<String> = published
        .flows
        .iter()
        .map(|f| format!("{} version {}", labels::flow(&f.id), f.version))
        .collect();
    format!("Published. Live now: {}.", live.join("; "))
}

fn review(overview: FlowsOverview) -> AnyView {
    let flows = overview
        .flows
        .into_iter()
        .map(|flow| view! { <li><FlowCard flow /></li> })
        .collect_view();
    view! {
        {overview.reload_failure.map(failure)}
        <ul class="flow-reviews">{flows}</ul>
    }
    .into_any()
}

/// The last reload the server refused, until one succeeds.
fn failure(failure: ReloadFailure) -> impl IntoView {
    view! {
        <div class="warning reload-failure" role="alert" data-testid="reload-failure">
            <p>
                <strong>"The last reload was refused"</strong>
                {format!(" ({}); the flows below stayed live:", labels::when(&failure.at))}
            </p>
            <p>{failure.message}</p>
        </div>
    }
}

/// One live flow.
#[component]
fn FlowCard(flow: FlowReview) -> impl IntoView {
    let heading = format!("flow-{}-heading", flow.id);
    let published = flow
        .published
        .as_deref()
        .map_or_else(|| "Not recorded".to_owned(), labels::when);
    view! {
        <article class="flow-review" data-testid="flow-review" data-flow=flow.id.clone()
            aria-labelledby=heading.clone()>
            <h3 id=heading.clone()>{flow.title.clone()}</h3>
            <dl class="flow-facts">
                <dt>"Live version"</dt>
                <dd><code data-testid="flow-version">{flow.version.clone()}</code></dd>
                <dt>"Published"</dt>
                <dd data-testid="flow-published">{published}</dd>
            </dl>
            <h4>"Walks started in the last 30 days"</h4>
            {walked(&flow.walked, &flow.version)}
            {changes(&flow)}
            {outcome_links(&flow)}
        </article>
    }
}

/// A link to each outcome of the flow by its id (`/?flow=join&to=separate`), for intranet
/// pages: each opens on the live version's shortest way there, so a publish does not break it.
fn outcome_links(flow: &FlowReview) -> AnyView {
    let links = flow
        .outcomes
        .iter()
        .map(|outcome| {
            let href = format!("/?flow={}&to={}", flow.id, outcome.id);
            view! {
                <li><a href=href.clone() data-testid=format!("outcome-link-{}", outcome.id)>{outcome.name.clone()}</a> " " <code>{href}</code></li>
            }
        })
        .collect_view();
    view! {
        <details class="outcome-links">
            <summary>"Links to each outcome, for intranet pages"</summary>
            <ul>{links}</ul>
        </details>
    }
    .into_any()
}

/// The versions people started walking lately, newest first, the live one marked.
fn walked(versions: &[WalkedVersion], live: &str) -> AnyView {
    if versions.is_empty() {
        return view! {
            <p class="help" data-testid="walked-versions">"No one started this flow in the last 30 days."</p>
        }
        .into_any();
    }
    let items = versions
        .iter()
        .map(|v| {
            let walks = match v.started {
                1 => "1 walk".to_owned(),
                n => format!("{n} walks"),
            };
            let is_live = v.version == live;
            view! {
                <li data-version=v.version.clone()>
                    <code>{v.version.clone()}</code>
                    {is_live.then(|| view! { " " <strong class="live-mark">"(live)"</strong> })}
                    {format!(": {walks}")}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="walked" data-testid="walked-versions">{items}</ul> }.into_any()
}

/// What the live version changed from the one before, line by line as the diff reports it.
fn changes(flow: &FlowReview) -> AnyView {
    let Some(previous) = flow.previous.clone() else {
        return view! {
            <h4>"Changes"</h4>
            <p data-testid="flow-changes">"No earlier version"</p>
        }
        .into_any();
    };
    if flow.changes.is_empty() {
        return view! {
            <h4>"Changes"</h4>
            <p data-testid="flow-changes">"No changes from version " <code>{previous}</code></p>
        }
        .into_any();
    }
    let routing = flow.routing_changed.then(|| {
        view! {
            <p class="warning" data-testid="routing-changed">
                <strong>"Changes the routing: review before approving"</strong>
            </p>
        }
    });
    view! {
        <h4>"Changes from version " <code>{previous}</code></h4>
        <div data-testid="flow-changes">
            {routing}
            {lines(nest(&flow.changes))}
        </div>
    }
    .into_any()
}

/// A report line and the lines indented under it.
struct Line {
    text: String,
    under: Vec<Line>,
}

/// The report's lines as a tree: each two spaces of indent put a line under the one above.
fn nest(report: &[String]) -> Vec<Line> {
    let mut top = Vec::new();
    for line in report {
        let text = line.trim_start();
        let depth = (line.len() - text.len()) / 2;
        let line = Line {
            text: text.to_owned(),
            under: Vec::new(),
        };
        place(&mut top, depth, line);
    }
    top
}

/// Puts `line` `depth` levels under the last line of `level` (or as deep as there are lines).
fn place(level: &mut Vec<Line>, depth: usize, line: Line) {
    match level.last_mut() {
        Some(parent) if depth > 0 => place(&mut parent.under, depth - 1, line),
        _ => level.push(line),
    }
}

/// The lines as a list, each with its own list of the lines under it.
fn lines(report: Vec<Line>) -> AnyView {
    let items = report
        .into_iter()
        .map(|line| {
            let under = (!line.under.is_empty()).then(|| lines(line.under));
            view! { <li>{line.text}{under}</li> }
        })
        .collect_view();
    view! { <ul class="change-lines">{items}</ul> }.into_any()
}
