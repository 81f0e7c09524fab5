//! The JSON the app and the server exchange, defined once for both.

use serde::{Deserialize, Serialize};

/// Where the app posts a confirmed action.
pub const ACTIONS_PATH: &str = "/api/actions";
/// Where a confirmation is checked without being stored.
pub const CHECK_PATH: &str = "/api/actions/check";
/// Where the app reads the organisation's config.
pub const CONFIG_PATH: &str = "/api/config";
/// The header that makes a confirmation safe to send again.
pub const IDEMPOTENCY_HEADER: &str = "Idempotency-Key";

/// A confirmation: the answers the person gave, never the outcome they saw. The server walks
/// the answers itself to derive the outcome and the action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionRequest {
    pub flow: String,
    /// The flow version the person walked.
    pub version: String,
    pub answers: Vec<String>,
    pub name: String,
    pub email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The server's answer to a stored confirmation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionReceipt {
    /// A short reference the person can quote to the administrators.
    pub reference: String,
    pub outcome: String,
    pub action: String,
}

/// What the server derives from a confirmation it checked but did not store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionCheck {
    pub outcome: String,
    pub action: String,
    pub flags: Vec<String>,
}

/// Every error the API returns: `{ "error": { "code": ..., "message": ... } }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

/// A machine-readable code and a message a person can read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorDetail {
    pub code: String,
    pub message: String,
}
