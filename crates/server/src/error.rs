//! The API's one error type: each variant is a status, a stable code and a message a person
//! can read. Internal causes are logged, never sent.

use axum::extract::rejection::JsonRejection;
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
    #[error("Send an Idempotency-Key header holding a UUID made once per confirmation.")]
    MissingIdempotencyKey,
    #[error("That confirmation was already sent with different details.")]
    IdempotencyConflict,
    #[error("There is no flow called \"{0}\".")]
    UnknownFlow(String),
    #[error(
        "This wizard was updated while you were using it. Please reload the page and answer again."
    )]
    StaleFlow,
    #[error("These answers do not fit the flow: {0}")]
    Answers(#[from] FlowError),
    #[error("{0}")]
    Contact(#[from] ContactError),
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
            ApiError::MissingIdempotencyKey => (StatusCode::BAD_REQUEST, "missing_idempotency_key"),
            ApiError::IdempotencyConflict => (StatusCode::CONFLICT, "idempotency_conflict"),
            ApiError::UnknownFlow(_) => (StatusCode::UNPROCESSABLE_ENTITY, "unknown_flow"),
            ApiError::StaleFlow => (StatusCode::CONFLICT, "flow_changed"),
            ApiError::Answers(_) => (StatusCode::UNPROCESSABLE_ENTITY, "invalid_answers"),
            ApiError::Contact(_) => (StatusCode::UNPROCESSABLE_ENTITY, "invalid_contact"),
            ApiError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }
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
            other => other.to_string(),
        };
        let body = ErrorBody {
            error: ErrorDetail {
                code: code.to_owned(),
                message,
            },
        };
        (status, Json(body)).into_response()
    }
}
