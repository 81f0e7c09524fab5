//! The administrators' calls to the server, each with the signed-in token. A call the server
//! refuses for the token signs the administrator out, saying why.

use gloo_net::http::{Method, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use signpost_flow::api::{
    ActionDetail, ActionPage, ActionSummary, Feedback, FlowsOverview, Funnel, Published, Stats,
    Status, StatusChange, ADMIN_ACTIONS_PATH, ADMIN_EXPORT_PATH, ADMIN_FEEDBACK_PATH,
    ADMIN_FLOWS_PATH, ADMIN_FUNNEL_PATH, ADMIN_STATS_PATH, CONFIG_PATH,
};

use super::filters::Filters;
use super::session::Sessions;
use crate::api::{read, refusal, ApiError};

/// The organisation's name, from its config: all this page shows of it.
pub async fn organisation_name() -> Result<String, ApiError> {
    /// The one field of the config this page reads; serde passes over the others.
    #[derive(serde::Deserialize)]
    struct Config {
        name: String,
    }
    let config: Config = crate::api::get(CONFIG_PATH, &[]).await?;
    Ok(config.name)
}

/// Whether the server accepts `token` (asks for a page of one action, then discards it).
pub async fn accepts(token: &str) -> Result<(), ApiError> {
    let url = format!("{ADMIN_ACTIONS_PATH}?per_page=1");
    let response = send(token, Method::GET, &url, None).await?;
    read::<ActionPage>(response).await.map(drop)
}

/// One page of the queue.
pub async fn queue(sessions: Sessions, filters: &Filters) -> Result<ActionPage, ApiError> {
    let url = format!("{ADMIN_ACTIONS_PATH}?{}", filters.query());
    json(sessions, Method::GET, &url, None).await
}

/// One action with its answers.
pub async fn action(sessions: Sessions, reference: &str) -> Result<ActionDetail, ApiError> {
    let url = format!("{ADMIN_ACTIONS_PATH}/{reference}");
    json(sessions, Method::GET, &url, None).await
}

/// Counts per flow, outcome and action over the filters' dates.
pub async fn stats(sessions: Sessions, filters: &Filters) -> Result<Stats, ApiError> {
    let url = format!("{ADMIN_STATS_PATH}?{}", filters.dates());
    json(sessions, Method::GET, &url, None).await
}

/// How far people got through `flow` over the filters' dates.
pub async fn funnel(sessions: Sessions, flow: &str, filters: &Filters) -> Result<Funnel, ApiError> {
    let url = format!("{ADMIN_FUNNEL_PATH}?flow={flow}&{}", filters.dates());
    json(sessions, Method::GET, &url, None).await
}

/// What people said of the self-service outcomes of `flow` over the filters' dates.
pub async fn feedback(
    sessions: Sessions,
    flow: &str,
    filters: &Filters,
) -> Result<Feedback, ApiError> {
    let url = format!("{ADMIN_FEEDBACK_PATH}?flow={flow}&{}", filters.dates());
    json(sessions, Method::GET, &url, None).await
}

/// Moves an action to `status`, recorded under the administrator's name.
pub async fn set_status(
    sessions: Sessions,
    reference: &str,
    status: Status,
) -> Result<ActionSummary, ApiError> {
    let by = sessions
        .current_untracked()
        .map(|s| s.name)
        .unwrap_or_default();
    let change = StatusChange { status, by };
    let url = format!("{ADMIN_ACTIONS_PATH}/{reference}");
    json(sessions, Method::PATCH, &url, Some(&change)).await
}

/// Each live flow with its versions and last change, and the last refused reload.
pub async fn flows(sessions: Sessions) -> Result<FlowsOverview, ApiError> {
    json(sessions, Method::GET, ADMIN_FLOWS_PATH, None).await
}

/// Publishes the server's flow folder as it is now; a broken file is refused (422) with the
/// file and node named, and the flows live before stay live.
pub async fn reload_flows(sessions: Sessions) -> Result<Published, ApiError> {
    let url = format!("{ADMIN_FLOWS_PATH}/reload");
    json(sessions, Method::POST, &url, None).await
}

/// The queue under the current filters, every page of it, as CSV text.
pub async fn export(sessions: Sessions, filters: &Filters) -> Result<String, ApiError> {
    let url = format!("{ADMIN_EXPORT_PATH}?{}", filters.query_all_pages());
    let response = call(sessions, Method::GET, &url, None).await;
    let text = async {
        let response = response?;
        let status = response.status();
        response
            .text()
            .await
            .map_err(|_| ApiError::Unexpected(status))
    };
    checked(sessions, text.await)
}

/// The JSON the server answers.
async fn json<T: DeserializeOwned>(
    sessions: Sessions,
    method: Method,
    url: &str,
    body: Option<&StatusChange>,
) -> Result<T, ApiError> {
    let result = match call(sessions, method, url, body).await {
        Ok(response) => read(response).await,
        Err(error) => Err(error),
    };
    checked(sessions, result)
}

/// Sends a request with the signed-in administrator's token.
async fn call(
    sessions: Sessions,
    method: Method,
    url: &str,
    body: Option<&StatusChange>,
) -> Result<Response, ApiError> {
    let token = sessions
        .current_untracked()
        .map(|s| s.token)
        .unwrap_or_default();
    send(&token, method, url, body).await
}

/// Sends a request with `token`; any answer but a success is an error.
async fn send(
    token: &str,
    method: Method,
    url: &str,
    body: Option<&StatusChange>,
) -> Result<Response, ApiError> {
    let builder = RequestBuilder::new(url)
        .method(method)
        .header("Authorization", &format!("Bearer {token}"));
    let request = match body {
        Some(body) => crate::api::with_json(builder, body)?,
        None => builder.build().map_err(|_| ApiError::Unexpected(0))?,
    };
    let response = request.send().await.map_err(|_| ApiError::Unreachable)?;
    if response.ok() {
        Ok(response)
    } else {
        Err(refusal(response).await)
    }
}

/// Signs the administrator out when the server no longer accepts the token.
fn checked<T>(sessions: Sessions, result: Result<T, ApiError>) -> Result<T, ApiError> {
    if let Err(ApiError::Refused { status: 401, .. }) = &result {
        sessions.sign_out(Some(
            "The server no longer accepts your token (it may have been changed or withdrawn). \
             Sign in again."
                .into(),
        ));
    }
    result
}
