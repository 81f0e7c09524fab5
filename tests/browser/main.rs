//! The app in a real browser (headless Chromium, through wasm-bindgen-test).

#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod loaded;
mod wizard;
