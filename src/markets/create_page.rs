//! `/markets/new`: the new-market form with several segments and several schedule rows. "Add
//! a segment" and "add a row" are plain submit buttons that draw the form again with one more
//! (no JavaScript needed); "preview" lists the sessions to be created and every conflict with
//! another market on the same site before anything is saved.

use super::api_edit::{Preview, preview};
use super::create::{self, NewMarket, ScheduleIn, SegmentIn};
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::i18n::texts::{markets as t, scheduling as ts};
use crate::identity::Auth;
use crate::state::AppState;
use crate::views::{self, PageCtx, forms::Input, forms::csrf_field};
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};
use entity::markets::MarketKind;
use maud::{Markup, html};
use std::collections::BTreeMap;

/// The routes: the form, and the create/preview/add-a-row submission.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/markets/new", get(new_page))
        .route("/markets", axum::routing::post(create_submit))
}

/// One segment as typed.
#[derive(Debug, Default, Clone)]
pub struct SegmentForm {
    name: String,
    start: String,
    end: String,
}

/// One schedule row as typed.
#[derive(Debug, Default, Clone)]
pub struct RowForm {
    site: String,
    segment: String,
    weekdays: Vec<String>,
    from: String,
    to: String,
}

impl RowForm {
    fn is_blank(&self) -> bool {
        self.site.trim().is_empty() && self.from.trim().is_empty() && self.to.trim().is_empty()
    }
}

/// The whole form as typed.
#[derive(Debug, Default, Clone)]
pub struct MarketForm {
    name: String,
    kind: String,
    self_select: bool,
    segments: Vec<SegmentForm>,
    rows: Vec<RowForm>,
    action: String,
}

/// `seg3_name` → (3, "name").
fn indexed<'a>(key: &'a str, prefix: &str) -> Option<(usize, &'a str)> {
    let rest = key.strip_prefix(prefix)?;
    let (n, part) = rest.split_once('_')?;
    Some((n.parse().ok().filter(|n| *n < 50)?, part))
}

impl MarketForm {
    /// Parses the submitted pairs (also the one-segment form's plain names).
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut f = MarketForm::default();
        let mut segs: BTreeMap<usize, SegmentForm> = BTreeMap::new();
        let mut rows: BTreeMap<usize, RowForm> = BTreeMap::new();
        for (k, v) in pairs {
            if let Some((i, part)) = indexed(&k, "seg") {
                let s = segs.entry(i).or_default();
                match part {
                    "name" => s.name = v,
                    "start" => s.start = v,
                    "end" => s.end = v,
                    _ => {}
                }
                continue;
            }
            if let Some((i, part)) = indexed(&k, "row") {
                let r = rows.entry(i).or_default();
                match part {
                    "site" => r.site = v,
                    "segment" => r.segment = v,
                    "wd" => r.weekdays.push(v),
                    "from" => r.from = v,
                    "to" => r.to = v,
                    _ => {}
                }
                continue;
            }
            match k.as_str() {
                "name" => f.name = v,
                "kind" => f.kind = v,
                "self_select" => f.self_select = true,
                "action" => f.action = v,
                // The one-segment form of before: segment 0 and row 0.
                "segment" => segs.entry(0).or_default().name = v,
                "start" => segs.entry(0).or_default().start = v,
                "end" => segs.entry(0).or_default().end = v,
                "site_id" => rows.entry(0).or_default().site = v,
                "weekdays" => rows.entry(0).or_default().weekdays.push(v),
                "from" => rows.entry(0).or_default().from = v,
                "to" => rows.entry(0).or_default().to = v,
                _ => {}
            }
        }
        f.segments = segs.into_values().collect();
        f.rows = rows.into_values().collect();
        if let Some(first) = f.segments.first().map(|s| s.name.clone()) {
            for r in &mut f.rows {
                if r.segment.trim().is_empty() {
                    r.segment = first.clone();
                }
            }
        }
        f
    }

    fn to_new_market(&self) -> AppResult<NewMarket> {
        let segments = self
            .segments
            .iter()
            .filter(|s| !(s.name.trim().is_empty() && s.start.is_empty() && s.end.is_empty()))
            .map(|s| SegmentIn {
                name: s.name.clone(),
                start: s.start.clone(),
                end: s.end.clone(),
            })
            .collect();
        let mut schedule = Vec::new();
        for (i, r) in self.rows.iter().enumerate().filter(|(_, r)| !r.is_blank()) {
            let site_id = r.site.trim().parse().map_err(|_| {
                AppError::invalid(
                    "unknown_site",
                    format!("schedule[{i}].site_id"),
                    t::SITE_UNKNOWN,
                )
            })?;
            schedule.push(ScheduleIn {
                site_id,
                segment: r.segment.clone(),
                weekdays: Some(
                    r.weekdays
                        .iter()
                        .map(|w| w.trim().parse::<i64>().unwrap_or(0))
                        .collect(),
                ),
                from: r.from.clone(),
                to: r.to.clone(),
            });
        }
        Ok(NewMarket {
            name: self.name.clone(),
            kind: if self.kind.is_empty() {
                MarketKind::Fixed.as_str().to_owned()
            } else {
                self.kind.clone()
            },
            segments,
            schedule,
            categories: None,
            self_select: self.self_select,
        })
    }
}

