//! Placing bookings. The database decides who wins a stall: unique (session, stall) and unique
//! (session, vendor) on `bookings`; a refused insert becomes 409 `stall_taken` or
//! `vendor_already_booked`. Nothing here checks-then-inserts to decide a conflict.

use crate::audit::{self, Change};
use crate::db::{DbFailure, Sql, classify};
use crate::error::{AppError, AppResult};
use crate::i18n::texts::bookings as t;
use crate::identity::{CurrentUser, Role};
use crate::markets::{access, queries as mq, schedule};
use chrono::{DateTime, NaiveDate, Utc};
use entity::{
    applications, bookings, market_categories, market_sessions, markets, stalls, vendors,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait, QueryFilter, QueryOrder,
    TransactionTrait,
};
use serde_json::json;

/// Who is placing the booking, which decides the timing rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placer {
    /// A manager or admin: may place a walk-up vendor until the session ends.
    Staff,
    /// The vendor themselves (self-selection or accepting an offer): only before it starts.
    Vendor,
}

/// Maps a refused booking insert to the 409 a user understands.
pub fn map_booking_error(err: DbErr) -> AppError {
    match classify(&err) {
        DbFailure::Conflict(message) if message.contains("stall") => {
            AppError::conflict("stall_taken", t::STALL_TAKEN)
        }
        DbFailure::Conflict(message) if message.contains("vendor") => {
            AppError::conflict("vendor_already_booked", t::VENDOR_ALREADY_BOOKED)
        }
        _ => err.into(),
    }
}

/// The session, 422 when unknown.
pub async fn session_for_booking(
    db: &impl ConnectionTrait,
    id: i32,
) -> AppResult<market_sessions::Model> {
    mq::find_session(db, id).await?.ok_or_else(|| {
        AppError::invalid(
            "unknown_session",
            "session_id",
            crate::i18n::texts::markets::SESSION_UNKNOWN,
        )
    })
}

/// Checks that `user` may book `vendor_id` in `market` (403 otherwise).
pub async fn authorize(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    market: &markets::Model,
    vendor_id: i32,
) -> AppResult<Placer> {
    match user.role {
        Role::Admin | Role::Manager => {
            access::require_manage(db, user, market).await?;
            Ok(Placer::Staff)
        }
        Role::Bureau => Err(AppError::Forbidden),
        Role::Vendor => {
            if user.vendor_id != Some(vendor_id) {
                return Err(AppError::Forbidden);
            }
            if !market.self_select {
                return Err(AppError::Forbidden);
            }
            Ok(Placer::Vendor)
        }
    }
}

/// The timing rules: not cancelled, not ended; vendors only before the start.
pub fn check_timing(
    session: &market_sessions::Model,
    placer: Placer,
    now: DateTime<Utc>,
) -> AppResult<()> {
    if session.status != "scheduled" {
        return Err(AppError::invalid(
            "session_cancelled",
            "session_id",
            t::SESSION_CANCELLED,
        ));
    }
    if now >= session.ends_at {
        return Err(AppError::invalid(
            "session_past",
            "session_id",
            t::SESSION_PAST,
        ));
    }
    if placer == Placer::Vendor && now >= session.starts_at {
        return Err(AppError::invalid(
            "session_started",
            "session_id",
            t::SESSION_STARTED,
        ));
    }
    Ok(())
}

