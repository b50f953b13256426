//! A site read for editing its stalls by hand, and the checks every edit passes: the shape, the
//! ground (inside the site, clear of holes, keep-clear zones and fire lanes by the layout's edge
//! clearance), no overlap with another stall, and every stall's front aisle free (the pure rules
//! are in `nightmarket_core::stall_rules`). A refusal names the stall, and the page shows it there.

use super::shape::{polygon_from_value, site_polygon, stall_local, zone_local};
use crate::error::AppError;
use crate::geometry::{LocalProjection, polygon_value, snap_stalls_to_wgs84_around};
use crate::i18n::{Msg, texts::editor as t};
use crate::layout::LayoutParams;
use entity::stalls::StallStatus;
use entity::zones::ZoneKind;
use entity::{sites, stalls};
use geo::{Contains, Coord, MultiPolygon, Point, Polygon};
use nightmarket_core::stall_rules::{
    self, Ground, StallFault, StallRules, quad_polygon, stall_corners,
};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use serde_json::Value;
use std::collections::HashMap;

/// Corners closer than this to another stall's corner are snapped onto it (metres), so a stall
/// moved against a neighbour shares its edge exactly rather than overlapping it by a rounding.
pub const SNAP_M: f64 = 0.02;
/// Stalls whose corners come this near an edited stall's box are its neighbours when it is
/// written (rounding moves a corner by about a centimetre), metres.
const NEIGHBOUR_M: f64 = 0.05;

/// An edit refused, and the stall it was refused at (`None`: not about one stall).
#[derive(Debug)]
pub struct Refused {
    /// The stall the refusal is shown at.
    pub stall_id: Option<i32>,
    /// The error, worded in the reader's language when rendered.
    pub error: AppError,
}

/// The result of an edit.
pub type EditResult<T> = Result<T, Refused>;

impl From<AppError> for Refused {
    fn from(error: AppError) -> Self {
        Refused {
            stall_id: None,
            error,
        }
    }
}

impl From<DbErr> for Refused {
    fn from(e: DbErr) -> Self {
        AppError::from(e).into()
    }
}

impl From<Refused> for AppError {
    fn from(r: Refused) -> Self {
        r.error
    }
}

/// A 422 at `stall_id` with `message`, naming the `polygon` field.
fn at(stall_id: Option<i32>, code: &'static str, message: Msg) -> Refused {
    Refused {
        stall_id,
        error: AppError::invalid(code, "polygon", message),
    }
}

/// A stall of the site as the editor sees it.
#[derive(Debug, Clone)]
pub struct EditStall {
    /// The row.
    pub model: stalls::Model,
    /// Its corners in local metres, counter-clockwise (`None`: a stored shape that is no
    /// quadrilateral — kept, never moved).
    pub corners: Option<[Coord<f64>; 4]>,
}

/// A site with everything its stall checks need, in local metres.
pub struct EditSite {
    /// The site.
    pub site: sites::Model,
    /// Its projection.
    pub projection: LocalProjection,
    site_local: MultiPolygon<f64>,
    exclusions: Vec<Polygon<f64>>,
    tagging: Vec<(ZoneKind, MultiPolygon<f64>)>,
    /// Clearance and aisle width (the accepted layout's, or the defaults).
    pub rules: StallRules,
    /// The accepted layout's parameters, if any (for re-flowing and default stall sizes).
    pub params: Option<LayoutParams>,
    /// Its stalls that are not retired, by code.
    pub stalls: Vec<EditStall>,
}

impl EditSite {
    /// Reads the site's zones, layout and stalls.
    pub async fn load(db: &impl ConnectionTrait, site: sites::Model) -> Result<Self, AppError> {
        let shape = site_polygon(&site)?;
        let projection = shape.projection();
        let mut exclusions = Vec::new();
        let mut tagging = Vec::new();
        for zone in super::layout_run::zones_of(db, site.id).await? {
            let local = zone_local(&zone, &projection)?;
            match zone.kind {
                ZoneKind::KeepClear | ZoneKind::FireLane => exclusions.extend(local.0),
                ZoneKind::Food | ZoneKind::Smoky => tagging.push((zone.kind, local)),
                ZoneKind::Other => {}
            }
        }
        let params: Option<LayoutParams> = super::queries::layout_of(db, site.id)
            .await?
            .and_then(|l| serde_json::from_str(&l.params).ok());
        let defaults = LayoutParams::default();
        let used = params.unwrap_or(defaults);
        let rules = StallRules {
            edge_clearance_m: used.edge_clearance_m,
            aisle_width_m: used.aisle_width_m,
        };
        let stalls = stalls::Entity::find()
            .filter(stalls::Column::SiteId.eq(site.id))
            .filter(stalls::Column::Status.ne(StallStatus::Retired))
            .order_by_asc(stalls::Column::Code)
            .all(db)
            .await?
            .into_iter()
            .map(|model| {
                let corners = stall_local(&model, &projection).and_then(|p| stall_corners(&p).ok());
                EditStall { model, corners }
            })
            .collect();
        Ok(EditSite {
            site_local: shape.local(),
            site,
            projection,
            exclusions,
            tagging,
            rules,
            params,
            stalls,
        })
    }

