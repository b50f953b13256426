//! Closures as the public sees them: on a market's schedule and on "open now".

use crate::i18n::Msg;
use crate::i18n::texts::scheduling as ts;
use crate::views::PageCtx;
use chrono::NaiveDate;
use entity::{market_closures, markets};
use maud::{Markup, html};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

/// A market's closures that end on or after `from`, soonest first.
pub async fn upcoming(
    db: &impl ConnectionTrait,
    market_id: i32,
    from: NaiveDate,
) -> Result<Vec<market_closures::Model>, DbErr> {
    market_closures::Entity::find()
        .filter(market_closures::Column::MarketId.eq(market_id))
        .filter(market_closures::Column::DateTo.gte(from))
        .order_by_asc(market_closures::Column::DateFrom)
        .all(db)
        .await
}

/// Every closure in force on `date`, with its market.
pub async fn on_date(
    db: &impl ConnectionTrait,
    date: NaiveDate,
) -> Result<Vec<(market_closures::Model, String)>, DbErr> {
    let rows = market_closures::Entity::find()
        .filter(market_closures::Column::DateFrom.lte(date))
        .filter(market_closures::Column::DateTo.gte(date))
        .order_by_asc(market_closures::Column::MarketId)
        .find_also_related(markets::Entity)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(c, m)| (c, m.map_or(String::new(), |m| m.name)))
        .collect())
}

/// One closure in words: `2027-02-05 – 2027-02-12 停市：春节（夜市）`.
pub fn line(ctx: &PageCtx, c: &market_closures::Model) -> String {
    let parts: Vec<String> = c
        .segments
        .as_deref()
        .and_then(|s| serde_json::from_str::<Vec<String>>(s).ok())
        .unwrap_or_default();
    Msg::with(
        "scheduling-closure-line",
        [
            ("from", c.date_from.to_string().into()),
            ("to", c.date_to.to_string().into()),
            ("reason", c.reason.clone().into()),
            (
                "segments",
                if parts.is_empty() {
                    "none".to_owned()
                } else {
                    parts.join(ctx.t(crate::i18n::texts::layout::NAME_SEPARATOR))
                }
                .into(),
            ),
        ],
    )
    .get(ctx.lang)
}

/// The closures section of a market's page (nothing when there are none).
pub fn render(ctx: &PageCtx, closures: &[market_closures::Model]) -> Markup {
    html! {
        @if !closures.is_empty() {
            section.card role="status" {
                h2 { (ctx.t(ts::CLOSURES)) }
                ul { @for c in closures { li { strong { "⛔ " } (line(ctx, c)) } } }
            }
        }
    }
}
