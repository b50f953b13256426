//! Permits: one per booking, behind a QR code that encodes a public verification URL with an
//! unguessable token. The verification page shows only what a passer-by needs to trust a
//! stall — never a phone or ID number.

mod pages;

// Handlers stay inside the feature; the app mounts its routes through these.
pub use pages::routes as page_routes;

use chrono::Utc;
use entity::{bookings, permits};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// Random bytes in a permit or feed token (256 bits).
pub const TOKEN_BYTES: usize = 32;

/// The permit of a booking, issued on first use.
pub async fn ensure(
    db: &impl ConnectionTrait,
    booking: &bookings::Model,
) -> Result<permits::Model, sea_orm::DbErr> {
    if let Some(p) = find_by_booking(db, booking.id).await? {
        return Ok(p);
    }
    let inserted = permits::ActiveModel {
        booking_id: Set(booking.id),
        session_id: Set(booking.session_id),
        stall_id: Set(booking.stall_id),
        vendor_id: Set(booking.vendor_id),
        token: Set(crate::web::random_token(TOKEN_BYTES)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await;
    match inserted {
        Ok(p) => Ok(p),
        // Two tabs opened the permit at once: the other one's row wins.
        Err(e) => find_by_booking(db, booking.id).await?.ok_or(e),
    }
}

/// The permit issued for a booking, if any.
pub async fn find_by_booking(
    db: &impl ConnectionTrait,
    booking_id: i32,
) -> Result<Option<permits::Model>, sea_orm::DbErr> {
    permits::Entity::find()
        .filter(permits::Column::BookingId.eq(booking_id))
        .one(db)
        .await
}
