//! `/sites/{id}`: the plan (SVG and a table of stalls), and for its managers the layout
//! preview/accept, zones, stall edits and site edits.

use super::api_layout::{LayoutBody, StallChanges, update_stall_in};
use super::pages::{SiteForm, boundary_json, kind_label, read_site_form, site_form};
use super::shape::site_polygon;
use super::update::{self, SiteChanges};
use super::{access, layout_run, queries, zones_create};
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::extract::PathId;
use crate::geometry::LocalProjection;
use crate::i18n::texts::sites as t;
use crate::identity::Auth;
use crate::layout::{Layout, LayoutParams};
use crate::state::AppState;
use crate::views::plan::{self, Plan, PlanStall, StallLook};
use crate::views::{self, Flash, PageCtx, forms::csrf_field};
use crate::web::see_other_with;
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use entity::stalls::StallStatus;
use entity::zones::ZoneKind;
use entity::{sites, stalls};
use geo::{MultiPolygon, Polygon};
use maud::{Markup, html};
use serde::Deserialize;

/// Plan routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/sites/{id}", get(plan_page))
        .route("/sites/{id}/layout/preview", post(preview_submit))
        .route("/sites/{id}/layout", post(accept_submit))
        .route("/sites/{id}/zones", post(zone_submit))
        .route("/sites/{id}/edit", post(edit_submit))
        .route("/stalls/{id}", post(stall_submit))
}

/// The layout form as submitted (text fields; empty optional ones mean "not set").
#[derive(Debug, Default, Deserialize)]
struct LayoutForm {
    #[serde(default)]
    stall_width_m: String,
    #[serde(default)]
    stall_depth_m: String,
    #[serde(default)]
    aisle_width_m: String,
    #[serde(default)]
    edge_clearance_m: String,
    #[serde(default)]
    fire_lane_width_m: String,
    #[serde(default)]
    orientation_deg: String,
    #[serde(default)]
    mode: String,
}

impl LayoutForm {
    fn from_params(p: &LayoutParams) -> Self {
        let opt = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
        LayoutForm {
            stall_width_m: p.stall_width_m.to_string(),
            stall_depth_m: p.stall_depth_m.to_string(),
            aisle_width_m: p.aisle_width_m.to_string(),
            edge_clearance_m: p.edge_clearance_m.to_string(),
            fire_lane_width_m: opt(p.fire_lane_width_m),
            orientation_deg: opt(p.orientation_deg),
            mode: p.mode.as_str().to_owned(),
        }
    }

    fn params(&self) -> AppResult<LayoutParams> {
        let num = |field: &'static str, s: &str| -> AppResult<Option<f64>> {
            let s = s.trim();
            if s.is_empty() {
                return Ok(None);
            }
            s.parse::<f64>().map(Some).map_err(|_| {
                AppError::invalid(
                    "invalid_layout",
                    field,
                    crate::i18n::Msg::with("sites-not-a-number", [("value", s.into())]),
                )
            })
        };
        let required = |field: &'static str, s: &str| -> AppResult<f64> {
            num(field, s)?.ok_or_else(|| {
                AppError::invalid(
                    "invalid_layout",
                    field,
                    crate::i18n::texts::sites::FILL_THIS_IN,
                )
            })
        };
        LayoutBody {
            stall_width_m: required("stall_width_m", &self.stall_width_m)?,
            stall_depth_m: required("stall_depth_m", &self.stall_depth_m)?,
            aisle_width_m: required("aisle_width_m", &self.aisle_width_m)?,
            edge_clearance_m: num("edge_clearance_m", &self.edge_clearance_m)?,
            fire_lane_width_m: num("fire_lane_width_m", &self.fire_lane_width_m)?,
            orientation_deg: num("orientation_deg", &self.orientation_deg)?,
            mode: Some(self.mode.clone()),
        }
        .params()
    }

    fn hidden(&self) -> Markup {
        html! {
            @for (k, v) in [("stall_width_m", &self.stall_width_m), ("stall_depth_m", &self.stall_depth_m),
                            ("aisle_width_m", &self.aisle_width_m), ("edge_clearance_m", &self.edge_clearance_m),
                            ("fire_lane_width_m", &self.fire_lane_width_m), ("orientation_deg", &self.orientation_deg),
                            ("mode", &self.mode)] {
                input type="hidden" name=(k) value=(v);
            }
        }
    }
}

