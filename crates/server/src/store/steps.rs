//! Anonymous step counts: how many times people reached each node of a flow version, from
//! which node, per UTC day. Only counts are kept: no person, time or identifier.

use super::{Pool, Store};

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
        per_database!(Pool, &self.pool, |pool| {
            let mut tx = pool.begin().await?;
            for step in steps {
                sqlx::query(
                    "INSERT INTO step_counts (flow_id, version, node, from_node, day, reached)
                     VALUES ($1, $2, $3, $4, $5, 1)
                     ON CONFLICT (flow_id, version, node, from_node, day)
                     DO UPDATE SET reached = step_counts.reached + excluded.reached",
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
        })
    }

    /// The counts of a flow between two days (`YYYY-MM-DD`, both included, either open),
    /// summed over its versions, per node and the node people came from.
    pub async fn funnel(
        &self,
        flow_id: &str,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Vec<Reached>, sqlx::Error> {
        // PostgreSQL sums BIGINTs into NUMERIC: the cast keeps the sum an integer on both.
        let rows: Vec<(String, String, i64)> = per_database!(Pool, &self.pool, |pool| {
            sqlx::query_as(
                "SELECT node, from_node, CAST(sum(reached) AS BIGINT) FROM step_counts
                 WHERE flow_id = $1 AND ($2 IS NULL OR day >= $2) AND ($3 IS NULL OR day <= $3)
                 GROUP BY node, from_node ORDER BY node, from_node",
            )
            .bind(flow_id)
            .bind(from)
            .bind(to)
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(|(node, from_node, reached)| Reached {
                node,
                from_node,
                reached: reached.max(0) as u64,
            })
            .collect())
    }

    /// How many walks of each version of a flow started (reached the first node) since `day`
    /// (`YYYY-MM-DD`, included).
    pub async fn versions_started(
        &self,
        flow_id: &str,
        day: &str,
    ) -> Result<Vec<(String, u64)>, sqlx::Error> {
        let rows: Vec<(String, i64)> = per_database!(Pool, &self.pool, |pool| {
            sqlx::query_as(
                "SELECT version, CAST(sum(reached) AS BIGINT) FROM step_counts
                 WHERE flow_id = $1 AND from_node = '' AND day >= $2
                 GROUP BY version ORDER BY version",
            )
            .bind(flow_id)
            .bind(day)
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(|(version, started)| (version, started.max(0) as u64))
            .collect())
    }
}

/// Today's date in UTC, as `YYYY-MM-DD`.
pub(super) fn today() -> String {
    time::OffsetDateTime::now_utc().date().to_string()
}
