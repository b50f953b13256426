//! The rules of one booking. The database decides who wins a stall: unique (session, stall)
//! and unique (session, vendor) on `bookings`; a refused insert becomes 409 `stall_taken` or
//! `vendor_already_booked`. Nothing here checks-then-inserts to decide a conflict.

use super::error::BookingError;
use crate::applications::covers::{Coverage, NotCovered, covers};
use crate::audit::{self, Change};
use crate::db::Sql;
use crate::error::AppError;
use crate::identity::{CurrentUser, Role};
use crate::markets::{access, queries as mq};
use chrono::{DateTime, Utc};
use entity::applications::ApplicationStatus;
use entity::bookings::BookingStatus;
use entity::market_sessions::SessionStatus;
use entity::stalls::StallStatus;
use entity::zones::ZoneKind;
use entity::{
    applications, bookings, market_categories, market_sessions, markets, stalls, vendors,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, JoinType, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, RelationTrait,
};
use serde_json::json;

/// What the booking rules answer.
pub type BookingResult<T> = Result<T, BookingError>;

/// Who is placing the booking, which decides the timing rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placer {
    /// A manager or admin: may place a walk-up vendor until the session ends.
    Staff,
    /// The vendor accepting an offer the market made (a waitlist or next-season offer): until
    /// the session ends, within the offer's deadline (a stall freed during the night is
    /// offered for the rest of it).
    Vendor,
    /// The vendor choosing a stall where the market lets them (self-selection): only before it
    /// starts, and only in sessions an approved application of theirs covers.
    Chooser,
}

/// Maps a refused booking insert or update to the 409 a user understands.
pub fn map_booking_error(err: DbErr) -> AppError {
    BookingError::from(err).into()
}

/// The session; `in_url` says whether the URL named it (see [`BookingError::UnknownSession`]).
pub async fn session_for_booking(
    db: &impl ConnectionTrait,
    id: i32,
    in_url: bool,
) -> BookingResult<market_sessions::Model> {
    mq::find_session(db, id)
        .await?
        .ok_or(BookingError::UnknownSession { in_url })
}

/// Checks that `user` may book `vendor_id` in `market` (403 otherwise).
pub async fn authorize(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    market: &markets::Model,
    vendor_id: i32,
) -> BookingResult<Placer> {
    match user.role {
        Role::Admin | Role::Manager => {
            access::require_manage(db, user, market).await?;
            Ok(Placer::Staff)
        }
        Role::Bureau => Err(AppError::Forbidden.into()),
        Role::Vendor => {
            if user.vendor_id != Some(vendor_id) || !market.self_select {
                return Err(AppError::Forbidden.into());
            }
            Ok(Placer::Chooser)
        }
    }
}

/// The timing rules: not cancelled, not ended; a vendor choosing a stall only before the start.
pub fn check_timing(
    session: &market_sessions::Model,
    placer: Placer,
    now: DateTime<Utc>,
) -> BookingResult<()> {
    if session.status != SessionStatus::Scheduled {
        return Err(BookingError::SessionCancelled);
    }
    if now >= session.ends_at {
        return Err(BookingError::SessionPast);
    }
    if placer == Placer::Chooser && now >= session.starts_at {
        return Err(BookingError::SessionStarted);
    }
    Ok(())
}

/// Whether a category needs a health certificate / a smoky zone in this market.
pub async fn category_flags(
    db: &impl ConnectionTrait,
    market_id: i32,
    category: &str,
) -> Result<(bool, bool), DbErr> {
    let row = market_categories::Entity::find()
        .filter(market_categories::Column::MarketId.eq(market_id))
        .filter(market_categories::Column::Name.eq(category))
        .one(db)
        .await?;
    Ok(match row {
        Some(c) => (c.food, c.smoky),
        None => {
            crate::vendors::categories::find(category).map_or((false, false), |c| (c.food, c.smoky))
        }
    })
}

/// The vendor's approved application covering this session, if any. A vendor whose approved
/// applications reach the session's day but none its segment is refused with
/// `segment_not_applied` (分时段经营); a vendor with none for that day is a walk-up.
async fn approved_application(
    db: &impl ConnectionTrait,
    vendor_id: i32,
    session: &market_sessions::Model,
) -> BookingResult<Option<applications::Model>> {
    let apps = applications::Entity::find()
        .filter(applications::Column::VendorId.eq(vendor_id))
        .filter(applications::Column::MarketId.eq(session.market_id))
        .filter(applications::Column::Status.eq(ApplicationStatus::Approved))
        .filter(applications::Column::DateFrom.lte(session.business_date))
        .filter(applications::Column::DateTo.gte(session.business_date))
        .order_by_asc(applications::Column::Id)
        .all(db)
        .await?;
    let mut other_segment = false;
    for app in apps {
        match covers(&Coverage::of(&app), session.business_date, &session.segment) {
            Ok(()) => return Ok(Some(app)),
            Err(NotCovered::Segment) => other_segment = true,
            Err(NotCovered::Dates | NotCovered::Weekday) => {}
        }
    }
    if other_segment {
        return Err(BookingError::SegmentNotApplied);
    }
    Ok(None)
}

