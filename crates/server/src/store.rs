//! Where confirmed actions are kept: an SQLite file, written durably (WAL with synchronous
//! FULL), so an action is on disk before the person is told it was received.

use std::str::FromStr;
use std::time::Duration;

use signpost_flow::api::ActionReceipt;
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
}

/// An action the server derived and is about to store.
pub struct NewAction<'a> {
    pub idempotency_key: &'a str,
    /// Tells a retry of the same confirmation from a different one under the same key.
    pub request_hash: &'a str,
    pub flow_id: &'a str,
    pub flow_version: &'a str,
    pub answers: &'a [String],
    pub outcome: &'a str,
    pub action: &'a str,
    pub flags: &'a [&'a str],
    pub name: &'a str,
    pub email: &'a str,
    pub note: Option<&'a str>,
}

/// What storing an action did.
#[derive(Debug)]
pub enum Stored {
    /// A new row was committed.
    Created(ActionReceipt),
    /// The same confirmation was stored before: here is its first receipt.
    Replayed(ActionReceipt),
    /// The key was used before for a different confirmation.
    KeyReused,
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
        Ok(Store { pool })
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

    /// Stores an action once per idempotency key; the row is committed when this returns.
    pub async fn insert(&self, new: NewAction<'_>) -> Result<Stored, sqlx::Error> {
        let reference = new_reference();
        let answers = serde_json::to_string(new.answers).expect("strings always serialize");
        let flags = serde_json::to_string(new.flags).expect("strings always serialize");
        let created_at = now();
        let inserted = sqlx::query(
            "INSERT INTO actions (reference, idempotency_key, request_hash, flow_id, flow_version,
                                  answers, outcome, action, flags, name, email, note, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (idempotency_key) DO NOTHING",
        )
        .bind(&reference)
        .bind(new.idempotency_key)
        .bind(new.request_hash)
        .bind(new.flow_id)
        .bind(new.flow_version)
        .bind(&answers)
        .bind(new.outcome)
        .bind(new.action)
        .bind(&flags)
        .bind(new.name)
        .bind(new.email)
        .bind(new.note)
        .bind(&created_at)
        .execute(&self.pool)
        .await?;
        if inserted.rows_affected() == 1 {
            return Ok(Stored::Created(ActionReceipt {
                reference,
                outcome: new.outcome.to_owned(),
                action: new.action.to_owned(),
            }));
        }
        let first = sqlx::query("SELECT reference, request_hash, outcome, action FROM actions WHERE idempotency_key = ?")
            .bind(new.idempotency_key)
            .fetch_one(&self.pool)
            .await?;
        if first.get::<&str, _>("request_hash") != new.request_hash {
            return Ok(Stored::KeyReused);
        }
        Ok(Stored::Replayed(ActionReceipt {
            reference: first.get("reference"),
            outcome: first.get("outcome"),
            action: first.get("action"),
        }))
    }
}

/// The current time as RFC 3339 text, which sorts in time order.
fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .expect("UTC times always format")
}

/// A short reference a person can read out: ten Crockford base32 characters (50 random bits).
fn new_reference() -> String {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let random = uuid::Uuid::new_v4().as_u128();
    let chars: String = (0..10)
        .map(|i| ALPHABET[((random >> (5 * i)) & 31) as usize] as char)
        .collect();
    format!("{}-{}", &chars[..5], &chars[5..])
}
