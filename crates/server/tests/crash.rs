//! The real server binary, killed with SIGKILL again and again while clients confirm actions:
//! every action a client was told about (a 201 with a reference) must be in the database
//! exactly once, and retrying with the same Idempotency-Key must give the same reference.
//! The database is SQLite or PostgreSQL, as for every test (see `common`).

mod common;

use std::collections::{HashMap, HashSet};
use std::fs::OpenOptions;
use std::net::TcpListener as StdListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::TestDb;
use serde_json::{json, Value};
use signpost_server::Catalogue;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// How many distinct actions the clients confirm.
const ACTIONS: usize = 3000;
/// How many confirmations are sent at once.
const CLIENTS: usize = 16;
/// The server is killed when this share of the actions has been acknowledged, once for each.
const KILL_AT: [f64; 4] = [0.15, 0.35, 0.55, 0.75];
/// How long a client waits before trying an unanswered action again.
const RETRY_PAUSE: Duration = Duration::from_millis(20);
/// Nothing in this test should take near this long; it bounds every wait so a fault fails
/// the test instead of hanging it.
const PATIENCE: Duration = Duration::from_secs(30);

/// The server binary on a fixed port and database, started, killed and restarted by the test.
struct Server {
    port: u16,
    db: TestDb,
    dir: tempfile::TempDir,
    child: Option<Child>,
}

impl Server {
    async fn new() -> Server {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("dist")).unwrap();
        Server {
            port: free_port(),
            db: TestDb::new().await,
            dir,
            child: None,
        }
    }

    fn log(&self) -> PathBuf {
        self.dir.path().join("server.log")
    }

    /// Starts the server and waits until it answers `/healthz`.
    async fn start(&mut self) {
        assert!(self.child.is_none(), "the server is already running");
        let log = OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.log())
            .unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_signpost-server"))
            .env_clear()
            .env("SIGNPOST_ADDR", format!("127.0.0.1:{}", self.port))
            .env("DATABASE_URL", &self.db.url)
            .env("SIGNPOST_DIST", self.dir.path().join("dist"))
            // The test is one client sending thousands of confirmations: no rate limit.
            .env("SIGNPOST_RATE_LIMIT", "0")
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap();
        self.child = Some(child);
        let deadline = Instant::now() + PATIENCE;
        loop {
            let mut conn = None;
            if let Ok((200, _)) = request(&mut conn, self.port, "GET", "/healthz", None).await {
                return;
            }
            if let Some(status) = self.child.as_mut().unwrap().try_wait().unwrap() {
                panic!(
                    "the server stopped at start ({status}):\n{}",
                    self.log_text()
                );
            }
            assert!(
                Instant::now() < deadline,
                "the server did not answer within {PATIENCE:?}:\n{}",
                self.log_text()
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// Kills the server with SIGKILL: no shutdown, no flush, whatever it was doing.
    fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().unwrap();
            child.wait().unwrap();
        }
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(self.log()).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A port nothing listens on, outside the range the kernel picks client ports from, so no
/// client socket of this test (reconnecting while the server is down) can take it.
fn free_port() -> u16 {
    let range = std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range")
        .unwrap_or_else(|_| "32768 60999".into());
    let low: u16 = range
        .split_whitespace()
        .next()
        .and_then(|l| l.parse().ok())
        .unwrap_or(32768);
    let (from, to) = if low > 12_000 {
        (10_000, low - 1)
    } else {
        (61_000, 65_000)
    };
    for _ in 0..200 {
        let port = from + (uuid::Uuid::new_v4().as_u128() % u128::from(to - from)) as u16;
        if StdListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
    panic!("no free port between {from} and {to}");
}

/// One HTTP/1.1 request on a kept-alive connection (made if `conn` holds none), and the
/// response's status and body. Any error leaves `conn` empty, so the next request reconnects.
async fn request(
    conn: &mut Option<BufReader<TcpStream>>,
    port: u16,
    method: &str,
    path: &str,
    post: Option<(&str, &str)>,
) -> std::io::Result<(u16, Vec<u8>)> {
    let exchange = async {
        if conn.is_none() {
            *conn = Some(BufReader::new(
                TcpStream::connect(("127.0.0.1", port)).await?,
            ));
        }
        let stream = conn.as_mut().unwrap();
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n");
        let body = match post {
            Some((key, body)) => {
                head += &format!(
                    "Content-Type: application/json\r\nIdempotency-Key: {key}\r\nContent-Length: {}\r\n",
                    body.len()
                );
                body
            }
            None => "",
        };
        head += "\r\n";
        stream
            .get_mut()
            .write_all(format!("{head}{body}").as_bytes())
            .await?;
        read_response(stream).await
    };
    match tokio::time::timeout(PATIENCE, exchange).await {
        Ok(Ok((status, body, keep_alive))) => {
            if !keep_alive {
                *conn = None;
            }
            Ok((status, body))
        }
        Ok(Err(e)) => {
            *conn = None;
            Err(e)
        }
        Err(_) => {
            *conn = None;
            Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "no answer",
            ))
        }
    }
}

