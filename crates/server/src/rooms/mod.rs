//! Classroom rooms as they live: each change is stored first, then every stream following the
//! room is woken, on this instance through a watch channel per room, and on the others through
//! the store's announcement (PostgreSQL `NOTIFY`), on which each instance reads the room again.
//! Attendees are counted in the store per instance, so every instance counts them all; each
//! instance refreshes its own while it runs, and a background sweep ends idle rooms.

pub mod misses;
pub mod secret;
pub mod stream;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use signpost_flow::api::RoomState;
use tokio::sync::watch;

use crate::config::Classroom;
use crate::store::{time_text, Room, Store};
use crate::ApiError;
use misses::Misses;

/// How often an instance marks its attendees as still connected, and sweeps the rooms.
const REFRESH: Duration = Duration::from_secs(20);
/// How long an attendee counts without being marked again (their instance stopped).
const STALE: Duration = Duration::from_secs(60);
/// How long an ended room is kept before it is deleted.
const KEPT_ENDED: Duration = Duration::from_secs(24 * 60 * 60);
/// How many times a change is tried again when other changes keep coming first.
const TRIES: usize = 50;

/// The rooms followed through this instance, and what it counts of them.
pub struct Rooms {
    store: Store,
    /// This instance, in the store's attendee rows.
    instance: String,
    classroom: Classroom,
    /// The latest state of each room a stream on this instance follows.
    followed: Mutex<HashMap<String, watch::Sender<Arc<RoomState>>>>,
    /// Open streams per room and attendee on this instance.
    here: Mutex<HashMap<(String, String), usize>>,
    /// Wrong codes per client.
    pub misses: Misses,
}

impl Rooms {
    /// The rooms in `store`, with their background work started: the sweep and, on PostgreSQL,
    /// the listener for other instances' changes. Both end once the rooms are dropped.
    pub async fn start(store: Store, classroom: Classroom, count_misses: bool) -> Arc<Rooms> {
        let rooms = Arc::new(Rooms {
            store: store.clone(),
            instance: uuid::Uuid::new_v4().to_string(),
            classroom,
            followed: Mutex::new(HashMap::new()),
            here: Mutex::new(HashMap::new()),
            misses: Misses::new(count_misses),
        });
        tokio::spawn(sweep(Arc::downgrade(&rooms)));
        match store.room_listener().await {
            None => {}
            Some(Ok(listener)) => {
                tokio::spawn(listen(Arc::downgrade(&rooms), listener));
            }
            Some(Err(cause)) => {
                tracing::error!(%cause, "cannot listen for rooms changed on other instances");
            }
        }
        rooms
    }

    /// The room with `code` as a person may type it (in any case, with spaces or dashes), or
    /// `no_such_room`.
    pub async fn find(&self, code: &str) -> Result<Room, ApiError> {
        let code: String = code
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .flat_map(char::to_uppercase)
            .collect();
        self.store.room(&code).await?.ok_or(ApiError::NoSuchRoom)
    }

    /// What every screen shows of `room`.
    pub async fn state(&self, room: &Room) -> Result<RoomState, ApiError> {
        let fresh_since = ago(STALE);
        Ok(self.store.room_state(room, &fresh_since).await?)
    }

    /// Stores a new room and answers with its state.
    pub async fn create(&self, room: &Room) -> Result<Option<RoomState>, ApiError> {
        match self.store.create_room(room).await? {
            true => Ok(Some(self.state(room).await?)),
            false => Ok(None),
        }
    }

    /// Changes the room with `code` as `change` says, as one change on the room as stored
    /// then, and tells every stream. An ended room is `room_ended`.
    pub async fn change(
        &self,
        code: &str,
        mut change: impl FnMut(&mut Room) -> Result<(), ApiError>,
    ) -> Result<RoomState, ApiError> {
        for _ in 0..TRIES {
            let mut room = self.find(code).await?;
            if room.ended {
                return Err(ApiError::RoomEnded);
            }
            change(&mut room)?;
            if self.store.change_room(&room).await? {
                room.seq += 1;
                let state = self.state(&room).await?;
                self.publish(&state);
                self.announce(code).await;
                return Ok(state);
            }
        }
        Err(ApiError::Internal(sqlx::Error::Protocol(format!(
            "room {code} kept changing while it was changed"
        ))))
    }

