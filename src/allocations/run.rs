//! Running an allocation as a draft: read the input from the database, run the pure engine off
//! the async runtime, store seed, policy, input, hash and result; audited.

use super::{input, lock_market};
use crate::allocation::{self, AllocationError, Policy};
use crate::audit::{self, Change};
use crate::core_text::allocation_message;
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::i18n::{Msg, texts::allocation_texts as t};
use crate::identity::CurrentUser;
use crate::markets::{access, queries as mq, schedule};
use crate::state::AppState;
use chrono::{NaiveDate, Utc};
use entity::allocation_runs;
use entity::allocation_runs::RunStatus;
use sea_orm::{ActiveModelTrait, Set};
use serde_json::json;

/// Longest seed accepted.
pub const MAX_SEED_CHARS: usize = 200;

/// A run as asked for, before checks.
#[derive(Debug, Clone)]
pub struct RunRequest {
    /// First business date, `YYYY-MM-DD`.
    pub from: String,
    /// Last business date, `YYYY-MM-DD`.
    pub to: String,
    /// The published seed.
    pub seed: String,
    /// The policy as JSON (`{}` for the defaults).
    pub policy: serde_json::Value,
}

/// Parses the range, seed and policy; 422 naming the field.
pub fn parse(req: &RunRequest) -> AppResult<(NaiveDate, NaiveDate, String, Policy)> {
    let from = schedule::parse_date(&req.from)
        .ok_or_else(|| AppError::invalid("invalid_date", "from", t::DATE_INVALID))?;
    let to = schedule::parse_date(&req.to)
        .ok_or_else(|| AppError::invalid("invalid_date", "to", t::DATE_INVALID))?;
    if to < from || (to - from).num_days() > schedule::MAX_SPAN_DAYS {
        return Err(AppError::invalid("invalid_range", "to", t::RANGE_INVALID));
    }
    let seed = req.seed.trim().to_owned();
    if seed.is_empty() {
        return Err(AppError::invalid("empty_seed", "seed", t::SEED_EMPTY));
    }
    if seed.chars().count() > MAX_SEED_CHARS {
        return Err(AppError::invalid("seed_too_long", "seed", t::SEED_TOO_LONG));
    }
    let value = if req.policy.is_null() {
        json!({})
    } else {
        req.policy.clone()
    };
    let mut policy: Policy = serde_json::from_value(value.clone()).map_err(|e| {
        // In the reader's words, naming the member at fault — not serde's English.
        let (field, words) = crate::serde_detail::value_fault("policy", &value, &e);
        AppError::Invalid {
            code: "invalid_policy",
            message: Msg::with("allocation-policy-invalid", [("detail", words.into())]),
            field,
        }
    })?;
    // A smoky trade stands only in a smoky zone: a market rule, not a knob (as for hand bookings).
    policy.smoky_zone_only = true;
    Ok((from, to, seed, policy))
}

/// The 4xx a refused run becomes, naming the field at fault.
pub fn map_engine_error(err: AllocationError) -> AppError {
    let field = match &err {
        AllocationError::EmptySeed => "seed".to_owned(),
        AllocationError::NoSessions => {
            return AppError::invalid("no_sessions", "from", t::NO_SESSIONS);
        }
        AllocationError::BadShare { knob, .. }
        | AllocationError::SharesOverOne { knob, .. }
        | AllocationError::PolicyUnknownCategory { knob, .. } => format!("policy.{knob}"),
        AllocationError::MinAboveMax { .. } => "policy.category_min_share".to_owned(),
        AllocationError::WeeklyCapZero => "policy.max_sessions_per_vendor_per_week".to_owned(),
        _ => return AppError::Internal(anyhow::anyhow!("allocation input refused: {err}")),
    };
    let Some(message) = allocation_message(&err) else {
        return AppError::Internal(anyhow::anyhow!("allocation input refused: {err}"));
    };
    AppError::Invalid {
        code: err.code(),
        message,
        field: Some(field),
    }
}

/// Creates a draft run for `market_id`; returns the stored row.
pub async fn create(
    state: &AppState,
    user: &CurrentUser,
    market_id: i32,
    req: &RunRequest,
) -> AppResult<allocation_runs::Model> {
    let market = mq::find_market(&state.db, market_id)
        .await?
        .ok_or(AppError::NotFound)?;
    access::require_manage(&state.db, user, &market).await?;
    let (from, to, seed, policy) = parse(req)?;
    let txn = begin_write(&state.db).await?;
    lock_market(&txn, market_id).await?;
    let input = input::build(&txn, market_id, from, to).await?;
    let (input, result) = {
        let (seed, policy) = (seed.clone(), policy.clone());
        tokio::task::spawn_blocking(move || {
            let result = allocation::allocate(&input, &policy, &seed);
            (input, result)
        })
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("allocation task: {e}")))?
    };
    let result = result.map_err(map_engine_error)?;
    let to_text = |v: serde_json::Result<String>| v.map_err(|e| AppError::Internal(e.into()));
    let run = allocation_runs::ActiveModel {
        market_id: Set(market_id),
        date_from: Set(from),
        date_to: Set(to),
        seed: Set(seed),
        policy: Set(to_text(serde_json::to_string(&policy))?),
        input: Set(to_text(serde_json::to_string(&input))?),
        input_hash: Set(result.input_hash.clone()),
        status: Set(RunStatus::Draft),
        result: Set(to_text(serde_json::to_string(&result))?),
        placed: Set(i32::try_from(result.bookings.len()).unwrap_or(i32::MAX)),
        unplaced: Set(i32::try_from(result.unplaced.len()).unwrap_or(i32::MAX)),
        created_by: Set(Some(user.id)),
        created_at: Set(Utc::now()),
        published_by: Set(None),
        published_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Change {
            actor: Some(user.id),
            entity: "allocation",
            entity_id: Some(run.id),
            action: "run",
            before: None,
            after: Some(json!({
                "market_id": market_id, "from": from, "to": to, "seed": run.seed,
                "input_hash": run.input_hash, "placed": run.placed, "unplaced": run.unplaced,
            })),
        },
    )
    .await?;
    txn.commit().await?;
    tracing::info!(
        allocation.id = run.id,
        market.id = market_id,
        allocation.placed = run.placed,
        "allocation draft stored"
    );
    Ok(run)
}
