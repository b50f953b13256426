//! `/sites/{id}`: the plan (SVG and a table of stalls), and for its managers the layout
//! preview/accept, zones, stall edits and site edits.

use super::api_layout::{LayoutBody, StallChanges, update_stall_in};
use super::pages::{boundary_json, fault_of, outline_of, read_site_form, site_form};
use super::plan_view::{load, render};
use super::update::{self, SiteChanges};
use super::{access, layout_guard, layout_run, zones_create};
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::extract::PathId;
use crate::identity::Auth;
use crate::layout::LayoutParams;
use crate::state::AppState;
use crate::views::{self, Flash, PageCtx};
use crate::web::see_other_with;
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use maud::{Markup, html};
use serde::Deserialize;

/// Plan routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/sites/{id}", get(plan_page))
        .route("/sites/{id}/layout/preview", post(preview_submit))
        .route("/sites/{id}/layout", post(accept_submit))
        .route("/sites/{id}/zones", post(zone_submit))
        .route("/sites/{id}/edit", post(edit_submit))
        .route("/stalls/{id}", post(stall_submit))
}

/// The layout form as submitted (text fields; empty optional ones mean "not set").
#[derive(Debug, Default, Clone, Deserialize)]
pub(super) struct LayoutForm {
    #[serde(default)]
    pub(super) stall_width_m: String,
    #[serde(default)]
    pub(super) stall_depth_m: String,
    #[serde(default)]
    pub(super) aisle_width_m: String,
    #[serde(default)]
    pub(super) edge_clearance_m: String,
    #[serde(default)]
    pub(super) fire_lane_width_m: String,
    #[serde(default)]
    pub(super) orientation_deg: String,
    #[serde(default)]
    pub(super) mode: String,
}

impl LayoutForm {
    pub(super) fn from_params(p: &LayoutParams) -> Self {
        let opt = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
        LayoutForm {
            stall_width_m: p.stall_width_m.to_string(),
            stall_depth_m: p.stall_depth_m.to_string(),
            aisle_width_m: p.aisle_width_m.to_string(),
            edge_clearance_m: p.edge_clearance_m.to_string(),
            fire_lane_width_m: opt(p.fire_lane_width_m),
            orientation_deg: opt(p.orientation_deg),
            mode: p.mode.as_str().to_owned(),
        }
    }

    pub(super) fn params(&self) -> AppResult<LayoutParams> {
        let num = |field: &'static str, s: &str| -> AppResult<Option<f64>> {
            let s = s.trim();
            if s.is_empty() {
                return Ok(None);
            }
            // Full-width digits (a Chinese input method's) read as digits.
            crate::normalize::half_width(s)
                .trim()
                .parse::<f64>()
                .map(Some)
                .map_err(|_| {
                    AppError::invalid(
                        "invalid_layout",
                        field,
                        crate::i18n::Msg::with("sites-not-a-number", [("value", s.into())]),
                    )
                })
        };
        let required = |field: &'static str, s: &str| -> AppResult<f64> {
            num(field, s)?.ok_or_else(|| {
                AppError::invalid(
                    "invalid_layout",
                    field,
                    crate::i18n::texts::sites::FILL_THIS_IN,
                )
            })
        };
        LayoutBody {
            stall_width_m: required("stall_width_m", &self.stall_width_m)?,
            stall_depth_m: required("stall_depth_m", &self.stall_depth_m)?,
            aisle_width_m: required("aisle_width_m", &self.aisle_width_m)?,
            edge_clearance_m: num("edge_clearance_m", &self.edge_clearance_m)?,
            fire_lane_width_m: num("fire_lane_width_m", &self.fire_lane_width_m)?,
            orientation_deg: num("orientation_deg", &self.orientation_deg)?,
            mode: Some(self.mode.clone()),
        }
        .params()
    }

    /// Every field's own fault at once (a number that does not parse, or is out of range on
    /// its own), so a manager who typed two wrong values is not sent back twice.
    pub(super) fn field_problems(&self) -> Vec<AppError> {
        // Each value alone among sound ones: a fault found is that field's own.
        let one = |field: &'static str, text: &str| -> Option<AppError> {
            let mut alone = LayoutForm {
                stall_width_m: "2".into(),
                stall_depth_m: "2.5".into(),
                aisle_width_m: "3".into(),
                edge_clearance_m: String::new(),
                fire_lane_width_m: String::new(),
                orientation_deg: String::new(),
                mode: "auto".into(),
            };
            let slot = match field {
                "stall_width_m" => &mut alone.stall_width_m,
                "stall_depth_m" => &mut alone.stall_depth_m,
                "aisle_width_m" => &mut alone.aisle_width_m,
                "edge_clearance_m" => &mut alone.edge_clearance_m,
                "fire_lane_width_m" => &mut alone.fire_lane_width_m,
                _ => &mut alone.orientation_deg,
            };
            *slot = text.to_owned();
            let refused = match alone.params() {
                Err(e) => Some(e),
                Ok(p) => p.validate().err().map(super::shape::layout_error),
            };
            refused.filter(|e| e.field() == Some(field))
        };
        [
            ("stall_width_m", &self.stall_width_m),
            ("stall_depth_m", &self.stall_depth_m),
            ("aisle_width_m", &self.aisle_width_m),
            ("edge_clearance_m", &self.edge_clearance_m),
            ("fire_lane_width_m", &self.fire_lane_width_m),
            ("orientation_deg", &self.orientation_deg),
        ]
        .into_iter()
        .filter_map(|(field, text)| one(field, text))
        .collect()
    }

    pub(super) fn hidden(&self) -> Markup {
        html! {
            @for (k, v) in [("stall_width_m", &self.stall_width_m), ("stall_depth_m", &self.stall_depth_m),
                            ("aisle_width_m", &self.aisle_width_m), ("edge_clearance_m", &self.edge_clearance_m),
                            ("fire_lane_width_m", &self.fire_lane_width_m), ("orientation_deg", &self.orientation_deg),
                            ("mode", &self.mode)] {
                input type="hidden" name=(k) value=(v);
            }
        }
    }
}

