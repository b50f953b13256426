//! A site loaded once for drawing on the vendor's and the public's pages (session plan, apply
//! form, self-selection): outline, zones and aisles in local metres, and its stalls by code.

use crate::cache::{RevisionCache, Scope, Token};
use crate::error::{AppError, AppResult};
use crate::sites::shape::{aisles_local, site_polygon, stall_label, stall_local, zone_local};
use crate::state::AppState;
use crate::views::plan::{self, Plan, PlanStall, StallLook};
use entity::stalls::StallStatus;
use entity::zones::ZoneKind;
use entity::{sites, stalls};
use geo::{MultiPolygon, Polygon};
use maud::Markup;
use sea_orm::ConnectionTrait;
use std::sync::Arc;

/// Everything needed to draw one site's plan, with every stall's shape already projected.
pub struct SiteDrawing {
    /// The site.
    pub site: sites::Model,
    /// Its stalls, by code.
    pub stalls: Vec<stalls::Model>,
    /// Each stall's rectangle in local metres, in the order of `stalls` (`None`: no shape).
    shapes: Vec<Option<Polygon<f64>>>,
    local: MultiPolygon<f64>,
    zones: Vec<(ZoneKind, MultiPolygon<f64>)>,
    aisles: Vec<Polygon<f64>>,
}

impl SiteDrawing {
    /// A site's drawing, from this process's cache when the site, its stalls, zones and
    /// layout are unchanged since it was built (checked in the database), else read and
    /// projected anew; 404 when the site is gone.
    pub async fn load(state: &AppState, site_id: i32) -> AppResult<Arc<SiteDrawing>> {
        let site = crate::sites::queries::find(&state.db, site_id)
            .await?
            .ok_or(AppError::NotFound)?;
        SiteDrawing::of(state, site).await
    }

    /// The same, for a caller that has just read the site row.
    pub async fn of(state: &AppState, site: sites::Model) -> AppResult<Arc<SiteDrawing>> {
        let db = &state.db;
        let token = Token::read(db, &[Scope("site", site.id)], &[&site]).await?;
        state
            .caches
            .of::<DrawingCache>()
            .0
            .get_or_build(site.id, token, || async move {
                let stalls = super::queries::stalls_of_site(db, site.id).await?;
                SiteDrawing::from_parts(db, site, stalls).await
            })
            .await
    }

    /// Reads zones and aisles and projects everything to the site's local metres.
    async fn from_parts(
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
        let shapes = stalls.iter().map(|s| stall_local(s, &projection)).collect();
        Ok(SiteDrawing {
            local: shape.local(),
            site,
            stalls,
            shapes,
            zones,
            aisles,
        })
    }

    /// The number of active stalls.
    pub fn active_stalls(&self) -> usize {
        self.stalls
            .iter()
            .filter(|s| s.status == StallStatus::Active)
            .count()
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

    /// The plan as SVG with a stall to find marked (`?find=` of the page).
    pub fn render_found(
        &self,
        title: &str,
        lang: crate::i18n::Lang,
        find: Option<&str>,
        look: impl Fn(&stalls::Model) -> StallLook,
    ) -> Markup {
        self.render_labelled_with(title, lang, &plan::PlanOptions { find }, |s| {
            (stall_label(&s.code).to_owned(), look(s))
        })
    }

    /// The plan as SVG with a label of the caller's per stall (the manager's session page adds
    /// the category's mark under the code, so colour is never the only cue).
    pub fn render_labelled(
        &self,
        title: &str,
        lang: crate::i18n::Lang,
        label_and_look: impl Fn(&stalls::Model) -> (String, StallLook),
    ) -> Markup {
        self.render_labelled_with(title, lang, &plan::PlanOptions::default(), label_and_look)
    }

    /// [`Self::render_labelled`] with plan options (a stall to find).
    pub fn render_labelled_with(
        &self,
        title: &str,
        lang: crate::i18n::Lang,
        options: &plan::PlanOptions<'_>,
        label_and_look: impl Fn(&stalls::Model) -> (String, StallLook),
    ) -> Markup {
        let shapes: Vec<(&stalls::Model, &Polygon<f64>, String, StallLook)> = self
            .stalls
            .iter()
            .zip(&self.shapes)
            .filter_map(|(s, polygon)| {
                let (label, look) = label_and_look(s);
                Some((s, polygon.as_ref()?, label, look))
            })
            .collect();
        let data = Plan {
            site: &self.local,
            aisles: &self.aisles,
            zones: self.zones.iter().map(|(k, s)| (*k, s)).collect(),
            stalls: shapes
                .iter()
                .map(|(s, polygon, label, look)| PlanStall {
                    id: Some(s.id),
                    code: &s.code,
                    label,
                    polygon,
                    look: *look,
                })
                .collect(),
        };
        plan::render_with(&data, title, lang, options)
    }
}

/// Site drawings (outline, zones, aisles, stalls in local metres) by site id, kept per process.
pub struct DrawingCache(pub RevisionCache<i32, SiteDrawing>);

impl Default for DrawingCache {
    fn default() -> Self {
        Self(RevisionCache::new(64))
    }
}
