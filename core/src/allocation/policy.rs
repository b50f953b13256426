//! Policy of a run: the knobs a manager sets, stored with the run so it can be re-run.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::error::AllocationError;
use super::model::Category;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Each night, vendors furthest below their requested share choose first; the lottery
    /// only breaks ties.
    #[default]
    Rotation,
    /// The usual government lottery: the draw order alone decides, every night. Kept as a
    /// policy so the two can be compared on the same input.
    SerialDictatorship,
}

/// Every field has a default, so `{}` is a valid policy (plain rotation, no quotas).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Policy {
    pub method: Method,
    /// Share of each session's free stalls reserved for a priority group (爱心摊位), e.g.
    /// `{"dibao": 0.1}`. Reserved stalls not taken by the group go to everyone.
    pub reserved_share: BTreeMap<String, f64>,
    /// Per category: at most this share of a session's stalls.
    pub category_max_share: BTreeMap<String, f64>,
    /// Per category: at least this share of a session's stalls, while it has applicants.
    pub category_min_share: BTreeMap<String, f64>,
    /// Food categories only on stalls in Food or Smoky zones.
    pub food_zone_only: bool,
    /// Smoky categories only on stalls in Smoky zones.
    pub smoky_zone_only: bool,
    /// No two adjacent stalls with the same category in a session.
    pub no_adjacent_same_category: bool,
    pub max_sessions_per_vendor_per_week: Option<u32>,
    /// Vendors who have had more than their share of premium nights step aside from premium
    /// stalls when anything else fits.
    pub rotate_premium: bool,
    /// A vendor gets last night's stall again when it is free and fits.
    pub keep_same_stall: bool,
}

fn check_share(knob: &'static str, key: &str, v: f64) -> Result<(), AllocationError> {
    if v.is_finite() && (0.0..=1.0).contains(&v) {
        Ok(())
    } else {
        Err(AllocationError::BadShare {
            knob,
            key: key.to_owned(),
            value: v,
        })
    }
}

fn check_total(knob: &'static str, m: &BTreeMap<String, f64>) -> Result<(), AllocationError> {
    let total: f64 = m.values().sum();
    // A hair of tolerance so 0.1 + 0.2 + 0.7 is not refused over rounding.
    if total > 1.0 + 1e-9 {
        return Err(AllocationError::SharesOverOne { knob, total });
    }
    Ok(())
}

impl Policy {
    pub fn validate(&self, categories: &[Category]) -> Result<(), AllocationError> {
        for (knob, m) in [
            ("reserved_share", &self.reserved_share),
            ("category_max_share", &self.category_max_share),
            ("category_min_share", &self.category_min_share),
        ] {
            for (k, &v) in m {
                check_share(knob, k, v)?;
            }
        }
        check_total("reserved_share", &self.reserved_share)?;
        check_total("category_min_share", &self.category_min_share)?;
        for (knob, m) in [
            ("category_max_share", &self.category_max_share),
            ("category_min_share", &self.category_min_share),
        ] {
            for k in m.keys() {
                if !categories.iter().any(|c| &c.name == k) {
                    return Err(AllocationError::PolicyUnknownCategory {
                        knob,
                        category: k.clone(),
                    });
                }
            }
        }
        for (k, &min) in &self.category_min_share {
            if let Some(&max) = self.category_max_share.get(k)
                && min > max
            {
                return Err(AllocationError::MinAboveMax {
                    category: k.clone(),
                });
            }
        }
        if self.max_sessions_per_vendor_per_week == Some(0) {
            return Err(AllocationError::WeeklyCapZero);
        }
        Ok(())
    }
}
