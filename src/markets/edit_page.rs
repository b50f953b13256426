//! `/markets/{id}/edit`: a market's schedule editor for its managers — rename, categories and
//! self-selection; the rota (end a row early, extend it, add a row); new hours from a date;
//! a closure; the next season. Every form works without JavaScript; closures, row changes and
//! clones post to the bookings feature's handlers (plain URLs), which draw this page again
//! with their error through [`render`].

use super::create::CategoryIn;
use super::edit::{self, MarketPatch, market_for_writing};
use super::hours::{self, HoursChange};
use super::impact::NeedsConfirmation;
use super::write::{EditorForm, write, write_confirmable};
use super::{queries, rows};
use crate::error::{AppError, AppResult};
use crate::extract::PathId;
use crate::i18n::Msg;
use crate::i18n::texts::{markets as t, scheduling as ts};
use crate::identity::{Auth, CurrentUser};
use crate::state::AppState;
use crate::views::{self, PageCtx, forms::Input, forms::csrf_field};
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use entity::market_schedules;
use maud::{Markup, html};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The routes of the editor and of the changes the markets service makes itself.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/markets/{id}/edit", get(edit_page).post(edit_submit))
        .route("/markets/{id}/schedule", post(add_row_submit))
        .route("/markets/{id}/hours", post(hours_submit))
}

/// `?done=&n=&v=`: what the last change did.
#[derive(Debug, Default, Deserialize)]
pub struct Done {
    /// `saved`, `row_added`, `hours`, `closure`, `row`, `clone`.
    pub done: Option<String>,
    /// Sessions.
    pub n: Option<i64>,
    /// Vendors told.
    pub v: Option<i64>,
}

/// Where the editor sends the browser after a change.
pub fn done_url(market_id: i32, done: &str, n: u64, v: u64) -> String {
    format!("/markets/{market_id}/edit?done={done}&n={n}&v={v}")
}

/// An error to show in one section of the editor.
pub struct SectionError<'a> {
    /// `market`, `rows`, `add_row`, `hours`, `closure`, `clone`.
    pub section: &'static str,
    /// The refusal.
    pub error: &'a AppError,
    /// What the refused form held: shown again, so one field is mended, not all typed anew.
    pub typed: &'a [(String, String)],
}

