//! Layout, stalls and zones in the JSON API.

use super::{access, layout_run, queries, zones_create};
use crate::api::{ApiJson, List};
use crate::audit::{self, Change};
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::extract::{Paging, PathId};
use crate::i18n::texts::sites as t;
use crate::identity::Auth;
use crate::layout::{LayoutMode, LayoutParams};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use entity::stalls::StallStatus;
use entity::zones::ZoneKind;
use entity::{stalls, zones};
use http::StatusCode;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

/// Layout, stall and zone routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(put_layout))
        .routes(routes!(list_stalls, super::stall_api::create_stall))
        .routes(routes!(list_zones, create_zone))
        .routes(routes!(update_stall, super::stall_api::delete_stall))
}

/// Layout parameters, all in metres.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct LayoutBody {
    /// Stall frontage.
    pub stall_width_m: f64,
    /// Stall depth.
    pub stall_depth_m: f64,
    /// Aisle width.
    pub aisle_width_m: f64,
    /// Distance kept from edges, holes and keep-clear zones (default 0.5).
    pub edge_clearance_m: Option<f64>,
    /// Cross aisles of this width on long plazas.
    pub fire_lane_width_m: Option<f64>,
    /// Fixed row direction in degrees counter-clockwise from east; searched when absent.
    pub orientation_deg: Option<f64>,
    /// `auto` (default), `plaza` or `street`.
    pub mode: Option<String>,
}

impl LayoutBody {
    /// The engine's parameters (422 `invalid_layout` for an unknown mode).
    pub fn params(&self) -> AppResult<LayoutParams> {
        let mode = match self
            .mode
            .as_deref()
            .map(str::trim)
            .filter(|m| !m.is_empty())
        {
            None => LayoutMode::Auto,
            Some(m) => LayoutMode::parse(m).ok_or_else(|| {
                AppError::invalid(
                    "invalid_layout",
                    "mode",
                    crate::i18n::texts::sites::MODE_INVALID,
                )
            })?,
        };
        Ok(LayoutParams {
            stall_width_m: self.stall_width_m,
            stall_depth_m: self.stall_depth_m,
            aisle_width_m: self.aisle_width_m,
            edge_clearance_m: self.edge_clearance_m.unwrap_or(0.5),
            fire_lane_width_m: self.fire_lane_width_m,
            orientation_deg: self.orientation_deg,
            mode,
            // Set from the site's kind when the layout runs.
            street_site: false,
        })
    }
}

/// A stall of a new layout.
#[derive(Debug, Serialize, ToSchema)]
pub struct LaidOutStall {
    /// Id.
    pub id: i32,
    /// Code such as `WCL-A-012`.
    pub code: String,
    /// GeoJSON Polygon, WGS-84.
    #[schema(value_type = Object)]
    pub polygon: Value,
}

/// The result of a layout.
#[derive(Debug, Serialize, ToSchema)]
pub struct LayoutResult {
    /// Stalls placed.
    pub stall_count: usize,
    /// ⌊usable area / stall area⌋.
    pub area_bound: usize,
    /// ⌊usable area / (w·(d + a/2))⌋.
    pub pattern_bound: usize,
    /// Usable area in m².
    pub usable_area_m2: f64,
    /// `plaza` or `street`.
    pub mode: String,
    /// How the stalls were arranged: `plaza` (rows over the area) or `street` (rows along the
    /// sides). In `auto` mode both are computed and the one with more stalls wins.
    pub mode_used: String,
    /// Row directions used: 1 for parallel rows, more where zones or pockets got their own.
    pub zones_used: usize,
    /// Row direction used, degrees.
    pub orientation_deg: f64,
    /// The site's stalls: the locked ones, as they were, and the new ones.
    pub stalls: Vec<LaidOutStall>,
}

/// Lay out the site's stalls automatically, replacing the current unlocked ones (its managers,
/// admins). Locked stalls keep id, code and polygon and the rest is laid out around them. With
/// the parameters of the current layout, unlocked stalls that still fit stay where they stand
/// as the same stalls (id and code) unless that holds fewer stalls than the site had.
/// 409 `layout_in_use` when future bookings need the stalls being replaced, `conflict` when the
/// site's stalls or zones changed while the layout was worked out; 422
/// `invalid_geometry` naming a locked stall that lies outside the site.
#[utoipa::path(put, path = "/api/v1/sites/{id}/layout", tag = "sites", request_body = LayoutBody,
    params(("id" = i32, Path, description = "Site id")),
    responses((status = 200, description = "The new stalls and how many the site holds", body = LayoutResult),
        (status = 403), (status = 404),
        (status = 409, description = "`layout_in_use`: future bookings need the current stalls; `conflict`: the site changed meanwhile"),
        (status = 422, description = "`invalid_layout` naming the parameter; `invalid_geometry` naming a locked stall outside the site")))]
