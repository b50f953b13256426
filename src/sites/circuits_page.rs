//! `/sites/{id}/circuits`: a site's power circuits as a form (its managers, admins), and the
//! ties of stalls to circuits by stall code. Works without JavaScript.

use super::circuits::{self, CircuitInput, CircuitRef, CircuitsInput, CircuitsView};
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::extract::PathId;
use crate::i18n::texts::power as t;
use crate::identity::Auth;
use crate::state::AppState;
use crate::views::{self, PageCtx, forms::csrf_field};
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use entity::stalls;
use http::StatusCode;
use maud::{Markup, html};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// Empty rows offered below the circuits so far.
const EMPTY_ROWS: usize = 3;

/// The page: the circuits form, then the form tying stalls to a circuit.
fn page_body(
    ctx: &PageCtx,
    view: &CircuitsView,
    rows: &[(String, String)],
    error: Option<(&str, String)>,
) -> Markup {
    let id = view.site_id;
    html! {
        p { a href=(format!("/sites/{id}")) { "← " (ctx.t(t::BACK_TO_SITE)) } }
        p { (ctx.t(t::CIRCUITS_INTRO)) }
        @if let Some((field, message)) = &error {
            p.error-message role="alert" data-field=(field) { "⚠ " (message) }
        }
        @if !view.circuits.is_empty() {
            div.table-wrap tabindex="0" role="region" aria-label=(ctx.t(t::CIRCUITS)) { table.circuits {
                thead { tr { th { (ctx.t(t::CIRCUIT_NAME)) } th { (ctx.t(t::CAPACITY_W)) } th { (ctx.t(t::STALLS_FED)) } } }
                tbody { @for c in &view.circuits { tr { td { (c.name) } td { (c.capacity_w) } td { (c.stalls) } } } }
            } }
        }
        form.card method="post" action=(format!("/sites/{id}/circuits")) {
            (csrf_field(ctx))
            fieldset.field {
                legend { (ctx.t(t::CIRCUITS)) }
                p.hint { (ctx.t(t::CIRCUITS_HINT)) }
                @for (i, (name, capacity)) in rows.iter().enumerate() {
                    div.circuit-row {
                        label for=(format!("f-name-{i}")) { (ctx.t(t::CIRCUIT_NAME)) " " (i + 1) }
                        input id=(format!("f-name-{i}")) name=(format!("name_{i}")) value=(name);
                        label for=(format!("f-capacity-{i}")) { (ctx.t(t::CAPACITY_W)) " " (i + 1) }
                        input id=(format!("f-capacity-{i}")) name=(format!("capacity_{i}")) type="number" min="1" step="1" inputmode="numeric" value=(capacity);
                    }
                }
            }
            button.primary type="submit" { (ctx.t(t::SAVE)) }
        }
        @if !view.circuits.is_empty() {
            h2 { (ctx.t(t::TIE_TITLE)) }
            form.card method="post" action=(format!("/sites/{id}/circuits/stalls")) {
                (csrf_field(ctx))
                div.field {
                    label for="f-circuit" { (ctx.t(t::CIRCUIT_NAME)) }
                    select id="f-circuit" name="circuit" {
                        @for c in &view.circuits { option value=(c.id) { (c.name) } }
                        option value="" { (ctx.t(t::NO_CIRCUIT)) }
                    }
                }
                div.field {
                    label for="f-codes" { (ctx.t(t::STALL_CODES)) }
                    textarea id="f-codes" name="codes" rows="3" required {}
                    p.hint { (ctx.t(t::STALL_CODES_HINT)) }
                }
                button.primary type="submit" { (ctx.t(t::TIE)) }
            }
        }
    }
}

/// The form's rows for `view` (its circuits, then empty ones).
fn rows_of(view: &CircuitsView) -> Vec<(String, String)> {
    view.circuits
        .iter()
        .map(|c| (c.name.clone(), c.capacity_w.to_string()))
        .chain(std::iter::repeat_n(
            (String::new(), String::new()),
            EMPTY_ROWS,
        ))
        .collect()
}

