//! Listing complaints (managers of their markets, the bureau, admins; the matched vendor sees
//! theirs without the contact) and closing one with an outcome, which may record an
//! inspection of the matched stall.

use super::submit::Match;
use crate::audit::{self, Change};
use crate::conduct::inspect;
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::i18n::texts::night as t;
use crate::identity::{CurrentUser, Role};
use crate::markets::{access, queries as mq};
use crate::notices::Notifier;
use chrono::Utc;
use entity::complaints::{self, ComplaintKind, ComplaintStatus};
use entity::stalls;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use serde::Serialize;
use serde_json::json;
use std::collections::HashMap;
use utoipa::ToSchema;

/// A coordinate to three decimals (about 100 m).
fn coarse(degrees: f64) -> f64 {
    (degrees * 1000.0).round() / 1000.0
}

/// A complaint as the API lists it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ComplaintItem {
    /// Id.
    pub id: i32,
    /// When it happened (RFC 3339).
    pub at: String,
    /// What it is about.
    #[schema(value_type = String)]
    pub kind: ComplaintKind,
    /// The resident's words.
    pub text: String,
    /// The resident's contact: staff only, never the vendor.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// The position (WGS-84); to the matched vendor, to three decimals (about 100 m).
    pub lon: f64,
    /// The position (WGS-84); to the matched vendor, to three decimals (about 100 m).
    pub lat: f64,
    /// The site.
    pub site_id: i32,
    /// The market of the session running there then, if any.
    pub market_id: Option<i32>,
    /// The stall it was matched to, if any.
    pub r#match: Option<Match>,
    /// Complaints about the same stall in all (this one included); 0 when unmatched.
    pub stall_complaints: u64,
    /// `open` or `closed`.
    #[schema(value_type = String)]
    pub status: ComplaintStatus,
    /// The managers' outcome, once closed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// The inspection the outcome recorded, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inspection_id: Option<i32>,
}

/// Builds the list items; `with_contact` only for staff.
async fn items(
    db: &impl ConnectionTrait,
    rows: Vec<complaints::Model>,
    with_contact: bool,
) -> AppResult<Vec<ComplaintItem>> {
    let stall_ids: Vec<i32> = rows.iter().filter_map(|r| r.stall_id).collect();
    let codes: HashMap<i32, String> = stalls::Entity::find()
        .filter(stalls::Column::Id.is_in(stall_ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.code))
        .collect();
    let counts: Vec<(i32, i64)> = complaints::Entity::find()
        .select_only()
        .column(complaints::Column::StallId)
        .column_as(complaints::Column::Id.count(), "n")
        .filter(complaints::Column::StallId.is_in(stall_ids))
        .group_by(complaints::Column::StallId)
        .into_tuple()
        .all(db)
        .await?;
    let counts: HashMap<i32, i64> = counts.into_iter().collect();
    Ok(rows
        .into_iter()
        .map(|r| ComplaintItem {
            id: r.id,
            at: r.at.to_rfc3339(),
            kind: r.kind,
            text: r.text,
            contact: if with_contact { r.contact } else { None },
            // The vendor sees where, to about 100 m: a phone's position may be the resident's
            // window, and the vendor knows their own stall.
            lon: if with_contact { r.lon } else { coarse(r.lon) },
            lat: if with_contact { r.lat } else { coarse(r.lat) },
            site_id: r.site_id,
            market_id: r.market_id,
            r#match: match (r.session_id, r.stall_id) {
                (Some(session_id), Some(stall_id)) => Some(Match {
                    session_id,
                    stall_id,
                    stall_code: codes.get(&stall_id).cloned().unwrap_or_default(),
                }),
                _ => None,
            },
            stall_complaints: r
                .stall_id
                .and_then(|s| counts.get(&s))
                .map_or(0, |n| u64::try_from(*n).unwrap_or(0)),
            status: r.status,
            outcome: r.outcome,
            inspection_id: r.inspection_id,
        })
        .collect())
}

/// Complaints staff may see (`status`, `market_id` filters), by id; one page and the total.
pub async fn list(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    status: Option<ComplaintStatus>,
    market_id: Option<i32>,
    limit: u64,
    offset: u64,
) -> AppResult<(Vec<ComplaintItem>, u64)> {
    if user.role == Role::Vendor {
        return Err(AppError::Forbidden);
    }
    let mut q = complaints::Entity::find().order_by_asc(complaints::Column::Id);
    if let Some(ids) = access::managed_markets(db, user).await? {
        // A complaint matched to no market (no session running at that spot and hour: noise
        // after closing) belongs to whoever runs the site it was made on.
        let sites = crate::sites::access::managed_sites(db, user).await?;
        q = q.filter(
            Condition::any()
                .add(complaints::Column::MarketId.is_in(ids))
                .add(
                    Condition::all()
                        .add(complaints::Column::MarketId.is_null())
                        .add(complaints::Column::SiteId.is_in(sites)),
                ),
        );
    }
    if let Some(s) = status {
        q = q.filter(complaints::Column::Status.eq(s));
    }
    if let Some(m) = market_id {
        q = q.filter(complaints::Column::MarketId.eq(m));
    }
    let total = q.clone().count(db).await?;
    let rows = q.offset(offset).limit(limit).all(db).await?;
    let mut out = items(db, rows, true).await?;
    // The bureau reads, it does not call residents back: their numbers stay masked there.
    if user.role == Role::Bureau {
        for c in &mut out {
            c.contact = c.contact.as_deref().map(crate::mask::mask_in_text);
        }
    }
    Ok((out, total))
}

