//! The use case "who can take a stall in this session": the vendors with an approved
//! application for the session's market, each marked eligible or not with the reasons (the same
//! rules as placing a booking: `applications::covers::covers`, the health certificate for food,
//! one stall per vendor per session). Shared by `GET /api/v1/sessions/{id}/candidates` and the
//! session page's "assign from the plan".

use super::place::category_flags;
use crate::applications::covers::{Coverage, NotCovered, covers};
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::markets::{access, queries as mq};
use entity::applications::{self, ApplicationStatus};
use entity::{bookings, market_sessions, vendors};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use utoipa::ToSchema;

/// The vendor already has a stall in this session.
pub const ALREADY_BOOKED: &str = "already_booked";
/// A food vendor whose health certificate is missing or expired on the session's date.
pub const HEALTH_CERT_EXPIRED: &str = "health_cert_expired";
/// The approved application reaches the session's day but not its segment.
pub const SEGMENT_NOT_APPLIED: &str = "segment_not_applied";
/// The approved application does not reach the session's date or weekday.
pub const SESSION_NOT_APPLIED: &str = "session_not_applied";

/// One vendor who might take a stall.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Candidate {
    /// The vendor.
    pub vendor_id: i32,
    /// The approved application the booking would serve (the covering one when there is one).
    pub application_id: i32,
    /// The vendor's name.
    pub name: String,
    /// The phone, masked (`138****1234`).
    pub phone_masked: String,
    /// The application's category.
    pub category: String,
    /// Whether a booking for this vendor would be accepted now.
    pub eligible: bool,
    /// Why not: `already_booked`, `health_cert_expired`, `segment_not_applied`,
    /// `session_not_applied`, `vendor_suspended`, `gas_inspection_expired`.
    pub reasons: Vec<String>,
}

/// Reasons beyond this module's rules that stop vendors from trading in a session, by vendor id:
/// the market-night rules, asked of the same rules a booking asks (`vendor_suspended` after 12
/// demerit points, `gas_inspection_expired` for a lapsed cylinder) through their batch
/// readings, so the list costs the same few queries for 20 candidates or 2,000.
pub async fn extra_reasons(
    db: &impl ConnectionTrait,
    session: &market_sessions::Model,
    vendor_ids: &[i32],
) -> AppResult<HashMap<i32, Vec<String>>> {
    let on = session.business_date;
    let suspended = crate::conduct::demerits::suspended_among(db, vendor_ids, on).await?;
    let lapsed = crate::vendors::equipment::gas_lapsed_among(db, vendor_ids, on).await?;
    let mut out: HashMap<i32, Vec<String>> = HashMap::new();
    for &vendor_id in vendor_ids {
        if suspended.contains(&vendor_id) {
            out.entry(vendor_id)
                .or_default()
                .push("vendor_suspended".into());
        }
        if lapsed.contains(&vendor_id) {
            out.entry(vendor_id)
                .or_default()
                .push("gas_inspection_expired".into());
        }
    }
    Ok(out)
}

/// Whether `q` matches the vendor: part of the name (spaces, invisible marks, full-width
/// letters and the form of the name dot aside), or digits of the phone (spaces, dashes,
/// full-width digits and a leading +86 aside).
fn matches(q: &str, v: &vendors::Model) -> bool {
    let key = crate::normalize::search_key(q);
    if key.is_empty() {
        return true;
    }
    if crate::normalize::search_key(&v.name).contains(&key) {
        return true;
    }
    let compact = crate::normalize::compact(q);
    let digits = compact.strip_prefix('+').unwrap_or(&compact);
    let digits = match digits.strip_prefix("86") {
        Some(rest) if rest.len() == 11 => rest,
        _ => digits,
    };
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && v.phone.contains(digits)
}

