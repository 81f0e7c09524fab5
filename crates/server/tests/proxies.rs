//! The rate limit behind load balancers: whose bucket a request draws from, by the address it
//! comes from and, from a trusted proxy only, the client the proxy names.

mod common;

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use common::Server;
use signpost_server::config::{Config, TrustedProxies};

/// A server allowing one confirmation a minute per client, behind the proxies `trusted` names.
async fn server_behind(trusted: &[&str]) -> Server {
    common::server_with(Config {
        rate_limit_per_minute: 1,
        trusted_proxies: TrustedProxies::new(trusted).unwrap(),
        ..Config::default()
    })
    .await
}

/// Whether a confirmation from the socket address `peer`, with `headers`, is refused for the
/// rate limit. (The confirmation itself is empty: the limit is passed or not before it is read.)
async fn limited(s: &Server, peer: &str, headers: &[(&str, &str)]) -> bool {
    let peer: SocketAddr = peer.parse().unwrap();
    let mut request = Request::post("/api/actions").header("content-type", "application/json");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut request = request.body(Body::from("{}")).unwrap();
    request.extensions_mut().insert(ConnectInfo(peer));
    s.send(request).await.status == StatusCode::TOO_MANY_REQUESTS
}

const PROXY: &str = "10.0.0.1:50000";

#[tokio::test]
async fn two_clients_behind_a_trusted_proxy_get_a_bucket_each() {
    let s = server_behind(&["10.0.0.1"]).await;
    let ada = [("x-forwarded-for", "192.0.2.1")];
    let grace = [("x-forwarded-for", "192.0.2.2")];
    assert!(!limited(&s, PROXY, &ada).await);
    assert!(limited(&s, PROXY, &ada).await);
    assert!(!limited(&s, PROXY, &grace).await);
}

#[tokio::test]
async fn an_untrusted_peer_sending_x_forwarded_for_is_still_keyed_by_its_socket() {
    let s = server_behind(&["10.0.0.1"]).await;
    let peer = "203.0.113.5:40000";
    assert!(!limited(&s, peer, &[("x-forwarded-for", "192.0.2.1")]).await);
    assert!(limited(&s, peer, &[("x-forwarded-for", "192.0.2.2")]).await);
    // Its bucket is the one a trusted proxy forwarding it draws from.
    assert!(limited(&s, PROXY, &[("x-forwarded-for", "203.0.113.5")]).await);
}

#[tokio::test]
async fn the_right_most_untrusted_address_is_used_when_the_chain_holds_several_proxies() {
    let s = server_behind(&["10.0.0.0/24"]).await;
    // What the client claims comes first; each proxy appends whom it heard from.
    let chain = [("x-forwarded-for", "198.51.100.7, 192.0.2.1, 10.0.0.2")];
    assert!(!limited(&s, PROXY, &chain).await);
    // Another claim, another second proxy, and the chain over two header lines: the same client.
    let split = [
        ("x-forwarded-for", "198.51.100.8"),
        ("x-forwarded-for", "192.0.2.1,10.0.0.3"),
    ];
    assert!(limited(&s, PROXY, &split).await);
    let other = [("x-forwarded-for", "192.0.2.1, 192.0.2.2, 10.0.0.2")];
    assert!(!limited(&s, PROXY, &other).await);
}

#[tokio::test]
async fn forwarded_is_read_and_preferred_to_x_forwarded_for() {
    let s = server_behind(&["10.0.0.1"]).await;
    let first = [
        (
            "forwarded",
            "for=198.51.100.1, for=\"[2001:db8::1]:4711\";proto=https;by=10.0.0.1",
        ),
        ("x-forwarded-for", "192.0.2.1"),
    ];
    assert!(!limited(&s, PROXY, &first).await);
    let again = [
        ("forwarded", "For=\"[2001:db8::1]\""),
        ("x-forwarded-for", "192.0.2.2"),
    ];
    assert!(limited(&s, PROXY, &again).await);
    assert!(!limited(&s, PROXY, &[("forwarded", "for=192.0.2.1")]).await);
}

#[tokio::test]
async fn a_forwarding_header_that_does_not_parse_counts_against_the_proxy_itself() {
    let s = server_behind(&["10.0.0.1"]).await;
    assert!(!limited(&s, PROXY, &[("forwarded", "for=192.0.2.1")]).await);
    assert!(!limited(&s, PROXY, &[("forwarded", "for=unknown")]).await);
    assert!(limited(&s, PROXY, &[("x-forwarded-for", "not an address")]).await);
}

#[tokio::test]
async fn two_ipv6_addresses_in_one_64_share_a_bucket_and_in_different_64s_do_not() {
    let s = server_behind(&["10.0.0.1"]).await;
    assert!(!limited(&s, "[2001:db8:0:1::1]:40000", &[]).await);
    assert!(limited(&s, "[2001:db8:0:1:ffff::2]:40000", &[]).await);
    assert!(!limited(&s, "[2001:db8:0:2::1]:40000", &[]).await);
    // The same for clients a proxy names.
    assert!(limited(&s, PROXY, &[("x-forwarded-for", "2001:db8:0:2::3")]).await);
    assert!(!limited(&s, PROXY, &[("x-forwarded-for", "2001:db8:0:3::3")]).await);
}
