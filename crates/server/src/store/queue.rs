//! The administrators' queue: finding, reading, exporting and counting stored actions, and
//! moving them from one status to the next.

use futures_util::{Stream, TryStreamExt};
use signpost_flow::api::{ActionSummary, Count, Stats, Status};
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite};

use super::{now, Store};

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
    /// Part of the name or email, case-insensitive.
    pub text: Option<String>,
}

/// A stored action with the answers it was derived from.
#[derive(Debug, Clone)]
pub struct StoredAction {
    pub summary: ActionSummary,
    pub answers: Vec<String>,
}

pub(super) const COLUMNS: &str =
    "reference, flow_id, flow_version, outcome, action, flags, name, email, note, \
                       status, status_changed_by, status_changed_at, created_at, answers";

impl Store {
    /// One page of the actions that match, newest first, and how many match in all.
    pub async fn list(
        &self,
        filter: &Filter,
        page: u32,
        per_page: u32,
    ) -> Result<(Vec<StoredAction>, u64), sqlx::Error> {
        let mut count = QueryBuilder::new("SELECT count(*) FROM actions");
        push_filter(&mut count, filter);
        let total: i64 = count.build_query_scalar().fetch_one(&self.pool).await?;
        let mut query = QueryBuilder::new(format!("SELECT {COLUMNS} FROM actions"));
        push_filter(&mut query, filter);
        query
            .push(" ORDER BY created_at DESC, id DESC LIMIT ")
            .push_bind(i64::from(per_page));
        query
            .push(" OFFSET ")
            .push_bind(i64::from(page.saturating_sub(1)) * i64::from(per_page));
        let rows = query.build().fetch_all(&self.pool).await?;
        Ok((rows.iter().map(stored_action).collect(), total as u64))
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
            let mut query = QueryBuilder::new(format!("SELECT {COLUMNS} FROM actions"));
            push_filter(&mut query, &filter);
            query.push(" ORDER BY created_at DESC, id DESC");
            let mut rows = query.build().fetch(&pool);
            loop {
                let next = rows.try_next().await;
                let done = !matches!(next, Ok(Some(_)));
                let item = next
                    .transpose()
                    .map(|row| row.map(|row| stored_action(&row)));
                if let Some(item) = item {
                    if tx.send(item).await.is_err() {
                        break; // The client went away.
                    }
                }
                if done {
                    break;
                }
            }
        });
        futures_util::stream::unfold(rx, |mut rx| async move {
            rx.recv().await.map(|item| (item, rx))
        })
    }

    /// The action with this reference.
    pub async fn action(&self, reference: &str) -> Result<Option<StoredAction>, sqlx::Error> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM actions WHERE reference = ?"
        ))
        .bind(reference)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.as_ref().map(stored_action))
    }

    /// Moves an action to `status`, recording who did it and when; `None` if there is no such action.
    pub async fn set_status(
        &self,
        reference: &str,
        status: Status,
        by: &str,
    ) -> Result<Option<StoredAction>, sqlx::Error> {
        sqlx::query("UPDATE actions SET status = ?, status_changed_by = ?, status_changed_at = ? WHERE reference = ?")
            .bind(status.as_str())
            .bind(by)
            .bind(now())
            .bind(reference)
            .execute(&self.pool)
            .await?;
        self.action(reference).await
    }

    /// How many actions each flow, outcome and action id has, within the filter's dates.
    pub async fn stats(&self, filter: &Filter) -> Result<Stats, sqlx::Error> {
        let dates = Filter {
            since: filter.since.clone(),
            before: filter.before.clone(),
            ..Filter::default()
        };
        let group = |keys: &'static str| {
            let mut query = QueryBuilder::new(format!("SELECT {keys}, count(*) AS n FROM actions"));
            push_filter(&mut query, &dates);
            query.push(format!(" GROUP BY {keys} ORDER BY n DESC, {keys}"));
            query
        };
        let counts = |rows: Vec<SqliteRow>, flow: bool| -> Vec<Count> {
            rows.iter()
                .map(|r| Count {
                    flow: flow.then(|| r.get("flow_id")),
                    key: r.get(if flow { 1 } else { 0 }),
                    count: r.get::<i64, _>("n") as u64,
                })
                .collect()
        };
        let by_flow = group("flow_id").build().fetch_all(&self.pool).await?;
        let by_outcome = group("flow_id, outcome")
            .build()
            .fetch_all(&self.pool)
            .await?;
        let by_action = group("action").build().fetch_all(&self.pool).await?;
        Ok(Stats {
            by_flow: counts(by_flow, false),
            by_outcome: counts(by_outcome, true),
            by_action: counts(by_action, false),
        })
    }
}

fn push_filter(query: &mut QueryBuilder<'_, Sqlite>, filter: &Filter) {
    let mut clause = " WHERE ";
    let mut and = |query: &mut QueryBuilder<'_, Sqlite>| {
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
        query.push("status = ").push_bind(status.as_str());
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
        let escaped = text
            .to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let pattern = format!("%{escaped}%");
        and(query);
        query
            .push("(lower(name) LIKE ")
            .push_bind(pattern.clone())
            .push(" ESCAPE '\\'");
        query
            .push(" OR lower(email) LIKE ")
            .push_bind(pattern)
            .push(" ESCAPE '\\')");
    }
}

pub(super) fn stored_action(row: &SqliteRow) -> StoredAction {
    let list = |column: &str| serde_json::from_str(row.get::<&str, _>(column)).unwrap_or_default();
    StoredAction {
        summary: ActionSummary {
            reference: row.get("reference"),
            flow: row.get("flow_id"),
            flow_version: row.get("flow_version"),
            outcome: row.get("outcome"),
            action: row.get("action"),
            flags: list("flags"),
            name: row.get("name"),
            email: row.get("email"),
            note: row.get("note"),
            status: Status::parse(row.get("status")).unwrap_or(Status::New),
            status_changed_by: row.get("status_changed_by"),
            status_changed_at: row.get("status_changed_at"),
            created_at: row.get("created_at"),
        },
        answers: list("answers"),
    }
}