/// GET /sites/{id}/circuits.
pub(super) async fn circuits_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
) -> AppResult<Markup> {
    super::access::site_for_writing(&state.db, &auth, id).await?;
    let view = circuits::circuits_of(&state.db, id).await?;
    Ok(views::page(
        &ctx,
        ctx.t(t::CIRCUITS_TITLE),
        page_body(&ctx, &view, &rows_of(&view), None),
    ))
}

/// POST /sites/{id}/circuits: saved → 303 to the page; refused → the form again (422).
pub(super) async fn circuits_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let mut rows: std::collections::BTreeMap<usize, (String, String)> = Default::default();
    for (k, v) in pairs {
        if let Some(i) = k.strip_prefix("name_").and_then(|i| i.parse().ok()) {
            rows.entry(i).or_default().0 = v;
        } else if let Some(i) = k.strip_prefix("capacity_").and_then(|i| i.parse().ok()) {
            rows.entry(i).or_default().1 = v;
        }
    }
    let rows: Vec<(String, String)> = rows
        .into_values()
        .filter(|(n, c)| !(n.trim().is_empty() && c.trim().is_empty()))
        .collect();
    let input = CircuitsInput {
        circuits: rows
            .iter()
            .map(|(name, capacity)| CircuitInput {
                name: name.clone(),
                // Not a whole number: 0, which the rules refuse as an invalid capacity.
                capacity_w: capacity.trim().parse().unwrap_or(0),
            })
            .collect(),
    };
    match circuits::set_circuits(&state.db, &auth, id, &input).await {
        Ok(_) => Ok(Redirect::to(&format!("/sites/{id}/circuits")).into_response()),
        Err(AppError::Invalid { message, field, .. }) => {
            let view = circuits::circuits_of(&state.db, id).await?;
            let body = page_body(
                &ctx,
                &view,
                &rows,
                Some((field.as_deref().unwrap_or(""), message.get(ctx.lang))),
            );
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                views::page(&ctx, ctx.t(t::CIRCUITS_TITLE), body),
            )
                .into_response())
        }
        Err(e) => Err(e),
    }
}

/// The tie form's fields.
#[derive(Debug, serde::Deserialize)]
pub(super) struct TieForm {
    /// The circuit's id; empty unties.
    circuit: String,
    /// Stall codes, separated by spaces, commas or lines.
    codes: String,
}

/// POST /sites/{id}/circuits/stalls: ties the stalls named by code to a circuit through the
/// stall edit (audited like any stall edit); an unknown code → the page again (422), nothing
/// written.
pub(super) async fn tie_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
    Form(form): Form<TieForm>,
) -> AppResult<Response> {
    super::access::site_for_writing(&state.db, &auth, id).await?;
    let circuit = match form.circuit.trim() {
        "" => None,
        c => Some(CircuitRef::Id(c.parse().map_err(|_| {
            AppError::invalid("unknown_circuit", "circuit", t::CIRCUIT_UNKNOWN)
        })?)),
    };
    let codes: Vec<&str> = form
        .codes
        .split(|c: char| c.is_whitespace() || c == ',' || c == '，' || c == '、')
        .filter(|c| !c.is_empty())
        .collect();
    let txn = begin_write(&state.db).await?;
    let mut refused = None;
    for code in &codes {
        let stall = stalls::Entity::find()
            .filter(stalls::Column::SiteId.eq(id))
            .filter(stalls::Column::Code.eq(*code))
            .one(&txn)
            .await?;
        let Some(stall) = stall else {
            refused = Some(crate::i18n::Msg::with(
                "power-stall-code-unknown",
                [("code", (*code).into())],
            ));
            break;
        };
        let changes = super::api_layout::StallChanges {
            circuit: Some(circuit.clone()),
            ..Default::default()
        };
        super::api_layout::update_stall_in(&txn, &auth, stall.id, &changes).await?;
    }
    if let Some(message) = refused {
        txn.rollback().await?;
        let view = circuits::circuits_of(&state.db, id).await?;
        let body = page_body(
            &ctx,
            &view,
            &rows_of(&view),
            Some(("codes", message.get(ctx.lang))),
        );
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            views::page(&ctx, ctx.t(t::CIRCUITS_TITLE), body),
        )
            .into_response());
    }
    txn.commit().await?;
    Ok(Redirect::to(&format!("/sites/{id}/circuits")).into_response())
}
