//! The use cases of inspections: a manager records one (catalogue items, notes, photos) of a
//! booked stall in a session; its vendor appeals once within 14 days; a manager upholds or
//! cancels it (cancelling removes its points). Each writes its audit row and tells the vendor.

use super::catalogue::{self, APPEAL_DAYS};
use super::demerits;
use crate::audit::{self, Change};
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::i18n::{Msg, texts::night as t};
use crate::identity::{CurrentUser, Role};
use crate::markets::{access, queries as mq};
use crate::notices::{self, Notifier, Outgoing};
use chrono::{DateTime, Duration, Utc};
use entity::inspections::{AppealStatus, InspectionStatus};
use entity::{bookings, inspection_items, inspections, vendors};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, JoinType, QueryFilter, QuerySelect, RelationTrait, Set,
};
use serde_json::json;

/// Longest note or appeal text, in characters.
pub const MAX_TEXT: usize = 1000;

/// One item as a manager records it.
#[derive(Debug, Clone)]
pub struct NewItem {
    /// A catalogue code.
    pub code: String,
    /// Optional words.
    pub note: Option<String>,
    /// The points, when the caller states them: they must be the catalogue's.
    pub points: Option<i64>,
}

/// An inspection to record.
#[derive(Debug)]
pub struct NewInspection {
    /// The session.
    pub session_id: i32,
    /// The stall (booked in that session).
    pub stall_id: i32,
    /// At least one item.
    pub items: Vec<NewItem>,
    /// Photos that passed [`super::photos::check`], stored with the inspection.
    pub photos: Vec<super::photos::Photo>,
}

/// What was recorded.
#[derive(Debug, Clone, Copy)]
pub struct Recorded {
    /// The inspection.
    pub id: i32,
    /// The booked vendor.
    pub vendor_id: i32,
    /// Its points.
    pub points: i32,
}

/// A trimmed optional text, at most [`MAX_TEXT`] characters; `field` names it in the 422.
pub fn optional_text(text: Option<&str>, field: &str) -> AppResult<Option<String>> {
    match text.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) if s.chars().count() > MAX_TEXT => {
            Err(AppError::invalid("text_too_long", field, t::TEXT_TOO_LONG))
        }
        Some(s) => Ok(Some(s.to_owned())),
    }
}

/// Checks the items against the catalogue: (code, points, note) each.
fn check_items(items: &[NewItem]) -> AppResult<Vec<(&'static str, i32, Option<String>)>> {
    if items.is_empty() {
        return Err(AppError::invalid(
            "items_required",
            "items",
            t::ITEMS_REQUIRED,
        ));
    }
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let Some(code) = catalogue::find(item.code.trim()) else {
            return Err(AppError::invalid(
                "unknown_code",
                "items",
                Msg::with("night-unknown-code", [("code", item.code.clone().into())]),
            ));
        };
        if let Some(p) = item.points
            && p != i64::from(code.points)
        {
            return Err(AppError::invalid(
                "points_not_in_catalogue",
                "items",
                Msg::with(
                    "night-points-not-in-catalogue",
                    [("code", code.code.into()), ("points", code.points.into())],
                ),
            ));
        }
        if out.iter().any(|(c, _, _)| *c == code.code) {
            return Err(AppError::invalid(
                "duplicate_code",
                "items",
                t::DUPLICATE_CODE,
            ));
        }
        out.push((
            code.code,
            code.points,
            optional_text(item.note.as_deref(), "items")?,
        ));
    }
    Ok(out)
}

/// Records an inspection (managers of the session's market, admins); the vendor is told.
pub async fn record(
    db: &DatabaseConnection,
    notifier: &dyn Notifier,
    user: &CurrentUser,
    new: NewInspection,
) -> AppResult<Recorded> {
    let checked = check(db, user, new).await?;
    let txn = begin_write(db).await?;
    let (recorded, out) = write(&txn, user, checked).await?;
    txn.commit().await?;
    notices::deliver_all(notifier, &out);
    Ok(recorded)
}

