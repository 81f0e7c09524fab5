//! Signing in with an administrator token, checked against the server before it is kept.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::api;
use super::session::{use_sessions, Session};
use crate::api::ApiError;

/// The sign-in form, with why the administrator was last signed out. Its masked field takes
/// signpost's own administrator token, never an Amazon password: the wizard asks for none.
/// It is masked because trainers and administrators may share their screen.
#[component]
pub fn SignIn() -> impl IntoView {
    let sessions = use_sessions();
    let (name, set_name) = signal(String::new());
    let (token, set_token) = signal(String::new());
    let (problem, set_problem) = signal(sessions.notice.get_untracked());
    let (busy, set_busy) = signal(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let session = Session {
            name: name.get_untracked().trim().to_owned(),
            token: token.get_untracked().trim().to_owned(),
        };
        if session.name.is_empty() || session.token.is_empty() {
            set_problem.set(Some("Give your name and your administrator token.".into()));
            return;
        }
        set_busy.set(true);
        spawn_local(async move {
            match api::accepts(&session.token).await {
                Ok(()) => sessions.sign_in(session),
                Err(ApiError::Refused { status: 401, .. }) => set_problem.set(Some(
                    "That token was not accepted. Check it with whoever runs signpost for your \
                     organisation, and try again."
                        .into(),
                )),
                Err(error) => set_problem.set(Some(error.to_string())),
            }
            set_busy.set(false);
        });
    };
    view! {
        <section class="sign-in" aria-labelledby="sign-in-heading">
            <h1 id="sign-in-heading">"Sign in to the requests"</h1>
            <form on:submit=submit novalidate>
                <p class="problem" role="alert" data-testid="sign-in-problem">{problem}</p>
                <label for="admin-name">"Your name (recorded when you change a status)"</label>
                <input id="admin-name" data-testid="admin-name" autocomplete="name"
                    prop:value=name on:input=move |ev| set_name.set(event_target_value(&ev)) />
                <label for="admin-token">"Administrator token"</label>
                <input id="admin-token" type="password" data-testid="admin-token" autocomplete="off"
                    prop:value=token on:input=move |ev| set_token.set(event_target_value(&ev)) />
                <p class="help">"The token stays in this browser tab only, until you sign out or close it."</p>
                <button type="submit" class="primary" data-testid="sign-in" disabled=busy>"Sign in"</button>
            </form>
        </section>
    }
}
