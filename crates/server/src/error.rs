//! The API's one error type: each variant is a status, a stable code and a message a person
//! can read. Internal causes are logged, never sent.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::header::{RETRY_AFTER, WWW_AUTHENTICATE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use signpost_flow::api::{ErrorBody, ErrorDetail};
use signpost_flow::contact::ContactError;
use signpost_flow::FlowError;

/// Everything a request can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error(transparent)]
    Body(#[from] JsonRejection),
    #[error(transparent)]
    Query(#[from] QueryRejection),
    #[error(transparent)]
    Path(#[from] PathRejection),
    #[error("{0}")]
    BadInput(String),
    #[error("The request does not fit: {0}")]
    InvalidBody(String),
    #[error("The field \"{0}\" could hold a password, a code or a card number. Never send those here: type them on Amazon's pages only.")]
    SecretField(String),
    #[error(
        "Too many requests from your address. Please wait {retry_after} seconds and try again."
    )]
    RateLimited { retry_after: u64 },
    #[error("Sign in with an administrator token.")]
    Unauthorized,
    #[error("The administrators' API is closed: no administrator token is configured.")]
    AdminClosed,
    #[error("There is nothing at this address in the API.")]
    NoSuchRoute,
    #[error("This address in the API does not take that method.")]
    MethodNotAllowed,
    #[error("There is no action with that reference.")]
    NoSuchAction,
    #[error("Send an Idempotency-Key header holding a UUID made once per confirmation.")]
    MissingIdempotencyKey,
    #[error("That confirmation was already sent with different details.")]
    IdempotencyConflict,
    #[error("There is no flow called \"{0}\".")]
    UnknownFlow(String),
    #[error("There is no flow \"{0}\" in that version.")]
    FlowNotFound(String),
    #[error("The flows were not published, and the previous ones stay live: {0}")]
    FlowsRefused(String),
    #[error(
        "This wizard was updated while you were using it. Please reload the page and answer again."
    )]
    StaleFlow,
    #[error("These answers do not fit the flow: {0}")]
    Answers(#[from] FlowError),
    #[error("{0}")]
    Contact(#[from] ContactError),
    #[error("The outcome \"{0}\" is one people do themselves, on Amazon: it sends nothing, as no one here would act on it.")]
    SelfService(String),
    #[error("There is no room with that code. Check the code the trainer shows.")]
    NoSuchRoom,
    #[error("Too many wrong room codes from your address. Please wait {retry_after} seconds and try again.")]
    TooManyTries { retry_after: u64 },
    #[error("This room is full: no more attendees can join it.")]
    RoomFull,
    #[error("Send the room's trainer token as Authorization: Bearer <token>.")]
    NoTrainerToken,
    #[error("Only the trainer who opened this room can do that.")]
    NotTheTrainer,
    #[error("This room has ended.")]
    RoomEnded,
    #[error("The room is not at a question with choices, so there is nothing to ask.")]
    NotAQuestion,
    #[error("That question is not being asked in this room.")]
    NotAsked,
    #[error("The question asked has no choice \"{0}\".")]
    NoSuchChoice(String),
    #[error("You already answered this question.")]
    AlreadyAnswered,
    #[error("internal error")]
    Internal(#[from] sqlx::Error),
}

impl ApiError {
    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            ApiError::Body(JsonRejection::JsonSyntaxError(_)) => {
                (StatusCode::BAD_REQUEST, "malformed_json")
            }
            ApiError::Body(JsonRejection::JsonDataError(_)) => {
                (StatusCode::UNPROCESSABLE_ENTITY, "invalid_body")
            }
            ApiError::Body(JsonRejection::MissingJsonContentType(_)) => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "json_required")
            }
            ApiError::Body(r) if r.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                (StatusCode::PAYLOAD_TOO_LARGE, "body_too_large")
            }
            ApiError::Body(r) => (r.status(), "unreadable_body"),
            ApiError::Query(_) => (StatusCode::BAD_REQUEST, "invalid_query"),
            ApiError::Path(_) => (StatusCode::BAD_REQUEST, "invalid_path"),
            ApiError::BadInput(_) => (StatusCode::UNPROCESSABLE_ENTITY, "invalid_input"),
            ApiError::InvalidBody(_) => (StatusCode::UNPROCESSABLE_ENTITY, "invalid_body"),
            ApiError::SecretField(_) => (StatusCode::UNPROCESSABLE_ENTITY, "secret_field"),
            ApiError::RateLimited { .. } => (StatusCode::TOO_MANY_REQUESTS, "rate_limited"),
            ApiError::Unauthorized | ApiError::AdminClosed => {
                (StatusCode::UNAUTHORIZED, "unauthorized")
            }
            ApiError::NoSuchRoute | ApiError::NoSuchAction => (StatusCode::NOT_FOUND, "not_found"),
            ApiError::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"),
            ApiError::MissingIdempotencyKey => (StatusCode::BAD_REQUEST, "missing_idempotency_key"),
            ApiError::IdempotencyConflict => (StatusCode::CONFLICT, "idempotency_conflict"),
            ApiError::UnknownFlow(_) => (StatusCode::UNPROCESSABLE_ENTITY, "unknown_flow"),
            ApiError::FlowNotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
            ApiError::FlowsRefused(_) => (StatusCode::UNPROCESSABLE_ENTITY, "flows_invalid"),
            ApiError::StaleFlow => (StatusCode::CONFLICT, "flow_changed"),
            ApiError::Answers(_) => (StatusCode::UNPROCESSABLE_ENTITY, "invalid_answers"),
            ApiError::Contact(_) => (StatusCode::UNPROCESSABLE_ENTITY, "invalid_contact"),
            ApiError::SelfService(_) => (StatusCode::UNPROCESSABLE_ENTITY, "self_service"),
            ApiError::NoSuchRoom => (StatusCode::NOT_FOUND, "no_such_room"),
            ApiError::TooManyTries { .. } => (StatusCode::TOO_MANY_REQUESTS, "too_many_tries"),
            ApiError::RoomFull => (StatusCode::CONFLICT, "room_full"),
            ApiError::NoTrainerToken => (StatusCode::UNAUTHORIZED, "unauthorized"),
            ApiError::NotTheTrainer => (StatusCode::FORBIDDEN, "not_the_trainer"),
            ApiError::RoomEnded => (StatusCode::GONE, "room_ended"),
            ApiError::NotAQuestion => (StatusCode::UNPROCESSABLE_ENTITY, "not_a_question"),
            ApiError::NotAsked => (StatusCode::UNPROCESSABLE_ENTITY, "not_asked"),
            ApiError::NoSuchChoice(_) => (StatusCode::UNPROCESSABLE_ENTITY, "no_such_choice"),
            ApiError::AlreadyAnswered => (StatusCode::CONFLICT, "already_answered"),
            ApiError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }
}

/// The answer to a path under `/api` that no route serves.
pub(crate) async fn no_such_route() -> ApiError {
    ApiError::NoSuchRoute
}

/// The answer to a method an API route does not take.
pub(crate) async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        let message = match &self {
            ApiError::Internal(cause) => {
                tracing::error!(%cause, "request failed");
                "Something went wrong on our side. Please try again in a moment.".to_owned()
            }
            ApiError::Body(rejection) => rejection.body_text(),
            ApiError::Query(rejection) => rejection.body_text(),
            ApiError::Path(rejection) => rejection.body_text(),
            other => other.to_string(),
        };
        let body = ErrorBody {
            error: ErrorDetail {
                code: code.to_owned(),
                message,
            },
        };
        let mut response = (status, Json(body)).into_response();
        if status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(WWW_AUTHENTICATE, "Bearer".parse().expect("a valid header"));
        }
        if let ApiError::RateLimited { retry_after } | ApiError::TooManyTries { retry_after } = self
        {
            response
                .headers_mut()
                .insert(RETRY_AFTER, retry_after.into());
        }
        response
    }
}
