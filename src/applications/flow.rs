//! Submitting, listing, deciding and withdrawing applications.

use crate::audit::{self, Change};
use crate::error::{AppError, AppResult};
use crate::i18n::{Msg, texts::applications as t, texts::markets as tm};
use crate::identity::{CurrentUser, Role};
use crate::markets::{access, create::parse_weekdays, queries as mq, schedule};
use crate::notices::{self, Outgoing};
use chrono::Utc;
use entity::applications::ApplicationStatus;
use entity::{applications, stalls, vendors};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

/// Every status, in the order of the queue's filter.
pub const STATUSES: &[ApplicationStatus] = ApplicationStatus::ALL;

/// An application as submitted.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NewApplication {
    /// The market.
    pub market_id: i32,
    /// First business date, `YYYY-MM-DD`.
    pub from: String,
    /// Last business date, `YYYY-MM-DD`.
    pub to: String,
    /// ISO weekdays (1 = Monday); empty or absent: every day.
    #[serde(default)]
    pub weekdays: Vec<i64>,
    /// Segment names; empty or absent: every segment.
    #[serde(default)]
    pub segments: Vec<String>,
    /// Trade category, one the market admits.
    pub category: String,
    /// Needs electric power.
    #[serde(default)]
    pub needs_power: bool,
    /// Stall codes, most wanted first (at most 10).
    #[serde(default)]
    pub preferred_stalls: Vec<String>,
}

/// An application as the API shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ApplicationItem {
    /// Id.
    pub id: i32,
    /// The vendor.
    pub vendor_id: i32,
    /// The vendor's name.
    pub vendor_name: String,
    /// The market.
    pub market_id: i32,
    /// First business date.
    pub from: String,
    /// Last business date.
    pub to: String,
    /// ISO weekdays (empty: every day).
    pub weekdays: Vec<u8>,
    /// Segment names (empty: every segment).
    pub segments: Vec<String>,
    /// Trade category.
    pub category: String,
    /// Needs power.
    pub needs_power: bool,
    /// Preferred stall codes, ranked.
    pub preferred_stalls: Vec<String>,
    /// `submitted`, `approved`, `waitlisted`, `rejected` or `withdrawn`.
    #[schema(value_type = String)]
    pub status: ApplicationStatus,
    /// The manager's reason.
    pub reason: Option<String>,
    /// When it was decided (RFC 3339).
    pub decided_at: Option<String>,
    /// When it was submitted (RFC 3339).
    pub created_at: String,
}

/// Builds the API view.
pub async fn item(db: &impl ConnectionTrait, a: applications::Model) -> AppResult<ApplicationItem> {
    let name = vendors::Entity::find_by_id(a.vendor_id)
        .one(db)
        .await?
        .map(|v| v.name)
        .unwrap_or_default();
    Ok(to_item(a, name))
}

fn to_item(a: applications::Model, vendor_name: String) -> ApplicationItem {
    ApplicationItem {
        id: a.id,
        vendor_id: a.vendor_id,
        vendor_name,
        market_id: a.market_id,
        from: a.date_from.to_string(),
        to: a.date_to.to_string(),
        weekdays: a.weekdays.to_vec(),
        segments: a.segments.0,
        category: a.category,
        needs_power: a.needs_power,
        preferred_stalls: a.preferred_stalls.0,
        status: a.status,
        reason: a.reason,
        decided_at: a.decided_at.map(|d| d.to_rfc3339()),
        created_at: a.created_at.to_rfc3339(),
    }
}

