//! `GET /api/openapi.json`: an OpenAPI 3 document that describes every route the router has.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::Value;

/// Every route `app()` in crates/server/src/lib.rs registers, as (path in OpenAPI's `{param}`
/// form, methods). This list must follow lib.rs: add a route there, add it here too, and the
/// test then checks the document describes it.
const ROUTES: &[(&str, &[&str])] = &[
    ("/api/admin/actions", &["get"]),
    ("/api/admin/actions/{reference}", &["get", "patch"]),
    ("/api/admin/actions.csv", &["get"]),
    ("/api/admin/stats", &["get"]),
    ("/api/admin/funnel", &["get"]),
    ("/api/admin/flows", &["get"]),
    ("/api/admin/flows/reload", &["post"]),
    ("/api/actions", &["post"]),
    ("/api/actions/check", &["post"]),
    ("/api/events", &["post"]),
    ("/api/config", &["get"]),
    ("/api/flows", &["get"]),
    ("/api/flows/{id}", &["get"]),
    ("/healthz", &["get"]),
    ("/metrics", &["get"]),
    ("/api/openapi.json", &["get"]),
];

/// The paths behind the administrator token.
const ADMIN_PREFIX: &str = "/api/admin/";

async fn document() -> Value {
    let server = common::server().await;
    let reply = server
        .send(
            Request::get("/api/openapi.json")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let content_type = reply.headers["content-type"].to_str().unwrap();
    assert!(
        content_type.starts_with("application/json"),
        "{content_type}"
    );
    assert!(reply.json.is_object(), "not JSON: {}", reply.text);
    reply.json
}

#[tokio::test]
async fn the_document_is_openapi_3() {
    let doc = document().await;
    let version = doc["openapi"].as_str().expect("an openapi version");
    assert!(version.starts_with("3."), "{version}");
    assert!(doc["info"]["title"].is_string());
}

#[tokio::test]
async fn every_route_of_the_app_is_described_with_its_methods() {
    let doc = document().await;
    let paths = doc["paths"].as_object().expect("paths");
    for (path, methods) in ROUTES {
        let item = paths
            .get(*path)
            .unwrap_or_else(|| panic!("{path} is missing"));
        for method in *methods {
            let operation = &item[*method];
            assert!(operation.is_object(), "{method} {path} is missing");
            assert!(
                operation["responses"]
                    .as_object()
                    .is_some_and(|r| !r.is_empty()),
                "{method} {path} has no responses"
            );
        }
    }
    // Nothing described that the router does not serve.
    for (path, item) in paths {
        let methods = ROUTES
            .iter()
            .find(|(p, _)| p == path)
            .unwrap_or_else(|| panic!("{path} is described but not routed"))
            .1;
        for method in item.as_object().unwrap().keys() {
            if [
                "get", "put", "post", "delete", "patch", "head", "options", "trace",
            ]
            .contains(&method.as_str())
            {
                assert!(
                    methods.contains(&method.as_str()),
                    "{method} {path} is not routed"
                );
            }
        }
    }
}

#[tokio::test]
async fn the_described_routes_are_served() {
    // Each listed route answers something other than the app's fallback page, so the list
    // (and with it the document) matches the router.
    let server = common::server().await;
    for (path, methods) in ROUTES {
        let uri = path
            .replace("{reference}", "NOSUCHREF")
            .replace("{id}", "nosuchflow");
        for method in *methods {
            let request = Request::builder()
                .method(method.to_uppercase().as_str())
                .uri(&uri)
                .body(Body::empty())
                .unwrap();
            let reply = server.send(request).await;
            assert!(
                !reply.text.contains(common::INLINE_SCRIPT),
                "{method} {path} fell through to the app"
            );
            assert_ne!(
                reply.status,
                StatusCode::METHOD_NOT_ALLOWED,
                "{method} {path}"
            );
        }
    }
}

#[tokio::test]
async fn the_admin_routes_require_the_bearer_scheme() {
    let doc = document().await;
    let schemes = doc["components"]["securitySchemes"]
        .as_object()
        .expect("security schemes");
    let bearer = schemes
        .iter()
        .find(|(_, s)| {
            s["type"] == "http"
                && s["scheme"]
                    .as_str()
                    .is_some_and(|s| s.eq_ignore_ascii_case("bearer"))
        })
        .map(|(name, _)| name.clone())
        .expect("a bearer scheme");
    let mut admin_operations = 0;
    for (path, methods) in ROUTES {
        for method in *methods {
            let operation = &doc["paths"][*path][*method];
            let security = operation["security"].as_array();
            let requires_bearer =
                security.is_some_and(|s| s.iter().any(|req| req.get(&bearer).is_some()));
            if path.starts_with(ADMIN_PREFIX) {
                admin_operations += 1;
                assert!(requires_bearer, "{method} {path} does not require {bearer}");
                assert!(
                    operation["responses"]["401"].is_object(),
                    "{method} {path} has no 401"
                );
            } else {
                assert!(!requires_bearer, "{method} {path} should be open");
            }
        }
    }
    assert_eq!(admin_operations, 8);
    assert!(
        doc["security"].is_null(),
        "no scheme applies to the whole API"
    );
}

#[tokio::test]
async fn confirming_an_action_is_described() {
    let doc = document().await;
    let create = &doc["paths"]["/api/actions"]["post"];
    let header = create["parameters"]
        .as_array()
        .expect("parameters")
        .iter()
        .find(|p| p["in"] == "header")
        .expect("a header parameter");
    assert!(header["name"]
        .as_str()
        .unwrap()
        .eq_ignore_ascii_case("idempotency-key"));
    assert_eq!(header["required"], true);
    assert_eq!(
        create["requestBody"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/ActionRequest"
    );
    assert_eq!(
        create["responses"]["201"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/ActionReceipt"
    );
    for status in ["400", "409", "413", "415", "422", "429"] {
        assert_eq!(
            create["responses"][status]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/ErrorBody",
            "{status}"
        );
    }
}

#[tokio::test]
async fn the_action_request_schema_has_its_fields_and_no_secret() {
    let doc = document().await;
    let schema = &doc["components"]["schemas"]["ActionRequest"];
    let required: Vec<&str> = schema["required"]
        .as_array()
        .expect("required fields")
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    for field in ["flow", "version", "answers", "name", "email"] {
        assert!(
            required.contains(&field),
            "{field} is not required: {required:?}"
        );
    }
    assert!(!required.contains(&"note"));
    let properties = schema["properties"].as_object().expect("properties");
    assert!(properties.contains_key("note"));
    for name in properties.keys() {
        let lower = name.to_lowercase();
        for secret in [
            "password", "passwd", "pass", "otp", "code", "card", "cvv", "cvc", "pin", "secret",
        ] {
            assert!(!lower.contains(secret), "{name} reads like a secret");
        }
    }
}

#[tokio::test]
async fn the_schemas_describe_the_api_types() {
    let doc = document().await;
    let schemas = &doc["components"]["schemas"];
    let error = &schemas["ErrorBody"];
    assert_eq!(
        error["properties"]["error"]["$ref"],
        "#/components/schemas/ErrorDetail"
    );
    let detail = &schemas["ErrorDetail"];
    assert_eq!(detail["required"], serde_json::json!(["code", "message"]));
    let status: Vec<&str> = schemas["Status"]["enum"]
        .as_array()
        .expect("status values")
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(status, ["new", "in_progress", "done", "dismissed"]);
    for name in [
        "ActionPage",
        "ActionSummary",
        "ActionDetail",
        "StatusChange",
        "Stats",
        "Count",
        "Organisation",
        "ActionCheck",
    ] {
        assert!(schemas[name].is_object(), "{name} is missing");
    }

    let list = &doc["paths"]["/api/admin/actions"]["get"];
    let query: Vec<&str> = list["parameters"]
        .as_array()
        .expect("query parameters")
        .iter()
        .filter(|p| p["in"] == "query")
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for name in [
        "flow", "action", "status", "from", "to", "q", "page", "per_page",
    ] {
        assert!(query.contains(&name), "{name} is missing: {query:?}");
    }
    assert_eq!(
        list["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/ActionPage"
    );
    let one = &doc["paths"]["/api/admin/actions/{reference}"];
    assert_eq!(
        one["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/ActionDetail"
    );
    assert_eq!(
        one["patch"]["requestBody"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/StatusChange"
    );
    assert_eq!(
        one["patch"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/ActionSummary"
    );
    assert!(
        doc["paths"]["/api/admin/actions.csv"]["get"]["responses"]["200"]["content"]["text/csv"]
            .is_object()
    );
    let stats = &doc["paths"]["/api/admin/stats"]["get"];
    let query: Vec<&str> = stats["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(query, ["from", "to"]);
    assert_eq!(
        stats["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/Stats"
    );
    let config = &doc["paths"]["/api/config"]["get"];
    assert_eq!(
        config["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/Organisation"
    );
}
