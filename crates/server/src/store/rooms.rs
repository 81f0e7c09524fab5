//! Classroom rooms: the trainer's walk and open poll, the attendees' answers (one per attendee
//! and poll, which the table's key keeps so across instances), and who is connected through
//! which instance. Every change raises the room's `seq`; a change is written only if no other
//! came since the room was read, so instances sharing the database never undo each other.

use serde::{Deserialize, Serialize};
use signpost_flow::api::{ChoiceCount, Poll, RoomState};

use super::{now, Pool, Store};

/// The PostgreSQL channel on which every change of a room is announced, its code the payload.
pub const ROOMS_CHANNEL: &str = "signpost_rooms";

/// A room as stored: what the trainer decided, without what is counted.
#[derive(Debug, Clone)]
pub struct Room {
    pub code: String,
    /// SHA-256 of the trainer's token, as hex.
    pub token_hash: String,
    pub flow: String,
    pub version: String,
    pub answers: Vec<String>,
    pub poll: Option<OpenPoll>,
    pub seq: i64,
    pub ended: bool,
}

/// The question a room is being asked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenPoll {
    /// The question's node id.
    pub node: String,
    /// The question's choice ids, in order.
    pub choices: Vec<String>,
    pub revealed: bool,
    /// Tells this poll from earlier ones, even on the same node: the room's seq it was asked at.
    pub id: i64,
}

type Row = (String, String, String, String, Option<String>, i64, bool);

impl Store {
    /// Stores a new room; false if its code is taken.
    pub async fn create_room(&self, room: &Room) -> Result<bool, sqlx::Error> {
        let (answers, poll) = columns(room);
        let at = now();
        per_database!(Pool, &self.pool, |pool| {
            sqlx::query(
                "INSERT INTO rooms (code, token_hash, flow, version, answers, poll, seq, ended,
                                    updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (code) DO NOTHING",
            )
            .bind(&room.code)
            .bind(&room.token_hash)
            .bind(&room.flow)
            .bind(&room.version)
            .bind(&answers)
            .bind(&poll)
            .bind(room.seq)
            .bind(room.ended)
            .bind(&at)
            .execute(pool)
            .await
            .map(|done| done.rows_affected() == 1)
        })
    }

    /// The room with this code, if there is one.
    pub async fn room(&self, code: &str) -> Result<Option<Room>, sqlx::Error> {
        let row: Option<Row> = per_database!(Pool, &self.pool, |pool| {
            sqlx::query_as(
                "SELECT token_hash, flow, version, answers, poll, seq, ended FROM rooms
                 WHERE code = $1",
            )
            .bind(code)
            .fetch_optional(pool)
            .await?
        });
        Ok(row.map(
            |(token_hash, flow, version, answers, poll, seq, ended)| Room {
                code: code.to_owned(),
                token_hash,
                flow,
                version,
                answers: serde_json::from_str(&answers).unwrap_or_default(),
                poll: poll.and_then(|p| serde_json::from_str(&p).ok()),
                seq,
                ended,
            },
        ))
    }

    /// Writes `room`, read at its `seq` and changed since, as one change (its seq rises by
    /// one), unless another change came first or the room had ended; says whether it did.
    pub async fn change_room(&self, room: &Room) -> Result<bool, sqlx::Error> {
        let (answers, poll) = columns(room);
        let at = now();
        per_database!(Pool, &self.pool, |pool| {
            sqlx::query(
                "UPDATE rooms SET flow = $2, version = $3, answers = $4, poll = $5, ended = $6,
                                  seq = seq + 1, updated_at = $7
                 WHERE code = $1 AND seq = $8 AND NOT ended",
            )
            .bind(&room.code)
            .bind(&room.flow)
            .bind(&room.version)
            .bind(&answers)
            .bind(&poll)
            .bind(room.ended)
            .bind(&at)
            .bind(room.seq)
            .execute(pool)
            .await
            .map(|done| done.rows_affected() == 1)
        })
    }

