//! Texts of a re-layout around locked stalls.

use crate::i18n::{Arg, Msg};

/// A locked stall lies outside the site's (changed) outline; `code` names it.
pub fn locked_outside(code: &str) -> Msg {
    Msg::with(
        "relayout-locked-outside",
        [("code", Arg::Text(code.to_owned()))],
    )
}
