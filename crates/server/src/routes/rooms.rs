//! `/api/rooms`: classroom rooms. A trainer opens a room on a flow and moves it, asks the room
//! the question it is at and reveals the answers, and ends it; attendees follow it as
//! server-sent events and answer its polls. Codes are read in any case.

use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, HOST};
use axum::http::{HeaderMap, StatusCode};
use axum::response::sse::{Event, Sse};
use axum::response::IntoResponse;
use axum::{Extension, Json};
use futures_util::Stream;
use serde::Deserialize;
use signpost_flow::api::{
    ErrorBody, PollRequest, RoomAnswer, RoomCreated, RoomEvent, RoomMove, RoomRequest, RoomState,
};
use signpost_flow::Step;
use utoipa::IntoParams;

use crate::extract::{Body, Params};
use crate::openapi::{BodyRefused, Internal, TrainerOnly};
use crate::rooms::{secret, stream};
use crate::serve::Stopping;
use crate::store::{OpenPoll, Room};
use crate::{auth, caching, flows, ApiError, AppState};

/// How many fresh codes a new room may draw before the server gives up (each is taken with a
/// chance of one in millions).
const CODE_TRIES: usize = 8;

/// The shortest and longest attendee id.
const ATTENDEE_LENGTH: std::ops::RangeInclusive<usize> = 8..=64;

/// How a QR code's modules are drawn: large, so a projected code scans from the back.
const QR_MODULE_PIXELS: u32 = 12;

/// Opens a room on a flow's start, and gives its trainer the token that leads it.
#[utoipa::path(
    post,
    path = signpost_flow::api::ROOMS_PATH,
    tag = "rooms",
    operation_id = "create_room",
    request_body(content = RoomRequest, content_type = "application/json"),
    responses(
        (status = 201, description = "The room, at the flow's start.", body = RoomCreated),
        (status = 400, description = "Malformed JSON (`malformed_json`).", body = ErrorBody),
        (status = 422, description = "An unknown field or flow (`invalid_body`, `unknown_flow`).", body = ErrorBody),
        (status = 429, description = "Too many requests from this address (`rate_limited`).", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds to wait before trying again."))),
        BodyRefused, Internal,
    ),
)]
pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    Body(request): Body<RoomRequest>,
) -> Result<(StatusCode, Json<RoomCreated>), ApiError> {
    let catalogue = state.flows.current();
    let flow = catalogue
        .get(&request.flow)
        .ok_or_else(|| ApiError::UnknownFlow(request.flow.clone()))?;
    let token = secret::token();
    for _ in 0..CODE_TRIES {
        let room = Room {
            code: secret::code(),
            token_hash: token_hash(&token),
            flow: flow.id().to_owned(),
            version: flow.version().as_str().to_owned(),
            answers: Vec::new(),
            poll: None,
            seq: 1,
            ended: false,
        };
        if let Some(opened) = state.rooms.create(&room).await? {
            let created = RoomCreated {
                link: link(&state, &headers, &room.code),
                code: room.code,
                trainer_token: token,
                room: opened,
            };
            return Ok((StatusCode::CREATED, Json(created)));
        }
    }
    Err(ApiError::Internal(sqlx::Error::Protocol(
        "every room code drawn was taken".into(),
    )))
}

/// Where a room stands.
#[utoipa::path(
    get,
    path = "/api/rooms/{code}",
    tag = "rooms",
    operation_id = "room",
    params(("code" = String, Path, description = "The room's code, in any case.")),
    responses(
        (status = 200, description = "The room's state.", body = RoomState),
        (status = 404, description = "No room has this code (`no_such_room`).", body = ErrorBody),
        (status = 429, description = "Too many wrong codes from this address (`too_many_tries`).", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds to wait before trying again."))),
        Internal,
    ),
)]
pub async fn room(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<RoomState>, ApiError> {
    let room = state.rooms.find(&code).await?;
    Ok(Json(state.rooms.state(&room).await?))
}

/// Who follows a room's event stream.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Following {
    /// The attendee's own random id, which counts them in the room while the stream is open;
    /// without it (the trainer's screen), the stream counts no one.
    #[param(min_length = 8, max_length = 64, pattern = "^[A-Za-z0-9_-]+$")]
    attendee: Option<String>,
}

