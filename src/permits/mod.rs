//! Permits: one per booking, behind a QR code that encodes a public verification URL with an
//! unguessable token. The verification page shows only what a passer-by needs to trust a
//! stall — never a phone or ID number.

pub mod pages;

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

/// A person's name with all but the first and last characters hidden: 张*兰, 李*, 欧**锋.
pub fn mask_name(name: &str) -> String {
    let chars: Vec<char> = name.trim().chars().collect();
    match chars.len() {
        0 => String::new(),
        1 => chars[0].to_string(),
        2 => format!("{}*", chars[0]),
        n => format!("{}{}{}", chars[0], "*".repeat(n - 2), chars[n - 1]),
    }
}

#[cfg(test)]
mod tests {
    use super::mask_name;

    #[test]
    fn a_three_character_name_keeps_its_first_and_last_character() {
        assert_eq!(mask_name("张美兰"), "张*兰");
    }

    #[test]
    fn short_and_long_names_are_masked_too() {
        assert_eq!(mask_name("李明"), "李*");
        assert_eq!(mask_name("王"), "王");
        assert_eq!(mask_name("欧阳小锋"), "欧**锋");
        assert_eq!(mask_name(""), "");
    }
}
