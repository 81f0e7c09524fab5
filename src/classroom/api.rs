//! The classroom's calls to the server, and what the tab keeps of its rooms: the trainer token
//! and join link of a room it made, and the random id it answers polls under, all in
//! `sessionStorage` (gone with the tab, never in the address bar).

use gloo_net::http::Request;
use serde::{Deserialize, Serialize};
use signpost_flow::api::{
    PollRequest, RoomAnswer, RoomCreated, RoomMove, RoomRequest, RoomState, ROOMS_PATH,
    ROOM_TOKEN_SCHEME,
};

use crate::api::{self as server, done, encode, send, with_json, ApiError};

/// Where the tab keeps its attendee id.
const ATTENDEE_KEY: &str = "signpost-attendee";

/// The address of `code`'s room, or of `what` in it.
pub fn room_path(code: &str, what: &str) -> String {
    match what {
        "" => format!("{ROOMS_PATH}/{}", encode(code)),
        what => format!("{ROOMS_PATH}/{}/{what}", encode(code)),
    }
}

/// What the tab that made a room keeps of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Leading {
    pub token: String,
    pub link: String,
}

/// Makes a room on `flow` and keeps its trainer token and link in this tab.
pub async fn create(flow: &str) -> Result<RoomCreated, ApiError> {
    let request = RoomRequest {
        flow: flow.to_owned(),
    };
    let response = send(with_json(Request::post(ROOMS_PATH), &request)?).await?;
    let created: RoomCreated = server::read(response).await?;
    let leading = Leading {
        token: created.trainer_token.clone(),
        link: created.link.clone(),
    };
    if let Some(storage) = storage() {
        let _ = storage.set_item(&token_key(&created.code), &crate::json::stringify(&leading));
    }
    Ok(created)
}

/// What this tab keeps of `code`'s room, if it made the room.
pub fn leading(code: &str) -> Option<Leading> {
    crate::json::parse(&storage()?.get_item(&token_key(code)).ok()??)
}

/// Forgets what this tab kept of `code`'s room, once the room has ended.
pub fn forget(code: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&token_key(code));
    }
}

/// This tab's attendee id: random, made once, and the same after a reload.
pub fn attendee() -> String {
    let kept = storage().and_then(|s| s.get_item(ATTENDEE_KEY).ok().flatten());
    kept.unwrap_or_else(|| {
        let id = server::new_idempotency_key();
        if let Some(storage) = storage() {
            let _ = storage.set_item(ATTENDEE_KEY, &id);
        }
        id
    })
}

/// Moves the room to the trainer's step.
pub async fn move_to(code: &str, token: &str, to: &RoomMove) -> Result<RoomState, ApiError> {
    as_trainer(&room_path(code, "moves"), token, to).await
}

/// Asks the room the question it is at.
pub async fn ask(code: &str, token: &str, hidden: bool) -> Result<RoomState, ApiError> {
    as_trainer(&room_path(code, "poll"), token, &PollRequest { hidden }).await
}

/// Shows the poll's counts.
pub async fn reveal(code: &str, token: &str) -> Result<RoomState, ApiError> {
    as_trainer(&room_path(code, "reveal"), token, &()).await
}

/// Ends the room for everyone.
pub async fn end(code: &str, token: &str) -> Result<(), ApiError> {
    done(send(trainer_post(&room_path(code, "end"), token, &())?).await?).await
}

/// Sends this tab's answer to the room's poll.
pub async fn answer(code: &str, answer: &RoomAnswer) -> Result<(), ApiError> {
    done(
        send(with_json(
            Request::post(&room_path(code, "answers")),
            answer,
        )?)
        .await?,
    )
    .await
}

/// The room as it stands.
pub async fn state(code: &str) -> Result<RoomState, ApiError> {
    server::get(&room_path(code, ""), &[]).await
}

async fn as_trainer<T: Serialize>(
    path: &str,
    token: &str,
    body: &T,
) -> Result<RoomState, ApiError> {
    server::read(send(trainer_post(path, token, body)?).await?).await
}

fn trainer_post<T: Serialize>(path: &str, token: &str, body: &T) -> Result<Request, ApiError> {
    let authorization = format!("{ROOM_TOKEN_SCHEME} {token}");
    with_json(
        Request::post(path).header("authorization", &authorization),
        body,
    )
}

fn token_key(code: &str) -> String {
    format!("signpost-room:{code}")
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}
