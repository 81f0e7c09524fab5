//! Storing a confirmed action exactly once per idempotency key.
//!
//! On SQLite, inserts are group-committed: [`Store::insert`] hands its row to the database's
//! one writer (see `writer`), which stores every row waiting at that moment with one statement,
//! so one commit and one fsync cover many actions. Each caller is answered only after that
//! commit, and a batch is judged row by row in arrival order, exactly as if the rows had come one
//! at a time. On PostgreSQL, which groups the WAL flushes of concurrent commits itself, each
//! action is a batch of one on a pooled connection. Either way the unique idempotency key, not
//! any state of this process, decides which row is first, so instances sharing a database agree.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use serde::Serialize;
use signpost_flow::api::ActionReceipt;
use sqlx::{PgConnection, SqliteConnection};

use super::search::fold;
use super::{now, Pool, Store};

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
    /// Stores an action once per idempotency key; the row is committed when this returns.
    pub async fn insert(&self, new: NewAction<'_>) -> Result<Stored, sqlx::Error> {
        let row = ActionRow::from(new);
        match &self.pool {
            Pool::Sqlite(_, writer) => writer.submit(row).await,
            Pool::Postgres(pool) => {
                let mut conn = pool.acquire().await?;
                let mut answers = insert_batch(Conn::Postgres(&mut conn), &[&row]).await?;
                Ok(answers.remove(0))
            }
        }
    }
}

/// A connection to store a batch on.
pub(super) enum Conn<'c> {
    Sqlite(&'c mut SqliteConnection),
    Postgres(&'c mut PgConnection),
}

impl Conn<'_> {
    /// The JSON array of rows bound as `$1`, as a table of one row per element: the element
    /// as `value`, and its position as `key`.
    fn rows_from_json(&self) -> &'static str {
        match self {
            Conn::Sqlite(_) => "json_each($1)",
            Conn::Postgres(_) => {
                "json_array_elements($1::json) WITH ORDINALITY AS batch (value, key)"
            }
        }
    }
}

/// One row of `actions` as the writer receives it; field names are the columns'.
#[derive(Debug, Serialize)]
pub(super) struct ActionRow {
    reference: String,
    idempotency_key: String,
    request_hash: String,
    flow_id: String,
    flow_version: String,
    answers: String,
    outcome: String,
    action: String,
    flags: String,
    name: String,
    email: String,
    /// The name and email folded for the queue's search (see `search`).
    name_search: String,
    email_search: String,
    note: Option<String>,
    created_at: String,
}

impl From<NewAction<'_>> for ActionRow {
    fn from(new: NewAction<'_>) -> ActionRow {
        ActionRow {
            reference: new_reference(),
            idempotency_key: new.idempotency_key.to_owned(),
            request_hash: new.request_hash.to_owned(),
            flow_id: new.flow_id.to_owned(),
            flow_version: new.flow_version.to_owned(),
            answers: serde_json::to_string(new.answers).expect("strings always serialize"),
            outcome: new.outcome.to_owned(),
            action: new.action.to_owned(),
            flags: serde_json::to_string(new.flags).expect("strings always serialize"),
            name: new.name.to_owned(),
            email: new.email.to_owned(),
            name_search: fold(new.name),
            email_search: fold(new.email),
            note: new.note.map(str::to_owned),
            created_at: now(),
        }
    }
}

/// The row a key already names: what a later row under the same key is compared with.
#[derive(sqlx::FromRow)]
struct First {
    idempotency_key: String,
    reference: String,
    request_hash: String,
    outcome: String,
    action: String,
    created_at: String,
}

impl First {
    fn receipt(&self) -> ActionReceipt {
        ActionReceipt {
            reference: self.reference.clone(),
            outcome: self.outcome.clone(),
            action: self.action.clone(),
            received_at: self.created_at.clone(),
        }
    }
}