/// An inspection checked against the catalogue, the session and its booking, ready to write.
#[derive(Debug)]
pub struct Checked {
    session: entity::market_sessions::Model,
    market_id: i32,
    booking: bookings::Model,
    items: Vec<(&'static str, i32, Option<String>)>,
    points: i32,
    photos: Vec<super::photos::Photo>,
}

/// Checks an inspection before anything is written (on the pool: the write lock is not held
/// for the reads). 422 naming what is wrong.
pub async fn check(
    db: &DatabaseConnection,
    user: &CurrentUser,
    new: NewInspection,
) -> AppResult<Checked> {
    user.require_staff_writer()?;
    let session = mq::find_session(db, new.session_id)
        .await?
        .ok_or_else(|| AppError::invalid("unknown_session", "session_id", t::UNKNOWN_SESSION))?;
    let market = mq::find_market(db, session.market_id)
        .await?
        .ok_or(AppError::NotFound)?;
    access::require_manage(db, user, &market).await?;
    let items = check_items(&new.items)?;
    if !crate::markets::schedule::doors_open(&session, Utc::now()) {
        return Err(AppError::invalid(
            "too_early",
            "session_id",
            t::INSPECTION_TOO_EARLY,
        ));
    }
    let booking = bookings::Entity::find()
        .filter(bookings::Column::SessionId.eq(session.id))
        .filter(bookings::Column::StallId.eq(new.stall_id))
        .one(db)
        .await?
        .ok_or_else(|| AppError::invalid("stall_not_booked", "stall_id", t::STALL_NOT_BOOKED))?;
    let points: i32 = items.iter().map(|(_, p, _)| p).sum();
    Ok(Checked {
        session,
        market_id: market.id,
        booking,
        items,
        points,
        photos: new.photos,
    })
}

/// Writes a checked inspection, its audit row and photos in `txn`; returns it with the
/// vendor's notices, to deliver once `txn` commits.
pub async fn write(
    txn: &DatabaseTransaction,
    user: &CurrentUser,
    checked: Checked,
) -> AppResult<(Recorded, Vec<Outgoing>)> {
    let Checked {
        session,
        market_id,
        booking,
        items,
        points,
        photos,
    } = checked;
    let now = Utc::now();
    refuse_items_already_recorded(txn, &booking, &items).await?;
    let suspended_before =
        demerits::suspension_on(txn, booking.vendor_id, crate::clock::today()).await?;
    let inspection = inspections::ActiveModel {
        session_id: Set(session.id),
        stall_id: Set(booking.stall_id),
        vendor_id: Set(booking.vendor_id),
        market_id: Set(market_id),
        booking_id: Set(booking.id),
        business_date: Set(session.business_date),
        status: Set(InspectionStatus::Active),
        created_by: Set(Some(user.id)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    inspection_items::Entity::insert_many(items.iter().map(|(code, p, note)| {
        inspection_items::ActiveModel {
            inspection_id: Set(inspection.id),
            code: Set((*code).to_owned()),
            points: Set(*p),
            note: Set(note.clone()),
            ..Default::default()
        }
    }))
    .exec(txn)
    .await?;
    audit::record(
        txn,
        Change {
            actor: Some(user.id),
            entity: "inspection",
            entity_id: Some(inspection.id),
            action: "create",
            before: None,
            after: Some(json!({"session_id": session.id, "stall_id": booking.stall_id,
                "vendor_id": booking.vendor_id, "points": points,
                "items": items.iter().map(|(c, p, _)| json!({"code": c, "points": p})).collect::<Vec<_>>(),
                "photos": photos.iter().map(super::photos::Photo::sha256).collect::<Vec<_>>()})),
        },
    )
    .await?;
    super::photos::insert(txn, inspection.id, user.id, photos).await?;
    let standing = demerits::standing(txn, booking.vendor_id, crate::clock::today(), now).await?;
    // The vendor is told where, and what was found: to judge whether to appeal.
    let market_name = mq::find_market(txn, market_id)
        .await?
        .map(|m| m.name)
        .unwrap_or_default();
    let stall_code = entity::stalls::Entity::find_by_id(booking.stall_id)
        .one(txn)
        .await?
        .map(|s| s.code)
        .unwrap_or_default();
    let first_item: crate::i18n::Arg = items
        .first()
        .and_then(|(code, _, _)| catalogue::find(code))
        .map_or_else(|| "".into(), |c| c.name.into());
    let mut out = Vec::new();
    if let Some(v) = vendors::Entity::find_by_id(booking.vendor_id)
        .one(txn)
        .await?
    {
        out.push(
            notices::write(
                txn,
                v.user_id,
                "inspection",
                Msg::with(
                    "night-notice-inspection",
                    [
                        ("market", market_name.clone().into()),
                        ("date", session.business_date.to_string().into()),
                        ("stall", stall_code.clone().into()),
                        ("item", first_item.clone()),
                        ("more", (items.len().saturating_sub(1)).into()),
                        ("count", items.len().into()),
                        ("points", points.into()),
                        ("total", standing.points.into()),
                    ],
                ),
            )
            .await?,
        );
        // Crossing 6 points is the formal warning (记分制): said once, when it happens.
        let before = standing.points - points;
        if standing.suspended_until.is_none()
            && before < catalogue::WARNING_POINTS
            && standing.points >= catalogue::WARNING_POINTS
        {
            out.push(
                notices::write(
                    txn,
                    v.user_id,
                    "demerit_warning",
                    Msg::with(
                        "night-notice-warning",
                        [
                            ("total", standing.points.into()),
                            ("limit", catalogue::SUSPENSION_POINTS.into()),
                        ],
                    ),
                )
                .await?,
            );
        }
        // Told when it starts or moves, not again with every inspection while it runs.
        if let Some(until) = standing.suspended_until
            && suspended_before != Some(until)
        {
            out.push(
                notices::write(
                    txn,
                    v.user_id,
                    "suspension",
                    Msg::with(
                        "night-notice-suspended",
                        [("until", until.to_string().into())],
                    ),
                )
                .await?,
            );
        }
    }
    Ok((
        Recorded {
            id: inspection.id,
            vendor_id: booking.vendor_id,
            points,
        },
        out,
    ))
}

/// 409 `already_recorded` when an item is already on an active inspection of the same booking
/// (the stall that night): two managers walking the market, or one tapping twice, must not
/// count the vendor's one fault twice. Asked under the booking's lock, in the writing
/// transaction, so two inspections racing cannot both pass. A cancelled inspection (appeal
/// upheld for the vendor) does not count.
async fn refuse_items_already_recorded(
    txn: &DatabaseTransaction,
    booking: &bookings::Model,
    items: &[(&'static str, i32, Option<String>)],
) -> AppResult<()> {
    crate::db::lock_rows(txn, "bookings", &[booking.id], crate::db::RowLock::Update).await?;
    let codes: Vec<&str> = items.iter().map(|(c, _, _)| *c).collect();
    let already: Option<String> = inspection_items::Entity::find()
        .select_only()
        .column(inspection_items::Column::Code)
        .join(
            JoinType::InnerJoin,
            inspection_items::Relation::Inspection.def(),
        )
        .filter(inspections::Column::BookingId.eq(booking.id))
        .filter(inspections::Column::Status.eq(InspectionStatus::Active))
        .filter(inspection_items::Column::Code.is_in(codes))
        .into_tuple()
        .one(txn)
        .await?;
    match already.and_then(|code| catalogue::find(&code)) {
        Some(item) => Err(AppError::conflict(
            "already_recorded",
            Msg::with(
                "night-inspection-already-recorded",
                [("item", item.name.into())],
            ),
        )),
        None => Ok(()),
    }
}

/// Whether an inspection may still be appealed at `now`: not yet appealed, within 14 days.
pub fn appeal_open(inspection: &inspections::Model, now: DateTime<Utc>) -> bool {
    inspection.appeal_status.is_none()
        && inspection.status == InspectionStatus::Active
        && now < inspection.created_at + Duration::days(APPEAL_DAYS)
}

/// An inspection the caller may see: its vendor, managers of its market, bureau, admins.
pub async fn visible(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i32,
) -> AppResult<inspections::Model> {
    let inspection = inspections::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    match user.role {
        Role::Vendor if user.vendor_id == Some(inspection.vendor_id) => Ok(inspection),
        Role::Vendor => Err(AppError::NotFound),
        Role::Admin | Role::Bureau => Ok(inspection),
        Role::Manager => {
            let market = mq::find_market(db, inspection.market_id)
                .await?
                .ok_or(AppError::NotFound)?;
            if access::can_manage(db, user, &market).await? {
                Ok(inspection)
            } else {
                Err(AppError::NotFound)
            }
        }
    }
}

/// The vendor appeals their inspection once, within 14 days, with a text.
pub async fn appeal(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i32,
    text: &str,
) -> AppResult<()> {
    let inspection = visible(db, user, id).await?;
    if user.role != Role::Vendor {
        return Err(AppError::Forbidden);
    }
    let text = optional_text(Some(text), "text")?
        .ok_or_else(|| AppError::invalid("text_required", "text", t::APPEAL_TEXT_REQUIRED))?;
    if inspection.appeal_status.is_some() {
        return Err(AppError::conflict("already_appealed", t::ALREADY_APPEALED));
    }
    let now = Utc::now();
    if !appeal_open(&inspection, now) {
        return Err(AppError::invalid("appeal_closed", "id", t::APPEAL_CLOSED));
    }
    let txn = begin_write(db).await?;
    // Only an inspection not yet appealed is changed: two appeals at once, one wins.
    let res = inspections::Entity::update_many()
        .col_expr(inspections::Column::AppealText, Expr::value(text.clone()))
        .col_expr(
            inspections::Column::AppealStatus,
            Expr::value(AppealStatus::Pending.as_str()),
        )
        .col_expr(inspections::Column::AppealedAt, Expr::value(now))
        .filter(inspections::Column::Id.eq(id))
        .filter(inspections::Column::AppealStatus.is_null())
        .exec(&txn)
        .await?;
    if res.rows_affected == 0 {
        return Err(AppError::conflict("already_appealed", t::ALREADY_APPEALED));
    }
    audit::record(
        &txn,
        Change {
            actor: Some(user.id),
            entity: "inspection",
            entity_id: Some(id),
            action: "appeal",
            before: Some(json!({"appeal_status": null})),
            after: Some(json!({"appeal_status": "pending", "text": text})),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub use super::appeal_decision::{Decision, decide};