/// Reads one response: its status, its body, and whether the connection stays open.
async fn read_response(stream: &mut BufReader<TcpStream>) -> std::io::Result<(u16, Vec<u8>, bool)> {
    let broken = |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_owned());
    let mut line = String::new();
    if stream.read_line(&mut line).await? == 0 {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    let status: u16 = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| broken("no status line"))?;
    let (mut length, mut chunked, mut keep_alive) = (None, false, true);
    loop {
        line.clear();
        if stream.read_line(&mut line).await? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':').ok_or_else(|| broken("bad header"))?;
        let value = value.trim().to_ascii_lowercase();
        match name.to_ascii_lowercase().as_str() {
            "content-length" => length = Some(value.parse().map_err(|_| broken("bad length"))?),
            "transfer-encoding" => chunked = value.contains("chunked"),
            "connection" => keep_alive = !value.contains("close"),
            _ => {}
        }
    }
    let mut body = Vec::new();
    if chunked {
        loop {
            line.clear();
            stream.read_line(&mut line).await?;
            let size = usize::from_str_radix(line.trim().split(';').next().unwrap_or(""), 16)
                .map_err(|_| broken("bad chunk size"))?;
            let start = body.len();
            body.resize(start + size + 2, 0);
            stream.read_exact(&mut body[start..]).await?;
            body.truncate(start + size);
            if size == 0 {
                break;
            }
        }
    } else {
        body.resize(length.unwrap_or(0), 0);
        stream.read_exact(&mut body).await?;
    }
    Ok((status, body, keep_alive))
}

/// One confirmation: its key and its body, both the same on every try.
struct Confirmation {
    key: String,
    body: String,
}

fn confirmations(count: usize) -> Vec<Confirmation> {
    let catalogue = Catalogue::shipped();
    let version = catalogue.get("join").unwrap().version().as_str();
    (0..count)
        .map(|i| Confirmation {
            key: uuid::Uuid::new_v4().to_string(),
            body: json!({
                "flow": "join",
                "version": version,
                "answers": ["join", "not_received"],
                "name": format!("Person {i}"),
                "email": format!("person{i}@example.edu"),
            })
            .to_string(),
        })
        .collect()
}

/// What the clients saw.
#[derive(Default)]
struct Progress {
    acknowledged: AtomicUsize,
    retries: AtomicUsize,
}

/// Sends one confirmation until the server acknowledges it (201), with the same key and body
/// each time; a refused connection, a dropped one, or a 5xx is tried again after a pause.
/// Returns the reference. Any other answer fails the test: a retry must never be refused.
async fn confirm(
    conn: &mut Option<BufReader<TcpStream>>,
    port: u16,
    confirmation: &Confirmation,
    progress: &Progress,
) -> String {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let post = Some((confirmation.key.as_str(), confirmation.body.as_str()));
        match request(conn, port, "POST", "/api/actions", post).await {
            Ok((201, body)) => {
                let receipt: Value = serde_json::from_slice(&body).unwrap();
                return receipt["reference"].as_str().unwrap().to_owned();
            }
            Ok((status, _)) if status >= 500 => {}
            Ok((status, body)) => panic!(
                "key {} was answered {status}: {}",
                confirmation.key,
                String::from_utf8_lossy(&body)
            ),
            Err(_) => {}
        }
        progress.retries.fetch_add(1, Ordering::Relaxed);
        assert!(
            Instant::now() < deadline,
            "key {} was not acknowledged within {PATIENCE:?}",
            confirmation.key
        );
        tokio::time::sleep(RETRY_PAUSE).await;
    }
}

