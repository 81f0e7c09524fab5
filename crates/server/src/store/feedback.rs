//! Anonymous answers to "Did this solve it?" on self-service outcomes: per flow version,
//! outcome and UTC day, with what did not work if the person said. Nothing names a person.

use super::{steps::today, Pool, Store};

/// One answer, already checked against its flow version.
#[derive(Debug, Clone, Copy)]
pub struct NewFeedback<'a> {
    pub flow_id: &'a str,
    pub version: &'a str,
    pub outcome: &'a str,
    pub solved: bool,
    pub comment: Option<&'a str>,
}

/// The answers on one outcome over a date range and every version of its flow.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    pub solved: u64,
    pub unsolved: u64,
    /// `(day, comment)`, newest first.
    pub comments: Vec<(String, String)>,
}

impl Store {
    /// Keeps one answer, dated today (UTC).
    pub async fn record_feedback(&self, feedback: NewFeedback<'_>) -> Result<(), sqlx::Error> {
        let day = today();
        per_database!(Pool, &self.pool, |pool| {
            sqlx::query(
                "INSERT INTO feedback (flow_id, version, outcome, day, solved, comment)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(feedback.flow_id)
            .bind(feedback.version)
            .bind(feedback.outcome)
            .bind(&day)
            .bind(feedback.solved)
            .bind(feedback.comment)
            .execute(pool)
            .await
            .map(drop)
        })
    }

    /// The answers on `outcome` of a flow between two days (`YYYY-MM-DD`, both included,
    /// either open), with at most `comments` of its comments.
    pub async fn feedback(
        &self,
        flow_id: &str,
        outcome: &str,
        from: Option<&str>,
        to: Option<&str>,
        comments: usize,
    ) -> Result<Answers, sqlx::Error> {
        const RANGE: &str = "flow_id = $1 AND outcome = $2 AND ($3 IS NULL OR day >= $3)
             AND ($4 IS NULL OR day <= $4)";
        let limit = i64::try_from(comments).unwrap_or(i64::MAX);
        // PostgreSQL sums into NUMERIC: the casts keep the sums integers on both.
        let (solved, unsolved, comments): (i64, i64, Vec<(String, String)>) =
            per_database!(Pool, &self.pool, |pool| {
                let (solved, unsolved): (Option<i64>, Option<i64>) = sqlx::query_as(&format!(
                    "SELECT CAST(sum(CASE WHEN solved THEN 1 ELSE 0 END) AS BIGINT),
                            CAST(sum(CASE WHEN solved THEN 0 ELSE 1 END) AS BIGINT)
                     FROM feedback WHERE {RANGE}"
                ))
                .bind(flow_id)
                .bind(outcome)
                .bind(from)
                .bind(to)
                .fetch_one(pool)
                .await?;
                let comments = sqlx::query_as(&format!(
                    "SELECT day, comment FROM feedback WHERE {RANGE} AND comment IS NOT NULL
                     ORDER BY id DESC LIMIT $5"
                ))
                .bind(flow_id)
                .bind(outcome)
                .bind(from)
                .bind(to)
                .bind(limit)
                .fetch_all(pool)
                .await?;
                (solved.unwrap_or(0), unsolved.unwrap_or(0), comments)
            });
        Ok(Answers {
            solved: solved.max(0) as u64,
            unsolved: unsolved.max(0) as u64,
            comments,
        })
    }
}
