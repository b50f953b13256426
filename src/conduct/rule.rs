//! The use case "set a market's attendance rule and suspension period" (managers of the
//! market, admins); audited.

use crate::audit::{self, Change};
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::i18n::texts::night as t;
use crate::identity::CurrentUser;
use crate::markets::{access, queries as mq};
use sea_orm::{ActiveModelTrait, DatabaseConnection, IntoActiveModel, Set};
use serde_json::json;

/// The rule as submitted (`None` where the field was not a number).
#[derive(Debug, Clone, Copy)]
pub struct RuleInput {
    /// 0–1.
    pub min_rate: Option<f64>,
    /// 7–365 days.
    pub window_days: Option<i32>,
    /// 1–[`super::MAX_SUSPENSION_DAYS`] days.
    pub suspension_days: Option<i32>,
}

/// Sets the rule of market `id`.
pub async fn set_rule(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i32,
    input: RuleInput,
) -> AppResult<()> {
    user.require_staff_writer()?;
    let market = mq::find_market(db, id).await?.ok_or(AppError::NotFound)?;
    access::require_manage(db, user, &market).await?;
    let rate = input
        .min_rate
        .filter(|r| r.is_finite() && (0.0..=1.0).contains(r))
        .ok_or_else(|| AppError::invalid("invalid_rate", "min_rate_pct", t::INVALID_RATE))?;
    let window = input
        .window_days
        .filter(|d| (7..=365).contains(d))
        .ok_or_else(|| AppError::invalid("invalid_window", "window_days", t::INVALID_WINDOW))?;
    let period = input
        .suspension_days
        .filter(|d| (1..=super::MAX_SUSPENSION_DAYS).contains(d))
        .ok_or_else(|| AppError::invalid("invalid_period", "suspension_days", t::INVALID_PERIOD))?;
    let before = json!({"attendance_min_rate": market.attendance_min_rate,
        "attendance_window_days": market.attendance_window_days,
        "suspension_days": market.suspension_days});
    let txn = begin_write(db).await?;
    let mut active = market.into_active_model();
    active.attendance_min_rate = Set(rate);
    active.attendance_window_days = Set(window);
    active.suspension_days = Set(period);
    active.update(&txn).await?;
    audit::record(
        &txn,
        Change {
            actor: Some(user.id),
            entity: "market",
            entity_id: Some(id),
            action: "conduct_rule",
            before: Some(before),
            after: Some(
                json!({"attendance_min_rate": rate, "attendance_window_days": window,
                "suspension_days": period}),
            ),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
