//! Text that could break storage or deceive an administrator: control characters anywhere,
//! invisible and direction-changing characters in names, and card numbers however disguised.
//! Each is refused with a 422 that names the field, and nothing is stored.

mod common;

use axum::http::StatusCode;
use serde_json::{json, Value};

use common::{join_version, server};

fn confirmation(name: &str, note: Option<&str>) -> String {
    let mut body = json!({
        "flow": "join",
        "version": join_version(),
        "answers": ["join", "not_received"],
        "name": name,
        "email": "ada@example.edu",
    });
    if let Some(note) = note {
        body["note"] = Value::from(note);
    }
    body.to_string()
}

async fn refused(name: &str, note: Option<&str>) -> String {
    let s = server().await;
    let key = uuid::Uuid::new_v4().to_string();
    let (status, body) = s.post(Some(&key), confirmation(name, note)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "invalid_contact");
    assert!(s.rows().await.is_empty());
    body["error"]["message"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_nul_in_the_note_is_refused_naming_the_note() {
    let message = refused("Ada Lovelace", Some("see\u{0}attached")).await;
    assert!(
        message.contains("invisible character from your note"),
        "{message}"
    );
}

#[tokio::test]
async fn a_note_keeps_its_line_breaks_and_tabs() {
    let s = server().await;
    let key = uuid::Uuid::new_v4().to_string();
    let body = confirmation("Ada Lovelace", Some("first line\r\n\tsecond line"));
    let (status, reply) = s.post(Some(&key), body).await;
    assert_eq!(status, StatusCode::CREATED, "{reply}");
}

#[tokio::test]
async fn a_control_character_in_a_name_is_named_as_such_not_as_length() {
    let message = refused("Ada\u{1b}[31m", None).await;
    assert!(
        message.contains("invisible character from your name"),
        "{message}"
    );
    assert!(!message.contains("shorten"), "{message}");
}

#[tokio::test]
async fn a_name_that_reverses_or_hides_part_of_itself_is_refused() {
    for name in [
        "Ada \u{202E}nalA",
        "Ada\u{200B}Lovelace",
        "\u{2066}Ada\u{2069}",
    ] {
        let message = refused(name, None).await;
        assert!(
            message.contains("invisible character"),
            "{name:?}: {message}"
        );
    }
}

#[tokio::test]
async fn a_card_number_disguised_in_the_note_is_refused() {
    for note in [
        "4111.1111.1111.1111",
        "４１１１ １１１１ １１１１ １１１１",
        "room 5 4111 1111 1111 1111",
    ] {
        let message = refused("Ada Lovelace", Some(note)).await;
        assert!(message.contains("card number"), "{note}: {message}");
    }
}

#[tokio::test]
async fn an_administrators_name_with_an_invisible_character_is_refused() {
    let s = server().await;
    let reference = s
        .confirm(&["join", "not_received"], "Ada Lovelace", "ada@example.edu")
        .await;
    let uri = format!("/api/admin/actions/{reference}");
    let reply = s
        .admin(
            "PATCH",
            &uri,
            Some(json!({ "status": "in_progress", "by": "Sam\u{200D}Admin" })),
        )
        .await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.text
    );
    assert!(reply.json["error"]["message"]
        .as_str()
        .unwrap()
        .contains("invisible character"));
}

#[tokio::test]
async fn a_nul_in_the_flow_or_its_version_is_refused_as_unknown_not_a_server_error() {
    let s = server().await;
    for (flow, version) in [
        ("jo\u{0}in", join_version()),
        ("join", "ab\u{0}cd".to_owned()),
    ] {
        let mut body: Value = serde_json::from_str(&confirmation("Ada Lovelace", None)).unwrap();
        body["flow"] = Value::from(flow);
        body["version"] = Value::from(version);
        let key = uuid::Uuid::new_v4().to_string();
        let (status, reply) = s.post(Some(&key), body.to_string()).await;
        // An unknown flow (422) or an unknown version of a live one (409), as without the NUL.
        assert!(
            [StatusCode::UNPROCESSABLE_ENTITY, StatusCode::CONFLICT].contains(&status),
            "{status} {reply}"
        );
        assert!(reply["error"]["code"].is_string(), "{reply}");
    }
    assert!(s.rows().await.is_empty());
}
