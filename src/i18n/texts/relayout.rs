//! Texts of a re-layout around locked stalls.

use crate::i18n::{Arg, Msg};

/// Locked stalls lie outside the site's (changed) outline or on its holes; `codes` names
/// them (the first dozen, then how many more), so all can be moved or unlocked at once.
pub fn locked_outside(codes: &[String]) -> Msg {
    Msg::with(
        "relayout-locked-outside",
        [
            ("count", Arg::Number(codes.len() as i64)),
            ("stalls", Arg::List(named(codes))),
        ],
    )
}

/// The first dozen of `codes`, and "…" for more.
fn named(codes: &[String]) -> Vec<String> {
    let mut named: Vec<String> = codes.iter().take(NAMED).cloned().collect();
    if codes.len() > NAMED {
        named.push("…".to_owned());
    }
    named
}

/// How many booked stalls the message names before it says how many more there are.
const NAMED: usize = 12;

/// Stalls booked for sessions still to come stand in the way of a re-layout; `codes` names
/// them (the first dozen, then how many more), so the manager knows what to lock.
pub fn booked_in_the_way(codes: &[String]) -> Msg {
    Msg::with(
        "relayout-booked-in-the-way",
        [
            ("count", Arg::Number(codes.len() as i64)),
            ("stalls", Arg::List(named(codes))),
        ],
    )
}
