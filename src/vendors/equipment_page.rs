//! `/vendors/{id}/equipment`: the form of a vendor's gas and power register (the vendor,
//! managers, admins), without JavaScript: the cylinders declared so far and three empty rows.

use super::equipment::{self, Cylinder, Equipment, EquipmentInput};
use crate::error::{AppError, AppResult};
use crate::extract::PathId;
use crate::i18n::texts::power as t;
use crate::identity::Auth;
use crate::state::AppState;
use crate::views::{self, PageCtx, forms::csrf_field};
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use http::StatusCode;
use maud::{Markup, html};

/// Empty cylinder rows offered below the declared ones.
const EMPTY_ROWS: usize = 3;

/// The form, with the error of a refused submission.
fn form(ctx: &PageCtx, id: i32, eq: &Equipment, error: Option<(&str, String)>) -> Markup {
    let rows = eq.gas_cylinders.len() + EMPTY_ROWS;
    html! {
        p { (ctx.t(t::EQUIPMENT_INTRO)) }
        @if let Some((field, message)) = &error {
            p.error-message role="alert" data-field=(field) { "⚠ " (message) }
        }
        form.card method="post" action=(format!("/vendors/{id}/equipment")) {
            (csrf_field(ctx))
            div.field {
                label for="f-watts" { (ctx.t(t::APPLIANCES_W)) }
                input id="f-watts" name="appliances_w" type="number" min="0" step="1" inputmode="numeric"
                    value=(eq.appliances_w) required;
                p.hint { (ctx.t(t::APPLIANCES_HINT)) }
            }
            fieldset.field {
                legend { (ctx.t(t::CYLINDERS)) }
                p.hint { (ctx.t(t::CYLINDERS_HINT)) }
                @for i in 0..rows {
                    @let c = eq.gas_cylinders.get(i);
                    div.cylinder-row {
                        label for=(format!("f-serial-{i}")) { (ctx.t(t::SERIAL)) " " (i + 1) }
                        input id=(format!("f-serial-{i}")) name=(format!("serial_{i}")) value=(c.map_or("", |c| c.serial.as_str()));
                        label for=(format!("f-until-{i}")) { (ctx.t(t::INSPECTED_UNTIL)) " " (i + 1) }
                        @let until = c.map_or("", |c| c.inspected_until.as_str());
                        input id=(format!("f-until-{i}")) name=(format!("until_{i}")) type=(crate::views::forms::date_kind(until)) value=(until);
                    }
                }
            }
            button.primary type="submit" { (ctx.t(t::SAVE)) }
        }
    }
}

/// GET /vendors/{id}/equipment.
pub(super) async fn equipment_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
) -> AppResult<Markup> {
    if !equipment::may_write(&state.db, &auth, id).await {
        return Err(if auth.role == crate::identity::Role::Bureau {
            AppError::Forbidden
        } else {
            AppError::NotFound
        });
    }
    let eq = equipment::equipment_of(&state.db, id).await?;
    Ok(views::page(
        &ctx,
        ctx.t(t::EQUIPMENT_TITLE),
        form(&ctx, id, &eq, None),
    ))
}

/// Reads the form's pairs: `appliances_w`, and `serial_N` / `until_N` rows (empty rows are
/// left out).
fn from_pairs(pairs: &[(String, String)]) -> Result<EquipmentInput, ()> {
    let mut watts = None;
    let mut rows: std::collections::BTreeMap<usize, Cylinder> = Default::default();
    for (k, v) in pairs {
        if k == "appliances_w" {
            watts = Some(v.trim().parse::<i64>().map_err(|_| ())?);
        } else if let Some(i) = k.strip_prefix("serial_").and_then(|i| i.parse().ok()) {
            rows.entry(i)
                .or_insert_with(|| Cylinder {
                    serial: String::new(),
                    inspected_until: String::new(),
                })
                .serial = v.clone();
        } else if let Some(i) = k.strip_prefix("until_").and_then(|i| i.parse().ok()) {
            rows.entry(i)
                .or_insert_with(|| Cylinder {
                    serial: String::new(),
                    inspected_until: String::new(),
                })
                .inspected_until = crate::normalize::typed_date(v);
        }
    }
    Ok(EquipmentInput {
        appliances_w: watts.ok_or(())?,
        gas_cylinders: rows
            .into_values()
            .filter(|c| !(c.serial.trim().is_empty() && c.inspected_until.trim().is_empty()))
            .collect(),
    })
}

/// POST /vendors/{id}/equipment: saved → back to the form (303); refused → the form again
/// with the error (422), nothing written.
pub(super) async fn equipment_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let refused = |eq: Equipment, field: &str, message: String| {
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            views::page(
                &ctx,
                ctx.t(t::EQUIPMENT_TITLE),
                form(&ctx, id, &eq, Some((field, message))),
            ),
        )
            .into_response()
    };
    let Ok(input) = from_pairs(&pairs) else {
        if !equipment::may_write(&state.db, &auth, id).await {
            return Err(AppError::NotFound);
        }
        let eq = equipment::equipment_of(&state.db, id).await?;
        return Ok(refused(
            eq,
            "appliances_w",
            ctx.t(t::WATTS_INVALID).to_owned(),
        ));
    };
    match equipment::set_equipment(&state.db, &auth, id, &input).await {
        Ok(_) => Ok(Redirect::to(&format!("/vendors/{id}/equipment?saved=1")).into_response()),
        Err(AppError::Invalid { message, field, .. }) => {
            let shown = Equipment {
                vendor_id: id,
                appliances_w: input.appliances_w,
                gas_cylinders: input.gas_cylinders,
            };
            Ok(refused(
                shown,
                field.as_deref().unwrap_or(""),
                message.get(ctx.lang),
            ))
        }
        Err(e) => Err(e),
    }
}
