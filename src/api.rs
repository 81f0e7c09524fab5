//! Typed calls to the server's API.

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use signpost_flow::api::{
    ActionReceipt, ActionRequest, ErrorBody, FeedbackRequest, ACTIONS_PATH, CONFIG_PATH,
    FEEDBACK_PATH, IDEMPOTENCY_HEADER,
};
use signpost_flow::org::Organisation;

/// Why a call to the server failed. The wizard words it in the person's language
/// ([`crate::i18n::Words::api_error`]); displayed, it is in English, for administrators.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    Unreachable,
    /// The server refused the request, in its own words.
    Refused {
        status: u16,
        message: String,
    },
    Unexpected(u16),
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::Words::of(signpost_flow::Lang::En).api_error(self))
    }
}

impl ApiError {
    /// Whether sending the same request again later may succeed: the server was out of reach,
    /// failed on its side, or asked to slow down. A refusal of the request itself is final.
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Unreachable => true,
            ApiError::Refused { status, .. } | ApiError::Unexpected(status) => {
                *status == 429 || *status >= 500
            }
        }
    }
}

/// The organisation's config, which fills the flows' placeholders.
pub async fn organisation() -> Result<Organisation, ApiError> {
    get(CONFIG_PATH, &[]).await
}

/// The JSON at `path`, with the `query` parameters given.
pub async fn get<T: DeserializeOwned>(path: &str, query: &[(&str, &str)]) -> Result<T, ApiError> {
    let response = Request::get(path)
        .query(query.iter().copied())
        .send()
        .await
        .map_err(|_| ApiError::Unreachable)?;
    read(response).await
}

/// `text` made safe to put in a URL.
pub fn encode(text: &str) -> String {
    js_sys::encode_uri_component(text).into()
}

/// Sends a confirmation. `key` identifies it, so sending it again stores nothing new.
pub async fn post_action(key: &str, request: &ActionRequest) -> Result<ActionReceipt, ApiError> {
    let response = with_json(
        Request::post(ACTIONS_PATH).header(IDEMPOTENCY_HEADER, key),
        request,
    )?
    .send()
    .await
    .map_err(|_| ApiError::Unreachable)?;
    read(response).await
}

/// Sends whether a self-service outcome solved the person's problem.
pub async fn post_feedback(feedback: &FeedbackRequest) -> Result<(), ApiError> {
    done(send(with_json(Request::post(FEEDBACK_PATH), feedback)?).await?).await
}

/// Sends `request`; Err only when the server was out of reach.
pub(crate) async fn send(request: Request) -> Result<Response, ApiError> {
    request.send().await.map_err(|_| ApiError::Unreachable)
}

/// Success for a response with nothing to read, or the error the server gave instead.
pub(crate) async fn done(response: Response) -> Result<(), ApiError> {
    match response.ok() {
        true => Ok(()),
        false => Err(refusal(response).await),
    }
}

/// A request with `body` as its JSON.
pub(crate) fn with_json<T: Serialize + ?Sized>(
    builder: RequestBuilder,
    body: &T,
) -> Result<Request, ApiError> {
    builder
        .header("content-type", "application/json")
        .body(crate::json::stringify(body))
        .map_err(|_| ApiError::Unexpected(0))
}

/// The JSON body of a successful response, or the error the server gave instead.
pub(crate) async fn read<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    let status = response.status();
    if !response.ok() {
        return Err(refusal(response).await);
    }
    body(response).await.ok_or(ApiError::Unexpected(status))
}

/// The error an unsuccessful response stands for, with the server's message when it sent one.
pub(crate) async fn refusal(response: Response) -> ApiError {
    let status = response.status();
    match body::<ErrorBody>(response).await {
        Some(body) => ApiError::Refused {
            status,
            message: body.error.message,
        },
        None => ApiError::Unexpected(status),
    }
}

/// A response's body read as JSON, if it is a `T`.
async fn body<T: DeserializeOwned>(response: Response) -> Option<T> {
    crate::json::parse(&response.text().await.ok()?)
}

/// A random UUID (version 4) for an `Idempotency-Key`. Uses `getRandomValues`, which, unlike
/// `randomUUID`, also works on intranet pages served without HTTPS.
pub fn new_idempotency_key() -> String {
    let mut bytes = [0u8; 16];
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .expect("browsers have crypto");
    crypto
        .get_random_values_with_u8_array(&mut bytes)
        .expect("16 random bytes");
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}
