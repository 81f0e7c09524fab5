//! JSON read and written by the browser's own `JSON.parse` and `JSON.stringify`, with
//! serde-wasm-bindgen between JavaScript values and Rust types: the wasm then carries no JSON
//! parser or printer of its own.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

/// `text` read as a `T`; None if it is not JSON or not a `T`.
pub fn parse<T: DeserializeOwned>(text: &str) -> Option<T> {
    let value = js_sys::JSON::parse(text).ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}

/// `value` as compact JSON.
pub fn stringify<T: Serialize + ?Sized>(value: &T) -> String {
    print(value, &JsValue::UNDEFINED)
}

/// `value` as JSON indented by two spaces, for people to read.
pub fn stringify_pretty<T: Serialize + ?Sized>(value: &T) -> String {
    print(value, &JsValue::from(2))
}

fn print<T: Serialize + ?Sized>(value: &T, indent: &JsValue) -> String {
    // Maps as plain objects, and missing values as null, as JSON has them.
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let value = value.serialize(&serializer).expect("our types serialize");
    js_sys::JSON::stringify_with_replacer_and_space(&value, &JsValue::NULL, indent)
        .expect("plain data stringifies")
        .into()
}
