//! The vendor's apply form in two steps on one page: choose a market (plain links), then dates,
//! category and preferred stalls picked on the market's site plans. Stalls are checkboxes named
//! `preferred_stalls` with an optional rank each, so the form works without JavaScript; the
//! order sent to the applications feature is rank first, then code.

use crate::applications::flow::NewApplication;
use crate::error::{AppError, AppResult};
use crate::i18n::texts::{applications as ta, markets as tm, vendor_journey as t};
use crate::markets::queries as mq;
use crate::sites::drawing::SiteDrawing;
use crate::state::AppState;
use crate::views::plan::{self, StallLook};
use crate::views::{PageCtx, forms::Input, forms::csrf_field};
use entity::market_schedules;
use entity::stalls::StallStatus;
use maud::{Markup, html};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

/// The most preferred stalls an application may name (the applications feature checks it too).
const MAX_PREFERRED: u8 = 10;

/// The apply form as typed: kept to show it again, with the ticks, after an error.
#[derive(Debug, Clone, Default)]
pub struct ApplyInput {
    /// The market id as sent.
    pub market_id: String,
    /// First date.
    pub from: String,
    /// Last date.
    pub to: String,
    /// Trade category.
    pub category: String,
    /// Needs power.
    pub needs_power: bool,
    /// Segments ticked (分时段经营: the 早市 without the 夜市); none ticked: all of them.
    pub segments: Vec<String>,
    /// Weekdays ticked, as sent (1 = Monday); none ticked: every day.
    pub weekdays: Vec<String>,
    /// Ticked stall codes, in the order of the form.
    pub ticked: Vec<String>,
    /// `rank.CODE` fields as typed (also for unticked stalls, which are ignored).
    pub ranks: Vec<(String, String)>,
}

impl ApplyInput {
    /// Reads the form's pairs (checkboxes repeat `preferred_stalls`).
    pub fn from_pairs(pairs: Vec<(String, String)>) -> ApplyInput {
        let mut input = ApplyInput::default();
        for (k, v) in pairs {
            match k.as_str() {
                "market_id" => input.market_id = v,
                "from" => input.from = crate::normalize::typed_date(&v),
                "to" => input.to = crate::normalize::typed_date(&v),
                "category" => input.category = v,
                "needs_power" => input.needs_power = true,
                "segments" if !v.trim().is_empty() => input.segments.push(v),
                "weekdays" if !v.trim().is_empty() => input.weekdays.push(v),
                "preferred_stalls" if !v.trim().is_empty() => input.ticked.push(v),
                _ => {
                    if let Some(code) = k.strip_prefix("rank.") {
                        input.ranks.push((code.to_owned(), v));
                    }
                }
            }
        }
        input
    }

    fn rank_text(&self, code: &str) -> &str {
        self.ranks
            .iter()
            .find(|(c, _)| c == code)
            .map_or("", |(_, v)| v.trim())
    }

    /// The ticked codes, ranked ones first (1 = most wanted), the rest in form order.
    pub fn ranked(&self) -> AppResult<Vec<String>> {
        let mut keyed = Vec::new();
        for (position, code) in self.ticked.iter().enumerate() {
            let rank = match self.rank_text(code) {
                "" => u8::MAX,
                text => crate::normalize::typed_number::<u8>(text)
                    .filter(|r| (1..=MAX_PREFERRED).contains(r))
                    .ok_or_else(|| {
                        AppError::invalid("invalid_rank", "preferred_stalls", t::RANK_INVALID)
                    })?,
            };
            keyed.push((rank, position, code.clone()));
        }
        keyed.sort();
        Ok(keyed.into_iter().map(|(_, _, code)| code).collect())
    }

    /// The application to submit; 422 for a market id that is not a number or a bad rank.
    pub fn to_new(&self) -> AppResult<NewApplication> {
        let market_id =
            self.market_id.trim().parse().map_err(|_| {
                AppError::invalid("unknown_market", "market_id", tm::MARKET_UNKNOWN)
            })?;
        Ok(NewApplication {
            market_id,
            from: self.from.clone(),
            to: self.to.clone(),
            category: self.category.clone(),
            needs_power: self.needs_power,
            preferred_stalls: self.ranked()?,
            segments: self.segments.clone(),
            // A value that is no weekday becomes 0, which the service refuses by name.
            weekdays: self
                .weekdays
                .iter()
                .map(|d| crate::normalize::typed_number(d).unwrap_or(0))
                .collect(),
        })
    }
}

