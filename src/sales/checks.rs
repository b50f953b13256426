//! What puts a sales report before the manager to check (the figure is kept and counted: a
//! report is the vendor's word): a night far above the vendor's usual, or, for a new vendor,
//! far above the market's other stalls; more vouchers than sales; a night never checked in;
//! a report filed long after its night.

use super::report::{CORRECTION_DAYS, Figures};
use crate::error::AppResult;
use chrono::{DateTime, Duration, Utc};
use entity::sales_reports;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// A night is flagged when it is more than this many times the vendor's median …
pub const OUTLIER_FACTOR: i64 = 5;
/// … over at least this many earlier reports …
pub const OUTLIER_MIN_REPORTS: usize = 5;
/// … taking a median below ¥100 as ¥100 (a vendor who usually reports ¥0 is not flagged for ¥60).
pub const OUTLIER_FLOOR_FEN: i64 = 10_000;
/// With fewer earlier reports than that, a night is flagged when it is more than this many
/// times the median of the market's other vendors (their last [`PEER_REPORTS`] reports).
pub const PEER_FACTOR: i64 = 10;
/// How many of the market's recent reports make the peers' median.
pub const PEER_REPORTS: u64 = 200;

/// Whether a night of `sales_fen` is far above the vendor's usual: more than 5× the median
/// of their earlier reports (at least 5 of them, the last 60 at most; a median under ¥100
/// counts as ¥100).
pub(super) async fn is_outlier(
    db: &impl ConnectionTrait,
    (vendor_id, market_id): (i32, i32),
    except: Option<i32>,
    sales_fen: i64,
) -> AppResult<bool> {
    let mut q = sales_reports::Entity::find()
        .select_only()
        .column(sales_reports::Column::SalesFen)
        .filter(sales_reports::Column::VendorId.eq(vendor_id));
    if let Some(id) = except {
        q = q.filter(sales_reports::Column::Id.ne(id));
    }
    let mut earlier: Vec<i64> = q
        .order_by_desc(sales_reports::Column::CreatedAt)
        .limit(60)
        .into_tuple()
        .all(db)
        .await?;
    if earlier.len() >= OUTLIER_MIN_REPORTS {
        return Ok(flag(&mut earlier, sales_fen));
    }
    // A new vendor has no usual night yet; their first reports are measured against the
    // market's other stalls, so ¥90,000 typed for ¥900 does not pass unseen into the
    // bureau's 促消费 figure.
    let market_sessions = sea_orm::sea_query::Query::select()
        .column(entity::market_sessions::Column::Id)
        .from(entity::market_sessions::Entity)
        .and_where(entity::market_sessions::Column::MarketId.eq(market_id))
        .to_owned();
    let mut peers: Vec<i64> = sales_reports::Entity::find()
        .select_only()
        .column(sales_reports::Column::SalesFen)
        .filter(sales_reports::Column::VendorId.ne(vendor_id))
        .filter(sales_reports::Column::SessionId.in_subquery(market_sessions))
        .order_by_desc(sales_reports::Column::CreatedAt)
        .limit(PEER_REPORTS)
        .into_tuple()
        .all(db)
        .await?;
    Ok(flag_against_peers(&mut peers, sales_fen))
}

/// The rule against the market's other stalls (sorted in place): as [`flag`], with
/// [`PEER_FACTOR`], since one stall's good night is another's usual one.
pub fn flag_against_peers(peers: &mut [i64], sales_fen: i64) -> bool {
    above_median(peers, sales_fen, PEER_FACTOR)
}

/// Figures that are kept (a report is the vendor's word) but put before the manager to check:
/// more vouchers redeemed than was sold, or a night the vendor was never checked in for.
pub(super) fn doubtful(figures: &Figures, checked_in: bool) -> bool {
    figures.voucher_fen > figures.sales_fen || !checked_in
}

/// A report filed more than [`CORRECTION_DAYS`] after its night opened: it changes figures
/// the bureau may already have reported, so the manager checks it like an outlier.
pub(super) fn late(filed: DateTime<Utc>, night_opened: DateTime<Utc>) -> bool {
    filed - night_opened > Duration::days(CORRECTION_DAYS)
}

/// The outlier rule on the earlier nights (sorted in place).
pub fn flag(earlier: &mut [i64], sales_fen: i64) -> bool {
    above_median(earlier, sales_fen, OUTLIER_FACTOR)
}

/// Whether `sales_fen` is more than `factor` times the lower median of `values` (sorted in
/// place; a median under ¥100 counts as ¥100), judged on at least [`OUTLIER_MIN_REPORTS`].
fn above_median(values: &mut [i64], sales_fen: i64, factor: i64) -> bool {
    if values.len() < OUTLIER_MIN_REPORTS {
        return false;
    }
    lower_median(values).is_some_and(|m| sales_fen > factor * m.max(OUTLIER_FLOOR_FEN))
}

/// The lower median (sorted in place; for an even count the lower of the two middle values,
/// which never makes a flag easier to earn); None when there is nothing.
pub fn lower_median(values: &mut [i64]) -> Option<i64> {
    values.sort_unstable();
    values.get(values.len().checked_sub(1)? / 2).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_night_five_times_the_median_is_flagged_only_with_enough_history() {
        let mut four = vec![50_000; 4];
        assert!(!flag(&mut four, 10_000_000));
        let mut usual = vec![40_000, 50_000, 60_000, 50_000, 55_000];
        assert!(!flag(&mut usual, 250_000));
        assert!(flag(&mut usual, 250_001));
        let mut zeros = vec![0; 6];
        assert!(!flag(&mut zeros, 50_000));
        assert!(flag(&mut zeros, 50_001));
    }

    #[test]
    fn a_new_vendors_night_far_above_the_markets_stalls_is_flagged() {
        let mut market = vec![30_000, 50_000, 80_000, 50_000, 200_000];
        assert!(
            !flag_against_peers(&mut market, 500_000),
            "ten times is allowed"
        );
        assert!(flag_against_peers(&mut market, 500_001));
        let mut few = vec![50_000; 4];
        assert!(
            !flag_against_peers(&mut few, 90_000_000),
            "too few to judge"
        );
    }
}
