//! The use case "decide an application", shared by `POST /api/v1/applications/{id}/decision`
//! and the decision form on `/applications/{id}`: one transaction, the vendor told after the
//! commit. The rules (who may decide, which transitions, the conditional update) are
//! [`flow::decide`]'s.

use super::flow::{self, ApplicationItem, Decision};
use crate::db::begin_write;
use crate::error::AppResult;
use crate::identity::CurrentUser;
use crate::notices::{self, Notifier};
use sea_orm::DatabaseConnection;

/// Approves, rejects or waitlists application `id`; returns it as the API shows it.
pub async fn decide_application(
    db: &DatabaseConnection,
    notifier: &dyn Notifier,
    user: &CurrentUser,
    id: i32,
    decision: Decision,
) -> AppResult<ApplicationItem> {
    let txn = begin_write(db).await?;
    let (app, out) = flow::decide(&txn, user, id, decision).await?;
    let item = flow::item(&txn, app).await?;
    txn.commit().await?;
    notices::deliver_all(notifier, &out);
    Ok(item)
}
