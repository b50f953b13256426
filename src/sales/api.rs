//! `POST /api/v1/sales-reports`, `PUT /api/v1/sales-reports/{id}` and a market's reporting
//! setting, `PUT /api/v1/markets/{id}/sales-reporting`.

use super::report::{self, SalesBody, SalesReport};
use crate::api::ApiJson;
use crate::error::{AppError, AppResult};
use crate::extract::PathId;
use crate::i18n::texts::figures as t;
use crate::identity::Auth;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use entity::sales_reports::SalesReporting;
use http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

/// The sales routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(file_report))
        .routes(routes!(correct_report))
        .routes(routes!(set_reporting))
}

/// Report a night's sales, vouchers redeemed and helpers for one booking: its vendor once
/// the session has started; a manager of the market or an administrator for them (audited).
/// 409 `already_reported` for a second report; 422 `invalid_amount` (negative, not a number,
/// more than two decimals, over ¥1,000,000), `invalid_helpers` (over 20),
/// `session_not_started`, `session_cancelled`; 404 for a booking not the caller's to report.
#[utoipa::path(post, path = "/api/v1/sales-reports", tag = "sales", request_body = SalesBody,
    responses((status = 201, description = "The report as stored", body = SalesReport),
        (status = 400), (status = 401), (status = 403),
        (status = 404, description = "No such booking, or not the caller's to report"),
        (status = 409, description = "`already_reported`"),
        (status = 422, description = "Bad figures, or the session has not started")))]
async fn file_report(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<SalesBody>,
) -> AppResult<(StatusCode, Json<SalesReport>)> {
    let report = report::file_report(&state.db, &auth, &body).await?;
    Ok((StatusCode::CREATED, Json(report)))
}

/// Correct a report within 7 days of filing (the same people as filing; a manager's or
/// administrator's correction is audited). 422 `correction_closed` after 7 days, and as for
/// filing.
#[utoipa::path(put, path = "/api/v1/sales-reports/{id}", tag = "sales", request_body = SalesBody,
    params(("id" = i32, Path, description = "Report id")),
    responses((status = 200, description = "The corrected report", body = SalesReport),
        (status = 400), (status = 401), (status = 403), (status = 404),
        (status = 422, description = "`correction_closed`, or bad figures")))]
async fn correct_report(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    ApiJson(body): ApiJson<SalesBody>,
) -> AppResult<Json<SalesReport>> {
    Ok(Json(
        report::correct_report(&state.db, state.notifier.as_ref(), &auth, id, &body).await?,
    ))
}

/// Whether a market's vendors must report each night.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
pub struct ReportingSetting {
    /// `optional` (nobody is reminded) or `required` (a reminder the next morning).
    pub reporting: String,
}

/// Make sales reporting optional or required for a market (manager of the market, admin;
/// audited). 422 `invalid_reporting` for another value.
#[utoipa::path(put, path = "/api/v1/markets/{id}/sales-reporting", tag = "sales",
    request_body = ReportingSetting, params(("id" = i32, Path, description = "Market id")),
    responses((status = 200, description = "The setting as stored", body = ReportingSetting),
        (status = 400), (status = 401), (status = 403), (status = 404), (status = 422)))]
async fn set_reporting(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    ApiJson(body): ApiJson<ReportingSetting>,
) -> AppResult<Json<ReportingSetting>> {
    let reporting: SalesReporting =
        body.reporting.trim().parse().map_err(|_| {
            AppError::invalid("invalid_reporting", "reporting", t::REPORTING_INVALID)
        })?;
    super::setting::set_reporting(&state.db, &auth, id, reporting).await?;
    Ok(Json(ReportingSetting {
        reporting: reporting.as_str().to_owned(),
    }))
}
