//! `/sites/{id}/editor`: the manager's stall editor on the site plan. Select stalls by tapping
//! them (shift-tap for several; `assets/editor.js`) or ticking them in the list (without
//! JavaScript), then move them (arrow buttons with a step in metres, or drag), turn them
//! (±15°, ±90°, or drag a stall's handle), delete, lock or unlock, renumber; add a stall at a
//! tapped point; re-flow the unlocked rest. Every action is one POST → the use case in `stall_actions` → 303 back with
//! the selection kept, or the page again with the refusal shown at the stall.

use super::access;
use super::shape::stall_label;
use super::stall_batch::{self, Action};
use super::stall_edit::Refused;
use super::{layout_guard, layout_run};
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::extract::PathId;
use crate::i18n::texts::{editor as t, sites as ts};
use crate::identity::Auth;
use crate::state::AppState;
use crate::views::plan::StallLook;
use crate::views::{self, PageCtx, forms::csrf_field};
use crate::web::see_other_with;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};
use entity::stalls::StallStatus;
use maud::{Markup, html};
use serde::Deserialize;
use std::collections::HashSet;

/// The editor's routes.
pub fn routes() -> Router<AppState> {
    Router::new().route("/sites/{id}/editor", get(editor_page).post(editor_submit))
}

/// `?sel=1,2,3&saved=1`: the selection to show and whether the last action was saved;
/// `?sel=booked` selects the unlocked stalls booked for sessions to come (what a re-layout
/// refused for bookings asks the manager to lock).
#[derive(Debug, Default, Deserialize)]
struct EditorQuery {
    #[serde(default)]
    sel: String,
    #[serde(default)]
    saved: Option<String>,
}

/// What the page shows besides the site.
struct Shown<'a> {
    selected: HashSet<i32>,
    saved: bool,
    refused: Option<&'a Refused>,
    step: &'a str,
    /// The point typed into "add a stall", kept when the add is refused.
    point: (&'a str, &'a str),
}

/// GET /sites/{id}/editor (the site's managers, admins).
async fn editor_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
    Query(q): Query<EditorQuery>,
) -> AppResult<Markup> {
    access::site_for_writing(&state.db, &auth, id).await?;
    let selected = if q.sel == "booked" {
        layout_guard::booked_in_the_way(&state.db, id)
            .await?
            .into_iter()
            .map(|(stall, _)| stall)
            .collect()
    } else {
        q.sel
            .split(',')
            .filter_map(|s| s.trim().parse::<i32>().ok())
            .collect()
    };
    let shown = Shown {
        selected,
        saved: q.saved.is_some(),
        refused: None,
        step: "0.5",
        point: ("0", "0"),
    };
    render(&state, &ctx, id, &shown).await
}

