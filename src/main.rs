//! Mounts the wizard on the page, in place of the first screen the server drew into it (with
//! the box the person was typing into), then keeps its files for offline use.

use leptos::prelude::document;
use signpost_flow::api::FIRST_SCREEN_ID;
use wasm_bindgen::JsCast;
use web_sys::{Event, EventInit, HtmlInputElement};

fn main() {
    console_error_panic_hook::set_once();
    // Removed in the same task as the app draws its own, so no frame shows neither.
    let typing = document()
        .get_element_by_id(FIRST_SCREEN_ID)
        .and_then(|first| {
            let focused = document().active_element();
            first.remove();
            let input = focused?.dyn_into::<HtmlInputElement>().ok()?;
            Some((input.id(), input.value()))
        });
    leptos::mount::mount_to_body(signpost_app::App);
    // The app's box of the same id takes over the focus and the text, as typing would.
    let own = typing.and_then(|(id, value)| {
        let input = document()
            .get_element_by_id(&id)?
            .dyn_into::<HtmlInputElement>()
            .ok()?;
        Some((input, value))
    });
    if let Some((input, value)) = own {
        input.set_value(&value);
        let init = EventInit::new();
        init.set_bubbles(true);
        let _ = Event::new_with_event_init_dict("input", &init).map(|e| input.dispatch_event(&e));
        let _ = input.focus();
    }
    signpost_app::offline::keep_for_offline();
}
