//! Placing bookings. The database decides who wins a stall: unique (session, stall) and unique
//! (session, vendor) on `bookings`; a refused insert becomes 409 `stall_taken` or
//! `vendor_already_booked`. Nothing here checks-then-inserts to decide a conflict.

use crate::audit::{self, Change};
use crate::auth::{CurrentUser, Role};
use crate::db::{DbFailure, classify};
use crate::error::{AppError, AppResult};
use crate::i18n::texts::bookings as t;
use crate::markets::{access, queries as mq, schedule};
use chrono::{DateTime, NaiveDate, Utc};
use entity::{
    applications, bookings, market_categories, market_sessions, markets, stalls, vendors,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set, TransactionTrait,
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

/// Whether the vendor's health certificate is valid on `date`.
pub fn health_cert_valid(vendor: &vendors::Model, date: NaiveDate) -> bool {
    vendor.health_cert_expires.is_some_and(|exp| exp >= date)
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

/// Checks one stall-session for one vendor and inserts the booking; audited.
pub async fn book(db: &impl ConnectionTrait, b: Booking<'_>) -> AppResult<bookings::Model> {
    let now = Utc::now();
    check_timing(b.session, b.placer, now)?;
    if b.stall.site_id != b.session.site_id {
        return Err(AppError::invalid(
            "stall_not_on_site",
            "stall_id",
            t::STALL_ELSEWHERE,
        ));
    }
    if b.stall.status != "active" {
        return Err(AppError::invalid(
            "stall_disabled",
            "stall_id",
            t::STALL_DISABLED,
        ));
    }
    let linked = match b.application {
        Some(a) => Some(a.clone()),
        None => approved_application(db, b.vendor.id, b.session).await?,
    };
    let category = linked
        .as_ref()
        .map_or(b.vendor.category.clone(), |a| a.category.clone());
    let (food, smoky) = category_flags(db, b.session.market_id, &category).await?;
    if food && !health_cert_valid(b.vendor, b.session.business_date) {
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
    let booking = bookings::ActiveModel {
        session_id: Set(b.session.id),
        stall_id: Set(b.stall.id),
        vendor_id: Set(b.vendor.id),
        application_id: Set(linked.as_ref().map(|a| a.id)),
        status: Set("booked".to_owned()),
        checked_in_at: Set(None),
        created_by: Set(Some(b.actor)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(map_booking_error)?;
    audit::record(
        db,
        Change {
            actor: Some(b.actor),
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
