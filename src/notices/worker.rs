//! The worker that takes queued SMS from the outbox to the gateway: a tokio task started by
//! `serve` (every process may run one; the lease in [`super::outbox::claim`] keeps any message
//! from being sent by two). It wakes on a notice written by this process and otherwise polls.
//! A failed attempt is retried after `backoff_base_ms · 2^(attempts−1)`, at most
//! `backoff_max_ms`, until `max_attempts`.

use super::outbox::{self, Outcome};
use super::sms::{SendError, SmsMessage, SmsProvider};
use super::{LogNotifier, Notifier, Outgoing};
use crate::config::SmsConfig;
use chrono::{DurationRound, TimeDelta, Utc};
use sea_orm::{DatabaseConnection, DbErr};
use std::sync::Arc;
use tokio::sync::Notify;
use tokio::task::JoinHandle;

/// A running worker: its task and the bell that wakes it.
#[derive(Debug)]
pub struct Worker {
    /// Rings the worker (a notice was written).
    pub wake: Arc<Notify>,
    /// The task.
    pub task: JoinHandle<()>,
}

/// The notifier `serve` uses: logs like [`LogNotifier`] and wakes the worker.
#[derive(Debug, Clone)]
pub struct WakingNotifier(pub Arc<Notify>);

impl Notifier for WakingNotifier {
    fn deliver(&self, message: &Outgoing) {
        LogNotifier.deliver(message);
        self.0.notify_one();
    }
}

/// The wait before attempt `attempts + 1`, after `attempts` failed ones.
pub fn backoff(config: &SmsConfig, attempts: i32) -> TimeDelta {
    let shift = u32::try_from(attempts.saturating_sub(1).clamp(0, 30)).unwrap_or(30);
    let ms = config
        .backoff_base_ms
        .saturating_mul(1u64 << shift)
        .min(config.backoff_max_ms);
    TimeDelta::milliseconds(i64::try_from(ms).unwrap_or(i64::MAX / 2))
}

/// What one pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pass {
    /// Messages the gateway accepted.
    pub sent: usize,
    /// Messages only logged (no gateway configured).
    pub not_sent: usize,
    /// Messages to try again later.
    pub retried: usize,
    /// Messages given up.
    pub failed: usize,
    /// Messages another worker held or took.
    pub skipped: usize,
}

/// One pass: claims up to `batch` due messages one by one and sends each.
pub async fn run_once(
    db: &DatabaseConnection,
    provider: &dyn SmsProvider,
    config: &SmsConfig,
) -> Result<Pass, DbErr> {
    let mut pass = Pass::default();
    let now = Utc::now();
    for id in outbox::due(db, now, config.batch).await? {
        let now = Utc::now();
        let lease = (now
            + TimeDelta::milliseconds(i64::try_from(config.lease_ms).unwrap_or(60_000)))
        .duration_trunc(TimeDelta::milliseconds(1))
        .unwrap_or(now);
        let Some(row) = outbox::claim(db, id, now, lease).await? else {
            pass.skipped += 1;
            continue;
        };
        let message = SmsMessage {
            phone: row.phone.clone(),
            sign_name: config.sign_name.clone(),
            template_id: config.template_for(&row.kind),
            params: super::sms::template_params(&row.message_id, &row.args),
            out_id: format!("notice-{}", row.notice_id),
        };
        let result = provider.send(&message).await;
        let done = Utc::now();
        let outcome = match result {
            Ok(()) if !provider.delivers() => Outcome::NotSent,
            Ok(()) => Outcome::Sent,
            Err(SendError::Permanent(e)) => Outcome::Failed(e),
            Err(SendError::Transient(e)) if row.attempts + 1 >= config.max_attempts => {
                Outcome::Failed(e)
            }
            Err(SendError::Transient(e)) => {
                Outcome::Retry(done + backoff(config, row.attempts + 1), e)
            }
        };
        match &outcome {
            Outcome::Sent => pass.sent += 1,
            Outcome::NotSent => pass.not_sent += 1,
            Outcome::Retry(..) => pass.retried += 1,
            Outcome::Failed(e) => {
                tracing::warn!(sms.id = row.id, sms.error = %e, "sms given up");
                pass.failed += 1;
            }
        }
        if !outbox::finish(db, &row, outcome, done).await? {
            tracing::warn!(
                sms.id = row.id,
                "sms lease lost before its outcome was written"
            );
        }
    }
    Ok(pass)
}

/// Starts the worker on the runtime: passes until nothing is due, then waits for the bell or
/// the poll interval. Database errors are logged and retried at the next pass.
pub fn start(db: DatabaseConnection, provider: Arc<dyn SmsProvider>, config: SmsConfig) -> Worker {
    let wake = Arc::new(Notify::new());
    let bell = wake.clone();
    let task = tokio::spawn(async move {
        let poll = std::time::Duration::from_millis(config.poll_ms.max(10));
        loop {
            match run_once(&db, provider.as_ref(), &config).await {
                Ok(pass) if pass.sent + pass.retried + pass.failed > 0 => continue,
                Ok(_) => {}
                Err(e) => tracing::error!(error = %e, "sms worker pass failed"),
            }
            let _ = tokio::time::timeout(poll, bell.notified()).await;
        }
    });
    Worker { wake, task }
}
