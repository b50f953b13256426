//! Which sessions have been *held*: a vendor checked in, or a sale was reported. Such a night
//! happened, whatever the weather did next; cancelling it would move its check-ins to the
//! history and drop its sales from the bureau's figures, so neither a session's cancellation
//! nor a closure touches it.

use crate::error::AppResult;
use entity::{bookings, sales_reports};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::BTreeSet;

/// Those of `sessions` with a check-in or a sales report.
pub async fn held(db: &impl ConnectionTrait, sessions: &[i32]) -> AppResult<BTreeSet<i32>> {
    let mut out = BTreeSet::new();
    for chunk in sessions.chunks(crate::db::IDS_PER_QUERY) {
        let checked_in: Vec<i32> = bookings::Entity::find()
            .select_only()
            .column(bookings::Column::SessionId)
            .filter(bookings::Column::SessionId.is_in(chunk.to_vec()))
            .filter(bookings::Column::CheckedInAt.is_not_null())
            .distinct()
            .into_tuple()
            .all(db)
            .await?;
        let reported: Vec<i32> = sales_reports::Entity::find()
            .select_only()
            .column(sales_reports::Column::SessionId)
            .filter(sales_reports::Column::SessionId.is_in(chunk.to_vec()))
            .distinct()
            .into_tuple()
            .all(db)
            .await?;
        out.extend(checked_in);
        out.extend(reported);
    }
    Ok(out)
}
