//! Per-client limits on what anyone may send (confirmations, step events): a bucket per client
//! (an IPv4 address, or an IPv6 /64), refilled steadily, so a person is never slowed down but a
//! script cannot flood the queue or the counts. Behind a trusted proxy, the client is the one
//! the proxy names in `Forwarded` or `X-Forwarded-For`.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::header::{HeaderName, FORWARDED};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use governor::clock::{Clock, DefaultClock};
use governor::middleware::NoOpMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::Quota;

use crate::config::TrustedProxies;
use crate::ApiError;

/// How many clients are remembered before those back to a full bucket are forgotten.
const MAX_CLIENTS: usize = 10_000;

/// The header most proxies add when they do not send `Forwarded`.
const X_FORWARDED_FOR: HeaderName = HeaderName::from_static("x-forwarded-for");

/// The IPv6 addresses one client may be handed: a /64, the smallest network a site is given.
const IPV6_CLIENT_PREFIX: u32 = 64;

/// One bucket per client key, on `C`'s time.
type Buckets<C> = governor::RateLimiter<
    IpAddr,
    DefaultKeyedStateStore<IpAddr>,
    C,
    NoOpMiddleware<<C as Clock>::Instant>,
>;

/// Buckets of `per_minute` requests, one per client, and the proxies that may name the client.
pub struct RateLimiter<C: Clock = DefaultClock> {
    /// None when there is no limit.
    buckets: Option<Buckets<C>>,
    proxies: TrustedProxies,
}

impl RateLimiter {
    /// A limit of `per_minute` requests per client; 0 means no limit.
    pub fn new(per_minute: u32, proxies: TrustedProxies) -> RateLimiter {
        RateLimiter::with_clock(per_minute, proxies, DefaultClock::default())
    }
}

impl<C: Clock> RateLimiter<C> {
    /// A limit of `per_minute` requests per client, on `clock`'s time; 0 means no limit.
    fn with_clock(per_minute: u32, proxies: TrustedProxies, clock: C) -> RateLimiter<C> {
        let buckets = NonZeroU32::new(per_minute).map(|per_minute| {
            Buckets::new(
                Quota::per_minute(per_minute),
                DefaultKeyedStateStore::default(),
                clock,
            )
        });
        RateLimiter { buckets, proxies }
    }

    /// Takes a request from `client`'s bucket, or says how long until one is free.
    pub fn take(&self, client: IpAddr) -> Result<(), Duration> {
        let Some(buckets) = &self.buckets else {
            return Ok(());
        };
        if buckets.len() >= MAX_CLIENTS {
            buckets.retain_recent();
        }
        buckets
            .check_key(&bucket_key(client))
            .map_err(|full| full.wait_time_from(buckets.clock().now()))
    }

    /// Whom `request` counts against: the address its connection comes from, or, when that is
    /// a trusted proxy, the client the proxy names.
    pub fn client(&self, request: &Request) -> IpAddr {
        let peer = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |info| {
                info.0.ip().to_canonical()
            });
        if self.proxies.contains(peer) {
            self.forwarded_client(request.headers()).unwrap_or(peer)
        } else {
            peer
        }
    }

    /// The right-most address that is not a trusted proxy in `Forwarded` (or, without it,
    /// `X-Forwarded-For`), the left-most if all are; none if the header is missing or the walk
    /// from the right meets something that is not an address.
    fn forwarded_client(&self, headers: &HeaderMap) -> Option<IpAddr> {
        let (name, hop_address): (_, fn(&str) -> Option<IpAddr>) =
            if headers.contains_key(FORWARDED) {
                (FORWARDED, forwarded_for)
            } else {
                (X_FORWARDED_FOR, address)
            };
        let lines = headers
            .get_all(name)
            .iter()
            .map(|line| line.to_str().ok())
            .collect::<Option<Vec<_>>>()?;
        let mut leftmost = None;
        for hop in lines.iter().rev().flat_map(|line| line.rsplit(',')) {
            let ip = hop_address(hop)?.to_canonical();
            if !self.proxies.contains(ip) {
                return Some(ip);
            }
            leftmost = Some(ip);
        }
        leftmost
    }
}

/// The address in one element of `Forwarded` (RFC 7239): its `for=` parameter, quoted or not.
fn forwarded_for(element: &str) -> Option<IpAddr> {
    let node = element.split(';').find_map(|pair| {
        let (name, value) = pair.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("for")
            .then_some(value.trim())
    })?;
    let node = node
        .strip_prefix('"')
        .and_then(|quoted| quoted.strip_suffix('"'))
        .unwrap_or(node);
    address(node)
}

