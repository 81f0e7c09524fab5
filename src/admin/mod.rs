//! The administrators' page (`/admin/`): sign in with a token, work the queue of confirmed
//! requests, see outcomes and drop-off as charts, and review and publish the flows. It is its
//! own binary (`src/bin/admin.rs`), so none of it reaches the employee's bundle.

mod api;
mod chart;
mod export;
mod feedback;
mod filters;
mod flows;
mod labels;
mod overview;
mod queue;
mod row;
mod session;
mod signin;

use leptos::prelude::*;

use crate::loaded::Loaded;

use filters::Filters;
use flows::Flows;
use overview::Overview;
use queue::Queue;
use session::Sessions;
use signin::SignIn;

/// The whole administrators' page: reads the organisation's name, then signs in or shows the
/// requests.
#[component]
pub fn AdminApp() -> impl IntoView {
    let organisation = Loaded::once(api::organisation_name());
    when_loaded(organisation, |organisation| {
        view! { <Admin organisation /> }.into_any()
    })
}

/// `loaded` as this page draws what it waits for: "Loading…" until it comes, then `shown`
/// with it, or the problem.
fn when_loaded<T: Clone + 'static>(
    loaded: Loaded<T>,
    shown: impl Fn(T) -> AnyView + Send + 'static,
) -> impl IntoView {
    let loading = || view! { <p class="loading">"Loading…"</p> }.into_any();
    loaded.view(loading, shown, problem)
}

/// A call that failed, said where it would have shown its answer.
fn problem(error: impl std::fmt::Display) -> AnyView {
    view! { <p class="problem" role="alert">{error.to_string()}</p> }.into_any()
}

#[component]
fn Admin(organisation: String) -> impl IntoView {
    let heading = format!("{organisation}: signpost requests");
    let sessions = Sessions::provide();
    view! {
        <header class="masthead admin-masthead">
            <p class="brand">{heading}</p>
            {move || sessions.current().map(|session| view! {
                <p class="signed-in">
                    "Signed in as " {session.name} " "
                    <button type="button" class="small" data-testid="sign-out" on:click=move |_| sessions.sign_out(None)>
                        "Sign out"
                    </button>
                </p>
            })}
        </header>
        <main id="main" class="page admin">
            {move || match sessions.current() {
                Some(_) => view! { <Workspace /> }.into_any(),
                None => view! { <SignIn /> }.into_any(),
            }}
        </main>
    }
}

/// The queue and the pictures, sharing the filters in the address bar, then the flows' review,
/// once the review of the live flows (which names what the queue holds) is read: only after
/// signing in, so the sign-in screen downloads none of it.
#[component]
fn Workspace() -> impl IntoView {
    let flows = Loaded::once(labels::load(session::use_sessions()));
    let filters = RwSignal::new(Filters::from_address());
    // The pictures follow the dates and the flow, not the page or the other filters.
    let period = Memo::new(move |_| {
        filters.with(|f| Filters {
            flow: f.flow.clone(),
            from: f.from.clone(),
            to: f.to.clone(),
            ..Filters::default()
        })
    });
    when_loaded(flows, move |first| {
        view! {
            <Queue filters />
            <Overview filters=period />
            <Flows first />
        }
        .into_any()
    })
}
