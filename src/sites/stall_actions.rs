//! The stall editor's use cases, one per action, shared by the JSON API and the editor page:
//! add a stall (hand-drawn stalls are locked), change its shape, code or lock, move or turn a
//! selection, delete. Each reads the site once inside the write transaction, checks every
//! changed stall against the site and the others ([`super::stall_edit`]), and writes nothing
//! unless all pass; every change is audited.

use super::access;
use super::stall_edit::{EditResult, EditSite, Refused};
use crate::audit::{self, Change};
use crate::db::{DbFailure, classify};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::identity::CurrentUser;
use chrono::Utc;
use entity::stalls::StallStatus;
use entity::{bookings, sites, stalls};
use geo::Coord;
use nightmarket_core::stall_rules::dimensions;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, Set,
};
use serde_json::{Value, json};
use std::collections::HashMap;

/// The longest stall code.
pub const MAX_CODE_CHARS: usize = 32;

/// One stall's change: a new shape (local metres, or GeoJSON as sent), code, lock.
#[derive(Debug, Default, Clone)]
pub struct StallEdit {
    /// New corners in the site's local metres.
    pub corners: Option<[Coord<f64>; 4]>,
    /// New polygon as sent (GeoJSON Polygon, WGS-84).
    pub polygon: Option<Value>,
    /// New code (the site's code is put in front when missing).
    pub code: Option<String>,
    /// Locked (kept by a re-layout). A new shape locks the stall unless this says `false`.
    pub locked: Option<bool>,
}

impl StallEdit {
    /// Whether anything here is for this module (rather than the stall's other attributes).
    pub fn is_empty(&self) -> bool {
        self.corners.is_none()
            && self.polygon.is_none()
            && self.code.is_none()
            && self.locked.is_none()
    }
}

/// The site for editing, if `user` may change it (404/403 as for the site itself).
pub async fn site_for_editing(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    site_id: i32,
) -> EditResult<EditSite> {
    let site = access::site_for_writing(db, user, site_id).await?;
    Ok(EditSite::load(db, site).await?)
}

/// The site of a stall, if `user` may change it; 404 for a retired or unknown stall.
pub async fn site_of_stall(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    stall_id: i32,
) -> EditResult<EditSite> {
    user.require_staff_writer()?;
    let stall = stalls::Entity::find_by_id(stall_id)
        .one(db)
        .await?
        .filter(|s| s.status != StallStatus::Retired)
        .ok_or(AppError::NotFound)?;
    site_for_editing(db, user, stall.site_id).await
}

/// A code as typed, checked, with the site's code in front (`A-050` → `WCL-A-050`). Codes are
/// upper case (`a-050`, `wcl－a－050` as a phone types them are `WCL-A-050`): two stalls whose
/// codes differ only in case could not be told apart on a printed plan or read aloud.
pub fn normalise_code(site: &sites::Model, raw: &str) -> Result<String, AppError> {
    // Spaces between the parts are the dashes a phone keyboard makes hard to type:
    // `LPZ A 051` is `LPZ-A-051`, not `LPZ-LPZA051`.
    let joined = raw.split_whitespace().collect::<Vec<_>>().join("-");
    let raw = crate::views::plan_frame::normalise_code(&joined);
    let raw = raw.as_str();
    let ok = !raw.is_empty()
        && raw.chars().count() <= MAX_CODE_CHARS
        && raw
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !ok {
        return Err(AppError::invalid(
            "invalid_code",
            "code",
            Msg::with(
                "editor-code-invalid",
                [("max", (MAX_CODE_CHARS as i64).into())],
            ),
        ));
    }
    let prefix = format!("{}-", site.code);
    Ok(if raw.starts_with(&prefix) {
        raw.to_owned()
    } else {
        format!("{prefix}{raw}")
    })
}

/// 422 when the code typed begins with another site's code (`CFP-A-001` typed on WCL, made
/// `WCL-CFP-A-001`): a code copied from elsewhere, said rather than silently prefixed.
async fn refuse_other_site_code(
    db: &impl ConnectionTrait,
    site: &sites::Model,
    code: &str,
) -> Result<(), AppError> {
    let typed = code
        .strip_prefix(&format!("{}-", site.code))
        .unwrap_or(code);
    let first = typed.split('-').next().unwrap_or("");
    if first.len() < 2 || first == site.code {
        return Ok(());
    }
    let other = sites::Entity::find()
        .filter(sites::Column::Code.eq(first))
        .one(db)
        .await?;
    if other.is_none() {
        return Ok(());
    }
    Err(AppError::invalid(
        "invalid_code",
        "code",
        Msg::with(
            "editor-code-other-site",
            [
                ("prefix", first.to_owned().into()),
                ("site", site.code.clone().into()),
            ],
        ),
    ))
}

