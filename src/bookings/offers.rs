//! Waitlist offers: a freed stall-session goes to the first eligible waitlisted application
//! (in order of submission) with an acceptance deadline; an expired or declined offer passes
//! to the next. Expiry is applied whenever offers are looked at or acted on. A vendor who
//! declined an offer of a night, or declared absence from it, is not asked again that night.

use super::error::BookingError;
use super::place::{self, Booking, Placer};
use crate::applications::covers::{Coverage, covers};
use crate::audit::{self, Change};
use crate::error::{AppError, AppResult};
use crate::i18n::{Msg, texts::bookings as t};
use crate::identity::CurrentUser;
use crate::markets::queries as mq;
use crate::notices::{self, Outgoing};
use chrono::{DateTime, Duration, Utc};
use entity::applications::ApplicationStatus;
use entity::booking_history::{self, CancelReason};
use entity::market_sessions::SessionStatus;
use entity::offers::OfferStatus;
use entity::{applications, bookings, market_sessions, offers, stalls, vendors};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde_json::json;

/// How long a vendor has to accept an offer (never past the session's start).
pub const ACCEPT_WITHIN_HOURS: i64 = 24;
/// A stall freed while its night runs is offered with this long to answer …
pub const ACCEPT_WHILE_RUNNING_MINUTES: i64 = 30;
/// … and only when, answered at the last minute, this much of the night is left to trade.
pub const TRADING_LEFT_MINUTES: i64 = 60;

/// Until when an offer of a stall of `session` made at `now` may be answered: 24 hours, but
/// not past the start; once the night has begun (a no-show, an absence, a cancellation at
/// the stall), half an hour, when an hour of trading is left after it. None: too late.
pub fn answer_by(session: &market_sessions::Model, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    if now < session.starts_at {
        return Some((now + Duration::hours(ACCEPT_WITHIN_HOURS)).min(session.starts_at));
    }
    let deadline = now + Duration::minutes(ACCEPT_WHILE_RUNNING_MINUTES);
    (deadline + Duration::minutes(TRADING_LEFT_MINUTES) <= session.ends_at).then_some(deadline)
}