/// Stores `rows` with one statement, which commits as it ends (on SQLite, with a sync): the
/// rows are on disk when this returns. The answers are in the rows' order.
///
/// Each row is judged as if the rows before it in the batch had been stored one by one: the
/// first row under a new key is created, and a later row under a key already stored, in the
/// database or earlier in the batch, is replayed (same request hash) or refused (`KeyReused`).
/// On an error the insert may or may not have committed; storing the rows again is safe, as
/// rows that were committed are then replayed with their first receipt.
pub(super) async fn insert_batch(
    mut conn: Conn<'_>,
    rows: &[&ActionRow],
) -> Result<Vec<Stored>, sqlx::Error> {
    // Only the first row under each key goes to the database; the rest are judged against it.
    let mut first_in_batch: HashMap<&str, usize> = HashMap::with_capacity(rows.len());
    let mut candidates = Vec::with_capacity(rows.len());
    for (i, &row) in rows.iter().enumerate() {
        if let Entry::Vacant(slot) = first_in_batch.entry(&row.idempotency_key) {
            slot.insert(i);
            candidates.push(row);
        }
    }

    // One statement for the whole batch (the rows travel as one JSON array), outside any
    // transaction: it commits on its own when it ends, and names the keys it stored.
    let insert = format!(
        "INSERT INTO actions (reference, idempotency_key, request_hash, flow_id, flow_version,
                              answers, outcome, action, flags, name, email, name_search,
                              email_search, note, created_at)
         SELECT value ->> 'reference', value ->> 'idempotency_key', value ->> 'request_hash',
                value ->> 'flow_id', value ->> 'flow_version', value ->> 'answers',
                value ->> 'outcome', value ->> 'action', value ->> 'flags', value ->> 'name',
                value ->> 'email', value ->> 'name_search', value ->> 'email_search',
                value ->> 'note', value ->> 'created_at'
         FROM {} WHERE true ORDER BY key
         ON CONFLICT (idempotency_key) DO NOTHING
         RETURNING idempotency_key",
        conn.rows_from_json()
    );
    let json = serde_json::to_string(&candidates).expect("rows always serialize");
    let created: HashSet<String> = per_database!(Conn, &mut conn, |conn| {
        sqlx::query_scalar(&insert)
            .bind(&json)
            .fetch_all(&mut **conn)
            .await?
    })
    .into_iter()
    .collect();

    // The first rows of the keys that were stored before this batch.
    let mut firsts: HashMap<String, First> = HashMap::with_capacity(rows.len());
    let earlier: Vec<&ActionRow> = candidates
        .iter()
        .filter(|row| !created.contains(&row.idempotency_key))
        .copied()
        .collect();
    if !earlier.is_empty() {
        let select = format!(
            "SELECT idempotency_key, reference, request_hash, outcome, action, created_at
             FROM actions
             WHERE idempotency_key IN (SELECT value ->> 'idempotency_key' FROM {})",
            conn.rows_from_json()
        );
        let json = serde_json::to_string(&earlier).expect("rows always serialize");
        let stored: Vec<First> = per_database!(Conn, &mut conn, |conn| {
            sqlx::query_as(&select)
                .bind(&json)
                .fetch_all(&mut **conn)
                .await?
        });
        firsts.extend(
            stored
                .into_iter()
                .map(|first| (first.idempotency_key.clone(), first)),
        );
    }
    for row in candidates {
        if created.contains(&row.idempotency_key) {
            let first = First {
                idempotency_key: row.idempotency_key.clone(),
                reference: row.reference.clone(),
                request_hash: row.request_hash.clone(),
                outcome: row.outcome.clone(),
                action: row.action.clone(),
                created_at: row.created_at.clone(),
            };
            firsts.insert(row.idempotency_key.clone(), first);
        }
    }

    rows.iter()
        .enumerate()
        .map(|(i, row)| {
            let key = row.idempotency_key.as_str();
            let first = firsts.get(key).ok_or_else(|| {
                sqlx::Error::Protocol(format!("the action under key {key} was not found"))
            })?;
            Ok(if created.contains(key) && first_in_batch[key] == i {
                Stored::Created(first.receipt())
            } else if first.request_hash == row.request_hash {
                Stored::Replayed(first.receipt())
            } else {
                Stored::KeyReused
            })
        })
        .collect()
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
