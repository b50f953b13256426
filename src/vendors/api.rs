//! `POST /api/v1/vendors`: self-registration.

use super::register::{self, Registration};
use crate::api::ApiJson;
use crate::error::AppResult;
use crate::identity::session;
use crate::state::AppState;
use crate::web::ClientIp;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::{StatusCode, header};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

/// The vendor routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(register_vendor))
        .routes(routes!(super::equipment_api::put_equipment))
}

/// The new vendor's ids.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegisteredVendor {
    /// Vendor profile id.
    pub vendor_id: i32,
    /// Account id (the login is the mobile number).
    pub user_id: i32,
}

/// Register as a vendor and log in. Each invalid field → 422 naming it; nothing is written.
#[utoipa::path(post, path = "/api/v1/vendors", tag = "vendors", request_body = Registration,
    responses((status = 201, description = "Registered and logged in: the new vendor and the session cookie", body = RegisteredVendor),
        (status = 422), (status = 429)))]
async fn register_vendor(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<Registration>,
) -> AppResult<Response> {
    let valid = register::validate(&body, crate::clock::today()).map_err(|errors| errors[0])?;
    let done = register::register(&state, ip, valid).await?;
    let cookie = session::cookie_spec(&state.config).header(&done.token);
    Ok((
        StatusCode::CREATED,
        [(header::SET_COOKIE, cookie)],
        Json(RegisteredVendor {
            vendor_id: done.vendor_id,
            user_id: done.user_id,
        }),
    )
        .into_response())
}