/// The form with `preview` and `error` shown.
async fn render_form(
    state: &AppState,
    ctx: &PageCtx,
    form: &MarketForm,
    preview: Option<&Preview>,
    error: Option<&AppError>,
) -> AppResult<Markup> {
    let sites = crate::sites::queries::list(&state.db, 5000, 0).await?.0;
    let err = |f: &str| {
        error
            .filter(|e| e.field() == Some(f))
            .map(|e| e.message(ctx.lang))
    };
    let general = error.filter(|e| {
        e.field().is_none_or(|f| {
            !f.starts_with("segments[") && !f.starts_with("schedule[") && f != "name"
        })
    });
    let mut segs = form.segments.clone();
    if segs.is_empty() {
        segs.push(SegmentForm::default());
    }
    let mut rows = form.rows.clone();
    if rows.is_empty() {
        rows.push(RowForm::default());
    }
    let names: Vec<&str> = segs
        .iter()
        .map(|s| s.name.trim())
        .filter(|n| !n.is_empty())
        .collect();
    Ok(html! {
        p { a href="/markets" { (ctx.t(t::TITLE)) } }
        @if let Some(e) = general { p.error-message role="alert" { "⚠ " (e.message(ctx.lang)) } }
        @if let Some(p) = preview { (render_preview(ctx, p, &sites)) }
        form.card method="post" action="/markets" {
            (csrf_field(ctx))
            (Input { name: "name", label: ctx.t(t::NAME), value: &form.name, error: err("name").as_deref(), required: true, ..Default::default() }.render())
            div.field {
                label for="f-kind" { (ctx.t(t::KIND)) }
                select id="f-kind" name="kind" {
                    option value=(MarketKind::Fixed) selected[form.kind != MarketKind::Mobile.as_str()] { (ctx.t(t::FIXED)) }
                    option value=(MarketKind::Mobile) selected[form.kind == MarketKind::Mobile.as_str()] { (ctx.t(t::MOBILE)) }
                }
            }
            h2 { (ctx.t(t::SEGMENTS)) }
            p.hint { (ctx.t(ts::SEGMENTS_HINT)) }
            @for (i, s) in segs.iter().enumerate() {
                fieldset.card {
                    legend { (ctx.t(ts::SEGMENT)) " " (i + 1) }
                    (Input { name: &format!("seg{i}_name"), label: ctx.t(t::SEGMENT_NAME), value: &s.name, error: err(&format!("segments[{i}].name")).as_deref(), required: i == 0, ..Default::default() }.render())
                    (Input { name: &format!("seg{i}_start"), label: ctx.t(t::START), value: &s.start, kind: "time", error: err(&format!("segments[{i}].start")).as_deref(), required: i == 0, ..Default::default() }.render())
                    (Input { name: &format!("seg{i}_end"), label: ctx.t(t::END), value: &s.end, kind: "time", error: err(&format!("segments[{i}].end")).as_deref(), required: i == 0, ..Default::default() }.render())
                }
            }
            p { button.small type="submit" name="action" value="add_segment" formnovalidate { "＋ " (ctx.t(ts::ADD_SEGMENT)) } }
            h2 { (ctx.t(ts::ROWS)) }
            p.hint { (ctx.t(ts::ROWS_HINT)) }
            @for (i, r) in rows.iter().enumerate() {
                fieldset.card {
                    legend { (ctx.t(ts::ROW)) " " (i + 1) }
                    @let site_err = err(&format!("schedule[{i}].site_id"));
                    div.field {
                        label for=(format!("f-row{i}_site")) { (ctx.t(t::SITE)) }
                        select id=(format!("f-row{i}_site")) name=(format!("row{i}_site")) {
                            @for s in &sites { option value=(s.id) selected[r.site == s.id.to_string()] { (s.name) " (" (s.code) ")" } }
                        }
                        @if let Some(e) = site_err { p.error role="alert" { "⚠ " (e) } }
                    }
                    div.field {
                        label for=(format!("f-row{i}_segment")) { (ctx.t(ts::SEGMENT)) }
                        @if names.is_empty() {
                            input id=(format!("f-row{i}_segment")) name=(format!("row{i}_segment")) value=(r.segment);
                        } @else {
                            select id=(format!("f-row{i}_segment")) name=(format!("row{i}_segment")) {
                                @for n in &names { option value=(n) selected[r.segment.trim() == *n] { (n) } }
                            }
                        }
                        @if let Some(e) = err(&format!("schedule[{i}].segment")) { p.error role="alert" { "⚠ " (e) } }
                    }
                    fieldset.field {
                        legend { (ctx.t(t::WEEKDAYS)) }
                        @for (d, name) in t::WEEKDAY_NAMES.iter().enumerate() {
                            @let value = (d + 1).to_string();
                            label.check { input type="checkbox" name=(format!("row{i}_wd")) value=(value) checked[r.weekdays.contains(&value)]; " " (name.get(ctx.lang)) }
                        }
                        @if let Some(e) = err(&format!("schedule[{i}].weekdays")) { p.error role="alert" { "⚠ " (e) } }
                    }
                    (Input { name: &format!("row{i}_from"), label: ctx.t(t::FROM), value: &r.from, kind: "date", error: err(&format!("schedule[{i}].from")).as_deref(), ..Default::default() }.render())
                    (Input { name: &format!("row{i}_to"), label: ctx.t(t::TO), value: &r.to, kind: "date", error: err(&format!("schedule[{i}].to")).as_deref(), ..Default::default() }.render())
                }
            }
            p { button.small type="submit" name="action" value="add_row" formnovalidate { "＋ " (ctx.t(ts::ADD_ROW)) } }
            label.check { input type="checkbox" name="self_select" value="1" checked[form.self_select]; " " (ctx.t(t::SELF_SELECT)) }
            p.actions {
                button type="submit" name="action" value="preview" { (ctx.t(ts::PREVIEW)) }
                " "
                button.primary type="submit" name="action" value="create" { (ctx.t(t::CREATE)) }
            }
        }
    })
}

