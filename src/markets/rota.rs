//! The sessions a rota makes, and the conflicts they would have with other sessions on the
//! same site: checked before anything is written, so a 409 can name the other market's
//! session (the database's overlap guard stays the last word under races).

use super::schedule::{self, SegmentTime};
use crate::error::AppError;
use crate::i18n::Msg;
use chrono::{DateTime, NaiveDate, Utc};
use entity::market_sessions::SessionStatus;
use entity::types::Weekdays;
use entity::{market_sessions, markets};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use serde::Serialize;
use std::collections::HashMap;
use utoipa::ToSchema;

/// A validated schedule row: a segment on a site on some weekdays of a date range.
#[derive(Clone, Debug)]
pub struct Rule {
    /// The site.
    pub site_id: i32,
    /// The segment's name.
    pub segment: String,
    /// The segment's hours.
    pub time: SegmentTime,
    /// ISO weekdays (empty: every day).
    pub weekdays: Weekdays,
    /// First business date.
    pub from: NaiveDate,
    /// Last business date.
    pub to: NaiveDate,
}

/// A session a rota would create.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Planned {
    /// The site.
    pub site_id: i32,
    /// The segment's name.
    pub segment: String,
    /// Business date.
    pub date: NaiveDate,
    /// Opens (UTC).
    pub starts_at: DateTime<Utc>,
    /// Closes (UTC).
    pub ends_at: DateTime<Utc>,
}

/// Every session of `rules`, in rule order then date order.
pub fn plan(rules: &[Rule]) -> Vec<Planned> {
    let mut out = Vec::new();
    for rule in rules {
        for date in schedule::dates(rule.from, rule.to, &rule.weekdays) {
            let (starts_at, ends_at) = rule.time.window(date);
            out.push(Planned {
                site_id: rule.site_id,
                segment: rule.segment.clone(),
                date,
                starts_at,
                ends_at,
            });
        }
    }
    out
}

/// A planned session that would overlap a scheduled one on the same site.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Conflict {
    /// The site.
    pub site_id: i32,
    /// The planned session's business date.
    pub date: String,
    /// The planned session's segment.
    pub segment: String,
    /// The other session (absent when two rows of the same rota overlap each other).
    pub other_session_id: Option<i32>,
    /// The other session's market.
    pub other_market_id: i32,
    /// The other market's name.
    pub other_market_name: String,
    /// The other session's business date.
    pub other_date: String,
    /// The other session's segment.
    pub other_segment: String,
    /// The other session's hours, local `HH:MM–HH:MM`.
    pub other_hours: String,
}

