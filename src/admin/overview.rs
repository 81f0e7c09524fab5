//! The pictures over the chosen period: how often each outcome was confirmed, and for each flow
//! how many people reached each question and how many left there, and beside it whether its
//! self-service outcomes solved people's problems.

use leptos::prelude::*;
use signpost_flow::api::{Funnel, Stats};
use signpost_flow::NodeKind;

use super::chart::{Bar, BarChart, Measures};
use super::feedback::FlowFeedback;
use super::filters::Filters;
use super::labels;
use super::session::use_sessions;
use super::{api, when_loaded};
use crate::loaded::Loaded;

/// Both pictures, for the filters' dates (and flow, when one is chosen).
#[component]
pub fn Overview(filters: Memo<Filters>) -> impl IntoView {
    let sessions = use_sessions();
    let stats = Loaded::following(move || {
        let filters = filters.get();
        async move { api::stats(sessions, &filters).await }
    });
    let chosen_flows = move || {
        let flow = filters.with(|f| f.flow.clone());
        labels::flows()
            .into_iter()
            .map(|(id, _)| id)
            .filter(|id| flow.is_empty() || *id == flow)
            .collect::<Vec<_>>()
    };
    view! {
        <section class="overview" aria-labelledby="overview-heading">
            <h2 id="overview-heading">"Over this period"</h2>
            {when_loaded(stats, |stats| view! { <OutcomeChart stats /> }.into_any())}
            <For each=chosen_flows key=|id| id.clone() let:flow>
                <FlowFunnel flow=flow.clone() filters />
                <FlowFeedback flow filters />
            </For>
        </section>
    }
}

/// Confirmed actions per outcome, most frequent first.
#[component]
fn OutcomeChart(stats: Stats) -> impl IntoView {
    let mut counts = stats.by_outcome;
    counts.sort_by_key(|c| std::cmp::Reverse(c.count));
    let bars = counts
        .into_iter()
        .map(|count| {
            let flow = count.flow.unwrap_or_default();
            Bar {
                label: format!(
                    "{}: {}",
                    labels::flow(&flow),
                    labels::outcome(&flow, &count.key)
                ),
                value: count.count,
                part: None,
            }
        })
        .collect();
    let measures = Measures {
        label: "Outcome",
        value: "Requests",
        part: None,
    };
    view! {
        <BarChart id="outcomes-chart".into() caption="Requests by outcome".into() bars measures />
    }
}

/// How many people reached each question of one flow, and how many left there.
#[component]
fn FlowFunnel(flow: String, filters: Memo<Filters>) -> impl IntoView {
    let sessions = use_sessions();
    let id = flow.clone();
    let funnel = Loaded::following(move || {
        let (flow, filters) = (id.clone(), filters.get());
        async move { api::funnel(sessions, &flow, &filters).await }
    });
    when_loaded(funnel, funnel_chart)
}

fn funnel_chart(funnel: Funnel) -> AnyView {
    let (started, finished) = (funnel.started, funnel.finished);
    let bars = funnel
        .steps
        .into_iter()
        .filter(|s| s.kind != NodeKind::Outcome)
        .map(|s| Bar {
            label: s.text,
            value: s.reached,
            part: Some(s.left),
        })
        .collect();
    let measures = Measures {
        label: "Question",
        value: "Reached",
        part: Some("left here"),
    };
    let caption = format!("Where people stop: {}", labels::flow(&funnel.flow));
    if started == 0 {
        return view! { <p class="help">{format!("{caption}: no one in this period.")}</p> }
            .into_any();
    }
    let summary = format!("{started} started, {finished} reached an outcome.");
    view! {
        <BarChart id=format!("funnel-{}", funnel.flow) caption bars measures />
        <p class="help" data-testid=format!("funnel-{}-summary", funnel.flow)>{summary}</p>
    }
    .into_any()
}
