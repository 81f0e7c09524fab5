//! What a screen shows while it waits for the server: "waiting" until the first answer, the
//! last answer kept while a changed signal asks again, and an answer to an earlier question
//! that arrives last dropped, so it cannot replace the answer to the latest.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use leptos::mount::mount_to;
use leptos::prelude::*;
use signpost_app::loaded::Loaded;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

/// The questions asked and not yet answered, each with the function that answers it.
type Pending = Rc<RefCell<Vec<(u32, js_sys::Function)>>>;

/// Lets every task, effect and promise that is ready run.
async fn settle() {
    TimeoutFuture::new(0).await;
}

/// Answers the pending `question`.
fn answer(pending: &Pending, question: u32) {
    let (_, resolve) = {
        let mut pending = pending.borrow_mut();
        let at = pending.iter().position(|(q, _)| *q == question);
        pending.remove(at.unwrap_or_else(|| panic!("question {question} was not asked")))
    };
    resolve.call0(&JsValue::NULL).unwrap();
}

#[wasm_bindgen_test]
async fn following_keeps_the_last_answer_while_asking_again_and_drops_a_late_earlier_one() {
    let filter = RwSignal::new(0_u32);
    let pending: Pending = Rc::default();
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let asked = pending.clone();
    let _mounted = mount_to(root.clone().unchecked_into(), move || {
        let loaded = Loaded::following(move || {
            let question = filter.get();
            let mut resolve = None;
            let promise = js_sys::Promise::new(&mut |yes, _| resolve = Some(yes));
            asked.borrow_mut().push((question, resolve.unwrap()));
            async move {
                let _ = JsFuture::from(promise).await;
                Ok(question)
            }
        });
        loaded.view(
            || "waiting".into_any(),
            |answer| format!("answer {answer}").into_any(),
            |_| "failed".into_any(),
        )
    });
    let shown = || root.text_content().unwrap_or_default();

    settle().await;
    assert_eq!(shown(), "waiting");
    answer(&pending, 0);
    settle().await;
    assert_eq!(shown(), "answer 0");

    filter.set(1);
    settle().await;
    assert_eq!(
        shown(),
        "answer 0",
        "the last answer stays while the next is asked"
    );
    filter.set(2);
    settle().await;
    answer(&pending, 2);
    settle().await;
    assert_eq!(shown(), "answer 2");
    answer(&pending, 1);
    settle().await;
    assert_eq!(
        shown(),
        "answer 2",
        "a late answer to an earlier question replaced the latest"
    );
}
