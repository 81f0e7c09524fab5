//! Mounts the wizard on the page, in place of the question the server drew into it, then keeps
//! its files for offline use.

use signpost_flow::api::FIRST_SCREEN_ID;

fn main() {
    console_error_panic_hook::set_once();
    // Removed in the same task as the app draws its own, so no frame shows neither.
    if let Some(first) = leptos::prelude::document().get_element_by_id(FIRST_SCREEN_ID) {
        first.remove();
    }
    leptos::mount::mount_to_body(signpost_app::App);
    signpost_app::offline::keep_for_offline();
}
