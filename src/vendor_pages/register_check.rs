//! `GET /register/check?field=phone|id_number&value=…`: the register form's check-as-you-type
//! (driven by `assets/register.js`), answered as a small HTML fragment with exactly the message
//! the server gives on submit. It checks the format only — never whether a phone is already
//! registered, so it cannot be used to find out who has an account.

use crate::accounts::phone::Phone;
use crate::error::{AppError, AppResult};
use crate::i18n::texts::vendor_journey as t;
use crate::vendors::id_number::IdNumber;
use crate::views::PageCtx;
use axum::extract::Query;
use maud::{Markup, html};
use serde::Deserialize;

/// The field and what has been typed so far.
#[derive(Debug, Deserialize)]
pub struct CheckQuery {
    #[serde(default)]
    field: String,
    #[serde(default)]
    value: String,
}

/// GET /register/check (anyone): `<p data-valid="true|false">…</p>`; 400 for another field.
pub async fn check(ctx: PageCtx, Query(q): Query<CheckQuery>) -> AppResult<Markup> {
    let verdict = match q.field.as_str() {
        "phone" => Phone::parse(&q.value).map(|_| ()),
        "id_number" => IdNumber::parse(&q.value, crate::clock::today()).map(|_| ()),
        _ => {
            return Err(AppError::bad_request(
                "unknown_field",
                crate::i18n::texts::errors::BAD_REQUEST,
            ));
        }
    };
    Ok(match verdict {
        Ok(()) => html! { p.ok data-valid="true" { "✓ " (ctx.t(t::CHECK_OK)) } },
        Err(message) => html! { p.error data-valid="false" { "⚠ " (message.get(ctx.lang)) } },
    })
}
