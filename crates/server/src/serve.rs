//! Serves the router on a listener with the limits a public server needs: a deadline for each
//! request's headers, a limit on pauses in a request body, idle connections closed, and a cap
//! on the connections open at once. Stopping finishes the requests in flight, and tells the
//! responses that never finish by themselves (event streams) to end: see [`Stopping`].

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::{pin, Pin};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{ready, Context, Poll};
use std::time::Duration;

use axum::extract::{ConnectInfo, Request};
use axum::serve::Listener;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, OwnedSemaphorePermit, Semaphore};
use tokio::time::{Instant, Sleep};
use tower::ServiceExt;
use tower_http::timeout::RequestBodyTimeoutLayer;

/// How long clients may take, and how many may be connected at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// How long a client has to send a request's headers, from when the server starts waiting
    /// for them (on a kept-alive connection, from the end of the previous response).
    pub header_timeout: Duration,
    /// The longest pause allowed while a client sends a request body.
    pub body_timeout: Duration,
    /// How long a connection stays open with no request being handled and nothing sent either
    /// way.
    pub idle_timeout: Duration,
    /// How many connections may be open at once; any more wait to be accepted.
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            header_timeout: Duration::from_secs(30),
            body_timeout: Duration::from_secs(30),
            idle_timeout: Duration::from_secs(15),
            max_connections: 1024,
        }
    }
}

/// Resolves once the server is stopping; every request [`serve`] hands on carries one, so a
/// response that streams until told otherwise lets the server stop.
#[derive(Clone)]
pub struct Stopping(watch::Receiver<bool>);

impl Stopping {
    /// Waits until the server stops accepting requests.
    pub async fn wait(&mut self) {
        // The sender lives until the server stops: an error means it has.
        let _ = self.0.wait_for(|stopping| *stopping).await;
    }
}

/// Serves `router` on `listener` within `limits` until `shutdown` resolves, then stops
/// accepting and returns once the requests in flight are answered. Each request carries its
/// client's [`ConnectInfo<SocketAddr>`] and a [`Stopping`].
pub async fn serve(
    mut listener: TcpListener,
    router: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    let router = router.layer(RequestBodyTimeoutLayer::new(limits.body_timeout));
    let open = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    let (stop, stopping) = watch::channel(false);
    let stopping = Stopping(stopping);
    let mut shutdown = pin!(shutdown);
    loop {
        let accepted = async {
            let permit = Arc::clone(&open)
                .acquire_owned()
                .await
                .expect("the semaphore is never closed");
            (permit, Listener::accept(&mut listener).await)
        };
        let (permit, (socket, client)) = tokio::select! {
            accepted = accepted => accepted,
            () = &mut shutdown => break,
        };
        let connection = (client, stopping.clone(), permit);
        spawn(socket, connection, router.clone(), &limits, &graceful);
    }
    drop(listener);
    stop.send_replace(true);
    graceful.shutdown().await;
}

/// One accepted connection's client, the server's [`Stopping`], and the connection's place
/// among the open ones.
type Connection = (SocketAddr, Stopping, OwnedSemaphorePermit);

/// Serves one client's connection, HTTP/1.1 within the limits, until it closes; its place
/// among the open connections is given back then.
fn spawn(
    socket: TcpStream,
    connection: Connection,
    router: Router,
    limits: &Limits,
    graceful: &GracefulShutdown,
) {
    let (client, stopping, permit) = connection;
    let handling = Arc::new(AtomicUsize::new(0));
    let io = IdleClose::new(socket, limits.idle_timeout, Arc::clone(&handling));
    let service = router
        .map_request(move |mut request: Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(client));
            request.extensions_mut().insert(stopping.clone());
            request
        })
        .map_future(move |response| {
            let busy = Busy::start(&handling);
            async move {
                let response = response.await;
                drop(busy);
                response
            }
        });
    let connection = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .serve_connection(TokioIo::new(io), TowerToHyperService::new(service));
    let connection = graceful.watch(connection);
    tokio::spawn(async move {
        if let Err(error) = connection.await {
            tracing::debug!(%client, %error, "connection closed");
        }
        drop(permit);
    });
}

/// Counts a request as being handled for as long as it lives.
struct Busy(Arc<AtomicUsize>);

impl Busy {
    fn start(handling: &Arc<AtomicUsize>) -> Busy {
        handling.fetch_add(1, Ordering::SeqCst);
        Busy(Arc::clone(handling))
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A socket that fails its reads once nothing has been read or written for `idle` while no
/// request on it is being handled, so that the connection closes.
struct IdleClose<T> {
    inner: T,
    idle: Duration,
    deadline: Pin<Box<Sleep>>,
    handling: Arc<AtomicUsize>,
}

impl<T> IdleClose<T> {
    fn new(inner: T, idle: Duration, handling: Arc<AtomicUsize>) -> IdleClose<T> {
        IdleClose {
            inner,
            idle,
            deadline: Box::pin(tokio::time::sleep(idle)),
            handling,
        }
    }

    /// Something was read or written: the idle time starts again.
    fn active(&mut self) {
        let later = Instant::now() + self.idle;
        self.deadline.as_mut().reset(later);
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for IdleClose<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_read(cx, buf) {
            Poll::Pending => {
                let idle = this.handling.load(Ordering::SeqCst) == 0;
                if idle && this.deadline.as_mut().poll(cx).is_ready() {
                    return Poll::Ready(Err(io::Error::new(
                        io::ErrorKind::TimedOut,
                        "the connection was idle too long",
                    )));
                }
                Poll::Pending
            }
            read => {
                this.active();
                read
            }
        }
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for IdleClose<T> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let written = ready!(Pin::new(&mut this.inner).poll_write(cx, buf));
        this.active();
        Poll::Ready(written)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}