    /// Counts a change the room's own fields do not show (an answer, an attendee coming or
    /// going), unless the room has ended.
    pub async fn touch_room(&self, code: &str) -> Result<(), sqlx::Error> {
        let at = now();
        per_database!(Pool, &self.pool, |pool| {
            sqlx::query(
                "UPDATE rooms SET seq = seq + 1, updated_at = $2 WHERE code = $1 AND NOT ended",
            )
            .bind(code)
            .bind(&at)
            .execute(pool)
            .await
            .map(drop)
        })
    }

    /// Keeps an attendee's answer to a poll; false if they had answered it already.
    pub async fn answer_poll(
        &self,
        code: &str,
        poll: i64,
        attendee: &str,
        choice: &str,
    ) -> Result<bool, sqlx::Error> {
        per_database!(Pool, &self.pool, |pool| {
            sqlx::query(
                "INSERT INTO room_answers (code, poll, attendee, choice) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (code, poll, attendee) DO NOTHING",
            )
            .bind(code)
            .bind(poll)
            .bind(attendee)
            .bind(choice)
            .execute(pool)
            .await
            .map(|done| done.rows_affected() == 1)
        })
    }

    /// What every screen shows of `room`: the attendees connected to any instance seen since
    /// `fresh_since` (see [`now`]), and the poll's answers, counted per choice when revealed.
    pub async fn room_state(
        &self,
        room: &Room,
        fresh_since: &str,
    ) -> Result<RoomState, sqlx::Error> {
        let attendees = self.attendees(&room.code, fresh_since).await?;
        let poll = match &room.poll {
            None => None,
            Some(open) => {
                let chosen: Vec<(String, i64)> = per_database!(Pool, &self.pool, |pool| {
                    sqlx::query_as(
                        "SELECT choice, CAST(count(*) AS BIGINT) FROM room_answers
                         WHERE code = $1 AND poll = $2 GROUP BY choice",
                    )
                    .bind(&room.code)
                    .bind(open.id)
                    .fetch_all(pool)
                    .await?
                });
                let count = |choice: &str| {
                    chosen
                        .iter()
                        .find(|(c, _)| c == choice)
                        .map_or(0, |(_, n)| u32::try_from(*n).unwrap_or(u32::MAX))
                };
                let counts = match open.revealed {
                    true => open
                        .choices
                        .iter()
                        .map(|choice| ChoiceCount {
                            choice: choice.clone(),
                            count: count(choice),
                        })
                        .collect(),
                    false => Vec::new(),
                };
                let answered = chosen.iter().map(|(_, n)| *n).sum::<i64>();
                Some(Poll {
                    node: open.node.clone(),
                    answered: u32::try_from(answered).unwrap_or(u32::MAX),
                    revealed: open.revealed,
                    counts,
                })
            }
        };
        Ok(RoomState {
            code: room.code.clone(),
            seq: u64::try_from(room.seq).unwrap_or_default(),
            flow: room.flow.clone(),
            version: room.version.clone(),
            answers: room.answers.clone(),
            poll,
            attendees,
            ended: room.ended,
        })
    }

    /// How many distinct attendees are connected to the room through an instance seen since
    /// `fresh_since`.
    pub async fn attendees(&self, code: &str, fresh_since: &str) -> Result<u32, sqlx::Error> {
        let count: i64 = per_database!(Pool, &self.pool, |pool| {
            sqlx::query_scalar(
                "SELECT CAST(count(DISTINCT attendee) AS BIGINT) FROM room_presence
                 WHERE code = $1 AND seen_at >= $2",
            )
            .bind(code)
            .bind(fresh_since)
            .fetch_one(pool)
            .await?
        });
        Ok(u32::try_from(count).unwrap_or(u32::MAX))
    }

