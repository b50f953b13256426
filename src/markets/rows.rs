//! Adding a schedule row to a market (`POST /api/v1/markets/{id}/schedule`): its sessions are
//! created at once, after a check that none overlaps another session on the site.

use super::create::{self, ScheduleIn};
use super::edit::market_for_writing;
use super::rota;
use super::schedule::SegmentTime;
use crate::audit::{self, Change};
use crate::error::{AppError, AppResult};
use crate::i18n::{Msg, texts::markets as t};
use crate::identity::CurrentUser;
use entity::markets::MarketKind;
use entity::{market_schedules, market_segments};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;

/// A market's segments with their current hours.
pub async fn segment_times(
    db: &impl ConnectionTrait,
    market_id: i32,
) -> AppResult<Vec<(String, SegmentTime)>> {
    Ok(market_segments::Entity::find()
        .filter(market_segments::Column::MarketId.eq(market_id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|s| {
            SegmentTime::parse(&s.start_time, &s.end_time)
                .ok()
                .map(|t| (s.name, t))
        })
        .collect())
}

/// The 422 for a date before today: past sessions never change.
pub fn date_past(field: &str) -> AppError {
    AppError::invalid("date_past", field, Msg::with("scheduling-date-past", []))
}

/// 422 `date_past` for a row that would create a night already past: one starting before
/// today (past sessions never change), or today with its segment already over (a 11:00–13:00
/// market created at 14:35): a night never held, counted all the same.
pub fn refuse_past_start(rule: &super::rota::Rule, field: &str) -> AppResult<()> {
    let today = crate::clock::today();
    if rule.from < today {
        return Err(date_past(field));
    }
    let (_, first_ends) = rule.time.window(rule.from);
    if rule.from == today && rule.weekdays.matches(today) && first_ends <= chrono::Utc::now() {
        return Err(AppError::invalid(
            "date_past",
            field,
            crate::i18n::Msg::with("scheduling-today-over", []),
        ));
    }
    Ok(())
}

/// Adds a schedule row and creates its sessions; returns how many. Audited.
pub async fn add_row(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    market_id: i32,
    row: ScheduleIn,
) -> AppResult<usize> {
    let market = market_for_writing(db, user, market_id).await?;
    let segments = segment_times(db, market_id).await?;
    let rule = create::validate_rule(db, Some(user), &segments, "", 0, &row).await?;
    refuse_past_start(&rule, "from")?;
    if market.kind == MarketKind::Fixed {
        let other_site = market_schedules::Entity::find()
            .filter(market_schedules::Column::MarketId.eq(market_id))
            .filter(market_schedules::Column::SiteId.ne(rule.site_id))
            .one(db)
            .await?;
        if other_site.is_some() {
            return Err(AppError::invalid(
                "fixed_market_one_site",
                "site_id",
                t::FIXED_ONE_SITE,
            ));
        }
    }
    let planned = rota::plan(std::slice::from_ref(&rule));
    rota::refuse_conflicts(db, Some(market_id), &market.name, &planned, &[]).await?;
    let row = market_schedules::ActiveModel {
        market_id: Set(market_id),
        site_id: Set(rule.site_id),
        segment: Set(rule.segment.clone()),
        weekdays: Set(rule.weekdays.clone()),
        date_from: Set(rule.from),
        date_to: Set(rule.to),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let created = rota::insert_sessions(db, market_id, &planned).await?;
    audit::record(
        db,
        Change {
            actor: Some(user.id),
            entity: "market",
            entity_id: Some(market_id),
            action: "schedule_add",
            before: None,
            after: Some(json!({"row_id": row.id, "site_id": rule.site_id, "segment": rule.segment,
                "weekdays": rule.weekdays, "from": rule.from, "to": rule.to, "sessions_created": created})),
        },
    )
    .await?;
    Ok(created)
}
