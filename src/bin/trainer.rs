//! Mounts the wizard with trainer mode's tools (the page the server sends for `?mode=trainer`),
//! then keeps its files for offline use.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(signpost_app::TrainerApp);
    signpost_app::offline::keep_for_offline();
}
