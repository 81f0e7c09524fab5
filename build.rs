//! Bundles and checks `flows/` at build time: a broken flow file fails the app's build.

fn main() {
    signpost_flow::bundle::build_script(std::path::Path::new("flows"));
}
