//! Who is signed in: the administrator's token and the name recorded on status changes, kept
//! in `sessionStorage` (gone when the tab closes, and never in the address bar).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

const STORAGE_KEY: &str = "signpost.admin";

/// A signed-in administrator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub token: String,
    /// Recorded as `by` on each status change.
    pub name: String,
}

/// The session, shared through context, with the reason for the last sign-out.
#[derive(Clone, Copy)]
pub struct Sessions {
    current: RwSignal<Option<Session>>,
    /// Why the administrator was signed out, shown on the sign-in form.
    pub notice: RwSignal<Option<String>>,
}

impl Sessions {
    /// Restores the session this tab had, if any.
    pub fn provide() -> Sessions {
        let stored = storage()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .and_then(|json| crate::json::parse(&json));
        let sessions = Sessions {
            current: RwSignal::new(stored),
            notice: RwSignal::new(None),
        };
        provide_context(sessions);
        sessions
    }

    /// The signed-in administrator, if any (tracked).
    pub fn current(&self) -> Option<Session> {
        self.current.get()
    }

    /// The signed-in administrator, without tracking. Only for event handlers and tasks.
    pub fn current_untracked(&self) -> Option<Session> {
        self.current.get_untracked()
    }

    pub fn sign_in(&self, session: Session) {
        if let Some(storage) = storage() {
            let json = crate::json::stringify(&session);
            let _ = storage.set_item(STORAGE_KEY, &json);
        }
        self.notice.set(None);
        self.current.set(Some(session));
    }

    /// Forgets the token; `notice` says why, when it was not the administrator's choice.
    pub fn sign_out(&self, notice: Option<String>) {
        if let Some(storage) = storage() {
            let _ = storage.remove_item(STORAGE_KEY);
        }
        self.notice.set(notice);
        self.current.set(None);
    }
}

/// The session shared by [`Sessions::provide`].
pub fn use_sessions() -> Sessions {
    expect_context::<Sessions>()
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}
