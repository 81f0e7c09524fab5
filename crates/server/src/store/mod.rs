//! Where confirmed actions are kept: an SQLite file, written durably (WAL with synchronous
//! FULL), so an action is on disk before the person is told it was received.
//!
//! `intake` stores what people confirm; this module opens the database and keeps flow versions.

mod intake;
mod outbox;
mod queue;
mod steps;
mod writer;

use writer::Writer;

pub use intake::{NewAction, Stored};
pub use outbox::Due;
pub use queue::{Filter, StoredAction};
pub use steps::StepCount;

use std::str::FromStr;
use std::time::Duration;

use signpost_flow::raw::RawFlow;
use signpost_flow::Flow;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::Row;

/// A handle on the database; cheap to clone.
#[derive(Clone)]
pub struct Store {
    pool: SqlitePool,
    writer: Writer,
}

impl Store {
    /// Opens (creating if needed) the database at `url` and brings its schema up to date.
    pub async fn connect(url: &str) -> Result<Store, sqlx::Error> {
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
        let pool = SqlitePoolOptions::new().connect_with(options).await?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        let writer = Writer::start(pool.clone());
        Ok(Store { pool, writer })
    }

    /// Succeeds while the database answers.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1").execute(&self.pool).await.map(drop)
    }

    /// Remembers a flow version (once), so confirmations walked on it stay valid after a deploy.
    pub async fn record_flow(&self, flow: &Flow, raw: &RawFlow) -> Result<(), sqlx::Error> {
        let definition = serde_json::to_string(raw).expect("a RawFlow always serializes");
        sqlx::query(
            "INSERT INTO flow_versions (flow_id, version, definition, first_seen) VALUES (?, ?, ?, ?)
             ON CONFLICT (flow_id, version) DO NOTHING",
        )
        .bind(flow.id())
        .bind(flow.version().as_str())
        .bind(definition)
        .bind(now())
        .execute(&self.pool)
        .await
        .map(drop)
    }

    /// A flow version recorded earlier, if this server ever served it.
    pub async fn flow_version(
        &self,
        flow_id: &str,
        version: &str,
    ) -> Result<Option<RawFlow>, sqlx::Error> {
        let row =
            sqlx::query("SELECT definition FROM flow_versions WHERE flow_id = ? AND version = ?")
                .bind(flow_id)
                .bind(version)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.and_then(|row| serde_json::from_str(row.get::<&str, _>("definition")).ok()))
    }
}

/// The current time as RFC 3339 text, which sorts in time order.
pub(crate) fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .expect("UTC times always format")
}
