//! Vendor applications for a market: submitted → approved | waitlisted | rejected → withdrawn.

pub mod api;
pub mod flow;
pub mod pages;
