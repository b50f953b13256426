//! An application's dates must lie within the market's season (its schedule rows, first day to
//! last); the field outside is named and the season said, so the vendor can correct it.

use crate::error::{AppError, AppResult};
use crate::i18n::{Msg, texts::applications as t};
use chrono::NaiveDate;
use entity::market_schedules;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// 422 `outside_season` on `from` or `to`, whichever is outside, naming the season; else the
/// market's schedule rows.
pub async fn require_within(
    db: &impl ConnectionTrait,
    market_id: i32,
    from: NaiveDate,
    to: NaiveDate,
) -> AppResult<Vec<market_schedules::Model>> {
    let rules = market_schedules::Entity::find()
        .filter(market_schedules::Column::MarketId.eq(market_id))
        .all(db)
        .await?;
    let first = rules.iter().map(|r| r.date_from).min();
    let last = rules.iter().map(|r| r.date_to).max();
    let (Some(first), Some(last)) = (first, last) else {
        return Err(AppError::invalid(
            "outside_season",
            "from",
            t::OUTSIDE_SEASON,
        ));
    };
    if from >= first && to <= last {
        return Ok(rules);
    }
    Err(AppError::invalid(
        "outside_season",
        if from < first { "from" } else { "to" },
        Msg::with(
            "applications-outside-season-dates",
            [
                ("first", first.to_string().into()),
                ("last", last.to_string().into()),
            ],
        ),
    ))
}
