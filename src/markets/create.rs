//! Creating a market: validation of segments, schedule and categories, then the market and
//! every session of its schedule in one transaction (overlaps refused by the database).

use super::schedule::{self, MAX_SPAN_DAYS, SegmentError, SegmentTime};
use crate::audit::{self, Change};
use crate::error::{AppError, AppResult};
use crate::i18n::texts::markets as t;
use chrono::{NaiveDate, Utc};
use entity::market_sessions::SessionStatus;
use entity::markets::MarketKind;
use entity::types::Weekdays;
use entity::{
    market_categories, market_schedules, market_segments, market_sessions, markets, sites,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, Set,
};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

/// A segment as submitted.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct SegmentIn {
    /// Name, e.g. 夜市.
    pub name: String,
    /// Local `HH:MM`.
    pub start: String,
    /// Local `HH:MM`; before `start` when the segment crosses midnight.
    pub end: String,
}

/// A schedule rule as submitted.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct ScheduleIn {
    /// The site.
    pub site_id: i32,
    /// The segment's name.
    pub segment: String,
    /// ISO weekdays, 1 = Monday; empty or absent means every day.
    #[serde(default)]
    pub weekdays: Vec<i64>,
    /// First business date, `YYYY-MM-DD`.
    pub from: String,
    /// Last business date, `YYYY-MM-DD`.
    pub to: String,
}

/// A category as submitted.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct CategoryIn {
    /// Name, e.g. 小吃餐饮.
    pub name: String,
    /// Needs a health certificate.
    #[serde(default)]
    pub food: bool,
    /// Only where a zone allows smoke.
    #[serde(default)]
    pub smoky: bool,
}

/// A new market.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewMarket {
    /// Name, e.g. 文昌路夜市.
    pub name: String,
    /// `fixed` or `mobile`.
    pub kind: String,
    /// Daily time windows.
    pub segments: Vec<SegmentIn>,
    /// Where and when each segment runs.
    pub schedule: Vec<ScheduleIn>,
    /// Admitted categories; the standard set when absent.
    #[serde(default)]
    pub categories: Option<Vec<CategoryIn>>,
    /// Vendors may book stalls themselves.
    #[serde(default)]
    pub self_select: bool,
}

/// A validated schedule rule.
struct Rule {
    site_id: i32,
    segment: String,
    time: SegmentTime,
    weekdays: Weekdays,

    from: NaiveDate,
    to: NaiveDate,
}

fn field(i: usize, name: &str, part: &str) -> String {
    format!("{name}[{i}].{part}")
}

/// Maps a database error from writing sessions: an overlap is a 409 `session_overlap`.
pub fn map_session_error(err: DbErr) -> AppError {
    if err.to_string().contains("session_overlap") {
        AppError::conflict("session_overlap", t::SESSION_OVERLAP)
    } else {
        err.into()
    }
}

