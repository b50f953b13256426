//! A run's rules in words, on its draft and public pages: a member of the public reading "this
//! trade's places are full" sees the share that filled them, and the seed and input hash are
//! checked against rules they can read.

use crate::allocation::{Method, Policy};
use crate::i18n::texts::allocation_texts as t;
use crate::views::PageCtx;
use maud::{Markup, html};
use std::collections::BTreeMap;

/// The run's rules, those that are set.
pub fn policy_block(ctx: &PageCtx, policy: &Policy) -> Markup {
    let shares = |m: &BTreeMap<String, f64>| {
        m.iter()
            .map(|(k, v)| format!("{} {}", name_of(ctx, k), percent(*v)))
            .collect::<Vec<_>>()
            .join(ctx.t(crate::i18n::texts::layout::NAME_SEPARATOR))
    };
    let yes = |on: bool, label| on.then(|| ctx.t(label));
    let switches: Vec<&str> = [
        yes(policy.no_adjacent_same_category, t::NO_ADJACENT),
        yes(policy.keep_same_stall, t::KEEP_SAME),
        yes(policy.rotate_premium, t::ROTATE_PREMIUM),
        yes(policy.food_zone_only, t::FOOD_ZONE),
        yes(policy.smoky_zone_only, t::SMOKY_ZONE),
    ]
    .into_iter()
    .flatten()
    .collect();
    html! {
        h2 { (ctx.t(t::RULES)) }
        dl.profile.run-policy {
            div { dt { (ctx.t(t::METHOD)) } dd { (ctx.t(match policy.method {
                Method::SerialDictatorship => t::SERIAL,
                _ => t::ROTATION,
            })) } }
            @if !policy.category_max_share.is_empty() {
                div { dt { (ctx.t(t::CATEGORY_MAX)) } dd { (shares(&policy.category_max_share)) } }
            }
            @if !policy.category_min_share.is_empty() {
                div { dt { (ctx.t(t::CATEGORY_MIN)) } dd { (shares(&policy.category_min_share)) } }
            }
            @if !policy.reserved_share.is_empty() {
                div { dt { (ctx.t(t::RESERVED)) } dd { (shares(&policy.reserved_share)) } }
            }
            @if let Some(cap) = policy.max_sessions_per_vendor_per_week {
                div { dt { (ctx.t(t::WEEKLY_CAP)) } dd { (cap) } }
            }
            @for s in &switches { div { dt { "✔" } dd { (s) } } }
        }
    }
}

/// A trade's name as it is, a priority group's in the reader's language.
fn name_of(ctx: &PageCtx, key: &str) -> String {
    crate::vendors::categories::find_priority_group(key)
        .map_or_else(|| key.to_owned(), |g| ctx.t(g.label).to_owned())
}

/// A share as the rule applied it: `12.5%`, `40%`, `33.3%` (never rounded to a whole number
/// that is not the rule).
fn percent(share: f64) -> String {
    let p = share * 100.0;
    if (p - p.round()).abs() < 1e-9 {
        format!("{p:.0}%")
    } else {
        let text = format!("{p:.2}");
        format!("{}%", text.trim_end_matches('0').trim_end_matches('.'))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn shares_read_as_the_rule_applied_them() {
        assert_eq!(super::percent(0.4), "40%");
        assert_eq!(super::percent(0.125), "12.5%");
        assert_eq!(super::percent(0.333), "33.3%");
        assert_eq!(super::percent(0.0228), "2.28%");
    }
}