fn figures(ctx: &PageCtx, layout_count: usize, usable: f64, pattern: usize, area: usize) -> Markup {
    let share = if pattern > 0 {
        100.0 * layout_count as f64 / pattern as f64
    } else {
        0.0
    };
    html! {
        dl.figures {
            div { dt { (ctx.t(t::PLACED)) } dd { (layout_count) } }
            div { dt { (ctx.t(t::USABLE_AREA)) } dd { (format!("{usable:.0}")) } }
            div { dt { (ctx.t(t::PATTERN_BOUND)) } dd { (pattern) } }
            div { dt { (ctx.t(t::AREA_BOUND)) } dd { (area) } }
            div { dt { (ctx.t(t::OF_BOUND)) } dd { (format!("{share:.1}%")) } }
        }
    }
}

fn layout_form(ctx: &PageCtx, site_id: i32, form: &LayoutForm, error: Option<&AppError>) -> Markup {
    let field = |name: &str, label: crate::i18n::T, value: &str| {
        let err = error
            .filter(|e| e.field() == Some(name))
            .map(|e| e.message(ctx.lang));
        crate::views::forms::Input {
            name,
            label: ctx.t(label),
            value,
            inputmode: Some("decimal"),
            error: err.as_deref(),
            ..Default::default()
        }
        .render()
    };
    html! {
        form.card #layout method="post" action=(format!("/sites/{site_id}/layout/preview")) {
            h2 { (ctx.t(t::LAYOUT)) }
            p.hint { (ctx.t(t::LAYOUT_HINT)) }
            @if let Some(e) = error.filter(|e| e.field().is_none()) { p.error-message role="alert" { "⚠ " (e.message(ctx.lang)) } }
            (csrf_field(ctx))
            (field("stall_width_m", t::STALL_WIDTH, &form.stall_width_m))
            (field("stall_depth_m", t::STALL_DEPTH, &form.stall_depth_m))
            (field("aisle_width_m", t::AISLE_WIDTH, &form.aisle_width_m))
            (field("edge_clearance_m", t::EDGE_CLEARANCE, &form.edge_clearance_m))
            (field("fire_lane_width_m", t::FIRE_LANE, &form.fire_lane_width_m))
            (field("orientation_deg", t::ORIENTATION, &form.orientation_deg))
            div.field {
                label for="f-mode" { (ctx.t(t::MODE)) }
                select #f-mode name="mode" {
                    @for (v, l) in [("auto", t::MODE_AUTO), ("plaza", t::MODE_PLAZA), ("street", t::MODE_STREET)] {
                        option value=(v) selected[form.mode == v] { (ctx.t(l)) }
                    }
                }
            }
            button.primary type="submit" { (ctx.t(t::PREVIEW)) }
        }
    }
}