    /// Whether an attendee is already counted in the room (through any instance).
    pub async fn is_present(
        &self,
        code: &str,
        attendee: &str,
        fresh_since: &str,
    ) -> Result<bool, sqlx::Error> {
        per_database!(Pool, &self.pool, |pool| {
            sqlx::query_scalar::<_, i64>(
                "SELECT 1 FROM room_presence WHERE code = $1 AND attendee = $2 AND seen_at >= $3",
            )
            .bind(code)
            .bind(attendee)
            .bind(fresh_since)
            .fetch_optional(pool)
            .await
            .map(|found| found.is_some())
        })
    }

    /// Records that an attendee is connected to the room through `instance`.
    pub async fn arrive(
        &self,
        code: &str,
        attendee: &str,
        instance: &str,
    ) -> Result<(), sqlx::Error> {
        let at = now();
        per_database!(Pool, &self.pool, |pool| {
            sqlx::query(
                "INSERT INTO room_presence (code, attendee, instance, seen_at)
                 VALUES ($1, $2, $3, $4)
                 ON CONFLICT (code, attendee, instance) DO UPDATE SET seen_at = excluded.seen_at",
            )
            .bind(code)
            .bind(attendee)
            .bind(instance)
            .bind(&at)
            .execute(pool)
            .await
            .map(drop)
        })
    }

    /// Records that an attendee's last connection through `instance` closed; false if it was
    /// not recorded.
    pub async fn leave(
        &self,
        code: &str,
        attendee: &str,
        instance: &str,
    ) -> Result<bool, sqlx::Error> {
        per_database!(Pool, &self.pool, |pool| {
            sqlx::query(
                "DELETE FROM room_presence WHERE code = $1 AND attendee = $2 AND instance = $3",
            )
            .bind(code)
            .bind(attendee)
            .bind(instance)
            .execute(pool)
            .await
            .map(|done| done.rows_affected() > 0)
        })
    }

    /// Marks every attendee connected through `instance` as seen now.
    pub async fn refresh_presence(&self, instance: &str) -> Result<(), sqlx::Error> {
        let at = now();
        per_database!(Pool, &self.pool, |pool| {
            sqlx::query("UPDATE room_presence SET seen_at = $1 WHERE instance = $2")
                .bind(&at)
                .bind(instance)
                .execute(pool)
                .await
                .map(drop)
        })
    }