/// GET /sites/{id} (anyone).
async fn plan_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    PathId(id): PathId,
) -> AppResult<Markup> {
    let view = load(&state, id).await?;
    let writable = access::may_write(&state.db, ctx.user.as_deref(), id).await;
    let plan = render(&ctx, &view, writable, None, None, None);
    let outside = view.stalls_outside();
    let body = maud::html! {
        @if writable && !outside.is_empty() {
            p.error-message role="alert" { "⚠ " (outside_warning(&ctx, &outside)) }
        }
        @if writable { p.editor-link { a href=(format!("/sites/{id}/editor")) { (ctx.t(crate::i18n::texts::editor::OPEN_EDITOR)) } } }
        (plan)
    };
    Ok(views::page(&ctx, &view.site.name, body))
}

/// "N stalls lie outside the outline: the first few codes", and what to do about it.
fn outside_warning(ctx: &PageCtx, codes: &[&str]) -> String {
    const SHOWN: usize = 8;
    let sep = if ctx.lang == crate::i18n::Lang::Zh {
        "、"
    } else {
        ", "
    };
    let mut listed = codes
        .iter()
        .take(SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(sep);
    if codes.len() > SHOWN {
        listed.push_str(" …");
    }
    crate::i18n::Msg::with(
        "sites-stalls-outside",
        [("count", codes.len().into()), ("codes", listed.into())],
    )
    .get(ctx.lang)
}

/// POST /sites/{id}/layout/preview: the plan with an unsaved layout and an accept button.
async fn preview_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
    Form(form): Form<LayoutForm>,
) -> AppResult<Response> {
    let site = access::site_for_writing(&state.db, &auth, id).await?;
    let result = async {
        let params = form.params()?;
        layout_run::compute(&state.db, &site, params).await
    }
    .await;
    match result {
        Ok(computed) => {
            let view = load(&state, id).await?;
            // Shown all the same, but stalls booked for sessions to come stand in the way of
            // accepting it: the preview names them instead of offering to accept.
            let booked = layout_guard::booked_refusal(&state.db, id).await?;
            let body = render(
                &ctx,
                &view,
                true,
                Some((&computed, &form)),
                booked.as_ref(),
                None,
            );
            Ok(views::page(&ctx, &site.name, body).into_response())
        }
        Err(err) => refused_in_form(&state, &ctx, &site, err, &form).await,
    }
}

/// POST /sites/{id}/layout: accept the previewed parameters and replace the stalls.
async fn accept_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
    Form(form): Form<LayoutForm>,
) -> AppResult<Response> {
    let site = access::site_for_writing(&state.db, &auth, id).await?;
    let result = async {
        let computed = layout_run::compute(&state.db, &site, form.params()?).await?;
        let txn = begin_write(&state.db).await?;
        layout_run::apply(&txn, Some(auth.id), &site, &computed).await?;
        txn.commit().await?;
        Ok::<_, AppError>(())
    }
    .await;
    match result {
        Ok(()) => Ok(see_other_with(
            &format!("/sites/{id}"),
            vec![Flash::LayoutAccepted.cookie()],
        )),
        Err(err) => refused_in_form(&state, &ctx, &site, err, &form).await,
    }
}