/// The editor page (status 200 or the error's).
pub async fn render(
    state: &AppState,
    ctx: &PageCtx,
    user: &CurrentUser,
    market_id: i32,
    done: &Done,
    error: Option<SectionError<'_>>,
) -> AppResult<Response> {
    let market = market_for_writing(&state.db, user, market_id).await?;
    let segments = rows::segment_times(&state.db, market_id).await?;
    let categories = queries::categories_of(&state.db, market_id).await?;
    let rota = market_schedules::Entity::find()
        .filter(market_schedules::Column::MarketId.eq(market_id))
        .order_by_asc(market_schedules::Column::Id)
        .all(&state.db)
        .await?;
    let sites: BTreeMap<i32, String> = crate::sites::queries::list(&state.db, 5000, 0)
        .await?
        .0
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let mut own_sites = Vec::new();
    for (id, name) in &sites {
        if super::create::require_site(&state.db, user, *id)
            .await
            .is_ok()
        {
            own_sites.push((*id, name.clone()));
        }
    }
    let rota_sites: Vec<i32> = {
        let mut v: Vec<i32> = rota.iter().map(|r| r.site_id).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let today = crate::clock::today().to_string();
    let status = error
        .as_ref()
        .map_or(http::StatusCode::OK, |e| e.error.status());
    // The refused section's fields as they were typed; the others as they start.
    let kept = |section: &str, key: &str, default: &str| -> String {
        match &error {
            Some(e) if e.section == section => field(e.typed, key).to_owned(),
            _ => default.to_owned(),
        }
    };
    let ticked = |section: &str, key: &str, value: &str, default: bool| -> bool {
        match &error {
            Some(e) if e.section == section => fields(e.typed, key).contains(&value),
            _ => default,
        }
    };
    let alert = |section: &str| -> Markup {
        match &error {
            Some(e) if e.section == section => html! {
                p.error-message { "⚠ " (e.error.message(ctx.lang)) }
            },
            _ => html! {},
        }
    };
    let done_line = done.done.as_deref().map(|d| {
        Msg::with(
            "scheduling-done",
            [
                ("what", d.to_owned().into()),
                ("sessions", done.n.unwrap_or(0).into()),
                ("vendors", done.v.unwrap_or(0).into()),
            ],
        )
        .get(ctx.lang)
    });
    let wd_names = |w: &[u8]| -> String {
        if w.is_empty() {
            return ctx.t(ts::EVERY_DAY).to_owned();
        }
        w.iter()
            .filter_map(|d| t::WEEKDAY_NAMES.get(usize::from(*d).wrapping_sub(1)))
            .map(|n| n.get(ctx.lang))
            .collect::<Vec<_>>()
            .join(" ")
    };
    // The refused section may be thousands of pixels down the page: its reason comes first,
    // with a link to the form.
    let anchor = |section: &str| match section {
        "add_row" => "s-add".to_owned(),
        other => format!("s-{other}"),
    };
    let body = html! {
        p { a href=(format!("/markets/{market_id}")) { "← " (market.name) } }
        @if let Some(e) = &error {
            p.error-message role="alert" { "⚠ " (e.error.message(ctx.lang)) " "
                a href=(format!("#{}", anchor(e.section))) { (ctx.t(ts::TO_THE_FORM)) " ↓" } }
        }
        @if let Some(line) = done_line { p.notice role="status" { "✓ " (line) } }
        section.card aria-labelledby="s-market" {
            h2 #s-market { (ctx.t(ts::MARKET_SETTINGS)) }
            (alert("market"))
            form method="post" action=(format!("/markets/{market_id}/edit")) {
                (csrf_field(ctx))
                (Input { name: "name", label: ctx.t(t::NAME), value: &market.name, required: true, ..Default::default() }.render())
                fieldset.field {
                    legend { (ctx.t(ts::CATEGORIES)) }
                    p.hint { (ctx.t(ts::CATEGORIES_HINT)) }
                    @for (i, c) in categories.iter().map(Some).chain([None]).enumerate() {
                        div.category {
                            (Input { name: &format!("cat{i}_name"), label: ctx.t(ts::CATEGORY), value: c.map_or("", |c| c.name.as_str()), ..Default::default() }.render())
                            label.check { input type="checkbox" name=(format!("cat{i}_food")) value="1" checked[c.is_some_and(|c| c.food)]; " " (ctx.t(ts::FOOD)) }
                            " "
                            label.check { input type="checkbox" name=(format!("cat{i}_smoky")) value="1" checked[c.is_some_and(|c| c.smoky)]; " " (ctx.t(ts::SMOKY)) }
                        }
                    }
                }
                label.check { input type="checkbox" name="self_select" value="1" checked[market.self_select]; " " (ctx.t(t::SELF_SELECT)) }
                p { button.primary type="submit" { (ctx.t(ts::SAVE)) } }
            }
        }
        section.card aria-labelledby="s-rows" {
            h2 #s-rows { (ctx.t(ts::ROWS)) }
            (alert("rows"))
            p.hint { (ctx.t(ts::ROW_END_HINT)) }
            ul.cards {
                @for r in &rota {
                    li {
                        strong { (sites.get(&r.site_id).map_or("", String::as_str)) } " · " (r.segment) " · " (wd_names(&r.weekdays)) br;
                        (r.date_from) " – " (r.date_to) " · "
                        a href=(format!("/sites/{}/timeline", r.site_id)) { (ctx.t(ts::TIMELINE)) }
                        form.inline method="post" action=(format!("/schedule-rows/{}", r.id)) {
                            (csrf_field(ctx))
                            (Input { name: &format!("to{}", r.id), label: ctx.t(ts::NEW_LAST_DATE), value: &r.date_to.to_string(), kind: "date", required: true, ..Default::default() }.render())
                            button type="submit" { (ctx.t(ts::APPLY)) }
                        }
                    }
                }
            }
        }
        section.card aria-labelledby="s-add" {
            h2 #s-add { (ctx.t(ts::ADD_ROW)) }
            (alert("add_row"))
            form method="post" action=(format!("/markets/{market_id}/schedule")) {
                (csrf_field(ctx))
                div.field {
                    label for="f-add-site" { (ctx.t(t::SITE)) }
                    select id="f-add-site" name="site_id" { @for (id, name) in &own_sites { option value=(id) selected[kept("add_row", "site_id", "") == id.to_string()] { (name) } } }
                }
                div.field {
                    label for="f-add-segment" { (ctx.t(ts::SEGMENT)) }
                    select id="f-add-segment" name="segment" { @for (n, _) in &segments { option value=(n) selected[kept("add_row", "segment", "") == *n] { (n) } } }
                }
                fieldset.field {
                    legend { (ctx.t(t::WEEKDAYS)) }
                    @for (d, name) in t::WEEKDAY_NAMES.iter().enumerate() {
                        label.check { input type="checkbox" name="weekdays" value=(d + 1) checked[ticked("add_row", "weekdays", &(d + 1).to_string(), false)]; " " (name.get(ctx.lang)) }
                    }
                }
                (Input { name: "from", label: ctx.t(t::FROM), value: &kept("add_row", "from", &today), kind: "date", required: true, ..Default::default() }.render())
                (Input { name: "to", label: ctx.t(t::TO), value: &kept("add_row", "to", ""), kind: "date", required: true, ..Default::default() }.render())
                button type="submit" { (ctx.t(ts::ADD_ROW)) }
            }
        }
        section.card aria-labelledby="s-hours" {
            h2 #s-hours { (ctx.t(ts::HOURS)) }
            (alert("hours"))
            p.hint { (ctx.t(ts::HOURS_HINT)) }
            form method="post" action=(format!("/markets/{market_id}/hours")) {
                (csrf_field(ctx))
                div.field {
                    label for="f-hours-segment" { (ctx.t(ts::SEGMENT)) }
                    select id="f-hours-segment" name="segment" {
                        @for (n, tm) in &segments { option value=(n) selected[kept("hours", "segment", "") == *n] { (n) " " (super::schedule::hhmm(tm.start)) "–" (super::schedule::hhmm(tm.end)) } }
                    }
                }
                (Input { name: "start", label: ctx.t(t::START), value: &kept("hours", "start", ""), kind: "time", required: true, ..Default::default() }.render())
                (Input { name: "end", label: ctx.t(t::END), value: &kept("hours", "end", ""), kind: "time", required: true, ..Default::default() }.render())
                (Input { name: "from", label: ctx.t(ts::FROM_DATE), value: &kept("hours", "from", &today), kind: "date", required: true, ..Default::default() }.render())
                button type="submit" { (ctx.t(ts::APPLY)) }
            }
        }
        section.card aria-labelledby="s-closure" {
            h2 #s-closure { (ctx.t(ts::CLOSE_MARKET)) }
            (alert("closure"))
            p.hint { (ctx.t(ts::CLOSURE_HINT)) }
            form method="post" action=(format!("/markets/{market_id}/closures")) {
                (csrf_field(ctx))
                (Input { name: "from", label: ctx.t(t::FROM), value: &kept("closure", "from", &today), kind: "date", required: true, ..Default::default() }.render())
                (Input { name: "to", label: ctx.t(t::TO), value: &kept("closure", "to", &today), kind: "date", required: true, ..Default::default() }.render())
                (Input { name: "reason", label: ctx.t(ts::REASON), value: &kept("closure", "reason", ""), hint: Some(ctx.t(ts::REASON_HINT)), required: true, ..Default::default() }.render())
                @if segments.len() > 1 {
                    fieldset.field {
                        legend { (ctx.t(t::SEGMENTS)) }
                        @for (n, _) in &segments { label.check { input type="checkbox" name="segments" value=(n) checked[ticked("closure", "segments", n, false)]; " " (n) } }
                    }
                }
                @if rota_sites.len() > 1 {
                    fieldset.field {
                        legend { (ctx.t(t::SITE)) }
                        @for id in &rota_sites { label.check { input type="checkbox" name="site_ids" value=(id) checked[ticked("closure", "site_ids", &id.to_string(), false)]; " " (sites.get(id).map_or("", String::as_str)) } }
                    }
                }
                button type="submit" { (ctx.t(ts::CLOSE_MARKET)) }
            }
        }
        section.card aria-labelledby="s-clone" {
            h2 #s-clone { (ctx.t(ts::NEXT_SEASON)) }
            (alert("clone"))
            p.hint { (ctx.t(ts::NEXT_SEASON_HINT)) }
            form method="post" action=(format!("/markets/{market_id}/clone")) {
                (csrf_field(ctx))
                (Input { name: "from", label: ctx.t(t::FROM), value: &kept("clone", "from", ""), kind: "date", required: true, ..Default::default() }.render())
                (Input { name: "to", label: ctx.t(t::TO), value: &kept("clone", "to", ""), kind: "date", required: true, ..Default::default() }.render())
                label.check { input type="checkbox" name="offer_same_stalls" value="1" checked[ticked("clone", "offer_same_stalls", "1", true)]; " " (ctx.t(ts::OFFER_SAME_STALLS)) }
                p { button type="submit" { (ctx.t(ts::CLONE)) } }
            }
        }
    };
    let title = format!("{} · {}", ctx.t(ts::EDIT_SCHEDULE), market.name);
    Ok((status, views::page(ctx, &title, body)).into_response())
}

/// A page asking to confirm a change that removes or moves booked sessions: the counts, and
/// the same form again with `confirm=1`.
pub fn confirm_page(
    ctx: &PageCtx,
    ask: &NeedsConfirmation,
    action: &str,
    fields: &[(String, String)],
    back: &str,
) -> Response {
    let body = html! {
        section.card role="alert" {
            h2 { "⚠ " (ctx.t(ts::CONFIRM_TITLE)) }
            p { (ask.message().get(ctx.lang)) }
            form method="post" action=(action) {
                (csrf_field(ctx))
                @for (k, v) in fields.iter().filter(|(k, _)| k != "confirm" && k != crate::identity::csrf::FIELD) {
                    input type="hidden" name=(k) value=(v);
                }
                input type="hidden" name="confirm" value="1";
                button.primary type="submit" { (ctx.t(ts::CONFIRM)) }
                " "
                a.button href=(back) { (ctx.t(ts::CANCEL)) }
            }
        }
    };
    (
        http::StatusCode::CONFLICT,
        views::page(ctx, ctx.t(ts::CONFIRM_TITLE), body),
    )
        .into_response()
}

/// The value of `key` in submitted pairs.
pub fn field<'a>(pairs: &'a [(String, String)], key: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map_or("", |(_, v)| v.as_str())
}

