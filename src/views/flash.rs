//! One-shot messages carried across a redirect in a short-lived cookie.

use crate::i18n::{T, texts::flash as t};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use http::{HeaderMap, HeaderValue, header};

const COOKIE: &str = "nm_flash";

/// A message shown once on the next page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flash {
    /// After login.
    LoggedIn,
    /// After logout.
    LoggedOut,
    /// After vendor registration.
    Registered,
    /// After an admin created a user.
    UserCreated,
    /// After a manager's sites were changed.
    SitesAssigned,
    /// After a site was created.
    SiteCreated,
    /// After a layout was accepted.
    LayoutAccepted,
    /// After a zone was added.
    ZoneCreated,
    /// After a stall was edited.
    StallUpdated,
    /// After an account was disabled or enabled.
    UserUpdated,
    /// After a vendor accepted a waitlist offer.
    OfferAccepted,
    /// After a vendor declined a waitlist offer.
    OfferDeclined,
    /// After a vendor tapped "accept" on an offer that had lapsed or been withdrawn.
    OfferClosed,
    /// After a vendor chose a stall themselves.
    StallBooked,
    /// After a vendor submitted an application.
    ApplicationSubmitted,
    /// After an application was approved.
    ApplicationApproved,
    /// After an application was rejected.
    ApplicationRejected,
    /// After an application was put on the waiting list.
    ApplicationWaitlisted,
    /// After a vendor withdrew an application.
    ApplicationWithdrawn,
    /// After a vendor withdrew an approved application whose stalls were then released.
    ApplicationWithdrawnReleased,
    /// After a market was created.
    MarketCreated,
    /// After a manager assigned a stall.
    StallAssigned,
    /// After a booking moved to another stall.
    BookingMoved,
    /// After a booking was cancelled.
    BookingCancelled,
    /// After a vendor was checked in.
    CheckedIn,
    /// After a session was cancelled.
    SessionCancelled,
    /// After an absence was declared.
    AbsenceDeclared,
    /// After an allocation was published.
    AllocationPublished,
    /// After a complaint was closed.
    ComplaintClosed,
    /// After an inspection was recorded.
    InspectionRecorded,
    /// After someone changed their own password.
    PasswordChanged,
    /// After a vendor took last season's stall again for the next season.
    SeasonOfferAccepted,
    /// After a vendor let last season's stall go.
    SeasonOfferDeclined,
}