/// The sites a market is held on, in the order of its schedule.
async fn market_sites(state: &AppState, market_id: i32) -> AppResult<Vec<i32>> {
    let mut ids: Vec<i32> = Vec::new();
    for rule in market_schedules::Entity::find()
        .filter(market_schedules::Column::MarketId.eq(market_id))
        .order_by_asc(market_schedules::Column::Id)
        .all(&state.db)
        .await?
    {
        if !ids.contains(&rule.site_id) {
            ids.push(rule.site_id);
        }
    }
    Ok(ids)
}

/// One site's plan with a labelled checkbox and rank field per usable stall.
fn stall_picker(ctx: &PageCtx, drawing: &SiteDrawing, input: &ApplyInput) -> Markup {
    let ticked = |code: &str| input.ticked.iter().any(|c| c == code);
    let usable: Vec<_> = drawing
        .stalls
        .iter()
        .filter(|s| s.status == StallStatus::Active)
        .collect();
    let title = drawing.site.name.clone();
    html! {
        h4 { (drawing.site.name) }
        @if usable.is_empty() { p.empty { (ctx.t(t::NO_STALLS_YET)) } } @else {
            figure.plan-figure {
                (drawing.render(&title, ctx.lang, |s| {
                    if ticked(&s.code) { StallLook::Highlight }
                    else if s.status == StallStatus::Active { StallLook::Active }
                    else { StallLook::Disabled }
                }))
                figcaption { (plan::legend(ctx.lang)) }
            }
            // Closed until a stall is ticked: a plaza's hundreds of stalls would push the
            // submit button screens away on a phone, and preferred stalls are optional.
            details.stall-picks open[usable.iter().any(|s| ticked(&s.code))] {
                summary { (ctx.t(t::PICK_STALLS)) " (" (usable.len()) ")" }
            ul.stall-picks {
                @for s in &usable {
                    li {
                        label.check for=(format!("pick-{}", s.code)) {
                            input type="checkbox" id=(format!("pick-{}", s.code)) name="preferred_stalls"
                                value=(s.code) checked[ticked(&s.code)];
                            " " code.stall-code { (s.code) }
                            @if s.power { " ⚡" }
                        }
                        span.rank {
                            label for=(format!("rank-{}", s.code)) { (ctx.t(t::RANK)) }
                            input.rank type="text" inputmode="numeric" maxlength="2" id=(format!("rank-{}", s.code))
                                name=(format!("rank.{}", s.code)) value=(input.rank_text(&s.code));
                        }
                    }
                }
            }
            }
        }
    }
}