/// Validates and stores a vendor's application; audited. Nothing is written on failure.
pub async fn submit(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    new: NewApplication,
) -> AppResult<applications::Model> {
    let vendor_id = match (user.role, user.vendor_id) {
        (Role::Vendor, Some(v)) => v,
        _ => return Err(AppError::Forbidden),
    };
    // One application of a vendor at a time: a copy sent at once (a double tap on
    // PostgreSQL, where writers run side by side) waits here and then finds the first.
    crate::db::lock_rows(db, "vendors", &[vendor_id], crate::db::RowLock::Update).await?;
    let vendor = vendors::Entity::find_by_id(vendor_id)
        .one(db)
        .await?
        .ok_or(AppError::Forbidden)?;
    let market = mq::find_market(db, new.market_id)
        .await?
        .ok_or_else(|| AppError::invalid("unknown_market", "market_id", tm::MARKET_UNKNOWN))?;
    crate::conduct::demerits::require_not_suspended(db, vendor.id, crate::clock::today()).await?;
    // An empty date is a day not chosen yet, not a badly written one.
    let date = |text: &str, field: &'static str, missing| {
        if text.trim().is_empty() {
            return Err(AppError::invalid("invalid_date", field, missing));
        }
        schedule::parse_date(text)
            .ok_or_else(|| AppError::invalid("invalid_date", field, tm::DATE_INVALID))
    };
    let from = date(&new.from, "from", t::FROM_MISSING)?;
    let to = date(&new.to, "to", t::TO_MISSING)?;
    if to < from || (to - from).num_days() > schedule::MAX_SPAN_DAYS {
        return Err(AppError::invalid("invalid_range", "to", tm::RANGE_INVALID));
    }
    if from < crate::clock::today() {
        return Err(AppError::invalid("date_past", "from", t::DATE_PAST));
    }
    let rules = super::season::require_within(db, market.id, from, to).await?;
    let weekdays = parse_weekdays(&new.weekdays)
        .ok_or_else(|| AppError::invalid("invalid_weekdays", "weekdays", tm::WEEKDAYS_INVALID))?;
    let known: Vec<String> = mq::segments_of(db, &[market.id])
        .await?
        .into_iter()
        .map(|s| s.name)
        .collect();
    let mut segments: Vec<String> = Vec::new();
    for s in &new.segments {
        let s = s.trim().to_owned();
        if !known.contains(&s) {
            return Err(AppError::invalid(
                "unknown_segment",
                "segments",
                t::SEGMENT_UNKNOWN,
            ));
        }
        if !segments.contains(&s) {
            segments.push(s);
        }
    }
    let category = new.category.trim().to_owned();
    let admitted = mq::categories_of(db, market.id).await?;
    let Some(cat) = admitted.iter().find(|c| c.name == category) else {
        return Err(AppError::invalid(
            "unknown_category",
            "category",
            t::CATEGORY_UNKNOWN,
        ));
    };
    if cat.food && !crate::vendors::health_cert_valid(&vendor, from) {
        return Err(AppError::invalid(
            "health_cert_expired",
            "category",
            t::HEALTH_CERT,
        ));
    }
    let mut preferred: Vec<String> = Vec::new();
    for code in &new.preferred_stalls {
        let code = code.trim().to_uppercase();
        if !preferred.contains(&code) {
            preferred.push(code);
        }
    }
    if preferred.len() > 10 {
        return Err(AppError::invalid(
            "too_many_stalls",
            "preferred_stalls",
            t::TOO_MANY_STALLS,
        ));
    }
    if !preferred.is_empty() {
        let site_ids: Vec<i32> = rules.iter().map(|r| r.site_id).collect();
        let found = stalls::Entity::find()
            .filter(stalls::Column::Code.is_in(preferred.clone()))
            .filter(stalls::Column::SiteId.is_in(site_ids))
            .count(db)
            .await?;
        if found != preferred.len() as u64 {
            return Err(AppError::invalid(
                "unknown_stall",
                "preferred_stalls",
                t::STALL_UNKNOWN,
            ));
        }
    }
    let wanted = applications::Model {
        id: 0,
        vendor_id,
        market_id: market.id,
        date_from: from,
        date_to: to,
        weekdays,
        segments: segments.into(),
        category,
        needs_power: new.needs_power,
        preferred_stalls: preferred.into(),
        status: ApplicationStatus::Submitted,
        reason: None,
        decided_by: None,
        decided_at: None,
        created_at: Utc::now(),
    };
    if let Some(first) = super::twin::pending_twin(db, &wanted).await? {
        return Ok(first);
    }
    let mut fresh = sea_orm::IntoActiveModel::into_active_model(wanted).reset_all();
    fresh.id = sea_orm::ActiveValue::NotSet;
    let app = fresh.insert(db).await?;
    audit::record(
        db,
        Change {
            actor: Some(user.id),
            entity: "application",
            entity_id: Some(app.id),
            action: "submit",
            before: None,
            after: Some(json!(to_item(app.clone(), vendor.name))),
        },
    )
    .await?;
    Ok(app)
}

