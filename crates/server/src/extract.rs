//! Extractors whose rejections are [`ApiError`]s, so bad input always gets the API's error shape.

use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::Json;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::ApiError;

/// A JSON body. Before it is read as `T`, any field named like a secret (a password, a code,
/// a card) is refused, whatever its value: such things are typed on Amazon only.
pub struct Body<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let Json(value) = Json::<Value>::from_request(request, state).await?;
        if let Some(field) = secret_field(&value) {
            return Err(ApiError::SecretField(field));
        }
        T::deserialize(value)
            .map(Body)
            .map_err(|e| ApiError::InvalidBody(e.to_string()))
    }
}

/// Query-string parameters.
#[derive(FromRequestParts)]
#[from_request(via(Query), rejection(ApiError))]
pub struct Params<T>(pub T);

/// Words that make a field name a secret's, matched against the name's parts
/// (`card_number`, `oneTimeCode` and `otp` all match).
const SECRET_WORDS: [&str; 11] = [
    "password", "passwd", "passcode", "pass", "otp", "code", "card", "cvv", "cvc", "pin", "secret",
];

/// The first field, at any depth, whose name reads like a secret.
fn secret_field(value: &Value) -> Option<String> {
    match value {
        Value::Object(fields) => fields.iter().find_map(|(name, inner)| {
            let secret = name_parts(name)
                .iter()
                .any(|part| SECRET_WORDS.contains(&part.as_str()));
            if secret {
                Some(name.clone())
            } else {
                secret_field(inner)
            }
        }),
        Value::Array(items) => items.iter().find_map(secret_field),
        _ => None,
    }
}

/// `oneTimeCode` -> one, time, code; `card-number` -> card, number.
fn name_parts(name: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut previous_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            parts.push(String::new());
        } else {
            if c.is_uppercase() && previous_lower {
                parts.push(String::new());
            }
            parts
                .last_mut()
                .expect("never empty")
                .extend(c.to_lowercase());
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
    }
    parts.retain(|p| !p.is_empty());
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fields_named_like_secrets_are_found_at_any_depth() {
        for name in [
            "password",
            "Password",
            "otp",
            "card_number",
            "cardNumber",
            "one-time-code",
            "PIN",
        ] {
            assert_eq!(
                secret_field(&json!({ "name": "A", name: "x" })),
                Some(name.to_owned()),
                "{name}"
            );
        }
        assert_eq!(
            secret_field(&json!({ "extra": [{ "cvv": "123" }] })),
            Some("cvv".into())
        );
        for name in [
            "name", "email", "note", "answers", "shipping", "flow", "version", "opinion",
        ] {
            assert_eq!(secret_field(&json!({ name: "x" })), None, "{name}");
        }
    }
}
