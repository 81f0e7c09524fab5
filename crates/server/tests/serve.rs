//! The server on a real socket, against slow and idle clients: each kind is closed within its
//! timeout while others are still answered, and connections past the cap wait their turn.

mod common;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use signpost_server::serve::{serve, Limits};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

/// Time allowed past a timeout for the server to act on it.
const MARGIN: Duration = Duration::from_millis(1500);
/// How many slow clients of each kind connect at once.
const SLOW_CLIENTS: usize = 50;

/// A server on 127.0.0.1 within `limits`, stopped when dropped.
struct Running {
    addr: SocketAddr,
    _stop: oneshot::Sender<()>,
    _server: common::Server,
}

async fn start(limits: Limits) -> Running {
    let server = common::server().await;
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let router = server.router.clone();
    tokio::spawn(serve(listener, router, limits, async {
        let _ = stopped.await;
    }));
    Running {
        addr,
        _stop: stop,
        _server: server,
    }
}

/// Limits with every timeout long, for a test to shorten the one it is about.
fn patient() -> Limits {
    Limits {
        header_timeout: Duration::from_secs(60),
        body_timeout: Duration::from_secs(60),
        idle_timeout: Duration::from_secs(60),
        max_connections: 1024,
    }
}

/// Reads until the server closes the socket; `None` if it is still open after `within`.
async fn closed_within(socket: &mut TcpStream, within: Duration) -> Option<Duration> {
    let start = Instant::now();
    let mut buf = [0u8; 1024];
    tokio::time::timeout(within, async {
        while let Ok(n) = socket.read(&mut buf).await {
            if n == 0 {
                break;
            }
        }
    })
    .await
    .ok()
    .map(|()| start.elapsed())
}

/// `GET path` on a socket of its own; the status line, or `None` after `within`.
async fn status_of(addr: SocketAddr, path: &str, within: Duration) -> Option<String> {
    let mut socket = TcpStream::connect(addr).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
    socket.write_all(request.as_bytes()).await.unwrap();
    answer(&mut socket, within).await
}

/// The status line of the answer on `socket`, or `None` after `within`.
async fn answer(socket: &mut TcpStream, within: Duration) -> Option<String> {
    let mut text = Vec::new();
    let read = tokio::time::timeout(within, socket.read_to_end(&mut text)).await;
    read.ok()?.ok()?;
    let text = String::from_utf8_lossy(&text);
    Some(text.lines().next().unwrap_or_default().to_owned())
}

#[tokio::test]
async fn sockets_that_send_half_a_request_line_or_trickle_headers_are_closed_in_time() {
    let header_timeout = Duration::from_secs(2);
    let running = start(Limits {
        header_timeout,
        ..patient()
    })
    .await;
    let addr = running.addr;
    let half_lines = (0..SLOW_CLIENTS).map(|_| {
        tokio::spawn(async move {
            let mut socket = TcpStream::connect(addr).await.unwrap();
            socket.write_all(b"GET /heal").await.unwrap();
            closed_within(&mut socket, header_timeout + MARGIN).await
        })
    });
    let half_lines: Vec<_> = half_lines.collect();
    let tricklers: Vec<_> = (0..SLOW_CLIENTS)
        .map(|_| {
            tokio::spawn(async move {
                let mut socket = TcpStream::connect(addr).await.unwrap();
                let start = Instant::now();
                let request = b"GET /healthz HTTP/1.1\r\nHost: test\r\nX-Slow: ";
                for byte in request.iter().chain(std::iter::repeat(&b'a')) {
                    if socket.write_all(&[*byte]).await.is_err() {
                        return Some(start.elapsed());
                    }
                    if closed_within(&mut socket, Duration::from_secs(1))
                        .await
                        .is_some()
                    {
                        return Some(start.elapsed());
                    }
                    if start.elapsed() > header_timeout + MARGIN {
                        return None;
                    }
                }
                unreachable!("the request never ends")
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let health = status_of(addr, "/healthz", Duration::from_secs(1)).await;
    assert_eq!(health.as_deref(), Some("HTTP/1.1 200 OK"));
    for (kind, clients) in [
        ("half a request line", half_lines),
        ("trickling", tricklers),
    ] {
        let mut times = Vec::new();
        for client in clients {
            times.push(client.await.unwrap());
        }
        let open = times.iter().filter(|t| t.is_none()).count();
        let slowest = times.iter().flatten().max();
        println!(
            "{kind}: {} of {SLOW_CLIENTS} closed, the last after {slowest:?}",
            SLOW_CLIENTS - open
        );
        assert_eq!(open, 0, "{kind}: {open} sockets still open");
    }
}

#[tokio::test]
async fn a_kept_alive_connection_with_nothing_to_do_is_closed() {
    let idle_timeout = Duration::from_secs(1);
    let running = start(Limits {
        idle_timeout,
        ..patient()
    })
    .await;
    let mut socket = TcpStream::connect(running.addr).await.unwrap();
    socket
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n")
        .await
        .unwrap();
    let closed = closed_within(&mut socket, idle_timeout + MARGIN).await;
    assert!(closed.is_some(), "the idle connection is still open");
}

#[tokio::test]
async fn a_body_that_stops_coming_is_given_up_on() {
    let body_timeout = Duration::from_secs(1);
    let running = start(Limits {
        body_timeout,
        ..patient()
    })
    .await;
    let mut socket = TcpStream::connect(running.addr).await.unwrap();
    let request = "POST /api/actions/check HTTP/1.1\r\nHost: test\r\n\
                   Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"flow\":";
    socket.write_all(request.as_bytes()).await.unwrap();
    let status = answer(&mut socket, body_timeout + MARGIN).await;
    let status = status.expect("no answer while the body stalled");
    assert!(status.starts_with("HTTP/1.1 4"), "{status}");
}

#[tokio::test]
async fn connections_past_the_cap_wait_until_one_closes() {
    let running = start(Limits {
        max_connections: 2,
        ..patient()
    })
    .await;
    let first = TcpStream::connect(running.addr).await.unwrap();
    let _second = TcpStream::connect(running.addr).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut third = TcpStream::connect(running.addr).await.unwrap();
    third
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let waiting = answer(&mut third, Duration::from_millis(700)).await;
    assert_eq!(
        waiting, None,
        "the third connection was served past the cap"
    );
    drop(first);
    let served = answer(&mut third, Duration::from_secs(2)).await;
    assert_eq!(served.as_deref(), Some("HTTP/1.1 200 OK"));
}

#[tokio::test]
async fn stopping_lets_the_server_return() {
    let server = common::server().await;
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let serving = tokio::spawn(serve(listener, server.router.clone(), patient(), async {
        let _ = stopped.await;
    }));
    let health = status_of(addr, "/healthz", Duration::from_secs(2)).await;
    assert_eq!(health.as_deref(), Some("HTTP/1.1 200 OK"));
    stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(2), serving)
        .await
        .expect("the server did not stop")
        .unwrap();
}