/// An address, with or without a port: `192.0.2.1`, `192.0.2.1:4711`, `2001:db8::1`,
/// `[2001:db8::1]` or `[2001:db8::1]:4711`.
fn address(text: &str) -> Option<IpAddr> {
    let text = text.trim();
    text.parse::<IpAddr>()
        .or_else(|_| text.parse::<SocketAddr>().map(|socket| socket.ip()))
        .ok()
        .or_else(|| {
            let bracketed = text.strip_prefix('[')?.strip_suffix(']')?;
            bracketed.parse::<Ipv6Addr>().ok().map(IpAddr::V6)
        })
}

/// The bucket `client` draws from: its own address, or its IPv6 /64.
pub fn bucket_key(client: IpAddr) -> IpAddr {
    match client {
        IpAddr::V4(_) => client,
        IpAddr::V6(v6) => {
            let network = u128::MAX << (128 - IPV6_CLIENT_PREFIX);
            IpAddr::V6(Ipv6Addr::from(u128::from(v6) & network))
        }
    }
}

/// Refuses a request with 429 and `Retry-After` when its client is over the limit.
pub async fn limit(
    State(limiter): State<Arc<RateLimiter>>,
    request: Request,
    next: Next,
) -> Result<Response, ApiError> {
    match limiter.take(limiter.client(&request)) {
        Ok(()) => Ok(next.run(request).await),
        Err(wait) => Err(ApiError::RateLimited {
            retry_after: wait.as_secs() + 1,
        }),
    }
}

#[cfg(test)]
mod tests {
    use governor::clock::FakeRelativeClock;

    use super::*;

    #[test]
    fn a_client_over_the_limit_waits_and_others_do_not() {
        let clock = FakeRelativeClock::default();
        let limiter = RateLimiter::with_clock(2, TrustedProxies::default(), clock.clone());
        let (a, b) = (IpAddr::from([10, 0, 0, 1]), IpAddr::from([10, 0, 0, 2]));
        assert!(limiter.take(a).is_ok());
        assert!(limiter.take(a).is_ok());
        let wait = limiter.take(a).unwrap_err();
        assert!(
            wait > Duration::from_secs(29) && wait <= Duration::from_secs(30),
            "{wait:?}"
        );
        assert!(limiter.take(b).is_ok());
        clock.advance(Duration::from_secs(30));
        assert!(limiter.take(a).is_ok());
    }

    #[test]
    fn zero_means_no_limit() {
        let limiter = RateLimiter::new(0, TrustedProxies::default());
        assert!((0..1000).all(|_| limiter.take(IpAddr::from([10, 0, 0, 1])).is_ok()));
    }

    #[test]
    fn forwarded_nodes_are_read_quoted_or_not_with_or_without_a_port() {
        let v6 = IpAddr::from([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
        let v4 = IpAddr::from([192, 0, 2, 60]);
        assert_eq!(forwarded_for("for=192.0.2.60;proto=http"), Some(v4));
        assert_eq!(forwarded_for(" For=\"192.0.2.60:4711\""), Some(v4));
        assert_eq!(forwarded_for("for=\"[2001:db8::1]:4711\""), Some(v6));
        assert_eq!(forwarded_for("proto=https;for=\"[2001:db8::1]\""), Some(v6));
        assert_eq!(forwarded_for("for=unknown"), None);
        assert_eq!(forwarded_for("for=_hidden"), None);
        assert_eq!(forwarded_for("by=192.0.2.60"), None);
    }

    #[test]
    fn many_clients_back_to_a_full_bucket_are_forgotten() {
        let clock = FakeRelativeClock::default();
        let limiter = RateLimiter::with_clock(60, TrustedProxies::default(), clock.clone());
        let buckets = limiter.buckets.as_ref().unwrap();
        for n in 0..u32::try_from(MAX_CLIENTS).unwrap() {
            limiter.take(IpAddr::from(n.to_be_bytes())).unwrap();
        }
        assert_eq!(buckets.len(), MAX_CLIENTS);
        clock.advance(Duration::from_secs(2));
        limiter.take(IpAddr::from([10, 0, 0, 1])).unwrap();
        assert_eq!(buckets.len(), 1);
    }
}