/// A session's id and hours, as the overlap rule needs them.
#[derive(Debug, Clone, Copy)]
struct Hours {
    id: i32,
    starts_at: chrono::DateTime<Utc>,
    ends_at: chrono::DateTime<Utc>,
}

impl Hours {
    fn of(s: &market_sessions::Model) -> Hours {
        Hours {
            id: s.id,
            starts_at: s.starts_at,
            ends_at: s.ends_at,
        }
    }
}

/// Whether the vendor holds a stall in another scheduled session at `session`'s hours (a
/// waitlist offer is not made to someone who could not take it).
pub async fn vendor_busy_at(
    db: &impl ConnectionTrait,
    vendor_id: i32,
    session: &market_sessions::Model,
) -> Result<bool, DbErr> {
    busy_elsewhere(db, vendor_id, Hours::of(session)).await
}

/// Whether the vendor holds a stall in another scheduled session whose hours overlap this
/// one's: at another site (a site's sessions never overlap), one person cannot be at both.
async fn busy_elsewhere(
    db: &impl ConnectionTrait,
    vendor_id: i32,
    session: Hours,
) -> Result<bool, DbErr> {
    let clash = bookings::Entity::find()
        .join(JoinType::InnerJoin, bookings::Relation::Session.def())
        .filter(bookings::Column::VendorId.eq(vendor_id))
        .filter(bookings::Column::SessionId.ne(session.id))
        .filter(market_sessions::Column::Status.eq(SessionStatus::Scheduled))
        .filter(market_sessions::Column::StartsAt.lt(session.ends_at))
        .filter(market_sessions::Column::EndsAt.gt(session.starts_at))
        .count(db)
        .await?;
    Ok(clash > 0)
}

/// The application a booking serves: the one named (a waitlist offer's), which must cover the
/// session, else the vendor's approved one.
async fn serving_application(
    db: &impl ConnectionTrait,
    b: &Booking<'_>,
) -> BookingResult<Option<applications::Model>> {
    let Some(app) = b.application else {
        return approved_application(db, b.vendor.id, b.session).await;
    };
    match covers(
        &Coverage::of(app),
        b.session.business_date,
        &b.session.segment,
    ) {
        Ok(()) => Ok(Some(app.clone())),
        Err(NotCovered::Segment) => Err(BookingError::SegmentNotApplied),
        Err(NotCovered::Dates | NotCovered::Weekday) => Err(BookingError::SessionNotApplied),
    }
}

/// Everything one booking needs, already loaded.
pub struct Booking<'a> {
    /// The session.
    pub session: &'a market_sessions::Model,
    /// The stall.
    pub stall: &'a stalls::Model,
    /// The vendor.
    pub vendor: &'a vendors::Model,
    /// The application it serves, if known (else the vendor's approved one is linked).
    pub application: Option<&'a applications::Model>,
    /// Who places it.
    pub placer: Placer,
    /// The acting user.
    pub actor: i32,
}

/// A booking that passed every rule, ready to insert.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The session (its id and hours: the overlap rule is asked again under the lock).
    session: Hours,
    stall_id: i32,
    vendor_id: i32,
    application_id: Option<i32>,
    placer: Placer,
    actor: i32,
}

/// Checks one stall-session for one vendor and inserts the booking; audited.
pub async fn book(db: &impl ConnectionTrait, b: Booking<'_>) -> BookingResult<bookings::Model> {
    let checked = check(db, &b).await?;
    insert(db, &checked).await
}

/// Every rule of a booking but the ones the database decides (stall free, vendor not yet
/// booked): reads only, so a caller may run it before taking the write lock and keep the
/// lock for [`insert`] alone.
pub async fn check(db: &impl ConnectionTrait, b: &Booking<'_>) -> BookingResult<Checked> {
    check_timing(b.session, b.placer, Utc::now())?;
    if b.stall.site_id != b.session.site_id {
        return Err(BookingError::StallNotOnSite);
    }
    check_stall_active(b.stall)?;
    let linked = serving_application(db, b).await?;
    // Managers may place a walk-up vendor, and an offer was the market's own choice; a vendor
    // choosing for themselves needs an approved application that covers the session
    // (DESIGN §6), or self-selection would skip the review.
    if b.placer == Placer::Chooser && linked.is_none() {
        return Err(BookingError::NotApplied);
    }
    if busy_elsewhere(db, b.vendor.id, Hours::of(b.session)).await? {
        return Err(BookingError::BusyElsewhere);
    }
    // Every way onto a stall (a manager's placing, a waitlist offer accepted, last season's
    // stall taken again) stops at a suspension running on the night.
    crate::conduct::demerits::require_not_suspended(db, b.vendor.id, b.session.business_date)
        .await?;
    let category = linked
        .as_ref()
        .map_or(b.vendor.category.clone(), |a| a.category.clone());
    let (food, smoky) = category_flags(db, b.session.market_id, &category).await?;
    if food && !crate::vendors::health_cert_valid(b.vendor, b.session.business_date) {
        return Err(BookingError::HealthCertExpired);
    }
    if smoky && b.stall.zone != Some(ZoneKind::Smoky) {
        return Err(BookingError::SmokyZoneRequired);
    }
    Ok(Checked {
        session: Hours::of(b.session),
        stall_id: b.stall.id,
        vendor_id: b.vendor.id,
        application_id: linked.as_ref().map(|a| a.id),
        placer: b.placer,
        actor: b.actor,
    })
}

