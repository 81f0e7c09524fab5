//! The administrators' queue: finding, reading, exporting and counting stored actions, and
//! moving them from one status to the next.

use futures_util::{Stream, TryStreamExt};
use signpost_flow::api::{ActionSummary, Count, Stats, Status};
use sqlx::{Database, Encode, QueryBuilder, Type};

use super::search::fold;
use super::{now, time_text, Pool, Store};

/// Which actions to show. Dates are compared with the stored RFC 3339 times.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub flow: Option<String>,
    pub action: Option<String>,
    pub status: Option<Status>,
    /// Created at or after this time (e.g. `2026-11-01`).
    pub since: Option<String>,
    /// Created before this time.
    pub before: Option<String>,
    /// Part of the name or email, whatever its case or accents (see `search`).
    pub text: Option<String>,
}

/// A stored action with the answers it was derived from.
#[derive(Debug, Clone)]
pub struct StoredAction {
    pub summary: ActionSummary,
    pub answers: Vec<String>,
}

/// The columns of `actions` that make a [`StoredAction`], in the order of [`ActionRecord`].
const COLUMNS: [&str; 14] = [
    "reference",
    "flow_id",
    "flow_version",
    "outcome",
    "action",
    "flags",
    "name",
    "email",
    "note",
    "status",
    "status_changed_by",
    "status_changed_at",
    "created_at",
    "answers",
];

/// How far back, in days, open actions are compared to find possible duplicates.
const DUPLICATE_DAYS: i64 = 30;

/// `SELECT` and what makes a [`StoredAction`] of each row of `table` (`actions`, or the name a
/// join gives it): its [`COLUMNS`], and whether it is a possible duplicate (see
/// [`ActionSummary::possible_duplicate`]). The caller goes on with `FROM`.
pub(super) fn select_actions<'a, DB: Database>(table: &str) -> QueryBuilder<'a, DB>
where
    String: Encode<'a, DB> + Type<DB>,
{
    let columns = COLUMNS.map(|c| format!("{table}.{c}")).join(", ");
    let open = Status::ALL
        .into_iter()
        .filter(|s| s.is_open())
        .map(|s| format!("'{}'", s.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    let since = time_text(time::OffsetDateTime::now_utc() - time::Duration::days(DUPLICATE_DAYS));
    // Emails are stored lower case, so equal text is the same address in any case.
    let mut query = QueryBuilder::new(format!(
        "SELECT {columns}, ({table}.status IN ({open}) AND {table}.created_at >= "
    ));
    query.push_bind(since.clone()).push(format!(
        " AND EXISTS (SELECT 1 FROM actions other
            WHERE other.email = {table}.email AND other.action = {table}.action
            AND other.id <> {table}.id AND other.status IN ({open}) AND other.created_at >= "
    ));
    query.push_bind(since).push(")) AS possible_duplicate");
    query
}

impl Store {
    /// One page of the actions that match, newest first, and how many match in all.
    pub async fn list(
        &self,
        filter: &Filter,
        page: u32,
        per_page: u32,
    ) -> Result<(Vec<StoredAction>, u64), sqlx::Error> {
        let offset = i64::from(page.saturating_sub(1)) * i64::from(per_page);
        let (records, total) = per_database!(Pool, &self.pool, |pool| {
            let mut count = QueryBuilder::new("SELECT count(*) FROM actions");
            push_filter(&mut count, filter);
            let total: i64 = count.build_query_scalar().fetch_one(pool).await?;
            let mut query = select_actions("actions");
            query.push(" FROM actions");
            push_filter(&mut query, filter);
            query
                .push(" ORDER BY created_at DESC, id DESC LIMIT ")
                .push_bind(i64::from(per_page))
                .push(" OFFSET ")
                .push_bind(offset);
            let records: Vec<ActionRecord> = query.build_query_as().fetch_all(pool).await?;
            (records, total)
        });
        Ok((
            records.into_iter().map(StoredAction::from).collect(),
            total as u64,
        ))
    }

    /// Every action that matches, newest first, as a stream that reads the rows as the
    /// consumer takes them, so an export of any size holds only a few rows in memory.
    pub fn export(
        &self,
        filter: Filter,
    ) -> impl Stream<Item = Result<StoredAction, sqlx::Error>> + Send + 'static {
        let (tx, rx) = tokio::sync::mpsc::channel(64);
        let pool = self.pool.clone();
        tokio::spawn(async move {
            per_database!(Pool, &pool, |pool| {
                let mut query = select_actions("actions");
                query.push(" FROM actions");
                push_filter(&mut query, &filter);
                query.push(" ORDER BY created_at DESC, id DESC");
                let mut rows = query.build_query_as::<ActionRecord>().fetch(pool);
                loop {
                    let next = rows.try_next().await;
                    let done = !matches!(next, Ok(Some(_)));
                    if let Some(item) = next.transpose() {
                        if tx.send(item.map(StoredAction::from)).await.is_err() {
                            break; // The client went away.
                        }
                    }
                    if done {
                        break;
                    }
                }
            })
        });
        futures_util::stream::unfold(rx, |mut rx| async move {
            rx.recv().await.map(|item| (item, rx))
        })
    }

    /// The action with this reference.
    pub async fn action(&self, reference: &str) -> Result<Option<StoredAction>, sqlx::Error> {
        let record: Option<ActionRecord> = per_database!(Pool, &self.pool, |pool| {
            let mut query = select_actions("actions");
            query
                .push(" FROM actions WHERE reference = ")
                .push_bind(reference.to_owned());
            query.build_query_as().fetch_optional(pool).await?
        });
        Ok(record.map(StoredAction::from))
    }

    /// Moves an action to `status`, recording who did it and when; `None` if there is no such action.
    pub async fn set_status(
        &self,
        reference: &str,
        status: Status,
        by: &str,
    ) -> Result<Option<StoredAction>, sqlx::Error> {
        let at = now();
        per_database!(Pool, &self.pool, |pool| {
            sqlx::query(
                "UPDATE actions SET status = $1, status_changed_by = $2, status_changed_at = $3
                 WHERE reference = $4",
            )
            .bind(status.as_str())
            .bind(by)
            .bind(&at)
            .bind(reference)
            .execute(pool)
            .await
            .map(drop)
        })?;
        self.action(reference).await
    }

    /// How many actions each flow, outcome and action id has, within the filter's dates.
    pub async fn stats(&self, filter: &Filter) -> Result<Stats, sqlx::Error> {
        let dates = Filter {
            since: filter.since.clone(),
            before: filter.before.clone(),
            ..Filter::default()
        };
        let (by_flow, by_outcome, by_action): (KeyCounts, FlowKeyCounts, KeyCounts) =
            per_database!(Pool, &self.pool, |pool| {
                let group = |keys: &'static str| {
                    let mut query =
                        QueryBuilder::new(format!("SELECT {keys}, count(*) AS n FROM actions"));
                    push_filter(&mut query, &dates);
                    query.push(format!(" GROUP BY {keys} ORDER BY n DESC, {keys}"));
                    query
                };
                (
                    group("flow_id").build_query_as().fetch_all(pool).await?,
                    group("flow_id, outcome")
                        .build_query_as()
                        .fetch_all(pool)
                        .await?,
                    group("action").build_query_as().fetch_all(pool).await?,
                )
            });
        let count = |flow: Option<String>, key: String, n: i64| Count {
            flow,
            key,
            count: n as u64,
        };
        Ok(Stats {
            by_flow: by_flow
                .into_iter()
                .map(|(k, n)| count(None, k, n))
                .collect(),
            by_outcome: by_outcome
                .into_iter()
                .map(|(f, k, n)| count(Some(f), k, n))
                .collect(),
            by_action: by_action
                .into_iter()
                .map(|(k, n)| count(None, k, n))
                .collect(),
        })
    }
}

