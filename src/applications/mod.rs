//! Vendor applications for a market: submitted → approved | waitlisted | rejected → withdrawn.

pub mod api;
pub mod covers;
pub mod decide;
pub mod flow;
pub mod pages;
