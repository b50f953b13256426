//! `GET /api/v1/reports/occupancy`: the report as JSON, CSV or Excel.

use super::export::{to_csv, to_xlsx};
use super::occupancy::{OccupancyReport, occupancy};
use super::params::{Format, ReportQuery};
use super::summary::{Summary, summary};
use crate::api::ApiQuery;
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::identity::Auth;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::header;
use utoipa_axum::{router::OpenApiRouter, routes};

/// The report routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(occupancy_report))
        .routes(routes!(summary_report))
        .merge(super::open_data::routes())
}

/// `?from&to[&market_id&site_id]` of the summary.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SummaryQuery {
    /// First business date `YYYY-MM-DD` (default: 29 days before `to`).
    pub from: Option<String>,
    /// Last business date, inclusive (default: today).
    pub to: Option<String>,
    /// Only this market (id); `market`, as the occupancy report names it, is read the same
    /// (a clerk's script written for one must not get the whole county from the other).
    #[serde(alias = "market")]
    pub market_id: Option<String>,
    /// Only this site (id); `site` is read the same.
    #[serde(alias = "site")]
    pub site_id: Option<String>,
}

impl SummaryQuery {
    /// The same period and filters as an occupancy report query.
    pub fn as_report_query(&self) -> ReportQuery {
        ReportQuery {
            from: self.from.clone(),
            to: self.to.clone(),
            market: self.market_id.clone(),
            site: self.site_id.clone(),
            ..Default::default()
        }
    }
}

/// The period summary in the bureau's words (bureau, admin; managers for their own markets):
/// markets opened, sites, stalls set up, vendors settled and new, jobs, occupancy, sales and
/// vouchers redeemed, the previous period of the same length, and the paragraph for the
/// county's report in Chinese and English. 422 for bad dates or a period over three years;
/// 403 for a market the caller does not manage.
#[utoipa::path(get, path = "/api/v1/reports/summary", tag = "reports", params(SummaryQuery),
    responses((status = 200, description = "The summary", body = Summary),
        (status = 400), (status = 401), (status = 403), (status = 422)))]
async fn summary_report(
    State(state): State<AppState>,
    auth: Auth,
    ApiQuery(query): ApiQuery<SummaryQuery>,
) -> AppResult<Json<Summary>> {
    let checked = query
        .as_report_query()
        .check(&state.db, &auth, crate::clock::today())
        .await?;
    Ok(Json(
        summary(
            &state.db,
            &state.caches.of(),
            &checked.filters,
            chrono::Utc::now(),
        )
        .await?,
    ))
}

/// Occupancy by site, market, segment, category, day, week or month (bureau, admin; managers
/// see their own markets). Only scheduled sessions count; `stall_slots` is Σ active stalls
/// over the sessions; rows by category share the period's sessions and slots. `format=csv`
/// is UTF-8 with a BOM, `format=xlsx` an Excel workbook, both as attachments. 422 for bad
/// dates, `from` after `to`, a period over three years, an unknown `group_by` or `format`;
/// 403 for a market the caller does not manage.
#[utoipa::path(get, path = "/api/v1/reports/occupancy", tag = "reports", params(ReportQuery),
    responses((status = 200, description = "The report as JSON, or a CSV or XLSX attachment for `format`", body = OccupancyReport),
        (status = 400), (status = 401), (status = 403), (status = 422)))]
async fn occupancy_report(
    State(state): State<AppState>,
    auth: Auth,
    lang: Lang,
    ApiQuery(query): ApiQuery<ReportQuery>,
) -> AppResult<Response> {
    let checked = query.check(&state.db, &auth, crate::clock::today()).await?;
    let report = occupancy(
        &state.db,
        &state.caches.of(),
        checked.group_by,
        &checked.filters,
    )
    .await?;
    let name = format!(
        "occupancy-{}-{}-{}",
        checked.group_by.as_str(),
        checked.filters.from,
        checked.filters.to
    );
    Ok(match checked.format {
        Format::Json => Json(report).into_response(),
        Format::Csv => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}.csv\""),
                ),
            ],
            to_csv(&report, checked.group_by, lang),
        )
            .into_response(),
        Format::Xlsx => {
            let bytes = to_xlsx(&report, checked.group_by, &checked.filters, lang)
                .map_err(|e| anyhow::anyhow!("xlsx: {e}"))?;
            (
                [
                    (
                        header::CONTENT_TYPE,
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                            .to_owned(),
                    ),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"{name}.xlsx\""),
                    ),
                ],
                bytes,
            )
                .into_response()
        }
    })
}
