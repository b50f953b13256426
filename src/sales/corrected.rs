//! The notice a vendor gets when the market's staff correct the sales they reported: the
//! sales page would otherwise show the staff's figure as the vendor's own report.

use super::money;
use crate::error::{AppError, AppResult};
use entity::sales_reports;
use sea_orm::{ConnectionTrait, EntityTrait};

/// "The staff corrected your sales of that night from ¥x to ¥y", to the report's vendor;
/// `was` is the (sales, vouchers) in fen before the correction.
pub(super) async fn notice(
    db: &impl ConnectionTrait,
    report: &sales_reports::Model,
    was: (i64, i64),
) -> AppResult<crate::notices::Outgoing> {
    let vendor = entity::vendors::Entity::find_by_id(report.vendor_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let session = entity::market_sessions::Entity::find_by_id(report.session_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let night = crate::bookings::cancel::night_in_market(db, &session).await?;
    let text = crate::i18n::Msg::with(
        "figures-notice-corrected",
        [
            ("night", night.into()),
            ("before", money::yuan(was.0).into()),
            ("after", money::yuan(report.sales_fen).into()),
            ("vouchers_before", money::yuan(was.1).into()),
            ("vouchers_after", money::yuan(report.voucher_fen).into()),
        ],
    );
    Ok(crate::notices::write(db, vendor.user_id, "sales_corrected", text).await?)
}
