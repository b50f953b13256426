//! The vendor's bookings as an iCalendar feed (UTC times, one VEVENT per booking), reachable
//! by the logged-in owner or through a secret feed link the vendor can reset.

use super::schedule::{Entry, upcoming};
use crate::error::{AppError, AppResult};
use crate::extract::PathId;
use crate::identity::{Auth, MaybeAuth, Role};
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use entity::calendar_feeds;
use entity::market_sessions::SessionStatus;
use http::header;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde::Deserialize;

/// The secret feed token of a vendor, if they have made one (`POST /calendar/reset`).
pub async fn feed_token(db: &impl ConnectionTrait, vendor_id: i32) -> AppResult<Option<String>> {
    Ok(calendar_feeds::Entity::find()
        .filter(calendar_feeds::Column::VendorId.eq(vendor_id))
        .one(db)
        .await?
        .map(|f| f.token))
}

/// POST /calendar/reset: a new secret link (the first, or a replacement: the old one stops
/// working at once).
pub async fn reset_submit(State(state): State<AppState>, auth: Auth) -> AppResult<Response> {
    let vendor_id = auth.vendor_id.ok_or(AppError::Forbidden)?;
    let txn = crate::db::begin_write(&state.db).await?;
    calendar_feeds::Entity::delete_many()
        .filter(calendar_feeds::Column::VendorId.eq(vendor_id))
        .exec(&txn)
        .await?;
    calendar_feeds::ActiveModel {
        vendor_id: Set(vendor_id),
        token: Set(crate::web::random_token(crate::permits::TOKEN_BYTES)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(Redirect::to("/#calendar").into_response())
}

/// The optional secret of a feed link.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FeedQuery {
    /// The secret feed token (instead of a login).
    pub token: Option<String>,
}

/// The vendor's bookings as `text/calendar`; 404 `feed_not_found` for a wrong or reset link.
#[utoipa::path(get, path = "/api/v1/vendors/{id}/schedule.ics", tag = "vendors",
    params(("id" = i32, Path, description = "Vendor id"), FeedQuery),
    responses((status = 200, description = "The vendor's bookings as an iCalendar feed", content_type = "text/calendar", body = String),
        (status = 401), (status = 403), (status = 404)))]
pub async fn schedule_ics(
    State(state): State<AppState>,
    MaybeAuth(user): MaybeAuth,
    PathId(id): PathId,
    Query(q): Query<FeedQuery>,
) -> AppResult<Response> {
    match (&q.token, &user) {
        (Some(token), _) => {
            let ok = calendar_feeds::Entity::find()
                .filter(calendar_feeds::Column::VendorId.eq(id))
                .filter(calendar_feeds::Column::Token.eq(token.as_str()))
                .one(&state.db)
                .await?
                .is_some();
            if !ok {
                // A reset or forged link: nothing to say about whether the vendor exists.
                return Err(AppError::NotFound);
            }
        }
        (None, None) => return Err(AppError::Unauthorized),
        (None, Some(u)) if u.vendor_id == Some(id) => {}
        (None, Some(u)) if u.role == Role::Vendor => return Err(AppError::NotFound),
        (None, Some(_)) => return Err(AppError::Forbidden),
    }
    let entries = upcoming(&state.db, id, None).await?;
    let body = ics(&entries, Utc::now());
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"nightmarket.ics\"",
            ),
        ],
        body,
    )
        .into_response())
}

fn stamp(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// RFC 5545 TEXT escaping.
fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// Folds a content line at 75 octets without splitting a character.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

/// The calendar: one VEVENT per booking, times in UTC.
pub fn ics(entries: &[Entry], now: DateTime<Utc>) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//nightmarket//schedule//ZH",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:夜市排位",
    ] {
        fold(line, &mut out);
    }
    for e in entries {
        fold("BEGIN:VEVENT", &mut out);
        fold(
            &format!("UID:booking-{}@nightmarket", e.booking_id),
            &mut out,
        );
        fold(&format!("DTSTAMP:{}", stamp(now)), &mut out);
        fold(&format!("DTSTART:{}", stamp(e.starts_at)), &mut out);
        fold(&format!("DTEND:{}", stamp(e.ends_at)), &mut out);
        fold(
            &format!(
                "SUMMARY:{}",
                escape(&format!("{} {} · {}", e.market, e.segment, e.stall_code))
            ),
            &mut out,
        );
        fold(&format!("LOCATION:{}", escape(&e.site)), &mut out);
        let status = if e.session_status == SessionStatus::Cancelled {
            "CANCELLED"
        } else {
            "CONFIRMED"
        };
        fold(&format!("STATUS:{status}"), &mut out);
        fold(&format!("CREATED:{}", stamp(e.booked_at)), &mut out);
        fold("END:VEVENT", &mut out);
    }
    fold("END:VCALENDAR", &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        fold(&format!("SUMMARY:{}", "夜".repeat(40)), &mut out);
        for line in out.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        assert_eq!(
            out.replace("\r\n ", "").trim_end(),
            format!("SUMMARY:{}", "夜".repeat(40))
        );
    }

    #[test]
    fn text_values_escape_separators() {
        assert_eq!(escape("a,b;c\\d"), "a\\,b\\;c\\\\d");
    }
}
