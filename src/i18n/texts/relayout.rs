//! Texts of a re-layout around locked stalls.

use crate::i18n::{Arg, Msg};

/// A locked stall lies outside the site's (changed) outline; `code` names it.
pub fn locked_outside(code: &str) -> Msg {
    Msg::with(
        "relayout-locked-outside",
        [("code", Arg::Text(code.to_owned()))],
    )
}

/// How many booked stalls the message names before it says how many more there are.
const NAMED: usize = 12;

/// Stalls booked for sessions still to come stand in the way of a re-layout; `codes` names
/// them (the first dozen, then how many more), so the manager knows what to lock.
pub fn booked_in_the_way(codes: &[String]) -> Msg {
    let mut named: Vec<String> = codes.iter().take(NAMED).cloned().collect();
    if codes.len() > NAMED {
        named.push("…".to_owned());
    }
    Msg::with(
        "relayout-booked-in-the-way",
        [
            ("count", Arg::Number(codes.len() as i64)),
            ("stalls", Arg::List(named)),
        ],
    )
}
