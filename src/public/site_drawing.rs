//! A site loaded once for drawing on the vendor's and the public's pages (session plan, apply
//! form, self-selection): outline, zones and aisles in local metres, and its stalls by code.

use crate::error::{AppError, AppResult};
use crate::geometry::LocalProjection;
use crate::sites::shape::{aisles_local, site_polygon, stall_label, stall_local, zone_local};
use crate::views::plan::{self, Plan, PlanStall, StallLook};
use entity::{sites, stalls};
use geo::{MultiPolygon, Polygon};
use maud::Markup;
use sea_orm::ConnectionTrait;

/// Everything needed to draw one site's plan.
pub struct SiteDrawing {
    /// The site.
    pub site: sites::Model,
    /// Its stalls, by code.
    pub stalls: Vec<stalls::Model>,
    local: MultiPolygon<f64>,
    projection: LocalProjection,
    zones: Vec<(String, MultiPolygon<f64>)>,
    aisles: Vec<Polygon<f64>>,
}

impl SiteDrawing {
    /// Loads a site, its zones, accepted aisles and stalls; 404 when the site is gone.
    pub async fn load(db: &impl ConnectionTrait, site_id: i32) -> AppResult<SiteDrawing> {
        let site = crate::sites::queries::find(db, site_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let stalls = crate::bookings::queries::stalls_of_site(db, site.id).await?;
        SiteDrawing::from_parts(db, site, stalls).await
    }

    /// The same, for a caller that has already read the site and its stalls (the manager's
    /// session page counts them too): only zones and aisles are read here.
    pub async fn from_parts(
        db: &impl ConnectionTrait,
        site: sites::Model,
        stalls: Vec<stalls::Model>,
    ) -> AppResult<SiteDrawing> {
        let shape = site_polygon(&site)?;
        let projection = shape.projection();
        let mut zones = Vec::new();
        for z in crate::sites::layout_run::zones_of(db, site.id).await? {
            let local = zone_local(&z, &projection)?;
            zones.push((z.kind, local));
        }
        let layout = crate::sites::queries::layout_of(db, site.id).await?;
        let aisles = aisles_local(layout.as_ref(), &projection);
        Ok(SiteDrawing {
            local: shape.local(),
            site,
            stalls,
            projection,
            zones,
            aisles,
        })
    }

    /// The plan as SVG, each stall drawn the way `look` says (stalls without a shape are
    /// left out of the drawing; pages list every stall in words anyway).
    pub fn render(
        &self,
        title: &str,
        lang: crate::i18n::Lang,
        look: impl Fn(&stalls::Model) -> StallLook,
    ) -> Markup {
        self.render_labelled(title, lang, |s| (stall_label(&s.code).to_owned(), look(s)))
    }

    /// The plan as SVG with a label of the caller's per stall (the manager's session page adds
    /// the category's mark under the code, so colour is never the only cue).
    pub fn render_labelled(
        &self,
        title: &str,
        lang: crate::i18n::Lang,
        label_and_look: impl Fn(&stalls::Model) -> (String, StallLook),
    ) -> Markup {
        let shapes: Vec<(&stalls::Model, Polygon<f64>, String, StallLook)> = self
            .stalls
            .iter()
            .filter_map(|s| {
                let polygon = stall_local(s, &self.projection)?;
                let (label, look) = label_and_look(s);
                Some((s, polygon, label, look))
            })
            .collect();
        let data = Plan {
            site: &self.local,
            aisles: &self.aisles,
            zones: self.zones.iter().map(|(k, s)| (k.as_str(), s)).collect(),
            stalls: shapes
                .iter()
                .map(|(s, polygon, label, look)| PlanStall {
                    code: &s.code,
                    label,
                    polygon,
                    look: *look,
                })
                .collect(),
        };
        plan::render(&data, title, lang)
    }
}
