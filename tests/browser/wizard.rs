//! The wizard in a real browser: it mounts from the data block the server writes into the page,
//! shows the first question, and follows a choice.

use leptos::mount::mount_to;
use leptos::task::tick;
use signpost_app::App;
use signpost_flow::api::{FlowSummary, PageData, PAGE_DATA_ID};
use signpost_flow::org::Organisation;
use signpost_flow::raw::RawFlow;
use signpost_flow::Flow;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

/// Mounts the guide at a given query string, as if the person opened that link.
fn open(search: &str) -> (web_sys::Element, impl Drop) {
    let window = web_sys::window().unwrap();
    let url = format!("{}{search}", window.location().pathname().unwrap());
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        .unwrap();
    let document = window.document().unwrap();
    if document.get_element_by_id(PAGE_DATA_ID).is_none() {
        let block = document.create_element("script").unwrap();
        block.set_attribute("type", "application/json").unwrap();
        block.set_id(PAGE_DATA_ID);
        block.set_text_content(Some(&page_data()));
        document.head().unwrap().append_child(&block).unwrap();
    }
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let mounted = mount_to(root.clone().unchecked_into(), App);
    (root, mounted)
}

/// What the server writes into the page for `?flow=join`: the flow, checked as the server
/// checks it.
fn page_data() -> String {
    let raw: RawFlow = toml::from_str(include_str!("../../flows/1-join.toml")).unwrap();
    let flow = Flow::from_raw(&raw).unwrap();
    let data = PageData {
        organisation: Organisation::example(),
        flows: vec![FlowSummary::of(&flow)],
        flow: Some(flow),
    };
    serde_json::to_string(&data).unwrap()
}

fn text(root: &web_sys::Element, test_id: &str) -> String {
    let selector = format!("[data-testid='{test_id}']");
    let element = root.query_selector(&selector).unwrap();
    element
        .unwrap_or_else(|| panic!("no {selector}"))
        .text_content()
        .unwrap_or_default()
}

fn click(root: &web_sys::Element, test_id: &str) {
    let element = root
        .query_selector(&format!("[data-testid='{test_id}']"))
        .unwrap()
        .unwrap();
    element.unchecked_into::<web_sys::HtmlElement>().click();
}

#[wasm_bindgen_test]
async fn the_join_flow_opens_on_its_first_question() {
    let (root, _mounted) = open("?flow=join");
    tick().await;
    assert_eq!(text(&root, "question-text"), "What do you need help with?");
}

#[wasm_bindgen_test]
async fn choosing_an_answer_shows_the_next_question_and_records_it_in_the_url() {
    let (root, _mounted) = open("");
    tick().await;
    click(&root, "start-join");
    tick().await;
    click(&root, "choice-join");
    tick().await;
    click(&root, "choice-received");
    tick().await;
    assert!(text(&root, "question-text").contains("(…@example.edu)"));
    // Once answered, the address also records the flow version the answers were given on.
    let search = web_sys::window().unwrap().location().search().unwrap();
    let version = search
        .strip_prefix("?flow=join&answers=join/received&v=")
        .unwrap_or_else(|| panic!("{search}"));
    assert_eq!(version.len(), 16, "{search}");
}

#[wasm_bindgen_test]
async fn the_language_in_the_url_is_spoken_and_marked_on_the_page() {
    let (root, _mounted) = open("?flow=join&lang=es");
    tick().await;
    assert_eq!(text(&root, "question-text"), "¿Con qué necesitas ayuda?");
    assert_eq!(text(&root, "back"), "Atrás");
    let html = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .document_element()
        .unwrap();
    assert_eq!(html.get_attribute("lang").as_deref(), Some("es"));
    click(&root, "lang-en");
    tick().await;
    assert_eq!(text(&root, "question-text"), "What do you need help with?");
    assert_eq!(html.get_attribute("lang").as_deref(), Some("en"));
    let search = web_sys::window().unwrap().location().search().unwrap();
    assert_eq!(search, "?flow=join&lang=en");
}
