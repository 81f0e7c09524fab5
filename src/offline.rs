//! The service worker (`public/sw.js`) that keeps the wizard's files, so that it opens and can
//! be walked offline.

use wasm_bindgen::JsValue;

/// Where the worker is served: at the top, so it looks after the whole site.
const WORKER: &str = "/sw.js";

/// Registers the worker, where the browser offers service workers (only on HTTPS and
/// localhost). A refusal (storage blocked, say) leaves the wizard as it was, online only.
pub fn keep_for_offline() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    if !js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false) {
        return;
    }
    let registered = navigator.service_worker().register(WORKER);
    wasm_bindgen_futures::spawn_local(async move {
        let _ = wasm_bindgen_futures::JsFuture::from(registered).await;
    });
}