async fn put_layout(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    ApiJson(body): ApiJson<LayoutBody>,
) -> AppResult<Json<LayoutResult>> {
    let site = access::site_for_writing(&state.db, &auth, id).await?;
    let params = body.params()?;
    let computed = layout_run::compute(&state.db, &site, params).await?;
    let txn = begin_write(&state.db).await?;
    let saved = layout_run::apply(&txn, Some(auth.id), &site, &computed).await?;
    txn.commit().await?;
    Ok(Json(LayoutResult {
        stall_count: saved.len(),
        area_bound: computed.layout.area_bound,
        pattern_bound: computed.layout.pattern_bound,
        usable_area_m2: computed.layout.usable_area_m2,
        mode: computed.layout.mode_used.as_str().to_owned(),
        mode_used: computed.layout.mode_used.as_str().to_owned(),
        zones_used: computed.layout.zones_used,
        orientation_deg: computed.layout.orientation_deg,
        stalls: saved
            .iter()
            .map(|s| {
                Ok(LaidOutStall {
                    id: s.id,
                    code: s.code.clone(),
                    polygon: serde_json::from_str(&s.polygon).map_err(anyhow::Error::from)?,
                })
            })
            .collect::<AppResult<_>>()?,
    }))
}

/// A stall.
#[derive(Debug, Serialize, ToSchema)]
pub struct StallView {
    /// Id.
    pub id: i32,
    /// Site id.
    pub site_id: i32,
    /// Code such as `WCL-A-012`.
    pub code: String,
    /// `active` or `disabled`.
    pub status: String,
    /// GeoJSON Polygon, WGS-84.
    #[schema(value_type = Object)]
    pub polygon: Value,
    /// Has electricity.
    pub power: bool,
    /// A premium place (corner, entrance).
    pub premium: bool,
    /// `food` or `smoky` when inside such a zone.
    pub zone: Option<String>,
    /// Row letter(s) and position from the layout.
    pub row: i32,
    /// Position in the row, from 1.
    pub position: i32,
    /// Frontage in metres.
    pub width_m: f64,
    /// Depth in metres.
    pub depth_m: f64,
    /// Kept by a re-layout (drawn or fixed by hand).
    pub locked: bool,
    /// The power circuit feeding it (its name), if tied to one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub circuit: Option<String>,
}

impl TryFrom<&stalls::Model> for StallView {
    type Error = AppError;
    fn try_from(s: &stalls::Model) -> AppResult<Self> {
        Ok(StallView {
            id: s.id,
            site_id: s.site_id,
            code: s.code.clone(),
            status: s.status.to_string(),
            polygon: serde_json::from_str(&s.polygon).map_err(anyhow::Error::from)?,
            power: s.power,
            premium: s.premium,
            zone: s.zone.map(|z| z.to_string()),
            row: s.row_index,
            position: s.position,
            width_m: s.width_m,
            depth_m: s.depth_m,
            locked: s.locked,
            circuit: None,
        })
    }
}

/// The stalls of a site by row and position (anyone).
#[utoipa::path(get, path = "/api/v1/sites/{id}/stalls", tag = "sites",
    params(("id" = i32, Path, description = "Site id"), Paging),
    responses((status = 200, description = "The site's stalls", body = List<StallView>),
        (status = 404)))]
