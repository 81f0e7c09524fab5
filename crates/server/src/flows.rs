//! The flows this server knows: the bundle built from `flows/` (the same one the app embeds),
//! and, through the store, every earlier version it has served.

use signpost_flow::raw::RawFlow;
use signpost_flow::Flow;

/// The current flows, each with its definition as stored for later versions' sake.
pub struct Catalogue {
    flows: Vec<(Flow, RawFlow)>,
}

impl Catalogue {
    /// The flows bundled into this binary at build time (checked then, so loading cannot fail).
    pub fn bundled() -> Catalogue {
        let json = include_str!(concat!(env!("OUT_DIR"), "/flows.json"));
        let raws: Vec<RawFlow> = serde_json::from_str(json).expect("the build wrote the bundle");
        let flows = raws
            .into_iter()
            .map(|raw| {
                (
                    Flow::from_raw(&raw).expect("the build checked every flow"),
                    raw,
                )
            })
            .collect();
        Catalogue { flows }
    }

    /// The current version of the flow with this id.
    pub fn get(&self, id: &str) -> Option<&Flow> {
        self.flows
            .iter()
            .map(|(flow, _)| flow)
            .find(|f| f.id() == id)
    }

    /// Every current flow with its definition.
    pub fn definitions(&self) -> impl Iterator<Item = (&Flow, &RawFlow)> {
        self.flows.iter().map(|(flow, raw)| (flow, raw))
    }
}