/// Applications the caller may see, optionally of one status and one market, by id.
pub async fn list(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    status: Option<&str>,
    market_id: Option<i32>,
    limit: u64,
    offset: u64,
) -> AppResult<(Vec<ApplicationItem>, u64)> {
    let mut query = applications::Entity::find();
    if let Some(s) = status {
        let Some(s) = ApplicationStatus::parse(s) else {
            return Err(AppError::invalid(
                "invalid_status",
                "status",
                t::STATUS_INVALID,
            ));
        };
        query = query.filter(applications::Column::Status.eq(s));
    }
    if let Some(m) = market_id {
        query = query.filter(applications::Column::MarketId.eq(m));
    }
    if user.role == Role::Vendor {
        query = query.filter(applications::Column::VendorId.eq(user.vendor_id.unwrap_or(-1)));
    } else if let Some(markets) = access::managed_markets(db, user).await? {
        query = query.filter(applications::Column::MarketId.is_in(markets));
    }
    let total = query.clone().count(db).await?;
    let rows = query
        .order_by_asc(applications::Column::Id)
        .limit(limit)
        .offset(offset)
        .all(db)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|a| a.vendor_id).collect();
    let names: std::collections::HashMap<i32, String> = vendors::Entity::find()
        .select_only()
        .column(vendors::Column::Id)
        .column(vendors::Column::Name)
        .filter(vendors::Column::Id.is_in(ids))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let items = rows
        .into_iter()
        .map(|a| {
            let name = names.get(&a.vendor_id).cloned().unwrap_or_default();
            to_item(a, name)
        })
        .collect();
    Ok((items, total))
}

/// The application if the caller may see it; 404 otherwise (also for other vendors').
pub async fn visible(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i32,
) -> AppResult<applications::Model> {
    let app = applications::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let allowed = match user.role {
        Role::Vendor => user.vendor_id == Some(app.vendor_id),
        Role::Admin | Role::Bureau => true,
        Role::Manager => match mq::find_market(db, app.market_id).await? {
            Some(m) => access::can_manage(db, user, &m).await?,
            None => false,
        },
    };
    if allowed {
        Ok(app)
    } else {
        Err(AppError::NotFound)
    }
}

/// A manager's decision.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct Decision {
    /// `approve`, `reject` or `waitlist`.
    pub decision: String,
    /// Why (shown to the vendor; at most 500 characters).
    #[serde(default)]
    pub reason: Option<String>,
}

