//! `/me/profile`: a vendor's own profile (ID number masked, phone), the edit form, their
//! documents with download and delete, and the upload form (multipart; no `capture`, so a
//! phone offers both the camera and its files). `/documents/{id}` serves a download.

use super::profile::{self, ProfileEdit};
use super::upload::{self, Failure, Incoming};
use super::{KINDS, store, views as dv};
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::i18n::texts::{documents as t, vendor as tv};
use crate::identity::{Auth, Role};
use crate::mask::{mask_id_number, mask_phone};
use crate::state::AppState;
use crate::vendors::categories::{PRIORITY_GROUPS, find_priority_group};
use crate::views::{self, PageCtx, forms::Input, forms::csrf_field};
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use entity::vendors;
use maud::{Markup, html};
use serde::Deserialize;

/// The profile and document pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/me/profile", get(profile_page).post(profile_submit))
        .route(
            "/me/documents",
            post(upload_submit).layer(DefaultBodyLimit::max(super::UPLOAD_BODY_BYTES)),
        )
        .route("/documents/{id}", get(download))
        .route("/documents/{id}/delete", post(delete_submit))
}

/// `?done=` after a successful action.
#[derive(Debug, Default, Deserialize)]
struct Done {
    #[serde(default)]
    done: String,
}

/// The caller's own vendor profile: 403 for staff, 404 for a vendor account without one.
async fn own_vendor(state: &AppState, auth: &Auth) -> AppResult<vendors::Model> {
    if auth.role != Role::Vendor {
        return Err(AppError::Forbidden);
    }
    let id = auth.vendor_id.ok_or(AppError::NotFound)?;
    <vendors::Entity as sea_orm::EntityTrait>::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)
}

/// What went wrong on the page, and in which form.
enum PageError<'a> {
    None,
    Edit(&'a AppError),
    Upload(&'a Failure),
}

fn render(
    ctx: &PageCtx,
    vendor: &vendors::Model,
    docs: &[store::DocumentInfo],
    done: &str,
    error: PageError<'_>,
    edit: Option<&ProfileEdit>,
) -> Markup {
    let groups: Vec<String> = serde_json::from_str(&vendor.priority_groups).unwrap_or_default();
    let group_names: Vec<&str> = groups
        .iter()
        .filter_map(|g| find_priority_group(g))
        .map(|g| ctx.t(g.label))
        .collect();
    let done_text = match done {
        "uploaded" => Some(t::UPLOADED),
        "deleted" => Some(t::DELETED),
        "saved" => Some(t::SAVED),
        _ => None,
    };
    let edit_err = |field: &str| match &error {
        PageError::Edit(e) if e.field() == Some(field) => Some(e.message(ctx.lang)),
        _ => None,
    };
    let products = edit.map_or(vendor.products.clone().unwrap_or_default(), |e| {
        e.products.clone()
    });
    let expires = edit.map_or(
        vendor
            .health_cert_expires
            .map(|d| d.to_string())
            .unwrap_or_default(),
        |e| e.health_cert_expires.clone(),
    );
    let checked = |code: &str| {
        edit.map_or(groups.iter().any(|g| g == code), |e| {
            e.priority_groups.iter().any(|g| g == code)
        })
    };
    let products_err = edit_err("products");
    let expires_err = edit_err("health_cert_expires");
    let groups_err = edit_err("priority_groups");
    let upload_action = format!(
        "/me/documents?_csrf={}",
        crate::web::encode_query(&ctx.csrf)
    );
    html! {
        @if let Some(text) = done_text { p.flash role="status" { "✓ " (ctx.t(text)) } }
        dl.profile {
            div { dt { (ctx.t(tv::NAME)) } dd { (vendor.name) } }
            div { dt { (ctx.t(tv::ID_NUMBER)) } dd { code { (mask_id_number(&vendor.id_number)) } } }
            div { dt { (ctx.t(tv::PHONE)) } dd { (mask_phone(&vendor.phone)) } }
            div { dt { (ctx.t(tv::CATEGORY)) } dd { (crate::vendors::categories::shown(&vendor.category, ctx.lang)) } }
            div { dt { (ctx.t(tv::PRODUCTS)) } dd { (vendor.products.as_deref().unwrap_or(ctx.t(t::NOT_SET))) } }
            div { dt { (ctx.t(tv::HEALTH_CERT)) } dd { (vendor.health_cert_expires.map_or_else(|| ctx.t(t::NOT_SET).to_owned(), |d| d.to_string())) } }
            div { dt { (ctx.t(tv::PRIORITY)) } dd { @if group_names.is_empty() { (ctx.t(t::NOT_SET)) } @else { (group_names.join(ctx.t(crate::i18n::texts::layout::NAME_SEPARATOR))) } } }
        }
        h2 #documents { (ctx.t(t::DOCUMENTS)) }
        p.hint { (ctx.t(t::WHO_SEES)) }
        (dv::document_table(ctx, docs, true))
        h3 { (ctx.t(t::UPLOAD)) }
        form.card method="post" action=(upload_action) enctype="multipart/form-data" {
            @if let PageError::Upload(f) = &error {
                p.error-message role="alert" { "⚠ " (f.message(ctx.lang)) }
            }
            div.field {
                label for="f-kind" { (ctx.t(t::KIND)) }
                select id="f-kind" name="kind" required {
                    @for k in &KINDS { option value=(k.code) { (ctx.t(k.label)) } }
                }
            }
            div.field {
                label for="f-file" { (ctx.t(t::FILE)) }
                p.hint id="f-file-hint" { (ctx.t(t::UPLOAD_HINT)) }
                input id="f-file" type="file" name="file" required aria-describedby="f-file-hint"
                    accept="image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf";
            }
            button.primary type="submit" { (ctx.t(t::UPLOAD)) }
        }
        h2 { (ctx.t(t::EDIT)) }
        form.card method="post" action="/me/profile" {
            @if let PageError::Edit(e) = &error { @if e.field().is_none() {
                p.error-message role="alert" { "⚠ " (e.message(ctx.lang)) }
            } }
            (csrf_field(ctx))
            (Input { name: "products", label: ctx.t(tv::PRODUCTS), value: &products,
                     error: products_err.as_deref(), ..Default::default() }.render())
            (Input { name: "health_cert_expires", label: ctx.t(tv::HEALTH_CERT), kind: "date",
                     value: &expires, error: expires_err.as_deref(), ..Default::default() }.render())
            fieldset.field {
                legend { (ctx.t(tv::PRIORITY)) }
                @for g in &PRIORITY_GROUPS {
                    label.check {
                        input type="checkbox" name="priority_groups" value=(g.code) checked[checked(g.code)];
                        " " (ctx.t(g.label))
                    }
                }
                @if let Some(e) = groups_err { p.error role="alert" { "⚠ " (e) } }
            }
            button.primary type="submit" { (ctx.t(t::SAVE)) }
        }
    }
}

/// GET /me/profile.
async fn profile_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    Query(done): Query<Done>,
) -> AppResult<Markup> {
    let vendor = own_vendor(&state, &auth).await?;
    let docs = store::list_for_vendor(&state.db, vendor.id).await?;
    let body = html! {
        (render(&ctx, &vendor, &docs, &done.done, PageError::None, None))
        p { a.button href="/account/password" { (ctx.t(crate::i18n::texts::password::TITLE)) } }
    };
    Ok(views::page(&ctx, ctx.t(t::PROFILE_TITLE), body))
}

