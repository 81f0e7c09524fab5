//! `POST /api/feedback`: a person says, anonymously, whether a self-service outcome solved
//! their problem, and what did not work. `GET /api/admin/feedback`: what people said, per
//! self-service outcome of a flow.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use signpost_flow::api::{
    ErrorBody, Feedback, FeedbackComment, FeedbackRequest, OutcomeFeedback, MAX_COMMENTS,
};
use signpost_flow::{contact, Lang, Node, OutcomeKind};

use super::funnel::FlowPeriod;
use crate::extract::{Body, Params};
use crate::openapi::{BodyRefused, Internal, Unauthorized};
use crate::store::NewFeedback;
use crate::{flows, ApiError, AppState};

/// Keeps one answer to "Did this solve it?" on a self-service outcome.
#[utoipa::path(
    post,
    path = signpost_flow::api::FEEDBACK_PATH,
    tag = "feedback",
    operation_id = "send_feedback",
    request_body(content = FeedbackRequest, content_type = "application/json"),
    responses(
        (status = 204, description = "The answer is kept."),
        (status = 400, description = "Malformed JSON (`malformed_json`).", body = ErrorBody),
        (status = 422, description = "An unknown field, flow, version or outcome, an outcome that is not self-service (`invalid_body`, `unknown_flow`, `invalid_input`), or a comment that is too long or holds a card number (`invalid_contact`).", body = ErrorBody),
        (status = 429, description = "Too many requests from this address (`rate_limited`).", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds to wait before trying again."))),
        BodyRefused, Internal,
    ),
)]
pub async fn send(
    State(state): State<AppState>,
    Body(request): Body<FeedbackRequest>,
) -> Result<StatusCode, ApiError> {
    let flow = match flows::walked(&state, &request.flow, &request.version).await {
        Err(ApiError::StaleFlow) => Err(ApiError::BadInput(format!(
            "The flow \"{}\" has no version \"{}\".",
            request.flow, request.version
        ))),
        other => other,
    }?;
    let self_service = flow.node_by_key(&request.outcome).is_some_and(
        |(_, node)| matches!(node, Node::Outcome(o) if o.kind() == OutcomeKind::SelfService),
    );
    if !self_service {
        return Err(ApiError::BadInput(format!(
            "The flow \"{}\" has no self-service outcome \"{}\".",
            request.flow, request.outcome
        )));
    }
    let comment = request.comment.as_deref().map(str::trim);
    if let Some(comment) = comment {
        contact::check_comment(comment)?;
    }
    state
        .store
        .record_feedback(NewFeedback {
            flow_id: flow.id(),
            version: &request.version,
            outcome: &request.outcome,
            solved: request.solved,
            comment: comment.filter(|c| !c.is_empty()),
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// How people answered "Did this solve it?" on each self-service outcome of a flow's current
/// version, over every version answered in the range, with their latest comments.
#[utoipa::path(
    get,
    path = signpost_flow::api::ADMIN_FEEDBACK_PATH,
    tag = "admin",
    operation_id = "feedback",
    params(FlowPeriod),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The flow's self-service outcomes, in the flow file's order, with their answers.", body = Feedback),
        (status = 400, description = "A query parameter is missing, unknown or malformed (`invalid_query`).", body = ErrorBody),
        (status = 422, description = "An unknown flow (`unknown_flow`), or a date not like 2026-11-01 (`invalid_input`).", body = ErrorBody),
        Unauthorized, Internal,
    ),
)]
pub async fn summary(
    State(state): State<AppState>,
    Params(params): Params<FlowPeriod>,
) -> Result<Json<Feedback>, ApiError> {
    let catalogue = state.flows.current();
    let flow = catalogue
        .get(&params.flow)
        .ok_or_else(|| ApiError::UnknownFlow(params.flow.clone()))?;
    let (from, to) = params.days()?;
    let mut outcomes = Vec::new();
    for node in flow.nodes() {
        let Node::Outcome(outcome) = node else {
            continue;
        };
        if outcome.kind() != OutcomeKind::SelfService {
            continue;
        }
        let answers = state
            .store
            .feedback(
                flow.id(),
                outcome.key(),
                from.as_deref(),
                to.as_deref(),
                MAX_COMMENTS,
            )
            .await?;
        outcomes.push(OutcomeFeedback {
            outcome: outcome.key().to_owned(),
            title: state.organisation.fill(outcome.title().get(Lang::En)),
            solved: answers.solved,
            unsolved: answers.unsolved,
            comments: answers
                .comments
                .into_iter()
                .map(|(day, text)| FeedbackComment { day, text })
                .collect(),
        });
    }
    Ok(Json(Feedback {
        flow: flow.id().to_owned(),
        outcomes,
    }))
}