    /// Counts a change the room's fields do not show, and tells every stream.
    pub async fn touch(&self, code: &str) -> Result<(), ApiError> {
        self.store.touch_room(code).await?;
        self.wake(code).await;
        self.announce(code).await;
        Ok(())
    }

    /// Counts an attendee's answer to a poll, once: a second one is `already_answered`.
    pub async fn answer(
        &self,
        code: &str,
        poll: i64,
        attendee: &str,
        choice: &str,
    ) -> Result<(), ApiError> {
        if !self.store.answer_poll(code, poll, attendee, choice).await? {
            return Err(ApiError::AlreadyAnswered);
        }
        self.touch(code).await
    }

    /// Starts following `state`'s room on this instance: its changes from now on, beginning
    /// with the latest.
    async fn follow(&self, state: RoomState) -> watch::Receiver<Arc<RoomState>> {
        let code = state.code.clone();
        let changes = {
            let mut followed = self.followed.lock().expect("never poisoned");
            match followed.get(&code) {
                Some(sender) => {
                    replace_if_newer(sender, state);
                    sender.subscribe()
                }
                None => {
                    let (sender, changes) = watch::channel(Arc::new(state));
                    followed.insert(code.clone(), sender);
                    changes
                }
            }
        };
        // A change stored while the state was read would otherwise wait for the next one.
        self.wake(&code).await;
        changes
    }

    /// Reads the room with `code` again and hands it to its streams here, if any follow it.
    async fn wake(&self, code: &str) {
        let sender = self
            .followed
            .lock()
            .expect("never poisoned")
            .get(code)
            .cloned();
        let Some(sender) = sender else {
            return;
        };
        let state = match self.store.room(code).await {
            Ok(Some(room)) => self.state(&room).await,
            Ok(None) => return,
            Err(cause) => Err(cause.into()),
        };
        match state {
            Ok(state) => replace_if_newer(&sender, state),
            Err(cause) => tracing::warn!(code, %cause, "a changed room could not be read"),
        }
    }

    /// Hands a state just made to this instance's streams of its room.
    fn publish(&self, state: &RoomState) {
        if let Some(sender) = self
            .followed
            .lock()
            .expect("never poisoned")
            .get(&state.code)
        {
            replace_if_newer(sender, state.clone());
        }
    }

    /// Tells the other instances that the room with `code` changed.
    async fn announce(&self, code: &str) {
        if let Err(cause) = self.store.announce_room(code).await {
            tracing::warn!(code, %cause, "a room's change could not be announced");
        }
    }

    /// Counts one more stream of `attendee` here; the first makes them an attendee of the
    /// room, unless it is full. The count falls again when the returned [`Presence`] drops.
    async fn arrive(self: &Arc<Self>, code: &str, attendee: &str) -> Result<Presence, ApiError> {
        let key = (code.to_owned(), attendee.to_owned());
        let first = {
            let mut here = self.here.lock().expect("never poisoned");
            let streams = here.entry(key.clone()).or_default();
            *streams += 1;
            *streams == 1
        };
        let presence = Presence {
            rooms: Arc::clone(self),
            key,
        };
        if first {
            let fresh_since = ago(STALE);
            let known = self.store.is_present(code, attendee, &fresh_since).await?;
            if !known
                && self.store.attendees(code, &fresh_since).await? >= self.classroom.max_attendees
            {
                return Err(ApiError::RoomFull);
            }
            self.store.arrive(code, attendee, &self.instance).await?;
            if !known {
                self.touch(code).await?;
            }
        }
        Ok(presence)
    }

