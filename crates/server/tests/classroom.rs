//! Classroom rooms: a trainer opens a room, moves it and polls it; attendees follow it as
//! server-sent events and answer. On SQLite, and on PostgreSQL when it is configured, where
//! two instances share the rooms too.

mod common;

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{server_on, server_with, Reply, Server, TestDb, POSTGRES_VAR};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use signpost_server::config::{Classroom, Config};
use signpost_server::serve::{serve, Limits};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tower::ServiceExt;

/// How long a test waits for an event that should come.
const PATIENCE: Duration = Duration::from_secs(5);

/// A room just opened on the join flow.
struct Opened {
    code: String,
    token: String,
    room: Value,
}

async fn open(server: &Server) -> Opened {
    let reply = send(
        server,
        "POST",
        "/api/rooms",
        None,
        Some(json!({ "flow": "join" })),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    Opened {
        code: reply.json["code"].as_str().unwrap().to_owned(),
        token: reply.json["trainer_token"].as_str().unwrap().to_owned(),
        room: reply.json["room"].clone(),
    }
}

/// A request with a JSON body if given and a bearer token if given.
async fn send(
    server: &Server,
    method: &str,
    uri: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> Reply {
    server.with_token(token, method, uri, body).await
}

/// A trainer's request to the room.
async fn lead(server: &Server, room: &Opened, what: &str, body: Value) -> Reply {
    let uri = format!("/api/rooms/{}/{what}", room.code);
    send(server, "POST", &uri, Some(&room.token), Some(body)).await
}

async fn answer(server: &Server, code: &str, attendee: &str, node: &str, choice: &str) -> Reply {
    let body = json!({ "attendee": attendee, "node": node, "choice": choice });
    let uri = format!("/api/rooms/{code}/answers");
    send(server, "POST", &uri, None, Some(body)).await
}

fn code_of(reply: &Reply) -> &str {
    reply.json["error"]["code"].as_str().unwrap_or_default()
}

/// An open event stream, read frame by frame.
struct Events {
    body: Body,
    buffer: String,
}

impl Events {
    /// The next `state` event's data; none once the stream has ended.
    async fn next(&mut self) -> Option<Value> {
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let frame: String = self.buffer.drain(..end + 2).collect();
                let mut event = None;
                let mut data = String::new();
                for line in frame.lines() {
                    if let Some(name) = line.strip_prefix("event:") {
                        event = Some(name.trim().to_owned());
                    } else if let Some(text) = line.strip_prefix("data:") {
                        data.push_str(text.trim_start());
                    }
                }
                if event.as_deref() == Some("state") {
                    return Some(serde_json::from_str(&data).unwrap());
                }
                continue;
            }
            let frame = tokio::time::timeout(PATIENCE, self.body.frame())
                .await
                .expect("no event came in time")?
                .unwrap();
            if let Ok(bytes) = frame.into_data() {
                self.buffer.push_str(&String::from_utf8_lossy(&bytes));
            }
        }
    }

    /// The next state whose `field` is `value`, skipping those before it.
    async fn until(&mut self, field: &str, value: Value) -> Value {
        loop {
            let state = self.next().await.expect("the stream ended");
            if state[field] == value {
                return state;
            }
        }
    }
}

/// Opens the room's event stream, as `attendee` if given: the status, and the events if 200.
async fn follow(server: &Server, code: &str, attendee: Option<&str>) -> (Reply, Option<Events>) {
    let uri = match attendee {
        Some(id) => format!("/api/rooms/{code}/events?attendee={id}"),
        None => format!("/api/rooms/{code}/events"),
    };
    let request = Request::get(uri).body(Body::empty()).unwrap();
    let response = server.router.clone().oneshot(request).await.unwrap();
    if response.status() == StatusCode::OK {
        let reply = Reply {
            status: response.status(),
            headers: response.headers().clone(),
            text: String::new(),
            json: Value::Null,
        };
        let events = Events {
            body: response.into_body(),
            buffer: String::new(),
        };
        return (reply, Some(events));
    }
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let reply = Reply {
        status,
        headers,
        text: String::from_utf8_lossy(&bytes).into_owned(),
        json: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    };
    (reply, None)
}

async fn attend(server: &Server, code: &str, attendee: Option<&str>) -> Events {
    let (reply, events) = follow(server, code, attendee).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.headers["content-type"], "text/event-stream");
    events.unwrap()
}