/// The room as server-sent events: its whole state as event `state` (id: its `seq`) at once
/// and after every change, and a heartbeat comment; the stream closes after the final state
/// of an ended room.
#[utoipa::path(
    get,
    path = "/api/rooms/{code}/events",
    tag = "rooms",
    operation_id = "room_events",
    params(
        ("code" = String, Path, description = "The room's code, in any case."),
        Following,
        ("Last-Event-ID" = Option<u64>, Header, description = "The last `seq` received: a reconnecting stream sends only what is newer."),
    ),
    responses(
        (status = 200, description = "Server-sent events, each `state` holding a RoomState as JSON.", body = RoomEvent, content_type = "text/event-stream"),
        (status = 400, description = "A query that is not read (`invalid_query`).", body = ErrorBody),
        (status = 404, description = "No room has this code (`no_such_room`).", body = ErrorBody),
        (status = 409, description = "The room has as many attendees as it takes (`room_full`).", body = ErrorBody),
        (status = 422, description = "An attendee id that is not 8 to 64 letters, digits, `_` or `-` (`invalid_input`).", body = ErrorBody),
        (status = 429, description = "Too many wrong codes or joins from this address (`too_many_tries`, `rate_limited`).", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds to wait before trying again."))),
        Internal,
    ),
)]
pub async fn events(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Params(following): Params<Following>,
    headers: HeaderMap,
    stopping: Option<Extension<Stopping>>,
) -> Result<Sse<impl Stream<Item = Result<Event, std::convert::Infallible>>>, ApiError> {
    if let Some(attendee) = &following.attendee {
        check_attendee(attendee)?;
    }
    let room = state.rooms.find(&code).await?;
    let last_seen = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok());
    stream::open(
        &state.rooms,
        room,
        following.attendee.as_deref(),
        last_seen,
        stopping.map(|Extension(stopping)| stopping),
        state.idle_timeout,
    )
    .await
}

/// Moves the room to a walk of a flow (the room's or another), checked as any walk is. A poll
/// still open closes unless the room stays at its question.
#[utoipa::path(
    post,
    path = "/api/rooms/{code}/moves",
    tag = "rooms",
    operation_id = "move_room",
    params(("code" = String, Path, description = "The room's code, in any case.")),
    request_body(content = RoomMove, content_type = "application/json"),
    security(("room" = [])),
    responses(
        (status = 200, description = "The room, moved.", body = RoomState),
        (status = 400, description = "Malformed JSON (`malformed_json`).", body = ErrorBody),
        TrainerOnly,
        (status = 409, description = "The flow changed since the trainer opened it (`flow_changed`).", body = ErrorBody),
        (status = 422, description = "An unknown field or flow, or answers that do not fit it (`invalid_body`, `unknown_flow`, `invalid_answers`).", body = ErrorBody),
        BodyRefused, Internal,
    ),
)]
pub async fn moves(
    State(state): State<AppState>,
    Path(code): Path<String>,
    headers: HeaderMap,
    Body(moved): Body<RoomMove>,
) -> Result<Json<RoomState>, ApiError> {
    let room = led(&state, &headers, &code).await?;
    let flow = flows::walked(&state, &moved.flow, &moved.version).await?;
    let walk = flow.walk(&moved.answers)?;
    let node = flow.node(walk.at).key();
    let moved = state
        .rooms
        .change(&room.code, |room| {
            let stays =
                room.flow == moved.flow && room.poll.as_ref().is_some_and(|p| p.node == node);
            if !stays {
                room.poll = None;
            }
            room.flow.clone_from(&moved.flow);
            room.version.clone_from(&moved.version);
            room.answers.clone_from(&moved.answers);
            Ok(())
        })
        .await?;
    Ok(Json(moved))
}

