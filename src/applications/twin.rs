//! A second identical application is the first one again: a double tap on 提交申请, or a form
//! sent twice on a slow connection, must not give the vendor two tickets in the lottery and
//! the manager two rows to decide. "Identical" is everything the vendor asked for, while the
//! first is still waiting for a decision, or sent less than [`RESEND_SECONDS`] after it
//! whatever the manager made of it (under a rush a manager may decide the first copy before
//! the second arrives: the vendor would see an approval and a refusal side by side for one
//! tap), unless the vendor withdrew it; a changed request is a new application.

use crate::error::AppResult;
use entity::applications::{self, ApplicationStatus};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// Whether two applications ask for the same thing.
fn same_request(a: &applications::Model, b: &applications::Model) -> bool {
    (
        a.vendor_id,
        a.market_id,
        a.date_from,
        a.date_to,
        &a.weekdays,
        &a.segments,
        &a.category,
        a.needs_power,
        &a.preferred_stalls,
    ) == (
        b.vendor_id,
        b.market_id,
        b.date_from,
        b.date_to,
        &b.weekdays,
        &b.segments,
        &b.category,
        b.needs_power,
        &b.preferred_stalls,
    )
}

/// How long after an application the same request is still its resending. A vendor who
/// applies again after reading a refusal (to fix a paper) takes longer than this.
pub(super) const RESEND_SECONDS: i64 = 60;

/// The vendor's application asking for exactly what `wanted` asks, pending or just sent, if
/// any. The caller holds the vendor's row lock, so two copies sent at once see each other.
pub(super) async fn pending_twin(
    db: &impl ConnectionTrait,
    wanted: &applications::Model,
) -> AppResult<Option<applications::Model>> {
    let recent = wanted.created_at - chrono::Duration::seconds(RESEND_SECONDS);
    let pending = applications::Entity::find()
        .filter(applications::Column::VendorId.eq(wanted.vendor_id))
        .filter(applications::Column::MarketId.eq(wanted.market_id))
        .filter(applications::Column::DateFrom.eq(wanted.date_from))
        .filter(applications::Column::DateTo.eq(wanted.date_to))
        .filter(
            sea_orm::Condition::any()
                .add(applications::Column::Status.eq(ApplicationStatus::Submitted))
                // Not one the vendor withdrew: applying again after that is meant.
                .add(
                    sea_orm::Condition::all()
                        .add(applications::Column::CreatedAt.gte(recent))
                        .add(applications::Column::Status.ne(ApplicationStatus::Withdrawn)),
                ),
        )
        .order_by_asc(applications::Column::Id)
        .all(db)
        .await?;
    Ok(pending.into_iter().find(|a| same_request(a, wanted)))
}
