//! The allocation run form on a market's page (staff who manage the market), and its submit.

use super::pages::status_label;
use super::run;
use crate::error::{AppError, AppResult};
use crate::extract::PathId;
use crate::i18n::{T, texts::allocation_texts as t};
use crate::identity::Auth;
use crate::markets::{access, queries as mq};
use crate::state::AppState;
use crate::views::{self, PageCtx, forms::Input, forms::csrf_field};
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use entity::{allocation_runs, markets};
use maud::{Markup, html};
use rand::seq::IndexedRandom;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;
use std::collections::BTreeMap;

/// The run form as submitted (or its defaults).
#[derive(Debug, Clone)]
struct RunForm {
    from: String,
    to: String,
    seed: String,
    method: String,
    reserved: String,
    category_max: String,
    /// 多业态融合: each trade's least share, `小吃=0.3, 农副产品=0.2`.
    category_min: String,
    weekly_cap: String,
    no_adjacent: bool,
    keep_same: bool,
    rotate_premium: bool,
    food_zone: bool,
}

/// The dates a run is offered for: the market's next scheduled nights, from the first one
/// to come (not before tomorrow) through the last within a month of it — a season that starts
/// next month is offered as itself, not as the four weeks from today that miss its end.
/// Without nights to come: the next four weeks.
async fn suggested_dates(
    db: &impl ConnectionTrait,
    market_id: i32,
) -> AppResult<(chrono::NaiveDate, chrono::NaiveDate)> {
    use entity::market_sessions::{self, SessionStatus};
    use sea_orm::QuerySelect;
    let tomorrow = crate::clock::today() + chrono::Duration::days(1);
    let (first, last): (Option<chrono::NaiveDate>, Option<chrono::NaiveDate>) =
        market_sessions::Entity::find()
            .select_only()
            .column_as(market_sessions::Column::BusinessDate.min(), "first")
            .column_as(market_sessions::Column::BusinessDate.max(), "last")
            .filter(market_sessions::Column::MarketId.eq(market_id))
            .filter(market_sessions::Column::Status.eq(SessionStatus::Scheduled))
            .filter(market_sessions::Column::BusinessDate.gte(tomorrow))
            .into_tuple()
            .one(db)
            .await?
            .unwrap_or((None, None));
    Ok(match (first, last) {
        (Some(first), Some(last)) => {
            let month_end = first + chrono::Duration::days(30);
            // The end of a season a few days past the month: taken whole rather than left over.
            let to = if last <= first + chrono::Duration::days(34) {
                last
            } else {
                month_end
            };
            (first, to)
        }
        _ => (tomorrow, tomorrow + chrono::Duration::days(27)),
    })
}

impl RunForm {
    /// Defaults: the market's next month of nights (see [`suggested_dates`]) and a seed like
    /// `2026-11-27-lantern`.
    fn suggested((from, to): (chrono::NaiveDate, chrono::NaiveDate)) -> Self {
        const WORDS: [&str; 8] = [
            "lantern", "apricot", "camel", "poplar", "jade", "millet", "oasis", "qilian",
        ];
        let today = crate::clock::today();
        let word = WORDS.choose(&mut rand::rng()).copied().unwrap_or("lantern");
        RunForm {
            from: from.to_string(),
            to: to.to_string(),
            seed: format!("{today}-{word}"),
            method: "rotation".into(),
            reserved: String::new(),
            category_max: String::new(),
            category_min: String::new(),
            weekly_cap: String::new(),
            no_adjacent: true,
            keep_same: true,
            rotate_premium: true,
            food_zone: false,
        }
    }

    fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut f = RunForm {
            no_adjacent: false,
            keep_same: false,
            rotate_premium: false,
            food_zone: false,
            ..RunForm::suggested((crate::clock::today(), crate::clock::today()))
        };
        for (k, v) in pairs {
            match k.as_str() {
                "from" => f.from = v,
                "to" => f.to = v,
                "seed" => f.seed = v,
                "method" => f.method = v,
                "reserved" => f.reserved = v,
                "category_max" => f.category_max = v,
                "category_min" => f.category_min = v,
                "weekly_cap" => f.weekly_cap = v,
                "no_adjacent" => f.no_adjacent = true,
                "keep_same" => f.keep_same = true,
                "rotate_premium" => f.rotate_premium = true,
                "food_zone" => f.food_zone = true,
                _ => {}
            }
        }
        f
    }

    /// The policy JSON the form stands for; 422 naming the form field it cannot read.
    fn policy(&self, categories: &[String]) -> AppResult<serde_json::Value> {
        let share = |s: &str, field: &'static str, why| {
            crate::normalize::half_width(s)
                .trim()
                .parse::<f64>()
                .map_err(|_| AppError::invalid("invalid_policy", field, why))
        };
        let mut reserved = BTreeMap::new();
        for part in self.reserved.split([',', '，', ';']).map(str::trim) {
            if part.is_empty() {
                continue;
            }
            // 低保户=0.1: a group by its name (or code) and a share of the stalls.
            let bad = || AppError::invalid("invalid_policy", "reserved", t::RESERVED_INVALID);
            let (group, v) = part.split_once(['=', '＝']).ok_or_else(bad)?;
            let group = crate::vendors::categories::find_priority_group(group).ok_or_else(bad)?;
            reserved.insert(
                group.code.to_owned(),
                share(v, "reserved", t::RESERVED_INVALID)?,
            );
        }
        let category_max = trade_shares(&self.category_max, "category_max", categories)?;
        let category_min = trade_shares(&self.category_min, "category_min", categories)?;
        let least: f64 = category_min.values().sum();
        if least > 1.0 + 1e-9 {
            return Err(AppError::invalid(
                "invalid_policy",
                "category_min",
                crate::i18n::Msg::with(
                    "allocation-least-over-all",
                    [("total", format!("{:.0}", least * 100.0).into())],
                ),
            ));
        }
        let weekly_cap =
            match self.weekly_cap.trim() {
                "" => None,
                s => Some(s.parse::<u32>().map_err(|_| {
                    AppError::invalid("invalid_policy", "weekly_cap", t::WEEKLY_CAP)
                })?),
            };
        Ok(json!({
            "method": if self.method == "serial_dictatorship" { "serial_dictatorship" } else { "rotation" },
            "reserved_share": reserved,
            "category_max_share": category_max,
            "category_min_share": category_min,
            "max_sessions_per_vendor_per_week": weekly_cap,
            "no_adjacent_same_category": self.no_adjacent,
            "keep_same_stall": self.keep_same,
            "rotate_premium": self.rotate_premium,
            "food_zone_only": self.food_zone,
        }))
    }
}

/// A share: `0.4`, `40%` or `４０％`.
fn parse_share(s: &str) -> Option<f64> {
    let s = crate::normalize::half_width(s);
    let s = s.trim();
    match s.strip_suffix('%') {
        Some(pct) => pct.trim().parse::<f64>().ok().map(|v| v / 100.0),
        None => s.parse::<f64>().ok(),
    }
}

/// The trade shares of `field`: one share for every trade of the market (`0.4`), or each
/// trade its own (`服装百货=0.34, 烧烤=20%`); a trade the market does not admit, or a share
/// that is not one, is a 422 naming the field. Ranges are the policy's to check.
fn trade_shares(
    text: &str,
    field: &'static str,
    categories: &[String],
) -> AppResult<BTreeMap<String, f64>> {
    let bad = || AppError::invalid("invalid_policy", field, t::CATEGORY_SHARES_INVALID);
    let mut out = BTreeMap::new();
    let text = text.trim();
    if text.is_empty() {
        return Ok(out);
    }
    // A share is a fraction of the stalls, 0 to 1 (a percentage up to 100 %).
    let share = |s: &str| parse_share(s).filter(|v| v.is_finite() && (0.0..=1.0).contains(v));
    if !text.contains(['=', '＝']) {
        let v = share(text).ok_or_else(bad)?;
        for c in categories {
            out.insert(c.clone(), v);
        }
        return Ok(out);
    }
    for part in text.split([',', '，', ';', '；', '、']).map(str::trim) {
        if part.is_empty() {
            continue;
        }
        let (trade, v) = part.split_once(['=', '＝']).ok_or_else(bad)?;
        let trade = trade.trim();
        if !categories.iter().any(|c| c == trade) {
            return Err(AppError::invalid(
                "invalid_policy",
                field,
                crate::i18n::Msg::with(
                    "allocation-unknown-trade",
                    [
                        ("trade", trade.into()),
                        ("trades", categories.to_vec().into()),
                    ],
                ),
            ));
        }
        let v = share(v).ok_or_else(bad)?;
        if out.insert(trade.to_owned(), v).is_some() {
            return Err(AppError::invalid(
                "invalid_policy",
                field,
                crate::i18n::Msg::with("allocation-trade-twice", [("trade", trade.into())]),
            ));
        }
    }
    Ok(out)
}

/// [`market_section`] as a market-page contribution (see `crate::registry`).
pub fn market_section_boxed<'a>(
    state: &'a AppState,
    ctx: &'a PageCtx,
    market: &'a markets::Model,
) -> futures_util::future::BoxFuture<'a, AppResult<Markup>> {
    Box::pin(market_section(&state.db, ctx, market))
}

/// The run form and earlier runs, for the market page (staff who manage the market only).
pub async fn market_section(
    db: &impl ConnectionTrait,
    ctx: &PageCtx,
    market: &markets::Model,
) -> AppResult<Markup> {
    let Some(user) = &ctx.user else {
        return Ok(html! {});
    };
    if !access::can_read(db, user, market).await? {
        return Ok(html! {});
    }
    let can_run = access::can_manage(db, user, market).await?;
    let dates = suggested_dates(db, market.id).await?;
    let runs = allocation_runs::Entity::find()
        .filter(allocation_runs::Column::MarketId.eq(market.id))
        .order_by_desc(allocation_runs::Column::Id)
        .all(db)
        .await?;
    Ok(html! {
        @if !runs.is_empty() {
            h2 { (ctx.t(t::RUNS)) }
            ul.cards { @for r in &runs { li {
                a href=(format!("/allocations/{}", r.id)) { "#" (r.id) " " (r.date_from) " – " (r.date_to) }
                " · " (status_label(&r.status).get(ctx.lang))
                " · " (ctx.t(t::PLACED)) " " (r.placed) " · " (ctx.t(t::UNPLACED)) " " (r.unplaced)
            } } }
        }
        @if can_run { (run_form(ctx, market.id, &RunForm::suggested(dates), None)) }
    })
}