/// Decides an application (managers of its market and admins); audited; the vendor is told.
pub async fn decide(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i32,
    decision: Decision,
) -> AppResult<(applications::Model, Vec<Outgoing>)> {
    user.require_staff_writer()?;
    let app = applications::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let market = mq::find_market(db, app.market_id)
        .await?
        .ok_or(AppError::NotFound)?;
    access::require_manage(db, user, &market).await?;
    use ApplicationStatus::{Approved, Rejected, Submitted, Waitlisted};
    let (status, allowed_from): (ApplicationStatus, &[ApplicationStatus]) =
        match decision.decision.trim() {
            "approve" => (Approved, &[Submitted, Waitlisted]),
            "waitlist" => (Waitlisted, &[Submitted]),
            "reject" => (Rejected, &[Submitted, Waitlisted]),
            _ => {
                return Err(AppError::invalid(
                    "invalid_decision",
                    "decision",
                    t::DECISION_INVALID,
                ));
            }
        };
    let reason = decision
        .reason
        .map(|r| r.trim().to_owned())
        .filter(|r| !r.is_empty());
    if reason.as_ref().is_some_and(|r| r.chars().count() > 500) {
        return Err(AppError::invalid(
            "invalid_reason",
            "reason",
            t::REASON_TOO_LONG,
        ));
    }
    if !allowed_from.contains(&app.status) {
        return Err(AppError::conflict("invalid_transition", t::TRANSITION));
    }
    let before = app.status;
    let vendor = vendors::Entity::find_by_id(app.vendor_id).one(db).await?;
    // Only from the status just read: of two managers deciding at once, the second finds the
    // row changed (PostgreSQL re-checks the WHERE after the first commits) and gets a 409.
    let updated = applications::Entity::update_many()
        .col_expr(applications::Column::Status, Expr::value(status))
        .col_expr(applications::Column::Reason, Expr::value(reason.clone()))
        .col_expr(applications::Column::DecidedBy, Expr::value(Some(user.id)))
        .col_expr(
            applications::Column::DecidedAt,
            Expr::value(Some(Utc::now())),
        )
        .filter(applications::Column::Id.eq(app.id))
        .filter(applications::Column::Status.eq(before))
        .exec(db)
        .await?;
    if updated.rows_affected != 1 {
        return Err(AppError::conflict("invalid_transition", t::TRANSITION));
    }
    let app = applications::Entity::find_by_id(app.id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    audit::record(
        db,
        Change {
            actor: Some(user.id),
            entity: "application",
            entity_id: Some(app.id),
            action: "decide",
            before: Some(json!({ "status": before })),
            after: Some(json!({ "status": status, "reason": reason })),
        },
    )
    .await?;
    let mut out = Vec::new();
    if let Some(v) = vendor {
        let label = status_label(&status);

        // The reason said as one ("原因：…。"), or nothing when none was given.
        let why: crate::i18n::Arg = match reason.as_deref().map(str::trim) {
            Some(r) if !r.is_empty() => {
                Msg::with("applications-notice-reason", [("reason", r.into())]).into()
            }
            _ => "".into(),
        };
        out.push(
            notices::write(
                db,
                v.user_id,
                "application_decided",
                Msg::with(
                    "applications-notice-decided",
                    [
                        ("market", (&market.name).into()),
                        ("from", app.date_from.to_string().into()),
                        ("to", app.date_to.to_string().into()),
                        ("status", label.into()),
                        ("reason", why),
                    ],
                ),
            )
            .await?,
        );
    }
    Ok((app, out))
}

/// The owner withdraws; audited.
pub async fn withdraw(db: &impl ConnectionTrait, user: &CurrentUser, id: i32) -> AppResult<()> {
    if user.role != Role::Vendor {
        return Err(AppError::Forbidden);
    }
    let app = visible(db, user, id).await?;
    use ApplicationStatus::{Approved, Submitted, Waitlisted};
    if !matches!(app.status, Submitted | Approved | Waitlisted) {
        return Err(AppError::conflict("invalid_transition", t::TRANSITION));
    }
    let before = app.status;
    let mut active = app.into_active_model();
    active.status = Set(ApplicationStatus::Withdrawn);
    let app = active.update(db).await?;
    audit::record(
        db,
        Change {
            actor: Some(user.id),
            entity: "application",
            entity_id: Some(app.id),
            action: "withdraw",
            before: Some(json!({ "status": before })),
            after: Some(json!({ "status": ApplicationStatus::Withdrawn })),
        },
    )
    .await?;
    Ok(())
}

/// A status in words.
pub fn status_label(status: &ApplicationStatus) -> crate::i18n::T {
    match status {
        ApplicationStatus::Approved => t::APPROVED,
        ApplicationStatus::Waitlisted => t::WAITLISTED,
        ApplicationStatus::Rejected => t::REJECTED,
        ApplicationStatus::Withdrawn => t::WITHDRAWN,
        ApplicationStatus::Submitted => t::SUBMITTED,
    }
}
