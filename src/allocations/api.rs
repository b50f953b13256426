//! `POST /api/v1/markets/{id}/allocations` (run a draft), `GET /api/v1/allocations/{id}`,
//! `POST /api/v1/allocations/{id}/publish`.

use super::{publish, readable_run, run, stored_result};
use crate::allocation::Allocation;
use crate::api::ApiJson;
use crate::error::AppResult;
use crate::extract::PathId;
use crate::identity::Auth;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use entity::allocation_runs;
use entity::allocation_runs::RunStatus;
use http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

/// The allocation routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_allocation))
        .routes(routes!(get_allocation))
        .routes(routes!(publish_allocation))
}

/// A run to make.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewAllocation {
    /// First business date, `YYYY-MM-DD`.
    pub from: String,
    /// Last business date, `YYYY-MM-DD`.
    pub to: String,
    /// The published seed of the lottery (not empty).
    pub seed: String,
    /// Policy knobs; every one has a default, so `{}` is plain rotation without quotas.
    #[serde(default)]
    #[schema(value_type = Object)]
    pub policy: serde_json::Value,
}

/// The stored draft, in short.
#[derive(Debug, Serialize, ToSchema)]
pub struct DraftSummary {
    /// Id of the run.
    pub id: i32,
    /// Stall-sessions placed.
    pub placed: i32,
    /// Requested sessions not placed.
    pub unplaced: i32,
    /// Fill rate, demand met, shares, Gini and the rest.
    #[schema(value_type = Object)]
    pub metrics: serde_json::Value,
}

/// One booking of a run.
#[derive(Debug, Serialize, ToSchema)]
pub struct RunBooking {
    /// Session.
    pub session_id: i64,
    /// Stall.
    pub stall_id: i64,
    /// Vendor.
    pub vendor_id: i64,
    /// The application it serves.
    pub application_id: i64,
}

/// Why an application got what it got.
#[derive(Debug, Serialize, ToSchema)]
pub struct RunExplanation {
    /// Application.
    pub application_id: i64,
    /// Vendor.
    pub vendor_id: i64,
    /// Requested sessions inside the run.
    pub sessions_requested: u32,
    /// Sessions won.
    pub sessions_won: u32,
    /// 1-based place in the draw.
    pub draw_rank: u32,
    /// Reason codes for the sessions not won (`category_full`, `no_free_stall`,
    /// `vendor_suspended`, …).
    pub reasons: Vec<String>,
    /// The vendor's attendance rate the run read, and the market's least rate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attendance: Option<ExplainedAttendance>,
}

/// The attendance figure an allocation run read (a published input).
#[derive(Debug, Serialize, ToSchema)]
pub struct ExplainedAttendance {
    /// Attended / (attended + no-shows) over the market's window.
    pub rate: f64,
    /// The market's rule.
    pub min_rate: f64,
    /// Under the rule.
    pub below_rule: bool,
}

/// A run in full.
#[derive(Debug, Serialize, ToSchema)]
pub struct AllocationView {
    /// Id.
    pub id: i32,
    /// Market.
    pub market_id: i32,
    /// First business date.
    pub from: String,
    /// Last business date.
    pub to: String,
    /// The published seed.
    pub seed: String,
    /// SHA-256 of engine, input, policy and seed.
    pub input_hash: String,
    /// `draft` or `published`.
    #[schema(value_type = String)]
    pub status: RunStatus,

    /// The policy as run.
    #[schema(value_type = Object)]
    pub policy: serde_json::Value,
    /// Metrics of the run.
    #[schema(value_type = Object)]
    pub metrics: serde_json::Value,
    /// Application ids in lottery order.
    pub draw_order: Vec<i64>,
    /// The bookings, by session then stall.
    pub bookings: Vec<RunBooking>,
    /// One per application.
    pub explanations: Vec<RunExplanation>,
}

