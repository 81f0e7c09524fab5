//! Mounts the administrators' page.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(signpost_app::admin::AdminApp);
}
