//! `GET /api/openapi.json`: an OpenAPI 3 document that describes every route the router has.
//! `app()` builds the document from its own route table, so these tests check the two agree
//! from the outside: each described operation is served, nothing else is served on a described
//! path, and the admin operations are the ones behind the token.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::Value;
use signpost_flow::contact;

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

/// Every `$ref` anywhere in `value`.
fn references(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::Object(fields) => {
            if let Some(Value::String(target)) = fields.get("$ref") {
                found.push(target.clone());
            }
            fields.values().for_each(|v| references(v, found));
        }
        Value::Array(items) => items.iter().for_each(|v| references(v, found)),
        _ => {}
    }
}

#[tokio::test]
async fn every_reference_names_a_schema_the_document_holds() {
    let doc = document().await;
    let mut found = Vec::new();
    references(&doc, &mut found);
    assert!(!found.is_empty());
    for target in found {
        let name = target
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("{target} is not a schema's"));
        assert!(
            doc["components"]["schemas"][name].is_object(),
            "{target} names no schema of the document"
        );
    }
}

/// The HTTP methods OpenAPI names in a path item.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "patch", "head", "options", "trace",
];

/// Every operation the document describes, as (path in OpenAPI's `{param}` form, method).
fn operations(doc: &Value) -> Vec<(String, String)> {
    let paths = doc["paths"].as_object().expect("paths");
    let mut operations = Vec::new();
    for (path, item) in paths {
        for method in item.as_object().expect("a path item").keys() {
            if METHODS.contains(&method.as_str()) {
                operations.push((path.clone(), method.clone()));
            }
        }
    }
    operations
}

/// `path` with each `{param}` filled with a value no action or flow has.
fn uri(path: &str) -> String {
    path.split('/')
        .map(|segment| match segment.starts_with('{') {
            true => "NOSUCHTHING",
            false => segment,
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[tokio::test]
async fn every_described_operation_is_served() {
    let doc = document().await;
    let operations = operations(&doc);
    assert!(operations.len() > 1, "{operations:?}");
    let server = common::server().await;
    for (path, method) in &operations {
        assert!(
            doc["paths"][path][method]["responses"]
                .as_object()
                .is_some_and(|r| !r.is_empty()),
            "{method} {path} has no responses"
        );
        let reply = server
            .with_token(None, &method.to_uppercase(), &uri(path), None)
            .await;
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

#[tokio::test]
async fn nothing_undescribed_is_served_on_a_described_path() {
    let doc = document().await;
    let server = common::server().await;
    for (path, item) in doc["paths"].as_object().expect("paths") {
        // HEAD is answered wherever GET is; OPTIONS and TRACE are no route's.
        for method in ["get", "put", "post", "delete", "patch"] {
            if item.get(method).is_some() {
                continue;
            }
            let reply = server.admin(&method.to_uppercase(), &uri(path), None).await;
            assert_eq!(
                reply.status,
                StatusCode::METHOD_NOT_ALLOWED,
                "{method} {path} is served but not described"
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
    let server = common::server().await;
    let mut admin_operations = 0;
    for (path, method) in operations(&doc) {
        let operation = &doc["paths"][&path][&method];
        let security = operation["security"].as_array();
        let requires_bearer =
            security.is_some_and(|s| s.iter().any(|req| req.get(&bearer).is_some()));
        // The router agrees: without a token, exactly the described admin operations refuse.
        let reply = server
            .with_token(None, &method.to_uppercase(), &uri(&path), None)
            .await;
        let refused = reply.status == StatusCode::UNAUTHORIZED;
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
        assert_eq!(
            refused, requires_bearer,
            "{method} {path} answers {} without a token",
            reply.status
        );
    }
    assert!(admin_operations > 0, "no admin operation is described");
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
    assert_eq!(header["schema"]["format"], "uuid");
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

#[tokio::test]
async fn the_schemas_refuse_what_the_server_refuses() {
    let doc = document().await;
    let schemas = &doc["components"]["schemas"];
    let request = &schemas["ActionRequest"]["properties"];
    for field in ["flow", "version", "name", "email"] {
        assert_eq!(request[field]["minLength"], 1, "{field}");
    }
    assert_eq!(request["answers"]["minItems"], 1);
    assert_eq!(request["name"]["maxLength"], contact::MAX_NAME);
    assert_eq!(request["email"]["maxLength"], contact::MAX_EMAIL);
    assert_eq!(request["note"]["maxLength"], contact::MAX_NOTE);
    let by = &schemas["StatusChange"]["properties"]["by"];
    assert_eq!(by["minLength"], 1);
    assert_eq!(by["maxLength"], 100);
    for path in ["/api/admin/actions", "/api/admin/actions.csv"] {
        let parameters = doc["paths"][path]["get"]["parameters"]
            .as_array()
            .expect("query parameters");
        for name in ["page", "per_page"] {
            let schema = &parameters
                .iter()
                .find(|p| p["name"] == name)
                .unwrap_or_else(|| panic!("{path} has no {name}"))["schema"];
            assert_eq!(schema["minimum"], 1, "{path} {name}");
            assert_eq!(schema["maximum"], u32::MAX, "{path} {name}");
        }
    }
}
