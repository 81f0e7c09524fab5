//! The webhook outbox: actions not yet delivered, and what happened to each attempt.

use sqlx::Row;

use super::queue::{stored_action, COLUMNS};
use super::{now, Store, StoredAction};

/// An action due for delivery.
pub struct Due {
    pub action_id: i64,
    pub attempts: u32,
    pub action: StoredAction,
}

impl Store {
    /// Up to `limit` undelivered actions whose next attempt is due, oldest first.
    pub async fn due_deliveries(&self, limit: u32) -> Result<Vec<Due>, sqlx::Error> {
        let columns = COLUMNS
            .split(", ")
            .map(|c| format!("a.{}", c.trim()))
            .collect::<Vec<_>>()
            .join(", ");
        let rows = sqlx::query(&format!(
            "SELECT o.action_id, o.attempts, {columns} FROM webhook_outbox o JOIN actions a ON a.id = o.action_id
             WHERE o.delivered_at IS NULL AND o.next_attempt_at <= ? ORDER BY o.next_attempt_at LIMIT ?"
        ))
        .bind(now())
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|row| Due {
                action_id: row.get("action_id"),
                attempts: row.get::<i64, _>("attempts") as u32,
                action: stored_action(row),
            })
            .collect())
    }

    /// Records a delivery the receiver accepted.
    pub async fn delivered(&self, action_id: i64) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE webhook_outbox SET attempts = attempts + 1, delivered_at = ?, last_error = NULL WHERE action_id = ?")
            .bind(now())
            .bind(action_id)
            .execute(&self.pool)
            .await
            .map(drop)
    }

    /// Records a failed attempt and when to try again.
    pub async fn delivery_failed(
        &self,
        action_id: i64,
        retry_at: &str,
        error: &str,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE webhook_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE action_id = ?")
            .bind(retry_at)
            .bind(error)
            .bind(action_id)
            .execute(&self.pool)
            .await
            .map(drop)
    }

    /// How many actions wait for delivery.
    pub async fn delivery_backlog(&self) -> Result<u64, sqlx::Error> {
        let n: i64 =
            sqlx::query_scalar("SELECT count(*) FROM webhook_outbox WHERE delivered_at IS NULL")
                .fetch_one(&self.pool)
                .await?;
        Ok(n as u64)
    }
}
