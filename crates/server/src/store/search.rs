//! Finding people by name or email whatever the case or accents: each action's name and email
//! are stored folded beside them (`name_search`, `email_search`) and a search is folded the same
//! way, so both databases compare plain folded text, and agree.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use super::{Pool, Store};

/// How many actions one transaction of the backfill folds.
const BACKFILL_CHUNK: i64 = 500;

/// `text` as searches compare it: lower case by Unicode's rules (`ÁNGELA` → `ángela`), then
/// decomposed (NFD) with its combining marks dropped (`ángela` → `angela`, `müller` → `muller`).
pub(super) fn fold(text: &str) -> String {
    text.to_lowercase()
        .nfd()
        .filter(|&c| !is_combining_mark(c))
        .collect()
}

impl Store {
    /// Folds the name and email of the actions stored before the search columns existed (where
    /// they are still NULL), a chunk per transaction. Run at start, before any request: a
    /// migration cannot fold text as [`fold`] does. Instances doing it at once on one database
    /// write the same values, so it does not matter which of them folds a row.
    pub(super) async fn backfill_search(&self) -> Result<(), sqlx::Error> {
        let mut folded = 0;
        loop {
            let chunk = per_database!(Pool, &self.pool, |pool| {
                let rows: Vec<(i64, String, String)> = sqlx::query_as(
                    "SELECT id, name, email FROM actions
                     WHERE name_search IS NULL OR email_search IS NULL ORDER BY id LIMIT $1",
                )
                .bind(BACKFILL_CHUNK)
                .fetch_all(pool)
                .await?;
                let mut tx = pool.begin().await?;
                for (id, name, email) in &rows {
                    sqlx::query(
                        "UPDATE actions SET name_search = $1, email_search = $2 WHERE id = $3",
                    )
                    .bind(fold(name))
                    .bind(fold(email))
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                rows.len()
            });
            if chunk == 0 {
                break;
            }
            folded += chunk;
        }
        if folded > 0 {
            tracing::info!(
                folded,
                "folded the names and emails of earlier actions for search"
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folding_drops_case_and_accents_beyond_ascii() {
        assert_eq!(fold("Ángela"), "angela");
        assert_eq!(fold("José"), "jose");
        assert_eq!(fold("MÜLLER"), "muller");
        assert_eq!(fold("ÅSE@EXAMPLE.EDU"), "ase@example.edu");
        assert_eq!(fold("Ada"), "ada");
    }
}
