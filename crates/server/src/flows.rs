//! The flows this server serves: read from the folder `SIGNPOST_FLOWS` names, or the ones
//! shipped in `flows/` and embedded in the binary; checked at start and again on every reload,
//! which replaces the live set whole or not at all. Through the store, every version the server
//! has served stays walkable.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use signpost_flow::api::{FlowList, FlowSummary, ReloadFailure};
use signpost_flow::folder::{self, FolderError};
use signpost_flow::org::Organisation;
use signpost_flow::raw::RawFlow;
use signpost_flow::{Flow, Lang};

use crate::store::Store;
use crate::{ApiError, AppState};

/// The flow files shipped in the repository's `flows/`, as (name, text).
const SHIPPED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/shipped_flows.rs"));

/// Where the flows come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlowSource {
    /// The flows shipped in the binary.
    Shipped,
    /// Every `*.toml` in a folder, read again on each reload.
    Folder(PathBuf),
}

impl FlowSource {
    /// Reads and checks every flow file, or says which file and node is wrong.
    fn read(&self) -> Result<Vec<RawFlow>, FolderError> {
        match self {
            FlowSource::Shipped => {
                folder::read_texts(SHIPPED.iter().map(|(name, text)| (Path::new(name), *text)))
            }
            FlowSource::Folder(dir) => folder::read_dir(dir),
        }
    }
}

/// One set of flows, checked together, with what the API sends of them made once.
pub struct Catalogue {
    flows: Vec<Published>,
    list: FlowList,
    list_json: Arc<str>,
}

/// One live flow: checked, as written (for the store), and as the app reads it.
struct Published {
    flow: Arc<Flow>,
    raw: RawFlow,
    json: Arc<str>,
}

impl Catalogue {
    /// Reads and checks the flows at `source`: every flow with requests needs a team of
    /// `organisation` to act on them.
    pub fn load(
        source: &FlowSource,
        organisation: &Organisation,
    ) -> Result<Catalogue, FolderError> {
        let flows: Vec<Published> = source
            .read()?
            .into_iter()
            .map(|raw| {
                let flow = Flow::from_raw(&raw).expect("the folder reader checked every flow");
                let json = serde_json::to_string(&flow).expect("a Flow always serializes");
                Published {
                    flow: Arc::new(flow),
                    raw,
                    json: json.into(),
                }
            })
            .collect();
        let untended = flows
            .iter()
            .map(|p| &p.flow)
            .find(|flow| flow.has_requests() && organisation.team(flow.id(), Lang::En).is_none());
        if let Some(flow) = untended {
            return Err(FolderError::NoTeam(flow.id().to_owned()));
        }
        let list = FlowList {
            flows: flows.iter().map(|p| FlowSummary::of(&p.flow)).collect(),
        };
        let list_json = serde_json::to_string(&list.flows).expect("a FlowList always serializes");
        Ok(Catalogue {
            flows,
            list,
            list_json: list_json.into(),
        })
    }

    /// The flows shipped in the binary, for the example organisation (checked by the tests of
    /// `flows/`, so this cannot fail).
    pub fn shipped() -> Catalogue {
        Catalogue::load(&FlowSource::Shipped, &Organisation::example())
            .expect("the shipped flows are valid")
    }

    /// The current version of the flow with this id.
    pub fn get(&self, id: &str) -> Option<&Arc<Flow>> {
        self.published(id).map(|p| &p.flow)
    }

    /// The flow with this id as the app reads it (JSON).
    pub fn json(&self, id: &str) -> Option<&Arc<str>> {
        self.published(id).map(|p| &p.json)
    }

    /// Every current flow with its definition.
    pub fn definitions(&self) -> impl Iterator<Item = (&Flow, &RawFlow)> {
        self.flows.iter().map(|p| (p.flow.as_ref(), &p.raw))
    }

    /// The list of flows the app shows.
    pub fn list(&self) -> &FlowList {
        &self.list
    }

    /// The same list's flows as a JSON array.
    pub fn list_json(&self) -> Arc<str> {
        self.list_json.clone()
    }

