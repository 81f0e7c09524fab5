//! Where the person is, kept in the address bar (`?flow=join&answers=received/used`), so Back,
//! Forward, reload and a shared link all land on the same step.

use leptos::prelude::*;

/// A flow and the answers given in it so far.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Route {
    pub flow: Option<String>,
    pub answers: Vec<String>,
}

impl Route {
    /// The start of a flow.
    pub fn start(flow: &str) -> Route {
        Route {
            flow: Some(flow.to_owned()),
            answers: Vec::new(),
        }
    }

    /// This route with one more answer.
    pub fn then(&self, answer: &str) -> Route {
        let mut next = self.clone();
        next.answers.push(answer.to_owned());
        next
    }

    /// One step back: the last answer dropped, or the list of flows from a flow's start.
    pub fn back(&self) -> Route {
        let mut previous = self.clone();
        if previous.answers.pop().is_none() {
            previous.flow = None;
        }
        previous
    }

    fn parse(search: &str) -> Route {
        let mut route = Route::default();
        for pair in search.trim_start_matches('?').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "flow" => route.flow = Some(decode(value)).filter(|f| !f.is_empty()),
                "answers" => {
                    route.answers = value
                        .split('/')
                        .filter(|a| !a.is_empty())
                        .map(decode)
                        .collect()
                }
                _ => {}
            }
        }
        route
    }

    fn to_search(&self) -> String {
        let Some(flow) = &self.flow else {
            return String::new();
        };
        let mut search = format!("?flow={}", encode(flow));
        if !self.answers.is_empty() {
            let answers: Vec<String> = self.answers.iter().map(|a| encode(a)).collect();
            search.push_str("&answers=");
            search.push_str(&answers.join("/"));
        }
        search
    }
}

/// The current route as a signal, and the way to move to another.
#[derive(Clone, Copy)]
pub struct Navigator {
    route: RwSignal<Route>,
}

impl Navigator {
    /// Reads the address bar and follows Back and Forward from now on.
    pub fn provide() -> Navigator {
        let nav = Navigator {
            route: RwSignal::new(Route::parse(&location().search().unwrap_or_default())),
        };
        let handle = window_event_listener(leptos::ev::popstate, move |_| {
            nav.route
                .set(Route::parse(&location().search().unwrap_or_default()));
        });
        on_cleanup(move || handle.remove());
        provide_context(nav);
        nav
    }

    pub fn route(&self) -> Route {
        self.route.get()
    }

    pub fn with<T>(&self, f: impl FnOnce(&Route) -> T) -> T {
        self.route.with(f)
    }

    /// Moves to `to`, adding a browser history entry.
    pub fn go(&self, to: Route) {
        let url = match to.to_search() {
            search if search.is_empty() => location().pathname().unwrap_or_else(|_| "/".into()),
            search => search,
        };
        if let Ok(history) = window().history() {
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
        self.route.set(to);
    }
}

/// The navigator that [`Navigator::provide`] put in context.
pub fn use_navigator() -> Navigator {
    expect_context::<Navigator>()
}

fn location() -> web_sys::Location {
    window().location()
}

fn encode(text: &str) -> String {
    js_sys::encode_uri_component(text).into()
}

fn decode(text: &str) -> String {
    js_sys::decode_uri_component(text)
        .map(String::from)
        .unwrap_or_else(|_| text.to_owned())
}