fn config() -> Config {
    Config {
        admin_tokens: vec![common::ADMIN_TOKEN.into()],
        ..Config::default()
    }
}

#[tokio::test]
async fn a_new_room_stands_at_the_flows_start_and_says_where_to_join() {
    let server = server_with(config()).await;
    let room = open(&server).await;
    assert_eq!(room.code.len(), 6);
    assert!(room.token.len() >= 32, "{}", room.token);
    assert_eq!(room.room["code"], room.code.as_str());
    assert_eq!(room.room["seq"], 1);
    assert_eq!(room.room["flow"], "join");
    assert_eq!(room.room["version"], common::join_version());
    assert_eq!(room.room["answers"], json!([]));
    assert_eq!(room.room["attendees"], 0);
    assert_eq!(room.room["ended"], false);
    assert!(room.room.get("poll").is_none(), "{}", room.room);
    let lower = send(
        &server,
        "GET",
        &format!("/api/rooms/{}", room.code.to_lowercase()),
        None,
        None,
    )
    .await;
    assert_eq!(lower.status, StatusCode::OK, "{}", lower.text);
    assert_eq!(lower.json, room.room);
    // As a person may type it off the screen: in two halves.
    let (left, right) = room.code.split_at(3);
    let typed = send(
        &server,
        "GET",
        &format!("/api/rooms/{left}%20{right}"),
        None,
        None,
    )
    .await;
    assert_eq!(typed.status, StatusCode::OK, "{}", typed.text);
    let dashed = send(
        &server,
        "GET",
        &format!("/api/rooms/{left}-{right}"),
        None,
        None,
    )
    .await;
    assert_eq!(dashed.status, StatusCode::OK, "{}", dashed.text);

    let unknown = send(
        &server,
        "POST",
        "/api/rooms",
        None,
        Some(json!({ "flow": "nope" })),
    )
    .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(code_of(&unknown), "unknown_flow");
}

#[tokio::test]
async fn the_join_link_is_the_public_url_or_the_requests_host_and_its_qr_code_is_an_svg() {
    let public = server_with(Config {
        public_url: Some("https://signpost.example.edu/".into()),
        ..config()
    })
    .await;
    let reply = send(
        &public,
        "POST",
        "/api/rooms",
        None,
        Some(json!({ "flow": "join" })),
    )
    .await;
    let code = reply.json["code"].as_str().unwrap();
    assert_eq!(
        reply.json["link"],
        format!("https://signpost.example.edu/?room={code}")
    );

    let server = server_with(config()).await;
    let request = Request::post("/api/rooms")
        .header("host", "10.0.0.5:8080")
        .header("content-type", "application/json")
        .body(Body::from(json!({ "flow": "join" }).to_string()))
        .unwrap();
    let reply = server.send(request).await;
    let code = reply.json["code"].as_str().unwrap();
    assert_eq!(
        reply.json["link"],
        format!("http://10.0.0.5:8080/?room={code}")
    );

    let qr = send(
        &server,
        "GET",
        &format!("/api/rooms/{code}/qr.svg"),
        None,
        None,
    )
    .await;
    assert_eq!(qr.status, StatusCode::OK);
    assert_eq!(qr.headers["content-type"], "image/svg+xml");
    assert_eq!(qr.headers["cache-control"], "no-store");
    assert!(qr.text.contains("<svg"), "{}", qr.text);
}

