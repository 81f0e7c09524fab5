//! The flows this server knows: the same bundle the app embeds, built from `flows/`.

use signpost_flow::Flow;

/// The flows, by id.
pub struct Catalogue {
    flows: Vec<Flow>,
}

impl Catalogue {
    /// The flows bundled into this binary at build time (checked then, so loading cannot fail).
    pub fn bundled() -> Catalogue {
        let json = include_str!(concat!(env!("OUT_DIR"), "/flows.json"));
        let flows = Flow::bundle_from_json(json).expect("the build checked every flow");
        Catalogue { flows }
    }

    /// The flow with this id.
    pub fn get(&self, id: &str) -> Option<&Flow> {
        self.flows.iter().find(|f| f.id() == id)
    }
}
