//! The signpost wizard: asks a few plain questions, shows the one scenario that fits, and
//! sends the action the person confirms to the server.

pub mod admin;
mod api;
mod components;
mod embed;
mod flows;
mod i18n;
mod outbox;
pub mod pages;
mod route;
mod steps;

use leptos::prelude::*;

pub use pages::guide::Guide;

/// The whole app: loads the organisation's config from the server, then shows the guide.
#[component]
pub fn App() -> impl IntoView {
    let organisation = LocalResource::new(api::organisation);
    view! {
        <Suspense fallback=|| view! { <p class="loading">{i18n::t().loading}</p> }>
            {move || {
                organisation
                    .get()
                    .map(|loaded| match loaded {
                        Ok(organisation) => view! { <Guide organisation /> }.into_any(),
                        Err(error) => {
                            view! {
                                <p class="problem" role="alert">
                                    {i18n::t().api_error(&error)}
                                </p>
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}