/// The "apply" section of `/applications` for a vendor: market links, then the form for the
/// chosen market with its plans.
pub async fn section(
    state: &AppState,
    ctx: &PageCtx,
    chosen: Option<i32>,
    input: &ApplyInput,
    error: Option<&AppError>,
) -> AppResult<Markup> {
    let (markets, _) = mq::list_markets(&state.db, 5000, 0).await?;
    let market = chosen.and_then(|id| markets.iter().find(|m| m.id == id));
    let mut drawings = Vec::new();
    if let Some(m) = market {
        for site_id in market_sites(state, m.id).await? {
            drawings.push(SiteDrawing::load(state, site_id).await?);
        }
    }
    let categories = match market {
        Some(m) => mq::categories_of(&state.db, m.id).await?,
        None => Vec::new(),
    };
    let segments = match market {
        Some(m) => mq::segments_of(&state.db, &[m.id]).await?,
        None => Vec::new(),
    };
    let field_error = |field: &str| {
        error
            .filter(|e| e.field() == Some(field))
            .map(|e| e.message(ctx.lang))
    };
    let (from_err, to_err) = (field_error("from"), field_error("to"));
    Ok(html! {
        section #apply aria-labelledby="apply-h" {
            h2 #apply-h { (ctx.t(ta::NEW)) }
            @if let Some(e) = error { p.error-message role="alert" { "⚠ " (e.message(ctx.lang)) } }
            h3 { (ctx.t(t::STEP_MARKET)) }
            ul.cards.market-choice {
                @for m in &markets {
                    li { a.button.big href=(format!("/applications?market_id={}#apply", m.id))
                        aria-current=[(Some(m.id) == chosen).then_some("true")] {
                        @if Some(m.id) == chosen { "✔ " } (m.name) } }
                }
            }
            @if let Some(m) = market {
                h3 { (ctx.t(t::STEP_FORM)) }
                form.card.apply method="post" action="/applications" {
                    (csrf_field(ctx))
                    input type="hidden" name="market_id" value=(m.id);
                    p { (ctx.t(t::CHOSEN_MARKET)) (ctx.lang.colon()) strong { (m.name) } }
                    (Input { name: "from", label: ctx.t(tm::FROM), value: &input.from, kind: "date", required: true,
                             error: from_err.as_deref(), ..Default::default() }.render())
                    (Input { name: "to", label: ctx.t(tm::TO), value: &input.to, kind: "date", required: true,
                             error: to_err.as_deref(), ..Default::default() }.render())
                    div.field {
                        label for="f-category" { (ctx.t(ta::CATEGORY)) }
                        select id="f-category" name="category" {
                            @for c in &categories {
                                option value=(c.name) selected[input.category == c.name] {
                                    (crate::vendors::categories::find(&c.name).map_or(c.name.as_str(), |s| s.label.get(ctx.lang)))
                                }
                            }
                        }
                    }
                    // 分时段经营: a vendor who can only come to the 早市 says so here.
                    @if segments.len() > 1 {
                        fieldset.field.choices {
                            legend { (ctx.t(t::SEGMENTS_LEGEND)) }
                            p.hint { (ctx.t(t::SEGMENTS_HINT)) }
                            @if let Some(e) = field_error("segments") { p.error role="alert" { "⚠ " (e) } }
                            @for s in &segments {
                                label.check { input type="checkbox" name="segments" value=(s.name)
                                    checked[input.segments.contains(&s.name)];
                                    " " (s.name) " " span.muted { (s.start_time) "–" (s.end_time) } }
                            }
                        }
                    }
                    fieldset.field.choices {
                        legend { (ctx.t(t::WEEKDAYS_LEGEND)) }
                        p.hint { (ctx.t(t::WEEKDAYS_HINT)) }
                        @if let Some(e) = field_error("weekdays") { p.error role="alert" { "⚠ " (e) } }
                        @for (k, name) in tm::WEEKDAY_NAMES.iter().enumerate() {
                            @let day = (k + 1).to_string();
                            label.check { input type="checkbox" name="weekdays" value=(day)
                                checked[input.weekdays.contains(&day)]; " " (ctx.t(*name)) }
                        }
                    }
                    label.check { input type="checkbox" name="needs_power" value="1" checked[input.needs_power]; " " (ctx.t(ta::NEEDS_POWER)) }
                    fieldset.field.preferred aria-describedby="preferred-hint" {
                        legend { (ctx.t(t::PREFERRED_LEGEND)) }
                        p.hint #preferred-hint { (ctx.t(t::PREFERRED_HINT)) }
                        @if let Some(e) = field_error("preferred_stalls") { p.error role="alert" { "⚠ " (e) } }
                        @for d in &drawings { (stall_picker(ctx, d, input)) }
                    }
                    button.primary type="submit" { (ctx.t(ta::APPLY)) }
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn ranked_stalls_come_first_and_the_rest_keep_the_form_order() {
        let input = ApplyInput::from_pairs(pairs(&[
            ("preferred_stalls", "W-A-001"),
            ("rank.W-A-001", ""),
            ("preferred_stalls", "W-A-002"),
            ("rank.W-A-002", "2"),
            ("preferred_stalls", "W-A-003"),
            ("rank.W-A-003", "1"),
            ("rank.W-A-004", "3"),
        ]));
        assert_eq!(
            input.ranked().unwrap(),
            ["W-A-003", "W-A-002", "W-A-001"],
            "an unticked stall's rank is ignored"
        );
    }

    #[test]
    fn a_rank_that_is_not_one_to_ten_is_refused() {
        for bad in ["0", "11", "x", "-1"] {
            let input = ApplyInput::from_pairs(pairs(&[
                ("preferred_stalls", "W-A-001"),
                ("rank.W-A-001", bad),
            ]));
            assert_eq!(input.ranked().unwrap_err().code(), "invalid_rank", "{bad}");
        }
    }
}
