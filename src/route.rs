//! Where the person is, kept in the address bar (`?flow=join&answers=received/used`), so Back,
//! Forward, reload and a shared link all land on the same step. How the wizard is shown
//! (`lang=es`, `mode=trainer`, `embed=1`) and the classroom session joined (`room=K7MPQ3`) are
//! kept there too, and survive every move.

use leptos::prelude::*;
use signpost_flow::Lang;

use crate::api::encode;

/// A flow, the answers given in it so far, and how the wizard is shown.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Route {
    pub flow: Option<String>,
    pub answers: Vec<String>,
    /// The flow version the answers were given on (`v=`), recorded once the person has
    /// answered, so a reload or a shared link finishes on it while the server still has it.
    pub version: Option<String>,
    /// A node to open the flow at by its id (`to=separate`), for links from intranet pages.
    pub to: Option<String>,
    /// A node a search found, by its id (`toward=request_unlink`): the flow opens at its start,
    /// and each question marks the answers that lead there.
    pub toward: Option<String>,
    /// The language chosen; without one, the browser's.
    pub lang: Option<Lang>,
    pub mode: Mode,
    /// The classroom session this tab leads or follows, by its code.
    pub room: Option<String>,
    /// Inside an intranet page's frame: the app's own header is hidden.
    pub embed: bool,
    /// Parameters for the page rather than the route (a theme colour, the embedding page's
    /// origin), kept as they are through every move.
    pub page: Vec<(String, String)>,
}

/// Who is using the wizard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Someone doing the task: confirmations are sent.
    #[default]
    Employee,
    /// Someone demonstrating it: nothing is sent.
    Trainer,
}

impl Route {
    /// Whether confirmations are sent: not in trainer mode, nor in a classroom session, where
    /// they are shown instead.
    pub fn sends(&self) -> bool {
        self.mode == Mode::Employee && self.room.is_none()
    }

    /// This route outside any classroom session.
    pub fn left_room(&self) -> Route {
        Route {
            room: None,
            ..self.clone()
        }
    }

    /// The start of a flow, on its live version, shown the same way as this route. Starting
    /// the same flow again keeps heading where a search pointed; another flow does not.
    pub fn start(&self, flow: &str) -> Route {
        Route {
            version: None,
            to: None,
            toward: self
                .toward
                .clone()
                .filter(|_| self.flow.as_deref() == Some(flow)),
            ..self.at(flow, &[])
        }
    }

    /// The start of a flow, heading for its node `goal` (none: for the flow as a whole).
    pub fn heading(&self, flow: &str, goal: Option<&str>) -> Route {
        Route {
            toward: goal.map(str::to_owned),
            ..self.start(flow)
        }
    }

    /// A flow with these answers, shown the same way as this route.
    pub fn at(&self, flow: &str, answers: &[String]) -> Route {
        Route {
            flow: Some(flow.to_owned()),
            answers: answers.to_vec(),
            ..self.clone()
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
            previous.toward = None;
        }
        previous
    }

    /// This route on the flow version `version`.
    pub fn on_version(&self, version: &str) -> Route {
        Route {
            version: Some(version.to_owned()),
            to: None,
            ..self.clone()
        }
    }

    /// This route in another language.
    pub fn in_lang(&self, lang: Lang) -> Route {
        Route {
            lang: Some(lang),
            ..self.clone()
        }
    }

    /// The route the address bar holds.
    pub fn from_address_bar() -> Route {
        Route::parse(&location().search().unwrap_or_default())
    }