/// 422 `stall_disabled` unless the stall is in use.
pub fn check_stall_active(stall: &stalls::Model) -> BookingResult<()> {
    if stall.status != StallStatus::Active {
        return Err(BookingError::StallDisabled);
    }
    Ok(())
}

/// Inserts a checked booking and its audit row. The insert itself re-checks, in the same
/// statement, that the session is still scheduled and the stall still active (a manager may
/// have cancelled or disabled it since [`check`]); the unique indexes decide the rest.
pub async fn insert(db: &impl ConnectionTrait, c: &Checked) -> BookingResult<bookings::Model> {
    // One vendor's bookings go one at a time, and the session is share-locked against a
    // cancellation (which waits for this commit, then cancels this booking too, or went first
    // and the insert below finds the session cancelled). Then the overlap rule is asked again:
    // checked before the lock, two sessions at the same hours could both pass it.
    crate::db::lock_rows(db, "vendors", &[c.vendor_id], crate::db::RowLock::Update).await?;
    crate::db::lock_rows(
        db,
        "market_sessions",
        &[c.session.id],
        crate::db::RowLock::Share,
    )
    .await?;
    if busy_elsewhere(db, c.vendor_id, c.session).await? {
        return Err(BookingError::BusyElsewhere);
    }
    // Gas and power: read under the write lock, so racing bookings cannot overload a circuit.
    super::power::check(db, c.session.id, c.stall_id, c.vendor_id).await?;
    let now = Utc::now();
    let mut sql = Sql::new(db.get_database_backend());
    sql.push(
        "INSERT INTO bookings \
         (session_id, stall_id, vendor_id, application_id, status, created_by, created_at) SELECT ",
    )
    .bind(c.session.id)
    .push(", ")
    .bind(c.stall_id)
    .push(", ")
    .bind(c.vendor_id)
    .push(", ")
    .bind(c.application_id)
    .push(", ")
    .bind(BookingStatus::Booked)
    .push(", ")
    .bind(c.actor)
    .push(", ")
    .bind(now)
    .push(" WHERE EXISTS (SELECT 1 FROM market_sessions WHERE id = ")
    .bind(c.session.id)
    .push(" AND status = ")
    .bind(SessionStatus::Scheduled)
    .push(") AND EXISTS (SELECT 1 FROM stalls WHERE id = ")
    .bind(c.stall_id)
    .push(" AND status = ")
    .bind(StallStatus::Active)
    .push(") RETURNING id");
    let row = db.query_one_raw(sql.build()).await?;
    let Some(row) = row else {
        return Err(why_not_inserted(db, c).await);
    };
    let booking = bookings::Model {
        id: row.try_get_by_index(0)?,
        session_id: c.session.id,
        stall_id: c.stall_id,
        vendor_id: c.vendor_id,
        application_id: c.application_id,
        status: BookingStatus::Booked,
        checked_in_at: None,
        created_by: Some(c.actor),
        created_at: now,
    };
    audit::record(
        db,
        Change {
            actor: Some(c.actor),
            entity: "booking",
            entity_id: Some(booking.id),
            action: "create",
            before: None,
            after: Some(snapshot(&booking)),
        },
    )
    .await?;
    Ok(booking)
}

/// The error for an insert its own re-check refused: the session or stall as they are now.
async fn why_not_inserted(db: &impl ConnectionTrait, c: &Checked) -> BookingError {
    let session = match session_for_booking(db, c.session.id, false).await {
        Ok(s) => s,
        Err(e) => return e,
    };
    if let Err(e) = check_timing(&session, c.placer, Utc::now()) {
        return e;
    }
    match super::queries::find_stall(db, c.stall_id).await {
        Ok(Some(stall)) => check_stall_active(&stall).err(),
        Ok(None) => Some(BookingError::UnknownStall),
        Err(e) => Some(e.into()),
    }
    .unwrap_or(BookingError::StallTaken)
}

/// A booking as the audit log records it.
pub fn snapshot(b: &bookings::Model) -> serde_json::Value {
    json!({
        "session_id": b.session_id,
        "stall_id": b.stall_id,
        "vendor_id": b.vendor_id,
        "application_id": b.application_id,
        "status": b.status,
        "checked_in_at": b.checked_in_at,
    })
}
