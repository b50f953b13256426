//! Filing and correcting a night's sales report: who may, when, and what counts as a sane
//! amount. One use case per action, called by the API and the pages alike.

use super::checks::{doubtful, is_outlier, late};
use super::money::{self, AmountError};
use crate::audit::{self, Change};
use crate::db::{DbFailure, begin_write, classify};
use crate::error::{AppError, AppResult};
use crate::i18n::texts::figures as t;
use crate::identity::{CurrentUser, Role};
use crate::markets::access;
use chrono::{DateTime, Duration, Utc};
use entity::market_sessions::SessionStatus;
use entity::sales_reports;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, Set,
};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::ToSchema;

/// How long after filing a report may be corrected.
pub const CORRECTION_DAYS: i64 = 7;
/// The most helpers one stall can register for a night.
pub const MAX_HELPERS: i64 = 20;

/// A report as sent: amounts as decimal strings or numbers.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct SalesBody {
    /// The booking reported on (required when filing; when correcting, if given, it must be
    /// the report's).
    pub booking_id: Option<i32>,
    /// The night's sales in yuan, at most two decimals, 0 – 1,000,000.
    #[schema(value_type = String, example = "1280.50")]
    pub sales_yuan: Option<Value>,
    /// Consumption vouchers redeemed (消费券核销) in yuan (default 0).
    #[schema(value_type = Option<String>, example = "120")]
    pub voucher_yuan: Option<Value>,
    /// Helpers who worked the stall that night, 0 – 20 (default 0).
    #[schema(value_type = Option<i64>, example = 1)]
    pub helpers: Option<Value>,
}

/// The checked figures of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figures {
    /// Sales in fen.
    pub sales_fen: i64,
    /// Vouchers redeemed in fen.
    pub voucher_fen: i64,
    /// Helpers.
    pub helpers: i32,
}

/// A report as the API shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SalesReport {
    /// Id.
    pub id: i32,
    /// The booking.
    pub booking_id: i32,
    /// The session.
    pub session_id: i32,
    /// The vendor.
    pub vendor_id: i32,
    /// Sales, yuan with two decimals.
    pub sales_yuan: String,
    /// Vouchers redeemed, yuan with two decimals.
    pub voucher_yuan: String,
    /// Helpers.
    pub helpers: i32,
    /// Far above the vendor's usual night (counted all the same; the manager checks it).
    pub flagged: bool,
    /// When it was filed (RFC 3339).
    pub created_at: String,
    /// The last moment it can be corrected (RFC 3339).
    pub correctable_until: String,
}

impl From<&sales_reports::Model> for SalesReport {
    fn from(r: &sales_reports::Model) -> Self {
        SalesReport {
            id: r.id,
            booking_id: r.booking_id,
            session_id: r.session_id,
            vendor_id: r.vendor_id,
            sales_yuan: money::yuan(r.sales_fen),
            voucher_yuan: money::yuan(r.voucher_fen),
            helpers: r.helpers,
            flagged: r.flagged,
            created_at: r.created_at.to_rfc3339(),
            correctable_until: correctable_until(r.created_at).to_rfc3339(),
        }
    }
}

/// The last moment a report filed at `created` can be corrected.
pub fn correctable_until(created: DateTime<Utc>) -> DateTime<Utc> {
    created + Duration::days(CORRECTION_DAYS)
}

fn amount(field: &'static str, value: Option<&Value>, required: bool) -> AppResult<i64> {
    let Some(value) =
        value.filter(|v| !v.is_null() && v.as_str().is_none_or(|s| !s.trim().is_empty()))
    else {
        return if required {
            Err(AppError::invalid(
                "invalid_amount",
                field,
                t::AMOUNT_REQUIRED,
            ))
        } else {
            Ok(0)
        };
    };
    money::parse_json(value).map_err(|e| {
        let message = match e {
            AmountError::NotANumber => t::AMOUNT_NOT_A_NUMBER,
            AmountError::Negative => t::AMOUNT_NEGATIVE,
            AmountError::TooPrecise => t::AMOUNT_TOO_PRECISE,
            AmountError::TooLarge => t::AMOUNT_TOO_LARGE,
        };
        AppError::invalid("invalid_amount", field, message)
    })
}

impl SalesBody {
    /// Checks the figures: amounts 0 – ¥1,000,000 with at most two decimals, helpers 0 – 20.
    pub fn figures(&self) -> AppResult<Figures> {
        let sales_fen = amount("sales_yuan", self.sales_yuan.as_ref(), true)?;
        let voucher_fen = amount("voucher_yuan", self.voucher_yuan.as_ref(), false)?;
        let bad_helpers = || AppError::invalid("invalid_helpers", "helpers", t::HELPERS_INVALID);
        let helpers = match &self.helpers {
            None | Some(Value::Null) => 0,
            Some(Value::Number(n)) => n.as_i64().ok_or_else(bad_helpers)?,
            Some(Value::String(s)) if s.trim().is_empty() => 0,
            Some(Value::String(s)) => {
                crate::normalize::typed_number::<i64>(s).ok_or_else(bad_helpers)?
            }
            Some(_) => return Err(bad_helpers()),
        };
        if !(0..=MAX_HELPERS).contains(&helpers) {
            return Err(bad_helpers());
        }
        Ok(Figures {
            sales_fen,
            voucher_fen,
            helpers: helpers as i32,
        })
    }
}

