//! Running the layout engine on a stored site and replacing its stalls with the result.

use super::shape::{layout_error, polygon_from_value, site_polygon, zone_local};
use crate::audit::{self, Change};
use crate::error::{AppError, AppResult};
use crate::geometry::{
    LocalProjection, multi_polygon_value, polygon_value, snap_stalls_to_wgs84_around,
};
use crate::i18n::texts::relayout;
use crate::layout::{self, Layout, LayoutMode, LayoutParams, LockedStall};
use chrono::Utc;
use entity::sites::SiteKind;
use entity::stalls::StallStatus;
use entity::zones::ZoneKind;
use entity::{bookings, site_layouts, sites, stalls, zones};
use geo::{Centroid, Contains, Euclidean, MultiPolygon, Polygon};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde_json::json;
use std::collections::BTreeSet;

/// Zone kinds a stall inherits when it lies inside such a zone.
const TAGGING_KINDS: [ZoneKind; 2] = [ZoneKind::Food, ZoneKind::Smoky];
/// Zone kinds the layout leaves empty.
const EXCLUDING_KINDS: [ZoneKind; 2] = [ZoneKind::KeepClear, ZoneKind::FireLane];
/// Rows per INSERT: well under SQLite's bound-parameter limit.
const INSERT_CHUNK: usize = 400;

/// A layout computed for a site, not yet saved.
#[derive(Debug)]
pub struct Computed {
    /// The engine's result, in local metres.
    pub layout: Layout,
    /// The site's projection, to go back to lon/lat.
    pub projection: LocalProjection,
    /// The site in local metres (for drawing).
    pub site_local: MultiPolygon<f64>,
    /// Each zone and its shape in local metres.
    pub zones: Vec<(zones::Model, MultiPolygon<f64>)>,
    /// The parameters used.
    pub params: LayoutParams,
    /// The polygons as stored (WGS-84) of the locked stalls, then of the ones kept in place:
    /// new stalls are written against them.
    pub fixed_wgs: Vec<Polygon<f64>>,
    /// The unlocked stalls kept where they stand, in the order of the layout's first stalls:
    /// their rows stay (id, code, row, position, status, power, premium, circuit, history).
    pub kept: Vec<stalls::Model>,
    /// The locked stalls the layout went around: they stand as they are, but their zone
    /// follows the site's zones like any kept stall's.
    pub(super) locked: Vec<StandingLock>,
    /// The site's revision when the layout was computed: it is written only onto that site.
    revision: i64,
}

/// A locked stall a layout goes around.
#[derive(Debug)]
pub(super) struct StandingLock {
    pub id: i32,
    /// Its zone as stored.
    pub zone: Option<ZoneKind>,
    /// Its shape in local metres.
    pub shape: Polygon<f64>,
    pub code: String,
}

impl Computed {
    /// The zone kind a stall carries, if it lies in a food or smoky zone.
    pub fn zone_of(&self, stall: &Polygon<f64>) -> Option<ZoneKind> {
        let centre = stall.centroid()?;
        self.zones
            .iter()
            .filter(|(z, _)| TAGGING_KINDS.contains(&z.kind))
            .find(|(_, shape)| shape.contains(&centre))
            .map(|(z, _)| z.kind)
    }
}

/// The zones of a site, oldest first.
pub async fn zones_of(db: &impl ConnectionTrait, site_id: i32) -> AppResult<Vec<zones::Model>> {
    Ok(zones::Entity::find()
        .filter(zones::Column::SiteId.eq(site_id))
        .order_by_asc(zones::Column::Id)
        .all(db)
        .await?)
}

/// The site's locked stalls (not retired), oldest first.
pub async fn locked_stalls(
    db: &impl ConnectionTrait,
    site_id: i32,
) -> AppResult<Vec<stalls::Model>> {
    Ok(stalls::Entity::find()
        .filter(stalls::Column::SiteId.eq(site_id))
        .filter(stalls::Column::Locked.eq(true))
        .filter(stalls::Column::Status.ne(StallStatus::Retired))
        .order_by_asc(stalls::Column::Id)
        .all(db)
        .await?)
}

/// How far outside the outline a locked stall's edge may lie (rounding of stored
/// coordinates), metres: a stall may stick out by at most its perimeter times this.
const OUTSIDE_TOLERANCE_M: f64 = 0.01;

/// Whether a locked stall still lies on the (possibly changed) outline: all of it, not just
/// its corners, so a new hole (a tree pit, a drain) through the middle of its edge counts.
fn on_site(stall: &Polygon<f64>, site_local: &MultiPolygon<f64>) -> bool {
    use geo::{Area, BooleanOps, Contains, Length};
    if site_local.contains(stall) {
        return true;
    }
    let outside = MultiPolygon(vec![stall.clone()])
        .difference(site_local)
        .unsigned_area();
    outside <= Euclidean.length(stall.exterior()) * OUTSIDE_TOLERANCE_M
}