impl Flash {
    /// The mark before the message: a tick for what was done, a warning for what could not be.
    pub fn mark(self) -> &'static str {
        match self {
            Flash::OfferClosed => "⚠ ",
            _ => "✓ ",
        }
    }

    const ALL: [Flash; 33] = [
        Flash::LoggedIn,
        Flash::LoggedOut,
        Flash::Registered,
        Flash::UserCreated,
        Flash::SitesAssigned,
        Flash::SiteCreated,
        Flash::LayoutAccepted,
        Flash::ZoneCreated,
        Flash::StallUpdated,
        Flash::UserUpdated,
        Flash::OfferAccepted,
        Flash::OfferDeclined,
        Flash::OfferClosed,
        Flash::StallBooked,
        Flash::ApplicationSubmitted,
        Flash::ApplicationApproved,
        Flash::ApplicationRejected,
        Flash::ApplicationWaitlisted,
        Flash::ApplicationWithdrawn,
        Flash::ApplicationWithdrawnReleased,
        Flash::MarketCreated,
        Flash::StallAssigned,
        Flash::BookingMoved,
        Flash::BookingCancelled,
        Flash::CheckedIn,
        Flash::SessionCancelled,
        Flash::AbsenceDeclared,
        Flash::AllocationPublished,
        Flash::ComplaintClosed,
        Flash::InspectionRecorded,
        Flash::PasswordChanged,
        Flash::SeasonOfferAccepted,
        Flash::SeasonOfferDeclined,
    ];

    fn code(self) -> &'static str {
        match self {
            Flash::LoggedIn => "logged_in",
            Flash::LoggedOut => "logged_out",
            Flash::Registered => "registered",
            Flash::UserCreated => "user_created",
            Flash::SitesAssigned => "sites_assigned",
            Flash::SiteCreated => "site_created",
            Flash::LayoutAccepted => "layout_accepted",
            Flash::ZoneCreated => "zone_created",
            Flash::StallUpdated => "stall_updated",
            Flash::UserUpdated => "user_updated",
            Flash::OfferAccepted => "offer_accepted",
            Flash::OfferDeclined => "offer_declined",
            Flash::OfferClosed => "offer_closed",
            Flash::StallBooked => "stall_booked",
            Flash::ApplicationSubmitted => "application_submitted",
            Flash::ApplicationApproved => "application_approved",
            Flash::ApplicationRejected => "application_rejected",
            Flash::ApplicationWaitlisted => "application_waitlisted",
            Flash::ApplicationWithdrawn => "application_withdrawn",
            Flash::ApplicationWithdrawnReleased => "application_withdrawn_released",
            Flash::MarketCreated => "market_created",
            Flash::StallAssigned => "stall_assigned",
            Flash::BookingMoved => "booking_moved",
            Flash::BookingCancelled => "booking_cancelled",
            Flash::CheckedIn => "checked_in",
            Flash::SessionCancelled => "session_cancelled",
            Flash::AbsenceDeclared => "absence_declared",
            Flash::AllocationPublished => "allocation_published",
            Flash::ComplaintClosed => "complaint_closed",
            Flash::InspectionRecorded => "inspection_recorded",
            Flash::PasswordChanged => "password_changed",
            Flash::SeasonOfferAccepted => "season_offer_accepted",
            Flash::SeasonOfferDeclined => "season_offer_declined",
        }
    }

    /// The message.
    pub fn text(self) -> T {
        match self {
            Flash::LoggedIn => t::LOGGED_IN,
            Flash::LoggedOut => t::LOGGED_OUT,
            Flash::Registered => t::REGISTERED,
            Flash::UserCreated => t::USER_CREATED,
            Flash::SitesAssigned => t::SITES_ASSIGNED,
            Flash::SiteCreated => t::SITE_CREATED,
            Flash::LayoutAccepted => t::LAYOUT_ACCEPTED,
            Flash::ZoneCreated => t::ZONE_CREATED,
            Flash::StallUpdated => t::STALL_UPDATED,
            Flash::UserUpdated => t::USER_UPDATED,
            Flash::OfferAccepted => crate::i18n::texts::vendor_journey::OFFER_ACCEPTED,
            Flash::OfferDeclined => crate::i18n::texts::vendor_journey::OFFER_DECLINED,
            Flash::OfferClosed => t::OFFER_CLOSED,
            Flash::StallBooked => crate::i18n::texts::vendor_journey::STALL_BOOKED,
            Flash::ApplicationSubmitted => t::APPLICATION_SUBMITTED,
            Flash::ApplicationApproved => t::APPLICATION_APPROVED,
            Flash::ApplicationRejected => t::APPLICATION_REJECTED,
            Flash::ApplicationWaitlisted => t::APPLICATION_WAITLISTED,
            Flash::ApplicationWithdrawn => t::APPLICATION_WITHDRAWN,
            Flash::ApplicationWithdrawnReleased => t::APPLICATION_WITHDRAWN_RELEASED,
            Flash::MarketCreated => t::MARKET_CREATED,
            Flash::StallAssigned => t::STALL_ASSIGNED,
            Flash::BookingMoved => t::BOOKING_MOVED,
            Flash::BookingCancelled => t::BOOKING_CANCELLED,
            Flash::CheckedIn => t::CHECKED_IN,
            Flash::SessionCancelled => t::SESSION_CANCELLED,
            Flash::AbsenceDeclared => t::ABSENCE_DECLARED,
            Flash::AllocationPublished => t::ALLOCATION_PUBLISHED,
            Flash::ComplaintClosed => t::COMPLAINT_CLOSED,
            Flash::InspectionRecorded => t::INSPECTION_RECORDED,
            Flash::PasswordChanged => t::PASSWORD_CHANGED,
            Flash::SeasonOfferAccepted => crate::i18n::texts::vendor_journey::SEASON_OFFER_ACCEPTED,
            Flash::SeasonOfferDeclined => crate::i18n::texts::vendor_journey::SEASON_OFFER_DECLINED,
        }
    }

    /// The cookie that carries this message to the next page.
    pub fn cookie(self) -> HeaderValue {
        HeaderValue::from_str(&format!(
            "{COOKIE}={}; Path=/; Max-Age=60; SameSite=Lax; HttpOnly",
            self.code()
        ))
        .unwrap_or_else(|_| HeaderValue::from_static(""))
    }

    /// The message a request carries, if any (unknown codes are ignored).
    pub fn from_request(headers: &HeaderMap) -> Option<Flash> {
        let code = crate::web::cookie(headers, COOKIE)?;
        Flash::ALL.into_iter().find(|f| f.code() == code)
    }
}

/// Middleware: a page that was shown successfully has consumed the flash message.
pub async fn consume(request: Request, next: Next) -> Response {
    let had_flash = Flash::from_request(request.headers()).is_some();
    let mut response = next.run(request).await;
    if had_flash && response.status().is_success() {
        response.headers_mut().append(
            header::SET_COOKIE,
            HeaderValue::from_static("nm_flash=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly"),
        );
    }
    response
}
