//! Anonymous step counts: how many times people reached each node of a flow version, from
//! which node, per UTC day. Only counts are kept: no person, time or identifier.

use sqlx::Row;

use super::Store;

/// One node reached, already checked against its flow version.
#[derive(Debug, Clone, Copy)]
pub struct StepCount<'a> {
    pub flow_id: &'a str,
    pub version: &'a str,
    pub node: &'a str,
    /// The node the person came from, `""` for the first node.
    pub from_node: &'a str,
}

/// A summed count over a date range and every version of a flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reached {
    pub node: String,
    pub from_node: String,
    pub reached: u64,
}

impl Store {
    /// Adds one to today's (UTC) count of each step, all in one transaction.
    pub async fn count_steps(&self, steps: &[StepCount<'_>]) -> Result<(), sqlx::Error> {
        let day = today();
        let mut tx = self.pool.begin().await?;
        for step in steps {
            sqlx::query(
                "INSERT INTO step_counts (flow_id, version, node, from_node, day, reached)
                 VALUES (?, ?, ?, ?, ?, 1)
                 ON CONFLICT (flow_id, version, node, from_node, day)
                 DO UPDATE SET reached = reached + excluded.reached",
            )
            .bind(step.flow_id)
            .bind(step.version)
            .bind(step.node)
            .bind(step.from_node)
            .bind(&day)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await
    }

    /// The counts of a flow between two days (`YYYY-MM-DD`, both included, either open),
    /// summed over its versions, per node and the node people came from.
    pub async fn funnel(
        &self,
        flow_id: &str,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Vec<Reached>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT node, from_node, sum(reached) AS reached FROM step_counts
             WHERE flow_id = ? AND (? IS NULL OR day >= ?) AND (? IS NULL OR day <= ?)
             GROUP BY node, from_node ORDER BY node, from_node",
        )
        .bind(flow_id)
        .bind(from)
        .bind(from)
        .bind(to)
        .bind(to)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|row| Reached {
                node: row.get("node"),
                from_node: row.get("from_node"),
                reached: row.get::<i64, _>("reached").max(0) as u64,
            })
            .collect())
    }
}

/// Today's date in UTC, as `YYYY-MM-DD`.
fn today() -> String {
    time::OffsetDateTime::now_utc().date().to_string()
}
