//! `/admin/users`: list accounts, create one, set a manager's sites.

use crate::accounts::assign;
use crate::accounts::users;
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::extract::PathId;
use crate::i18n::texts::{admin as t, auth as ta};
use crate::identity::{Auth, Role};
use crate::state::AppState;
use crate::views::{self, Flash, PageCtx, forms::Input, forms::csrf_field};
use crate::web::see_other_with;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use entity::{manager_sites, sites, users as user_entity};
use maud::{Markup, html};
use sea_orm::{EntityTrait, QueryOrder};
use serde::Deserialize;
use std::collections::BTreeMap;

/// Admin pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/users", get(users_page).post(create_user_submit))
        .route("/admin/users/{id}/sites", post(assign_sites_submit))
        .route("/admin/users/{id}/disabled", post(disabled_submit))
}

/// The new-user form as submitted.
#[derive(Debug, Default, Deserialize)]
struct NewUserForm {
    #[serde(default)]
    login: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    password: String,
}

async fn render(
    state: &AppState,
    ctx: &PageCtx,
    form: &NewUserForm,
    error: Option<(&str, String)>,
) -> AppResult<Markup> {
    let all_users = user_entity::Entity::find()
        .order_by_asc(user_entity::Column::Id)
        .all(&state.db)
        .await?;
    let all_sites = sites::Entity::find()
        .order_by_asc(sites::Column::Code)
        .all(&state.db)
        .await?;
    let mut assigned: BTreeMap<i32, Vec<i32>> = BTreeMap::new();
    for row in manager_sites::Entity::find().all(&state.db).await? {
        assigned.entry(row.user_id).or_default().push(row.site_id);
    }
    let with_totp = crate::accounts::totp::store::enrolled_user_ids(&state.db).await?;
    let err = |f: &str| {
        error
            .as_ref()
            .filter(|(ef, _)| *ef == f)
            .map(|(_, m)| m.as_str())
    };
    let body = html! {
        section {
            h2 { (ctx.t(t::NEW_USER)) }
            @if let Some((_, message)) = error.as_ref().filter(|(f, _)| f.is_empty()) {
                p.error-message role="alert" { "⚠ " (message) }
            }
            form.card method="post" action="/admin/users" {
                (csrf_field(ctx))
                (Input { name: "login", label: ctx.t(t::LOGIN), value: &form.login, autocomplete: Some("off"),
                         hint: Some(ctx.t(ta::LOGIN_INVALID)), error: err("login"), required: true, ..Default::default() }.render())
                (Input { name: "name", label: ctx.t(t::NAME), value: &form.name, error: err("name"),
                         required: true, ..Default::default() }.render())
                div.field {
                    label for="f-role" { (ctx.t(t::ROLE)) }
                    select id="f-role" name="role" {
                        @for role in [Role::Manager, Role::Bureau, Role::Admin] {
                            option value=(role.as_str()) selected[form.role == role.as_str()] { (role.label().get(ctx.lang)) }
                        }
                    }
                    @if let Some(e) = err("role") { p.error role="alert" { "⚠ " (e) } }
                }
                (Input { name: "password", label: ctx.t(t::PASSWORD), kind: "password", autocomplete: Some("new-password"),
                         error: err("password"), required: true, ..Default::default() }.render())
                button.primary type="submit" { (ctx.t(t::CREATE)) }
            }
        }
        section {
            h2 { (ctx.t(t::USERS_TITLE)) }
            div.table-wrap tabindex="0" role="region" aria-label=(ctx.t(t::USERS_TITLE)) {
                table {
                    thead { tr { th { "ID" } th { (ctx.t(t::LOGIN)) } th { (ctx.t(t::NAME)) } th { (ctx.t(t::ROLE)) } th { (ctx.t(t::STATUS)) } th { (ctx.t(t::SITES)) } } }
                    tbody {
                        @for u in &all_users {
                            @let role = Role::parse(&u.role);
                            tr {
                                td { (u.id) }
                                td { @if role == Some(Role::Vendor) { (crate::mask::mask_phone(&u.login)) } @else { (u.login) } }
                                td { (u.name) }
                                td { (role.map_or("?", |r| r.label().get(ctx.lang))) }
                                td {
                                    (if u.disabled { ctx.t(t::DISABLED) } else { ctx.t(t::ACTIVE) })
                                    @if ctx.user.as_ref().is_some_and(|me| me.id != u.id) {
                                        form.inline method="post" action=(format!("/admin/users/{}/disabled", u.id)) {
                                            (csrf_field(ctx))
                                            input type="hidden" name="disabled" value=(if u.disabled { "false" } else { "true" });
                                            " " button.small type="submit" { (ctx.t(if u.disabled { t::ENABLE } else { t::DISABLE })) }
                                        }
                                    }
                                    @if with_totp.contains(&u.id) { (crate::accounts::totp::pages::reset_button(ctx, u.id)) }
                                }
                                td {
                                    @if role == Some(Role::Manager) {
                                        form.inline-sites method="post" action=(format!("/admin/users/{}/sites", u.id)) {
                                            (csrf_field(ctx))
                                            @for s in &all_sites {
                                                label.check {
                                                    input type="checkbox" name="site_id" value=(s.id)
                                                        checked[assigned.get(&u.id).is_some_and(|v| v.contains(&s.id))];
                                                    " " (s.name)
                                                }
                                            }
                                            button.small type="submit" { (ctx.t(t::SAVE_SITES)) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(views::page(ctx, ctx.t(t::USERS_TITLE), body))
}

/// GET /admin/users.
async fn users_page(State(state): State<AppState>, ctx: PageCtx, auth: Auth) -> AppResult<Markup> {
    auth.require(&[Role::Admin])?;
    render(
        &state,
        &ctx,
        &NewUserForm {
            role: "manager".into(),
            ..Default::default()
        },
        None,
    )
    .await
}

/// POST /admin/users.
async fn create_user_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    Form(form): Form<NewUserForm>,
) -> AppResult<Response> {
    auth.require(&[Role::Admin])?;
    let outcome = async {
        let role = Role::parse(&form.role)
            .filter(|r| *r != Role::Vendor)
            .ok_or_else(|| AppError::invalid("invalid_role", "role", ta::ROLE_INVALID))?;
        let prepared = users::prepare(
            &state.passwords,
            users::NewUser {
                login: form.login.clone(),
                name: form.name.clone(),
                role,
                password: form.password.clone(),
            },
        )
        .await?;
        let txn = begin_write(&state.db).await?;
        users::insert(&txn, Some(auth.id), prepared).await?;
        txn.commit().await?;
        Ok::<_, AppError>(())
    }
    .await;
    match outcome {
        Ok(()) => Ok(see_other_with(
            "/admin/users",
            vec![Flash::UserCreated.cookie()],
        )),
        Err(err @ (AppError::Invalid { .. } | AppError::Conflict { .. })) => {
            let field = match err.field() {
                Some(f) => f.to_owned(),
                None if err.code() == "login_taken" => "login".to_owned(),
                None => String::new(),
            };
            let status = err.status();
            let message = err.message(ctx.lang);
            let form = NewUserForm {
                password: String::new(),
                ..form
            };
            let page = render(&state, &ctx, &form, Some((&field, message))).await?;
            Ok((status, page).into_response())
        }
        Err(other) => Err(other),
    }
}

/// POST /admin/users/{id}/sites.
async fn assign_sites_submit(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    auth.require(&[Role::Admin])?;
    let site_ids = pairs
        .iter()
        .filter(|(k, _)| k == "site_id")
        .map(|(_, v)| v.parse::<i32>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| {
            AppError::bad_request("bad_request", crate::i18n::texts::errors::BAD_REQUEST)
        })?;
    let txn = begin_write(&state.db).await?;
    let user = user_entity::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    assign::replace(&txn, assign::SITES, auth.id, &user, &site_ids).await?;
    txn.commit().await?;
    Ok(see_other_with(
        "/admin/users",
        vec![Flash::SitesAssigned.cookie()],
    ))
}

/// The disable/enable form.
#[derive(Debug, Deserialize)]
struct DisabledForm {
    disabled: bool,
}

/// POST /admin/users/{id}/disabled.
async fn disabled_submit(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    Form(form): Form<DisabledForm>,
) -> AppResult<Response> {
    let txn = begin_write(&state.db).await?;
    crate::accounts::disable::set_disabled(&txn, &auth, id, form.disabled).await?;
    txn.commit().await?;
    Ok(see_other_with(
        "/admin/users",
        vec![Flash::UserUpdated.cookie()],
    ))
}
