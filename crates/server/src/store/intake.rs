//! Storing a confirmed action exactly once per idempotency key.

use signpost_flow::api::ActionReceipt;
use sqlx::Row;

use super::{now, Store};

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

/// A short reference a person can read out: ten Crockford base32 characters (50 random bits).
fn new_reference() -> String {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let random = uuid::Uuid::new_v4().as_u128();
    let chars: String = (0..10)
        .map(|i| ALPHABET[((random >> (5 * i)) & 31) as usize] as char)
        .collect();
    format!("{}-{}", &chars[..5], &chars[5..])
}