/// The session's candidates matching `q`: eligible first, then by vendor id. 404 for an
/// unknown session or another manager's; 403 for roles that never assign.
pub async fn candidates(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    session_id: i32,
    q: &str,
) -> AppResult<(market_sessions::Model, Vec<Candidate>)> {
    user.require_staff_writer()?;
    let session = mq::find_session(db, session_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let market = mq::find_market(db, session.market_id)
        .await?
        .ok_or(AppError::NotFound)?;
    access::require_manage(db, user, &market).await?;
    let apps = applications::Entity::find()
        .filter(applications::Column::MarketId.eq(market.id))
        .filter(applications::Column::Status.eq(ApplicationStatus::Approved))
        .order_by_asc(applications::Column::Id)
        .all(db)
        .await?;
    let vendor_ids: Vec<i32> = apps
        .iter()
        .map(|a| a.vendor_id)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let vendor_rows = vendors::Entity::find()
        .filter(
            vendors::Column::Id.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(applications::Column::VendorId)
                    .from(applications::Entity)
                    .and_where(applications::Column::MarketId.eq(market.id))
                    .and_where(applications::Column::Status.eq(ApplicationStatus::Approved))
                    .to_owned(),
            ),
        )
        .all(db)
        .await?;
    let by_id: HashMap<i32, vendors::Model> = vendor_rows.into_iter().map(|v| (v.id, v)).collect();
    let booked: HashSet<i32> = bookings::Entity::find()
        .select_only()
        .column(bookings::Column::VendorId)
        .filter(bookings::Column::SessionId.eq(session.id))
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let extra = extra_reasons(db, &session, &vendor_ids).await?;
    // Per vendor: the covering application if any, else the first and why it does not cover.
    let mut best: BTreeMap<i32, (&applications::Model, Option<NotCovered>)> = BTreeMap::new();
    for app in &apps {
        let verdict = covers(&Coverage::of(app), session.business_date, &session.segment).err();
        let better = match best.get(&app.vendor_id) {
            None => true,
            Some((_, Some(NotCovered::Segment))) => verdict.is_none(),
            Some((_, Some(_))) => verdict.is_none() || verdict == Some(NotCovered::Segment),
            Some((_, None)) => false,
        };
        if better {
            best.insert(app.vendor_id, (app, verdict));
        }
    }
    let mut food_by_category: HashMap<String, bool> = HashMap::new();
    let mut out = Vec::new();
    for (vendor_id, (app, verdict)) in best {
        let Some(vendor) = by_id.get(&vendor_id) else {
            continue;
        };
        if !matches(q, vendor) {
            continue;
        }
        let mut reasons: Vec<String> = Vec::new();
        match verdict {
            Some(NotCovered::Segment) => reasons.push(SEGMENT_NOT_APPLIED.into()),
            Some(NotCovered::Dates | NotCovered::Weekday) => {
                reasons.push(SESSION_NOT_APPLIED.into());
            }
            None => {}
        }
        if booked.contains(&vendor_id) {
            reasons.push(ALREADY_BOOKED.into());
        }
        let food = match food_by_category.get(&app.category) {
            Some(f) => *f,
            None => {
                let (food, _) = category_flags(db, market.id, &app.category).await?;
                food_by_category.insert(app.category.clone(), food);
                food
            }
        };
        if food && !crate::vendors::health_cert_valid(vendor, session.business_date) {
            reasons.push(HEALTH_CERT_EXPIRED.into());
        }
        if let Some(more) = extra.get(&vendor_id) {
            reasons.extend(more.iter().cloned());
        }
        out.push(Candidate {
            vendor_id,
            application_id: app.id,
            name: vendor.name.clone(),
            phone_masked: crate::mask::mask_phone(&vendor.phone),
            category: app.category.clone(),
            eligible: reasons.is_empty(),
            reasons,
        });
    }
    out.sort_by_key(|c| (!c.eligible, c.vendor_id));
    Ok((session, out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vendor(name: &str, phone: &str) -> vendors::Model {
        vendors::Model {
            id: 1,
            user_id: 1,
            name: name.into(),
            phone: phone.into(),
            id_number: String::new(),
            category: String::new(),
            products: None,
            uscc: None,
            individual_business: false,
            health_cert_expires: None,
            priority_groups: String::new(),
            created_at: chrono::Utc::now(),
        }
    }

    #[test]
    fn a_search_matches_part_of_the_name_or_phone_digits() {
        let v = vendor("张秀兰", "13800001234");
        assert!(matches("", &v));
        assert!(matches("秀兰", &v));
        assert!(matches("1234", &v));
        assert!(matches(" 0000-1234 ", &v));
        assert!(!matches("李", &v));
        assert!(!matches("9999", &v));
        assert!(!matches("12a", &v));
    }
}
