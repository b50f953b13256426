//! The pure core of nightmarket: site geometry, stall layout and fair allocation.
//!
//! No HTTP, no database, no clock, no wording: the server crate translates between its rows and
//! these types, and words the errors (which carry codes and data only) in the user's language.
//! Kept in its own crate so the compiler, not a review, keeps it pure.

// The layout sweep (a unit test) shares a scenario with the integration tests, written against
// the crate's public paths.
#[cfg(test)]
extern crate self as nightmarket_core;

pub mod allocation;
pub mod geometry;
pub mod layout;
pub mod stall_rules;
