//! `/api/admin`: the administrators' queue. Every route here sits behind `auth::require_admin`.

use std::borrow::Cow;
use std::num::NonZeroU32;

use axum::body::Body as ResponseBody;
use axum::extract::{Path, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::Json;
use futures_util::StreamExt;
use serde::Deserialize;
use signpost_flow::api::{
    ActionDetail, ActionPage, ActionSummary, AnsweredQuestion, ErrorBody, Stats, Status,
    StatusChange,
};
use signpost_flow::contact::{self, Field};
use signpost_flow::Lang;
use utoipa::IntoParams;

use crate::extract::{Body, Params};
use crate::openapi::{BodyRefused, Internal, Unauthorized};
use crate::store::{Filter, StoredAction};
use crate::{flows, ApiError, AppState};

/// How many actions a page holds unless asked otherwise, and at most.
const PER_PAGE: u32 = 50;
const MAX_PER_PAGE: u32 = 200;

/// The queue's filters, as query parameters. Dates are `YYYY-MM-DD`, both ends included.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct QueueParams {
    flow: Option<String>,
    action: Option<String>,
    status: Option<Status>,
    #[param(format = Date)]
    from: Option<String>,
    #[param(format = Date)]
    to: Option<String>,
    /// Part of a name or email.
    q: Option<String>,
    /// Which page, from 1; 1 unless given.
    #[param(value_type = Option<u64>, minimum = 1, maximum = 4294967295.0)]
    page: Option<NonZeroU32>,
    /// How many actions a page holds: 50 unless given, and more than 200 is read as 200.
    #[param(value_type = Option<u64>, minimum = 1, maximum = 4294967295.0)]
    per_page: Option<NonZeroU32>,
}

/// Just a date range, for the counts.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DateParams {
    #[param(format = Date)]
    from: Option<String>,
    #[param(format = Date)]
    to: Option<String>,
}

/// The queue, newest first, filtered and a page at a time.
#[utoipa::path(
    get,
    path = signpost_flow::api::ADMIN_ACTIONS_PATH,
    tag = "admin",
    operation_id = "list_actions",
    params(QueueParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of the matching actions.", body = ActionPage),
        (status = 400, description = "A query parameter is unknown or malformed (`invalid_query`).", body = ErrorBody),
        (status = 422, description = "A date is not like 2026-11-01 (`invalid_input`).", body = ErrorBody),
        Unauthorized, Internal,
    ),
)]
pub async fn list(
    State(state): State<AppState>,
    Params(params): Params<QueueParams>,
) -> Result<Json<ActionPage>, ApiError> {
    let filter = params.filter()?;
    let page = params.page.map_or(1, NonZeroU32::get);
    let per_page = params
        .per_page
        .map_or(PER_PAGE, NonZeroU32::get)
        .min(MAX_PER_PAGE);
    let (actions, total) = state.store.list(&filter, page, per_page).await?;
    let items = actions.into_iter().map(|a| a.summary).collect();
    Ok(Json(ActionPage {
        items,
        total,
        page,
        per_page,
    }))
}

/// One action with the answers behind it.
#[utoipa::path(
    get,
    path = "/api/admin/actions/{reference}",
    tag = "admin",
    operation_id = "get_action",
    params(
        ("reference" = String, Path, description = "The action's reference, as its receipt gave it."),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The action.", body = ActionDetail),
        (status = 400, description = "The path is malformed (`invalid_path`).", body = ErrorBody),
        (status = 404, description = "There is no action with that reference (`not_found`).", body = ErrorBody),
        Unauthorized, Internal,
    ),
)]
pub async fn detail(
    State(state): State<AppState>,
    Path(reference): Path<String>,
) -> Result<Json<ActionDetail>, ApiError> {
    let stored = state
        .store
        .action(&reference)
        .await?
        .ok_or(ApiError::NoSuchAction)?;
    let answered = answered(&state, &stored).await;
    Ok(Json(ActionDetail {
        summary: stored.summary,
        answers: stored.answers,
        answered,
    }))
}

