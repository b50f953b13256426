//! Bookings (vendor × stall × session) that can never double-book, check-in and no-shows,
//! and waitlist offers for freed stalls.

pub mod api;
pub mod cancel;
pub mod cancel_session;
pub mod checkin;
pub mod offers;
pub mod pages;
pub mod place;
pub mod queries;
pub mod relocate;
pub mod session_cancel_api;
pub mod session_plan;
pub mod waitlist;
