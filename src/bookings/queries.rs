//! Booking, stall and offer queries (stalls are read here, not through the sites feature).

use crate::cache::{Scope, Token};
use crate::error::AppResult;
use crate::extract::Paging;
use crate::identity::{CurrentUser, Role};
use crate::markets::access;
use crate::state::AppState;
use chrono::Utc;
use entity::bookings::BookingStatus;
use entity::market_sessions::SessionStatus;
use entity::offers::OfferStatus;
use entity::{applications, bookings, market_sessions, offers, stalls, vendors};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;
use utoipa::ToSchema;

/// The stall with this id.
pub async fn find_stall(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Option<stalls::Model>, DbErr> {
    stalls::Entity::find_by_id(id).one(db).await
}

/// The vendor with this id.
pub async fn find_vendor(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Option<vendors::Model>, DbErr> {
    vendors::Entity::find_by_id(id).one(db).await
}

/// A booking with its session and market (404 when the booking does not exist): what every
/// action on one booking checks first.
pub async fn booking_in_market(
    db: &impl ConnectionTrait,
    id: i32,
) -> crate::error::AppResult<(
    bookings::Model,
    market_sessions::Model,
    entity::markets::Model,
)> {
    use crate::error::AppError;
    let booking = bookings::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let session = crate::markets::queries::find_session(db, booking.session_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let market = crate::markets::queries::find_market(db, session.market_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((booking, session, market))
}

/// A booking as the API shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BookingItem {
    /// Id.
    pub id: i32,
    /// The session.
    pub session_id: i32,
    /// The stall.
    pub stall_id: i32,
    /// The stall's code.
    pub stall_code: String,
    /// The vendor.
    pub vendor_id: i32,
    /// The vendor's name.
    pub vendor_name: String,
    /// The trade category (of the application, else the vendor's).
    pub category: String,
    /// The application it serves, if any.
    pub application_id: Option<i32>,
    /// `booked` or `checked_in`.
    #[schema(value_type = String)]
    pub status: BookingStatus,
    /// When the vendor was checked in (RFC 3339).
    pub checked_in_at: Option<String>,
    /// The session has started and the vendor has not checked in.
    pub no_show: bool,
}

/// Builds the API view of some bookings of one session.
pub async fn items(
    db: &impl ConnectionTrait,
    session: &market_sessions::Model,
    rows: Vec<bookings::Model>,
) -> Result<Vec<BookingItem>, DbErr> {
    let stall_ids: Vec<i32> = rows.iter().map(|b| b.stall_id).collect();
    let vendor_ids: Vec<i32> = rows.iter().map(|b| b.vendor_id).collect();
    let app_ids: Vec<i32> = rows.iter().filter_map(|b| b.application_id).collect();
    let codes: HashMap<i32, String> = stalls::Entity::find()
        .filter(stalls::Column::Id.is_in(stall_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.code))
        .collect();
    let vendors: HashMap<i32, vendors::Model> = vendors::Entity::find()
        .filter(vendors::Column::Id.is_in(vendor_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v))
        .collect();
    let app_categories: HashMap<i32, String> = applications::Entity::find()
        .filter(applications::Column::Id.is_in(app_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.category))
        .collect();
    let started = Utc::now() >= session.starts_at && session.status == SessionStatus::Scheduled;
    Ok(rows
        .into_iter()
        .map(|b| {
            let vendor = vendors.get(&b.vendor_id);
            BookingItem {
                id: b.id,
                session_id: b.session_id,
                stall_id: b.stall_id,
                stall_code: codes.get(&b.stall_id).cloned().unwrap_or_default(),
                vendor_id: b.vendor_id,
                vendor_name: vendor.map(|v| v.name.clone()).unwrap_or_default(),
                category: b
                    .application_id
                    .and_then(|a| app_categories.get(&a).cloned())
                    .or_else(|| vendor.map(|v| v.category.clone()))
                    .unwrap_or_default(),
                application_id: b.application_id,
                status: b.status,
                checked_in_at: b.checked_in_at.map(|t| t.to_rfc3339()),
                no_show: started && b.checked_in_at.is_none(),
            }
        })
        .collect())
}

/// A session's live bookings by stall code, optionally only one vendor's.
pub async fn session_bookings(
    db: &impl ConnectionTrait,
    session: &market_sessions::Model,
    only_vendor: Option<i32>,
) -> Result<Vec<BookingItem>, DbErr> {
    let mut query = bookings::Entity::find().filter(bookings::Column::SessionId.eq(session.id));
    if let Some(v) = only_vendor {
        query = query.filter(bookings::Column::VendorId.eq(v));
    }
    let rows = query.order_by_asc(bookings::Column::Id).all(db).await?;
    let mut out = items(db, session, rows).await?;
    out.sort_by(|a, b| a.stall_code.cmp(&b.stall_code));
    Ok(out)
}

/// What a session's plan and booking list are built from: the counters of its bookings, its
/// site's stalls, its market's categories and vendors' names (migration 000090), the rows the
/// caller read, and whether it has started (which turns unchecked bookings into no-shows).
pub async fn session_token(
    db: &impl ConnectionTrait,
    session: &market_sessions::Model,
    market: &entity::markets::Model,
    site: &entity::sites::Model,
) -> Result<Token, DbErr> {
    let started = Utc::now() >= session.starts_at;
    Token::read(
        db,
        &[
            Scope("session", session.id),
            Scope("site", session.site_id),
            Scope("market", session.market_id),
            Scope("people", 0),
        ],
        &[session, market, site, &started],
    )
    .await
}

/// All live bookings of a session as [`session_bookings`] lists them, from this process's
/// cache when `token` (see [`session_token`]) is what they were built from.
pub async fn session_bookings_cached(
    state: &AppState,
    session: &market_sessions::Model,
    token: &Token,
) -> Result<Arc<Vec<BookingItem>>, DbErr> {
    state
        .caches
        .of::<BookingListCache>()
        .0
        .get_or_build(session.id, token.clone(), || {
            session_bookings(&state.db, session, None)
        })
        .await
}

/// A waitlist offer as the API shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OfferItem {
    /// Id.
    pub id: i32,
    /// The session.
    pub session_id: i32,
    /// The stall.
    pub stall_id: i32,
    /// The waitlisted application.
    pub application_id: i32,
    /// The vendor.
    pub vendor_id: i32,
    /// `pending`, `accepted`, `declined` or `expired`.
    #[schema(value_type = String)]
    pub status: OfferStatus,
    /// Accept before (RFC 3339).
    pub deadline: String,
    /// The booking made on acceptance.
    pub booking_id: Option<i32>,
}

/// Offers the caller may see, by id.
pub async fn list_offers(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    page: Paging,
) -> AppResult<(Vec<OfferItem>, u64)> {
    let mut query = offers::Entity::find();
    if user.role == Role::Vendor {
        query = query.filter(offers::Column::VendorId.eq(user.vendor_id.unwrap_or(-1)));
    } else if let Some(markets) = access::managed_markets(db, user).await? {
        let sessions: Vec<i32> = market_sessions::Entity::find()
            .select_only()
            .column(market_sessions::Column::Id)
            .filter(market_sessions::Column::MarketId.is_in(markets))
            .into_tuple()
            .all(db)
            .await?;
        query = query.filter(offers::Column::SessionId.is_in(sessions));
    }
    let total = query.clone().count(db).await?;
    let rows = query
        .order_by_asc(offers::Column::Id)
        .limit(page.limit())
        .offset(page.offset())
        .all(db)
        .await?;
    Ok((
        rows.into_iter()
            .map(|o| OfferItem {
                id: o.id,
                session_id: o.session_id,
                stall_id: o.stall_id,
                application_id: o.application_id,
                vendor_id: o.vendor_id,
                status: o.status,
                deadline: o.deadline.to_rfc3339(),
                booking_id: o.booking_id,
            })
            .collect(),
        total,
    ))
}

/// A session's bookings as listed, by session id, kept per process.
pub struct BookingListCache(pub crate::cache::RevisionCache<i32, Vec<BookingItem>>);

impl Default for BookingListCache {
    fn default() -> Self {
        Self(crate::cache::RevisionCache::new(256))
    }
}