/// 409 `code_taken` when another stall (of any site) has this code.
async fn ensure_code_free(
    db: &impl ConnectionTrait,
    code: &str,
    stall_id: Option<i32>,
) -> EditResult<()> {
    let mut q = stalls::Entity::find().filter(stalls::Column::Code.eq(code));
    if let Some(id) = stall_id {
        q = q.filter(stalls::Column::Id.ne(id));
    }
    if q.count(db).await? > 0 {
        return Err(code_taken(code, stall_id));
    }
    Ok(())
}

fn code_taken(code: &str, stall_id: Option<i32>) -> Refused {
    Refused {
        stall_id,
        error: AppError::conflict(
            "code_taken",
            Msg::with("editor-code-taken", [("code", code.to_owned().into())]),
        ),
    }
}

/// A lost race on the unique code index is the same 409 as the check before it.
fn on_write(e: DbErr, code: &str, stall_id: Option<i32>) -> Refused {
    match classify(&e) {
        DbFailure::Conflict(_) => code_taken(code, stall_id),
        _ => e.into(),
    }
}

/// The next free hand-drawn code of a site: `WCL-HD-001`, `WCL-HD-002`, … A series of its own:
/// `H` was the layout's eighth row, so a stall added beside row A read as the 12th of row H;
/// a layout reaches row `HD` only past its 200th row.
async fn next_code(db: &impl ConnectionTrait, site: &sites::Model) -> EditResult<(String, i32)> {
    let prefix = format!("{}-HD-", site.code);
    let taken: Vec<String> = stalls::Entity::find()
        .filter(stalls::Column::Code.starts_with(&prefix))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.code)
        .collect();
    let n = (1..)
        .find(|n| !taken.iter().any(|c| c == &format!("{prefix}{n:03}")))
        .unwrap_or(1);
    Ok((format!("{prefix}{n:03}"), n))
}

/// What the audit keeps of a stall.
fn snapshot(s: &stalls::Model) -> Value {
    json!({"code": s.code, "polygon": s.polygon, "locked": s.locked, "status": s.status})
}

