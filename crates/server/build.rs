//! Bundles and checks `flows/` at build time, as the app does, so both embed the same flows.

fn main() {
    signpost_flow::bundle::build_script(std::path::Path::new("../../flows"));
}
