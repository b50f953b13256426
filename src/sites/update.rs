//! The use case "edit a site" (name, kind, boundary, note), shared by `PATCH /api/v1/sites/{id}`
//! and the edit form on `/sites/{id}`. Everything is read and validated on the pool; the write
//! lock is held for the update and its audit row alone. A new boundary keeps the stalls (lay
//! them out again to fit it).

use super::{access, create};
use crate::audit::{self, Change};
use crate::db::begin_write;
use crate::error::AppResult;
use crate::identity::CurrentUser;
use entity::sites;
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};
use serde::Deserialize;
use serde_json::Value;
use utoipa::ToSchema;

/// Changes to a site; absent fields stay as they are.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct SiteChanges {
    /// New name.
    pub name: Option<String>,
    /// New kind.
    pub kind: Option<String>,
    /// Coordinate system of `boundary`.
    pub crs: Option<String>,
    /// New boundary (GeoJSON).
    #[schema(value_type = Option<Object>)]
    pub boundary: Option<Value>,
    /// New note.
    pub note: Option<String>,
}

/// Applies `changes` to site `id` (its managers, admins); audited before → after. A bad
/// field is a 422 naming it, and nothing is written.
pub async fn update_site(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i32,
    changes: SiteChanges,
) -> AppResult<sites::Model> {
    let site = access::site_for_writing(db, user, id).await?;
    let mut active: sites::ActiveModel = match &changes.boundary {
        Some(boundary) => {
            let crs = create::parse_crs(changes.crs.as_deref())?;
            let shape = create::parse_boundary(boundary, crs)?;
            let mut m = create::shape_columns(&shape);
            m.id = Set(site.id);
            m
        }
        None => sites::ActiveModel {
            id: Set(site.id),
            ..Default::default()
        },
    };
    if let Some(name) = &changes.name {
        active.name = Set(create::parse_name(name)?);
    }
    if let Some(kind) = &changes.kind {
        active.kind = Set(create::parse_kind(kind)?.to_owned());
    }
    if let Some(note) = &changes.note {
        let note = note.trim();
        active.note = Set((!note.is_empty()).then(|| note.chars().take(500).collect()));
    }
    let txn = begin_write(db).await?;
    let updated = active.update(&txn).await?;
    if changes.boundary.is_some() {
        // No trigger sees an outline change: the plan and open data caches are told here.
        super::layout_guard::bump(&txn, site.id).await?;
    }
    audit::record(
        &txn,
        Change {
            actor: Some(user.id),
            entity: "site",
            entity_id: Some(site.id),
            action: "update",
            before: Some(create::summary(&site)),
            after: Some(create::summary(&updated)),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(updated)
}
