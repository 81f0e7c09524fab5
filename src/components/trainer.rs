//! Trainer mode (`?mode=trainer`): a diagram and a list of the whole flow with the current path
//! lit, why the wizard is at this step, keyboard shortcuts for demonstrating in front of a room,
//! and large text. Confirming shows the request instead of sending it (see `confirm`).
//!
//! Only the trainer's bundle (`TrainerApp`, served for `?mode=trainer`) provides [`TOOLS`]:
//! nothing else names this panel, so the employee's bundle is built without it.

use leptos::ev;
use leptos::prelude::*;
use signpost_flow::org::Organisation;
use signpost_flow::{Flow, Node, Step, Walk};

use crate::classroom::{Classroom, StartRoom};
use crate::components::diagram::FlowDiagram;
use crate::i18n::{self, fill, t};
use crate::route::use_navigator;

/// Trainer mode's views, for the wizard to show where a bundle provides them as context.
#[derive(Clone, Copy)]
pub struct Tools {
    /// The panel beside the current step.
    pub panel: fn(&'static Flow, Walk<'static>) -> AnyView,
    /// The classroom session the address names (`room=`), led or followed, if it names one.
    pub classroom: fn() -> AnyView,
}

/// The tools of the trainer's bundle.
pub const TOOLS: Tools = Tools {
    panel: |flow, walk| view! { <TrainerPanel flow walk /> }.into_any(),
    classroom: || view! { <Classroom /> }.into_any(),
};

/// The trainer's tools beside the current step.
#[component]
pub fn TrainerPanel(flow: &'static Flow, walk: Walk<'static>) -> impl IntoView {
    let nav = use_navigator();
    let words = t();
    let lang = i18n::lang();
    let (help, set_help) = signal(false);
    let in_room = nav.with(|r| r.room.is_some());
    let on_path: Vec<&str> = walk.answered.iter().map(|a| a.node.key()).collect();
    let current = walk.at;
    let diagram = walk.clone();
    let map = flow
        .node_ids()
        .map(|(id, node)| {
            let kind = match node {
                Node::Outcome(o) => {
                    format!("{} ({})", words.kind(node.kind()), o.action().as_str())
                }
                _ => words.kind(node.kind()).to_owned(),
            };
            let class = if id == current {
                "current"
            } else if on_path.contains(&node.key()) {
                "on-path"
            } else {
                ""
            };
            let jump = move |_| nav.go(nav.route().at(flow.id(), &flow.path_to(id)));
            view! {
                <li class=class>
                    <button
                        type="button"
                        class="link"
                        data-testid=format!("map-{}", node.key())
                        aria-current=(id == current).then_some("step")
                        on:click=jump
                    >
                        <span class="kind">{kind}</span>
                        " "
                        {fill(node.text())}
                    </button>
                    " "
                    <a
                        class="step-link"
                        href=format!("?flow={}&to={}", flow.id(), node.key())
                        aria-label=format!("{}: {}", words.step_link_label, fill(node.text()))
                        data-testid=format!("link-{}", node.key())
                    >
                        {words.step_link}
                    </a>
                </li>
            }
        })
        .collect_view();
    let why = walk
        .transcript(&expect_context::<Organisation>(), lang)
        .into_iter()
        .map(|a| view! { <li>{a.question} " → " <strong>{a.answer}</strong></li> })
        .collect_view();
    let choices: Vec<&'static str> = match walk.step {
        Step::Question(q) => q.choices().iter().map(|c| c.key()).collect(),
        _ => Vec::new(),
    };
    let keys = window_event_listener(ev::keydown, move |e| {
        let typing = e
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if typing || e.ctrl_key() || e.meta_key() || e.alt_key() {
            return;
        }
        let key = e.key();
        let chosen = key
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| choices.get(i));
        if let Some(answer) = chosen {
            nav.go(nav.route().then(answer));
        } else if key == "Backspace" {
            e.prevent_default();
            nav.go(nav.route().back());
        } else if key.eq_ignore_ascii_case("r") {
            nav.go(nav.route().start(flow.id()));
        } else if key == "?" {
            set_help.update(|h| *h = !*h);
        }
    });
    on_cleanup(move || keys.remove());
    let large_text = move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.class_list().toggle("large-text");
        }
    };
    view! {
        <aside class="trainer" aria-label=words.trainer_tools data-testid="trainer">
            <p class="trainer-note">{words.trainer_note}</p>
            <div class="trainer-tools">
                <button type="button" data-testid="large-text" on:click=large_text>{words.large_text}</button>
                <button type="button" data-testid="shortcuts" on:click=move |_| set_help.update(|h| *h = !*h)>
                    {words.shortcuts}
                </button>
                {(!in_room).then(|| view! { <StartRoom flow /> })}
            </div>
            <Show when=move || help.get()>
                <div class="shortcuts" role="dialog" aria-label=words.shortcuts data-testid="shortcuts-help">
                    <ul>
                        <li><kbd>"1"</kbd> "–" <kbd>"9"</kbd> {words.shortcut_answer}</li>
                        <li><kbd>"Backspace"</kbd> {words.shortcut_back}</li>
                        <li><kbd>"R"</kbd> {words.shortcut_restart}</li>
                        <li><kbd>"?"</kbd> {words.shortcut_help}</li>
                    </ul>
                </div>
            </Show>
            <h2>{words.why_here}</h2>
            <ol class="why" data-testid="why">{why}</ol>
            <h2>{words.flow_diagram}</h2>
            <FlowDiagram flow walk=diagram />
            <h2>{words.flow_map}</h2>
            <ol class="trainer-map" data-testid="trainer-map">{map}</ol>
        </aside>
    }
}
