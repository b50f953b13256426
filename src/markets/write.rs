//! One write transaction for a scheduling change, shared by the API and the editor's forms of
//! both the markets and the bookings services: commit and deliver the notices it wrote, or —
//! for a change that would touch bookings without `confirm` — roll back and hand the question
//! to the caller, so that nothing is written before the manager says yes.

use super::edit_page::{confirm_page, done_url, refused};
use super::impact::NeedsConfirmation;
use crate::db::begin_write;
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::identity::CurrentUser;
use crate::notices::{self, Outgoing};
use crate::state::AppState;
use crate::views::PageCtx;
use axum::Json;
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::DatabaseTransaction;
use serde::Serialize;

/// A change that is done (with the notices to deliver after the commit), or refused until
/// confirmed.
pub enum Confirmable<D> {
    /// Applied.
    Done(D, Vec<Outgoing>),
    /// Bookings would move or go: ask first.
    Confirm(NeedsConfirmation),
}

/// Runs `change` in a write transaction and commits it.
pub async fn write<D>(
    state: &AppState,
    change: impl AsyncFnOnce(&DatabaseTransaction) -> AppResult<D>,
) -> AppResult<D> {
    let txn = begin_write(&state.db).await?;
    let done = change(&txn).await?;
    txn.commit().await?;
    Ok(done)
}

/// Runs `change` in a write transaction, commits, then delivers its notices.
pub async fn write_and_tell<D>(
    state: &AppState,
    change: impl AsyncFnOnce(&DatabaseTransaction) -> AppResult<(D, Vec<Outgoing>)>,
) -> AppResult<D> {
    let txn = begin_write(&state.db).await?;
    let (done, out) = change(&txn).await?;
    txn.commit().await?;
    notices::deliver_all(state.notifier.as_ref(), &out);
    Ok(done)
}

/// Runs a change that may need confirmation: done → committed and notices delivered;
/// confirmation needed → rolled back, the question returned.
pub async fn write_confirmable<D>(
    state: &AppState,
    change: impl AsyncFnOnce(&DatabaseTransaction) -> AppResult<Confirmable<D>>,
) -> AppResult<Result<D, NeedsConfirmation>> {
    let txn = begin_write(&state.db).await?;
    match change(&txn).await? {
        Confirmable::Done(done, out) => {
            txn.commit().await?;
            notices::deliver_all(state.notifier.as_ref(), &out);
            Ok(Ok(done))
        }
        Confirmable::Confirm(ask) => {
            txn.rollback().await?;
            Ok(Err(ask))
        }
    }
}

/// The API's answer to a confirmable change: 200 with what it did, or 409
/// `confirmation_required` with the counts.
pub fn json_or_ask<D: Serialize>(outcome: Result<D, NeedsConfirmation>, lang: Lang) -> Response {
    match outcome {
        Ok(done) => Json(done).into_response(),
        Err(ask) => ask.response(lang),
    }
}

/// A confirmable form of the market editor: which market, which section shows its refusal,
/// where the confirmation posts again, and what was submitted.
pub struct EditorForm<'a> {
    /// The market whose editor the form belongs to.
    pub market_id: i32,
    /// The section that shows a refusal (`rows`, `hours`, …).
    pub section: &'static str,
    /// The form's own URL, which the confirmation page posts to again.
    pub action: String,
    /// The submitted fields, carried through the confirmation.
    pub pairs: &'a [(String, String)],
}

impl<'a> EditorForm<'a> {
    /// The form of `section` of a market's editor, posted to `action`.
    pub fn new(
        market_id: i32,
        section: &'static str,
        action: String,
        pairs: &'a [(String, String)],
    ) -> Self {
        Self {
            market_id,
            section,
            action,
            pairs,
        }
    }

    /// The page's answer: back to the editor with what was done (`done`, sessions, vendors
    /// told), the confirmation page, or the editor again with the refusal in its section.
    pub async fn answer(
        &self,
        state: &AppState,
        ctx: &PageCtx,
        user: &CurrentUser,
        done: &str,
        outcome: AppResult<Result<(u64, u64), NeedsConfirmation>>,
    ) -> AppResult<Response> {
        match outcome {
            Ok(Ok((sessions, vendors))) => {
                Ok(
                    Redirect::to(&done_url(self.market_id, done, sessions, vendors))
                        .into_response(),
                )
            }
            Ok(Err(ask)) => Ok(confirm_page(
                ctx,
                &ask,
                &self.action,
                self.pairs,
                &format!("/markets/{}/edit", self.market_id),
            )),
            Err(e) => {
                refused(
                    state,
                    ctx,
                    user,
                    self.market_id,
                    self.section,
                    self.pairs,
                    e,
                )
                .await
            }
        }
    }
}