/// Every value of `key`.
pub fn fields<'a>(pairs: &'a [(String, String)], key: &str) -> Vec<&'a str> {
    pairs
        .iter()
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .collect()
}

/// Shows a refusal in its section, or passes other errors on.
pub async fn refused(
    state: &AppState,
    ctx: &PageCtx,
    user: &CurrentUser,
    market_id: i32,
    section: &'static str,
    typed: &[(String, String)],
    error: AppError,
) -> AppResult<Response> {
    match error {
        e @ (AppError::Invalid { .. } | AppError::Conflict { .. }) => {
            render(
                state,
                ctx,
                user,
                market_id,
                &Done::default(),
                Some(SectionError {
                    section,
                    error: &e,
                    typed,
                }),
            )
            .await
        }
        e => Err(e),
    }
}

/// GET /markets/{id}/edit (the market's managers, admins).
async fn edit_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
    Query(done): Query<Done>,
) -> AppResult<Response> {
    render(&state, &ctx, &auth, id, &done, None).await
}

/// POST /markets/{id}/edit: name, categories, self-selection.
async fn edit_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let mut categories = Vec::new();
    for i in 0..100 {
        let name = field(&pairs, &format!("cat{i}_name"));
        if name.trim().is_empty() {
            if !pairs
                .iter()
                .any(|(k, _)| k.starts_with(&format!("cat{i}_")))
                && i > 0
            {
                break;
            }
            continue;
        }
        categories.push(CategoryIn {
            name: name.to_owned(),
            food: !field(&pairs, &format!("cat{i}_food")).is_empty(),
            smoky: !field(&pairs, &format!("cat{i}_smoky")).is_empty(),
        });
    }
    let has_categories = pairs.iter().any(|(k, _)| k.starts_with("cat"));
    let patch = MarketPatch {
        name: Some(field(&pairs, "name").to_owned()),
        categories: has_categories.then_some(categories),
        self_select: Some(!field(&pairs, "self_select").is_empty()),
    };
    let outcome = write(&state, async |txn| {
        edit::update_market(txn, &auth, id, patch).await
    })
    .await
    .map(|_| Ok((0, 0)));
    let form = EditorForm::new(id, "market", format!("/markets/{id}/edit"), &pairs);
    form.answer(&state, &ctx, &auth, "saved", outcome).await
}

