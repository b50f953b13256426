//! The vendor sign-up page: phone first, every field explained, errors next to their field.

use super::categories::{PRIORITY_GROUPS, STANDARD};
use super::register::{self, FieldError, Registration};
use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::i18n::texts::vendor as t;
use crate::identity::session;
use crate::state::AppState;
use crate::views::{self, Flash, PageCtx, forms::Input, forms::csrf_field};
use crate::web::{ClientIp, see_other_with};
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use http::StatusCode;
use maud::{Markup, html};

/// `/register`, and the gas and power register's form.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/register", get(register_page).post(register_submit))
        .route(
            "/vendors/{id}/equipment",
            get(super::equipment_page::equipment_page)
                .post(super::equipment_page::equipment_submit),
        )
}

fn error_for<'a>(ctx: &PageCtx, errors: &'a [FieldError], field: &str) -> Option<&'a str> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| e.message.get(ctx.lang))
}

fn register_form(ctx: &PageCtx, reg: &Registration, errors: &[FieldError]) -> Markup {
    let err = |f| error_for(ctx, errors, f);
    html! {
        p { (ctx.t(t::REGISTER_INTRO)) }
        @if !errors.is_empty() {
            p.error-message role="alert" { "⚠ " (Msg::with("vendor-form-errors", [
                ("count", (errors.len() as i64).into()),
                ("first", errors[0].message.get(ctx.lang).into()),
            ]).get(ctx.lang)) }
        }
        // data-live-check: assets/register.js checks phone and ID number as they are typed.
        form.card method="post" action="/register" novalidate data-live-check {
            (csrf_field(ctx))
            (Input { name: "name", label: ctx.t(t::NAME), value: &reg.name, autocomplete: Some("name"),
                     error: err("name"), required: true, ..Default::default() }.render())
            (Input { name: "phone", label: ctx.t(t::PHONE), value: &reg.phone, kind: "tel",
                     inputmode: Some("tel"), autocomplete: Some("tel"), error: err("phone"),
                     required: true, ..Default::default() }.render())
            // The ID number may end in X: a text keypad, not a numeric one.
            (Input { name: "id_number", label: ctx.t(t::ID_NUMBER), value: &reg.id_number,
                     inputmode: Some("text"), autocomplete: Some("off"), hint: Some(ctx.t(t::ID_HINT)),
                     error: err("id_number"), required: true, ..Default::default() }.render())
            div class={ "field" @if err("category").is_some() { " has-error" } } {
                label for="f-category" { (ctx.t(t::CATEGORY)) }
                select id="f-category" name="category" required {
                    @for c in &STANDARD {
                        option value=(c.name) selected[reg.category == c.name] { (c.label.get(ctx.lang)) }
                    }
                }
                @if let Some(e) = err("category") { p.error role="alert" { "⚠ " (e) } }
            }
            (Input { name: "products", label: ctx.t(t::PRODUCTS), value: reg.products.as_deref().unwrap_or(""),
                     error: err("products"), ..Default::default() }.render())
            (Input { name: "health_cert_expires", label: ctx.t(t::HEALTH_CERT), kind: "date",
                     value: reg.health_cert_expires.as_deref().unwrap_or(""),
                     error: err("health_cert_expires"), ..Default::default() }.render())
            (Input { name: "uscc", label: ctx.t(t::USCC), value: reg.uscc.as_deref().unwrap_or(""),
                     inputmode: Some("text"), error: err("uscc"), ..Default::default() }.render())
            fieldset.field {
                legend { (ctx.t(t::PRIORITY)) }
                @for g in &PRIORITY_GROUPS {
                    label.check {
                        input type="checkbox" name="priority_groups" value=(g.code)
                            checked[reg.priority_groups.iter().any(|p| p == g.code)];
                        " " (g.label.get(ctx.lang))
                    }
                }
                @if let Some(e) = err("priority_groups") { p.error role="alert" { "⚠ " (e) } }
            }
            (Input { name: "password", label: ctx.t(crate::i18n::texts::auth::PASSWORD), kind: "password",
                     autocomplete: Some("new-password"), hint: Some(ctx.t(t::PASSWORD_HINT)),
                     error: err("password"), required: true, ..Default::default() }.render())
            button.primary type="submit" { (ctx.t(t::SUBMIT)) }
        }
        script src="/assets/register.js" defer {}
    }
}

/// GET /register.
async fn register_page(ctx: PageCtx) -> Response {
    if ctx.user.is_some() {
        return Redirect::to("/").into_response();
    }
    let form = register_form(&ctx, &Registration::default(), &[]);
    views::page(&ctx, ctx.t(t::REGISTER_TITLE), form).into_response()
}

/// Builds a registration from form pairs (checkboxes repeat `priority_groups`).
fn from_pairs(pairs: Vec<(String, String)>) -> Registration {
    let mut reg = Registration::default();
    for (k, v) in pairs {
        match k.as_str() {
            "name" => reg.name = v,
            "phone" => reg.phone = v,
            "password" => reg.password = v,
            "id_number" => reg.id_number = v,
            "category" => reg.category = v,
            "products" => reg.products = Some(v),
            "uscc" => reg.uscc = Some(v),
            "health_cert_expires" => {
                reg.health_cert_expires = Some(crate::normalize::typed_date(&v))
            }
            "priority_groups" => reg.priority_groups.push(v),
            "individual_business" => reg.individual_business = v == "on" || v == "true",
            _ => {}
        }
    }
    reg
}

/// POST /register: on success logged in and sent home; otherwise the form with each error.
async fn register_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    ClientIp(ip): ClientIp,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let mut reg = from_pairs(pairs);
    let errors = match register::validate(&reg, crate::clock::today()) {
        Ok(valid) => match register::register(&state, ip, valid).await {
            Ok(done) => {
                let cookie = session::cookie_spec(&state.config).header(&done.token);
                return Ok(see_other_with(
                    "/",
                    vec![cookie, Flash::Registered.cookie()],
                ));
            }
            Err(AppError::Invalid {
                code,
                field: Some(f),
                ..
            }) if f == "phone" => {
                vec![FieldError {
                    field: "phone",
                    code,
                    message: t::PHONE_TAKEN,
                }]
            }
            // One person, one account: said at the ID number, the form kept.
            Err(AppError::Invalid {
                code,
                field: Some(f),
                ..
            }) if f == "id_number" => {
                vec![FieldError {
                    field: "id_number",
                    code,
                    message: t::ID_NUMBER_TAKEN,
                }]
            }
            Err(other) => return Err(other),
        },
        Err(errors) => errors,
    };
    reg.password.clear();
    let body = register_form(&ctx, &reg, &errors);
    Ok((
        StatusCode::UNPROCESSABLE_ENTITY,
        views::page(&ctx, ctx.t(t::REGISTER_TITLE), body),
    )
        .into_response())
}