/// Whether a category needs a health certificate / a smoky zone in this market.
pub async fn category_flags(
    db: &impl ConnectionTrait,
    market_id: i32,
    category: &str,
) -> AppResult<(bool, bool)> {
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

/// The vendor's approved application covering this session, if any.
async fn approved_application(
    db: &impl ConnectionTrait,
    vendor_id: i32,
    session: &market_sessions::Model,
) -> AppResult<Option<applications::Model>> {
    let apps = applications::Entity::find()
        .filter(applications::Column::VendorId.eq(vendor_id))
        .filter(applications::Column::MarketId.eq(session.market_id))
        .filter(applications::Column::Status.eq("approved"))
        .filter(applications::Column::DateFrom.lte(session.business_date))
        .filter(applications::Column::DateTo.gte(session.business_date))
        .order_by_asc(applications::Column::Id)
        .all(db)
        .await?;
    Ok(apps.into_iter().find(|a| {
        let weekdays: Vec<u8> = serde_json::from_str(&a.weekdays).unwrap_or_default();
        schedule::weekday_matches(session.business_date, &weekdays)
    }))
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
    session_id: i32,
    stall_id: i32,
    vendor_id: i32,
    application_id: Option<i32>,
    placer: Placer,
    actor: i32,
}

/// Checks one stall-session for one vendor and inserts the booking; audited.
pub async fn book(db: &impl ConnectionTrait, b: Booking<'_>) -> AppResult<bookings::Model> {
    let checked = check(db, &b).await?;
    insert(db, &checked).await
}

/// Every rule of a booking but the ones the database decides (stall free, vendor not yet
/// booked): reads only, so a caller may run it before taking the write lock and keep the
/// lock for [`insert`] alone.
pub async fn check(db: &impl ConnectionTrait, b: &Booking<'_>) -> AppResult<Checked> {
    check_timing(b.session, b.placer, Utc::now())?;
    if b.stall.site_id != b.session.site_id {
        return Err(AppError::invalid(
            "stall_not_on_site",
            "stall_id",
            t::STALL_ELSEWHERE,
        ));
    }
    check_stall_active(b.stall)?;
    let linked = match b.application {
        Some(a) => Some(a.clone()),
        None => approved_application(db, b.vendor.id, b.session).await?,
    };
    let category = linked
        .as_ref()
        .map_or(b.vendor.category.clone(), |a| a.category.clone());
    let (food, smoky) = category_flags(db, b.session.market_id, &category).await?;
    if food && !crate::vendors::health_cert_valid(b.vendor, b.session.business_date) {
        return Err(AppError::invalid(
            "health_cert_expired",
            "vendor_id",
            t::HEALTH_CERT,
        ));
    }
    if smoky && b.stall.zone.as_deref() != Some("smoky") {
        return Err(AppError::invalid(
            "smoky_zone_required",
            "stall_id",
            t::SMOKY,
        ));
    }
    Ok(Checked {
        session_id: b.session.id,
        stall_id: b.stall.id,
        vendor_id: b.vendor.id,
        application_id: linked.as_ref().map(|a| a.id),
        placer: b.placer,
        actor: b.actor,
    })
}

/// 422 `stall_disabled` unless the stall is in use.
fn check_stall_active(stall: &stalls::Model) -> AppResult<()> {
    if stall.status != "active" {
        return Err(AppError::invalid(
            "stall_disabled",
            "stall_id",
            t::STALL_DISABLED,
        ));
    }
    Ok(())
}

/// Inserts a checked booking and its audit row. The insert itself re-checks, in the same
/// statement, that the session is still scheduled and the stall still active (a manager may
/// have cancelled or disabled it since [`check`]); the unique indexes decide the rest.
pub async fn insert(db: &impl ConnectionTrait, c: &Checked) -> AppResult<bookings::Model> {
    let now = Utc::now();
    let mut sql = Sql::new(db.get_database_backend());
    sql.push(
        "INSERT INTO bookings \
         (session_id, stall_id, vendor_id, application_id, status, created_by, created_at) SELECT ",
    )
    .bind(c.session_id)
    .push(", ")
    .bind(c.stall_id)
    .push(", ")
    .bind(c.vendor_id)
    .push(", ")
    .bind(c.application_id)
    .push(", 'booked', ")
    .bind(c.actor)
    .push(", ")
    .bind(now)
    .push(" WHERE EXISTS (SELECT 1 FROM market_sessions WHERE id = ")
    .bind(c.session_id)
    .push(" AND status = 'scheduled') AND EXISTS (SELECT 1 FROM stalls WHERE id = ")
    .bind(c.stall_id)
    .push(" AND status = 'active') RETURNING id");
    let row = db
        .query_one_raw(sql.build())
        .await
        .map_err(map_booking_error)?;
    let Some(row) = row else {
        return Err(why_not_inserted(db, c).await);
    };
    let booking = bookings::Model {
        id: row.try_get_by_index(0)?,
        session_id: c.session_id,
        stall_id: c.stall_id,
        vendor_id: c.vendor_id,
        application_id: c.application_id,
        status: "booked".to_owned(),
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
async fn why_not_inserted(db: &impl ConnectionTrait, c: &Checked) -> AppError {
    let session = match session_for_booking(db, c.session_id).await {
        Ok(s) => s,
        Err(e) => return e,
    };
    if let Err(e) = check_timing(&session, c.placer, Utc::now()) {
        return e;
    }
    match super::queries::find_stall(db, c.stall_id).await {
        Ok(Some(stall)) => check_stall_active(&stall).err(),
        Ok(None) => Some(AppError::invalid(
            "unknown_stall",
            "stall_id",
            t::STALL_UNKNOWN,
        )),
        Err(e) => Some(e.into()),
    }
    .unwrap_or_else(|| AppError::conflict("stall_taken", t::STALL_TAKEN))
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

/// A session the range form skipped, and why.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Skipped {
    /// The session.
    pub session_id: i32,
    /// Its business date.
    pub date: String,
    /// The machine code of the reason (`stall_taken`, `vendor_already_booked`, …).
    pub code: String,
}

/// Books the same stall for the same vendor in the later sessions of the same market, site
/// and segment up to `until`, wherever free. Each attempt runs in its own savepoint.
pub async fn book_range(
    db: &DatabaseTransaction,
    first: &market_sessions::Model,
    until: NaiveDate,
    stall: &stalls::Model,
    vendor: &vendors::Model,
    placer: Placer,
    actor: i32,
) -> AppResult<(Vec<i32>, Vec<Skipped>)> {
    let later = market_sessions::Entity::find()
        .filter(market_sessions::Column::MarketId.eq(first.market_id))
        .filter(market_sessions::Column::SiteId.eq(first.site_id))
        .filter(market_sessions::Column::Segment.eq(first.segment.clone()))
        .filter(market_sessions::Column::BusinessDate.gt(first.business_date))
        .filter(market_sessions::Column::BusinessDate.lte(until))
        .order_by_asc(market_sessions::Column::BusinessDate)
        .all(db)
        .await?;
    let (mut ids, mut skipped) = (Vec::new(), Vec::new());
    for session in &later {
        let savepoint = db.begin().await?;
        let attempt = book(
            &savepoint,
            Booking {
                session,
                stall,
                vendor,
                application: None,
                placer,
                actor,
            },
        )
        .await;
        match attempt {
            Ok(b) => {
                savepoint.commit().await?;
                ids.push(b.id);
            }
            Err(e @ (AppError::Conflict { .. } | AppError::Invalid { .. })) => {
                savepoint.rollback().await?;
                skipped.push(Skipped {
                    session_id: session.id,
                    date: session.business_date.to_string(),
                    code: e.code().to_owned(),
                });
            }
            Err(e) => return Err(e),
        }
    }
    Ok((ids, skipped))
}
