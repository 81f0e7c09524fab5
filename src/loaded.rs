//! What a screen waits for from the server: asked for when the screen is drawn, and, for a
//! question that reads signals, again when they change, the last answer kept on screen until
//! the next arrives. A signal that a task sets: Leptos' resources and suspense boundaries do the
//! same with far more code in the wasm.

use std::future::Future;

use leptos::prelude::*;

use crate::api::ApiError;

/// The server's latest answer to one question: none until the first arrives.
pub struct Loaded<T: 'static> {
    answer: RwSignal<Option<Result<T, ApiError>>, LocalStorage>,
}

impl<T: 'static> Clone for Loaded<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Loaded<T> {}

impl<T: Clone + 'static> Loaded<T> {
    /// Asks once.
    pub fn once(question: impl Future<Output = Result<T, ApiError>> + 'static) -> Loaded<T> {
        let loaded = Loaded {
            answer: RwSignal::new_local(None),
        };
        leptos::task::spawn_local(async move {
            let result = question.await;
            // The screen may be gone by now: then nobody waits for the answer.
            let _ = loaded.answer.try_set(Some(result));
        });
        loaded
    }

    /// Asks at once, and again whenever a signal that `ask` reads changes. Only the answer to
    /// the latest question is kept: an earlier one arriving late is dropped.
    pub fn following<F>(ask: impl Fn() -> F + 'static) -> Loaded<T>
    where
        F: Future<Output = Result<T, ApiError>> + 'static,
    {
        let loaded = Loaded {
            answer: RwSignal::new_local(None),
        };
        let asked = StoredValue::new_local(0_u32);
        Effect::new(move |_| {
            let question = ask();
            let number = asked.get_value().wrapping_add(1);
            asked.set_value(number);
            leptos::task::spawn_local(async move {
                let result = question.await;
                // The screen may be gone by now, or a newer question asked.
                if asked.try_get_value() == Some(number) {
                    let _ = loaded.answer.try_set(Some(result));
                }
            });
        });
        loaded
    }

    /// `waiting` until the first answer, then `shown` with each, or `failed` with the problem.
    pub fn view(
        self,
        waiting: fn() -> AnyView,
        shown: impl Fn(T) -> AnyView + Send + 'static,
        failed: fn(ApiError) -> AnyView,
    ) -> impl IntoView {
        move || match self.answer.get() {
            None => waiting(),
            Some(Ok(value)) => shown(value),
            Some(Err(error)) => failed(error),
        }
    }
}