/// Asks the room the question it is at, afresh: every attendee may answer once.
#[utoipa::path(
    post,
    path = "/api/rooms/{code}/poll",
    tag = "rooms",
    operation_id = "ask_room",
    params(("code" = String, Path, description = "The room's code, in any case.")),
    request_body(content = PollRequest, content_type = "application/json"),
    security(("room" = [])),
    responses(
        (status = 200, description = "The room, asked.", body = RoomState),
        (status = 400, description = "Malformed JSON (`malformed_json`).", body = ErrorBody),
        TrainerOnly,
        (status = 409, description = "The room's flow changed meanwhile (`flow_changed`).", body = ErrorBody),
        (status = 422, description = "An unknown field, or the room is not at a question with choices (`invalid_body`, `not_a_question`).", body = ErrorBody),
        BodyRefused, Internal,
    ),
)]
pub async fn poll(
    State(state): State<AppState>,
    Path(code): Path<String>,
    headers: HeaderMap,
    Body(request): Body<PollRequest>,
) -> Result<Json<RoomState>, ApiError> {
    let room = led(&state, &headers, &code).await?;
    let (node, choices) = question(&state, &room).await?;
    let asked = state
        .rooms
        .change(&room.code, |now| {
            if (&now.flow, &now.version, &now.answers) != (&room.flow, &room.version, &room.answers)
            {
                return Err(ApiError::StaleFlow);
            }
            now.poll = Some(OpenPoll {
                node: node.clone(),
                choices: choices.clone(),
                revealed: !request.hidden,
                id: now.seq + 1,
            });
            Ok(())
        })
        .await?;
    Ok(Json(asked))
}

/// Shows the room how it answered the question asked.
#[utoipa::path(
    post,
    path = "/api/rooms/{code}/reveal",
    tag = "rooms",
    operation_id = "reveal_room",
    params(("code" = String, Path, description = "The room's code, in any case.")),
    security(("room" = [])),
    responses(
        (status = 200, description = "The room, its poll's counts shown.", body = RoomState),
        TrainerOnly,
        (status = 422, description = "No question is being asked (`not_asked`).", body = ErrorBody),
        Internal,
    ),
)]
pub async fn reveal(
    State(state): State<AppState>,
    Path(code): Path<String>,
    headers: HeaderMap,
) -> Result<Json<RoomState>, ApiError> {
    let room = led(&state, &headers, &code).await?;
    let revealed = state
        .rooms
        .change(&room.code, |room| {
            room.poll.as_mut().ok_or(ApiError::NotAsked)?.revealed = true;
            Ok(())
        })
        .await?;
    Ok(Json(revealed))
}