#[tokio::test]
async fn attendees_follow_the_trainers_moves_and_are_counted_while_connected() {
    let server = server_with(config()).await;
    let room = open(&server).await;
    let mut trainer = attend(&server, &room.code, None).await;
    assert_eq!(trainer.next().await.unwrap()["attendees"], 0);

    let mut ada = attend(&server, &room.code, Some("attendee-ada")).await;
    let first = ada.next().await.unwrap();
    assert_eq!(first["attendees"], 1);
    assert_eq!(first["answers"], json!([]));
    assert_eq!(
        trainer.until("attendees", json!(1)).await["code"],
        room.code.as_str()
    );

    // A second tab of the same attendee does not count twice.
    let mut again = attend(&server, &room.code, Some("attendee-ada")).await;
    assert_eq!(again.next().await.unwrap()["attendees"], 1);
    let mut bob = attend(&server, &room.code, Some("attendee-bob")).await;
    assert_eq!(bob.next().await.unwrap()["attendees"], 2);

    let version = common::join_version();
    let moved = lead(
        &server,
        &room,
        "moves",
        json!({ "flow": "join", "version": version, "answers": ["join"] }),
    )
    .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text);
    assert_eq!(moved.json["answers"], json!(["join"]));
    let seen = ada.until("answers", json!(["join"])).await;
    assert_eq!(seen["seq"], moved.json["seq"]);
    bob.until("answers", json!(["join"])).await;

    // The trainer may open another flow.
    let other = server.version("recover_access").await;
    let moved = lead(
        &server,
        &room,
        "moves",
        json!({ "flow": "recover_access", "version": other, "answers": [] }),
    )
    .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text);
    assert_eq!(
        ada.until("flow", json!("recover_access")).await["answers"],
        json!([])
    );

    drop(bob);
    assert_eq!(
        trainer.until("attendees", json!(1)).await["flow"],
        "recover_access"
    );
    drop(ada);
    // Ada's other tab is still open.
    let state = send(
        &server,
        "GET",
        &format!("/api/rooms/{}", room.code),
        None,
        None,
    )
    .await;
    assert_eq!(state.json["attendees"], 1);
    drop(again);
    trainer.until("attendees", json!(0)).await;
}

#[tokio::test]
async fn a_reconnecting_stream_gets_only_what_is_newer_than_its_last_event() {
    let server = server_with(config()).await;
    let room = open(&server).await;
    let request = |last: u64| {
        Request::get(format!("/api/rooms/{}/events", room.code))
            .header("last-event-id", last.to_string())
            .body(Body::empty())
            .unwrap()
    };
    let response = server.router.clone().oneshot(request(1)).await.unwrap();
    let mut events = Events {
        body: response.into_body(),
        buffer: String::new(),
    };
    let version = common::join_version();
    lead(
        &server,
        &room,
        "moves",
        json!({ "flow": "join", "version": version, "answers": ["join"] }),
    )
    .await;
    // The first event is the move, not the state the client had.
    assert_eq!(events.next().await.unwrap()["answers"], json!(["join"]));
}

