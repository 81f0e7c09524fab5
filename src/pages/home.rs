//! The start page: a search for the person's topic, and every flow, with the topics it
//! covers, to pick the one that matches the task.

use leptos::prelude::*;
use signpost_flow::api::FlowList;

use crate::components::search::Search;
use crate::i18n::{fill, t};
use crate::route::use_navigator;

#[component]
pub fn Home() -> impl IntoView {
    let nav = use_navigator();
    let words = t().home;
    let cards = expect_context::<FlowList>()
        .flows
        .into_iter()
        .map(|flow| {
            let id = flow.id;
            let testid = format!("start-{id}");
            let topics = (!flow.topics.is_empty()).then(|| {
                let named: Vec<String> = flow.topics.iter().map(fill).collect();
                let named = format!("{} {}", words.topics, named.join(", "));
                view! { <p class="topics" data-testid=format!("topics-{id}")>{named}</p> }
            });
            view! {
                <li class="flow-card">
                    <h2>{fill(&flow.title)}</h2>
                    <p>{fill(&flow.summary)}</p>
                    {topics}
                    <button
                        type="button"
                        class="primary"
                        data-testid=testid
                        on:click=move |_| nav.go(nav.route().start(&id))
                    >
                        {words.start}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <h1 tabindex="-1">{words.choose_flow}</h1>
        <Search />
        <ul class="flow-list">{cards}</ul>
        <JoinRoom />
    }
}

/// The box for a classroom session's code. A plain form, written as HTML since it has no
/// behaviour of its own: the page it opens (`?room=CODE`) is the trainer's bundle, which holds
/// the room. Its text is the wizard's own words, never anything a person typed.
#[component]
fn JoinRoom() -> impl IntoView {
    let words = t().home;
    let lang = use_navigator()
        .with(|r| r.lang)
        .map_or(String::new(), |lang| {
            format!(
                r#"<input type="hidden" name="lang" value="{}">"#,
                lang.code()
            )
        });
    let form = format!(
        r#"<label for="room-code-input">{}</label><input id="room-code-input" name="room" required autocomplete="off" autocapitalize="characters" maxlength="12" data-testid="room-code-input">{lang}<button type="submit">{}</button>"#,
        words.room_code, words.join_room
    );
    view! { <form class="join-room" method="get" data-testid="join-room" inner_html=form></form> }
}