/// The API view of a stored run.
pub fn view(run: &allocation_runs::Model, result: &Allocation) -> AppResult<AllocationView> {
    let json = |v: serde_json::Result<serde_json::Value>| {
        v.map_err(|e| crate::error::AppError::Internal(e.into()))
    };
    Ok(AllocationView {
        id: run.id,
        market_id: run.market_id,
        from: run.date_from.to_string(),
        to: run.date_to.to_string(),
        seed: run.seed.clone(),
        input_hash: run.input_hash.clone(),
        status: run.status,
        policy: json(serde_json::to_value(&result.policy))?,
        metrics: json(serde_json::to_value(&result.metrics))?,
        draw_order: result.draw_order.clone(),
        bookings: result
            .bookings
            .iter()
            .map(|b| RunBooking {
                session_id: b.session_id,
                stall_id: b.stall_id,
                vendor_id: b.vendor_id,
                application_id: b.application_id,
            })
            .collect(),
        explanations: result
            .explanations
            .iter()
            .map(|e| RunExplanation {
                application_id: e.application_id,
                vendor_id: e.vendor_id,
                sessions_requested: e.sessions_requested,
                sessions_won: e.sessions_won,
                draw_rank: e.draw_rank,
                reasons: e.reasons.iter().map(|r| r.as_str().to_owned()).collect(),
                attendance: e.attendance.map(|a| ExplainedAttendance {
                    rate: a.rate,
                    min_rate: a.min_rate,
                    below_rule: a.below_rule(),
                }),
            })
            .collect(),
    })
}

/// Run an allocation as a draft (managers of the market, admins). Same input and seed ⇒ the
/// same stored result. 422 naming the field for a bad range, seed or policy, or a range
/// without sessions.
#[utoipa::path(post, path = "/api/v1/markets/{id}/allocations", tag = "allocations",
    params(("id" = i32, Path, description = "Market id")), request_body = NewAllocation,
    responses((status = 201, description = "The draft run and its figures", body = DraftSummary),
        (status = 401), (status = 403), (status = 404), (status = 422)))]
async fn create_allocation(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    ApiJson(body): ApiJson<NewAllocation>,
) -> AppResult<(StatusCode, Json<DraftSummary>)> {
    let req = run::RunRequest {
        from: body.from,
        to: body.to,
        seed: body.seed,
        policy: body.policy,
    };
    let stored = run::create(&state, &auth, id, &req).await?;
    let result = stored_result(&stored)?;
    let metrics = serde_json::to_value(&result.metrics)
        .map_err(|e| crate::error::AppError::Internal(e.into()))?;
    Ok((
        StatusCode::CREATED,
        Json(DraftSummary {
            id: stored.id,
            placed: stored.placed,
            unplaced: stored.unplaced,
            metrics,
        }),
    ))
}

/// A run: seed, input hash, status, metrics, bookings and one explanation per application
/// (managers of the market, the bureau, admins).
#[utoipa::path(get, path = "/api/v1/allocations/{id}", tag = "allocations",
    params(("id" = i32, Path, description = "Allocation run id")),
    responses((status = 200, description = "The run with its bookings and explanations", body = AllocationView),
        (status = 401), (status = 403), (status = 404)))]
async fn get_allocation(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
) -> AppResult<Json<AllocationView>> {
    let (run, _) = readable_run(&state.db, &auth, id).await?;
    let result = stored_result(&run)?;
    Ok(Json(view(&run, &result)?))
}

/// What a publish did.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublishedView {
    /// Id of the run.
    pub id: i32,
    /// `published`.
    pub status: String,
    /// Bookings made.
    pub bookings: usize,
    /// Requests put on the waitlist, in draw order.
    pub waitlisted: usize,
}

/// Publish a draft (managers of the market, admins): all its bookings in one transaction.
/// 409 `allocation_stale` when the input changed since the draft, `stall_taken` /
/// `vendor_already_booked` when the database refuses a booking, `already_published`.
#[utoipa::path(post, path = "/api/v1/allocations/{id}/publish", tag = "allocations",
    params(("id" = i32, Path, description = "Allocation run id")),
    responses((status = 200, description = "Published: every booking of the draft is placed", body = PublishedView),
        (status = 401), (status = 403), (status = 404),
        (status = 409, description = "`allocation_stale`, `stall_taken`, `vendor_already_booked` or `already_published`: nothing is placed")))]
async fn publish_allocation(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
) -> AppResult<Json<PublishedView>> {
    let done = publish::publish(&state.db, &auth, id).await?;
    crate::notices::deliver_all(state.notifier.as_ref(), &done.notices);
    Ok(Json(PublishedView {
        id,
        status: RunStatus::Published.to_string(),
        bookings: done.bookings,
        waitlisted: done.waitlisted,
    }))
}
