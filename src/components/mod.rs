//! Pieces of the wizard's screens.

pub mod answers;
pub mod checklist;
pub mod confirm;
pub mod diagram;
pub mod number;
pub mod outcome;
pub mod question;
pub mod search;
pub mod solved;
pub mod toward;
pub mod trainer;

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A flag that, once set, moves keyboard focus to `target` the next time it is drawn (and is
/// then cleared): a redraw in another language, which draws it again, does not move focus.
pub(crate) fn focus_when_shown<E>(target: NodeRef<E>) -> StoredValue<bool>
where
    E: html::ElementType,
    E::Output: JsCast + Clone + 'static,
{
    let pending = StoredValue::new(false);
    Effect::new(move |_| {
        let Some(element) = target.get() else {
            return;
        };
        if pending.get_value() {
            pending.set_value(false);
            // After this frame, when the element is in the page.
            request_animation_frame(move || {
                let _ = element.unchecked_ref::<web_sys::HtmlElement>().focus();
            });
        }
    });
    pending
}