/// The complaints matched to the vendor's stalls, without the contact.
pub async fn mine(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    limit: u64,
    offset: u64,
) -> AppResult<(Vec<ComplaintItem>, u64)> {
    let vendor_id = user.vendor_id.ok_or(AppError::Forbidden)?;
    let q = complaints::Entity::find()
        .filter(complaints::Column::VendorId.eq(vendor_id))
        .order_by_asc(complaints::Column::Id);
    let total = q.clone().count(db).await?;
    let rows = q.offset(offset).limit(limit).all(db).await?;
    Ok((items(db, rows, false).await?, total))
}

/// Closes complaint `id` with an outcome (managers of its market, admins); with `items`, an
/// inspection of the matched stall is recorded first and linked. 409 `already_closed`.
pub async fn close(
    db: &DatabaseConnection,
    notifier: &dyn Notifier,
    user: &CurrentUser,
    id: i32,
    outcome: &str,
    items: Vec<inspect::NewItem>,
) -> AppResult<Option<i32>> {
    user.require_staff_writer()?;
    let c = complaints::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    match c.market_id {
        Some(m) => {
            let market = mq::find_market(db, m).await?.ok_or(AppError::NotFound)?;
            access::require_manage(db, user, &market).await?;
        }
        // An admin may write every site; a manager the sites they run.
        None => {
            crate::sites::access::site_for_writing(db, user, c.site_id)
                .await
                .map_err(|_| AppError::NotFound)?;
        }
    }
    let outcome = inspect::optional_text(Some(outcome), "outcome")?
        .ok_or_else(|| AppError::invalid("outcome_required", "outcome", t::OUTCOME_REQUIRED))?;
    if c.status == ComplaintStatus::Closed {
        return Err(AppError::conflict("already_closed", t::ALREADY_CLOSED));
    }
    // The inspection is checked first, then written in the same transaction that closes the
    // complaint, which the close below undoes when another close got there first: two closes
    // sent at once gave one closed complaint but two inspections (and the vendor twice the
    // points).
    let checked = if items.is_empty() {
        None
    } else {
        let (Some(session_id), Some(stall_id)) = (c.session_id, c.stall_id) else {
            return Err(AppError::invalid(
                "stall_not_booked",
                "items",
                t::STALL_NOT_BOOKED,
            ));
        };
        let new = inspect::NewInspection {
            session_id,
            stall_id,
            items,
            photos: Vec::new(),
        };
        Some(inspect::check(db, user, new).await?)
    };
    let txn = begin_write(db).await?;
    let (inspection_id, out) = match checked {
        None => (None, Vec::new()),
        Some(checked) => {
            let (recorded, out) = inspect::write(&txn, user, checked).await?;
            (Some(recorded.id), out)
        }
    };
    let res = complaints::Entity::update_many()
        .col_expr(
            complaints::Column::Status,
            Expr::value(ComplaintStatus::Closed.as_str()),
        )
        .col_expr(complaints::Column::Outcome, Expr::value(outcome.clone()))
        .col_expr(complaints::Column::InspectionId, Expr::value(inspection_id))
        .col_expr(complaints::Column::ClosedBy, Expr::value(user.id))
        .col_expr(complaints::Column::ClosedAt, Expr::value(Utc::now()))
        .filter(complaints::Column::Id.eq(id))
        .filter(complaints::Column::Status.eq(ComplaintStatus::Open))
        .exec(&txn)
        .await?;
    if res.rows_affected == 0 {
        // Dropped, the transaction takes the inspection with it.
        return Err(AppError::conflict("already_closed", t::ALREADY_CLOSED));
    }
    audit::record(
        &txn,
        Change {
            actor: Some(user.id),
            entity: "complaint",
            entity_id: Some(id),
            action: "close",
            before: Some(json!({"status": "open"})),
            after: Some(
                json!({"status": "closed", "outcome": outcome, "inspection_id": inspection_id}),
            ),
        },
    )
    .await?;
    txn.commit().await?;
    crate::notices::deliver_all(notifier, &out);
    Ok(inspection_id)
}