/// Counts per key, as a grouping query returns them.
type KeyCounts = Vec<(String, i64)>;
/// Counts per flow and key, as a grouping query returns them.
type FlowKeyCounts = Vec<(String, String, i64)>;

/// Appends the filter's `WHERE` clause, if it has one, to `query`.
fn push_filter<'a, DB: Database>(query: &mut QueryBuilder<'a, DB>, filter: &Filter)
where
    String: Encode<'a, DB> + Type<DB>,
{
    let mut clause = " WHERE ";
    let mut and = |query: &mut QueryBuilder<'a, DB>| {
        query.push(clause);
        clause = " AND ";
    };
    if let Some(flow) = &filter.flow {
        and(query);
        query.push("flow_id = ").push_bind(flow.clone());
    }
    if let Some(action) = &filter.action {
        and(query);
        query.push("action = ").push_bind(action.clone());
    }
    if let Some(status) = filter.status {
        and(query);
        query
            .push("status = ")
            .push_bind(status.as_str().to_owned());
    }
    if let Some(since) = &filter.since {
        and(query);
        query.push("created_at >= ").push_bind(since.clone());
    }
    if let Some(before) = &filter.before {
        and(query);
        query.push("created_at < ").push_bind(before.clone());
    }
    if let Some(text) = &filter.text {
        let escaped = fold(text)
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let pattern = format!("%{escaped}%");
        and(query);
        query
            .push("(name_search LIKE ")
            .push_bind(pattern.clone())
            .push(" ESCAPE '\\'");
        query
            .push(" OR email_search LIKE ")
            .push_bind(pattern)
            .push(" ESCAPE '\\')");
    }
}

/// A row of [`COLUMNS`], as either database returns it.
#[derive(sqlx::FromRow)]
pub(super) struct ActionRecord {
    reference: String,
    flow_id: String,
    flow_version: String,
    outcome: String,
    action: String,
    flags: String,
    name: String,
    email: String,
    note: Option<String>,
    status: String,
    status_changed_by: Option<String>,
    status_changed_at: Option<String>,
    created_at: String,
    answers: String,
    possible_duplicate: bool,
}

impl From<ActionRecord> for StoredAction {
    fn from(row: ActionRecord) -> StoredAction {
        let list = |json: &str| serde_json::from_str(json).unwrap_or_default();
        StoredAction {
            summary: ActionSummary {
                flags: list(&row.flags),
                status: Status::parse(&row.status).unwrap_or(Status::New),
                reference: row.reference,
                flow: row.flow_id,
                flow_version: row.flow_version,
                outcome: row.outcome,
                action: row.action,
                name: row.name,
                email: row.email,
                note: row.note,
                status_changed_by: row.status_changed_by,
                status_changed_at: row.status_changed_at,
                created_at: row.created_at,
                possible_duplicate: row.possible_duplicate,
            },
            answers: list(&row.answers),
        }
    }
}