    /// The route as a link (`?flow=join&lang=es`, or the page's own path for none).
    pub fn href(&self) -> String {
        match self.to_search() {
            search if search.is_empty() => location().pathname().unwrap_or_else(|_| "/".into()),
            search => search,
        }
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
                "v" => route.version = Some(decode(value)).filter(|v| !v.is_empty()),
                "to" => route.to = Some(decode(value)).filter(|t| !t.is_empty()),
                "toward" => route.toward = Some(decode(value)).filter(|t| !t.is_empty()),
                "lang" => route.lang = Lang::parse(value),
                "mode" if value == "trainer" => route.mode = Mode::Trainer,
                "room" => route.room = Some(decode(value)).filter(|r| !r.is_empty()),
                "embed" => route.embed = value == "1",
                "" => {}
                _ => route.page.push((decode(key), decode(value))),
            }
        }
        route
    }

    fn to_search(&self) -> String {
        let mut params = Vec::new();
        if let Some(flow) = &self.flow {
            params.push(format!("flow={}", encode(flow)));
            if !self.answers.is_empty() {
                let answers: Vec<String> = self.answers.iter().map(|a| encode(a)).collect();
                params.push(format!("answers={}", answers.join("/")));
            }
            if let Some(version) = &self.version {
                params.push(format!("v={}", encode(version)));
            }
            if let Some(to) = &self.to {
                params.push(format!("to={}", encode(to)));
            }
            if let Some(toward) = &self.toward {
                params.push(format!("toward={}", encode(toward)));
            }
        }
        if let Some(lang) = self.lang {
            params.push(format!("lang={lang}"));
        }
        if self.mode == Mode::Trainer {
            params.push("mode=trainer".into());
        }
        if let Some(room) = &self.room {
            params.push(format!("room={}", encode(room)));
        }
        if self.embed {
            params.push("embed=1".into());
        }
        params.extend(
            self.page
                .iter()
                .map(|(k, v)| format!("{}={}", encode(k), encode(v))),
        );
        match params.is_empty() {
            true => String::new(),
            false => format!("?{}", params.join("&")),
        }
    }
}

/// The current route as a signal, and the way to move to another.
#[derive(Clone, Copy)]
pub struct Navigator {
    route: RwSignal<Route>,
    /// The flow on screen and its version, by their ids, which a move to answers in that flow
    /// records in the address.
    shown: StoredValue<Option<(&'static str, &'static str)>>,
}

impl Navigator {
    /// Reads the address bar and follows Back and Forward from now on.
    pub fn provide() -> Navigator {
        let nav = Navigator {
            route: RwSignal::new(Route::from_address_bar()),
            shown: StoredValue::new(None),
        };
        let handle = window_event_listener(leptos::ev::popstate, move |_| {
            nav.route.set(Route::from_address_bar());
        });
        on_cleanup(move || handle.remove());
        provide_context(nav);
        nav
    }

    pub fn route(&self) -> Route {
        self.route.get()
    }

    /// The route now, without tracking it.
    pub fn route_untracked(&self) -> Route {
        self.route.get_untracked()
    }

    /// A page parameter, such as `accent` or `host`.
    pub fn page_param(&self, name: &str) -> Option<String> {
        self.route.with_untracked(|r| {
            r.page
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        })
    }

    pub fn with<T>(&self, f: impl FnOnce(&Route) -> T) -> T {
        self.route.with(f)
    }

    /// Notes the flow on screen (`flow`, on `version`): moves to answers in it that name no
    /// version are recorded as given on this one.
    pub fn showing(&self, flow: &'static str, version: &'static str) {
        self.shown.set_value(Some((flow, version)));
    }

    /// Moves to `to`, adding a browser history entry. Answers in the flow on screen record its
    /// version in the same entry, so a reload or a shared link finishes on it.
    pub fn go(&self, mut to: Route) {
        if let Some((flow, version)) = self.shown.get_value() {
            if to.version.is_none() && !to.answers.is_empty() && to.flow.as_deref() == Some(flow) {
                to.version = Some(version.to_owned());
            }
        }
        let url = to.href();
        if let Ok(history) = window().history() {
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
        self.route.set(to);
    }

    /// Corrects the address to `to` without a new history entry: the same step, said as the
    /// flow now stands (its version recorded, stale answers dropped).
    pub fn replace(&self, to: Route) {
        let url = to.href();
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
        self.route.set(to);
    }
}

/// Whether the page should follow a click on one of its links itself: a click with a modifier,
/// or with another button, opens the link elsewhere, as links do.
pub fn followed_here(ev: &leptos::ev::MouseEvent) -> bool {
    !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0)
}

/// The navigator that [`Navigator::provide`] put in context.
pub fn use_navigator() -> Navigator {
    expect_context::<Navigator>()
}

fn location() -> web_sys::Location {
    window().location()
}

fn decode(text: &str) -> String {
    js_sys::decode_uri_component(text)
        .map(String::from)
        .unwrap_or_else(|_| text.to_owned())
}
