//! Market and session queries.

use chrono::{NaiveDate, Utc};
use entity::market_sessions::SessionStatus;
use entity::stalls::StallStatus;
use entity::{bookings, market_categories, market_segments, market_sessions, markets, stalls};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::collections::HashMap;

/// The market with this id.
pub async fn find_market(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Option<markets::Model>, DbErr> {
    markets::Entity::find_by_id(id).one(db).await
}

/// One page of markets by id, and the total.
pub async fn list_markets(
    db: &impl ConnectionTrait,
    limit: u64,
    offset: u64,
) -> Result<(Vec<markets::Model>, u64), DbErr> {
    let total = markets::Entity::find().count(db).await?;
    let items = markets::Entity::find()
        .order_by_asc(markets::Column::Id)
        .limit(limit)
        .offset(offset)
        .all(db)
        .await?;
    Ok((items, total))
}

/// The segments of some markets, in creation order.
pub async fn segments_of(
    db: &impl ConnectionTrait,
    market_ids: &[i32],
) -> Result<Vec<market_segments::Model>, DbErr> {
    market_segments::Entity::find()
        .filter(market_segments::Column::MarketId.is_in(market_ids.to_vec()))
        .order_by_asc(market_segments::Column::Id)
        .all(db)
        .await
}

/// The categories a market admits.
pub async fn categories_of(
    db: &impl ConnectionTrait,
    market_id: i32,
) -> Result<Vec<market_categories::Model>, DbErr> {
    market_categories::Entity::find()
        .filter(market_categories::Column::MarketId.eq(market_id))
        .order_by_asc(market_categories::Column::Id)
        .all(db)
        .await
}

/// The session with this id.
pub async fn find_session(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Option<market_sessions::Model>, DbErr> {
    market_sessions::Entity::find_by_id(id).one(db).await
}

/// The first business date a market's calendar shows by default: today, or yesterday while a
/// night of yesterday's date is still running (at 00:30 a market open until 02:00 is last
/// night's, and a calendar from today hid it).
pub async fn calendar_start(db: &impl ConnectionTrait, market_id: i32) -> Result<NaiveDate, DbErr> {
    let today = crate::clock::today();
    let yesterday = today - chrono::Duration::days(1);
    let running = market_sessions::Entity::find()
        .filter(market_sessions::Column::MarketId.eq(market_id))
        .filter(market_sessions::Column::BusinessDate.eq(yesterday))
        .filter(market_sessions::Column::EndsAt.gt(chrono::Utc::now()))
        .count(db)
        .await?;
    Ok(if running > 0 { yesterday } else { today })
}

/// One page of a market's sessions between two business dates (inclusive), by date then start.
pub async fn list_sessions(
    db: &impl ConnectionTrait,
    market_id: i32,
    from: NaiveDate,
    to: NaiveDate,
    limit: u64,
    offset: u64,
) -> Result<(Vec<market_sessions::Model>, u64), DbErr> {
    let query = market_sessions::Entity::find()
        .filter(market_sessions::Column::MarketId.eq(market_id))
        .filter(market_sessions::Column::BusinessDate.gte(from))
        .filter(market_sessions::Column::BusinessDate.lte(to));
    let total = query.clone().count(db).await?;
    let items = query
        .order_by_asc(market_sessions::Column::BusinessDate)
        .order_by_asc(market_sessions::Column::StartsAt)
        .order_by_asc(market_sessions::Column::Id)
        .limit(limit)
        .offset(offset)
        .all(db)
        .await?;
    Ok((items, total))
}

/// The sessions a manager works tonight: today's (in Minle) and any still running from the
/// day before past midnight, scheduled or called off, of `markets` (every market when None),
/// by start; each with its market's name.
pub async fn todays_sessions(
    db: &impl ConnectionTrait,
    markets: Option<&[i32]>,
    now: chrono::DateTime<Utc>,
) -> Result<Vec<(market_sessions::Model, String)>, DbErr> {
    use sea_orm::Condition;
    let today = now.with_timezone(&crate::clock::shanghai()).date_naive();
    let mut q = market_sessions::Entity::find()
        .find_also_related(markets::Entity)
        .filter(
            Condition::any()
                .add(market_sessions::Column::BusinessDate.eq(today))
                .add(
                    Condition::all()
                        .add(market_sessions::Column::StartsAt.lte(now))
                        .add(market_sessions::Column::EndsAt.gt(now)),
                ),
        );
    if let Some(ids) = markets {
        q = q.filter(market_sessions::Column::MarketId.is_in(ids.iter().copied()));
    }
    Ok(q.order_by_asc(market_sessions::Column::StartsAt)
        .order_by_asc(market_sessions::Column::Id)
        .limit(50)
        .all(db)
        .await?
        .into_iter()
        .map(|(s, m)| (s, m.map(|m| m.name).unwrap_or_default()))
        .collect())
}

/// Active stalls per site.
pub async fn active_stalls_by_site(
    db: &impl ConnectionTrait,
    site_ids: &[i32],
) -> Result<HashMap<i32, u64>, DbErr> {
    let rows: Vec<(i32, i64)> = stalls::Entity::find()
        .select_only()
        .column(stalls::Column::SiteId)
        .column_as(Expr::col(stalls::Column::Id).count(), "n")
        .filter(stalls::Column::SiteId.is_in(site_ids.to_vec()))
        .filter(stalls::Column::Status.eq(StallStatus::Active))
        .group_by(stalls::Column::SiteId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(k, n)| (k, n as u64)).collect())
}

/// Live bookings per session.
pub async fn bookings_by_session(
    db: &impl ConnectionTrait,
    session_ids: &[i32],
) -> Result<HashMap<i32, u64>, DbErr> {
    let rows: Vec<(i32, i64)> = bookings::Entity::find()
        .select_only()
        .column(bookings::Column::SessionId)
        .column_as(Expr::col(bookings::Column::Id).count(), "n")
        .filter(bookings::Column::SessionId.is_in(session_ids.to_vec()))
        .group_by(bookings::Column::SessionId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(k, n)| (k, n as u64)).collect())
}

