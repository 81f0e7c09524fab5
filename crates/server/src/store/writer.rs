//! Group commit: one writer task per database stores every action waiting at that moment in one
//! commit, so one fsync (synchronous FULL) covers many requests instead of one each.
//!
//! [`Writer::submit`] queues a row and waits for its answer, which the writer sends only after the
//! statement storing the row has committed: a 201 is only ever given for what is on disk.
//! The writer takes whatever is queued when it is free (no timer, so a lone request is not
//! delayed), up to [`MAX_BATCH`] rows. If a batch fails, the writer stores its rows again one
//! at a time, so one bad row fails alone; rows the failed batch did commit are then replayed.
//!
//! The writer is started with its SQLite [`Store`](super::Store) and ends when the store is
//! dropped. PostgreSQL needs none: it groups the WAL flushes of concurrent commits itself.

use sqlx::pool::PoolConnection;
use sqlx::sqlite::{Sqlite, SqlitePool};
use tokio::sync::{mpsc, oneshot};

use super::intake::{insert_batch, ActionRow, Conn, Stored};

/// The most rows one commit stores.
const MAX_BATCH: usize = 512;
/// How many rows may wait for the writer before senders wait too.
const QUEUE: usize = 4096;

/// A row waiting to be stored, and where its answer goes.
struct Pending {
    row: ActionRow,
    reply: oneshot::Sender<Result<Stored, sqlx::Error>>,
}

/// The queue to a database's writer task. Cloned with its [`Store`](super::Store); the task
/// ends when the last clone is dropped.
#[derive(Clone)]
pub(super) struct Writer {
    queue: mpsc::Sender<Pending>,
}

impl Writer {
    /// Starts the writer for `pool` on the current runtime.
    pub(super) fn start(pool: SqlitePool) -> Writer {
        let (queue, waiting) = mpsc::channel(QUEUE);
        tokio::spawn(run(pool, waiting));
        Writer { queue }
    }

    /// Stores `row`; returns once the row's commit is done.
    pub(super) async fn submit(&self, row: ActionRow) -> Result<Stored, sqlx::Error> {
        let (reply, answer) = oneshot::channel();
        let pending = Pending { row, reply };
        self.queue
            .send(pending)
            .await
            .map_err(|_| sqlx::Error::WorkerCrashed)?;
        answer.await.unwrap_or(Err(sqlx::Error::WorkerCrashed))
    }
}

/// The writer: takes what is waiting, commits it, answers, and again, until no sender is left.
async fn run(pool: SqlitePool, mut waiting: mpsc::Receiver<Pending>) {
    let mut conn = None;
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while waiting.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let result = {
            let rows: Vec<&ActionRow> = batch.iter().map(|p| &p.row).collect();
            store(&pool, &mut conn, &rows).await
        };
        match result {
            Ok(answers) => {
                for (pending, answer) in batch.drain(..).zip(answers) {
                    // A caller that has gone away (its client hung up) needs no answer.
                    let _ = pending.reply.send(Ok(answer));
                }
            }
            Err(cause) if batch.len() == 1 => {
                let _ = batch.remove(0).reply.send(Err(cause));
            }
            Err(cause) => {
                tracing::warn!(%cause, rows = batch.len(), "a batch failed; storing its rows one by one");
                for pending in batch.drain(..) {
                    let result = store(&pool, &mut conn, &[&pending.row]).await;
                    let _ = pending
                        .reply
                        .send(result.map(|mut answers| answers.remove(0)));
                }
            }
        }
    }
}