    /// Ends the rooms unchanged since `idle_before`, deletes those ended before
    /// `delete_before` with their answers, and forgets attendees not seen since
    /// `stale_before` (their instance stopped). Returns the codes of the rooms that changed.
    pub async fn sweep_rooms(
        &self,
        idle_before: &str,
        delete_before: &str,
        stale_before: &str,
    ) -> Result<Vec<String>, sqlx::Error> {
        let at = now();
        per_database!(Pool, &self.pool, |pool| {
            let mut tx = pool.begin().await?;
            let mut changed: Vec<String> = sqlx::query_scalar(
                "UPDATE rooms SET ended = TRUE, seq = seq + 1, updated_at = $2
                 WHERE NOT ended AND updated_at < $1 RETURNING code",
            )
            .bind(idle_before)
            .bind(&at)
            .fetch_all(&mut *tx)
            .await?;
            for table in ["room_answers", "room_presence"] {
                sqlx::query(&format!(
                    "DELETE FROM {table} WHERE code IN
                     (SELECT code FROM rooms WHERE ended AND updated_at < $1)"
                ))
                .bind(delete_before)
                .execute(&mut *tx)
                .await?;
            }
            sqlx::query("DELETE FROM rooms WHERE ended AND updated_at < $1")
                .bind(delete_before)
                .execute(&mut *tx)
                .await?;
            let left: Vec<String> =
                sqlx::query_scalar("DELETE FROM room_presence WHERE seen_at < $1 RETURNING code")
                    .bind(stale_before)
                    .fetch_all(&mut *tx)
                    .await?;
            for code in &left {
                sqlx::query(
                    "UPDATE rooms SET seq = seq + 1, updated_at = $2 WHERE code = $1 AND NOT ended",
                )
                .bind(code)
                .bind(&at)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            changed.extend(left);
            changed.sort();
            changed.dedup();
            Ok(changed)
        })
    }

    /// Tells every instance listening on [`ROOMS_CHANNEL`] that a room changed (PostgreSQL;
    /// on SQLite this instance is the only one).
    pub async fn announce_room(&self, code: &str) -> Result<(), sqlx::Error> {
        match &self.pool {
            Pool::Sqlite(..) => Ok(()),
            Pool::Postgres(pool) => sqlx::query("SELECT pg_notify($1, $2)")
                .bind(ROOMS_CHANNEL)
                .bind(code)
                .execute(pool)
                .await
                .map(drop),
        }
    }

    /// A listener on [`ROOMS_CHANNEL`], on PostgreSQL only.
    pub async fn room_listener(&self) -> Option<Result<sqlx::postgres::PgListener, sqlx::Error>> {
        let Pool::Postgres(pool) = &self.pool else {
            return None;
        };
        Some(
            async {
                let mut listener = sqlx::postgres::PgListener::connect_with(pool).await?;
                listener.listen(ROOMS_CHANNEL).await?;
                Ok(listener)
            }
            .await,
        )
    }
}

/// The room's answers and poll as the table holds them: JSON text.
fn columns(room: &Room) -> (String, Option<String>) {
    let answers = serde_json::to_string(&room.answers).expect("strings always serialize");
    let poll = room
        .poll
        .as_ref()
        .map(|p| serde_json::to_string(p).expect("a poll always serializes"));
    (answers, poll)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::time_text;

    fn room(code: &str) -> Room {
        Room {
            code: code.to_owned(),
            token_hash: "00".repeat(32),
            flow: "join".into(),
            version: "1".into(),
            answers: Vec::new(),
            poll: None,
            seq: 1,
            ended: false,
        }
    }

    fn hours_from_now(hours: i64) -> String {
        time_text(time::OffsetDateTime::now_utc() + time::Duration::hours(hours))
    }

    #[tokio::test]
    async fn idle_rooms_end_then_are_deleted_and_stale_attendees_are_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        let store = Store::connect(&url).await.unwrap();
        assert!(store.create_room(&room("ACDEFG")).await.unwrap());
        assert!(!store.create_room(&room("ACDEFG")).await.unwrap());
        assert!(store.create_room(&room("HJKMNP")).await.unwrap());
        store
            .arrive("HJKMNP", "attendee-ada", "gone")
            .await
            .unwrap();
        let (past, future) = (hours_from_now(-1), hours_from_now(1));

        // Nothing is idle or stale yet.
        let changed = store.sweep_rooms(&past, &past, &past).await.unwrap();
        assert!(changed.is_empty(), "{changed:?}");
        assert_eq!(store.attendees("HJKMNP", &past).await.unwrap(), 1);

        // The attendee's instance stopped marking them: they leave, and their room changes.
        let changed = store.sweep_rooms(&past, &past, &future).await.unwrap();
        assert_eq!(changed, ["HJKMNP"]);
        assert_eq!(store.attendees("HJKMNP", &past).await.unwrap(), 0);
        assert_eq!(store.room("HJKMNP").await.unwrap().unwrap().seq, 2);

        // Every room is idle: each ends once, then is deleted.
        let changed = store.sweep_rooms(&future, &past, &past).await.unwrap();
        assert_eq!(changed, ["ACDEFG", "HJKMNP"]);
        let ended = store.room("ACDEFG").await.unwrap().unwrap();
        assert!(ended.ended);
        assert!(
            !store.change_room(&ended).await.unwrap(),
            "an ended room changed"
        );
        assert!(store
            .sweep_rooms(&future, &past, &past)
            .await
            .unwrap()
            .is_empty());
        store.sweep_rooms(&future, &future, &past).await.unwrap();
        assert!(store.room("ACDEFG").await.unwrap().is_none());
    }
}
