//! The administrators' API: only with a token; the queue, one action, status changes, the CSV
//! export and the counts.

mod common;

use axum::http::StatusCode;
use common::{server_of_requests, server_on, server_with, ADMIN_TOKEN, PRIME_BEFORE_2019};
use serde_json::json;
use signpost_server::config::Config;
use sqlx::Row;

const SEPARATE: [&str; 7] = [
    "join", "received", "used", "ordinary", "yes", "personal", "none",
];
const NOT_RECEIVED: [&str; 2] = ["join", "not_received"];

#[tokio::test]
async fn without_a_valid_token_every_admin_route_is_unauthorized() {
    let (s, _flows) = server_of_requests().await;
    for uri in [
        "/api/admin/actions",
        "/api/admin/actions/ABCDE-FGHJK",
        "/api/admin/actions.csv",
        "/api/admin/stats",
        "/api/admin/feedback?flow=join",
    ] {
        for token in [None, Some("wrong-token-0123456789")] {
            let reply = s.with_token(token, "GET", uri, None).await;
            assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{uri} {token:?}");
            assert_eq!(reply.json["error"]["code"], "unauthorized");
            assert_eq!(reply.headers["www-authenticate"], "Bearer");
        }
    }
}

#[tokio::test]
async fn with_no_token_configured_the_admin_api_stays_closed() {
    let s = server_with(Config::default()).await;
    let reply = s
        .with_token(Some(""), "GET", "/api/admin/actions", None)
        .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert!(reply.json["error"]["message"]
        .as_str()
        .unwrap()
        .contains("no administrator token is configured"));
}

#[tokio::test]
async fn the_queue_lists_newest_first_with_filters_and_pages() {
    let (s, _flows) = server_of_requests().await;
    let first = s
        .confirm(&SEPARATE, "Ada Lovelace", "ada@example.edu")
        .await;
    let second = s
        .confirm(
            &["join", "not_received"],
            "Grace Hopper",
            "grace@example.edu",
        )
        .await;
    let third = s
        .confirm(&PRIME_BEFORE_2019, "Alan Turing", "alan@example.edu")
        .await;

    let all = s.admin("GET", "/api/admin/actions", None).await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.text);
    let references: Vec<&str> = all.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["reference"].as_str().unwrap())
        .collect();
    assert_eq!(
        references,
        [third.as_str(), second.as_str(), first.as_str()]
    );
    assert_eq!(all.json["total"], 3);
    assert_eq!(
        all.json["items"][0]["flags"],
        json!(["prime_purchasing_card_before_2019_04"])
    );
    assert_eq!(all.json["items"][0]["status"], "new");

    let by_action = s
        .admin("GET", "/api/admin/actions?action=request_invitation", None)
        .await;
    assert_eq!(by_action.json["total"], 1);
    assert_eq!(by_action.json["items"][0]["reference"], second.as_str());

    let by_text = s.admin("GET", "/api/admin/actions?q=LOVELACE", None).await;
    assert_eq!(by_text.json["items"][0]["reference"], first.as_str());
    let by_email = s.admin("GET", "/api/admin/actions?q=alan%40", None).await;
    assert_eq!(by_email.json["total"], 1);
    let wildcard = s.admin("GET", "/api/admin/actions?q=%25", None).await;
    assert_eq!(
        wildcard.json["total"], 0,
        "a % in the search is text, not a wildcard"
    );

    let page_two = s
        .admin("GET", "/api/admin/actions?per_page=2&page=2", None)
        .await;
    assert_eq!(page_two.json["items"].as_array().unwrap().len(), 1);
    assert_eq!(page_two.json["items"][0]["reference"], first.as_str());
    assert_eq!(page_two.json["total"], 3);

    let today = time::OffsetDateTime::now_utc().date();
    let in_range = s
        .admin(
            "GET",
            &format!("/api/admin/actions?from={today}&to={today}"),
            None,
        )
        .await;
    assert_eq!(in_range.json["total"], 3);
    let tomorrow = today.next_day().unwrap();
    let later = s
        .admin("GET", &format!("/api/admin/actions?from={tomorrow}"), None)
        .await;
    assert_eq!(later.json["total"], 0);
    let bad_date = s
        .admin("GET", "/api/admin/actions?from=yesterday", None)
        .await;
    assert_eq!(bad_date.status, StatusCode::UNPROCESSABLE_ENTITY);
    let unknown = s.admin("GET", "/api/admin/actions?colour=red", None).await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert_eq!(unknown.json["error"]["code"], "invalid_query");
}

