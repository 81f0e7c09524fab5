//! Where confirmed actions are kept: an SQLite file by default, written durably (WAL with
//! synchronous FULL), or a PostgreSQL database that several server instances share. Either
//! way an action is committed before the person is told it was received.
//!
//! Each query is written once, with `$1`-style parameters that both databases read, and run on
//! whichever pool the store holds (see [`per_database!`]). Only what the dialects spell
//! differently is written per database: the schema (`migrations/postgres/` mirrors
//! `migrations/`) and reading a JSON array as rows (`intake`). `intake` stores what people
//! confirm, `search` folds names and emails for the queue's search, `rooms` keeps classroom
//! rooms; this module opens the database and keeps flow versions.

/// Evaluates `$body` with `$inner` bound to the contents of `$value`, an enum `$kind` with a
/// `Sqlite` and a `Postgres` variant. The body is written once and compiled for each database,
/// as sqlx types every query by the database it runs on.
macro_rules! per_database {
    ($kind:ident, $value:expr, |$inner:ident| $body:expr) => {
        match $value {
            $kind::Sqlite($inner, ..) => $body,
            $kind::Postgres($inner, ..) => $body,
        }
    };
}

mod feedback;
mod intake;
mod outbox;
mod queue;
mod rooms;
mod search;
mod steps;
mod writer;

use writer::Writer;

pub use feedback::NewFeedback;
pub use intake::{NewAction, Stored};
pub use outbox::Due;
pub use queue::{Filter, StoredAction};
pub use rooms::{OpenPoll, Room};
pub use steps::StepCount;

use std::str::FromStr;
use std::time::Duration;

use signpost_flow::raw::RawFlow;
use signpost_flow::Flow;
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

/// A handle on the database; cheap to clone.
#[derive(Clone)]
pub struct Store {
    pool: Pool,
}

/// The database a store works on.
#[derive(Clone)]
enum Pool {
    /// An SQLite file, and the writer that group-commits the actions stored in it.
    Sqlite(SqlitePool, Writer),
    /// A PostgreSQL database, possibly shared with other server instances.
    Postgres(PgPool),
}

impl Store {
    /// Opens the database at `url` (`postgres://` or `postgresql://` for PostgreSQL, else an
    /// SQLite file, created if needed) and brings its schema up to date, folding for search the
    /// actions stored before search was folded.
    pub async fn connect(url: &str) -> Result<Store, sqlx::Error> {
        let pool = if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let pool = PgPoolOptions::new().connect(url).await?;
            // Instances starting together take turns: sqlx holds an advisory lock meanwhile.
            sqlx::migrate!("./migrations/postgres").run(&pool).await?;
            Pool::Postgres(pool)
        } else {
            let pool = open_sqlite(url).await?;
            sqlx::migrate!("./migrations").run(&pool).await?;
            Pool::Sqlite(pool.clone(), Writer::start(pool))
        };
        let store = Store { pool };
        store.backfill_search().await?;
        Ok(store)
    }

    /// Succeeds while the database answers.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        per_database!(Pool, &self.pool, |pool| {
            sqlx::query("SELECT 1").execute(pool).await.map(drop)
        })
    }

    /// Remembers a flow version (once), so confirmations walked on it stay valid after a deploy.
    pub async fn record_flow(&self, flow: &Flow, raw: &RawFlow) -> Result<(), sqlx::Error> {
        let definition = serde_json::to_string(raw).expect("a RawFlow always serializes");
        let first_seen = now();
        per_database!(Pool, &self.pool, |pool| {
            sqlx::query(
                "INSERT INTO flow_versions (flow_id, version, definition, first_seen)
                 VALUES ($1, $2, $3, $4) ON CONFLICT (flow_id, version) DO NOTHING",
            )
            .bind(flow.id())
            .bind(flow.version().as_str())
            .bind(&definition)
            .bind(&first_seen)
            .execute(pool)
            .await
            .map(drop)
        })
    }

    /// Every version of a flow recorded, with when it was first served, oldest first.
    pub async fn flow_history(&self, flow_id: &str) -> Result<Vec<(String, String)>, sqlx::Error> {
        per_database!(Pool, &self.pool, |pool| {
            sqlx::query_as(
                "SELECT version, first_seen FROM flow_versions WHERE flow_id = $1
                 ORDER BY first_seen, version",
            )
            .bind(flow_id)
            .fetch_all(pool)
            .await
        })
    }

    /// A flow version recorded earlier, if this server ever served it. None for an id or
    /// version with a NUL in it, which no stored one has (and PostgreSQL's text refuses).
    pub async fn flow_version(
        &self,
        flow_id: &str,
        version: &str,
    ) -> Result<Option<RawFlow>, sqlx::Error> {
        if flow_id.contains('\0') || version.contains('\0') {
            return Ok(None);
        }
        let definition: Option<String> = per_database!(Pool, &self.pool, |pool| {
            sqlx::query_scalar(
                "SELECT definition FROM flow_versions WHERE flow_id = $1 AND version = $2",
            )
            .bind(flow_id)
            .bind(version)
            .fetch_optional(pool)
            .await?
        });
        Ok(definition.and_then(|definition| RawFlow::from_stored_json(&definition).ok()))
    }
}

/// Opens the SQLite file at `url`, creating it and its directory if needed, in WAL mode with
/// synchronous FULL: a commit is on disk when it returns.
async fn open_sqlite(url: &str) -> Result<SqlitePool, sqlx::Error> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .busy_timeout(Duration::from_secs(5));
    if let Some(dir) = options.get_filename().parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir)?;
        }
    }
    SqlitePoolOptions::new().connect_with(options).await
}

/// The current time as the database stores it (see [`time_text`]).
pub(crate) fn now() -> String {
    time_text(time::OffsetDateTime::now_utc())
}

/// A time as the database stores it: RFC 3339 text in UTC, which sorts in time order.
pub(crate) fn time_text(at: time::OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339)
        .expect("UTC times always format")
}