/// Offers `stall_id` in `session` to the first eligible waitlisted application, if any.
pub async fn offer_next(
    db: &impl ConnectionTrait,
    session: &market_sessions::Model,
    stall_id: i32,
    now: DateTime<Utc>,
) -> AppResult<Vec<Outgoing>> {
    let Some(deadline) = answer_by(session, now) else {
        return Ok(Vec::new());
    };
    if session.status != SessionStatus::Scheduled {
        return Ok(Vec::new());
    }
    let mut candidates = applications::Entity::find()
        .filter(applications::Column::MarketId.eq(session.market_id))
        .filter(applications::Column::Status.eq(ApplicationStatus::Waitlisted))
        .filter(applications::Column::DateFrom.lte(session.business_date))
        .filter(applications::Column::DateTo.gte(session.business_date))
        .order_by_asc(applications::Column::Id)
        .all(db)
        .await?;
    crate::bookings::waitlist::order_candidates(db, session, &mut candidates).await?;
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    let booked: Vec<i32> = bookings::Entity::find()
        .select_only()
        .column(bookings::Column::VendorId)
        .filter(bookings::Column::SessionId.eq(session.id))
        .into_tuple()
        .all(db)
        .await?;
    let earlier = offers::Entity::find()
        .filter(offers::Column::SessionId.eq(session.id))
        .all(db)
        .await?;
    // A vendor who already said no for this night — declined an offer of it, declared
    // absence from it (请假), gave up its stall — or whose stall of it the manager took back,
    // is not asked again for another of its stalls.
    let away: Vec<i32> = booking_history::Entity::find()
        .select_only()
        .column(booking_history::Column::VendorId)
        .filter(booking_history::Column::SessionId.eq(session.id))
        .filter(booking_history::Column::Reason.is_in([
            CancelReason::Absent,
            CancelReason::ByVendor,
            CancelReason::ByManager,
        ]))
        .into_tuple()
        .all(db)
        .await?;
    let Some(stall) = stalls::Entity::find_by_id(stall_id).one(db).await? else {
        return Ok(Vec::new());
    };
    let mix = super::offers_mix::limits(db, session).await?;
    for app in candidates {
        let eligible = covers(&Coverage::of(&app), session.business_date, &session.segment).is_ok()
            && !booked.contains(&app.vendor_id)
            && !away.contains(&app.vendor_id)
            && !earlier.iter().any(|o| {
                (o.application_id == app.id && o.stall_id == stall_id)
                    || (o.vendor_id == app.vendor_id
                        && matches!(o.status, OfferStatus::Pending | OfferStatus::Declined))
            });
        // A trade at the maximum share the market's run gave it waits, as in the run.
        if !eligible || !mix.room_for(&app.category) {
            continue;
        }
        let Some(vendor) = vendors::Entity::find_by_id(app.vendor_id).one(db).await? else {
            continue;
        };
        if !could_accept(db, session, &stall, &vendor, &app).await? {
            continue;
        }
        let offer = offers::ActiveModel {
            session_id: Set(session.id),
            stall_id: Set(stall_id),
            application_id: Set(app.id),
            vendor_id: Set(app.vendor_id),
            status: Set(OfferStatus::Pending),
            deadline: Set(deadline),
            booking_id: Set(None),
            created_at: Set(now),
            decided_at: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await?;
        audit::record(
            db,
            Change {
                actor: None,
                entity: "offer",
                entity_id: Some(offer.id),
                action: "create",
                before: None,
                after: Some(json!({"session_id": session.id, "stall_id": stall_id,
                    "application_id": app.id, "deadline": deadline})),
            },
        )
        .await?;
        let what = super::cancel::describe_in_market(db, session, &stall.code).await?;
        let until = crate::clock::local_minute(deadline);
        return Ok(vec![
            notices::write(
                db,
                vendor.user_id,
                "offer",
                Msg::with(
                    "bookings-notice-offer",
                    [("what", what.into()), ("until", until.into())],
                ),
            )
            .await?,
        ]);
    }
    Ok(Vec::new())
}

/// Whether `vendor` could accept stall `stall` of `session` now: every rule the booking would
/// meet on acceptance — suspension, another stall at those hours, the health certificate, the
/// smoky zone, the gas inspection, the stall's power circuit. An offer that could only end in a
/// refusal would hold the stall for a day from someone who could take it. A refusal means "not
/// this vendor"; a failing database is passed on.
async fn could_accept(
    db: &impl ConnectionTrait,
    session: &market_sessions::Model,
    stall: &stalls::Model,
    vendor: &vendors::Model,
    application: &applications::Model,
) -> AppResult<bool> {
    let booking = Booking {
        session,
        stall,
        vendor,
        application: Some(application),
        placer: Placer::Vendor,
        actor: vendor.user_id,
    };
    let verdict = match place::check(db, &booking).await {
        Ok(_) => super::power::check(db, session.id, stall.id, vendor.id).await,
        Err(refused) => Err(refused),
    };
    match verdict {
        Ok(()) => Ok(true),
        Err(BookingError::Shell(failed @ (AppError::Unavailable | AppError::Internal(_)))) => {
            Err(failed)
        }
        Err(_) => Ok(false),
    }
}

/// Expires every pending offer past its deadline and passes each to the next in line.
pub async fn expire_due(db: &impl ConnectionTrait) -> AppResult<Vec<Outgoing>> {
    let now = Utc::now();
    let due = offers::Entity::find()
        .filter(offers::Column::Status.eq(OfferStatus::Pending))
        .filter(offers::Column::Deadline.lte(now))
        .order_by_asc(offers::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::new();
    for offer in due {
        out.extend(pass_on(db, offer, OfferStatus::Expired, None, now).await?);
    }
    Ok(out)
}

/// Closes an open offer with `status` and offers its stall-session to the next in line.
pub(crate) async fn pass_on(
    db: &impl ConnectionTrait,
    offer: offers::Model,
    status: OfferStatus,
    actor: Option<i32>,
    now: DateTime<Utc>,
) -> AppResult<Vec<Outgoing>> {
    let (session_id, stall_id) = (offer.session_id, offer.stall_id);
    close(db, offer, status, actor).await?;
    match mq::find_session(db, session_id).await? {
        Some(session) => offer_next(db, &session, stall_id, now).await,
        None => Ok(Vec::new()),
    }
}

/// A manager placed someone on stall-sessions `taken` (session, stall) while waitlist offers
/// of them were open: those offers lapse (the vendor told, so the offer never shows "accept"
/// for a stall that is gone). The placed vendor's own open offers in that session close too:
/// the one for this stall as accepted (they have it), any other as expired (they have a stall
/// there now) and passed on to the next in line; left open, a cancellation later would offer
/// the stall to someone else while the first offer could still be accepted.
pub(crate) async fn supersede(
    db: &impl ConnectionTrait,
    taken: &[(i32, i32)],
    placed_vendor: i32,
    actor: i32,
) -> AppResult<Vec<Outgoing>> {
    let mut out = Vec::new();
    for &(session_id, stall_id) in taken {
        for own in offers::Entity::find()
            .filter(offers::Column::SessionId.eq(session_id))
            .filter(offers::Column::VendorId.eq(placed_vendor))
            .filter(offers::Column::Status.eq(OfferStatus::Pending))
            .all(db)
            .await?
        {
            if own.stall_id == stall_id {
                close(db, own, OfferStatus::Accepted, Some(actor)).await?;
            } else {
                // The stall they were offered is free again: the next in line is asked, or
                // it would stand empty (the deadline sweep looks at pending offers only).
                out.extend(pass_on(db, own, OfferStatus::Expired, Some(actor), Utc::now()).await?);
            }
        }
        let open = offers::Entity::find()
            .filter(offers::Column::SessionId.eq(session_id))
            .filter(offers::Column::StallId.eq(stall_id))
            .filter(offers::Column::Status.eq(OfferStatus::Pending))
            .filter(offers::Column::VendorId.ne(placed_vendor))
            .all(db)
            .await?;
        if open.is_empty() {
            continue;
        }
        let session = mq::find_session(db, session_id).await?;
        let code = stalls::Entity::find_by_id(stall_id)
            .one(db)
            .await?
            .map_or(String::new(), |s| s.code);
        for offer in open {
            let vendor = vendors::Entity::find_by_id(offer.vendor_id).one(db).await?;
            close(db, offer, OfferStatus::Expired, Some(actor)).await?;
            let (Some(vendor), Some(session)) = (vendor, session.as_ref()) else {
                continue;
            };
            let what = super::cancel::describe_in_market(db, session, &code).await?;
            out.push(
                notices::write(
                    db,
                    vendor.user_id,
                    "offer_withdrawn",
                    Msg::with("bookings-notice-offer-withdrawn", [("what", what.into())]),
                )
                .await?,
            );
        }
    }
    Ok(out)
}

/// The stalls of session `session_id` on offer (open, not past the deadline) to someone other
/// than `vendor_id`: not for that vendor to choose (a manager may still place someone there).
pub(crate) async fn stalls_on_offer(
    db: &impl ConnectionTrait,
    session_id: i32,
    vendor_id: i32,
) -> AppResult<std::collections::HashSet<i32>> {
    Ok(open_offers(db, session_id)
        .await?
        .into_iter()
        .filter(|o| o.1 != vendor_id)
        .map(|o| o.0)
        .collect())
}

/// The stalls of session `session_id` held for a waiting vendor (an open offer, not past its
/// deadline), with that deadline: staff see them as held, not free, on the session page.
pub(crate) async fn held_stalls(
    db: &impl ConnectionTrait,
    session_id: i32,
) -> AppResult<std::collections::HashMap<i32, chrono::DateTime<Utc>>> {
    Ok(open_offers(db, session_id)
        .await?
        .into_iter()
        .map(|(stall, _, deadline)| (stall, deadline))
        .collect())
}

/// The session's open offers (pending, not past the deadline): (stall, vendor, deadline).
async fn open_offers(
    db: &impl ConnectionTrait,
    session_id: i32,
) -> AppResult<Vec<(i32, i32, chrono::DateTime<Utc>)>> {
    Ok(offers::Entity::find()
        .select_only()
        .column(offers::Column::StallId)
        .column(offers::Column::VendorId)
        .column(offers::Column::Deadline)
        .filter(offers::Column::SessionId.eq(session_id))
        .filter(offers::Column::Status.eq(OfferStatus::Pending))
        .filter(offers::Column::Deadline.gt(Utc::now()))
        .into_tuple()
        .all(db)
        .await?)
}

/// Application `id`'s offers still open (pending, whatever their deadline).
pub(crate) async fn pending_of_application(
    db: &impl ConnectionTrait,
    id: i32,
) -> AppResult<Vec<offers::Model>> {
    Ok(offers::Entity::find()
        .filter(offers::Column::ApplicationId.eq(id))
        .filter(offers::Column::Status.eq(OfferStatus::Pending))
        .order_by_asc(offers::Column::Id)
        .all(db)
        .await?)
}

/// Sets an offer's final status; audited.
pub(super) async fn close(
    db: &impl ConnectionTrait,
    offer: offers::Model,
    status: OfferStatus,
    actor: Option<i32>,
) -> AppResult<offers::Model> {
    let id = offer.id;
    let before = offer.status;
    let mut active = offer.into_active_model();
    active.status = Set(status);
    active.decided_at = Set(Some(Utc::now()));
    let offer = active.update(db).await?;
    audit::record(
        db,
        Change {
            actor,
            entity: "offer",
            entity_id: Some(id),
            action: status.as_str(),
            before: Some(json!({ "status": before })),
            after: Some(json!({ "status": status })),
        },
    )
    .await?;
    Ok(offer)
}

/// The caller's pending offer, or 404 (another vendor's) / 409 (no longer open).
async fn own_pending(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i32,
) -> AppResult<offers::Model> {
    let offer = offers::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if user.vendor_id != Some(offer.vendor_id) {
        return Err(if user.vendor_id.is_some() {
            AppError::NotFound
        } else {
            AppError::Forbidden
        });
    }
    // Closed: say how, so a second tap on "accept" does not read as "expired".
    let closed = match offer.status {
        OfferStatus::Accepted => Some(t::OFFER_ALREADY_ACCEPTED),
        OfferStatus::Declined => Some(t::OFFER_ALREADY_DECLINED),
        OfferStatus::Expired => Some(t::OFFER_CLOSED),
        OfferStatus::Pending if offer.deadline <= Utc::now() => Some(t::OFFER_CLOSED),
        OfferStatus::Pending => None,
    };
    if let Some(message) = closed {
        return Err(AppError::conflict("offer_closed", message));
    }
    Ok(offer)
}

/// The vendor accepts: the booking is placed (the database still decides conflicts).
pub async fn accept(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i32,
) -> AppResult<bookings::Model> {
    // A double tap sent twice at once: the second waits for the first and finds the offer
    // answered (`offer_closed`, as a second tap after it), not a booking conflict.
    crate::db::lock_rows(db, "offers", &[id], crate::db::RowLock::Update).await?;
    let offer = own_pending(db, user, id).await?;
    let session = mq::find_session(db, offer.session_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let stall = stalls::Entity::find_by_id(offer.stall_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let vendor = vendors::Entity::find_by_id(offer.vendor_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let application = applications::Entity::find_by_id(offer.application_id)
        .one(db)
        .await?;
    let booking = place::book(
        db,
        Booking {
            session: &session,
            stall: &stall,
            vendor: &vendor,
            application: application.as_ref(),
            placer: Placer::Vendor,
            actor: user.id,
        },
    )
    .await?;
    let mut active = close(db, offer, OfferStatus::Accepted, Some(user.id))
        .await?
        .into_active_model();
    active.booking_id = Set(Some(booking.id));
    active.update(db).await?;
    Ok(booking)
}

/// The vendor declines: the offer passes to the next in line.
pub async fn decline(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i32,
) -> AppResult<Vec<Outgoing>> {
    crate::db::lock_rows(db, "offers", &[id], crate::db::RowLock::Update).await?;
    let offer = own_pending(db, user, id).await?;
    pass_on(db, offer, OfferStatus::Declined, Some(user.id), Utc::now()).await
}