    /// One stream of an attendee closed; after their last here, they leave the room.
    async fn depart(&self, (code, attendee): (String, String)) {
        let last = {
            let mut here = self.here.lock().expect("never poisoned");
            let key = (code.clone(), attendee.clone());
            let streams = here.entry(key.clone()).or_default();
            *streams = streams.saturating_sub(1);
            let last = *streams == 0;
            if last {
                here.remove(&key);
            }
            last
        };
        if !last {
            return;
        }
        let left = self.store.leave(&code, &attendee, &self.instance).await;
        let touched = match left {
            Ok(true) => self.touch(&code).await,
            Ok(false) => Ok(()),
            Err(cause) => Err(cause.into()),
        };
        if let Err(cause) = touched {
            tracing::warn!(code, %cause, "an attendee's leaving was not recorded");
        }
    }

    /// Marks this instance's attendees as still here, ends idle rooms, deletes long-ended ones
    /// and forgets attendees of stopped instances, telling the streams of every room changed.
    async fn tidy(&self) -> Result<(), sqlx::Error> {
        self.store.refresh_presence(&self.instance).await?;
        let idle = Duration::from_secs(self.classroom.idle_hours.saturating_mul(60 * 60));
        let changed = self
            .store
            .sweep_rooms(&ago(idle), &ago(idle + KEPT_ENDED), &ago(STALE))
            .await?;
        for code in changed {
            self.wake(&code).await;
            self.announce(&code).await;
        }
        self.followed
            .lock()
            .expect("never poisoned")
            .retain(|_, sender| sender.receiver_count() > 0);
        Ok(())
    }

    /// Reads every room followed here again, after announcements may have been missed.
    async fn wake_all(&self) {
        let codes: Vec<String> = self
            .followed
            .lock()
            .expect("never poisoned")
            .keys()
            .cloned()
            .collect();
        for code in codes {
            self.wake(&code).await;
        }
    }
}

/// One open stream of an attendee; dropping it counts the stream closed.
pub struct Presence {
    rooms: Arc<Rooms>,
    key: (String, String),
}

impl Drop for Presence {
    fn drop(&mut self) {
        let rooms = Arc::clone(&self.rooms);
        let key = std::mem::take(&mut self.key);
        // A stream closes outside any request, and only the runtime can wait for the store.
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move { rooms.depart(key).await });
        }
    }
}

/// Hands `state` to a room's streams unless they have it or a later one.
fn replace_if_newer(sender: &watch::Sender<Arc<RoomState>>, state: RoomState) {
    sender.send_if_modified(|latest| {
        let newer = state.seq > latest.seq;
        if newer {
            *latest = Arc::new(state);
        }
        newer
    });
}

/// The time `span` ago, as the store writes times.
fn ago(span: Duration) -> String {
    time_text(time::OffsetDateTime::now_utc() - span)
}

/// Every [`REFRESH`], until the rooms are dropped: [`Rooms::tidy`].
async fn sweep(rooms: Weak<Rooms>) {
    let mut ticks = tokio::time::interval(REFRESH);
    loop {
        ticks.tick().await;
        let Some(rooms) = rooms.upgrade() else {
            return;
        };
        if let Err(cause) = rooms.tidy().await {
            tracing::warn!(%cause, "the rooms could not be tidied");
        }
    }
}

/// Wakes the streams here of each room another instance announces changed, until the rooms
/// are dropped or the database closes.
async fn listen(rooms: Weak<Rooms>, mut listener: sqlx::postgres::PgListener) {
    loop {
        let received = listener.try_recv().await;
        let Some(rooms) = rooms.upgrade() else {
            return;
        };
        match received {
            Ok(Some(notification)) => rooms.wake(notification.payload()).await,
            // The connection was lost and is made again: what was announced meanwhile is lost.
            Ok(None) => rooms.wake_all().await,
            Err(sqlx::Error::PoolClosed) => return,
            Err(cause) => {
                tracing::warn!(%cause, "listening for rooms changed on other instances");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    }
}