async fn list_stalls(
    State(state): State<AppState>,
    PathId(id): PathId,
    page: Paging,
) -> AppResult<Json<List<StallView>>> {
    queries::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    // By id, as every list of the API (API.md), so paging through it is stable.
    let mut stalls = queries::stalls_of(&state.db, id).await?;
    stalls.sort_by_key(|s| s.id);
    let mut circuits = super::circuits::circuit_names(&state.db, id).await?;
    let items = stalls
        .iter()
        .map(|s| {
            StallView::try_from(s).map(|v| StallView {
                circuit: circuits.remove(&s.id),
                ..v
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    Ok(Json(page.slice(items)))
}

/// Changes to one stall.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct StallChanges {
    /// `active` or `disabled`.
    pub status: Option<String>,
    /// Has electricity.
    pub power: Option<bool>,
    /// Premium place.
    pub premium: Option<bool>,
    /// `food`, `smoky`, `other`, or an empty string to clear.
    pub zone: Option<String>,
    /// New shape: GeoJSON Polygon, WGS-84, four corners (locks the stall unless `locked` is
    /// `false`); checked like a new stall.
    #[schema(value_type = Option<Object>)]
    pub polygon: Option<Value>,
    /// New code (409 `code_taken`).
    pub code: Option<String>,
    /// Kept by a re-layout.
    pub locked: Option<bool>,
    /// The power circuit feeding it: its id or name on the site; `null` unties it.
    #[serde(default, deserialize_with = "super::circuits::deserialize_change")]
    #[schema(value_type = Option<Object>)]
    pub circuit: Option<Option<super::circuits::CircuitRef>>,
}

impl StallChanges {
    /// The part of the changes the stall editor's checks own.
    fn shape(&self) -> super::stall_actions::StallEdit {
        super::stall_actions::StallEdit {
            polygon: self.polygon.clone(),
            code: self.code.clone(),
            locked: self.locked,
            corners: None,
        }
    }
}

/// Edit a stall (its site's managers, admins).
#[utoipa::path(patch, path = "/api/v1/stalls/{id}", tag = "sites", request_body = StallChanges,
    params(("id" = i32, Path, description = "Stall id")),
    responses((status = 200, description = "The stall as changed", body = StallView),
        (status = 403), (status = 404),
        (status = 409, description = "`code_taken`: another stall has this code; `stall_in_use`: disabling a stall that bookings of sessions not yet ended need"),
        (status = 422, description = "`stall_outside`, `stall_overlap`, `aisle_blocked`, `invalid_geometry`, `invalid_code`, `invalid_status` or `invalid_zone`")))]
async fn update_stall(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    ApiJson(body): ApiJson<StallChanges>,
) -> AppResult<Json<StallView>> {
    auth.require_staff_writer()?;
    let txn = begin_write(&state.db).await?;
    let updated = update_stall_in(&txn, &auth, id, &body).await?;
    let circuit = super::circuits::circuit_of_stall(&txn, id)
        .await?
        .map(|c| c.name);
    txn.commit().await?;
    Ok(Json(StallView {
        circuit,
        ..StallView::try_from(&updated)?
    }))
}

/// Applies stall changes with access check and audit; shared by the API and the plan page.
pub async fn update_stall_in(
    db: &impl sea_orm::ConnectionTrait,
    auth: &crate::identity::CurrentUser,
    id: i32,
    changes: &StallChanges,
) -> AppResult<stalls::Model> {
    let stall = stalls::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|s| s.status != StallStatus::Retired)
        .ok_or(AppError::NotFound)?;
    let site = access::site_for_writing(db, auth, stall.site_id).await?;
    // Shape, code and lock: checked against the site and the other stalls, audited there.
    let shape = changes.shape();
    let stall = if shape.is_empty() {
        stall
    } else {
        let edit = super::stall_edit::EditSite::load(db, site).await?;
        super::stall_actions::edit_in(db, auth, &edit, vec![(id, shape)])
            .await?
            .pop()
            .unwrap_or(stall)
    };
    let mut active: stalls::ActiveModel = stall.clone().into();
    if let Some(status) = &changes.status {
        match StallStatus::parse(status) {
            Some(s @ (StallStatus::Active | StallStatus::Disabled)) => {
                // A stall taken out of use while vendors hold it for a coming night would
                // leave them booked on a stall that is not there: they are moved first.
                if s == StallStatus::Disabled
                    && stall.status == StallStatus::Active
                    && super::stall_actions::stall_in_use(db, id).await?
                {
                    return Err(AppError::conflict(
                        "stall_in_use",
                        crate::i18n::Msg::with(
                            "editor-stall-in-use-disable",
                            [("stall", stall.code.clone().into())],
                        ),
                    ));
                }
                if s != stall.status {
                    super::slots::keep_started(db, stall.site_id).await?;
                }
                active.status = Set(s)
            }
            _ => {
                return Err(AppError::invalid(
                    "invalid_status",
                    "status",
                    t::STATUS_INVALID,
                ));
            }
        }
    }
    if let Some(power) = changes.power {
        active.power = Set(power);
    }
    if let Some(premium) = changes.premium {
        active.premium = Set(premium);
    }
    if let Some(zone) = &changes.zone {
        active.zone = Set(match zone.trim() {
            "" => None,
            z => match ZoneKind::parse(z) {
                Some(k @ (ZoneKind::Food | ZoneKind::Smoky | ZoneKind::Other)) => Some(k),
                _ => {
                    return Err(AppError::invalid(
                        "invalid_zone",
                        "zone",
                        t::ZONE_KIND_INVALID,
                    ));
                }
            },
        });
    }
    let updated = active.update(db).await?;
    let circuits = match &changes.circuit {
        Some(c) => Some(super::circuits::apply_stall_change(db, &stall, c.as_ref()).await?),
        None => None,
    };
    let view = |s: &stalls::Model, circuit: Option<&Option<String>>| {
        let mut v =
            json!({"status": s.status, "power": s.power, "premium": s.premium, "zone": s.zone});
        if let Some(c) = circuit {
            v["circuit"] = json!(c);
        }
        v
    };
    audit::record(
        db,
        Change {
            actor: Some(auth.id),
            entity: "stall",
            entity_id: Some(id),
            action: "update",
            before: Some(view(&stall, circuits.as_ref().map(|c| &c.0))),
            after: Some(view(&updated, circuits.as_ref().map(|c| &c.1))),
        },
    )
    .await?;
    Ok(updated)
}

