//! The editor page's actions on a selection of stalls (move, turn, lock, renumber, delete, add
//! at a point) and the API's "add a stall": each one write transaction around the use cases of
//! [`super::stall_actions`], all or nothing.

use super::stall_actions::{StallEdit, create_in, delete_in, edit_in, site_for_editing};
use super::stall_edit::{EditResult, Refused};
use crate::db::begin_write;
use crate::error::AppError;
use crate::i18n::Msg;
use crate::identity::CurrentUser;
use entity::stalls;
use geo::Coord;
use nightmarket_core::stall_rules;
use sea_orm::DatabaseConnection;

/// A stall's four corners in local metres.
type Corners = [Coord<f64>; 4];

/// What the editor page does to a selection.
#[derive(Debug, Clone)]
pub enum Action {
    /// Move by metres east and north.
    Move { dx: f64, dy: f64 },
    /// Turn each stall about its centre, degrees counter-clockwise.
    Rotate { degrees: f64 },
    /// Lock or unlock.
    Lock(bool),
    /// Give or take electricity (a clerk powering a row of stalls at once, not one by one).
    Power(bool),
    /// Give the one selected stall this code.
    Renumber(String),
    /// Delete.
    Delete,
    /// Add a stall of the layout's size centred here (local metres).
    Add { x: f64, y: f64 },
}

/// Runs one editor action on the selected stalls of a site in one transaction: all or nothing.
/// Returns the stalls changed or added.
pub async fn run(
    db: &DatabaseConnection,
    user: &CurrentUser,
    site_id: i32,
    ids: &[i32],
    action: Action,
) -> EditResult<Vec<stalls::Model>> {
    let txn = begin_write(db).await?;
    let edit = site_for_editing(&txn, user, site_id).await?;
    for id in ids {
        edit.stall(*id).ok_or(AppError::NotFound)?;
    }
    let need_selection = !matches!(action, Action::Add { .. });
    if need_selection && ids.is_empty() {
        return Err(AppError::invalid(
            "nothing_selected",
            "ids",
            crate::i18n::texts::editor::NOTHING_SELECTED,
        )
        .into());
    }
    let shaped = |f: &dyn Fn(&Corners) -> Corners| -> EditResult<Vec<(i32, StallEdit)>> {
        ids.iter()
            .map(|id| {
                let s = edit.stall(*id).ok_or(AppError::NotFound)?;
                let corners = s.corners.ok_or_else(|| Refused {
                    stall_id: Some(*id),
                    error: AppError::invalid(
                        "invalid_geometry",
                        "polygon",
                        Msg::with(
                            "editor-not-a-quadrilateral",
                            [
                                ("stall", s.model.code.clone().into()),
                                ("other", String::new().into()),
                            ],
                        ),
                    ),
                })?;
                Ok((
                    *id,
                    StallEdit {
                        corners: Some(f(&corners)),
                        ..Default::default()
                    },
                ))
            })
            .collect()
    };
    let out = match action {
        Action::Move { dx, dy } => {
            let changes = shaped(&|c| stall_rules::translate(c, dx, dy))?;
            edit_in(&txn, user, &edit, changes).await?
        }
        Action::Rotate { degrees } => {
            let changes = shaped(&|c| stall_rules::rotate(c, degrees))?;
            edit_in(&txn, user, &edit, changes).await?
        }
        Action::Lock(locked) => {
            let changes = ids
                .iter()
                .map(|id| {
                    (
                        *id,
                        StallEdit {
                            locked: Some(locked),
                            ..Default::default()
                        },
                    )
                })
                .collect();
            edit_in(&txn, user, &edit, changes).await?
        }
        Action::Power(on) => {
            let mut changed = Vec::with_capacity(ids.len());
            for id in ids {
                let changes = super::api_layout::StallChanges {
                    power: Some(on),
                    ..Default::default()
                };
                changed.push(super::api_layout::update_stall_in(&txn, user, *id, &changes).await?);
            }
            changed
        }
        Action::Renumber(code) => {
            let [id] = ids else {
                return Err(AppError::invalid(
                    "select_one",
                    "ids",
                    crate::i18n::texts::editor::SELECT_ONE,
                )
                .into());
            };
            edit_in(
                &txn,
                user,
                &edit,
                vec![(
                    *id,
                    StallEdit {
                        code: Some(code),
                        ..Default::default()
                    },
                )],
            )
            .await?
        }
        Action::Delete => {
            for id in ids {
                delete_in(&txn, user, &edit, *id).await?;
            }
            Vec::new()
        }
        Action::Add { x, y } => {
            let p = edit.params.unwrap_or_default();
            let corners = stall_rules::stall_at(Coord { x, y }, p.stall_width_m, p.stall_depth_m);
            vec![
                create_in(
                    &txn,
                    user,
                    &edit,
                    StallEdit {
                        corners: Some(corners),
                        ..Default::default()
                    },
                )
                .await?,
            ]
        }
    };
    txn.commit().await.map_err(Refused::from)?;
    Ok(out)
}

/// The API's "add a stall": a write transaction around [`create_in`].
pub async fn create_stall(
    db: &DatabaseConnection,
    user: &CurrentUser,
    site_id: i32,
    shape: StallEdit,
) -> EditResult<stalls::Model> {
    user.require_staff_writer()?;
    let txn = begin_write(db).await?;
    let edit = site_for_editing(&txn, user, site_id).await?;
    let row = create_in(&txn, user, &edit, shape).await?;
    txn.commit().await?;
    Ok(row)
}
