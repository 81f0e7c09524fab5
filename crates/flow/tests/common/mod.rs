//! Loading the real flow files for tests.

use signpost_flow::raw::RawFlow;
use signpost_flow::Flow;

/// Parses and checks `flows/<name>.toml`, panicking with the loader's message.
pub fn flow(name: &str) -> Flow {
    let path = format!("{}/../../flows/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let raw: RawFlow = toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    Flow::from_raw(&raw).unwrap_or_else(|e| panic!("{path}: {e}"))
}
