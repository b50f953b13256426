//! The use case "place a booking", shared by `POST /api/v1/bookings`, the manager's assign form
//! on `/sessions/{id}` and the vendor's one tap on `/sessions/{id}/choose`; the handlers differ
//! only in how they read the input and render the answer.
//!
//! Everything is read and checked on the pool first — the session, the caller's right, the
//! stall, the vendor, the repeat range, every rule of every session — and the write lock is
//! taken last, for the conditional inserts (which re-check session and stall in the same
//! statement) and their audit rows alone: on SQLite one writer at a time holds it.

use super::error::BookingError;
use super::place::{self, Booking, BookingResult, Checked, Placer};
use super::{offers, queries};
use crate::db::begin_write;
use crate::error::AppError;
use crate::identity::{CurrentUser, Role};
use crate::markets::{queries as mq, schedule};
use chrono::NaiveDate;
use entity::market_sessions;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, TransactionTrait,
};

/// A booking to place, as a handler read it.
#[derive(Debug, Clone)]
pub struct NewBooking {
    /// The session.
    pub session_id: i32,
    /// Whether the URL named the session (its page), not a body: unknown, it is a 404.
    pub session_in_url: bool,
    /// The stall (on the session's site).
    pub stall_id: i32,
    /// The vendor (a vendor may name only themselves).
    pub vendor_id: i32,
    /// Also book the same stall in the later sessions of this market, site and segment up to
    /// this date (`YYYY-MM-DD`; empty means none), wherever free (managers and admins).
    pub until: Option<String>,
}

/// A session a repeat range skipped, and why.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Skipped {
    /// The session.
    pub session_id: i32,
    /// Its business date.
    pub date: String,
    /// The machine code of the reason (`stall_taken`, `vendor_already_booked`, …).
    pub code: String,
}

/// What was placed.
#[derive(Debug, Clone)]
pub struct Placed {
    /// The booking in the named session.
    pub id: i32,
    /// Bookings placed in later sessions of the range.
    pub range_ids: Vec<i32>,
    /// Later sessions of the range that were refused.
    pub skipped: Vec<Skipped>,
    /// What the vendor is told (a stall a manager placed them on), to deliver after commit.
    pub notices: Vec<crate::notices::Outgoing>,
}

/// Parses the optional repeat date (`YYYY-MM-DD`; empty means none).
fn parse_until(text: Option<&str>) -> BookingResult<Option<NaiveDate>> {
    match text.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => schedule::parse_date(s)
            .map(Some)
            .ok_or(BookingError::InvalidDate),
    }
}