/// The form that runs a draft.
fn run_form(ctx: &PageCtx, market_id: i32, f: &RunForm, error: Option<&AppError>) -> Markup {
    let err = |name: &str| {
        error
            .filter(|e| {
                e.field()
                    .is_some_and(|x| x == name || x.starts_with(&format!("{name}.")))
            })
            .map(|e| e.message(ctx.lang))
    };
    let (e_from, e_to, e_seed) = (err("from"), err("to"), err("seed"));
    let (e_max, e_min) = (err("category_max"), err("category_min"));
    let e_policy = error
        .filter(|e| {
            !matches!(
                e.field(),
                Some("from" | "to" | "seed" | "category_max" | "category_min")
            )
        })
        .map(|e| e.message(ctx.lang));
    let checkbox = |name: &str, label: T, on: bool| {
        html! { div.field { label { input type="checkbox" name=(name) value="on" checked[on]; " " (ctx.t(label)) } } }
    };
    html! {
        h2 { (ctx.t(t::RUN_HEADING)) }
        form method="post" action=(format!("/markets/{market_id}/allocations")) {
            (csrf_field(ctx))
            @if let Some(m) = &e_policy { p.error role="alert" { "⚠ " (m) } }
            (Input { name: "from", label: ctx.t(t::FROM), value: &f.from, kind: "date", error: e_from.as_deref(), required: true, ..Default::default() }.render())
            (Input { name: "to", label: ctx.t(t::TO), value: &f.to, kind: "date", error: e_to.as_deref(), required: true, ..Default::default() }.render())
            (Input { name: "seed", label: ctx.t(t::SEED), value: &f.seed, hint: Some(ctx.t(t::SEED_HINT)), error: e_seed.as_deref(), required: true, ..Default::default() }.render())
            div.field {
                label for="f-method" { (ctx.t(t::METHOD)) }
                select id="f-method" name="method" {
                    option value="rotation" selected[f.method != "serial_dictatorship"] { (ctx.t(t::ROTATION)) }
                    option value="serial_dictatorship" selected[f.method == "serial_dictatorship"] { (ctx.t(t::SERIAL)) }
                }
            }
            (Input { name: "reserved", label: ctx.t(t::RESERVED), value: &f.reserved, hint: Some(ctx.t(t::RESERVED_HINT)), ..Default::default() }.render())
            (Input { name: "category_max", label: ctx.t(t::CATEGORY_MAX), value: &f.category_max, hint: Some(ctx.t(t::CATEGORY_SHARES_HINT)), error: e_max.as_deref(), ..Default::default() }.render())
            (Input { name: "category_min", label: ctx.t(t::CATEGORY_MIN), value: &f.category_min, hint: Some(ctx.t(t::CATEGORY_SHARES_HINT)), error: e_min.as_deref(), ..Default::default() }.render())
            (Input { name: "weekly_cap", label: ctx.t(t::WEEKLY_CAP), value: &f.weekly_cap, inputmode: Some("numeric"), ..Default::default() }.render())
            (checkbox("no_adjacent", t::NO_ADJACENT, f.no_adjacent))
            (checkbox("keep_same", t::KEEP_SAME, f.keep_same))
            (checkbox("rotate_premium", t::ROTATE_PREMIUM, f.rotate_premium))
            (checkbox("food_zone", t::FOOD_ZONE, f.food_zone))
            button type="submit" { (ctx.t(t::RUN)) }
        }
    }
}

/// POST /markets/{id}/allocations: runs a draft and shows it; the form again on an error.
pub(super) async fn run_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let market = mq::find_market(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    access::require_manage(&state.db, &auth, &market).await?;
    let form = RunForm::from_pairs(pairs);
    let categories: Vec<String> = mq::categories_of(&state.db, id)
        .await?
        .into_iter()
        .map(|c| c.name)
        .collect();
    let result = async {
        let req = run::RunRequest {
            from: form.from.clone(),
            to: form.to.clone(),
            seed: form.seed.clone(),
            policy: form.policy(&categories)?,
        };
        run::create(&state, &auth, id, &req).await
    }
    .await;
    match result {
        Ok(stored) => Ok(Redirect::to(&format!("/allocations/{}", stored.id)).into_response()),
        Err(e @ AppError::Invalid { .. }) => {
            let body = run_form(&ctx, id, &form, Some(&e));
            Ok((e.status(), views::page(&ctx, &market.name, body)).into_response())
        }
        Err(e) => Err(e),
    }
}
