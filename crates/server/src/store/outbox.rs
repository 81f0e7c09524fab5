//! The webhook outbox: actions not yet delivered, and what happened to each attempt.
//!
//! Several server instances may read one outbox (on PostgreSQL): an instance claims the actions
//! it is about to deliver by moving their next attempt past [`CLAIM`], and an update that no
//! longer finds an action due claims nothing, so no two instances deliver one action at once.

use std::collections::HashMap;
use std::time::Duration;

use sqlx::QueryBuilder;

use super::queue::{select_actions, ActionRecord};
use super::{now, time_text, Pool, Store, StoredAction};

/// How long a claimed action is left to the instance that claimed it: longer than a delivery
/// may take (its timeout is 10 s). An instance that stops mid-delivery leaves its claims to be
/// taken again after this.
const CLAIM: Duration = Duration::from_secs(60);

/// An action due for delivery.
pub struct Due {
    pub action_id: i64,
    pub attempts: u32,
    pub action: StoredAction,
}

/// A row of the outbox joined with its action.
#[derive(sqlx::FromRow)]
struct DueRecord {
    action_id: i64,
    #[sqlx(flatten)]
    action: ActionRecord,
}

impl Store {
    /// Claims up to `limit` undelivered actions whose next attempt is due, oldest first.
    pub async fn due_deliveries(&self, limit: u32) -> Result<Vec<Due>, sqlx::Error> {
        let now = now();
        let until = time_text(time::OffsetDateTime::now_utc() + CLAIM);
        let (due, claimed): (Vec<DueRecord>, HashMap<i64, i64>) =
            per_database!(Pool, &self.pool, |pool| {
                let mut select = select_actions("a");
                select
                    .push(
                        ", o.action_id FROM webhook_outbox o JOIN actions a ON a.id = o.action_id
                         WHERE o.delivered_at IS NULL AND o.next_attempt_at <= ",
                    )
                    .push_bind(&now)
                    .push(" ORDER BY o.next_attempt_at, o.action_id LIMIT ")
                    .push_bind(i64::from(limit));
                let due: Vec<DueRecord> = select.build_query_as().fetch_all(pool).await?;
                let mut claimed = HashMap::new();
                if !due.is_empty() {
                    let mut claim =
                        QueryBuilder::new("UPDATE webhook_outbox SET next_attempt_at = ");
                    claim
                        .push_bind(&until)
                        .push(" WHERE delivered_at IS NULL AND next_attempt_at <= ")
                        .push_bind(&now)
                        .push(" AND action_id IN (");
                    let mut ids = claim.separated(", ");
                    for row in &due {
                        ids.push_bind(row.action_id);
                    }
                    claim.push(") RETURNING action_id, attempts");
                    claimed = claim
                        .build_query_as()
                        .fetch_all(pool)
                        .await?
                        .into_iter()
                        .collect();
                }
                (due, claimed)
            });
        Ok(due
            .into_iter()
            .filter_map(|row| {
                let attempts = *claimed.get(&row.action_id)?;
                Some(Due {
                    action_id: row.action_id,
                    attempts: attempts as u32,
                    action: StoredAction::from(row.action),
                })
            })
            .collect())
    }

    /// Records a delivery the receiver accepted.
    pub async fn delivered(&self, action_id: i64) -> Result<(), sqlx::Error> {
        let at = now();
        per_database!(Pool, &self.pool, |pool| {
            sqlx::query(
                "UPDATE webhook_outbox SET attempts = attempts + 1, delivered_at = $1,
                 last_error = NULL WHERE action_id = $2",
            )
            .bind(&at)
            .bind(action_id)
            .execute(pool)
            .await
            .map(drop)
        })
    }

    /// Records a failed attempt and when to try again.
    pub async fn delivery_failed(
        &self,
        action_id: i64,
        retry_at: &str,
        error: &str,
    ) -> Result<(), sqlx::Error> {
        per_database!(Pool, &self.pool, |pool| {
            sqlx::query(
                "UPDATE webhook_outbox SET attempts = attempts + 1, next_attempt_at = $1,
                 last_error = $2 WHERE action_id = $3",
            )
            .bind(retry_at)
            .bind(error)
            .bind(action_id)
            .execute(pool)
            .await
            .map(drop)
        })
    }

    /// How many actions wait for delivery.
    pub async fn delivery_backlog(&self) -> Result<u64, sqlx::Error> {
        let n: i64 = per_database!(Pool, &self.pool, |pool| {
            sqlx::query_scalar("SELECT count(*) FROM webhook_outbox WHERE delivered_at IS NULL")
                .fetch_one(pool)
                .await?
        });
        Ok(n as u64)
    }
}