#[tokio::test]
async fn only_the_trainer_moves_the_room_along_walks_that_fit() {
    let server = server_with(config()).await;
    let room = open(&server).await;
    let version = common::join_version();
    let walk = json!({ "flow": "join", "version": version, "answers": ["join"] });
    let uri = format!("/api/rooms/{}/moves", room.code);

    let none = send(&server, "POST", &uri, None, Some(walk.clone())).await;
    assert_eq!(none.status, StatusCode::UNAUTHORIZED);
    let wrong = send(
        &server,
        "POST",
        &uri,
        Some("0123456789abcdef0123456789abcdef"),
        Some(walk.clone()),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    assert_eq!(code_of(&wrong), "not_the_trainer");
    let other = open(&server).await;
    let theirs = send(
        &server,
        "POST",
        &uri,
        Some(&other.token),
        Some(walk.clone()),
    )
    .await;
    assert_eq!(theirs.status, StatusCode::FORBIDDEN);

    let invalid = lead(
        &server,
        &room,
        "moves",
        json!({ "flow": "join", "version": version, "answers": ["nope"] }),
    )
    .await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(code_of(&invalid), "invalid_answers");
    let unknown = lead(
        &server,
        &room,
        "moves",
        json!({ "flow": "nope", "version": "1", "answers": [] }),
    )
    .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(code_of(&unknown), "unknown_flow");

    let moved = lead(&server, &room, "moves", walk.clone()).await;
    assert_eq!(moved.status, StatusCode::OK);
    assert_eq!(moved.json["seq"], 2);

    let missing = send(
        &server,
        "POST",
        "/api/rooms/AAAAAA/moves",
        Some(&room.token),
        Some(walk.clone()),
    )
    .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(code_of(&missing), "no_such_room");

    let ended = send(
        &server,
        "POST",
        &format!("/api/rooms/{}/end", room.code),
        Some(&room.token),
        None,
    )
    .await;
    assert_eq!(ended.status, StatusCode::NO_CONTENT);
    let after = lead(&server, &room, "moves", walk).await;
    assert_eq!(after.status, StatusCode::GONE);
    assert_eq!(code_of(&after), "room_ended");
    let state = send(
        &server,
        "GET",
        &format!("/api/rooms/{}", room.code),
        None,
        None,
    )
    .await;
    assert_eq!(state.json["ended"], true);
    assert_eq!(state.json["seq"], 3);
}

#[tokio::test]
async fn a_hidden_poll_counts_each_attendee_once_and_shows_the_counts_when_revealed() {
    let server = server_with(config()).await;
    let room = open(&server).await;
    let version = common::join_version();

    // The room is at the start: the topic question.
    let asked = lead(&server, &room, "poll", json!({ "hidden": true })).await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.text);
    assert_eq!(
        asked.json["poll"],
        json!({ "node": "topic", "answered": 0, "revealed": false, "counts": [] })
    );

    assert_eq!(
        answer(&server, &room.code, "attendee-ada", "topic", "join")
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let twice = answer(
        &server,
        &room.code,
        "attendee-ada",
        "topic",
        "forgot_password",
    )
    .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert_eq!(code_of(&twice), "already_answered");
    let wrong = answer(&server, &room.code, "attendee-bob", "topic", "nope").await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(code_of(&wrong), "no_such_choice");
    let elsewhere = answer(
        &server,
        &room.code,
        "attendee-bob",
        "invitation",
        "received",
    )
    .await;
    assert_eq!(code_of(&elsewhere), "not_asked");
    let bad_id = answer(&server, &room.code, "short", "topic", "join").await;
    assert_eq!(bad_id.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        answer(&server, &room.code, "attendee-bob", "topic", "join")
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        answer(&server, &room.code, "attendee-cy", "topic", "who_invited")
            .await
            .status,
        StatusCode::NO_CONTENT
    );

    let state = send(
        &server,
        "GET",
        &format!("/api/rooms/{}", room.code),
        None,
        None,
    )
    .await;
    assert_eq!(
        state.json["poll"],
        json!({ "node": "topic", "answered": 3, "revealed": false, "counts": [] })
    );

    let revealed = send(
        &server,
        "POST",
        &format!("/api/rooms/{}/reveal", room.code),
        Some(&room.token),
        Some(Value::Null),
    )
    .await;
    assert_eq!(revealed.status, StatusCode::OK, "{}", revealed.text);
    let counts = json!([
        { "choice": "join", "count": 2 },
        { "choice": "forgot_password", "count": 0 },
        { "choice": "personal_use", "count": 0 },
        { "choice": "who_invited", "count": 1 },
    ]);
    assert_eq!(revealed.json["poll"]["counts"], counts);
    assert_eq!(revealed.json["poll"]["answered"], 3);

    // Asking again starts afresh, shown from the start.
    let again = lead(&server, &room, "poll", json!({})).await;
    assert_eq!(again.json["poll"]["answered"], 0);
    assert_eq!(again.json["poll"]["revealed"], true);
    assert_eq!(
        again.json["poll"]["counts"][0],
        json!({ "choice": "join", "count": 0 })
    );
    assert_eq!(
        answer(&server, &room.code, "attendee-ada", "topic", "join")
            .await
            .status,
        StatusCode::NO_CONTENT
    );

    // Moving on closes the poll; an outcome is not a question.
    let moved = lead(
        &server,
        &room,
        "moves",
        json!({ "flow": "join", "version": version, "answers": ["join", "not_received"] }),
    )
    .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text);
    assert!(moved.json.get("poll").is_none(), "{}", moved.json);
    let outcome = lead(&server, &room, "poll", json!({ "hidden": false })).await;
    assert_eq!(outcome.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(code_of(&outcome), "not_a_question");
    let nothing = send(
        &server,
        "POST",
        &format!("/api/rooms/{}/reveal", room.code),
        Some(&room.token),
        None,
    )
    .await;
    assert_eq!(code_of(&nothing), "not_asked");
    let late = answer(&server, &room.code, "attendee-bob", "topic", "join").await;
    assert_eq!(code_of(&late), "not_asked");

    send(
        &server,
        "POST",
        &format!("/api/rooms/{}/end", room.code),
        Some(&room.token),
        None,
    )
    .await;
    let ended = answer(&server, &room.code, "attendee-bob", "topic", "join").await;
    assert_eq!(ended.status, StatusCode::GONE);
}

#[tokio::test]
async fn an_address_that_tries_too_many_wrong_codes_is_refused_for_a_while() {
    let server = server_with(config()).await;
    let room = open(&server).await;
    for wrong in ["AAAAAA", "CCCCCC", "DDDDDD", "EEEEEE", "FFFFFF"] {
        let reply = send(&server, "GET", &format!("/api/rooms/{wrong}"), None, None).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND);
        assert_eq!(code_of(&reply), "no_such_room");
    }
    let refused = send(&server, "GET", "/api/rooms/GGGGGG", None, None).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(code_of(&refused), "too_many_tries");
    assert!(refused.headers.contains_key("retry-after"));
    // Even the right code, and joining or answering, until the window passes.
    let right = send(
        &server,
        "GET",
        &format!("/api/rooms/{}", room.code),
        None,
        None,
    )
    .await;
    assert_eq!(right.status, StatusCode::TOO_MANY_REQUESTS);
    let (join, _) = follow(&server, &room.code, Some("attendee-ada")).await;
    assert_eq!(join.status, StatusCode::TOO_MANY_REQUESTS);
    let answered = answer(&server, &room.code, "attendee-ada", "topic", "join").await;
    assert_eq!(answered.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn a_full_room_refuses_a_new_attendee_but_not_one_already_in_it() {
    let server = server_with(Config {
        classroom: Classroom {
            max_attendees: 2,
            ..Classroom::default()
        },
        ..config()
    })
    .await;
    let room = open(&server).await;
    let _ada = attend(&server, &room.code, Some("attendee-ada")).await;
    let _bob = attend(&server, &room.code, Some("attendee-bob")).await;
    let (cy, _) = follow(&server, &room.code, Some("attendee-cy")).await;
    assert_eq!(cy.status, StatusCode::CONFLICT);
    assert_eq!(code_of(&cy), "room_full");
    let _again = attend(&server, &room.code, Some("attendee-ada")).await;
    // The trainer's own screen is no attendee.
    let _trainer = attend(&server, &room.code, None).await;
    let (bad, _) = follow(&server, &room.code, Some("no%20spaces%20allowed")).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn ending_the_room_sends_its_final_state_and_closes_every_stream() {
    let server = server_with(config()).await;
    let room = open(&server).await;
    let mut ada = attend(&server, &room.code, Some("attendee-ada")).await;
    let mut trainer = attend(&server, &room.code, None).await;
    ada.next().await.unwrap();
    trainer.next().await.unwrap();
    let ended = send(
        &server,
        "POST",
        &format!("/api/rooms/{}/end", room.code),
        Some(&room.token),
        None,
    )
    .await;
    assert_eq!(ended.status, StatusCode::NO_CONTENT);
    for events in [&mut ada, &mut trainer] {
        assert_eq!(
            events.until("ended", json!(true)).await["code"],
            room.code.as_str()
        );
        assert!(events.next().await.is_none(), "the stream stayed open");
    }
    // An ended room's stream is its final state, then nothing.
    let mut late = attend(&server, &room.code, Some("attendee-bob")).await;
    assert_eq!(late.next().await.unwrap()["ended"], true);
    assert!(late.next().await.is_none());
}

/// A server for `server` on a real socket within `limits`, and what stops it.
async fn listen(
    server: &Server,
    limits: Limits,
) -> (
    std::net::SocketAddr,
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<()>,
) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = tokio::spawn(serve(listener, server.router.clone(), limits, async {
        let _ = stopped.await;
    }));
    (addr, stop, serving)
}

/// Opens `code`'s event stream as an attendee on a socket, and reads up to its first event.
async fn stream_on(addr: std::net::SocketAddr, code: &str) -> tokio::net::TcpStream {
    let mut socket = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request = format!(
        "GET /api/rooms/{code}/events?attendee=attendee-ada HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    );
    socket.write_all(request.as_bytes()).await.unwrap();
    let seen = read_until(&mut socket, "event: state", PATIENCE).await;
    assert!(seen.starts_with("HTTP/1.1 200 OK"), "{seen}");
    socket
}

/// What the socket sends until `wanted` is in it; panics if it closes or is silent too long.
async fn read_until(socket: &mut tokio::net::TcpStream, wanted: &str, within: Duration) -> String {
    let mut seen = String::new();
    let mut buf = [0u8; 4096];
    while !seen.contains(wanted) {
        let n = tokio::time::timeout(within, socket.read(&mut buf))
            .await
            .unwrap_or_else(|_| panic!("no {wanted:?} in time: {seen}"))
            .unwrap();
        assert!(n > 0, "closed before {wanted:?}: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    seen
}

#[tokio::test]
async fn stopping_the_server_closes_open_event_streams() {
    let server = server_with(config()).await;
    let room = open(&server).await;
    let (addr, stop, serving) = listen(&server, Limits::default()).await;
    let mut socket = stream_on(addr, &room.code).await;
    stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(3), serving)
        .await
        .expect("the server waited on the open stream")
        .unwrap();
    let mut buf = [0u8; 1024];
    let closed = tokio::time::timeout(Duration::from_secs(1), async {
        while socket.read(&mut buf).await.is_ok_and(|n| n > 0) {}
    })
    .await;
    assert!(closed.is_ok(), "the stream's connection stayed open");
}

#[tokio::test]
async fn a_quiet_stream_sends_heartbeats_so_it_is_never_closed_as_idle() {
    let limits = Limits {
        idle_timeout: Duration::from_secs(2),
        ..Limits::default()
    };
    let server = server_with(Config { limits, ..config() }).await;
    let room = open(&server).await;
    let (addr, _stop, _serving) = listen(&server, limits).await;
    let mut socket = stream_on(addr, &room.code).await;
    // Twice the idle timeout without a change: heartbeats keep the connection open.
    for _ in 0..3 {
        read_until(&mut socket, ":\n\n", limits.idle_timeout).await;
    }
    let version = common::join_version();
    lead(
        &server,
        &room,
        "moves",
        json!({ "flow": "join", "version": version, "answers": ["join"] }),
    )
    .await;
    read_until(&mut socket, "\"answers\":[\"join\"]", PATIENCE).await;
}

#[tokio::test]
async fn an_address_with_a_room_gets_the_trainers_page() {
    let server = server_with(config()).await;
    let page = send(&server, "GET", "/?room=ACD346", None, None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text.contains(common::TRAINER_INLINE_SCRIPT),
        "{}",
        page.text
    );
    let policy = page.headers["content-security-policy"].to_str().unwrap();
    let plain = send(&server, "GET", "/", None, None).await;
    assert_ne!(
        policy,
        plain.headers["content-security-policy"].to_str().unwrap()
    );
    assert!(policy.contains("img-src 'self'"), "{policy}");
}

/// Two instances on one PostgreSQL database, or none (with a note) without one.
async fn two_instances() -> Option<(Server, Server)> {
    if std::env::var(POSTGRES_VAR).is_err() {
        eprintln!("skipped: set {POSTGRES_VAR} to run the rooms across instances on PostgreSQL");
        return None;
    }
    let db = Arc::new(TestDb::new().await);
    let a = server_on(db.clone(), config()).await;
    let b = server_on(db, config()).await;
    Some((a, b))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_move_on_one_instance_reaches_an_attendee_on_another_within_a_second() {
    let Some((a, b)) = two_instances().await else {
        return;
    };
    let room = open(&a).await;
    let mut ada = attend(&b, &room.code, Some("attendee-ada")).await;
    assert_eq!(ada.next().await.unwrap()["attendees"], 1);
    // Instance A counts B's attendee.
    let state = send(&a, "GET", &format!("/api/rooms/{}", room.code), None, None).await;
    assert_eq!(state.json["attendees"], 1);
    let mut trainer = attend(&a, &room.code, None).await;
    assert_eq!(trainer.next().await.unwrap()["attendees"], 1);

    let version = common::join_version();
    let started = std::time::Instant::now();
    let moved = lead(
        &a,
        &room,
        "moves",
        json!({ "flow": "join", "version": version, "answers": ["join"] }),
    )
    .await;
    assert_eq!(moved.status, StatusCode::OK);
    ada.until("answers", json!(["join"])).await;
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );

    // A's trainer screen sees B's attendee join and leave.
    let bob = attend(&b, &room.code, Some("attendee-bob")).await;
    trainer.until("attendees", json!(2)).await;
    drop(bob);
    trainer.until("attendees", json!(1)).await;
}