/// Stores `rows` in one commit on the writer's connection.
async fn store(
    pool: &SqlitePool,
    conn: &mut Option<PoolConnection<Sqlite>>,
    rows: &[&ActionRow],
) -> Result<Vec<Stored>, sqlx::Error> {
    let connection = match conn {
        Some(connection) => connection,
        None => conn.insert(pool.acquire().await?),
    };
    let result = insert_batch(Conn::Sqlite(connection), rows).await;
    if result.is_err() {
        // After a failure the connection may be in any state: the next batch takes a fresh one.
        if let Some(connection) = conn.take() {
            let _ = connection.close().await;
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{NewAction, Pool, Store};

    async fn store() -> (Store, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        (Store::connect(&url).await.unwrap(), dir)
    }

    fn action<'a>(key: &'a str, name: &'a str, hash: &'a str) -> NewAction<'a> {
        NewAction {
            idempotency_key: key,
            request_hash: hash,
            flow_id: "join",
            flow_version: "1",
            answers: &[],
            outcome: "separate",
            action: "separate_accounts",
            flags: &[],
            name,
            email: "ada@example.edu",
            note: None,
        }
    }

    fn reference(stored: &Stored) -> Option<&str> {
        match stored {
            Stored::Created(r) | Stored::Replayed(r) => Some(&r.reference),
            Stored::KeyReused => None,
        }
    }

    fn pool(store: &Store) -> &SqlitePool {
        match &store.pool {
            Pool::Sqlite(pool, _) => pool,
            Pool::Postgres(_) => unreachable!("the writer is SQLite's"),
        }
    }

    async fn rows(store: &Store) -> i64 {
        sqlx::query_scalar("SELECT count(*) FROM actions")
            .fetch_one(pool(store))
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn one_batch_judges_repeated_keys_as_if_they_came_one_by_one() {
        let (store, _dir) = store().await;
        let earlier = store.insert(action("k0", "Ada", "h0")).await.unwrap();
        let row = |key: &str, hash: &str| {
            let new = action(key, "Ada", hash);
            ActionRow::from(new)
        };
        let batch = [
            row("k1", "h1"), // new: created
            row("k1", "h1"), // the same confirmation again: the first one's receipt
            row("k1", "h2"), // another confirmation under that key: refused
            row("k0", "h0"), // stored before this batch: replayed
            row("k0", "hx"), // stored before, other details: refused
            row("k2", "h3"), // new: created
        ];
        let mut conn = pool(&store).acquire().await.unwrap();
        let answers = insert_batch(Conn::Sqlite(&mut conn), &batch.iter().collect::<Vec<_>>())
            .await
            .unwrap();
        assert!(matches!(answers[0], Stored::Created(_)), "{answers:?}");
        assert!(matches!(answers[1], Stored::Replayed(_)), "{answers:?}");
        assert_eq!(reference(&answers[1]), reference(&answers[0]));
        assert!(matches!(answers[2], Stored::KeyReused), "{answers:?}");
        assert!(matches!(answers[3], Stored::Replayed(_)), "{answers:?}");
        assert_eq!(reference(&answers[3]), reference(&earlier));
        assert!(matches!(answers[4], Stored::KeyReused), "{answers:?}");
        assert!(matches!(answers[5], Stored::Created(_)), "{answers:?}");
        assert_eq!(rows(&store).await, 3);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_inserts_are_each_stored_once_and_answered_after_commit() {
        let (store, _dir) = store().await;
        let tasks: Vec<_> = (0..400)
            .map(|i| {
                let store = store.clone();
                tokio::spawn(async move {
                    // Every key twice with the same details, and every tenth key also with others.
                    let key = format!("key-{}", i / 2);
                    let hash = if i % 20 == 19 { "other" } else { "same" };
                    let stored = store.insert(action(&key, "Ada", hash)).await.unwrap();
                    (key, hash, stored)
                })
            })
            .collect();
        let mut references = std::collections::HashMap::new();
        for task in tasks {
            let (key, hash, stored) = task.await.unwrap();
            if let Some(reference) = reference(&stored) {
                let first = references
                    .entry((key, hash))
                    .or_insert(reference.to_owned());
                assert_eq!(first, reference);
            }
        }
        // Each key has one row; where two details raced for a key, only one of them got a receipt.
        assert_eq!(rows(&store).await, 200);
        assert_eq!(references.len(), 200);
        let stored: Vec<(String, String)> =
            sqlx::query_as("SELECT idempotency_key, reference FROM actions")
                .fetch_all(pool(&store))
                .await
                .unwrap();
        for (key, reference) in stored {
            let mine = references
                .iter()
                .find(|((k, _), _)| *k == key)
                .map(|(_, r)| r);
            assert_eq!(mine, Some(&reference), "{key}");
        }
    }
}
