//! Vendors (经营户): identifiers, categories, self-registration and profiles.

pub mod api;
pub mod categories;
pub mod id_number;
mod normalize;
pub mod pages;
pub mod phone;
pub mod register;
pub mod uscc;
