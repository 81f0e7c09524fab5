//! The signpost wizard: asks a few plain questions, shows the one scenario that fits, and
//! sends the action the person confirms to the server.

pub mod admin;
mod api;
mod components;
mod embed;
mod flows;
mod outbox;
pub mod pages;
mod route;
mod steps;

use leptos::prelude::*;
use signpost_flow::org::Organisation;

pub use pages::guide::Guide;

/// The whole app: loads the organisation's config from the server, then shows the guide.
#[component]
pub fn App() -> impl IntoView {
    let organisation = LocalResource::new(api::organisation);
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || {
                organisation
                    .get()
                    .map(|loaded| match loaded {
                        Ok(organisation) => view! { <Guide organisation /> }.into_any(),
                        Err(error) => {
                            view! {
                                <p class="problem" role="alert">
                                    {error.to_string()}
                                </p>
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}

/// A flow text with the organisation's words filled in.
fn fill(text: &str) -> String {
    expect_context::<Organisation>().fill(text)
}