    /// The stall with this id, if it is one of the site's.
    pub fn stall(&self, id: i32) -> Option<&EditStall> {
        self.stalls.iter().find(|s| s.model.id == id)
    }

    /// A stall polygon as sent (GeoJSON Polygon, WGS-84) in local metres: 422
    /// `invalid_geometry` naming `name` for anything but one ring of four corners.
    pub fn parse_polygon(
        &self,
        value: &Value,
        stall_id: Option<i32>,
        name: &str,
    ) -> EditResult<[Coord<f64>; 4]> {
        let bad = || {
            at(
                stall_id,
                "invalid_geometry",
                Msg::with(
                    "editor-polygon-invalid",
                    [("stall", name.to_owned().into())],
                ),
            )
        };
        if value.get("type").and_then(Value::as_str) != Some("Polygon") {
            return Err(bad());
        }
        let rings = value
            .get("coordinates")
            .and_then(Value::as_array)
            .ok_or_else(bad)?;
        let positions_ok = rings.iter().all(|r| {
            r.as_array().is_some_and(|ps| {
                ps.len() <= 64
                    && ps.iter().all(|p| {
                        p.as_array().is_some_and(|xy| {
                            (2..=3).contains(&xy.len())
                                && xy.iter().all(|v| v.as_f64().is_some_and(f64::is_finite))
                                && xy[0]
                                    .as_f64()
                                    .is_some_and(|x| (-180.0..=180.0).contains(&x))
                                && xy[1].as_f64().is_some_and(|y| (-90.0..=90.0).contains(&y))
                        })
                    })
            })
        });
        if rings.len() != 1 || !positions_ok {
            return Err(bad());
        }
        let wgs = polygon_from_value(value).ok_or_else(bad)?;
        let local = self.projection.polygon_to_local(&wgs);
        stall_corners(&local).map_err(|f| self.fault(f, stall_id, name, &[]))
    }

    /// Snaps corners onto nearby corners of other stalls, goes to WGS-84 and rounds as stored,
    /// and comes back: the GeoJSON to store and the corners it really has (which are checked).
    pub fn settle(
        &self,
        corners: [Coord<f64>; 4],
        stall_id: Option<i32>,
        name: &str,
        placed: &HashMap<i32, [Coord<f64>; 4]>,
    ) -> EditResult<(Value, [Coord<f64>; 4])> {
        let mut snapped = corners;
        for c in &mut snapped {
            let near = self
                .others(stall_id, placed)
                .flat_map(|(_, o)| o.into_iter())
                .filter(|o| (o.x - c.x).hypot(o.y - c.y) < SNAP_M)
                .min_by(|a, b| {
                    let da = (a.x - c.x).hypot(a.y - c.y);
                    let db = (b.x - c.x).hypot(b.y - c.y);
                    da.total_cmp(&db)
                });
            if let Some(o) = near {
                *c = o;
            }
        }
        // Written against its neighbours as stored: a corner rounded into one of them moves to
        // the nearest grid point outside, a neighbour's corner poking into it is taken up.
        let (lo, hi) = snapped.iter().fold(
            (
                Coord {
                    x: f64::MAX,
                    y: f64::MAX,
                },
                Coord {
                    x: f64::MIN,
                    y: f64::MIN,
                },
            ),
            |(lo, hi), c| {
                (
                    Coord {
                        x: lo.x.min(c.x),
                        y: lo.y.min(c.y),
                    },
                    Coord {
                        x: hi.x.max(c.x),
                        y: hi.y.max(c.y),
                    },
                )
            },
        );
        // Boxes within the reach of one another.
        let near = |o: &[Coord<f64>; 4]| {
            let m = NEIGHBOUR_M;
            o.iter().any(|c| c.x >= lo.x - m)
                && o.iter().any(|c| c.x <= hi.x + m)
                && o.iter().any(|c| c.y >= lo.y - m)
                && o.iter().any(|c| c.y <= hi.y + m)
        };
        let neighbours: Vec<Polygon<f64>> = self
            .others(stall_id, placed)
            .filter(|(_, o)| near(o))
            .map(|(m, o)| {
                let stored = (!placed.contains_key(&m.id))
                    .then(|| serde_json::from_str::<Value>(&m.polygon).ok())
                    .flatten()
                    .and_then(|v| polygon_from_value(&v));
                stored.unwrap_or_else(|| {
                    polygon_from_value(&polygon_value(
                        &self.projection.polygon_to_wgs84(&quad_polygon(&o)),
                    ))
                    .unwrap_or_else(|| self.projection.polygon_to_wgs84(&quad_polygon(&o)))
                })
            })
            .collect();
        let wgs =
            snap_stalls_to_wgs84_around(&[quad_polygon(&snapped)], &neighbours, &self.projection)
                .remove(0);
        let value = polygon_value(&wgs);
        let back = polygon_from_value(&value)
            .map(|p| self.projection.polygon_to_local(&p))
            .ok_or_else(|| at(stall_id, "invalid_geometry", Msg::from(t::NEW_STALL)))?;
        let corners = stall_corners(&back).map_err(|f| self.fault(f, stall_id, name, &[]))?;
        Ok((value, corners))
    }