/// Locked stalls in local metres, and as stored; 422 `invalid_geometry` naming every one that
/// lies outside the site's (possibly changed) outline or on one of its holes.
fn locked_local(
    locked: &[stalls::Model],
    projection: &crate::geometry::LocalProjection,
    site_local: &MultiPolygon<f64>,
) -> AppResult<(Vec<LockedStall>, Vec<Polygon<f64>>)> {
    let mut out = Vec::with_capacity(locked.len());
    let mut stored = Vec::with_capacity(locked.len());
    let mut off_site: Vec<String> = Vec::new();
    for s in locked {
        let value: serde_json::Value =
            serde_json::from_str(&s.polygon).map_err(anyhow::Error::from)?;
        let wgs = polygon_from_value(&value)
            .ok_or_else(|| anyhow::anyhow!("stored stall {} polygon malformed", s.id))?;
        let local = projection.polygon_to_local(&wgs);
        if !on_site(&local, site_local) {
            off_site.push(s.code.clone());
            continue;
        }
        out.push(LockedStall {
            polygon: local,
            facing_deg: s.facing_deg,
        });
        stored.push(wgs);
    }
    if !off_site.is_empty() {
        return Err(AppError::Invalid {
            code: "invalid_geometry",
            message: relayout::locked_outside(&off_site),
            field: Some("boundary".to_owned()),
        });
    }
    Ok((out, stored))
}

/// Runs the engine for `site` around its locked stalls (off the async runtime: large plazas
/// take a while). 422 `invalid_geometry` when a locked stall lies outside the outline.
pub async fn compute(
    db: &impl ConnectionTrait,
    site: &sites::Model,
    mut params: LayoutParams,
) -> AppResult<Computed> {
    params.validate().map_err(layout_error)?;
    let revision = super::layout_guard::revision(db, site.id).await?;
    params.street_site = site.kind == SiteKind::Street;
    let shape = site_polygon(site)?;
    let projection = shape.projection();
    let site_local = shape.local();
    let mut zones = Vec::new();
    for zone in zones_of(db, site.id).await? {
        let local = zone_local(&zone, &projection)?;
        zones.push((zone, local));
    }
    let exclusions: Vec<Polygon<f64>> = zones
        .iter()
        .filter(|(z, _)| EXCLUDING_KINDS.contains(&z.kind))
        .flat_map(|(_, shape)| shape.0.iter().cloned())
        .collect();
    let locked_rows = locked_stalls(db, site.id).await?;
    let (locked, locked_wgs) = locked_local(&locked_rows, &projection, &site_local)?;
    let locked_stalls: Vec<StandingLock> = locked_rows
        .into_iter()
        .zip(&locked)
        .map(|(row, shape)| StandingLock {
            id: row.id,
            zone: row.zone,
            shape: shape.polygon.clone(),
            code: row.code,
        })
        .collect();
    let standing = standing_stalls(db, site.id, &params, &projection).await?;
    let standing_local = standing.local;
    let usable = site_local.clone();
    let relaid = tokio::task::spawn_blocking(move || {
        layout::relayout(
            &usable,
            &exclusions,
            &locked,
            &standing_local,
            standing.mode,
            &params,
        )
    })
    .await
    .map_err(anyhow::Error::from)?
    .map_err(layout_error)?;
    let kept = relaid
        .kept
        .iter()
        .map(|&i| standing.rows[i].clone())
        .collect();
    let mut fixed_wgs = locked_wgs;
    fixed_wgs.extend(relaid.kept.iter().map(|&i| standing.wgs[i].clone()));
    Ok(Computed {
        layout: relaid.layout,
        projection,
        site_local,
        zones,
        params,
        fixed_wgs,
        kept,
        locked: locked_stalls,
        revision,
    })
}