/// Bookings without check-in per session, counted only for sessions that have started.
pub async fn no_shows_by_session(
    db: &impl ConnectionTrait,
    sessions: &[market_sessions::Model],
) -> Result<HashMap<i32, u64>, DbErr> {
    let now = Utc::now();
    let started: Vec<i32> = sessions
        .iter()
        .filter(|s| s.starts_at <= now && s.status == SessionStatus::Scheduled)
        .map(|s| s.id)
        .collect();
    if started.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(i32, i64)> = bookings::Entity::find()
        .select_only()
        .column(bookings::Column::SessionId)
        .column_as(Expr::col(bookings::Column::Id).count(), "n")
        .filter(bookings::Column::SessionId.is_in(started))
        .filter(bookings::Column::CheckedInAt.is_null())
        .group_by(bookings::Column::SessionId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(k, n)| (k, n as u64)).collect())
}

/// The scheduled sessions these vendors hold a stall in whose hours meet `[from, until)`, as
/// (vendor, session): what "one place at a time" is checked against.
pub async fn vendors_sessions_between(
    db: &impl ConnectionTrait,
    vendor_ids: &[i32],
    from: chrono::DateTime<Utc>,
    until: chrono::DateTime<Utc>,
) -> Result<Vec<(i32, market_sessions::Model)>, DbErr> {
    let mut held = Vec::new();
    for chunk in vendor_ids.chunks(500) {
        let rows = bookings::Entity::find()
            .find_also_related(market_sessions::Entity)
            .filter(bookings::Column::VendorId.is_in(chunk.iter().copied()))
            .filter(market_sessions::Column::Status.eq(SessionStatus::Scheduled))
            .filter(market_sessions::Column::StartsAt.lt(until))
            .filter(market_sessions::Column::EndsAt.gt(from))
            .all(db)
            .await?;
        held.extend(
            rows.into_iter()
                .filter_map(|(b, s)| s.map(|s| (b.vendor_id, s))),
        );
    }
    Ok(held)
}