/// POST /me/profile: saved → 303 back; invalid → the form again with the error, nothing saved.
async fn profile_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let vendor = own_vendor(&state, &auth).await?;
    let edit = ProfileEdit::from_pairs(pairs);
    let checked = profile::validate(&edit, &vendor.category, crate::clock::today());
    let valid = match checked {
        Ok(v) => v,
        Err(e) => {
            let docs = store::list_for_vendor(&state.db, vendor.id).await?;
            let body = render(&ctx, &vendor, &docs, "", PageError::Edit(&e), Some(&edit));
            let page = views::page(&ctx, ctx.t(t::PROFILE_TITLE), body);
            return Ok((e.status(), page).into_response());
        }
    };
    let txn = begin_write(&state.db).await?;
    profile::save(&txn, &auth, vendor, valid).await?;
    txn.commit().await?;
    Ok(Redirect::to("/me/profile?done=saved").into_response())
}

/// Reads the upload form: `kind` and `file`.
async fn read_upload(
    mut multipart: Multipart,
) -> Result<(String, Option<String>, Vec<u8>), Failure> {
    let broken = upload::multipart_failure;
    let (mut kind, mut name, mut bytes) = (String::new(), None, Vec::new());
    while let Some(field) = multipart.next_field().await.map_err(broken)? {
        match field.name().unwrap_or_default() {
            "kind" => kind = field.text().await.map_err(broken)?,
            "file" => {
                name = field.file_name().map(str::to_owned);
                // Stop reading at the file limit: a 50 MB photo is refused after 8 MB, not 50.
                let mut field = field;
                while let Some(chunk) = field.chunk().await.map_err(broken)? {
                    if bytes.len() + chunk.len() > super::content::MAX_FILE_BYTES {
                        return Err(Failure::TooLarge);
                    }
                    bytes.extend_from_slice(&chunk);
                }
            }
            _ => {}
        }
    }
    Ok((kind, name, bytes))
}

/// POST /me/documents (multipart): stored → 303 to the list; refused → the page again with
/// the reason and the error's status (413, 422, 409), nothing stored.
async fn upload_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    multipart: Multipart,
) -> AppResult<Response> {
    let vendor = own_vendor(&state, &auth).await?;
    let outcome = match read_upload(multipart).await {
        Ok((kind, name, bytes)) => {
            upload::save(
                &state.db,
                &auth,
                Incoming {
                    vendor_id: vendor.id,
                    kind: &kind,
                    original_name: name.as_deref(),
                    bytes: &bytes,
                },
            )
            .await
        }
        Err(f) => Err(f),
    };
    match outcome {
        Ok(_) => Ok(Redirect::to("/me/profile?done=uploaded#documents").into_response()),
        Err(Failure::App(e @ (AppError::Internal(_) | AppError::Unavailable))) => Err(e),
        Err(failure) => {
            let docs = store::list_for_vendor(&state.db, vendor.id).await?;
            let body = render(&ctx, &vendor, &docs, "", PageError::Upload(&failure), None);
            let page = views::page(&ctx, ctx.t(t::PROFILE_TITLE), body);
            Ok((failure.status(), page).into_response())
        }
    }
}

/// GET /documents/{id}: the file as an attachment, for those who may see it.
async fn download(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> AppResult<Response> {
    upload::download(&state.db, &auth, &id).await
}

/// POST /documents/{id}/delete: the vendor's own (or an admin); back to where it was listed.
async fn delete_submit(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> AppResult<Response> {
    upload::delete(&state.db, &auth, &id).await?;
    let back = if auth.role == Role::Vendor {
        "/me/profile?done=deleted#documents"
    } else {
        "/applications"
    };
    Ok(Redirect::to(back).into_response())
}