fn render_preview(ctx: &PageCtx, p: &Preview, sites: &[entity::sites::Model]) -> Markup {
    let site_name = |id: i32| {
        sites
            .iter()
            .find(|s| s.id == id)
            .map_or(String::new(), |s| s.name.clone())
    };
    html! {
        section.card aria-labelledby="preview-h" {
            h2 #preview-h { (ctx.t(ts::PREVIEW)) }
            p { (Msg::with("scheduling-preview-sessions", [("count", (p.sessions as i64).into()),
                ("first", p.first.clone().unwrap_or_default().into()), ("last", p.last.clone().unwrap_or_default().into())]).get(ctx.lang)) }
            ul { @for (site, n) in &p.sessions_by_site { li { (site_name(*site)) (ctx.lang.colon()) (n) } } }
            @if p.conflicts.is_empty() {
                p { "✓ " (ctx.t(ts::NO_CONFLICTS)) }
            } @else {
                h3 { "⚠ " (ctx.t(ts::CONFLICTS)) " (" (p.conflicts.len()) ")" }
                ul { @for c in &p.conflicts { li {
                    (c.date) " " (c.segment) " @ " (site_name(c.site_id)) " ⟷ " (c.other_market_name) " "
                    (c.other_date) " " (c.other_segment) " " (c.other_hours)
                } } }
            }
        }
    }
}

/// GET /markets/new (managers, admins).
async fn new_page(State(state): State<AppState>, ctx: PageCtx, auth: Auth) -> AppResult<Markup> {
    auth.require_staff_writer()?;
    let body = render_form(&state, &ctx, &MarketForm::default(), None, None).await?;
    Ok(views::page(&ctx, ctx.t(t::NEW_MARKET), body))
}

/// POST /markets: add a segment or row, preview, or create (then to the new market's page).
async fn create_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    auth.require_staff_writer()?;
    let mut form = MarketForm::from_pairs(pairs);
    let page = |body| views::page(&ctx, ctx.t(t::NEW_MARKET), body);
    match form.action.as_str() {
        "add_segment" => {
            form.segments.push(SegmentForm::default());
            let body = render_form(&state, &ctx, &form, None, None).await?;
            return Ok(page(body).into_response());
        }
        "add_row" => {
            let last = form.rows.last().cloned().unwrap_or_default();
            form.rows.push(RowForm {
                site: last.site,
                segment: last.segment,
                ..Default::default()
            });
            let body = render_form(&state, &ctx, &form, None, None).await?;
            return Ok(page(body).into_response());
        }
        _ => {}
    }
    let result = async {
        let new = form.to_new_market()?;
        if form.action == "preview" {
            return Ok::<_, AppError>(Err(preview(&state.db, &auth, &new).await?));
        }
        let txn = begin_write(&state.db).await?;
        let market = create::create_as(&txn, &auth, new).await?;
        txn.commit().await?;
        Ok(Ok(market))
    }
    .await;
    match result {
        Ok(Ok(market)) => Ok(crate::web::see_other_with(
            &format!("/markets/{}", market.id),
            vec![crate::views::Flash::MarketCreated.cookie()],
        )),
        Ok(Err(p)) => {
            let body = render_form(&state, &ctx, &form, Some(&p), None).await?;
            Ok(page(body).into_response())
        }
        Err(e @ (AppError::Invalid { .. } | AppError::Conflict { .. } | AppError::NotFound)) => {
            let status = e.status();
            let body = render_form(&state, &ctx, &form, None, Some(&e)).await?;
            Ok((status, page(body)).into_response())
        }
        Err(e) => Err(e),
    }
}