/// A booking with what a report needs: its session's start and status, market and date.
struct Booked {
    booking_id: i32,
    session_id: i32,
    vendor_id: i32,
    application_id: Option<i32>,
    starts_at: DateTime<Utc>,
    status: SessionStatus,
    market: entity::markets::Model,
    checked_in: bool,
}

async fn booked(db: &impl ConnectionTrait, booking_id: i32) -> AppResult<Booked> {
    let (b, s, market) = crate::bookings::queries::booking_in_market(db, booking_id).await?;
    Ok(Booked {
        booking_id: b.id,
        session_id: s.id,
        vendor_id: b.vendor_id,
        application_id: b.application_id,
        starts_at: s.starts_at,
        status: s.status,
        market,
        checked_in: b.checked_in_at.is_some(),
    })
}

/// Whether `user` may report for `vendor_id` in `market`: the vendor themselves, a manager of
/// the market, an administrator. Others get a 404 (vendors, managers) or 403 (the bureau).
async fn require_reporter(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    vendor_id: i32,
    market: &entity::markets::Model,
) -> AppResult<()> {
    match user.role {
        Role::Vendor if user.vendor_id == Some(vendor_id) => Ok(()),
        Role::Vendor => Err(AppError::NotFound),
        Role::Bureau => Err(AppError::Forbidden),
        Role::Admin | Role::Manager => access::require_manage(db, user, market).await,
    }
}

fn snapshot(r: &sales_reports::Model) -> Value {
    json!({
        "booking_id": r.booking_id, "vendor_id": r.vendor_id, "session_id": r.session_id,
        "sales_fen": r.sales_fen, "voucher_fen": r.voucher_fen,
        "helpers": r.helpers, "flagged": r.flagged,
    })
}

