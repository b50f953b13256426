//! `POST /api/v1/me/totp` (start enrolment), `POST /api/v1/me/totp/confirm`,
//! `DELETE /api/v1/users/{id}/totp` (an administrator's reset), and the `totp_required` answer.

use super::store::{self, Refusal};
use super::{ISSUER, otpauth_uri};
use crate::api::ApiJson;
use crate::error::AppResult;
use crate::extract::PathId;
use crate::i18n::{Lang, texts::totp as t};
use crate::identity::Auth;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

/// The second-factor routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(start_enrolment))
        .routes(routes!(confirm_enrolment))
        .routes(routes!(reset_totp))
}

/// 401 `totp_required`: the password was right, the code is missing or wrong.
pub fn totp_required(headers: &HeaderMap, refusal: Refusal) -> Response {
    let lang = Lang::from_headers(headers);
    let message = match refusal {
        Refusal::Missing => t::REQUIRED,
        Refusal::Wrong => t::WRONG_CODE,
    };
    let body =
        json!({"error": {"code": "totp_required", "message": message.get(lang), "field": "totp"}});
    (StatusCode::UNAUTHORIZED, Json(body)).into_response()
}

/// A new secret, shown once.
#[derive(Debug, Serialize, ToSchema)]
pub struct Enrolment {
    /// The secret in base32, for typing into an app.
    pub secret: String,
    /// The `otpauth://` URI the QR code carries.
    pub otpauth_uri: String,
    /// The QR code as an SVG document.
    pub qr_svg: String,
}

/// Start enrolment (managers, bureau, admin): a new secret, confirmed by a first code.
/// 409 `totp_already_enrolled` once confirmed; vendors 403.
#[utoipa::path(post, path = "/api/v1/me/totp", tag = "accounts",
    responses((status = 201, description = "The new secret and its `otpauth://` URI, to be confirmed with a first code", body = Enrolment),
        (status = 401), (status = 403),
        (status = 409, description = "`totp_already_enrolled`: a second factor is already confirmed")))]
async fn start_enrolment(
    State(state): State<AppState>,
    auth: Auth,
) -> AppResult<(StatusCode, Json<Enrolment>)> {
    let txn = crate::db::begin_write(&state.db).await?;
    let secret = store::start(&txn, &state.secrets, &auth).await?;
    txn.commit().await?;
    let uri = otpauth_uri(&secret, &auth.login);
    let qr_svg = crate::views::qr::svg(&uri, ISSUER).into_string();
    Ok((
        StatusCode::CREATED,
        Json(Enrolment {
            secret,
            otpauth_uri: uri,
            qr_svg,
        }),
    ))
}

/// The first code from the app.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CodeBody {
    /// Six digits.
    pub code: String,
}

/// Confirm enrolment with a valid code; from then on logging in needs a code.
/// 422 `invalid_totp` for a wrong code; 409 `totp_not_started` without enrolment.
#[utoipa::path(post, path = "/api/v1/me/totp/confirm", tag = "accounts", request_body = CodeBody,
    responses((status = 200, description = "Confirmed: logging in needs a code from now on"),
        (status = 401), (status = 403),
        (status = 409, description = "`totp_not_started`: no enrolment to confirm"),
        (status = 422)))]
async fn confirm_enrolment(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<CodeBody>,
) -> AppResult<Json<serde_json::Value>> {
    let txn = crate::db::begin_write(&state.db).await?;
    store::confirm(&txn, &state.secrets, &auth, &body.code).await?;
    txn.commit().await?;
    Ok(Json(json!({"totp": true})))
}

/// Reset an account's second factor (admin only, audited): it logs in with its password
/// alone until it enrols again.
#[utoipa::path(delete, path = "/api/v1/users/{id}/totp", tag = "accounts",
    params(("id" = i32, Path, description = "User id")),
    responses((status = 204, description = "The second factor is removed"), (status = 401),
        (status = 403), (status = 404)))]
async fn reset_totp(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
) -> AppResult<StatusCode> {
    let txn = crate::db::begin_write(&state.db).await?;
    store::reset(&txn, &auth, id).await?;
    txn.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