/// The site's unlocked stalls a re-layout may keep where they stand (with their rows) and the
/// mode they were laid out in, when it asks for the same parameters as the layout that placed
/// them: another stall size, mode, direction or fire lane asks for a new arrangement.
async fn standing_stalls(
    db: &impl ConnectionTrait,
    site_id: i32,
    params: &LayoutParams,
    projection: &LocalProjection,
) -> AppResult<Standing> {
    let current = site_layouts::Entity::find_by_id(site_id).one(db).await?;
    let Some(current) = current
        .filter(|l| serde_json::from_str::<LayoutParams>(&l.params).is_ok_and(|p| p == *params))
    else {
        return Ok(Standing {
            rows: Vec::new(),
            local: Vec::new(),
            wgs: Vec::new(),
            mode: LayoutMode::Plaza,
        });
    };
    let their_mode = LayoutMode::parse(&current.mode).unwrap_or(LayoutMode::Plaza);
    let rows = stalls::Entity::find()
        .filter(stalls::Column::SiteId.eq(site_id))
        .filter(stalls::Column::Locked.eq(false))
        .filter(stalls::Column::Status.ne(StallStatus::Retired))
        .order_by_asc(stalls::Column::RowIndex)
        .order_by_asc(stalls::Column::Position)
        .order_by_asc(stalls::Column::Id)
        .all(db)
        .await?;
    let mut kept_rows = Vec::with_capacity(rows.len());
    let mut local = Vec::with_capacity(rows.len());
    let mut stored = Vec::with_capacity(rows.len());
    for s in rows {
        let wgs = serde_json::from_str::<serde_json::Value>(&s.polygon)
            .ok()
            .and_then(|v| polygon_from_value(&v));
        if let Some(wgs) = wgs {
            local.push(LockedStall {
                polygon: projection.polygon_to_local(&wgs),
                facing_deg: s.facing_deg,
            });
            stored.push(wgs);
            kept_rows.push(s);
        }
    }
    Ok(Standing {
        rows: kept_rows,
        local,
        wgs: stored,
        mode: their_mode,
    })
}

/// The unlocked stalls a re-layout may keep, in the same order three ways.
struct Standing {
    rows: Vec<stalls::Model>,
    /// In local metres, for the engine.
    local: Vec<LockedStall>,
    /// As stored, to write new stalls against.
    wgs: Vec<Polygon<f64>>,
    mode: LayoutMode,
}