/// The plan again with a layout's refusal at the layout form (bad parameters, or stalls
/// booked for sessions to come); any other error as its own page.
async fn refused_in_form(
    state: &AppState,
    ctx: &PageCtx,
    site: &entity::sites::Model,
    err: AppError,
    typed: &LayoutForm,
) -> AppResult<Response> {
    if !matches!(err, AppError::Invalid { .. }) && err.code() != layout_guard::IN_USE {
        return Err(err);
    }
    let view = load(state, site.id).await?;
    let body = render(ctx, &view, true, None, Some(&err), Some(typed));
    Ok((err.status(), views::page(ctx, &site.name, body)).into_response())
}

/// The zone form.
#[derive(Debug, Deserialize)]
struct ZoneForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    width_m: String,
    #[serde(default)]
    boundary: String,
    /// The coordinate system of a zone drawn on the map (its tiles'), default WGS-84.
    #[serde(default)]
    crs: Option<String>,
}

/// POST /sites/{id}/zones.
async fn zone_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
    Form(form): Form<ZoneForm>,
) -> AppResult<Response> {
    let site = access::site_for_writing(&state.db, &auth, id).await?;
    let result = async {
        let boundary = boundary_json(&form.boundary)?;
        let width_m = match form.width_m.trim() {
            "" => None,
            w => Some(w.parse::<f64>().map_err(|_| {
                AppError::invalid(
                    "invalid_geometry",
                    "width_m",
                    crate::i18n::texts::sites::WIDTH_NOT_A_NUMBER,
                )
            })?),
        };
        let txn = begin_write(&state.db).await?;
        zones_create::create(
            &txn,
            auth.id,
            &site,
            zones_create::NewZone {
                name: form.name.clone(),
                kind: form.kind.clone(),
                boundary,
                width_m,
                crs: form.crs.clone().filter(|c| !c.trim().is_empty()),
            },
        )
        .await?;
        txn.commit().await?;
        Ok::<_, AppError>(())
    }
    .await;
    match result {
        Ok(()) => Ok(see_other_with(
            &format!("/sites/{id}#zones"),
            vec![Flash::ZoneCreated.cookie()],
        )),
        Err(err @ AppError::Invalid { .. }) => {
            let view = load(&state, id).await?;
            let body = render(&ctx, &view, true, None, Some(&err), None);
            Ok((err.status(), views::page(&ctx, &site.name, body)).into_response())
        }
        Err(other) => Err(other),
    }
}

/// The per-stall form: unchecked boxes are absent, so absent means `false`.
#[derive(Debug, Deserialize)]
struct StallForm {
    status: Option<String>,
    power: Option<String>,
    premium: Option<String>,
}

/// POST /stalls/{id}.
async fn stall_submit(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    Form(form): Form<StallForm>,
) -> AppResult<Response> {
    let changes = StallChanges {
        status: form.status,
        power: Some(form.power.is_some()),
        premium: Some(form.premium.is_some()),
        ..Default::default()
    };
    let txn = begin_write(&state.db).await?;
    let stall = update_stall_in(&txn, &auth, id, &changes).await?;
    txn.commit().await?;
    Ok(see_other_with(
        &format!("/sites/{}#stall-{}", stall.site_id, stall.code),
        vec![Flash::StallUpdated.cookie()],
    ))
}

/// POST /sites/{id}/edit: name, kind and boundary.
async fn edit_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
    multipart: Multipart,
) -> AppResult<Response> {
    let site = access::site_for_writing(&state.db, &auth, id).await?;
    let mut form = read_site_form(multipart).await?;
    let result = async {
        let changes = SiteChanges {
            name: Some(form.name.clone()),
            kind: Some(form.kind.clone()),
            crs: Some(form.crs.clone()),
            boundary: Some(outline_of(&form)?),
            note: None,
        };
        update::update_site(&state.db, &auth, id, changes).await?;
        Ok::<_, AppError>(())
    }
    .await;
    match result {
        Ok(()) => Ok(see_other_with(&format!("/sites/{id}"), vec![])),
        Err(err @ AppError::Invalid { .. }) => {
            form.fault = fault_of(&form);
            let map = super::map_form::MapSetup::from_config(&state.config);
            let body = site_form(
                &ctx,
                &map,
                &form,
                std::slice::from_ref(&err),
                &format!("/sites/{id}/edit"),
                false,
            );
            Ok((err.status(), views::page(&ctx, &site.name, body)).into_response())
        }
        Err(other) => Err(other),
    }
}