/// Places a booking (and its repeats) for `user`; nothing is written unless the named session
/// is booked.
pub async fn place_booking(
    db: &DatabaseConnection,
    user: &CurrentUser,
    new: NewBooking,
) -> BookingResult<Placed> {
    if user.role == Role::Bureau || (user.role == Role::Vendor && user.vendor_id.is_none()) {
        return Err(AppError::Forbidden.into());
    }
    let until = parse_until(new.until.as_deref())?;
    let session = place::session_for_booking(db, new.session_id, new.session_in_url).await?;
    let market = mq::find_market(db, session.market_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let placer = place::authorize(db, user, &market, new.vendor_id).await?;
    let stall = queries::find_stall(db, new.stall_id)
        .await?
        .ok_or(BookingError::UnknownStall)?;
    let vendor = queries::find_vendor(db, new.vendor_id)
        .await?
        .ok_or(BookingError::UnknownVendor)?;
    crate::conduct::demerits::require_not_suspended(db, vendor.id, session.business_date).await?;
    if let Some(until) = until
        && (until < session.business_date
            || (until - session.business_date).num_days() > schedule::MAX_SPAN_DAYS
            || placer != Placer::Staff)
    {
        return Err(BookingError::InvalidRange);
    }
    let named = Booking {
        session: &session,
        stall: &stall,
        vendor: &vendor,
        application: None,
        placer,
        actor: user.id,
    };
    let first = place::check(db, &named).await?;
    let mut later = Vec::new();
    let mut skipped = Vec::new();
    if let Some(until) = until {
        for s in later_sessions(db, &session, until).await? {
            let repeat = Booking {
                session: &s,
                ..named
            };
            match place::check(db, &repeat).await {
                Ok(checked) => later.push((s, checked)),
                Err(e) if e.is_refusal() => skipped.push(skip(&s, &e)),
                Err(e) => return Err(e),
            }
        }
    }
    // A stall on offer to a waitlisted vendor is theirs until the deadline: another vendor
    // choosing for themselves cannot take it from under them (a manager can; see below).
    if placer == Placer::Chooser
        && offers::stalls_on_offer(db, session.id, vendor.id)
            .await?
            .contains(&stall.id)
    {
        return Err(BookingError::Shell(AppError::conflict(
            "stall_taken",
            crate::i18n::texts::bookings::STALL_ON_OFFER,
        )));
    }
    let txn = begin_write(db).await?;
    let placed = place::insert(&txn, &first).await?;
    let mut range_ids = Vec::new();
    for (s, checked) in &later {
        match insert_in_savepoint(&txn, checked).await {
            Ok(id) => range_ids.push(id),
            Err(e) if e.is_refusal() => skipped.push(skip(s, &e)),
            Err(e) => return Err(e),
        }
    }
    // A vendor placed by a manager learns it from the market, not at the gate: which night,
    // which stall, how many nights of a range. (A vendor who chose or accepted knows.) Open
    // waitlist offers of the stall-sessions the manager filled lapse, their vendors told.
    let mut notices = Vec::new();
    if placer == Placer::Staff {
        let mut taken = vec![(session.id, stall.id)];
        taken.extend(
            later
                .iter()
                .filter(|(s, _)| !skipped.iter().any(|k| k.session_id == s.id))
                .map(|(s, _)| (s.id, stall.id)),
        );
        notices.extend(offers::supersede(&txn, &taken, vendor.id, user.id).await?);
        let when = super::cancel::night_in_market(&txn, &session).await?;
        // A walk-up placed while the night runs is standing at the stall: "come on time"
        // would name an hour already past.
        let id = if chrono::Utc::now() >= session.starts_at {
            "bookings-notice-assigned-tonight"
        } else {
            "bookings-notice-assigned"
        };
        notices.push(
            crate::notices::write(
                &txn,
                vendor.user_id,
                "booking_assigned",
                crate::i18n::Msg::with(
                    id,
                    [
                        ("when", when.into()),
                        ("stall", (&stall.code).into()),
                        ("nights", (1 + range_ids.len()).into()),
                    ],
                ),
            )
            .await?,
        );
    }
    txn.commit().await?;
    skipped.sort_by(|a, b| (&a.date, a.session_id).cmp(&(&b.date, b.session_id)));
    Ok(Placed {
        id: placed.id,
        range_ids,
        skipped,
        notices,
    })
}

/// The later sessions of the same market, site and segment up to `until`, by date.
async fn later_sessions(
    db: &DatabaseConnection,
    first: &market_sessions::Model,
    until: NaiveDate,
) -> BookingResult<Vec<market_sessions::Model>> {
    Ok(market_sessions::Entity::find()
        .filter(market_sessions::Column::MarketId.eq(first.market_id))
        .filter(market_sessions::Column::SiteId.eq(first.site_id))
        .filter(market_sessions::Column::Segment.eq(first.segment.clone()))
        .filter(market_sessions::Column::BusinessDate.gt(first.business_date))
        .filter(market_sessions::Column::BusinessDate.lte(until))
        .order_by_asc(market_sessions::Column::BusinessDate)
        .all(db)
        .await?)
}

/// One repeat's insert in its own savepoint, so a refusal leaves the others standing.
async fn insert_in_savepoint(
    txn: &sea_orm::DatabaseTransaction,
    checked: &Checked,
) -> BookingResult<i32> {
    let savepoint = txn.begin().await?;
    match place::insert(&savepoint, checked).await {
        Ok(b) => {
            savepoint.commit().await?;
            Ok(b.id)
        }
        Err(e) => {
            savepoint.rollback().await?;
            Err(e)
        }
    }
}

/// The entry a refused repeat leaves in `skipped`.
fn skip(session: &market_sessions::Model, e: &BookingError) -> Skipped {
    Skipped {
        session_id: session.id,
        date: session.business_date.to_string(),
        code: e.code().to_owned(),
    }
}