/// Validates and writes a market with its sessions; audited. Nothing is written on failure.
pub async fn create(
    db: &impl ConnectionTrait,
    actor: Option<i32>,
    new: NewMarket,
) -> AppResult<markets::Model> {
    let name = new.name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 60 {
        return Err(AppError::invalid("invalid_name", "name", t::NAME_REQUIRED));
    }
    let Some(kind) = MarketKind::parse(new.kind.trim()) else {
        return Err(AppError::invalid("invalid_kind", "kind", t::KIND_INVALID));
    };
    if new.segments.is_empty() {
        return Err(AppError::invalid(
            "invalid_segment",
            "segments",
            t::SEGMENTS_REQUIRED,
        ));
    }
    let mut segments: Vec<(String, SegmentTime)> = Vec::new();
    for (i, s) in new.segments.iter().enumerate() {
        let seg_name = s.name.trim().to_owned();
        if seg_name.is_empty() || seg_name.chars().count() > 20 {
            return Err(AppError::invalid(
                "invalid_segment",
                field(i, "segments", "name"),
                t::NAME_REQUIRED,
            ));
        }
        if segments.iter().any(|(n, _)| *n == seg_name) {
            return Err(AppError::invalid(
                "invalid_segment",
                field(i, "segments", "name"),
                t::SEGMENT_DUPLICATE,
            ));
        }
        let time = SegmentTime::parse(&s.start, &s.end).map_err(|e| match e {
            SegmentError::BadTime => AppError::invalid(
                "invalid_time",
                field(i, "segments", "start"),
                t::SEGMENT_TIME,
            ),
            SegmentError::Empty => AppError::invalid(
                "invalid_time",
                field(i, "segments", "end"),
                t::SEGMENT_EMPTY,
            ),
        })?;
        segments.push((seg_name, time));
    }
    if new.schedule.is_empty() {
        return Err(AppError::invalid(
            "invalid_schedule",
            "schedule",
            t::SCHEDULE_REQUIRED,
        ));
    }
    let mut rules = Vec::new();
    for (i, r) in new.schedule.iter().enumerate() {
        let seg = r.segment.trim();
        let time = segments
            .iter()
            .find(|(n, _)| n == seg)
            .map(|(_, t)| *t)
            .ok_or_else(|| {
                AppError::invalid(
                    "unknown_segment",
                    field(i, "schedule", "segment"),
                    t::SEGMENT_UNKNOWN,
                )
            })?;
        let weekdays = parse_weekdays(&r.weekdays).ok_or_else(|| {
            AppError::invalid(
                "invalid_weekdays",
                field(i, "schedule", "weekdays"),
                t::WEEKDAYS_INVALID,
            )
        })?;
        let from = schedule::parse_date(&r.from).ok_or_else(|| {
            AppError::invalid(
                "invalid_date",
                field(i, "schedule", "from"),
                t::DATE_INVALID,
            )
        })?;
        let to = schedule::parse_date(&r.to).ok_or_else(|| {
            AppError::invalid("invalid_date", field(i, "schedule", "to"), t::DATE_INVALID)
        })?;
        if to < from || (to - from).num_days() > MAX_SPAN_DAYS {
            return Err(AppError::invalid(
                "invalid_range",
                field(i, "schedule", "to"),
                t::RANGE_INVALID,
            ));
        }
        let site_exists = sites::Entity::find()
            .filter(sites::Column::Id.eq(r.site_id))
            .count(db)
            .await?
            > 0;
        if !site_exists {
            return Err(AppError::invalid(
                "unknown_site",
                field(i, "schedule", "site_id"),
                t::SITE_UNKNOWN,
            ));
        }
        rules.push(Rule {
            site_id: r.site_id,
            segment: seg.to_owned(),
            time,
            weekdays,
            from,
            to,
        });
    }
    if kind == MarketKind::Fixed && rules.iter().any(|r| r.site_id != rules[0].site_id) {
        return Err(AppError::invalid(
            "fixed_market_one_site",
            "schedule",
            t::FIXED_ONE_SITE,
        ));
    }
    let categories: Vec<(String, bool, bool)> = match &new.categories {
        None => crate::vendors::categories::STANDARD
            .iter()
            .map(|c| (c.name.to_owned(), c.food, c.smoky))
            .collect(),
        Some(list) => {
            let mut out: Vec<(String, bool, bool)> = Vec::new();
            for (i, c) in list.iter().enumerate() {
                let n = c.name.trim().to_owned();
                if n.is_empty() || n.chars().count() > 20 || out.iter().any(|(o, _, _)| *o == n) {
                    return Err(AppError::invalid(
                        "invalid_category",
                        field(i, "categories", "name"),
                        t::CATEGORY_INVALID,
                    ));
                }
                out.push((n, c.food, c.smoky));
            }
            if out.is_empty() {
                return Err(AppError::invalid(
                    "invalid_category",
                    "categories",
                    t::CATEGORY_INVALID,
                ));
            }
            out
        }
    };

    let now = Utc::now();
    let market = markets::ActiveModel {
        name: Set(name),
        kind: Set(kind),
        self_select: Set(new.self_select),
        created_by: Set(actor),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    market_segments::Entity::insert_many(segments.iter().map(|(n, time)| {
        market_segments::ActiveModel {
            market_id: Set(market.id),
            name: Set(n.clone()),
            start_time: Set(schedule::hhmm(time.start)),
            end_time: Set(schedule::hhmm(time.end)),
            ..Default::default()
        }
    }))
    .exec(db)
    .await?;
    market_categories::Entity::insert_many(categories.iter().map(|(n, food, smoky)| {
        market_categories::ActiveModel {
            market_id: Set(market.id),
            name: Set(n.clone()),
            food: Set(*food),
            smoky: Set(*smoky),
            ..Default::default()
        }
    }))
    .exec(db)
    .await?;
    let mut sessions = Vec::new();
    for rule in &rules {
        market_schedules::ActiveModel {
            market_id: Set(market.id),
            site_id: Set(rule.site_id),
            segment: Set(rule.segment.clone()),
            weekdays: Set(rule.weekdays.clone()),
            date_from: Set(rule.from),
            date_to: Set(rule.to),
            ..Default::default()
        }
        .insert(db)
        .await?;
        for date in schedule::dates(rule.from, rule.to, &rule.weekdays) {
            let (starts_at, ends_at) = rule.time.window(date);
            sessions.push(market_sessions::ActiveModel {
                market_id: Set(market.id),
                site_id: Set(rule.site_id),
                business_date: Set(date),
                segment: Set(rule.segment.clone()),
                starts_at: Set(starts_at),
                ends_at: Set(ends_at),
                status: Set(SessionStatus::Scheduled),
                cancel_reason: Set(None),
                created_at: Set(now),
                ..Default::default()
            });
        }
    }
    let session_count = sessions.len();
    let mut rest = sessions;
    while !rest.is_empty() {
        let tail = rest.split_off(rest.len().min(500));
        market_sessions::Entity::insert_many(rest)
            .exec(db)
            .await
            .map_err(map_session_error)?;
        rest = tail;
    }
    audit::record(
        db,
        Change {
            actor,
            entity: "market",
            entity_id: Some(market.id),
            action: "create",
            before: None,
            after: Some(json!({
                "name": market.name,
                "kind": market.kind,
                "self_select": market.self_select,
                "segments": segments.iter().map(|(n, t)| json!({"name": n, "start": schedule::hhmm(t.start), "end": schedule::hhmm(t.end)})).collect::<Vec<_>>(),
                "schedule": rules.iter().map(|r| json!({"site_id": r.site_id, "segment": r.segment, "weekdays": r.weekdays, "from": r.from, "to": r.to})).collect::<Vec<_>>(),
                "categories": categories.iter().map(|(n, f, s)| json!({"name": n, "food": f, "smoky": s})).collect::<Vec<_>>(),
                "sessions": session_count,
            })),
        },
    )
    .await?;
    Ok(market)
}

/// Weekdays 1–7, sorted and deduplicated; `None` if any is out of range.
pub fn parse_weekdays(raw: &[i64]) -> Option<Weekdays> {
    Weekdays::from_iso(raw)
}