/// Files the report of a booking. 404 for a booking that does not exist or is not the
/// caller's to report; 422 `session_not_started`, `session_cancelled`, bad figures;
/// 409 `already_reported`.
pub async fn file_report(
    db: &DatabaseConnection,
    user: &CurrentUser,
    body: &SalesBody,
) -> AppResult<SalesReport> {
    let booking_id = body
        .booking_id
        .ok_or_else(|| AppError::invalid("invalid_booking", "booking_id", t::BOOKING_REQUIRED))?;
    let figures = body.figures()?;
    let b = booked(db, booking_id).await?;
    require_reporter(db, user, b.vendor_id, &b.market).await?;
    if b.status != SessionStatus::Scheduled {
        return Err(AppError::invalid(
            "session_cancelled",
            "booking_id",
            t::SESSION_CANCELLED,
        ));
    }
    if Utc::now() < b.starts_at {
        return Err(AppError::invalid(
            "session_not_started",
            "booking_id",
            t::NOT_STARTED,
        ));
    }
    let already = || AppError::conflict("already_reported", t::ALREADY_REPORTED);
    let txn = begin_write(db).await?;
    let exists = sales_reports::Entity::find()
        .filter(
            Condition::any()
                .add(sales_reports::Column::BookingId.eq(b.booking_id))
                .add(
                    Condition::all()
                        .add(sales_reports::Column::SessionId.eq(b.session_id))
                        .add(sales_reports::Column::VendorId.eq(b.vendor_id)),
                ),
        )
        .one(&txn)
        .await?;
    if exists.is_some() {
        return Err(already());
    }
    let now = Utc::now();
    let flagged = is_outlier(&txn, (b.vendor_id, b.market.id), None, figures.sales_fen).await?
        || doubtful(&figures, b.checked_in)
        || late(now, b.starts_at);
    let inserted = sales_reports::ActiveModel {
        booking_id: Set(b.booking_id),
        session_id: Set(b.session_id),
        vendor_id: Set(b.vendor_id),
        application_id: Set(b.application_id),
        sales_fen: Set(figures.sales_fen),
        voucher_fen: Set(figures.voucher_fen),
        helpers: Set(figures.helpers),
        flagged: Set(flagged),
        created_by: Set(Some(user.id)),
        created_at: Set(now),
        updated_by: Set(None),
        updated_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let report = match inserted {
        Ok(r) => r,
        Err(e) if matches!(classify(&e), DbFailure::Conflict(_)) => return Err(already()),
        Err(e) => return Err(e.into()),
    };
    if user.role != Role::Vendor {
        audit::record(
            &txn,
            Change {
                actor: Some(user.id),
                entity: "sales_report",
                entity_id: Some(report.id),
                action: "create",
                before: None,
                after: Some(snapshot(&report)),
            },
        )
        .await?;
    }
    match txn.commit().await {
        Ok(()) => Ok(SalesReport::from(&report)),
        Err(e) if matches!(classify(&e), DbFailure::Conflict(_)) => Err(already()),
        Err(e) => Err(e.into()),
    }
}

/// Corrects a report within 7 days of filing. 404 as for filing; 422 `correction_closed`
/// after 7 days, `booking_mismatch` for another booking id, bad figures.
pub async fn correct_report(
    db: &DatabaseConnection,
    notifier: &dyn crate::notices::Notifier,
    user: &CurrentUser,
    report_id: i32,
    body: &SalesBody,
) -> AppResult<SalesReport> {
    let report = sales_reports::Entity::find_by_id(report_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let (session, market) = session_and_market(db, report.session_id).await?;
    require_reporter(db, user, report.vendor_id, &market).await?;
    if body.booking_id.is_some_and(|b| b != report.booking_id) {
        return Err(AppError::invalid(
            "booking_mismatch",
            "booking_id",
            t::BOOKING_MISMATCH,
        ));
    }
    let figures = body.figures()?;
    if Utc::now() > correctable_until(report.created_at) {
        return Err(AppError::invalid(
            "correction_closed",
            "id",
            t::CORRECTION_CLOSED,
        ));
    }
    let txn = begin_write(db).await?;
    let report = sales_reports::Entity::find_by_id(report_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    // A vendor writing over figures the market's staff filed or corrected (the contract lets
    // them, within 7 days) leaves a trace like the staff's own change: vendors' edits of
    // their own figures alone are not audited.
    let staff_touched = [report.created_by, report.updated_by]
        .into_iter()
        .flatten()
        .any(|by| by != user.id);
    // Only the check-in is read: a booking cancelled since the report is gone, and counts as
    // a night not checked in rather than refusing the correction.
    let checked_in = entity::bookings::Entity::find_by_id(report.booking_id)
        .one(&txn)
        .await?
        .is_some_and(|b| b.checked_in_at.is_some());
    let filed_late = late(report.created_at, session.starts_at);
    let flagged = is_outlier(
        &txn,
        (report.vendor_id, market.id),
        Some(report.id),
        figures.sales_fen,
    )
    .await?
        || doubtful(&figures, checked_in)
        || filed_late;
    let before = snapshot(&report);
    let was = (report.sales_fen, report.voucher_fen);
    let mut active = report.into_active_model();
    active.sales_fen = Set(figures.sales_fen);
    active.voucher_fen = Set(figures.voucher_fen);
    active.helpers = Set(figures.helpers);
    active.flagged = Set(flagged);
    active.updated_by = Set(Some(user.id));
    active.updated_at = Set(Some(Utc::now()));
    let updated = active.update(&txn).await?;
    // The vendor hears when the staff change their figures: the sales page would otherwise
    // show the staff's figure as the vendor's own report.
    let mut out = Vec::new();
    if user.role != Role::Vendor && was != (updated.sales_fen, updated.voucher_fen) {
        out.push(super::corrected::notice(&txn, &updated, was).await?);
    }
    if user.role != Role::Vendor || staff_touched {
        audit::record(
            &txn,
            Change {
                actor: Some(user.id),
                entity: "sales_report",
                entity_id: Some(updated.id),
                action: "correct",
                before: Some(before),
                after: Some(snapshot(&updated)),
            },
        )
        .await?;
    }
    txn.commit().await?;
    crate::notices::deliver_all(notifier, &out);
    Ok(SalesReport::from(&updated))
}

/// The market of a session (404 when either is gone).
pub async fn market_of(
    db: &impl ConnectionTrait,
    session_id: i32,
) -> AppResult<entity::markets::Model> {
    Ok(session_and_market(db, session_id).await?.1)
}

/// A session and its market (404 when either is gone).
async fn session_and_market(
    db: &impl ConnectionTrait,
    session_id: i32,
) -> AppResult<(entity::market_sessions::Model, entity::markets::Model)> {
    let session = crate::markets::queries::find_session(db, session_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let market = crate::markets::queries::find_market(db, session.market_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((session, market))
}

/// The reports of some bookings, by booking id.
pub async fn reports_of_bookings(
    db: &impl ConnectionTrait,
    booking_ids: &[i32],
) -> AppResult<Vec<sales_reports::Model>> {
    if booking_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(sales_reports::Entity::find()
        .filter(sales_reports::Column::BookingId.is_in(booking_ids.iter().copied()))
        .all(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_checked() {
        let body = |s: Value, h: Value| SalesBody {
            booking_id: Some(1),
            sales_yuan: Some(s),
            voucher_yuan: None,
            helpers: Some(h),
        };
        assert_eq!(
            body(json!("88.5"), json!(2)).figures().unwrap(),
            Figures {
                sales_fen: 8_850,
                voucher_fen: 0,
                helpers: 2
            }
        );
        assert!(body(json!("88.5"), json!(21)).figures().is_err());
        assert!(body(json!("88.5"), json!(-1)).figures().is_err());
        assert!(body(json!("88.5"), json!(1.5)).figures().is_err());
        assert!(body(Value::Null, json!(0)).figures().is_err());
    }
}
