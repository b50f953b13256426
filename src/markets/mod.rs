//! Markets (fixed or mobile), their segments, categories and schedule, and the sessions that
//! are booked.

pub mod access;
pub mod api;
pub mod cancel;
pub mod create;
pub mod pages;
pub mod queries;
pub mod schedule;