/// Every planned session that overlaps a scheduled session on its site (other than those in
/// `ignore`, e.g. the sessions being moved) or another planned session; at most `limit`.
pub async fn conflicts(
    db: &impl ConnectionTrait,
    market_id: Option<i32>,
    market_name: &str,
    planned: &[Planned],
    ignore: &[i32],
    limit: usize,
) -> Result<Vec<Conflict>, DbErr> {
    let mut out = Vec::new();
    if planned.is_empty() {
        return Ok(out);
    }
    let mut by_site: HashMap<i32, Vec<&Planned>> = HashMap::new();
    for p in planned {
        by_site.entry(p.site_id).or_default().push(p);
    }
    let mut names: HashMap<i32, String> = HashMap::new();
    for (site_id, mut mine) in by_site {
        mine.sort_by_key(|p| p.starts_at);
        let first = mine[0].starts_at;
        let last = mine.iter().map(|p| p.ends_at).max().unwrap_or(first);
        let mut existing = market_sessions::Entity::find()
            .filter(market_sessions::Column::SiteId.eq(site_id))
            .filter(market_sessions::Column::Status.eq(SessionStatus::Scheduled))
            .filter(market_sessions::Column::StartsAt.lt(last))
            .filter(market_sessions::Column::EndsAt.gt(first))
            .all(db)
            .await?;
        existing.retain(|s| !ignore.contains(&s.id));
        existing.sort_by_key(|s| s.starts_at);
        for m in existing.iter().map(|s| s.market_id) {
            if let std::collections::hash_map::Entry::Vacant(e) = names.entry(m) {
                let name = markets::Entity::find_by_id(m)
                    .one(db)
                    .await?
                    .map_or(String::new(), |x| x.name);
                e.insert(name);
            }
        }
        // A sweep over both sorted lists: each planned session against the existing ones
        // still open at its start, and against the previous planned session.
        let mut j = 0;
        for (i, p) in mine.iter().enumerate() {
            while j < existing.len() && existing[j].ends_at <= p.starts_at {
                j += 1;
            }
            let hit = existing[j..]
                .iter()
                .take_while(|s| s.starts_at < p.ends_at)
                .find(|s| s.ends_at > p.starts_at);
            if let Some(s) = hit {
                out.push(Conflict {
                    site_id,
                    date: p.date.to_string(),
                    segment: p.segment.clone(),
                    other_session_id: Some(s.id),
                    other_market_id: s.market_id,
                    other_market_name: names.get(&s.market_id).cloned().unwrap_or_default(),
                    other_date: s.business_date.to_string(),
                    other_segment: s.segment.clone(),
                    other_hours: format!(
                        "{}–{}",
                        schedule::local_hhmm(s.starts_at),
                        schedule::local_hhmm(s.ends_at)
                    ),
                });
            } else if let Some(q) = mine[..i]
                .iter()
                .rev()
                .find(|q| q.ends_at > p.starts_at && q.starts_at < p.ends_at)
            {
                out.push(Conflict {
                    site_id,
                    date: p.date.to_string(),
                    segment: p.segment.clone(),
                    other_session_id: None,
                    other_market_id: market_id.unwrap_or(0),
                    other_market_name: market_name.to_owned(),
                    other_date: q.date.to_string(),
                    other_segment: q.segment.clone(),
                    other_hours: format!(
                        "{}–{}",
                        schedule::local_hhmm(q.starts_at),
                        schedule::local_hhmm(q.ends_at)
                    ),
                });
            }
            if out.len() >= limit {
                return Ok(out);
            }
        }
    }
    out.sort_by(|a, b| a.date.cmp(&b.date));
    Ok(out)
}

/// The 409 `session_overlap` naming the other market's session.
pub fn overlap_error(c: &Conflict) -> AppError {
    AppError::conflict(
        "session_overlap",
        Msg::with(
            "scheduling-overlap-named",
            [
                ("date", c.date.clone().into()),
                ("segment", c.segment.clone().into()),
                ("market", c.other_market_name.clone().into()),
                ("other_date", c.other_date.clone().into()),
                ("other_segment", c.other_segment.clone().into()),
                ("hours", c.other_hours.clone().into()),
            ],
        ),
    )
}

/// Refuses with the first conflict, if any.
pub async fn refuse_conflicts(
    db: &impl ConnectionTrait,
    market_id: Option<i32>,
    market_name: &str,
    planned: &[Planned],
    ignore: &[i32],
) -> Result<(), AppError> {
    match conflicts(db, market_id, market_name, planned, ignore, 1)
        .await?
        .first()
    {
        Some(c) => Err(overlap_error(c)),
        None => Ok(()),
    }
}

/// Inserts the planned sessions of a market, 500 rows a statement.
pub async fn insert_sessions(
    db: &impl ConnectionTrait,
    market_id: i32,
    planned: &[Planned],
) -> Result<usize, AppError> {
    let now = Utc::now();
    for chunk in planned.chunks(500) {
        market_sessions::Entity::insert_many(chunk.iter().map(|p| market_sessions::ActiveModel {
            market_id: sea_orm::Set(market_id),
            site_id: sea_orm::Set(p.site_id),
            business_date: sea_orm::Set(p.date),
            segment: sea_orm::Set(p.segment.clone()),
            starts_at: sea_orm::Set(p.starts_at),
            ends_at: sea_orm::Set(p.ends_at),
            status: sea_orm::Set(SessionStatus::Scheduled),
            cancel_reason: sea_orm::Set(None),
            created_at: sea_orm::Set(now),
            ..Default::default()
        }))
        .exec_without_returning(db)
        .await
        .map_err(super::create::map_session_error)?;
    }
    Ok(planned.len())
}
