//! Delivers each stored action to the organisation's webhook (a ticketing system, say) from
//! the outbox: every action at least once, retried with growing pauses while the receiver
//! fails, and resumed after a restart because the outbox is in the database. Each delivery
//! carries the action's reference as its `Idempotency-Key`, so the receiver can drop repeats.

use std::time::Duration;

use serde::Serialize;
use signpost_flow::api::ActionSummary;

use crate::store::{time_text, Due, Store};

/// Where and how to deliver.
#[derive(Debug, Clone)]
pub struct Webhook {
    pub url: String,
    /// The pause after the first failure; it doubles with each failure, up to [`MAX_PAUSE`].
    pub first_pause: Duration,
}

/// The longest pause between two attempts.
pub const MAX_PAUSE: Duration = Duration::from_secs(300);
/// How often the outbox is looked at when nothing is due.
const POLL: Duration = Duration::from_millis(500);

/// What the receiver gets: the action as the queue shows it, with its answers.
#[derive(Serialize)]
struct Event<'a> {
    event: &'static str,
    action: &'a ActionSummary,
    answers: &'a [String],
}

/// Runs the delivery loop until the process ends.
pub fn spawn(store: Store, webhook: Webhook) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .expect("a client with rustls and a timeout builds");
        loop {
            match store.due_deliveries(20).await {
                Ok(due) if !due.is_empty() => {
                    for item in due {
                        deliver(&store, &client, &webhook, item).await;
                    }
                }
                Ok(_) => tokio::time::sleep(POLL).await,
                Err(cause) => {
                    tracing::error!(%cause, "webhook: cannot read the outbox");
                    tokio::time::sleep(POLL * 4).await;
                }
            }
        }
    })
}

async fn deliver(store: &Store, client: &reqwest::Client, webhook: &Webhook, due: Due) {
    let event = Event {
        event: "action.created",
        action: &due.action.summary,
        answers: &due.action.answers,
    };
    let reference = &due.action.summary.reference;
    let sent = client
        .post(&webhook.url)
        .header("Idempotency-Key", reference)
        .json(&event)
        .send()
        .await;
    let failure = match sent {
        Ok(response) if response.status().is_success() => None,
        Ok(response) => Some(format!("HTTP {}", response.status().as_u16())),
        Err(cause) => Some(cause.to_string()),
    };
    let recorded = match failure {
        None => store.delivered(due.action_id).await,
        Some(error) => {
            let pause = pause_after(webhook.first_pause, due.attempts + 1);
            tracing::warn!(%reference, attempt = due.attempts + 1, %error, ?pause, "webhook delivery failed");
            let retry_at = time_text(time::OffsetDateTime::now_utc() + pause);
            store
                .delivery_failed(due.action_id, &retry_at, &error)
                .await
        }
    };
    if let Err(cause) = recorded {
        tracing::error!(%reference, %cause, "webhook: cannot record the delivery");
    }
}

/// The pause after `failures` failed attempts: `first`, doubled for each further failure.
fn pause_after(first: Duration, failures: u32) -> Duration {
    first
        .saturating_mul(2u32.saturating_pow(failures.saturating_sub(1)))
        .min(MAX_PAUSE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_double_up_to_five_minutes() {
        let first = Duration::from_secs(2);
        assert_eq!(pause_after(first, 1), Duration::from_secs(2));
        assert_eq!(pause_after(first, 2), Duration::from_secs(4));
        assert_eq!(pause_after(first, 4), Duration::from_secs(16));
        assert_eq!(pause_after(first, 40), MAX_PAUSE);
    }
}
