//! A horizontal bar chart drawn as inline SVG, with the same figures in a table for screen
//! readers (the picture itself is hidden from them).

use leptos::prelude::*;

/// One bar: a label and a count, and optionally a part of that count drawn darker on top
/// (people who left at a question, of those who reached it).
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: u64,
    pub part: Option<u64>,
}

/// What the figures count, named for the table's columns and the legend.
#[derive(Debug, Clone, Copy)]
pub struct Measures {
    /// What each bar is, e.g. "Outcome".
    pub label: &'static str,
    pub value: &'static str,
    pub part: Option<&'static str>,
}

const WIDTH: f64 = 640.0;
const ROW: f64 = 44.0;
const BAR: f64 = 16.0;
/// Room after the longest bar for its figure.
const FIGURE_ROOM: f64 = 140.0;
/// The longest label drawn in the picture; the table holds the whole text.
const LABEL_CHARS: usize = 90;

/// The chart, captioned; `id` must be unique on the page.
#[component]
pub fn BarChart(id: String, caption: String, bars: Vec<Bar>, measures: Measures) -> impl IntoView {
    let longest = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1) as f64;
    let scale = move |n: u64| (n as f64 / longest) * (WIDTH - FIGURE_ROOM);
    let height = (bars.len() as f64 * ROW).max(ROW);
    let drawn = bars
        .iter()
        .enumerate()
        .map(|(i, bar)| {
            let top = i as f64 * ROW;
            let figure = match bar.part {
                Some(part) => format!(
                    "{} ({} {})",
                    bar.value,
                    part,
                    measures.part.unwrap_or_default()
                ),
                None => bar.value.to_string(),
            };
            view! {
                <text x="0" y=top + 13.0 class="chart-label">{shorten(&bar.label)}</text>
                <rect x="0" y=top + 20.0 width=scale(bar.value) height=BAR class="chart-bar" />
                {bar.part.map(|part| view! {
                    <rect x="0" y=top + 20.0 width=scale(part) height=BAR class="chart-part" />
                })}
                <text x=scale(bar.value) + 6.0 y=top + 33.0 class="chart-figure">{figure}</text>
            }
        })
        .collect_view();
    let rows = bars
        .iter()
        .map(|bar| {
            view! {
                <tr>
                    <th scope="row">{bar.label.clone()}</th>
                    <td>{bar.value}</td>
                    {bar.part.map(|part| view! { <td>{part}</td> })}
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="chart" data-testid=id.clone()>
            <figcaption>{caption.clone()}</figcaption>
            {measures.part.map(|part| view! {
                <p class="chart-legend" aria-hidden="true">
                    <span class="key key-bar"></span> {measures.value} " "
                    <span class="key key-part"></span> {part}
                </p>
            })}
            <svg viewBox=format!("0 0 {WIDTH} {height}") class="chart-picture" aria-hidden="true" focusable="false">
                {drawn}
            </svg>
            <table class="visually-hidden" data-testid=format!("{id}-table")>
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{measures.label}</th>
                        <th scope="col">{measures.value}</th>
                        {measures.part.map(|part| view! { <th scope="col">{part}</th> })}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <Show when={let empty = bars.is_empty(); move || empty}>
                <p class="help">"Nothing to show for this period yet."</p>
            </Show>
        </figure>
    }
}

fn shorten(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        return label.to_owned();
    }
    let cut: String = label.chars().take(LABEL_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}