async fn render(state: &AppState, ctx: &PageCtx, id: i32, shown: &Shown<'_>) -> AppResult<Markup> {
    let drawing = crate::sites::drawing::SiteDrawing::load(state, id).await?;
    let site = &drawing.site;
    let refused_at = shown.refused.and_then(|r| r.stall_id);
    let svg = drawing.render(ctx.t(t::TITLE), ctx.lang, |s| {
        if shown.selected.contains(&s.id) || refused_at == Some(s.id) {
            StallLook::Highlight
        } else if s.status == StallStatus::Active {
            StallLook::Active
        } else {
            StallLook::Disabled
        }
    });
    let message = shown.refused.map(|r| r.error.message(ctx.lang));
    let has_layout = crate::sites::queries::layout_of(&state.db, id)
        .await?
        .is_some();
    let action = format!("/sites/{id}/editor");
    let stalls: Vec<_> = drawing
        .stalls
        .iter()
        .filter(|s| s.status != StallStatus::Retired)
        .collect();
    let body = html! {
        link rel="stylesheet" href="/assets/editor.css";
        p { a href=(format!("/sites/{id}")) { "← " (site.name) } }
        p.hint { (ctx.t(t::HINT)) }
        @if shown.saved && shown.refused.is_none() { p.flash role="status" { (ctx.t(t::SAVED)) } }
        @if let Some(m) = &message {
            p.error-message #refusal role="alert" {
                "⚠ " (m)
                @if let Some(sid) = refused_at { " " a href=(format!("#row-{sid}")) { "↓" } }
            }
        }
        figure.plan-figure.editor-plan #editor-plan data-refused=[refused_at] {
            (svg)
            figcaption.hint { (ctx.t(t::DRAG_HINT)) }
        }
        form.card #editor-form method="post" action=(action) {
            (csrf_field(ctx))
            input type="hidden" name="dx" value="";
            input type="hidden" name="dy" value="";
            input type="hidden" name="degrees" value="";
            fieldset.editor-tools {
                legend { (ctx.t(t::SELECTION)) }
                div.field.inline-field {
                    label for="f-step" { (ctx.t(t::STEP)) }
                    input #f-step name="step" value=(shown.step) inputmode="decimal" size="5";
                }
                div.button-row role="group" aria-label=(ctx.t(t::MOVE)) {
                    @for (v, l) in [("move-n", t::MOVE_NORTH), ("move-s", t::MOVE_SOUTH), ("move-w", t::MOVE_WEST), ("move-e", t::MOVE_EAST)] {
                        button.small type="submit" name="action" value=(v) { (ctx.t(l)) }
                    }
                }
                div.button-row role="group" aria-label=(ctx.t(t::ROTATE)) {
                    @for (v, l) in [("rot-l15", t::ROTATE_LEFT_15), ("rot-r15", t::ROTATE_RIGHT_15), ("rot-l90", t::ROTATE_LEFT_90), ("rot-r90", t::ROTATE_RIGHT_90)] {
                        button.small type="submit" name="action" value=(v) { (ctx.t(l)) }
                    }
                }
                div.button-row {
                    button.small type="submit" name="action" value="lock" { (ctx.t(t::LOCK)) }
                    button.small type="submit" name="action" value="unlock" { (ctx.t(t::UNLOCK)) }
                    button.small type="submit" name="action" value="power-on" { (ctx.t(t::POWER_ON)) }
                    button.small type="submit" name="action" value="power-off" { (ctx.t(t::POWER_OFF)) }
                    button.small.danger type="submit" name="action" value="delete" { (ctx.t(t::DELETE)) }
                }
                div.field.inline-field {
                    label for="f-code" { (ctx.t(t::NEW_CODE)) }
                    input #f-code name="code" value="" size="12" autocomplete="off";
                    button.small type="submit" name="action" value="renumber" { (ctx.t(t::RENUMBER)) }
                }
            }
            h2 #stall-list { (ctx.t(ts::STALL_TABLE)) " (" (stalls.len()) ")" }
            div.table-wrap tabindex="0" role="region" aria-label=(ctx.t(ts::STALL_TABLE)) {
                table.stalls.editor-stalls {
                    thead { tr {
                        th { (ctx.t(t::SELECT)) } th { (ctx.t(t::CODE)) } th { (ctx.t(t::SIZE)) } th { (ctx.t(ts::STATUS)) }
                    } }
                    tbody {
                        @for s in &stalls {
                            @let refused_here = refused_at == Some(s.id);
                            tr #(format!("row-{}", s.id)) .refused[refused_here] {
                                td { input type="checkbox" name="ids" value=(s.id) id=(format!("sel-{}", s.id))
                                    data-code=(s.code) data-label=(stall_label(&s.code)) checked[shown.selected.contains(&s.id)]; }
                                td { label for=(format!("sel-{}", s.id)) { code { (s.code) } } }
                                td { (format!("{} × {}", s.width_m, s.depth_m)) }
                                td {
                                    (if s.locked { ctx.t(t::LOCKED) } else { ctx.t(t::NOT_LOCKED) })
                                    @if s.status != StallStatus::Active { " · " (ctx.t(t::DISABLED)) }
                                    @if refused_here { @if let Some(m) = &message { p.error-message { "⚠ " (m) } } }
                                }
                            }
                        }
                    }
                }
            }
        }
        form.card #add-form method="post" action=(action) {
            h2 { (ctx.t(t::ADD_TITLE)) }
            p.hint { (ctx.t(t::ADD_HINT)) }
            (csrf_field(ctx))
            input type="hidden" name="action" value="add";
            div.field.inline-field {
                label for="f-x" { (ctx.t(t::ADD_EAST)) }
                input #f-x name="x" value=(shown.point.0) size="7";
                label for="f-y" { (ctx.t(t::ADD_NORTH)) }
                input #f-y name="y" value=(shown.point.1) size="7";
            }
            button type="submit" { (ctx.t(t::ADD)) }
        }
        form.card method="post" action=(action) {
            h2 { (ctx.t(t::REFLOW)) }
            p.hint { (ctx.t(if has_layout { t::REFLOW_HINT } else { t::NO_LAYOUT })) }
            (csrf_field(ctx))
            input type="hidden" name="action" value="reflow";
            button type="submit" disabled[!has_layout] { (ctx.t(t::REFLOW)) }
        }
        script src="/assets/editor.js" defer {}
    };
    Ok(views::page(
        ctx,
        &format!("{} · {}", site.name, ctx.t(t::TITLE)),
        body,
    ))
}

/// A number from the form, finite and within `±limit` (else `err`).
fn number(
    fields: &[(String, String)],
    name: &str,
    limit: f64,
    err: crate::i18n::T,
) -> AppResult<f64> {
    let raw = value(fields, name).unwrap_or("");
    raw.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && v.abs() <= limit)
        .ok_or_else(|| AppError::invalid("invalid_number", name, err))
}