    fn published(&self, id: &str) -> Option<&Published> {
        self.flows.iter().find(|p| p.flow.id() == id)
    }
}

/// The live flows, replaced whole by each reload that passes every check.
pub struct LiveFlows {
    source: FlowSource,
    /// Whose teams act on the flows' requests.
    organisation: Arc<Organisation>,
    current: RwLock<Arc<Catalogue>>,
    /// The last refused reload, until one succeeds.
    failure: Mutex<Option<ReloadFailure>>,
    /// One reload at a time, so two cannot publish out of order.
    reloading: tokio::sync::Mutex<()>,
}

impl LiveFlows {
    /// The flows as first read from `source` for `organisation`.
    pub fn new(source: FlowSource, organisation: Arc<Organisation>, first: Catalogue) -> LiveFlows {
        LiveFlows {
            source,
            organisation,
            current: RwLock::new(Arc::new(first)),
            failure: Mutex::new(None),
            reloading: tokio::sync::Mutex::new(()),
        }
    }

    /// The set live now. A walk keeps the set it started with for as long as it holds it.
    pub fn current(&self) -> Arc<Catalogue> {
        self.current.read().expect("never poisoned").clone()
    }

    /// The last refused reload, if none succeeded since.
    pub fn failure(&self) -> Option<ReloadFailure> {
        self.failure.lock().expect("never poisoned").clone()
    }

    /// Reads the source again. A set that passes every check is recorded in the store and then
    /// replaces the live one; any broken file refuses the whole set, and the live one stays.
    pub async fn reload(&self, store: &Store) -> Result<Arc<Catalogue>, ReloadError> {
        let _one_at_a_time = self.reloading.lock().await;
        let outcome = match Catalogue::load(&self.source, &self.organisation) {
            Ok(catalogue) => match record(store, &catalogue).await {
                Ok(()) => Ok(catalogue),
                Err(cause) => Err(ReloadError::Store(cause)),
            },
            Err(cause) => Err(ReloadError::Invalid(cause)),
        };
        match outcome {
            Ok(catalogue) => {
                let catalogue = Arc::new(catalogue);
                *self.current.write().expect("never poisoned") = catalogue.clone();
                *self.failure.lock().expect("never poisoned") = None;
                Ok(catalogue)
            }
            Err(error) => {
                *self.failure.lock().expect("never poisoned") = Some(ReloadFailure {
                    at: crate::store::now(),
                    message: error.to_string(),
                });
                Err(error)
            }
        }
    }
}

/// Why a reload published nothing.
#[derive(Debug, thiserror::Error)]
pub enum ReloadError {
    #[error("{0}")]
    Invalid(FolderError),
    #[error("the flows could not be recorded in the database: {0}")]
    Store(sqlx::Error),
}

/// Records each flow version (once), so confirmations walked on it stay valid after the next
/// publish, on this instance and on any other sharing the database.
pub async fn record(store: &Store, catalogue: &Catalogue) -> Result<(), sqlx::Error> {
    for (flow, raw) in catalogue.definitions() {
        store.record_flow(flow, raw).await?;
    }
    Ok(())
}

/// The flow version a person walked: the live one, or one a server sharing this database
/// served before. An unknown version asks the person to reload.
pub async fn walked(state: &AppState, flow_id: &str, version: &str) -> Result<Arc<Flow>, ApiError> {
    let current = state.flows.current();
    let live = current.get(flow_id);
    if let Some(flow) = live.filter(|f| f.version().as_str() == version) {
        return Ok(flow.clone());
    }
    match state.store.flow_version(flow_id, version).await? {
        Some(raw) => Flow::from_raw(&raw).map(Arc::new).map_err(|cause| {
            tracing::warn!(flow = flow_id, version, %cause, "stored flow version no longer loads");
            ApiError::StaleFlow
        }),
        None if live.is_some() => Err(ApiError::StaleFlow),
        None => Err(ApiError::UnknownFlow(flow_id.to_owned())),
    }
}
