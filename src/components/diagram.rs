//! The trainer's map drawn as a diagram: every node of the flow as a box in the engine's
//! layout, every answer an arrow, the walked path lit, and each box a link that jumps there
//! (the list beside it says the same in words, with links to copy).

use leptos::prelude::*;
use signpost_flow::{Flow, NodeId, Walk};

use crate::i18n::{fill, t};
use crate::route::use_navigator;

/// A box's size and the room between boxes, in the drawing's own units.
const BOX_WIDTH: usize = 280;
const BOX_HEIGHT: usize = 72;
const GAP_X: usize = 32;
const GAP_Y: usize = 56;
/// The most characters of a node's text a box shows (the list beside it gives the whole text).
const LABEL_CHARS: usize = 22;

#[component]
pub fn FlowDiagram(flow: &'static Flow, walk: Walk<'static>) -> impl IntoView {
    let nav = use_navigator();
    let words = t();
    let layout = flow.layout();
    let path = walked(flow, &walk);
    let lit = |from: NodeId, to: NodeId| path.windows(2).any(|pair| pair == [from, to]);
    let place = |id: NodeId| {
        let placed = layout.nodes.iter().find(|p| p.id == id).copied();
        let (row, column) = placed.map_or((0, 0), |p| (p.row, p.column));
        (column * (BOX_WIDTH + GAP_X), row * (BOX_HEIGHT + GAP_Y))
    };
    let arrows = layout
        .edges
        .iter()
        .map(|&(from, to)| {
            let (x1, y1) = place(from);
            let (x2, y2) = place(to);
            let (x1, y1) = (x1 + BOX_WIDTH / 2, y1 + BOX_HEIGHT);
            let x2 = x2 + BOX_WIDTH / 2;
            let bend = GAP_Y / 2;
            let d = format!(
                "M{x1} {y1} C{x1} {} {x2} {} {x2} {y2}",
                y1 + bend,
                y2 - bend
            );
            view! { <path d=d class:lit=lit(from, to) marker-end="url(#arrow)" /> }
        })
        .collect_view();
    let boxes = layout
        .nodes
        .iter()
        .map(|placed| {
            let id = placed.id;
            let node = flow.node(id);
            let (x, y) = place(id);
            let text = fill(node.text());
            let short = shortened(&text);
            let jump = move || nav.go(nav.route().at(flow.id(), &flow.path_to(id)));
            // A link drawn in SVG: focusable, named by the words it shows, followed with a click
            // or Enter.
            view! {
                <g
                    role="link"
                    tabindex="0"
                    aria-current=(id == walk.at).then_some("step")
                    data-testid=format!("diagram-{}", node.key())
                    class="node"
                    class:current=id == walk.at
                    class:on-path=path.contains(&id)
                    on:click=move |_| jump()
                    on:keydown=move |event| {
                        if event.key() == "Enter" {
                            jump();
                        }
                    }
                >
                    <rect x=x y=y width=BOX_WIDTH height=BOX_HEIGHT rx="10" />
                    <text x=x + 12 y=y + 26 class="kind">{words.kind(node.kind())}</text>
                    <text x=x + 12 y=y + 54>{short}</text>
                </g>
            }
        })
        .collect_view();
    let width = layout.columns * (BOX_WIDTH + GAP_X);
    let height = layout.rows * (BOX_HEIGHT + GAP_Y);
    view! {
        <div class="diagram" role="group" aria-label=words.flow_diagram data-testid="diagram">
            <svg viewBox=format!("-8 -8 {} {}", width + 16, height + 16) width=width height=height>
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="12" markerHeight="12" markerUnits="userSpaceOnUse" orient="auto">
                        <path d="M0 0 L10 5 L0 10 z" />
                    </marker>
                </defs>
                <g class="arrows">{arrows}</g>
                {boxes}
            </svg>
        </div>
    }
}

/// The nodes walked, in order, ending at the one the walk stands at.
fn walked(flow: &Flow, walk: &Walk<'_>) -> Vec<NodeId> {
    walk.answered
        .iter()
        .filter_map(|a| flow.node_by_key(a.node.key()).map(|(id, _)| id))
        .chain(std::iter::once(walk.at))
        .collect()
}

/// `text` cut to what a box holds, with an ellipsis where it was cut.
fn shortened(text: &str) -> String {
    if text.chars().count() <= LABEL_CHARS {
        return text.to_owned();
    }
    let cut: String = text.chars().take(LABEL_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}