#[tokio::test]
async fn one_action_shows_the_questions_and_answers_in_the_persons_words() {
    let (s, _flows) = server_of_requests().await;
    let reference = s
        .confirm(&PRIME_BEFORE_2019, "Alan Turing", "alan@example.edu")
        .await;
    let reply = s
        .admin("GET", &format!("/api/admin/actions/{reference}"), None)
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let answered = reply.json["answered"].as_array().unwrap();
    assert_eq!(answered.len(), PRIME_BEFORE_2019.len());
    assert_eq!(answered[0]["question"], "What do you need help with?");
    assert_eq!(
        answered[0]["answer"],
        "Joining Example University's Amazon Business account"
    );
    assert_eq!(answered[7]["answer"], "Before April 2019");
    assert_eq!(reply.json["flow_version"], s.version("join").await);
    assert_eq!(reply.json["answers"], json!(PRIME_BEFORE_2019));

    let missing = s.admin("GET", "/api/admin/actions/NOPE0-NOPE0", None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_status_change_is_stored_with_who_and_when() {
    let (s, _flows) = server_of_requests().await;
    let reference = s
        .confirm(&SEPARATE, "Ada Lovelace", "ada@example.edu")
        .await;
    let uri = format!("/api/admin/actions/{reference}");
    let reply = s
        .admin(
            "PATCH",
            &uri,
            Some(json!({ "status": "in_progress", "by": "Sam Admin" })),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.json["status"], "in_progress");
    assert_eq!(reply.json["status_changed_by"], "Sam Admin");

    let row = &s.rows().await[0];
    assert_eq!(row.get::<String, _>("status"), "in_progress");
    assert_eq!(row.get::<String, _>("status_changed_by"), "Sam Admin");
    assert!(row.get::<Option<String>, _>("status_changed_at").is_some());

    let filtered = s
        .admin("GET", "/api/admin/actions?status=in_progress", None)
        .await;
    assert_eq!(filtered.json["total"], 1);

    let bad = s
        .admin(
            "PATCH",
            &uri,
            Some(json!({ "status": "archived", "by": "Sam" })),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let nobody = s
        .admin("PATCH", &uri, Some(json!({ "status": "done", "by": "  " })))
        .await;
    assert_eq!(nobody.status, StatusCode::UNPROCESSABLE_ENTITY);
    let missing = s
        .admin(
            "PATCH",
            "/api/admin/actions/NOPE0-NOPE0",
            Some(json!({ "status": "done", "by": "Sam" })),
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_export_is_csv_of_the_filtered_queue() {
    let (s, _flows) = server_of_requests().await;
    s.confirm(&SEPARATE, "=HYPERLINK(\"x\"), Ada", "ada@example.edu")
        .await;
    s.confirm(
        &["join", "not_received"],
        "Grace Hopper",
        "grace@example.edu",
    )
    .await;

    let reply = s.admin("GET", "/api/admin/actions.csv", None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.headers["content-type"], "text/csv; charset=utf-8");
    let lines: Vec<&str> = reply.text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0].starts_with("reference,created_at,flow,"));
    assert!(lines[1].contains(",request_invitation,"));
    assert!(
        lines[2].contains("\"'=HYPERLINK(\"\"x\"\"), Ada\""),
        "{}",
        lines[2]
    );

    let filtered = s
        .admin(
            "GET",
            "/api/admin/actions.csv?action=separate_accounts",
            None,
        )
        .await;
    assert_eq!(
        filtered
            .text
            .split("\r\n")
            .filter(|l| !l.is_empty())
            .count(),
        2
    );
}

/// `text` as a query parameter's value: every byte percent-encoded.
fn query_value(text: &str) -> String {
    text.bytes().map(|b| format!("%{b:02X}")).collect()
}

/// The references the queue lists for the search `q`.
async fn found(s: &common::Server, q: &str) -> Vec<String> {
    let uri = format!("/api/admin/actions?q={}", query_value(q));
    let reply = s.admin("GET", &uri, None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    reply.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["reference"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_search_finds_names_and_emails_whatever_their_case_or_accents() {
    let (s, _flows) = server_of_requests().await;
    let angela = s.confirm(&SEPARATE, "Ángela Núñez", "an@example.edu").await;
    let jose = s
        .confirm(&SEPARATE, "José MÜLLER", "josé.m@example.edu")
        .await;
    let ada = s
        .confirm(&SEPARATE, "Ada Lovelace", "ada@example.edu")
        .await;
    for (q, expected) in [
        ("Ángela", &angela),
        ("angela", &angela),
        ("ÁNGELA", &angela),
        ("nunez", &angela),
        ("jose", &jose),
        ("JOSÉ", &jose),
        ("muller", &jose),
        ("Müller", &jose),
        ("JOSE.M@", &jose),
        ("LOVELACE", &ada),
    ] {
        assert_eq!(found(&s, q).await, [expected.as_str()], "q={q}");
    }
}

#[tokio::test]
async fn actions_stored_before_search_was_folded_are_found_once_the_server_restarts() {
    let (s, _flows) = server_of_requests().await;
    let angela = s.confirm(&SEPARATE, "Ángela Núñez", "an@example.edu").await;
    // As a row stored before the search columns existed: nothing folded yet.
    sqlx::query("UPDATE actions SET name_search = NULL, email_search = NULL")
        .execute(&s.db.pool().await)
        .await
        .unwrap();
    assert!(found(&s, "angela").await.is_empty());

    let config = Config {
        admin_tokens: vec![ADMIN_TOKEN.into()],
        ..Config::default()
    };
    let restarted = server_on(s.db.clone(), config).await;
    assert_eq!(found(&restarted, "angela").await, [angela.as_str()]);
    assert_eq!(found(&restarted, "AN@").await, [angela.as_str()]);
}

#[tokio::test]
async fn exported_cells_with_control_characters_or_formulas_come_out_defused_and_parseable() {
    let (s, _flows) = server_of_requests().await;
    let escaped = s
        .confirm(&SEPARATE, "Ada Lovelace", "ada@example.edu")
        .await;
    // Stored before control characters were refused in names.
    sqlx::query("UPDATE actions SET name = $1 WHERE reference = $2")
        .bind("Ada\nLovelace\u{1b}[8m\r")
        .bind(&escaped)
        .execute(&s.db.pool().await)
        .await
        .unwrap();
    let body = json!({
        "flow": "join", "version": s.version("join").await, "answers": SEPARATE,
        "name": "@SUM(1+1)", "email": "grace@example.edu", "note": "=1+1\nsecond line\tand a tab",
    });
    let key = uuid::Uuid::new_v4().to_string();
    let (status, reply) = s.post(Some(&key), body.to_string()).await;
    assert_eq!(status, StatusCode::CREATED, "{reply}");
    let formula = reply["reference"].as_str().unwrap().to_owned();

    let reply = s.admin("GET", "/api/admin/actions.csv", None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.headers["content-disposition"],
        "attachment; filename=\"signpost-actions.csv\""
    );
    let text = &reply.text;
    assert!(
        !text.replace("\r\n", "").contains(['\r', '\n']),
        "only CRLF ends lines: {text:?}"
    );
    assert_eq!(text.split_terminator("\r\n").count(), 3, "{text:?}");

    let mut csv = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        csv.headers().unwrap(),
        vec![
            "reference",
            "created_at",
            "flow",
            "flow_version",
            "outcome",
            "action",
            "flags",
            "status",
            "status_changed_by",
            "status_changed_at",
            "name",
            "email",
            "note",
            "answers",
        ]
    );
    let records: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    let row = |reference: &str| {
        records
            .iter()
            .find(|record| &record[0] == reference)
            .unwrap_or_else(|| panic!("{reference} is not in {text:?}"))
    };
    assert_eq!(&row(&escaped)[10], "Ada\\nLovelace\\u{1b}[8m\\r");
    assert_eq!(&row(&formula)[10], "'@SUM(1+1)");
    assert_eq!(&row(&formula)[12], "'=1+1\\nsecond line\\tand a tab");
}

#[tokio::test]
async fn counts_are_given_per_flow_outcome_and_action() {
    let (s, _flows) = server_of_requests().await;
    s.confirm(&SEPARATE, "Ada Lovelace", "ada@example.edu")
        .await;
    s.confirm(&SEPARATE, "Alan Turing", "alan@example.edu")
        .await;
    s.confirm(
        &["join", "not_received"],
        "Grace Hopper",
        "grace@example.edu",
    )
    .await;

    let reply = s.admin("GET", "/api/admin/stats", None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(
        reply.json["by_flow"],
        json!([{ "flow": null, "key": "join", "count": 3 }])
    );
    assert_eq!(
        reply.json["by_outcome"][0],
        json!({ "flow": "join", "key": "separate", "count": 2 })
    );
    assert_eq!(
        reply.json["by_action"][1],
        json!({ "flow": null, "key": "request_invitation", "count": 1 })
    );
    let tomorrow = time::OffsetDateTime::now_utc().date().next_day().unwrap();
    let none = s
        .admin("GET", &format!("/api/admin/stats?from={tomorrow}"), None)
        .await;
    assert_eq!(none.json["by_flow"], json!([]));
}

/// Whether the queue marks each of `references` as a possible duplicate, and whether one
/// action's own page says the same.
async fn marked(s: &common::Server, references: &[&str]) -> Vec<bool> {
    let queue = s.admin("GET", "/api/admin/actions", None).await;
    assert_eq!(queue.status, StatusCode::OK, "{}", queue.text);
    let mut marks = Vec::new();
    for reference in references {
        let item = queue.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["reference"] == *reference)
            .unwrap_or_else(|| panic!("{reference} is not listed"));
        let detail = s
            .admin("GET", &format!("/api/admin/actions/{reference}"), None)
            .await;
        assert_eq!(
            detail.json["possible_duplicate"], item["possible_duplicate"],
            "{reference}"
        );
        marks.push(item["possible_duplicate"].as_bool().unwrap());
    }
    marks
}

#[tokio::test]
async fn open_requests_with_the_same_email_and_action_this_month_are_possible_duplicates() {
    let (s, _flows) = server_of_requests().await;
    let first = s
        .confirm(&NOT_RECEIVED, "Ada Lovelace", "ada@example.edu")
        .await;
    let again = s
        .confirm(&NOT_RECEIVED, "Ada King", "ADA@Example.edu")
        .await;
    let other_action = s.confirm(&SEPARATE, "Ada", "ada@example.edu").await;
    let someone_else = s
        .confirm(&NOT_RECEIVED, "Grace Hopper", "grace@example.edu")
        .await;
    assert_eq!(
        marked(&s, &[&first, &again, &other_action, &someone_else]).await,
        [true, true, false, false]
    );
    // Starting work on one keeps it open.
    let start = json!({ "status": "in_progress", "by": "Sam Admin" });
    let uri = format!("/api/admin/actions/{first}");
    s.admin("PATCH", &uri, Some(start)).await;
    assert_eq!(marked(&s, &[&first, &again]).await, [true, true]);
}

#[tokio::test]
async fn a_closed_or_older_request_makes_no_possible_duplicate() {
    let (s, _flows) = server_of_requests().await;
    for closed in ["done", "dismissed"] {
        let earlier = s
            .confirm(&NOT_RECEIVED, "Ada Lovelace", "ada@example.edu")
            .await;
        let change = json!({ "status": closed, "by": "Sam Admin" });
        let uri = format!("/api/admin/actions/{earlier}");
        let reply = s.admin("PATCH", &uri, Some(change)).await;
        assert_eq!(reply.json["possible_duplicate"], false, "{closed}");
    }
    let old = s
        .confirm(&NOT_RECEIVED, "Ada Lovelace", "ada@example.edu")
        .await;
    let long_ago = time::OffsetDateTime::now_utc() - time::Duration::days(31);
    let long_ago = long_ago
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    sqlx::query("UPDATE actions SET created_at = $1 WHERE reference = $2")
        .bind(&long_ago)
        .bind(&old)
        .execute(&s.db.pool().await)
        .await
        .unwrap();
    let latest = s
        .confirm(&NOT_RECEIVED, "Ada Lovelace", "ada@example.edu")
        .await;
    assert_eq!(marked(&s, &[&old, &latest]).await, [false, false]);
}