/// A zone.
#[derive(Debug, Serialize, ToSchema)]
pub struct ZoneView {
    /// Id.
    pub id: i32,
    /// Site id.
    pub site_id: i32,
    /// Name.
    pub name: String,
    /// `food`, `smoky`, `keep_clear`, `fire_lane` or `other`.
    pub kind: String,
    /// GeoJSON geometry, WGS-84 (a line is stored with its width applied).
    #[schema(value_type = Object)]
    pub boundary: Value,
    /// Width of a zone drawn as a line.
    pub width_m: Option<f64>,
    /// Area in m².
    pub area_m2: f64,
}

impl TryFrom<&zones::Model> for ZoneView {
    type Error = AppError;
    fn try_from(z: &zones::Model) -> AppResult<Self> {
        Ok(ZoneView {
            id: z.id,
            site_id: z.site_id,
            name: z.name.clone(),
            kind: z.kind.to_string(),

            boundary: serde_json::from_str(&z.boundary).map_err(anyhow::Error::from)?,
            width_m: z.width_m,
            area_m2: z.area_m2,
        })
    }
}

/// The zones of a site (anyone).
#[utoipa::path(get, path = "/api/v1/sites/{id}/zones", tag = "sites",
    params(("id" = i32, Path, description = "Site id"), Paging),
    responses((status = 200, description = "The site's zones", body = List<ZoneView>),
        (status = 404)))]
async fn list_zones(
    State(state): State<AppState>,
    PathId(id): PathId,
    page: Paging,
) -> AppResult<Json<List<ZoneView>>> {
    queries::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let zones = layout_run::zones_of(&state.db, id).await?;
    let items = zones
        .iter()
        .map(ZoneView::try_from)
        .collect::<AppResult<Vec<_>>>()?;
    Ok(Json(page.slice(items)))
}

/// Add a zone to a site (its managers, admins). Keep-clear zones and fire lanes are left
/// empty by the next layout; stalls inside food or smoky zones carry that zone.
#[utoipa::path(post, path = "/api/v1/sites/{id}/zones", tag = "sites", request_body = zones_create::NewZone,
    params(("id" = i32, Path, description = "Site id")),
    responses((status = 201, description = "The new zone", body = ZoneView), (status = 403),
        (status = 404), (status = 422)))]
async fn create_zone(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    ApiJson(body): ApiJson<zones_create::NewZone>,
) -> AppResult<(StatusCode, Json<ZoneView>)> {
    let txn = begin_write(&state.db).await?;
    let site = access::site_for_writing(&txn, &auth, id).await?;
    let zone = zones_create::create(&txn, auth.id, &site, body).await?;
    txn.commit().await?;
    Ok((StatusCode::CREATED, Json(ZoneView::try_from(&zone)?)))
}
