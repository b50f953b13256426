//! A vendor's upcoming bookings with what the pages and the calendar feed need.

use crate::error::AppResult;
use chrono::{DateTime, Utc};
use entity::market_sessions::SessionStatus;
use entity::{bookings, market_sessions, markets, sites, stalls};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

/// One booked stall-session.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The booking.
    pub booking_id: i32,
    /// The session.
    pub session_id: i32,
    /// Business date.
    pub date: chrono::NaiveDate,
    /// Segment name.
    pub segment: String,
    /// Start (UTC).
    pub starts_at: DateTime<Utc>,
    /// End (UTC).
    pub ends_at: DateTime<Utc>,
    /// Market name.
    pub market: String,
    /// Site name.
    pub site: String,
    /// Stall code.
    pub stall_code: String,
    /// Whether the session still takes place.
    pub session_status: SessionStatus,
    /// When the booking was made.
    pub booked_at: DateTime<Utc>,
}

/// The vendor's live bookings whose session ends after `after`, by start time.
pub async fn upcoming(
    db: &impl ConnectionTrait,
    vendor_id: i32,
    after: Option<DateTime<Utc>>,
) -> AppResult<Vec<Entry>> {
    let rows = bookings::Entity::find()
        .filter(bookings::Column::VendorId.eq(vendor_id))
        .all(db)
        .await?;
    let session_ids: Vec<i32> = rows.iter().map(|b| b.session_id).collect();
    let mut sessions =
        market_sessions::Entity::find().filter(market_sessions::Column::Id.is_in(session_ids));
    if let Some(after) = after {
        sessions = sessions.filter(market_sessions::Column::EndsAt.gt(after));
    }
    let sessions: HashMap<i32, market_sessions::Model> = sessions
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let markets: HashMap<i32, String> = markets::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m.name))
        .collect();
    let sites: HashMap<i32, String> = sites::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let stall_ids: Vec<i32> = rows.iter().map(|b| b.stall_id).collect();
    let codes: HashMap<i32, String> = stalls::Entity::find()
        .filter(stalls::Column::Id.is_in(stall_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.code))
        .collect();
    let mut out: Vec<Entry> = rows
        .into_iter()
        .filter_map(|b| {
            let s = sessions.get(&b.session_id)?;
            Some(Entry {
                booking_id: b.id,
                session_id: s.id,
                date: s.business_date,
                segment: s.segment.clone(),
                starts_at: s.starts_at,
                ends_at: s.ends_at,
                market: markets.get(&s.market_id).cloned().unwrap_or_default(),
                site: sites.get(&s.site_id).cloned().unwrap_or_default(),
                stall_code: codes.get(&b.stall_id).cloned().unwrap_or_default(),
                session_status: s.status,
                booked_at: b.created_at,
            })
        })
        .collect();
    out.sort_by_key(|e| (e.starts_at, e.booking_id));
    Ok(out)
}
