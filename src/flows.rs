//! The flows, embedded at build time from `flows/` (checked by the build script).

use std::sync::OnceLock;

use signpost_flow::Flow;

static FLOWS: OnceLock<Vec<Flow>> = OnceLock::new();

/// Every flow, in file-name order.
pub fn all() -> &'static [Flow] {
    FLOWS.get_or_init(|| {
        let json = include_str!(concat!(env!("OUT_DIR"), "/flows.json"));
        Flow::bundle_from_json(json).expect("the build checked every flow")
    })
}

/// The flow with this id.
pub fn get(id: &str) -> Option<&'static Flow> {
    all().iter().find(|f| f.id() == id)
}
