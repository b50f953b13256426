//! `/sessions/{id}/plan`: a session's plan for everyone — stall codes and categories, which
//! stalls are taken — without any personal data. A vendor sees their own stall highlighted.

use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::geometry::LocalProjection;
use crate::i18n::texts::vendorui as t;
use crate::markets::{queries as mq, schedule};
use crate::sites::shape::{multi_polygon_from_value, polygon_from_value, site_polygon};
use crate::views::plan::{self, Plan, PlanStall, StallLook};
use crate::views::{self, PageCtx};
use axum::extract::{Path, State};
use geo::{MultiPolygon, Polygon};
use maud::{Markup, html};
use std::collections::HashMap;

/// One stall as drawn and listed.
struct Drawn {
    code: String,
    label: String,
    polygon: Option<Polygon<f64>>,
    look: StallLook,
    category: Option<String>,
    mine: bool,
}

/// A site ready to draw: outline, aisles and zones in local metres, and the projection that
/// puts its stalls in the same frame. Shared with the manager's session page.
pub struct SiteDrawing {
    /// The outline.
    pub site: MultiPolygon<f64>,
    /// The aisles of the current layout.
    pub aisles: Vec<Polygon<f64>>,
    /// Zones: kind and shape.
    pub zones: Vec<(String, MultiPolygon<f64>)>,
    projection: LocalProjection,
}

impl SiteDrawing {
    /// A stall's rectangle in the drawing's frame.
    pub fn stall_local(&self, stall: &entity::stalls::Model) -> Option<Polygon<f64>> {
        serde_json::from_str::<serde_json::Value>(&stall.polygon)
            .ok()
            .and_then(|v| polygon_from_value(&v))
            .map(|p| self.projection.polygon_to_local(&p))
    }

    /// The zones as [`Plan`] takes them.
    pub fn zones(&self) -> Vec<(&str, &MultiPolygon<f64>)> {
        self.zones.iter().map(|(k, s)| (k.as_str(), s)).collect()
    }
}

/// Loads what [`SiteDrawing`] needs.
pub async fn site_drawing(
    db: &impl sea_orm::ConnectionTrait,
    site: &entity::sites::Model,
) -> AppResult<SiteDrawing> {
    let shape = site_polygon(site)?;
    let projection = shape.projection();
    let mut zones = Vec::new();
    for z in crate::sites::layout_run::zones_of(db, site.id).await? {
        let local = crate::sites::shape::zone_local(&z, &projection)?;
        zones.push((z.kind, local));
    }
    let aisles: Vec<Polygon<f64>> = crate::sites::queries::layout_of(db, site.id)
        .await?
        .and_then(|l| serde_json::from_str::<serde_json::Value>(&l.aisles).ok())
        .and_then(|v| multi_polygon_from_value(&v))
        .map(|mp| projection.multi_polygon_to_local(&mp).0)
        .unwrap_or_default();
    Ok(SiteDrawing {
        site: shape.local(),
        aisles,
        zones,
        projection,
    })
}

/// The label drawn on a stall: its code without the site prefix (`WCL-A-012` → `A-012`).
pub fn short_label(code: &str) -> String {
    code.split_once('-')
        .map_or(code.to_owned(), |(_, l)| l.to_owned())
}

/// GET /sessions/{id}/plan (anyone).
pub async fn session_plan_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<i32>,
) -> AppResult<Markup> {
    let db = &state.db;
    let session = mq::find_session(db, id).await?.ok_or(AppError::NotFound)?;
    let market = mq::find_market(db, session.market_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let site = crate::sites::queries::find(db, session.site_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let drawing = site_drawing(db, &site).await?;
    let booked: HashMap<i32, (String, i32)> =
        crate::bookings::queries::session_bookings(db, &session, None)
            .await?
            .into_iter()
            .map(|b| (b.stall_id, (b.category, b.vendor_id)))
            .collect();
    let me = ctx.user.as_ref().and_then(|u| u.vendor_id);
    let stalls = crate::bookings::queries::stalls_of_site(db, site.id).await?;
    let drawn: Vec<Drawn> = stalls
        .iter()
        .map(|s| {
            let polygon = drawing.stall_local(s);
            let taken = booked.get(&s.id);
            let mine = taken.is_some_and(|(_, v)| Some(*v) == me);
            let look = if mine {
                StallLook::Highlight
            } else if taken.is_some() {
                StallLook::Booked
            } else if s.status == "active" {
                StallLook::Active
            } else {
                StallLook::Disabled
            };
            Drawn {
                label: short_label(&s.code),
                code: s.code.clone(),
                polygon,
                look,
                category: taken.map(|(c, _)| c.clone()),
                mine,
            }
        })
        .collect();
    let plan_data = Plan {
        site: &drawing.site,
        aisles: &drawing.aisles,
        zones: drawing.zones(),
        stalls: drawn
            .iter()
            .filter_map(|d| {
                Some(PlanStall {
                    code: &d.code,
                    label: &d.label,
                    polygon: d.polygon.as_ref()?,
                    look: d.look,
                })
            })
            .collect(),
    };
    let title = format!(
        "{} · {} {}",
        market.name, session.business_date, session.segment
    );
    let cancelled = session.status != "scheduled";
    let body = html! {
        p.lead {
            (site.name) " · " (schedule::local_hhmm(session.starts_at)) "–" (schedule::local_hhmm(session.ends_at))
            " · " (crate::markets::pages::status_label(&session.status).get(ctx.lang))
        }
        @if cancelled { p.error-message role="alert" { "✖ " (ctx.t(t::SESSION_CANCELLED)) } }
        @if let Some(mine) = drawn.iter().find(|d| d.mine) {
            p.my-stall role="status" { span aria-hidden="true" { "★ " } (ctx.t(t::YOUR_STALL)) " " code.stall-code { (mine.code) } }
        }
        figure.plan-figure {
            (plan::render(&plan_data, &title, ctx.lang))
            figcaption {
                (plan::legend(ctx.lang))
                ul.legend {
                    li { span.swatch.st-booked {} (ctx.t(t::TAKEN)) }
                    @if me.is_some() { li { span.swatch.st-highlight {} "★ " (ctx.t(t::YOUR_STALL)) } }
                }
            }
        }
        h2 { (ctx.t(t::STALL_LIST)) }
        div.table-wrap { table.stall-list {
            thead { tr { th scope="col" { (ctx.t(t::STALL)) } th scope="col" { (ctx.t(t::CATEGORY)) } th scope="col" { (ctx.t(t::STATE)) } } }
            tbody { @for d in &drawn {
                tr id=(format!("stall-{}", d.code)) data-mine=[d.mine.then_some("true")] {
                    td { code { (d.code) } @if d.mine { " ★ " (ctx.t(t::YOUR_STALL)) } }
                    td { (d.category.as_deref().unwrap_or("—")) }
                    td { (ctx.t(match d.look {
                        StallLook::Highlight | StallLook::Booked | StallLook::Category(_) => t::TAKEN,
                        StallLook::Active => t::FREE,
                        StallLook::Disabled => t::OUT_OF_USE,
                    })) }
                }
            } }
        } }
        p.noprint { a href=(format!("/markets/{}", market.id)) { "← " (market.name) } }
    };
    Ok(views::page(&ctx, &title, body))
}
