//! The confirm form: name, work email and an optional note, checked with the same rules as
//! the server, then sent with the answers (never the outcome) and an idempotency key. A change
//! of language redraws it but keeps what was typed and sent.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use signpost_flow::api::{ActionReceipt, ActionRequest, ACTIONS_PATH, IDEMPOTENCY_HEADER};
use signpost_flow::contact;
use signpost_flow::org::Organisation;
use signpost_flow::Flow;

use crate::api;
use crate::i18n::{self, t};
use crate::outbox::{use_outbox, Delivery, Pending};
use crate::route::{use_navigator, Mode};

#[component]
pub fn Confirm(flow: &'static Flow, answers: Vec<String>) -> impl IntoView {
    let organisation = expect_context::<Organisation>();
    let domain = organisation.email_domain.clone();
    let (name, set_name) = signal(String::new());
    let (email, set_email) = signal(String::new());
    let (note, set_note) = signal(String::new());
    let (problem, set_problem) = signal(None::<contact::ContactError>);
    // The key stays the same while the details do, so confirming again after a refusal cannot
    // store the request twice.
    let last_sent = StoredValue::new(None::<(String, ActionRequest)>);
    let outbox = use_outbox();
    let trainer = use_navigator().with(|r| r.mode) == Mode::Trainer;
    let (dry_run, set_dry_run) = signal(None::<String>);
    let sent_key = RwSignal::new(None::<String>);
    let delivery = move || sent_key.get().and_then(|key| outbox.delivery(&key));
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let note = Some(note.get_untracked().trim().to_owned()).filter(|n| !n.is_empty());
        if let Err(error) = contact::check(
            &name.get_untracked(),
            &email.get_untracked(),
            note.as_deref(),
            &domain,
        ) {
            set_problem.set(Some(error));
            return;
        }
        set_problem.set(None);
        let request = ActionRequest {
            flow: flow.id().to_owned(),
            version: flow.version().as_str().to_owned(),
            answers: answers.clone(),
            name: name.get_untracked().trim().to_owned(),
            email: email.get_untracked().trim().to_owned(),
            note,
        };
        let key = last_sent
            .with_value(|last| {
                last.as_ref()
                    .filter(|(_, r)| *r == request)
                    .map(|(k, _)| k.clone())
            })
            .unwrap_or_else(api::new_idempotency_key);
        last_sent.set_value(Some((key.clone(), request.clone())));
        if trainer {
            let body = crate::json::stringify_pretty(&request);
            set_dry_run.set(Some(format!(
                "POST {ACTIONS_PATH}\nContent-Type: application/json\n{IDEMPOTENCY_HEADER}: {key}\n\n{body}"
            )));
            return;
        }
        sent_key.set(Some(key.clone()));
        outbox.send(Pending { key, request });
    };
    let receipt = move || match delivery() {
        Some(Delivery::Received(receipt)) => Some(receipt),
        _ => None,
    };
    let waiting = move || delivery() == Some(Delivery::Waiting);
    let refusal = move || match delivery() {
        Some(Delivery::Refused(error)) => Some(t().api_error(&error)),
        _ => None,
    };
    // Redrawn whole in a new language: what was typed, checked and sent lives in the signals
    // above, so it stays.
    move || {
        let words = t();
        let lang = i18n::lang();
        let heading = words.send_to(organisation.name_in(lang));
        let domain = organisation.email_domain.clone();
        let on_submit = on_submit.clone();
        let problem = move || problem.get().map(|p| p.message(lang)).or_else(refusal);
        view! {
            <Show when=move || receipt().is_none() fallback=move || view! { <Receipt receipt=receipt().unwrap() /> }>
                <form class="confirm" on:submit=on_submit.clone() novalidate>
                    <h2>{heading.clone()}</h2>
                    <p class="help">{words.confirm_help}</p>
                    <label for="confirm-name">{words.your_name}</label>
                    <input
                        id="confirm-name"
                        data-testid="confirm-name"
                        autocomplete="name"
                        prop:value=name
                        on:input=move |ev| set_name.set(event_target_value(&ev))
                    />
                    <label for="confirm-email">{words.your_work_email} " (@" {domain.clone()} ")"</label>
                    <input
                        id="confirm-email"
                        type="email"
                        data-testid="confirm-email"
                        autocomplete="email"
                        prop:value=email
                        on:input=move |ev| set_email.set(event_target_value(&ev))
                    />
                    <label for="confirm-note">{words.note}</label>
                    <textarea
                        id="confirm-note"
                        data-testid="confirm-note"
                        prop:value=note
                        on:input=move |ev| set_note.set(event_target_value(&ev))
                    ></textarea>
                    <p class="problem" role="alert" data-testid="confirm-problem">
                        {problem}
                    </p>
                    <Show when=waiting>
                        <p class="saved" role="status" data-testid="confirm-waiting">
                            {words.saved_here}
                        </p>
                    </Show>
                    {move || {
                        dry_run
                            .get()
                            .map(|request| {
                                view! {
                                    <div class="dry-run" data-testid="dry-run">
                                        <p>{words.dry_run}</p>
                                        <pre>{request}</pre>
                                    </div>
                                }
                            })
                    }}
                    <button type="submit" class="primary" data-testid="confirm" disabled=waiting>
                        {move || if waiting() { words.waiting_to_send } else { words.confirm }}
                    </button>
                </form>
            </Show>
        }
    }
}

/// What the person sees once the server has stored their confirmation.
#[component]
fn Receipt(receipt: ActionReceipt) -> impl IntoView {
    let words = t();
    view! {
        <section class="receipt" role="status" data-testid="receipt">
            <h2>{words.received}</h2>
            <p>
                {words.your_reference} <strong data-testid="reference">{receipt.reference}</strong>
                {words.quote_it}
            </p>
        </section>
    }
}