/// Moves an action to another status, recording who did.
#[utoipa::path(
    patch,
    path = "/api/admin/actions/{reference}",
    tag = "admin",
    operation_id = "update_action_status",
    params(
        ("reference" = String, Path, description = "The action's reference, as its receipt gave it."),
    ),
    request_body(content = StatusChange, content_type = "application/json"),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The action as it now stands.", body = ActionSummary),
        (status = 400, description = "Malformed JSON (`malformed_json`) or path (`invalid_path`).", body = ErrorBody),
        (status = 404, description = "There is no action with that reference (`not_found`).", body = ErrorBody),
        (status = 422, description = "The body does not fit (`invalid_body`), no one is named as making the change (`invalid_input`), or a field is named like a secret (`secret_field`).", body = ErrorBody),
        Unauthorized, BodyRefused, Internal,
    ),
)]
pub async fn update_status(
    State(state): State<AppState>,
    Path(reference): Path<String>,
    Body(change): Body<StatusChange>,
) -> Result<Json<ActionSummary>, ApiError> {
    let by = change.by.trim();
    if by.is_empty() || by.chars().count() > 100 {
        return Err(ApiError::BadInput(
            "Say who made the change, in at most 100 characters.".into(),
        ));
    }
    contact::check_text(Field::By, by)?;
    let stored = state
        .store
        .set_status(&reference, change.status, by)
        .await?
        .ok_or(ApiError::NoSuchAction)?;
    tracing::info!(%reference, status = change.status.as_str(), by, "status changed");
    Ok(Json(stored.summary))
}

/// The filtered queue as CSV (RFC 4180), streamed: a header line, then one line per action.
#[utoipa::path(
    get,
    path = signpost_flow::api::ADMIN_EXPORT_PATH,
    tag = "admin",
    operation_id = "export_actions",
    params(QueueParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The matching actions, one CSV line each.", body = String, content_type = "text/csv",
            headers(("Content-Disposition" = String, description = "An attachment named signpost-actions.csv."))),
        (status = 400, description = "A query parameter is unknown or malformed (`invalid_query`).", body = ErrorBody),
        (status = 422, description = "A date is not like 2026-11-01 (`invalid_input`).", body = ErrorBody),
        Unauthorized, Internal,
    ),
)]
pub async fn export(
    State(state): State<AppState>,
    Params(params): Params<QueueParams>,
) -> Result<Response, ApiError> {
    let filter = params.filter()?;
    let header = futures_util::stream::once(async { Ok(CSV_COLUMNS.map(String::from)) });
    let rows = state
        .store
        .export(filter)
        .map(|row| row.map(|action| csv_fields(&action)));
    let lines = header
        .chain(rows)
        .map(|record| record.map(|fields| csv_line(&fields)));
    let headers = [
        (CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
        (
            CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"{}\"",
                signpost_flow::api::ADMIN_EXPORT_FILE
            ),
        ),
    ];
    Ok((headers, ResponseBody::from_stream(lines)).into_response())
}

/// Counts per flow, outcome and action over a date range.
#[utoipa::path(
    get,
    path = signpost_flow::api::ADMIN_STATS_PATH,
    tag = "admin",
    operation_id = "action_stats",
    params(DateParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The counts.", body = Stats),
        (status = 400, description = "A query parameter is unknown or malformed (`invalid_query`).", body = ErrorBody),
        (status = 422, description = "A date is not like 2026-11-01 (`invalid_input`).", body = ErrorBody),
        Unauthorized, Internal,
    ),
)]
pub async fn stats(
    State(state): State<AppState>,
    Params(params): Params<DateParams>,
) -> Result<Json<Stats>, ApiError> {
    let (since, before) = date_range(params.from.as_deref(), params.to.as_deref())?;
    Ok(Json(
        state
            .store
            .stats(&Filter {
                since,
                before,
                ..Filter::default()
            })
            .await?,
    ))
}

impl QueueParams {
    fn filter(&self) -> Result<Filter, ApiError> {
        let (since, before) = date_range(self.from.as_deref(), self.to.as_deref())?;
        let text = self
            .q
            .as_deref()
            .map(str::trim)
            .filter(|q| !q.is_empty())
            .map(str::to_owned);
        Ok(Filter {
            flow: self.flow.clone(),
            action: self.action.clone(),
            status: self.status,
            since,
            before,
            text,
        })
    }
}

/// `from` and `to` dates (both included) as bounds on the stored times.
fn date_range(
    from: Option<&str>,
    to: Option<&str>,
) -> Result<(Option<String>, Option<String>), ApiError> {
    let since = from.map(day).transpose()?.map(|d| d.to_string());
    let before = to
        .map(day)
        .transpose()?
        .map(|d| d.next_day().unwrap_or(d).to_string());
    Ok((since, before))
}

