//! What `/sites/{id}` draws: the plan with its figures, the stall table, the zones, the layout
//! form, all from one read of the site ([`load`]) and rendered by [`render`].

use super::layout_guard::IN_USE;
use super::layout_run::{self, Computed};
use super::pages::{SiteForm, kind_label, site_form};
use super::plan_page::LayoutForm;
use super::queries;
use super::shape::site_polygon;
use crate::error::{AppError, AppResult};
use crate::geometry::LocalProjection;
use crate::i18n::texts::sites as t;
use crate::layout::LayoutParams;
use crate::state::AppState;
use crate::views::plan::{self, Plan, PlanStall, StallLook};
use crate::views::{PageCtx, forms::csrf_field};
use entity::stalls::StallStatus;
use entity::zones::ZoneKind;
use entity::{sites, stalls};
use geo::{MultiPolygon, Polygon};
use maud::{Markup, html};

pub(super) fn figures(
    ctx: &PageCtx,
    layout_count: usize,
    usable: f64,
    pattern: usize,
    area: usize,
) -> Markup {
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

pub(super) fn layout_form(
    ctx: &PageCtx,
    site_id: i32,
    form: &LayoutForm,
    errors: &[&AppError],
) -> Markup {
    let error = errors.first().copied();
    let field = |name: &str, label: crate::i18n::T, value: &str| {
        let err = errors
            .iter()
            .find(|e| e.field() == Some(name))
            .map(|e| e.message(ctx.lang));
        crate::views::forms::Input {
            name,
            label: ctx.t(label),
            value,
            // A decimal pad has no minus sign, and the direction may be negative.
            inputmode: (name != "orientation_deg").then_some("decimal"),
            error: err.as_deref(),
            ..Default::default()
        }
        .render()
    };
    html! {
        form.card #layout method="post" action=(format!("/sites/{site_id}/layout/preview")) {
            h2 { (ctx.t(t::LAYOUT)) }
            p.hint { (ctx.t(t::LAYOUT_HINT)) }
            @if let Some(e) = error.filter(|e| e.code() == IN_USE) { (booked_notice(ctx, site_id, e)) }
            @else if let Some(e) = error.filter(|e| e.field().is_none()) { p.error-message role="alert" { "⚠ " (e.message(ctx.lang)) } }
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

/// A layout refused for stalls booked for sessions to come: which ones, and a way to the
/// editor with them selected, to lock them.
fn booked_notice(ctx: &PageCtx, site_id: i32, refusal: &AppError) -> Markup {
    html! {
        p.error-message role="alert" { "⚠ " (refusal.message(ctx.lang)) }
        p { a href=(format!("/sites/{site_id}/editor?sel=booked#editor-plan")) { (ctx.t(crate::i18n::texts::editor::SELECT_BOOKED)) } }
    }
}

pub(super) fn stall_table(ctx: &PageCtx, stalls: &[stalls::Model], writable: bool) -> Markup {
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

pub(super) fn zone_section(
    ctx: &PageCtx,
    view: &SiteView,
    zones: &[entity::zones::Model],
    writable: bool,
    error: Option<&AppError>,
) -> Markup {
    let site_id = view.site.id;
    let outline = serde_json::from_str::<serde_json::Value>(&view.site.boundary)
        .ok()
        .map(|v| view.map.geojson_to_map(&v));
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
                (super::map_form::map_panel(ctx, &view.map, super::map_form::MapMode::Zone, outline.as_ref(), None))
                input #f-zcrs type="hidden" name="crs" value="wgs84";
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
pub(super) struct DrawnStall {
    id: Option<i32>,
    label: String,
    polygon: Polygon<f64>,
    look: StallLook,
    code: String,
}

/// Everything the plan page shows about a site.
pub(super) struct SiteView {
    pub(super) site: sites::Model,
    projection: LocalProjection,
    site_local: MultiPolygon<f64>,
    stalls: Vec<stalls::Model>,
    zones: Vec<(entity::zones::Model, MultiPolygon<f64>)>,
    aisles: Vec<Polygon<f64>>,
    layout: Option<entity::site_layouts::Model>,
    /// The map to draw zones and edit the outline on.
    map: super::map_form::MapSetup,
}

impl SiteView {
    /// The codes of the stalls (not retired, locked first) whose middle lies outside the site's outline: an
    /// outline changed since the stalls were laid out leaves them there until a new layout,
    /// and locked or booked ones even then, so the plan says so.
    pub(super) fn stalls_outside(&self) -> Vec<&str> {
        use geo::{Centroid, Contains};
        let mut outside: Vec<&stalls::Model> = self
            .stalls
            .iter()
            .filter(|s| s.status != entity::stalls::StallStatus::Retired)
            .filter(|s| {
                super::shape::stall_local(s, &self.projection)
                    .and_then(|p| p.centroid())
                    .is_some_and(|c| !self.site_local.contains(&c))
            })
            .collect();
        // The locked ones first: a new layout will not clear them.
        outside.sort_by(|a, b| (!a.locked, &a.code).cmp(&(!b.locked, &b.code)));
        outside.into_iter().map(|s| s.code.as_str()).collect()
    }
}

pub(super) async fn load(state: &AppState, id: i32) -> AppResult<SiteView> {
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
        map: super::map_form::MapSetup::from_config(&state.config),
        site_local: shape.local(),
        site,
        projection,
        stalls,
        zones,
        aisles,
        layout,
    })
}

/// Renders the whole plan page; `preview` replaces the stalls with an unsaved layout, and
/// a `layout_in_use` refusal takes the place of its accept button.
pub(super) fn render(
    ctx: &PageCtx,
    view: &SiteView,
    writable: bool,
    preview: Option<(&Computed, &LayoutForm)>,
    form_error: Option<&AppError>,
    typed: Option<&LayoutForm>,
) -> Markup {
    let site = &view.site;
    let (stall_shapes, aisles): (Vec<DrawnStall>, &[Polygon<f64>]) = match preview {
        Some((computed, _)) => {
            // A stall kept in place keeps its code; new ones get the codes the write will give
            // them; the locked ones stand with them, as they will on the saved plan.
            let codes = computed.kept.iter().map(|old| old.code.clone()).chain(
                computed
                    .new_codes(&site.code)
                    .into_iter()
                    .map(|(code, _)| code),
            );
            let drawn = |code: String, polygon: &Polygon<f64>| DrawnStall {
                id: None,
                label: super::shape::stall_label(&code).to_owned(),
                polygon: polygon.clone(),
                look: StallLook::Active,
                code,
            };
            let laid = computed
                .layout
                .stalls
                .iter()
                .zip(codes)
                .map(|(s, code)| drawn(code, &s.polygon));
            let locked = computed
                .locked_stalls()
                .map(|(code, shape)| drawn(code.to_owned(), shape));
            (laid.chain(locked).collect(), &computed.layout.aisles)
        }
        None => (
            view.stalls
                .iter()
                .filter_map(|s| {
                    Some(DrawnStall {
                        id: Some(s.id),
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
                id: d.id,
                code: &d.code,
                label: &d.label,
                polygon: &d.polygon,
                look: d.look,
            })
            .collect(),
    };
    let title = format!("{} · {}", site.name, ctx.t(t::PLAN));
    let layout_form_values = match (typed, preview, &view.layout) {
        // A refused form comes back with what was typed.
        (Some(f), _, _) => f.clone(),
        (None, Some((_, f)), _) => LayoutForm {
            ..LayoutForm::from_params(&f.params().unwrap_or_default())
        },
        (None, None, Some(l)) => serde_json::from_str::<LayoutParams>(&l.params)
            .map(|p| LayoutForm::from_params(&p))
            .unwrap_or_default(),
        (None, None, None) => LayoutForm::from_params(&LayoutParams::default()),
    };
    // The refusal, and with a typed form every other field's own fault beside it.
    let refusal = form_error
        .filter(|e| e.code() == "invalid_layout" || (e.code() == IN_USE && preview.is_none()));
    let others: Vec<AppError> = match (refusal, typed) {
        (Some(e), Some(f)) if e.field().is_some() => f
            .field_problems()
            .into_iter()
            .filter(|p| p.field() != e.field())
            .collect(),
        _ => Vec::new(),
    };
    let layout_errors: Vec<&AppError> = refusal.into_iter().chain(&others).collect();
    html! {
        p.lead {
            code { (site.code) } " · " (kind_label(&site.kind).get(ctx.lang)) " · "
            (format!("{:.0} m²", site.area_m2)) " · " (ctx.t(t::CRS)) " " (site.source_crs.to_uppercase())
        }
        @if let Some(note) = &site.note { p.note { (ctx.t(t::NOTE)) (ctx.lang.colon()) (note) } }
        @if let Some((computed, form)) = preview {
            @let layout = &computed.layout;
            section.preview {
                h2 { (ctx.t(t::PREVIEW_TITLE)) }
                (figures(ctx, computed.total_stalls(), layout.usable_area_m2, layout.pattern_bound, layout.area_bound))
                @if !computed.kept.is_empty() {
                    p.note { (ctx.t(t::KEPT_IN_PLACE)) (ctx.lang.colon()) (computed.kept.len()) }
                }
                @if let Some(e) = form_error.filter(|e| e.code() == IN_USE) {
                    (booked_notice(ctx, site.id, e))
                } @else {
                    form method="post" action=(format!("/sites/{}/layout", site.id)) {
                        (csrf_field(ctx))
                        (form.hidden())
                        button.primary type="submit" { (ctx.t(t::ACCEPT)) }
                    }
                }
            }
        } @else if let Some(l) = view.layout.as_ref().filter(|_| ctx.user.as_ref().is_some_and(|u| u.role != crate::identity::Role::Vendor)) {
            // The layout's bounds are the planners' figures; residents see the plan.
            (figures(ctx, view.stalls.len(), l.usable_area_m2, l.pattern_bound as usize, l.area_bound as usize))
        }
        @if plan_data.stalls.is_empty() && preview.is_none() { p { (ctx.t(t::NO_STALLS)) } }
        @let find = plan::find_param(&ctx.path);
        (plan::find_form(ctx.lang, find.as_deref()))
        figure.plan-figure {
            (plan::render_with(&plan_data, &title, ctx.lang, &plan::PlanOptions { find: find.as_deref() }))
            figcaption { (plan::legend(ctx.lang)) }
        }
        p { a href=(format!("/api/v1/sites/{}/geojson", site.id)) download=(format!("{}.geojson", site.code)) { (ctx.t(t::DOWNLOAD_GEOJSON)) } }
        @if writable { (layout_form(ctx, site.id, &layout_form_values, &layout_errors)) }
        (stall_table(ctx, &view.stalls, writable))
        (zone_section(ctx, view, &view.zones.iter().map(|(z, _)| z.clone()).collect::<Vec<_>>(), writable,
                      form_error.filter(|e| e.code() != "invalid_layout" && e.code() != IN_USE)))
        @if writable {
            details.card {
                summary { (ctx.t(t::SAVE)) " · " (ctx.t(t::BOUNDARY)) }
                (site_form(ctx, &view.map, &SiteForm { code: site.code.clone(), name: site.name.clone(), kind: site.kind.to_string(),
                    crs: "wgs84".into(), boundary: site.boundary.clone(), ..Default::default() }, &[], &format!("/sites/{}/edit", site.id), false))
            }
        }
    }
}
