//! What a manager needs beside an appeal to decide it: whose inspection it was, in which market,
//! on which stall, the items and points recorded with their notes, and whether the vendor is
//! suspended now (cancelling these points may lift it).

use super::{catalogue, demerits};
use crate::error::AppResult;
use crate::i18n::{Msg, texts::night as t};
use crate::views::PageCtx;
use chrono::NaiveDate;
use entity::{inspection_items, inspections, markets, stalls, vendors};
use maud::{Markup, html};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// One appealed inspection in words.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The vendor's name.
    pub vendor: String,
    /// The market's name.
    pub market: String,
    /// The stall's code.
    pub stall: String,
    /// (catalogue code, points, note) of each item, as recorded.
    pub items: Vec<(String, i32, Option<String>)>,
    /// The last day of the vendor's running suspension.
    pub suspended_until: Option<NaiveDate>,
}

/// The context of each of `pending`, by inspection id, in a few queries.
pub async fn of(
    db: &impl ConnectionTrait,
    pending: &[inspections::Model],
) -> AppResult<HashMap<i32, Context>> {
    let vendor_ids: Vec<i32> = pending.iter().map(|i| i.vendor_id).collect();
    let vendor_names: HashMap<i32, String> = vendors::Entity::find()
        .filter(vendors::Column::Id.is_in(vendor_ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v.name))
        .collect();
    let market_names: HashMap<i32, String> = markets::Entity::find()
        .filter(markets::Column::Id.is_in(pending.iter().map(|i| i.market_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m.name))
        .collect();
    let stall_codes: HashMap<i32, String> = stalls::Entity::find()
        .filter(stalls::Column::Id.is_in(pending.iter().map(|i| i.stall_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.code))
        .collect();
    let mut items: HashMap<i32, Vec<(String, i32, Option<String>)>> = HashMap::new();
    for item in inspection_items::Entity::find()
        .filter(inspection_items::Column::InspectionId.is_in(pending.iter().map(|i| i.id)))
        .order_by_asc(inspection_items::Column::Id)
        .all(db)
        .await?
    {
        items
            .entry(item.inspection_id)
            .or_default()
            .push((item.code, item.points, item.note));
    }
    let suspended = demerits::suspensions_among(db, &vendor_ids, crate::clock::today()).await?;
    Ok(pending
        .iter()
        .map(|i| {
            let found = |m: &HashMap<i32, String>, id: i32| m.get(&id).cloned().unwrap_or_default();
            (
                i.id,
                Context {
                    vendor: found(&vendor_names, i.vendor_id),
                    market: found(&market_names, i.market_id),
                    stall: found(&stall_codes, i.stall_id),
                    items: items.remove(&i.id).unwrap_or_default(),
                    suspended_until: suspended.get(&i.vendor_id).copied(),
                },
            )
        })
        .collect())
}

/// The context as the appeal card shows it.
pub fn render(ctx: &PageCtx, c: &Context) -> Markup {
    let total: i32 = c.items.iter().map(|(_, p, _)| p).sum();
    html! {
        p.appeal-who { (c.vendor) " · " (c.market) " · " (c.stall) }
        ul.appeal-items {
            @for (code, points, note) in &c.items {
                li {
                    (catalogue::find(code).map_or(code.as_str(), |k| ctx.t(k.name)))
                    " · " (points) " " (ctx.t(t::POINTS))
                    @if let Some(n) = note { " · " (ctx.t(t::NOTE)) (ctx.lang.colon()) (n) }
                }
            }
        }
        p { strong { (total) " " (ctx.t(t::POINTS)) } }
        @if let Some(until) = c.suspended_until {
            p.warning role="status" {
                "⚠ " (Msg::with("night-appeal-suspended", [("until", until.to_string().into())]).get(ctx.lang))
            }
        }
    }
}
