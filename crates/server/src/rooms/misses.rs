//! Wrong room codes, counted per client: after [`MAX_MISSES`] in [`WINDOW`], a client is
//! refused every room until its oldest miss is that old, so codes cannot be tried in bulk.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;

use crate::limit::bucket_key;
use crate::{ApiError, AppState};

/// Wrong codes a client may try in [`WINDOW`].
pub const MAX_MISSES: usize = 5;
/// How long a wrong code counts against its client.
pub const WINDOW: Duration = Duration::from_secs(10 * 60);
/// How many clients are remembered before those whose misses have all expired are forgotten.
const MAX_CLIENTS: usize = 10_000;

/// The recent misses of each client (an IPv4 address, or an IPv6 /64).
pub struct Misses {
    /// Off when the server has no rate limits.
    on: bool,
    seen: Mutex<HashMap<IpAddr, Vec<Instant>>>,
}

impl Misses {
    /// Counting misses, or, when `on` is false, never refusing anyone.
    pub fn new(on: bool) -> Misses {
        Misses {
            on,
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// Refuses `client` while it has [`MAX_MISSES`] misses in the window.
    fn check(&self, client: IpAddr, now: Instant) -> Result<(), ApiError> {
        let mut seen = self.seen.lock().expect("never poisoned");
        let Some(misses) = seen.get_mut(&bucket_key(client)) else {
            return Ok(());
        };
        misses.retain(|at| now.duration_since(*at) < WINDOW);
        match misses.first() {
            Some(oldest) if misses.len() >= MAX_MISSES => Err(ApiError::TooManyTries {
                retry_after: (WINDOW - now.duration_since(*oldest)).as_secs() + 1,
            }),
            _ => Ok(()),
        }
    }

    /// Counts a wrong code against `client`.
    fn miss(&self, client: IpAddr, now: Instant) {
        if !self.on {
            return;
        }
        let mut seen = self.seen.lock().expect("never poisoned");
        if seen.len() >= MAX_CLIENTS {
            seen.retain(|_, misses| misses.iter().any(|at| now.duration_since(*at) < WINDOW));
        }
        seen.entry(bucket_key(client)).or_default().push(now);
    }
}

/// Refuses a client with too many wrong codes (429 `too_many_tries`), and counts a room route's
/// 404, which only an unknown code gives, against it.
pub async fn guard(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let client = state.limiter.client(&request);
    let misses = &state.rooms.misses;
    misses.check(client, Instant::now())?;
    let response = next.run(request).await;
    if response.status() == StatusCode::NOT_FOUND {
        misses.miss(client, Instant::now());
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_with_too_many_misses_waits_for_the_window_and_others_do_not() {
        let misses = Misses::new(true);
        let (a, b) = (IpAddr::from([10, 0, 0, 1]), IpAddr::from([10, 0, 0, 2]));
        let start = Instant::now();
        for _ in 0..MAX_MISSES {
            assert!(misses.check(a, start).is_ok());
            misses.miss(a, start);
        }
        let Err(ApiError::TooManyTries { retry_after }) = misses.check(a, start) else {
            panic!("not refused");
        };
        assert_eq!(retry_after, WINDOW.as_secs() + 1);
        assert!(misses.check(b, start).is_ok());
        assert!(misses.check(a, start + WINDOW).is_ok());
    }

    #[test]
    fn off_refuses_no_one() {
        let misses = Misses::new(false);
        let a = IpAddr::from([10, 0, 0, 1]);
        (0..10).for_each(|_| misses.miss(a, Instant::now()));
        assert!(misses.check(a, Instant::now()).is_ok());
    }
}
