//! Telling people things: an in-app inbox per user (written in the same transaction as the
//! change), and a [`Notifier`] that delivers the same message elsewhere after the commit
//! (a log line), and the SMS outbox: every notice to a vendor with a phone also queues an SMS in
//! the same transaction ([`outbox`]), which the [`worker`] sends through the gateway ([`sms`]).
//!
//! A notice is stored as a message id and its arguments and worded when read, in the reader's
//! language; rows from before carry their two texts, shown as they are.

pub mod outbox;
pub mod sms;
pub mod worker;

use crate::i18n::{Lang, Msg};
use chrono::Utc;
use entity::notices;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, Set};

/// A message for one user, to deliver after the transaction that wrote it commits.
#[derive(Clone, Debug)]
pub struct Outgoing {
    /// The recipient's account.
    pub user_id: i32,
    /// What kind of notice: `session_cancelled`, `offer`, …
    pub kind: &'static str,
    /// The text: a message worded in the reader's language.
    pub text: Msg,
}

/// Delivers notices outside the application (SMS, WeChat, …).
pub trait Notifier: Send + Sync {
    /// Delivers one message; failures are the sink's to log, never the request's.
    fn deliver(&self, message: &Outgoing);
}

/// The default sink: one log line per message.
#[derive(Clone, Copy, Debug, Default)]
pub struct LogNotifier;

impl Notifier for LogNotifier {
    fn deliver(&self, message: &Outgoing) {
        tracing::info!(
            notice.user_id = message.user_id,
            notice.kind = message.kind,
            notice.text = message.text.get(Lang::Zh),
            "notice"
        );
    }
}

/// Writes the in-app notice; returns the message to hand to the notifier after the commit.
pub async fn write(
    db: &impl ConnectionTrait,
    user_id: i32,
    kind: &'static str,
    text: Msg,
) -> Result<Outgoing, DbErr> {
    let args = text.args_json().to_string();
    let row = notices::ActiveModel {
        user_id: Set(user_id),
        kind: Set(kind.to_owned()),
        message_id: Set(Some(text.id().to_owned())),
        args: Set(Some(args.clone())),
        created_at: Set(Utc::now()),
        read_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    outbox::enqueue(
        db,
        &[outbox::Queued {
            notice_id: row.id,
            user_id,
            kind,
            message_id: text.id(),
            args,
        }],
    )
    .await?;
    Ok(Outgoing {
        user_id,
        kind,
        text,
    })
}

/// Writes many in-app notices with multi-row inserts (9 columns a row, so a chunk of 1,000
/// stays far below either backend's limit on bound parameters); returns them for the notifier.
pub async fn write_many(
    db: &impl ConnectionTrait,
    messages: Vec<Outgoing>,
) -> Result<Vec<Outgoing>, DbErr> {
    let now = Utc::now();
    for chunk in messages.chunks(1000) {
        let args: Vec<String> = chunk
            .iter()
            .map(|m| m.text.args_json().to_string())
            .collect();
        let ids = notices::Entity::insert_many(chunk.iter().zip(&args).map(|(m, a)| {
            notices::ActiveModel {
                user_id: Set(m.user_id),
                kind: Set(m.kind.to_owned()),
                message_id: Set(Some(m.text.id().to_owned())),
                args: Set(Some(a.clone())),
                created_at: Set(now),
                read_at: Set(None),
                ..Default::default()
            }
        }))
        .exec_with_returning_keys(db)
        .await?;
        let queued: Vec<outbox::Queued<'_>> = chunk
            .iter()
            .zip(args)
            .zip(ids)
            .map(|((m, args), notice_id)| outbox::Queued {
                notice_id,
                user_id: m.user_id,
                kind: m.kind,
                message_id: m.text.id(),
                args,
            })
            .collect();
        outbox::enqueue(db, &queued).await?;
    }
    Ok(messages)
}

/// Hands committed messages to the notifier.
pub fn deliver_all(notifier: &dyn Notifier, messages: &[Outgoing]) {
    for m in messages {
        notifier.deliver(m);
    }
}

/// A stored notice's words in `lang`: its message formatted now, or, for a row written before
/// notices were messages, the text it was stored with.
pub fn text(notice: &notices::Model, lang: Lang) -> String {
    if let Some(id) = &notice.message_id {
        return Msg::stored(id.clone(), notice.args.as_deref().unwrap_or("{}")).get(lang);
    }
    let stored = match lang {
        Lang::En => &notice.text_en,
        Lang::Zh => &notice.text_zh,
    };
    stored.clone().unwrap_or_default()
}

/// Runs `job` every `every` for as long as the server runs, delivering the notices it wrote
/// after each commit; a failure is logged (as `what`) and the job tried again at the next tick.
/// The periodic jobs (sales reminders, the suspension sweep) are safe with several processes.
pub async fn run_periodically<F, Fut, E>(
    notifier: std::sync::Arc<dyn Notifier>,
    every: std::time::Duration,
    what: &'static str,
    mut job: F,
) where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<Vec<Outgoing>, E>>,
    E: std::fmt::Display,
{
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match job().await {
            Ok(out) => {
                if !out.is_empty() {
                    tracing::info!(
                        job = what,
                        notices = out.len(),
                        "periodic job wrote notices"
                    );
                }
                deliver_all(notifier.as_ref(), &out);
            }
            Err(e) => tracing::warn!(job = what, error = %e, "periodic job failed; retrying later"),
        }
    }
}