/// POST /markets/{id}/schedule: add a row.
async fn add_row_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let outcome = async {
        let site_id = field(&pairs, "site_id")
            .trim()
            .parse()
            .map_err(|_| AppError::invalid("unknown_site", "site_id", t::SITE_UNKNOWN))?;
        let row = super::create::ScheduleIn {
            site_id,
            segment: field(&pairs, "segment").to_owned(),
            weekdays: Some(
                fields(&pairs, "weekdays")
                    .iter()
                    .map(|w| w.trim().parse::<i64>().unwrap_or(0))
                    .collect(),
            ),
            from: field(&pairs, "from").to_owned(),
            to: field(&pairs, "to").to_owned(),
        };
        let n = write(&state, async |txn| rows::add_row(txn, &auth, id, row).await).await?;
        Ok::<_, AppError>(Ok((n as u64, 0)))
    }
    .await;
    let form = EditorForm::new(id, "add_row", format!("/markets/{id}/schedule"), &pairs);
    form.answer(&state, &ctx, &auth, "row_added", outcome).await
}

/// POST /markets/{id}/hours: new hours for a segment from a date on.
async fn hours_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let change = HoursChange {
        start: field(&pairs, "start").to_owned(),
        end: field(&pairs, "end").to_owned(),
        from: field(&pairs, "from").to_owned(),
        confirm: !field(&pairs, "confirm").is_empty(),
    };
    let segment = field(&pairs, "segment").to_owned();
    let outcome = write_confirmable(&state, async |txn| {
        hours::change_hours(txn, &auth, id, &segment, change).await
    })
    .await
    .map(|r| r.map(|d| (d.sessions_changed, d.vendors_notified)));
    let outcome = match outcome {
        // A segment the market does not have is the form's mistake, not a missing page.
        Err(AppError::NotFound) if !segment.is_empty() => {
            market_for_writing(&state.db, &auth, id).await?;
            Err(AppError::invalid(
                "unknown_segment",
                "segment",
                t::SEGMENT_UNKNOWN,
            ))
        }
        other => other,
    };
    let form = EditorForm::new(id, "hours", format!("/markets/{id}/hours"), &pairs);
    form.answer(&state, &ctx, &auth, "hours", outcome).await
}
