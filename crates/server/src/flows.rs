//! The flows this server knows: the bundle built from `flows/` (the same one the app embeds),
//! and, through the store, every earlier version it has served.

use std::borrow::Cow;

use signpost_flow::raw::RawFlow;
use signpost_flow::Flow;

use crate::{ApiError, AppState};

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

/// The flow version a person walked: the current one, or one this server served before.
/// An unknown version asks the person to reload.
pub async fn walked<'s>(
    state: &'s AppState,
    flow_id: &str,
    version: &str,
) -> Result<Cow<'s, Flow>, ApiError> {
    let current = state.flows.get(flow_id);
    if let Some(flow) = current.filter(|f| f.version().as_str() == version) {
        return Ok(Cow::Borrowed(flow));
    }
    match state.store.flow_version(flow_id, version).await? {
        Some(raw) => Flow::from_raw(&raw).map(Cow::Owned).map_err(|cause| {
            tracing::warn!(flow = flow_id, version, %cause, "stored flow version no longer loads");
            ApiError::StaleFlow
        }),
        None if current.is_some() => Err(ApiError::StaleFlow),
        None => Err(ApiError::UnknownFlow(flow_id.to_owned())),
    }
}
