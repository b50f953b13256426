//! A night cancelled while a stall of it was on offer to a waiting vendor: the offer lapses and
//! the vendor is told, or they would wait to accept until the deadline, or come on the night.

use super::offers::close;
use crate::error::AppResult;
use crate::i18n::Msg;
use crate::notices::{self, Outgoing};
use chrono::Utc;
use entity::offers::OfferStatus;
use entity::{market_sessions, offers, stalls, vendors};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// Closes every pending offer of `sessions` (just cancelled, for `reason`) as expired,
/// audited; each vendor whose offer was still open is told. Returns the notices to deliver
/// after the commit.
pub(crate) async fn void_offers_of_cancelled(
    db: &impl ConnectionTrait,
    sessions: &[market_sessions::Model],
    reason: &str,
    actor: i32,
) -> AppResult<Vec<Outgoing>> {
    let now = Utc::now();
    let mut out = Vec::new();
    let ids: Vec<i32> = sessions.iter().map(|s| s.id).collect();
    for chunk in ids.chunks(1000) {
        let open = offers::Entity::find()
            .filter(offers::Column::SessionId.is_in(chunk.to_vec()))
            .filter(offers::Column::Status.eq(OfferStatus::Pending))
            .order_by_asc(offers::Column::Id)
            .all(db)
            .await?;
        for offer in open {
            let told = offer.deadline > now;
            let (session_id, stall_id, vendor_id) =
                (offer.session_id, offer.stall_id, offer.vendor_id);
            close(db, offer, OfferStatus::Expired, Some(actor)).await?;
            let Some(session) = sessions.iter().find(|s| s.id == session_id) else {
                continue;
            };
            let vendor = vendors::Entity::find_by_id(vendor_id).one(db).await?;
            let (true, Some(vendor)) = (told, vendor) else {
                continue;
            };
            let code = stalls::Entity::find_by_id(stall_id)
                .one(db)
                .await?
                .map_or(String::new(), |s| s.code);
            out.push(
                notices::write(
                    db,
                    vendor.user_id,
                    "offer_withdrawn",
                    Msg::with(
                        "bookings-notice-offer-session-cancelled",
                        [
                            (
                                "what",
                                super::cancel::describe_in_market(db, session, &code)
                                    .await?
                                    .into(),
                            ),
                            ("reason", reason.into()),
                        ],
                    ),
                )
                .await?,
            );
        }
    }
    Ok(out)
}
