//! Mounts the wizard on the page, then keeps its files for offline use.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(signpost_app::App);
    signpost_app::offline::keep_for_offline();
}
