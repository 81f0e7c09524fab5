//! A room's server-sent events: its state whole, as event `state` with `seq` as id, at once
//! and after every change, until the room ends (its final state is the last event) or the
//! server stops. An attendee's stream counts them in the room for as long as it is open.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream};
use signpost_flow::api::RoomState;
use tokio::sync::watch;

use super::{Presence, Rooms};
use crate::serve::Stopping;
use crate::store::Room;
use crate::ApiError;

/// The event each state is sent as.
pub const STATE_EVENT: &str = "state";

/// The longest pause between two heartbeats.
const HEARTBEAT: Duration = Duration::from_secs(15);

/// An event stream of `room`, counting `attendee` in it if given, that leaves out the states a
/// reconnecting client already had (`last_seen`, its `Last-Event-ID`). A heartbeat comment
/// goes out more often than `idle_timeout`, so the server never closes the connection as idle.
pub async fn open(
    rooms: &Arc<Rooms>,
    room: Room,
    attendee: Option<&str>,
    last_seen: Option<u64>,
    stopping: Option<Stopping>,
    idle_timeout: Duration,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, ApiError> {
    let presence = match attendee {
        Some(attendee) if !room.ended => Some(rooms.arrive(&room.code, attendee).await?),
        _ => None,
    };
    let state = match &presence {
        // Read again: the attendee's arrival changed it.
        Some(_) => rooms.state(&rooms.find(&room.code).await?).await?,
        None => rooms.state(&room).await?,
    };
    let changes = rooms.follow(state).await;
    let following = Following {
        changes,
        sent: last_seen,
        stopping,
        _presence: presence,
    };
    let heartbeat = HEARTBEAT.min(idle_timeout * 2 / 3);
    Ok(Sse::new(stream::unfold(following, Following::next))
        .keep_alive(KeepAlive::new().interval(heartbeat)))
}

/// One open stream: the room's changes, the last state sent, and what ends it.
struct Following {
    changes: watch::Receiver<Arc<RoomState>>,
    sent: Option<u64>,
    stopping: Option<Stopping>,
    /// Counts the attendee in the room until the stream is dropped.
    _presence: Option<Presence>,
}

impl Following {
    /// The next state to send, once there is one; none once the room has ended and its final
    /// state was sent, or the server stops.
    async fn next(mut self) -> Option<(Result<Event, Infallible>, Following)> {
        loop {
            let latest = Arc::clone(&self.changes.borrow_and_update());
            if self.sent.is_none_or(|sent| latest.seq > sent) {
                self.sent = Some(latest.seq);
                return Some((Ok(event(&latest)), self));
            }
            if latest.ended {
                return None;
            }
            let stopping = async {
                match &mut self.stopping {
                    Some(stopping) => stopping.wait().await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                changed = self.changes.changed() => changed.ok()?,
                () = stopping => return None,
            }
        }
    }
}

/// `state` as a server-sent event.
fn event(state: &RoomState) -> Event {
    Event::default()
        .event(STATE_EVENT)
        .id(state.seq.to_string())
        .json_data(state)
        .expect("a RoomState always serializes")
}