/// Ends the room: every screen gets its final state, and nothing changes it again.
#[utoipa::path(
    post,
    path = "/api/rooms/{code}/end",
    tag = "rooms",
    operation_id = "end_room",
    params(("code" = String, Path, description = "The room's code, in any case.")),
    security(("room" = [])),
    responses(
        (status = 204, description = "The room has ended."),
        TrainerOnly,
        Internal,
    ),
)]
pub async fn end(
    State(state): State<AppState>,
    Path(code): Path<String>,
    headers: HeaderMap,
) -> Result<StatusCode, ApiError> {
    let room = led(&state, &headers, &code).await?;
    state
        .rooms
        .change(&room.code, |room| {
            room.ended = true;
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Keeps an attendee's answer to the question the room is asked, anonymously.
#[utoipa::path(
    post,
    path = "/api/rooms/{code}/answers",
    tag = "rooms",
    operation_id = "answer_room",
    params(("code" = String, Path, description = "The room's code, in any case.")),
    request_body(content = RoomAnswer, content_type = "application/json"),
    responses(
        (status = 204, description = "The answer is counted."),
        (status = 400, description = "Malformed JSON (`malformed_json`).", body = ErrorBody),
        (status = 404, description = "No room has this code (`no_such_room`).", body = ErrorBody),
        (status = 409, description = "This attendee already answered this question (`already_answered`).", body = ErrorBody),
        (status = 410, description = "The room has ended (`room_ended`).", body = ErrorBody),
        (status = 422, description = "An unknown field, a bad attendee id, a question not asked or a choice it does not have (`invalid_body`, `invalid_input`, `not_asked`, `no_such_choice`).", body = ErrorBody),
        (status = 429, description = "Too many wrong codes or answers from this address (`too_many_tries`, `rate_limited`).", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds to wait before trying again."))),
        BodyRefused, Internal,
    ),
)]
pub async fn answers(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Body(answer): Body<RoomAnswer>,
) -> Result<StatusCode, ApiError> {
    check_attendee(&answer.attendee)?;
    let room = state.rooms.find(&code).await?;
    if room.ended {
        return Err(ApiError::RoomEnded);
    }
    let poll = room
        .poll
        .filter(|poll| poll.node == answer.node)
        .ok_or(ApiError::NotAsked)?;
    if !poll.choices.contains(&answer.choice) {
        return Err(ApiError::NoSuchChoice(answer.choice));
    }
    state
        .rooms
        .answer(&room.code, poll.id, &answer.attendee, &answer.choice)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The room's join link as a QR code, to project for the room to scan.
#[utoipa::path(
    get,
    path = "/api/rooms/{code}/qr.svg",
    tag = "rooms",
    operation_id = "room_qr",
    params(("code" = String, Path, description = "The room's code, in any case.")),
    responses(
        (status = 200, description = "The link attendees open, as an SVG QR code.", body = String, content_type = "image/svg+xml"),
        (status = 404, description = "No room has this code (`no_such_room`).", body = ErrorBody),
        (status = 429, description = "Too many wrong codes from this address (`too_many_tries`).", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds to wait before trying again."))),
        Internal,
    ),
)]
pub async fn qr(
    State(state): State<AppState>,
    Path(code): Path<String>,
    headers: HeaderMap,
) -> Result<impl IntoResponse, ApiError> {
    let room = state.rooms.find(&code).await?;
    let link = link(&state, &headers, &room.code);
    let code = qrcode::QrCode::new(link.as_bytes())
        .map_err(|cause| ApiError::Internal(sqlx::Error::Protocol(cause.to_string())))?;
    let svg = code
        .render::<qrcode::render::svg::Color<'_>>()
        .module_dimensions(QR_MODULE_PIXELS, QR_MODULE_PIXELS)
        .quiet_zone(true)
        .build();
    Ok((
        [
            (CONTENT_TYPE, "image/svg+xml"),
            (CACHE_CONTROL, caching::NEVER),
        ],
        svg,
    ))
}

/// The room with `code`, for its trainer only, while it has not ended.
async fn led(state: &AppState, headers: &HeaderMap, code: &str) -> Result<Room, ApiError> {
    let room = state.rooms.find(code).await?;
    let token = auth::bearer(headers)
        .filter(|token| !token.is_empty())
        .ok_or(ApiError::NoTrainerToken)?;
    if !auth::same(token_hash(token).as_bytes(), room.token_hash.as_bytes()) {
        return Err(ApiError::NotTheTrainer);
    }
    if room.ended {
        return Err(ApiError::RoomEnded);
    }
    Ok(room)
}

/// What is kept of a trainer token: its SHA-256, as hex.
fn token_hash(token: &str) -> String {
    secret::hex(&auth::hash(token))
}

/// The question `room` is at, with its choices, or `not_a_question`.
async fn question(state: &AppState, room: &Room) -> Result<(String, Vec<String>), ApiError> {
    let flow = flows::walked(state, &room.flow, &room.version).await?;
    let walk = flow.walk(&room.answers)?;
    match walk.step {
        Step::Question(question) => Ok((
            question.key().to_owned(),
            question
                .choices()
                .iter()
                .map(|c| c.key().to_owned())
                .collect(),
        )),
        _ => Err(ApiError::NotAQuestion),
    }
}

/// An attendee id: 8 to 64 letters, digits, `_` or `-`.
fn check_attendee(attendee: &str) -> Result<(), ApiError> {
    let fits = ATTENDEE_LENGTH.contains(&attendee.len())
        && attendee
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    match fits {
        true => Ok(()),
        false => Err(ApiError::BadInput(
            "An attendee id is 8 to 64 letters, digits, _ or -.".into(),
        )),
    }
}

/// The address attendees open: the server's public URL, or the address the request came to.
fn link(state: &AppState, headers: &HeaderMap, code: &str) -> String {
    let base = match &state.public_url {
        Some(url) => url.trim_end_matches('/').to_owned(),
        None => {
            let host = headers.get(HOST).and_then(|h| h.to_str().ok());
            format!("http://{}", host.unwrap_or("localhost"))
        }
    };
    format!("{base}/?room={code}")
}