/// Adds a stall at `corners` (local metres) or at `polygon` (GeoJSON, WGS-84); locked unless
/// `locked` says otherwise. Call inside a write transaction.
pub async fn create_in(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    edit: &EditSite,
    shape: StallEdit,
) -> EditResult<stalls::Model> {
    super::slots::keep_started(db, edit.site.id).await?;
    let (code, position) = match &shape.code {
        Some(raw) => {
            let code = normalise_code(&edit.site, raw)?;
            refuse_other_site_code(db, &edit.site, &code).await?;
            (code, 0)
        }
        None => next_code(db, &edit.site).await?,
    };
    let corners = match (&shape.corners, &shape.polygon) {
        (Some(c), _) => *c,
        (None, Some(v)) => edit.parse_polygon(v, None, &code)?,
        (None, None) => {
            return Err(AppError::invalid(
                "invalid_geometry",
                "polygon",
                Msg::with("editor-polygon-invalid", [("stall", code.clone().into())]),
            )
            .into());
        }
    };
    let none = HashMap::new();
    let (value, corners) = edit.settle(corners, None, &code, &none)?;
    edit.check(&corners, None, &code, &none)?;
    ensure_code_free(db, &code, None).await?;
    let (width, depth, facing) = dimensions(&corners);
    let row = stalls::ActiveModel {
        site_id: Set(edit.site.id),
        code: Set(code.clone()),
        row_index: Set(-1),
        position: Set(position),
        polygon: Set(value.to_string()),
        width_m: Set(round_cm(width)),
        depth_m: Set(round_cm(depth)),
        facing_deg: Set(facing),
        status: Set(StallStatus::Active),
        power: Set(false),
        premium: Set(false),
        zone: Set(edit.zone_at(&corners)),
        locked: Set(shape.locked.unwrap_or(true)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| on_write(e, &code, None))?;
    audit::record(
        db,
        Change {
            actor: Some(user.id),
            entity: "stall",
            entity_id: Some(row.id),
            action: "create",
            before: None,
            after: Some(snapshot(&row)),
        },
    )
    .await?;
    Ok(row)
}

fn round_cm(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// Applies several stalls' changes together: every new shape is checked with the others of the
/// same edit already in their new places, every new code against every stall; nothing is
/// written unless all pass. Call inside a write transaction.
pub async fn edit_in(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    edit: &EditSite,
    changes: Vec<(i32, StallEdit)>,
) -> EditResult<Vec<stalls::Model>> {
    let mut placed: HashMap<i32, [Coord<f64>; 4]> = HashMap::new();
    let mut values: HashMap<i32, Value> = HashMap::new();
    let mut codes: HashMap<i32, String> = HashMap::new();
    for (id, change) in &changes {
        let stall = edit.stall(*id).ok_or(AppError::NotFound)?;
        let name = stall.model.code.as_str();
        let corners = match (&change.corners, &change.polygon) {
            (Some(c), _) => Some(*c),
            (None, Some(v)) => Some(edit.parse_polygon(v, Some(*id), name)?),
            (None, None) => None,
        };
        if let Some(c) = corners {
            let (value, settled) = edit.settle(c, Some(*id), name, &placed)?;
            placed.insert(*id, settled);
            values.insert(*id, value);
        }
        if let Some(raw) = &change.code {
            let code = normalise_code(&edit.site, raw).map_err(|error| Refused {
                stall_id: Some(*id),
                error,
            })?;
            refuse_other_site_code(db, &edit.site, &code)
                .await
                .map_err(|error| Refused {
                    stall_id: Some(*id),
                    error,
                })?;
            if codes.values().any(|c| c == &code) {
                return Err(code_taken(&code, Some(*id)));
            }
            codes.insert(*id, code);
        }
    }
    for (id, corners) in &placed {
        let name = edit.stall(*id).map_or("", |s| s.model.code.as_str());
        edit.check(corners, Some(*id), name, &placed)?;
    }
    for (id, code) in &codes {
        ensure_code_free(db, code, Some(*id)).await?;
    }
    let mut out = Vec::new();
    for (id, change) in changes {
        let Some(stall) = edit.stall(id) else {
            continue;
        };
        let before = stall.model.clone();
        let mut active: stalls::ActiveModel = before.clone().into();
        if let (Some(corners), Some(value)) = (placed.get(&id), values.get(&id)) {
            let (width, depth, facing) = dimensions(corners);
            active.polygon = Set(value.to_string());
            active.width_m = Set(round_cm(width));
            active.depth_m = Set(round_cm(depth));
            active.facing_deg = Set(facing);
            if before.zone != Some(entity::zones::ZoneKind::Other) {
                active.zone = Set(edit.zone_at(corners));
            }
            active.locked = Set(change.locked.unwrap_or(true));
        } else if let Some(locked) = change.locked {
            active.locked = Set(locked);
        }
        if let Some(code) = codes.get(&id) {
            active.code = Set(code.clone());
        }
        let code = codes.get(&id).cloned().unwrap_or(before.code.clone());
        let updated = active
            .update(db)
            .await
            .map_err(|e| on_write(e, &code, Some(id)))?;
        super::stall_notice::tell_booked_vendors(db, &before, &updated).await?;
        audit::record(
            db,
            Change {
                actor: Some(user.id),
                entity: "stall",
                entity_id: Some(id),
                action: "edit",
                before: Some(snapshot(&before)),
                after: Some(snapshot(&updated)),
            },
        )
        .await?;
        out.push(updated);
    }
    Ok(out)
}

/// Whether bookings of scheduled sessions that have not ended yet use this stall.
pub async fn stall_in_use(db: &impl ConnectionTrait, stall_id: i32) -> Result<bool, DbErr> {
    Ok(bookings::Entity::find()
        .filter(bookings::Column::StallId.eq(stall_id))
        .filter(bookings::Column::SessionId.in_subquery(super::queries::live_sessions()))
        .count(db)
        .await?
        > 0)
}

/// Deletes a stall: 409 `stall_in_use` while bookings of sessions not yet ended need it; a
/// stall past bookings refer to is kept as `retired` under a freed code. Call inside a write
/// transaction.
pub async fn delete_in(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    edit: &EditSite,
    stall_id: i32,
) -> EditResult<()> {
    let stall = edit
        .stall(stall_id)
        .ok_or(AppError::NotFound)?
        .model
        .clone();
    if stall_in_use(db, stall_id).await? {
        return Err(Refused {
            stall_id: Some(stall_id),
            error: AppError::conflict(
                "stall_in_use",
                Msg::with(
                    "editor-stall-in-use",
                    [("stall", stall.code.clone().into())],
                ),
            ),
        });
    }
    if stall.status == StallStatus::Active {
        super::slots::keep_started(db, stall.site_id).await?;
    }
    let past = bookings::Entity::find()
        .filter(bookings::Column::StallId.eq(stall_id))
        .count(db)
        .await?;
    if past > 0 {
        let mut active: stalls::ActiveModel = stall.clone().into();
        active.status = Set(StallStatus::Retired);
        active.code = Set(format!("{}@{}", stall.code, stall.id));
        active.update(db).await?;
    } else {
        stalls::Entity::delete_by_id(stall_id).exec(db).await?;
    }
    audit::record(
        db,
        Change {
            actor: Some(user.id),
            entity: "stall",
            entity_id: Some(stall_id),
            action: "delete",
            before: Some(snapshot(&stall)),
            after: None,
        },
    )
    .await?;
    Ok(())
}
