//! Creating a market: validation of segments, schedule and categories, then the market and
//! every session of its schedule in one transaction (overlaps refused by the database).

use super::rota::{self, Rule};
use super::schedule::{self, MAX_SPAN_DAYS, SegmentTime};
use crate::audit::{self, Change};
use crate::error::{AppError, AppResult};
use crate::i18n::texts::markets as t;
use crate::identity::CurrentUser;
use chrono::Utc;
use entity::markets::MarketKind;
use entity::types::Weekdays;
use entity::{market_categories, market_schedules, market_segments, markets, sites};
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
    /// ISO weekdays, 1 = Monday; absent means every day, an empty list is refused.
    #[serde(default)]
    pub weekdays: Option<Vec<i64>>,
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

/// `name[i].part`, the field of a list item.
pub fn field(i: usize, name: &str, part: &str) -> String {
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

/// A market as validated, before anything is written.
pub struct Validated {
    /// Trimmed name.
    pub name: String,
    /// Fixed or mobile.
    pub kind: MarketKind,
    /// Segments with their hours.
    pub segments: Vec<(String, SegmentTime)>,
    /// The rota.
    pub rules: Vec<Rule>,
    /// Categories: name, food, smoky.
    pub categories: Vec<(String, bool, bool)>,
    /// Vendors choose their stalls.
    pub self_select: bool,
}

/// Validates and writes a market with its sessions; audited. Nothing is written on failure.
/// `user`, when given, must manage every site of the rota (another manager's site is a 404).
pub async fn create(
    db: &impl ConnectionTrait,
    actor: Option<i32>,
    new: NewMarket,
) -> AppResult<markets::Model> {
    let v = validate(db, None, &new).await?;
    write(db, actor, v).await
}

/// Creates a market for `user` (a manager only on their own sites).
pub async fn create_as(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    new: NewMarket,
) -> AppResult<markets::Model> {
    user.require_staff_writer()?;
    let v = validate(db, Some(user), &new).await?;
    write(db, Some(user.id), v).await
}

/// Validates a new market: its segments, rota and categories, and (for a manager) that every
/// site of the rota is theirs.
pub async fn validate(
    db: &impl ConnectionTrait,
    user: Option<&CurrentUser>,
    new: &NewMarket,
) -> AppResult<Validated> {
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
    let segments = validate_segments(&new.segments)?;
    if new.schedule.is_empty() {
        return Err(AppError::invalid(
            "invalid_schedule",
            "schedule",
            t::SCHEDULE_REQUIRED,
        ));
    }
    let mut rules = Vec::new();
    for (i, r) in new.schedule.iter().enumerate() {
        let rule = validate_rule(db, user, &segments, "schedule", i, r).await?;
        // A season a user opens in the past would create nights never held and count them in
        // the bureau's figures: refused, as for a schedule row added later. (The demo seed
        // writes its history with no user.)
        if user.is_some() {
            super::rows::refuse_past_start(&rule, &field(i, "schedule", "from"))?;
        }
        rules.push(rule);
    }
    if kind == MarketKind::Fixed && rules.iter().any(|r| r.site_id != rules[0].site_id) {
        return Err(AppError::invalid(
            "fixed_market_one_site",
            "schedule",
            t::FIXED_ONE_SITE,
        ));
    }
    let categories = validate_categories(new.categories.as_deref())?;
    Ok(Validated {
        name,
        kind,
        segments,
        rules,
        categories,
        self_select: new.self_select,
    })
}

/// Validates a market's categories; the standard set when absent.
pub fn validate_categories(list: Option<&[CategoryIn]>) -> AppResult<Vec<(String, bool, bool)>> {
    let Some(list) = list else {
        return Ok(crate::vendors::categories::STANDARD
            .iter()
            .map(|c| (c.name.to_owned(), c.food, c.smoky))
            .collect());
    };
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
    Ok(out)
}

/// Validates the segments: names, hours (start ≠ end), no two overlapping within the market.
pub fn validate_segments(list: &[SegmentIn]) -> AppResult<Vec<(String, SegmentTime)>> {
    let mut segments: Vec<(String, SegmentTime)> = Vec::new();
    for (i, s) in list.iter().enumerate() {
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
        let time = SegmentTime::parse(&s.start, &s.end).map_err(|e| {
            let (at, text) = e.field_and_text();
            AppError::invalid("invalid_time", field(i, "segments", at), text)
        })?;
        if let Some(j) = segments
            .iter()
            .position(|(_, other)| daily_overlap(&time, other))
        {
            return Err(AppError::invalid(
                "segment_overlap",
                field(i, "segments", "start"),
                crate::i18n::Msg::with(
                    "scheduling-segments-overlap",
                    [("other", segments[j].0.clone().into())],
                ),
            ));
        }
        segments.push((seg_name, time));
    }
    Ok(segments)
}

/// Whether two daily windows share a minute (either may cross midnight).
pub fn daily_overlap(a: &SegmentTime, b: &SegmentTime) -> bool {
    use chrono::Timelike;
    let span = |t: &SegmentTime| {
        let s = i64::from(t.start.hour() * 60 + t.start.minute());
        (s, s + t.minutes())
    };
    let (a0, a1) = span(a);
    let (b0, b1) = span(b);
    [-1440, 0, 1440]
        .iter()
        .any(|shift| a0 < b1 + shift && b0 + shift < a1)
}

/// Validates one schedule row of `list` (`schedule` or a single row) against the segments.
pub async fn validate_rule(
    db: &impl ConnectionTrait,
    user: Option<&CurrentUser>,
    segments: &[(String, SegmentTime)],
    list: &str,
    i: usize,
    r: &ScheduleIn,
) -> AppResult<Rule> {
    let field = |part: &str| {
        if list.is_empty() {
            part.to_owned()
        } else {
            field(i, list, part)
        }
    };
    let seg = r.segment.trim();
    let time = segments
        .iter()
        .find(|(n, _)| n == seg)
        .map(|(_, t)| *t)
        .ok_or_else(|| {
            AppError::invalid("unknown_segment", field("segment"), t::SEGMENT_UNKNOWN)
        })?;
    let weekdays = match &r.weekdays {
        None => Weekdays::EVERY_DAY,
        Some(list) if list.is_empty() => {
            return Err(AppError::invalid(
                "invalid_weekdays",
                field("weekdays"),
                crate::i18n::Msg::with("scheduling-weekdays-none", []),
            ));
        }
        Some(list) => parse_weekdays(list).ok_or_else(|| {
            AppError::invalid("invalid_weekdays", field("weekdays"), t::WEEKDAYS_INVALID)
        })?,
    };
    let from = schedule::parse_date(&r.from)
        .ok_or_else(|| AppError::invalid("invalid_date", field("from"), t::DATE_INVALID))?;
    let to = schedule::parse_date(&r.to)
        .ok_or_else(|| AppError::invalid("invalid_date", field("to"), t::DATE_INVALID))?;
    if to < from || (to - from).num_days() > MAX_SPAN_DAYS {
        return Err(AppError::invalid(
            "invalid_range",
            field("to"),
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
            field("site_id"),
            t::SITE_UNKNOWN,
        ));
    }
    if let Some(user) = user {
        // A site another manager looks after: 404, as if it did not exist.
        require_site(db, user, r.site_id).await?;
    }
    // Saturdays and Sundays between a Monday and a Friday: a row that opens nothing.
    if !from
        .iter_days()
        .take_while(|d| *d <= to)
        .any(|d| weekdays.matches(d))
    {
        return Err(AppError::invalid(
            "invalid_weekdays",
            field("weekdays"),
            crate::i18n::Msg::with(
                "scheduling-weekdays-none-in-range",
                [
                    ("from", from.to_string().into()),
                    ("to", to.to_string().into()),
                ],
            ),
        ));
    }
    Ok(Rule {
        site_id: r.site_id,
        segment: seg.to_owned(),
        time,
        weekdays,
        from,
        to,
    })
}

/// Writes a validated market, its segments, categories, rota and every session; audited.
/// 409 `session_overlap` naming the other market's session when one would overlap.
pub async fn write(
    db: &impl ConnectionTrait,
    actor: Option<i32>,
    v: Validated,
) -> AppResult<markets::Model> {
    let Validated {
        name,
        kind,
        segments,
        rules,
        categories,
        self_select,
    } = v;
    let planned = rota::plan(&rules);
    rota::refuse_conflicts(db, None, &name, &planned, &[]).await?;
    let now = Utc::now();
    let market = markets::ActiveModel {
        name: Set(name),
        kind: Set(kind),
        self_select: Set(self_select),
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
    }
    let session_count = rota::insert_sessions(db, market.id, &planned).await?;
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

/// A manager may schedule on the sites they manage and on sites no manager has been given yet
/// (the county's shared pavements); a site assigned only to other managers is a 404.
pub async fn require_site(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    site_id: i32,
) -> AppResult<()> {
    if user.role != crate::identity::Role::Manager {
        return Ok(());
    }
    let managers: Vec<i32> = entity::manager_sites::Entity::find()
        .filter(entity::manager_sites::Column::SiteId.eq(site_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect();
    if managers.is_empty() || managers.contains(&user.id) {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}
