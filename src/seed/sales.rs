//! The demo's nightly sales: every checked-in booking of a past session gets a plausible
//! report — sales by trade (food stalls take most), vouchers redeemed on about a third of the
//! nights, a helper or two at some stalls — from a fixed formula of the booking, so the same
//! seed always gives the same figures. The night market asks for reports (reminders on).

use chrono::Utc;
use entity::sales_reports::{self, SalesReporting};
use entity::{applications, bookings, markets};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set,
};
use std::collections::HashMap;

/// A small deterministic mix of two numbers (a SplitMix64 step).
fn mix(a: u64, b: u64) -> u64 {
    let mut z = a.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ b.wrapping_add(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A night's sales in fen for a trade: a typical take and a spread, to the jiao.
fn sales_fen(category: &str, h: u64) -> i64 {
    let (base, spread) = match category {
        "小吃餐饮" => (90_000, 120_000),
        "农副产品" => (40_000, 60_000),
        "服装百货" => (50_000, 90_000),
        "手工文创" => (25_000, 50_000),
        _ => (20_000, 30_000),
    };
    (base + (h % spread) as i64) / 10 * 10
}

/// Reports for the checked-in bookings of past sessions, and the night market's setting.
pub async fn seed_sales(db: &impl ConnectionTrait, night_market: i32) -> anyhow::Result<()> {
    let now = Utc::now();
    let categories: HashMap<i32, String> = applications::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.category))
        .collect();
    let checked = bookings::Entity::find()
        .filter(bookings::Column::CheckedInAt.is_not_null())
        .order_by_asc(bookings::Column::Id)
        .all(db)
        .await?;
    let mut rows = Vec::new();
    for b in checked
        .iter()
        .filter(|b| b.checked_in_at.is_some_and(|t| t < now))
    {
        let h = mix(b.id as u64, b.vendor_id as u64);
        let category = b
            .application_id
            .and_then(|a| categories.get(&a))
            .map_or("便民服务", String::as_str);
        let sales = sales_fen(category, h);
        let voucher = if h.is_multiple_of(3) {
            sales / 10 / 100 * 100
        } else {
            0
        };
        let helpers = match (h >> 8) % 10 {
            0..=5 => 0,
            6..=8 => 1,
            _ => 2,
        };
        let filed = b.checked_in_at.unwrap_or(now) + chrono::Duration::hours(4);
        rows.push(sales_reports::ActiveModel {
            booking_id: Set(b.id),
            session_id: Set(b.session_id),
            vendor_id: Set(b.vendor_id),
            application_id: Set(b.application_id),
            sales_fen: Set(sales),
            voucher_fen: Set(voucher),
            helpers: Set(helpers),
            flagged: Set(false),
            created_by: Set(None),
            created_at: Set(filed.min(now)),
            updated_by: Set(None),
            updated_at: Set(None),
            ..Default::default()
        });
    }
    for chunk in rows.chunks(200) {
        sales_reports::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    if let Some(m) = markets::Entity::find_by_id(night_market).one(db).await? {
        let mut active = m.into_active_model();
        active.sales_reporting = Set(SalesReporting::Required);
        active.update(db).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_booking_always_gets_the_same_figures() {
        assert_eq!(mix(7, 3), mix(7, 3));
        assert_ne!(mix(7, 3), mix(3, 7));
        let s = sales_fen("小吃餐饮", mix(7, 3));
        assert!((90_000..210_000).contains(&s) && s % 10 == 0);
    }
}
