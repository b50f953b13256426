//! An appeal decided: the manager upholds the inspection (the points stay) or cancels it (its
//! points go); the vendor is told either way.

use super::inspect::{optional_text, visible};
use crate::audit::{self, Change};
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::i18n::{Msg, texts::night as t};
use crate::identity::CurrentUser;
use crate::notices::{self, Notifier, Outgoing};
use chrono::Utc;
use entity::inspections::{AppealStatus, InspectionStatus};
use entity::{inspections, vendors};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde_json::json;

/// A manager's decision on an appeal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// The points stay.
    Uphold,
    /// The inspection is cancelled and its points removed.
    Cancel,
}

impl Decision {
    /// Parses `uphold` / `cancel`.
    pub fn parse(s: &str) -> AppResult<Decision> {
        match s.trim() {
            "uphold" => Ok(Decision::Uphold),
            "cancel" => Ok(Decision::Cancel),
            _ => Err(AppError::invalid(
                "invalid_decision",
                "decision",
                t::INVALID_DECISION,
            )),
        }
    }
}

/// Decides a pending appeal (managers of the market, admins); 409 `no_pending_appeal`
/// otherwise. The vendor is told.
pub async fn decide(
    db: &DatabaseConnection,
    notifier: &dyn Notifier,
    user: &CurrentUser,
    id: i32,
    decision: Decision,
    reason: &str,
) -> AppResult<()> {
    user.require_staff_writer()?;
    let inspection = visible(db, user, id).await?;
    let reason = optional_text(Some(reason), "reason")?
        .ok_or_else(|| AppError::invalid("reason_required", "reason", t::REASON_REQUIRED))?;
    if inspection.appeal_status != Some(AppealStatus::Pending) {
        return Err(AppError::conflict(
            "no_pending_appeal",
            t::NO_PENDING_APPEAL,
        ));
    }
    let (status, appeal) = match decision {
        Decision::Uphold => (InspectionStatus::Active, AppealStatus::Upheld),
        Decision::Cancel => (InspectionStatus::Cancelled, AppealStatus::Cancelled),
    };
    let txn = begin_write(db).await?;
    let vendor_id = inspection.vendor_id;
    let date = inspection.business_date;
    let (market_id, stall_id) = (inspection.market_id, inspection.stall_id);
    let today = crate::clock::today();
    let suspended_before = super::demerits::suspension_on(&txn, vendor_id, today).await?;
    let res = inspections::Entity::update_many()
        .col_expr(inspections::Column::Status, Expr::value(status.as_str()))
        .col_expr(
            inspections::Column::AppealStatus,
            Expr::value(appeal.as_str()),
        )
        .col_expr(
            inspections::Column::DecisionReason,
            Expr::value(reason.clone()),
        )
        .col_expr(inspections::Column::DecidedBy, Expr::value(user.id))
        .col_expr(inspections::Column::DecidedAt, Expr::value(Utc::now()))
        .filter(inspections::Column::Id.eq(id))
        .filter(inspections::Column::AppealStatus.eq(AppealStatus::Pending))
        .exec(&txn)
        .await?;
    if res.rows_affected == 0 {
        return Err(AppError::conflict(
            "no_pending_appeal",
            t::NO_PENDING_APPEAL,
        ));
    }
    audit::record(
        &txn,
        Change {
            actor: Some(user.id),
            entity: "inspection",
            entity_id: Some(id),
            action: "appeal_decision",
            before: Some(json!({"appeal_status": "pending", "status": "active"})),
            after: Some(json!({"appeal_status": appeal, "status": status, "reason": reason})),
        },
    )
    .await?;
    let mut out: Vec<Outgoing> = Vec::new();
    if let Some(v) = vendors::Entity::find_by_id(vendor_id).one(&txn).await? {
        // Which inspection: a vendor may have appealed two of one night.
        let market = crate::markets::queries::find_market(&txn, market_id)
            .await?
            .map_or(String::new(), |m| m.name);
        let stall = entity::stalls::Entity::find_by_id(stall_id)
            .one(&txn)
            .await?
            .map_or(String::new(), |s| s.code);
        let item: crate::i18n::Arg = entity::inspection_items::Entity::find()
            .filter(entity::inspection_items::Column::InspectionId.eq(id))
            .one(&txn)
            .await?
            .and_then(|i| super::catalogue::find(&i.code))
            .map_or_else(|| "".into(), |c| c.name.into());
        // One kind per outcome: an SMS template per kind then says which it was.
        let (kind, id_msg) = match decision {
            Decision::Uphold => ("appeal_upheld", "night-notice-appeal-upheld"),
            Decision::Cancel => ("appeal_cancelled", "night-notice-appeal-cancelled"),
        };
        out.push(
            notices::write(
                &txn,
                v.user_id,
                kind,
                Msg::with(
                    id_msg,
                    [
                        ("market", market.into()),
                        ("date", date.to_string().into()),
                        ("stall", stall.into()),
                        ("item", item),
                        ("reason", reason.into()),
                    ],
                ),
            )
            .await?,
        );
        // Points taken back may end or shorten a suspension: the last word the vendor had
        // was "suspended until …", so they are told it changed.
        if let Some(until) = suspended_before {
            let now_until = super::demerits::suspension_on(&txn, vendor_id, today).await?;
            let changed = match now_until {
                None => Some(Msg::with("night-notice-suspension-lifted", [])),
                Some(later) if later != until => Some(Msg::with(
                    "night-notice-suspension-shortened",
                    [("until", later.to_string().into())],
                )),
                Some(_) => None,
            };
            if let Some(text) = changed {
                out.push(notices::write(&txn, v.user_id, "suspension", text).await?);
            }
        }
    }
    txn.commit().await?;
    notices::deliver_all(notifier, &out);
    Ok(())
}