fn value<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
}

/// The action a submitted form asks for.
fn parse_action(fields: &[(String, String)]) -> AppResult<Option<Action>> {
    let step = || -> AppResult<f64> {
        let s = number(fields, "step", 50.0, t::STEP_INVALID)?;
        if s < 0.01 {
            return Err(AppError::invalid("invalid_number", "step", t::STEP_INVALID));
        }
        Ok(s)
    };
    Ok(Some(match value(fields, "action").unwrap_or("") {
        "move-n" => Action::Move {
            dx: 0.0,
            dy: step()?,
        },
        "move-s" => Action::Move {
            dx: 0.0,
            dy: -step()?,
        },
        "move-e" => Action::Move {
            dx: step()?,
            dy: 0.0,
        },
        "move-w" => Action::Move {
            dx: -step()?,
            dy: 0.0,
        },
        "drag" => Action::Move {
            dx: number(fields, "dx", 500.0, t::STEP_INVALID)?,
            dy: number(fields, "dy", 500.0, t::STEP_INVALID)?,
        },
        "turn" => Action::Rotate {
            degrees: number(fields, "degrees", 360.0, t::STEP_INVALID)?,
        },
        "rot-l15" => Action::Rotate { degrees: 15.0 },
        "rot-r15" => Action::Rotate { degrees: -15.0 },
        "rot-l90" => Action::Rotate { degrees: 90.0 },
        "rot-r90" => Action::Rotate { degrees: -90.0 },
        "lock" => Action::Lock(true),
        "unlock" => Action::Lock(false),
        "power-on" => Action::Power(true),
        "power-off" => Action::Power(false),
        "delete" => Action::Delete,
        "renumber" => Action::Renumber(value(fields, "code").unwrap_or("").to_owned()),
        "add" => Action::Add {
            x: number(fields, "x", 5000.0, t::POINT_INVALID)?,
            y: number(fields, "y", 5000.0, t::POINT_INVALID)?,
        },
        "reflow" => return Ok(None),
        _ => {
            return Err(AppError::invalid(
                "unknown_action",
                "action",
                t::ACTION_UNKNOWN,
            ));
        }
    }))
}

/// Lays out the unlocked rest again with the accepted layout's parameters (the layout use case;
/// it keeps locked stalls).
async fn reflow(state: &AppState, auth: &Auth, id: i32) -> Result<(), Refused> {
    let site = access::site_for_writing(&state.db, auth, id).await?;
    let params = crate::sites::queries::layout_of(&state.db, id)
        .await?
        .and_then(|l| serde_json::from_str(&l.params).ok())
        .ok_or_else(|| AppError::invalid("invalid_layout", "action", t::NO_LAYOUT))?;
    let computed = layout_run::compute(&state.db, &site, params).await?;
    let txn = begin_write(&state.db).await?;
    layout_run::apply(&txn, Some(auth.id), &site, &computed).await?;
    txn.commit().await?;
    Ok(())
}

/// POST /sites/{id}/editor: one action on the selection.
async fn editor_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    access::site_for_writing(&state.db, &auth, id).await?;
    let ids: Vec<i32> = fields
        .iter()
        .filter(|(k, _)| k == "ids")
        .filter_map(|(_, v)| v.trim().parse().ok())
        .collect();
    let result = match parse_action(&fields) {
        Err(e) => Err(Refused::from(e)),
        Ok(None) => reflow(&state, &auth, id).await.map(|()| Vec::new()),
        Ok(Some(action)) => {
            let deleting = matches!(action, Action::Delete);
            stall_batch::run(&state.db, &auth, id, &ids, action)
                .await
                .map(|changed| if deleting { Vec::new() } else { changed })
        }
    };
    match result {
        Ok(changed) => {
            let keep: Vec<String> = if changed.is_empty() {
                Vec::new()
            } else {
                changed.iter().map(|s| s.id.to_string()).collect()
            };
            Ok(see_other_with(
                &format!(
                    "/sites/{id}/editor?saved=1&sel={}#editor-plan",
                    keep.join(",")
                ),
                vec![],
            ))
        }
        Err(refused) => match refused.error {
            AppError::Invalid { .. } | AppError::Conflict { .. } => {
                let shown = Shown {
                    selected: ids.into_iter().collect(),
                    saved: false,
                    refused: Some(&refused),
                    step: value(&fields, "step").unwrap_or("0.5"),
                    point: (
                        value(&fields, "x").unwrap_or("0"),
                        value(&fields, "y").unwrap_or("0"),
                    ),
                };
                let page = render(&state, &ctx, id, &shown).await?;
                Ok((refused.error.status(), page).into_response())
            }
            other => Err(other),
        },
    }
}