    /// Every other stall with a shape: where `placed` puts it, else where it is.
    fn others<'a>(
        &'a self,
        stall_id: Option<i32>,
        placed: &'a HashMap<i32, [Coord<f64>; 4]>,
    ) -> impl Iterator<Item = (&'a stalls::Model, [Coord<f64>; 4])> + 'a {
        self.stalls
            .iter()
            .filter(move |s| Some(s.model.id) != stall_id)
            .filter_map(move |s| {
                let c = placed.get(&s.model.id).copied().or(s.corners)?;
                Some((&s.model, c))
            })
    }

    /// Checks a stall (`stall_id`: the one moved; `None`: a new one) at `corners` against the
    /// ground and every other stall, with the stalls of the same edit where `placed` puts them.
    pub fn check(
        &self,
        corners: &[Coord<f64>; 4],
        stall_id: Option<i32>,
        name: &str,
        placed: &HashMap<i32, [Coord<f64>; 4]>,
    ) -> EditResult<()> {
        let (models, others): (Vec<&stalls::Model>, Vec<[Coord<f64>; 4]>) =
            self.others(stall_id, placed).unzip();
        let ground = Ground {
            site: &self.site_local,
            exclusions: &self.exclusions,
        };
        stall_rules::check_stall(corners, ground, self.rules, &others)
            .map_err(|f| self.fault(f, stall_id, name, &models))
    }

    /// A core fault in words, at the stall.
    fn fault(
        &self,
        fault: StallFault,
        stall_id: Option<i32>,
        name: &str,
        others: &[&stalls::Model],
    ) -> Refused {
        let other = fault
            .other()
            .and_then(|i| others.get(i))
            .map(|o| o.code.clone())
            .unwrap_or_default();
        let args = |id: &'static str| {
            Msg::with(
                id,
                [
                    ("stall", name.to_owned().into()),
                    ("other", other.clone().into()),
                ],
            )
        };
        let message = match fault {
            StallFault::NotAQuadrilateral => args("editor-not-a-quadrilateral"),
            StallFault::BadSize => args("editor-bad-size"),
            StallFault::Outside => args("editor-stall-outside"),
            StallFault::Overlap { .. } => args("editor-stall-overlap"),
            StallFault::AisleBlocked {
                in_front_of_other: false,
                ..
            } => args("editor-aisle-blocked"),
            StallFault::AisleBlocked {
                in_front_of_other: true,
                ..
            } => args("editor-aisle-blocked-other"),
        };
        at(stall_id, fault.code(), message)
    }

    /// The zone kind a stall at these corners carries (a food or smoky zone holding its centre).
    pub fn zone_at(&self, corners: &[Coord<f64>; 4]) -> Option<ZoneKind> {
        let centre = Point(stall_rules::centre(corners));
        self.tagging
            .iter()
            .find(|(_, shape)| shape.contains(&centre))
            .map(|(kind, _)| *kind)
    }
}