/// The site's unlocked stalls that are not `kept` go: those past bookings refer to are kept
/// as `retired` (history and reports still need them) under a code freed for the new layout;
/// the rest are removed. Stalls kept in place stay as they are, id and all.
async fn retire_old_stalls(
    db: &impl ConnectionTrait,
    site_id: i32,
    kept: &BTreeSet<i32>,
) -> AppResult<()> {
    let mut used: Vec<i32> = bookings::Entity::find()
        .select_only()
        .column(bookings::Column::StallId)
        .filter(
            bookings::Column::StallId.in_subquery(super::layout_guard::unlocked_stalls_of(site_id)),
        )
        .distinct()
        .into_tuple::<i32>()
        .all(db)
        .await?;
    used.retain(|id| !kept.contains(id));
    used.sort_unstable();
    for chunk in used.chunks(INSERT_CHUNK) {
        for stall in stalls::Entity::find()
            .filter(stalls::Column::Id.is_in(chunk.to_vec()))
            .filter(stalls::Column::Status.ne(StallStatus::Retired))
            .all(db)
            .await?
        {
            let code = format!("{}@{}", stall.code, stall.id);
            let mut active: stalls::ActiveModel = stall.into();
            active.status = Set(StallStatus::Retired);
            active.code = Set(code);
            active.update(db).await?;
        }
    }
    if kept.is_empty() {
        stalls::Entity::delete_many()
            .filter(stalls::Column::SiteId.eq(site_id))
            .filter(stalls::Column::Locked.eq(false))
            .filter(stalls::Column::Id.is_not_in(used))
            .exec(db)
            .await?;
        return Ok(());
    }
    // Around stalls kept in place the ones that go are named (usually few): thousands of kept
    // ids as query parameters would cost PostgreSQL more than the delete itself.
    let gone: Vec<i32> = stalls::Entity::find()
        .select_only()
        .column(stalls::Column::Id)
        .filter(stalls::Column::SiteId.eq(site_id))
        .filter(stalls::Column::Locked.eq(false))
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .filter(|id| !kept.contains(id) && used.binary_search(id).is_err())
        .collect();
    for chunk in gone.chunks(INSERT_CHUNK) {
        stalls::Entity::delete_many()
            .filter(stalls::Column::Id.is_in(chunk.to_vec()))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Replaces the site's stalls with a computed layout (409 `layout_in_use` when future
/// bookings need the current stalls, 409 `conflict` when the site changed since the layout
/// was computed). Call inside a write transaction; audited.
pub async fn apply(
    db: &impl ConnectionTrait,
    actor: Option<i32>,
    site: &sites::Model,
    computed: &Computed,
) -> AppResult<Vec<stalls::Model>> {
    super::layout_guard::still_current(db, site, computed.revision).await?;
    super::layout_guard::refuse_if_booked(db, site.id).await?;
    super::slots::keep_started(db, site.id).await?;
    let before = stalls::Entity::find()
        .filter(stalls::Column::SiteId.eq(site.id))
        .filter(stalls::Column::Locked.eq(false))
        .filter(stalls::Column::Status.ne(StallStatus::Retired))
        .count(db)
        .await?;
    // Stalls kept in place and locked ones keep their rows (id, code, power, premium, circuit,
    // history); only their zone follows the site's zones as they are now.
    let kept_ids: BTreeSet<i32> = computed.kept.iter().map(|s| s.id).collect();
    retire_old_stalls(db, site.id, &kept_ids).await?;
    // A zone drawn since can cover thousands of kept stalls: one update per zone kind.
    let mut rezoned: Vec<(Option<ZoneKind>, Vec<i32>)> = Vec::new();
    let standing = computed
        .kept
        .iter()
        .zip(&computed.layout.stalls)
        .map(|(old, laid)| (old.id, old.zone, &laid.polygon));
    let locked = computed.locked.iter().map(|l| (l.id, l.zone, &l.shape));
    for (id, was, shape) in standing.chain(locked) {
        let zone = computed.zone_of(shape);
        if was != zone {
            match rezoned.iter_mut().find(|(z, _)| *z == zone) {
                Some((_, ids)) => ids.push(id),
                None => rezoned.push((zone, vec![id])),
            }
        }
    }
    for (zone, ids) in rezoned {
        for chunk in ids.chunks(INSERT_CHUNK) {
            stalls::Entity::update_many()
                .set(stalls::ActiveModel {
                    zone: Set(zone),
                    ..Default::default()
                })
                .filter(stalls::Column::Id.is_in(chunk.to_vec()))
                .exec(db)
                .await?;
        }
    }
    let now = Utc::now();
    // All new stalls of the site at once: neighbours share identical rounded corners, and none
    // is rounded into a locked stall or one kept in place (those keep their stored polygons;
    // they come first in the layout).
    let standing = computed.kept.len();
    let local: Vec<Polygon<f64>> = computed.layout.stalls[standing..]
        .iter()
        .map(|s| s.polygon.clone())
        .collect();
    let new_wgs = snap_stalls_to_wgs84_around(&local, &computed.fixed_wgs, &computed.projection);
    let codes = computed.new_codes(&site.code);
    let rows: Vec<stalls::ActiveModel> = computed.layout.stalls[standing..]
        .iter()
        .zip(&new_wgs)
        .zip(codes)
        .map(|((s, wgs), (code, position))| stalls::ActiveModel {
            site_id: Set(site.id),
            code: Set(code),
            polygon: Set(polygon_value(wgs).to_string()),
            width_m: Set(computed.params.stall_width_m),
            depth_m: Set(computed.params.stall_depth_m),
            facing_deg: Set(s.facing_deg),
            zone: Set(computed.zone_of(&s.polygon)),
            row_index: Set(s.row as i32),
            position: Set(position as i32),
            status: Set(StallStatus::Active),
            power: Set(false),
            premium: Set(false),
            locked: Set(false),
            created_at: Set(now),
            ..Default::default()
        })
        .collect();
    for chunk in rows.chunks(INSERT_CHUNK) {
        stalls::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    let aisles = MultiPolygon(
        computed
            .layout
            .aisles
            .iter()
            .map(|a| computed.projection.polygon_to_wgs84(a))
            .collect(),
    );
    site_layouts::Entity::delete_by_id(site.id).exec(db).await?;
    site_layouts::ActiveModel {
        site_id: Set(site.id),
        params: Set(serde_json::to_string(&computed.params).map_err(anyhow::Error::from)?),
        aisles: Set(multi_polygon_value(&aisles).to_string()),
        mode: Set(computed.layout.mode_used.as_str().to_owned()),
        orientation_deg: Set(computed.layout.orientation_deg),
        usable_area_m2: Set(computed.layout.usable_area_m2),
        area_bound: Set(computed.layout.area_bound as i32),
        pattern_bound: Set(computed.layout.pattern_bound as i32),
        created_by: Set(actor),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    audit::record(
        db,
        Change {
            actor,
            entity: "site",
            entity_id: Some(site.id),
            action: "layout",
            before: Some(json!({ "stalls": before })),
            after: Some(json!({
                "stalls": computed.layout.stalls.len(),
                "locked_kept": computed.locked.len(),
                "kept_in_place": computed.kept.len(),
                "params": computed.params,
                "mode": computed.layout.mode_used.as_str(),
            })),
        },
    )
    .await?;
    Ok(stalls::Entity::find()
        .filter(stalls::Column::SiteId.eq(site.id))
        .filter(stalls::Column::Status.ne(StallStatus::Retired))
        .order_by_asc(stalls::Column::RowIndex)
        .order_by_asc(stalls::Column::Position)
        .all(db)
        .await?)
}
