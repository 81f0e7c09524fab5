//! The confirm form: name, work email and an optional note, checked with the same rules as
//! the server, then sent with the answers (never the outcome) and an idempotency key. A change
//! of language redraws it but keeps what was typed and sent.
//!
//! Once the server has received a confirmation of this walk, on this device, its receipt
//! takes the form's place, on every later visit too; the form comes back only when the person
//! chooses to send another request.

use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use signpost_flow::api::{ActionReceipt, ActionRequest, ACTIONS_PATH, IDEMPOTENCY_HEADER};
use signpost_flow::contact;
use signpost_flow::org::Organisation;
use signpost_flow::Flow;

use crate::api;
use crate::components::focus_when_shown;
use crate::i18n::{self, t};
use crate::outbox::{use_outbox, Pending, Walked};
use crate::route::{use_navigator, Route};

#[component]
pub fn Confirm(flow: &'static Flow, answers: Vec<String>) -> impl IntoView {
    let organisation = expect_context::<Organisation>();
    let domain = organisation.email_domain.clone();
    let outbox = use_outbox();
    // Trainer mode and classroom sessions show what would be sent, and send nothing.
    let trainer = !use_navigator().with(Route::sends);
    let walked = Walked {
        flow: flow.id().to_owned(),
        answers: answers.clone(),
    };
    // A confirmation of this walk that an earlier page left waiting is shown as this one's.
    let earlier = outbox.waiting_for(&walked).filter(|_| !trainer);
    let typed = |field: fn(&ActionRequest) -> &str| {
        signal(
            earlier
                .as_ref()
                .map_or_else(String::new, |p| field(&p.request).to_owned()),
        )
    };
    let (name, set_name) = typed(|r| &r.name);
    let (email, set_email) = typed(|r| &r.email);
    let (note, set_note) = typed(|r| r.note.as_deref().unwrap_or_default());
    let (problem, set_problem) = signal(None::<contact::ContactError>);
    // The key stays the same while the details do, so confirming again after a refusal cannot
    // store the request twice.
    let last_sent = StoredValue::new(earlier.as_ref().map(|p| (p.key.clone(), p.request.clone())));
    let (dry_run, set_dry_run) = signal(None::<String>);
    let sent_key = RwSignal::new(earlier.map(|p| p.key));
    // The reference of a receipt the person set aside to send another request.
    let set_aside = RwSignal::new(None::<String>);
    // The receipt of what this page sent once it arrives, or else the latest for this walk.
    let receipt = Memo::new(move |_| {
        if trainer {
            return None;
        }
        if let Some(key) = sent_key.get() {
            return outbox.receipt_of(&key);
        }
        let latest = outbox.receipt_for(&walked)?;
        let aside = set_aside.with(|a| a.as_ref() == Some(&latest.reference));
        (!aside).then_some(latest)
    });
    // Focus follows the person's own moves: to the receipt after Confirm, to the form after
    // "Send another request".
    let receipt_section = NodeRef::<html::Section>::new();
    let name_input = NodeRef::<html::Input>::new();
    let focus_receipt = focus_when_shown(receipt_section);
    let focus_form = focus_when_shown(name_input);
    let send_another = Callback::new(move |()| {
        set_aside.set(receipt.get_untracked().map(|r| r.reference));
        // A new request of its own, under a new key.
        last_sent.set_value(None);
        sent_key.set(None);
        focus_form.set_value(true);
    });
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
        focus_receipt.set_value(true);
        outbox.send(Pending { key, request });
    };
    let waiting = move || sent_key.with(|k| k.as_deref().is_some_and(|k| outbox.is_waiting(k)));
    let refusal = move || {
        let error = sent_key.with(|k| k.as_deref().and_then(|k| outbox.refusal(k)))?;
        Some(t().api_error(&error))
    };
    // The form gives way to the receipt, and shows the note that it is saved here, only when
    // these change, not on each change of what they are read from.
    let sent = Memo::new(move |_| receipt.with(Option::is_some));
    let saved_here = Memo::new(move |_| waiting());
    // Redrawn whole in a new language: what was typed, checked and sent lives in the signals
    // above, so it stays.
    move || {
        let words = t();
        let lang = i18n::lang();
        // The team the organisation names for the flow (the server refuses a flow with
        // requests and none), and what it does next.
        let team = organisation.team(flow.id(), lang);
        let heading = words.send_to(team.map_or(organisation.name_in(lang), |t| &t.name));
        let next = team.map(|t| t.next.clone());
        let domain = organisation.email_domain.clone();
        let on_submit = on_submit.clone();
        let problem = move || problem.get().map(|p| p.message(lang)).or_else(refusal);
        move || {
            if sent.get() {
                return receipt
                    .get()
                    .map(|receipt| view! { <Receipt receipt section=receipt_section send_another /> })
                    .into_any();
            }
            view! {
                <form class="confirm" on:submit=on_submit.clone() novalidate>
                    <h2>{heading.clone()}</h2>
                    {next.clone().map(|next| view! { <p class="next" data-testid="team-next">{next}</p> })}
                    <p class="help">{words.confirm_help}</p>
                    <label for="confirm-name">{words.your_name}</label>
                    <input
                        id="confirm-name"
                        data-testid="confirm-name"
                        node_ref=name_input
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
                    {move || saved_here.get().then(|| view! {
                        <p class="saved" role="status" data-testid="confirm-waiting">
                            {words.saved_here}
                        </p>
                    })}
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
            }
            .into_any()
        }
    }
}

/// What the person sees once the server has received their confirmation of this walk: that it
/// was sent, its reference and when, and the way to send another request.
#[component]
fn Receipt(
    receipt: ActionReceipt,
    section: NodeRef<html::Section>,
    send_another: Callback<()>,
) -> impl IntoView {
    let words = t();
    view! {
        <section class="receipt" role="status" tabindex="-1" data-testid="receipt" node_ref=section>
            <h2>{words.sent}</h2>
            <p>
                {words.your_reference} <strong data-testid="reference">{receipt.reference}</strong>
                {words.quote_it}
            </p>
            <p data-testid="received-at">{words.received_on(&receipt.received_at)}</p>
            <button type="button" data-testid="send-another" on:click=move |_| send_another.run(())>
                {words.send_another}
            </button>
        </section>
    }
}
