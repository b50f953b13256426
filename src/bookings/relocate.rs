//! Moving a booking to another stall of the same session (a manager's fix on the night: a
//! broken awning, a power need, two neighbours who quarrel). The database decides whether the
//! new stall is free: the unique (session, stall) index refuses the update → 409 `stall_taken`,
//! so two managers moving two vendors onto one stall at once cannot both win.

use super::{place, queries};
use crate::audit::{self, Change};
use crate::error::{AppError, AppResult};
use crate::i18n::{Msg, texts::bookings as t, texts::documents as td};
use crate::identity::{CurrentUser, Role};
use crate::markets::access;
use crate::notices::{self, Outgoing};
use chrono::Utc;
use entity::permits;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, Set,
    sea_query::Expr,
};

/// Moves booking `id` to `stall_id`; returns the moved booking as the API shows it and the
/// notice for the vendor (delivered after the commit). Audited before → after.
pub async fn relocate(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i32,
    stall_id: i32,
) -> AppResult<(queries::BookingItem, Vec<Outgoing>)> {
    let (booking, session, market) = queries::booking_in_market(db, id).await?;
    match user.role {
        // A vendor learns nothing about other people's bookings.
        Role::Vendor => return Err(AppError::NotFound),
        Role::Bureau => return Err(AppError::Forbidden),
        Role::Admin | Role::Manager => access::require_manage(db, user, &market).await?,
    }
    // The same rules as placing a booking by staff: scheduled, not yet over.
    place::check_timing(&session, place::Placer::Staff, Utc::now())?;
    let stall = queries::find_stall(db, stall_id)
        .await?
        .ok_or_else(|| AppError::invalid("unknown_stall", "stall_id", t::STALL_UNKNOWN))?;
    if stall.site_id != session.site_id {
        return Err(AppError::invalid(
            "stall_not_on_site",
            "stall_id",
            t::STALL_ELSEWHERE,
        ));
    }
    if stall.status != "active" {
        return Err(AppError::invalid(
            "stall_disabled",
            "stall_id",
            t::STALL_DISABLED,
        ));
    }
    if stall.id == booking.stall_id {
        return Err(AppError::invalid("same_stall", "stall_id", td::SAME_STALL));
    }
    let vendor = queries::find_vendor(db, booking.vendor_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let category = match booking.application_id {
        Some(app_id) => entity::applications::Entity::find_by_id(app_id)
            .one(db)
            .await?
            .map_or(vendor.category.clone(), |a| a.category),
        None => vendor.category.clone(),
    };
    let (_, smoky) = place::category_flags(db, session.market_id, &category).await?;
    if smoky && stall.zone.as_deref() != Some("smoky") {
        return Err(AppError::invalid(
            "smoky_zone_required",
            "stall_id",
            t::SMOKY,
        ));
    }
    let old_stall = queries::find_stall(db, booking.stall_id).await?;
    let before = place::snapshot(&booking);
    let mut active = booking.into_active_model();
    active.stall_id = Set(stall.id);
    let moved = active.update(db).await.map_err(place::map_booking_error)?;
    // The permit behind the vendor's QR code names the stall: it follows the booking.
    permits::Entity::update_many()
        .col_expr(permits::Column::StallId, Expr::value(stall.id))
        .filter(permits::Column::BookingId.eq(moved.id))
        .exec(db)
        .await?;
    audit::record(
        db,
        Change {
            actor: Some(user.id),
            entity: "booking",
            entity_id: Some(moved.id),
            action: "move",
            before: Some(before),
            after: Some(place::snapshot(&moved)),
        },
    )
    .await?;
    let from = old_stall.map_or_else(String::new, |s| s.code);
    let when = format!("{} {}", session.business_date, session.segment);
    let notice = notices::write(
        db,
        vendor.user_id,
        "booking_moved",
        Msg::new(
            format!(
                "您在 {when} 的摊位已由管理员从 {from} 调整到 {}。",
                stall.code
            ),
            format!(
                "Your stall for {when} was moved by the market manager from {from} to {}.",
                stall.code
            ),
        ),
    )
    .await?;
    let mut items = queries::items(db, &session, vec![moved]).await?;
    let item = items.pop().ok_or(AppError::NotFound)?;
    Ok((item, vec![notice]))
}
