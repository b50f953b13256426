//! What a vendor may change on their own profile: products, health-certificate expiry and
//! priority groups (name, phone, ID number and category stay as registered: changing those
//! is a matter for the market office). Validated like registration; audited before → after.

use crate::audit::{self, Change};
use crate::error::{AppError, AppResult};
use crate::i18n::texts::vendor as tv;
use crate::identity::CurrentUser;
use crate::vendors::categories::{self, find_priority_group};
use chrono::NaiveDate;
use entity::vendors;
use sea_orm::{ActiveModelTrait, ConnectionTrait, IntoActiveModel, Set};
use serde_json::json;

/// The edit form as sent.
#[derive(Debug, Clone, Default)]
pub struct ProfileEdit {
    /// What they sell.
    pub products: String,
    /// `YYYY-MM-DD` or empty.
    pub health_cert_expires: String,
    /// Priority group codes (checkboxes).
    pub priority_groups: Vec<String>,
}

impl ProfileEdit {
    /// From urlencoded pairs (checkboxes repeat `priority_groups`).
    pub fn from_pairs(pairs: Vec<(String, String)>) -> ProfileEdit {
        let mut edit = ProfileEdit::default();
        for (k, v) in pairs {
            match k.as_str() {
                "products" => edit.products = v,
                "health_cert_expires" => {
                    edit.health_cert_expires = crate::normalize::typed_date(&v)
                }
                "priority_groups" => edit.priority_groups.push(v),
                _ => {}
            }
        }
        edit
    }
}

/// The checked values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidEdit {
    products: Option<String>,
    health_cert_expires: Option<NaiveDate>,
    priority_groups: Vec<&'static str>,
}

/// Checks an edit for a vendor of `category` on `today` (422 naming the first bad field).
pub fn validate(edit: &ProfileEdit, category: &str, today: NaiveDate) -> AppResult<ValidEdit> {
    let products = Some(edit.products.trim())
        .filter(|p| !p.is_empty())
        .map(str::to_owned);
    if products.as_ref().is_some_and(|p| p.chars().count() > 200) {
        return Err(AppError::invalid(
            "invalid_products",
            "products",
            tv::PRODUCTS_TOO_LONG,
        ));
    }
    let health_cert_expires = match edit.health_cert_expires.trim() {
        "" => None,
        s => Some(crate::extract::Date::parse(s).map(|d| d.0).ok_or_else(|| {
            AppError::invalid("invalid_date", "health_cert_expires", tv::DATE_INVALID)
        })?),
    };
    let food = categories::find(category).is_some_and(|c| c.food);
    match health_cert_expires {
        None if food => {
            return Err(AppError::invalid(
                "health_cert_required",
                "health_cert_expires",
                tv::HEALTH_CERT_REQUIRED,
            ));
        }
        Some(d) if food && d < today => {
            return Err(AppError::invalid(
                "health_cert_expired",
                "health_cert_expires",
                tv::HEALTH_CERT_EXPIRED,
            ));
        }
        _ => {}
    }
    let mut priority_groups = Vec::new();
    for code in &edit.priority_groups {
        let group = find_priority_group(code).ok_or_else(|| {
            AppError::invalid(
                "invalid_priority_group",
                "priority_groups",
                tv::PRIORITY_INVALID,
            )
        })?;
        if !priority_groups.contains(&group.code) {
            priority_groups.push(group.code);
        }
    }
    Ok(ValidEdit {
        products,
        health_cert_expires,
        priority_groups,
    })
}

fn snapshot(v: &vendors::Model) -> serde_json::Value {
    json!({
        "products": v.products,
        "health_cert_expires": v.health_cert_expires,
        "priority_groups": serde_json::from_str::<serde_json::Value>(&v.priority_groups).unwrap_or_default(),
    })
}

/// Saves a checked edit; audited.
pub async fn save(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    vendor: vendors::Model,
    edit: ValidEdit,
) -> AppResult<vendors::Model> {
    let before = snapshot(&vendor);
    let mut active = vendor.into_active_model();
    active.products = Set(edit.products);
    active.health_cert_expires = Set(edit.health_cert_expires);
    active.priority_groups = Set(json!(edit.priority_groups).to_string());
    let updated = active.update(db).await?;
    audit::record(
        db,
        Change {
            actor: Some(user.id),
            entity: "vendor",
            entity_id: Some(updated.id),
            action: "update_profile",
            before: Some(before),
            after: Some(snapshot(&updated)),
        },
    )
    .await?;
    Ok(updated)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_food_vendor_cannot_clear_or_expire_the_health_certificate() {
        let edit = ProfileEdit::default();
        let err = validate(&edit, "小吃餐饮", day("2026-11-27")).unwrap_err();
        assert_eq!(err.code(), "health_cert_required");
        let edit = ProfileEdit {
            health_cert_expires: "2026-11-26".into(),
            ..Default::default()
        };
        let err = validate(&edit, "小吃餐饮", day("2026-11-27")).unwrap_err();
        assert_eq!(err.code(), "health_cert_expired");
    }

    #[test]
    fn priority_groups_are_checked_and_deduplicated() {
        let edit = ProfileEdit {
            priority_groups: vec!["veteran".into(), "退役军人".into(), "local".into()],
            ..Default::default()
        };
        let ok = validate(&edit, "农副产品", day("2026-11-27")).unwrap();
        assert_eq!(ok.priority_groups, vec!["veteran", "local"]);
        let bad = ProfileEdit {
            priority_groups: vec!["vip".into()],
            ..Default::default()
        };
        assert_eq!(
            validate(&bad, "农副产品", day("2026-11-27"))
                .unwrap_err()
                .code(),
            "invalid_priority_group"
        );
    }
}
