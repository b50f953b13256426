//! Moving a booking to another stall of the same session (a manager's fix on the night: a
//! broken awning, a power need, two neighbours who quarrel). The database decides whether the
//! new stall is free: the unique (session, stall) index refuses the update → 409 `stall_taken`,
//! so two managers moving two vendors onto one stall at once cannot both win.

use super::error::BookingError;
use super::{place, queries};
use crate::audit::{self, Change};
use crate::error::{AppError, AppResult};
use crate::i18n::{Msg, texts::documents as td};
use crate::identity::{CurrentUser, Role};
use crate::markets::access;
use crate::notices::{self, Outgoing};
use chrono::Utc;
use entity::permits;
use entity::zones::ZoneKind;
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
        .ok_or(BookingError::UnknownStall)?;
    if stall.site_id != session.site_id {
        return Err(BookingError::StallNotOnSite.into());
    }
    place::check_stall_active(&stall)?;
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
    if smoky && stall.zone != Some(ZoneKind::Smoky) {
        return Err(BookingError::SmokyZoneRequired.into());
    }
    // Gas and power as for a new booking: the new stall's circuit must carry this vendor's
    // watts (their own load on the old stall is not counted twice).
    super::power::check(db, session.id, stall.id, vendor.id).await?;
    let old_stall = queries::find_stall(db, booking.stall_id).await?;
    let before = place::snapshot(&booking);
    let vacated = booking.stall_id;
    let mut active = booking.into_active_model();
    active.stall_id = Set(stall.id);
    let moved = active.update(db).await.map_err(BookingError::from)?;
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
    let when = super::cancel::night_in_market(db, &session).await?;
    let notice = notices::write(
        db,
        vendor.user_id,
        "booking_moved",
        Msg::with(
            "bookings-notice-moved",
            [
                ("when", when.into()),
                ("from", from.into()),
                ("to", (&stall.code).into()),
            ],
        ),
    )
    .await?;
    // An open waitlist offer of the stall moved onto lapses, as when a manager places someone.
    let mut out = vec![notice];
    out.extend(super::offers::supersede(db, &[(session.id, stall.id)], vendor.id, user.id).await?);
    // The stall left behind is free: offered to the waitlist, as any freed stall is.
    out.extend(super::offers::offer_next(db, &session, vacated, Utc::now()).await?);
    let mut items = queries::items(db, &session, vec![moved]).await?;
    let item = items.pop().ok_or(AppError::NotFound)?;
    Ok((item, out))
}