/// The `actions` table: idempotency key to reference, one entry per row.
async fn stored(db: &TestDb) -> (usize, HashMap<String, String>) {
    let pool = db.pool().await;
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT idempotency_key, reference FROM actions")
            .fetch_all(&pool)
            .await
            .unwrap();
    pool.close().await;
    let count = rows.len();
    (count, rows.into_iter().collect())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_acknowledged_action_survives_kill_9_exactly_once() {
    let mut server = Server::new().await;
    server.start().await;
    let port = server.port;
    let all = Arc::new(confirmations(ACTIONS));
    let progress = Arc::new(Progress::default());
    let next = Arc::new(AtomicUsize::new(0));

    // The clients: each takes the next confirmation until none is left.
    let clients: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (all, progress, next) = (all.clone(), progress.clone(), next.clone());
            tokio::spawn(async move {
                let mut conn = None;
                let mut acknowledged = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(confirmation) = all.get(i) else {
                        return acknowledged;
                    };
                    let reference = confirm(&mut conn, port, confirmation, &progress).await;
                    progress.acknowledged.fetch_add(1, Ordering::Relaxed);
                    acknowledged.push((i, reference));
                }
            })
        })
        .collect();

    // Meanwhile: kill the server at each mark, while the clients are still sending, and start
    // it again on the same port and database.
    let mut kills = Vec::new();
    for share in KILL_AT {
        let mark = (ACTIONS as f64 * share) as usize;
        let deadline = Instant::now() + PATIENCE;
        while progress.acknowledged.load(Ordering::Relaxed) < mark {
            assert!(
                Instant::now() < deadline,
                "the clients stopped at {} acknowledged:\n{}",
                progress.acknowledged.load(Ordering::Relaxed),
                server.log_text()
            );
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        server.kill();
        kills.push(progress.acknowledged.load(Ordering::Relaxed));
        // Long enough for the clients to meet a closed port, not only broken connections.
        tokio::time::sleep(Duration::from_millis(50)).await;
        server.start().await;
    }

    let mut acknowledged: HashMap<String, String> = HashMap::new();
    for client in clients {
        for (i, reference) in client.await.unwrap() {
            acknowledged.insert(all[i].key.clone(), reference);
        }
    }
    assert_eq!(acknowledged.len(), ACTIONS);
    assert!(
        kills.iter().all(|&at| at < ACTIONS),
        "every kill came while actions were still being sent: {kills:?}"
    );
    let retries = progress.retries.load(Ordering::Relaxed);
    assert!(
        retries >= kills.len(),
        "each kill interrupted some request ({retries} retries for {} kills)",
        kills.len()
    );

    // Every acknowledged reference is stored, once, under its key, and nothing else is.
    let (rows, by_key) = stored(&server.db).await;
    assert_eq!(rows, ACTIONS, "one row per distinct key");
    assert_eq!(by_key.len(), ACTIONS);
    let references: HashSet<&String> = by_key.values().collect();
    assert_eq!(references.len(), ACTIONS, "references are distinct");
    for (key, reference) in &acknowledged {
        assert_eq!(by_key.get(key), Some(reference), "key {key}");
    }

    // Sending acknowledged confirmations again answers with the same reference and stores
    // nothing.
    let mut conn = None;
    for confirmation in all.iter().step_by(ACTIONS / 60) {
        let reference = confirm(&mut conn, port, confirmation, &progress).await;
        assert_eq!(reference, acknowledged[&confirmation.key]);
    }
    let (rows, _) = stored(&server.db).await;
    assert_eq!(rows, ACTIONS, "a repeated confirmation adds no row");
    server.kill();
    eprintln!(
        "{ACTIONS} actions, killed at {kills:?} acknowledged, {retries} retries; log:\n{}",
        server.log_text()
    );
}