/// A `YYYY-MM-DD` day given as a query parameter, checked.
pub(super) fn day(text: &str) -> Result<time::Date, ApiError> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(text, &format)
        .map_err(|_| ApiError::BadInput(format!("\"{text}\" is not a date like 2026-11-01.")))
}

/// The person's answers with the questions they answered, in the words of the flow version
/// they walked, in English: administrators read English whatever language the person used.
async fn answered(state: &AppState, stored: &StoredAction) -> Vec<AnsweredQuestion> {
    let summary = &stored.summary;
    let Ok(flow) = flows::walked(state, &summary.flow, &summary.flow_version).await else {
        return Vec::new();
    };
    let Ok(walk) = flow.walk(&stored.answers) else {
        return Vec::new();
    };
    walk.transcript(&state.organisation, Lang::En)
}

const CSV_COLUMNS: [&str; 14] = [
    "reference",
    "created_at",
    "flow",
    "flow_version",
    "outcome",
    "action",
    "flags",
    "status",
    "status_changed_by",
    "status_changed_at",
    "name",
    "email",
    "note",
    "answers",
];

fn csv_fields(action: &StoredAction) -> [String; 14] {
    let s = &action.summary;
    [
        s.reference.clone(),
        s.created_at.clone(),
        s.flow.clone(),
        s.flow_version.clone(),
        s.outcome.clone(),
        s.action.clone(),
        s.flags.join(" "),
        s.status.as_str().to_owned(),
        s.status_changed_by.clone().unwrap_or_default(),
        s.status_changed_at.clone().unwrap_or_default(),
        s.name.clone(),
        s.email.clone(),
        s.note.clone().unwrap_or_default(),
        action.answers.join("/"),
    ]
}

/// One CSV line (RFC 4180, ending in CRLF), written by the `csv` crate's writer, which quotes
/// the cells that need it. Each cell is made safe first (see [`safe_cell`]).
fn csv_line(fields: &[String]) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for field in fields {
        let cell = safe_cell(field);
        writer
            .write_field(cell.as_bytes())
            .expect("a CSV cell always writes to memory");
    }
    // An empty record after the fields ends the line they make.
    writer
        .write_record(None::<&[u8]>)
        .expect("a CSV line always ends in memory");
    writer
        .into_inner()
        .expect("a CSV writer always flushes to memory")
}

/// A cell a spreadsheet can open safely: one it would run as a formula (starting with `=`,
/// `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, and each control character
/// (a line break, a tab, an escape…) is written as its Rust escape (`\n`, `\t`, `\u{1b}`), so
/// no cell can move the cursor, start a line or hide text, and each action stays one line.
fn safe_cell(field: &str) -> Cow<'_, str> {
    let formula = matches!(
        field.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    );
    if !formula && !field.contains(char::is_control) {
        return Cow::Borrowed(field);
    }
    let mut cell = String::with_capacity(field.len() + 1);
    if formula {
        cell.push('\'');
    }
    for c in field.chars() {
        if c.is_control() {
            cell.extend(c.escape_default());
        } else {
            cell.push(c);
        }
    }
    Cow::Owned(cell)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_formulas_defused() {
        let fields = ["a", "b,c", "say \"hi\"", "=SUM(A1)", "-1"].map(String::from);
        assert_eq!(
            String::from_utf8(csv_line(&fields)).unwrap(),
            "a,\"b,c\",\"say \"\"hi\"\"\",'=SUM(A1),'-1\r\n"
        );
    }

    #[test]
    fn control_characters_in_a_cell_are_written_as_escapes() {
        let fields = ["two\nlines", "\tindented", "bell\u{7}", "del\u{7f}"].map(String::from);
        assert_eq!(
            String::from_utf8(csv_line(&fields)).unwrap(),
            "two\\nlines,'\\tindented,bell\\u{7},del\\u{7f}\r\n"
        );
    }

    #[test]
    fn dates_are_whole_days_with_both_ends_included() {
        let (since, before) = date_range(Some("2026-11-01"), Some("2026-11-30")).unwrap();
        assert_eq!(since.as_deref(), Some("2026-11-01"));
        assert_eq!(before.as_deref(), Some("2026-12-01"));
        assert!(date_range(Some("November"), None).is_err());
    }
}