fn stall_table(ctx: &PageCtx, stalls: &[stalls::Model], writable: bool) -> Markup {
    let yes_no = |b: bool| ctx.t(if b { t::YES } else { t::NO });
    html! {
        h2 #stalls { (ctx.t(t::STALL_TABLE)) " (" (stalls.len()) ")" }
        div.table-wrap tabindex="0" role="region" aria-label=(ctx.t(t::STALL_TABLE)) {
            table.stalls {
                thead { tr {
                    th { (ctx.t(t::CODE)) } th { (ctx.t(t::STATUS)) } th { (ctx.t(t::POWER)) }
                    th { (ctx.t(t::PREMIUM)) } th { (ctx.t(t::ZONE)) } th { (ctx.t(t::SIZE)) }
                    @if writable { th { span.visually-hidden { (ctx.t(crate::i18n::texts::layout::ACTIONS)) } } }
                } }
                tbody {
                    @for s in stalls {
                        tr #(format!("stall-{}", s.code)) data-status=(s.status) {
                            td { code { (s.code) } }
                            td { (if s.status == StallStatus::Active { ctx.t(t::ACTIVE) } else { ctx.t(t::DISABLED) }) }
                            td { (yes_no(s.power)) }
                            td { (yes_no(s.premium)) }
                            td { (s.zone.map(|z| match z { ZoneKind::Food => ctx.t(t::ZONE_FOOD), ZoneKind::Smoky => ctx.t(t::ZONE_SMOKY), _ => ctx.t(t::OTHER) }).unwrap_or("—")) }
                            td { (format!("{} × {}", s.width_m, s.depth_m)) }
                            @if writable {
                                td {
                                    form.stall-edit method="post" action=(format!("/stalls/{}", s.id)) {
                                        (csrf_field(ctx))
                                        select name="status" aria-label=(ctx.t(t::STATUS)) {
                                            option value=(StallStatus::Active) selected[s.status == StallStatus::Active] { (ctx.t(t::ACTIVE)) }
                                            option value=(StallStatus::Disabled) selected[s.status == StallStatus::Disabled] { (ctx.t(t::DISABLED)) }
                                        }
                                        label.check { input type="checkbox" name="power" value="true" checked[s.power]; (ctx.t(t::POWER)) }
                                        label.check { input type="checkbox" name="premium" value="true" checked[s.premium]; (ctx.t(t::PREMIUM)) }
                                        button.small type="submit" { (ctx.t(t::UPDATE)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn zone_section(
    ctx: &PageCtx,
    site_id: i32,
    zones: &[entity::zones::Model],
    writable: bool,
    error: Option<&AppError>,
) -> Markup {
    html! {
        h2 #zones { (ctx.t(t::ZONES)) }
        @if !zones.is_empty() {
            ul { @for z in zones { li { (z.name) " · " (zone_kind_label(z.kind).get(ctx.lang)) " · " (format!("{:.0} m²", z.area_m2)) } } }
        }
        @if writable {
            form.card method="post" action=(format!("/sites/{site_id}/zones")) {
                h3 { (ctx.t(t::NEW_ZONE)) }
                p.hint { (ctx.t(t::ZONE_HINT)) }
                @if let Some(e) = error { p.error-message role="alert" { "⚠ " (e.message(ctx.lang)) } }
                (csrf_field(ctx))
                (crate::views::forms::Input { name: "name", label: ctx.t(t::NAME), value: "", required: true, ..Default::default() }.render())
                div.field {
                    label for="f-zkind" { (ctx.t(t::ZONE_KIND)) }
                    select #f-zkind name="kind" {
                        @for k in ZoneKind::ALL { option value=(k) { (zone_kind_label(*k).get(ctx.lang)) } }
                    }
                }
                (crate::views::forms::Input { name: "width_m", label: ctx.t(t::ZONE_WIDTH), value: "", inputmode: Some("decimal"), ..Default::default() }.render())
                div.field {
                    label for="f-zboundary" { (ctx.t(t::BOUNDARY)) }
                    textarea #f-zboundary name="boundary" rows="4" spellcheck="false" {}
                }
                button type="submit" { (ctx.t(t::ADD_ZONE)) }
            }
        }
    }
}

use crate::views::plan::zone_label as zone_kind_label;

/// A stall prepared for drawing (saved or previewed).
struct DrawnStall {
    label: String,
    polygon: Polygon<f64>,
    look: StallLook,
    code: String,
}

/// Everything the plan page shows about a site.
struct SiteView {
    site: sites::Model,
    projection: LocalProjection,
    site_local: MultiPolygon<f64>,
    stalls: Vec<stalls::Model>,
    zones: Vec<(entity::zones::Model, MultiPolygon<f64>)>,
    aisles: Vec<Polygon<f64>>,
    layout: Option<entity::site_layouts::Model>,
}

async fn load(state: &AppState, id: i32) -> AppResult<SiteView> {
    let site = queries::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let shape = site_polygon(&site)?;
    let projection = shape.projection();
    let stalls = queries::stalls_of(&state.db, id).await?;
    let mut zones = Vec::new();
    for z in layout_run::zones_of(&state.db, id).await? {
        let local = super::shape::zone_local(&z, &projection)?;
        zones.push((z, local));
    }
    let layout = queries::layout_of(&state.db, id).await?;
    let aisles = super::shape::aisles_local(layout.as_ref(), &projection);
    Ok(SiteView {
        site_local: shape.local(),
        site,
        projection,
        stalls,
        zones,
        aisles,
        layout,
    })
}

/// Renders the whole plan page; `preview` replaces the stalls with an unsaved layout.
fn render(
    ctx: &PageCtx,
    view: &SiteView,
    writable: bool,
    preview: Option<(&Layout, &LayoutForm)>,
    form_error: Option<&AppError>,
) -> Markup {
    let site = &view.site;
    let (stall_shapes, aisles): (Vec<DrawnStall>, &[Polygon<f64>]) = match preview {
        Some((layout, _)) => (
            layout
                .stalls
                .iter()
                .map(|s| DrawnStall {
                    label: s.label.clone(),
                    polygon: s.polygon.clone(),
                    look: StallLook::Active,
                    code: format!("{}-{}", site.code, s.label),
                })
                .collect(),
            &layout.aisles,
        ),
        None => (
            view.stalls
                .iter()
                .filter_map(|s| {
                    Some(DrawnStall {
                        label: super::shape::stall_label(&s.code).to_owned(),
                        polygon: super::shape::stall_local(s, &view.projection)?,
                        look: if s.status == StallStatus::Active {
                            StallLook::Active
                        } else {
                            StallLook::Disabled
                        },
                        code: s.code.clone(),
                    })
                })
                .collect(),
            &view.aisles,
        ),
    };
    let plan_data = Plan {
        site: &view.site_local,
        aisles,
        zones: view
            .zones
            .iter()
            .map(|(z, shape)| (z.kind, shape))
            .collect(),
        stalls: stall_shapes
            .iter()
            .map(|d| PlanStall {
                code: &d.code,
                label: &d.label,
                polygon: &d.polygon,
                look: d.look,
            })
            .collect(),
    };
    let title = format!("{} · {}", site.name, ctx.t(t::PLAN));
    let layout_form_values = match (preview, &view.layout) {
        (Some((_, f)), _) => LayoutForm {
            ..LayoutForm::from_params(&f.params().unwrap_or_default())
        },
        (None, Some(l)) => serde_json::from_str::<LayoutParams>(&l.params)
            .map(|p| LayoutForm::from_params(&p))
            .unwrap_or_default(),
        (None, None) => LayoutForm::from_params(&LayoutParams::default()),
    };
    html! {
        p.lead {
            code { (site.code) } " · " (kind_label(&site.kind).get(ctx.lang)) " · "
            (format!("{:.0} m²", site.area_m2)) " · " (ctx.t(t::CRS)) " " (site.source_crs.to_uppercase())
        }
        @if let Some(note) = &site.note { p.note { (ctx.t(t::NOTE)) "：" (note) } }
        @if let Some((layout, form)) = preview {
            section.preview {
                h2 { (ctx.t(t::PREVIEW_TITLE)) }
                (figures(ctx, layout.stalls.len(), layout.usable_area_m2, layout.pattern_bound, layout.area_bound))
                form method="post" action=(format!("/sites/{}/layout", site.id)) {
                    (csrf_field(ctx))
                    (form.hidden())
                    button.primary type="submit" { (ctx.t(t::ACCEPT)) }
                }
            }
        } @else if let Some(l) = &view.layout {
            (figures(ctx, view.stalls.len(), l.usable_area_m2, l.pattern_bound as usize, l.area_bound as usize))
        }
        @if plan_data.stalls.is_empty() && preview.is_none() { p { (ctx.t(t::NO_STALLS)) } }
        figure.plan-figure {
            (plan::render(&plan_data, &title, ctx.lang))
            figcaption { (plan::legend(ctx.lang)) }
        }
        p { a href=(format!("/api/v1/sites/{}/geojson", site.id)) download=(format!("{}.geojson", site.code)) { (ctx.t(t::DOWNLOAD_GEOJSON)) } }
        @if writable { (layout_form(ctx, site.id, &layout_form_values, form_error.filter(|e| e.code() == "invalid_layout" || e.code() == "layout_in_use"))) }
        (stall_table(ctx, &view.stalls, writable))
        (zone_section(ctx, site.id, &view.zones.iter().map(|(z, _)| z.clone()).collect::<Vec<_>>(), writable,
                      form_error.filter(|e| e.code() != "invalid_layout" && e.code() != "layout_in_use")))
        @if writable {
            details.card {
                summary { (ctx.t(t::SAVE)) " · " (ctx.t(t::BOUNDARY)) }
                (site_form(ctx, &SiteForm { code: site.code.clone(), name: site.name.clone(), kind: site.kind.to_string(),
                    crs: "wgs84".into(), boundary: site.boundary.clone() }, None, &format!("/sites/{}/edit", site.id), false))
            }
        }
    }
}

/// GET /sites/{id} (anyone).
async fn plan_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    PathId(id): PathId,
) -> AppResult<Markup> {
    let view = load(&state, id).await?;
    let writable = access::may_write(&state.db, ctx.user.as_deref(), id).await;
    let body = render(&ctx, &view, writable, None, None);
    Ok(views::page(&ctx, &view.site.name, body))
}

/// POST /sites/{id}/layout/preview: the plan with an unsaved layout and an accept button.
async fn preview_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
    Form(form): Form<LayoutForm>,
) -> AppResult<Response> {
    let site = access::site_for_writing(&state.db, &auth, id).await?;
    let view = load(&state, id).await?;
    let result = async {
        let params = form.params()?;
        layout_run::compute(&state.db, &site, params).await
    }
    .await;
    match result {
        Ok(computed) => {
            let body = render(&ctx, &view, true, Some((&computed.layout, &form)), None);
            Ok(views::page(&ctx, &site.name, body).into_response())
        }
        Err(err @ AppError::Invalid { .. }) => {
            let body = render(&ctx, &view, true, None, Some(&err));
            Ok((err.status(), views::page(&ctx, &site.name, body)).into_response())
        }
        Err(other) => Err(other),
    }
}

/// POST /sites/{id}/layout: accept the previewed parameters and replace the stalls.
async fn accept_submit(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    Form(form): Form<LayoutForm>,
) -> AppResult<Response> {
    let site = access::site_for_writing(&state.db, &auth, id).await?;
    let computed = layout_run::compute(&state.db, &site, form.params()?).await?;
    let txn = begin_write(&state.db).await?;
    layout_run::apply(&txn, Some(auth.id), &site, &computed).await?;
    txn.commit().await?;
    Ok(see_other_with(
        &format!("/sites/{id}"),
        vec![Flash::LayoutAccepted.cookie()],
    ))
}

/// The zone form.
#[derive(Debug, Deserialize)]
struct ZoneForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    width_m: String,
    #[serde(default)]
    boundary: String,
}

/// POST /sites/{id}/zones.
async fn zone_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
    Form(form): Form<ZoneForm>,
) -> AppResult<Response> {
    let site = access::site_for_writing(&state.db, &auth, id).await?;
    let result = async {
        let boundary = boundary_json(&form.boundary)?;
        let width_m = match form.width_m.trim() {
            "" => None,
            w => Some(w.parse::<f64>().map_err(|_| {
                AppError::invalid(
                    "invalid_geometry",
                    "width_m",
                    crate::i18n::texts::sites::WIDTH_NOT_A_NUMBER,
                )
            })?),
        };
        let txn = begin_write(&state.db).await?;
        zones_create::create(
            &txn,
            auth.id,
            &site,
            zones_create::NewZone {
                name: form.name.clone(),
                kind: form.kind.clone(),
                boundary,
                width_m,
                crs: None,
            },
        )
        .await?;
        txn.commit().await?;
        Ok::<_, AppError>(())
    }
    .await;
    match result {
        Ok(()) => Ok(see_other_with(
            &format!("/sites/{id}#zones"),
            vec![Flash::ZoneCreated.cookie()],
        )),
        Err(err @ AppError::Invalid { .. }) => {
            let view = load(&state, id).await?;
            let body = render(&ctx, &view, true, None, Some(&err));
            Ok((err.status(), views::page(&ctx, &site.name, body)).into_response())
        }
        Err(other) => Err(other),
    }
}

/// The per-stall form: unchecked boxes are absent, so absent means `false`.
#[derive(Debug, Deserialize)]
struct StallForm {
    status: Option<String>,
    power: Option<String>,
    premium: Option<String>,
}

/// POST /stalls/{id}.
async fn stall_submit(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    Form(form): Form<StallForm>,
) -> AppResult<Response> {
    let changes = StallChanges {
        status: form.status,
        power: Some(form.power.is_some()),
        premium: Some(form.premium.is_some()),
        zone: None,
    };
    let txn = begin_write(&state.db).await?;
    let stall = update_stall_in(&txn, &auth, id, &changes).await?;
    txn.commit().await?;
    Ok(see_other_with(
        &format!("/sites/{}#stall-{}", stall.site_id, stall.code),
        vec![Flash::StallUpdated.cookie()],
    ))
}

/// POST /sites/{id}/edit: name, kind and boundary.
async fn edit_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
    multipart: Multipart,
) -> AppResult<Response> {
    let site = access::site_for_writing(&state.db, &auth, id).await?;
    let form = read_site_form(multipart).await?;
    let result = async {
        let changes = SiteChanges {
            name: Some(form.name.clone()),
            kind: Some(form.kind.clone()),
            crs: Some(form.crs.clone()),
            boundary: Some(boundary_json(&form.boundary)?),
            note: None,
        };
        update::update_site(&state.db, &auth, id, changes).await?;
        Ok::<_, AppError>(())
    }
    .await;
    match result {
        Ok(()) => Ok(see_other_with(&format!("/sites/{id}"), vec![])),
        Err(err @ AppError::Invalid { .. }) => {
            let body = site_form(&ctx, &form, Some(&err), &format!("/sites/{id}/edit"), false);
            Ok((err.status(), views::page(&ctx, &site.name, body)).into_response())
        }
        Err(other) => Err(other),
    }
}
