//! Vendor self-registration: validation of every field (DESIGN.md §6), then account + profile
//! in one transaction, then a login session.

use super::categories::{self, find_priority_group};
use super::{id_number::IdNumber, uscc::Uscc};
use crate::accounts::phone::Phone;
use crate::accounts::users;
use crate::audit::{self, Change};
use crate::db::{DbFailure, begin_write, classify};
use crate::error::{AppError, AppResult};
use crate::i18n::{T, texts::vendor as t};
use crate::identity::{Role, password::Passwords, session};
use crate::state::AppState;
use chrono::{NaiveDate, Utc};
use entity::vendors;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use serde::Deserialize;
use serde_json::json;
use std::net::IpAddr;

/// Registrations per client address per minute (unless limits are relaxed).
const REGISTRATIONS_PER_ADDRESS_PER_MINUTE: u32 = 10;

/// What a vendor submits.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct Registration {
    /// Full name.
    pub name: String,
    /// Mobile number; it becomes the login.
    pub phone: String,
    /// Password.
    pub password: String,
    /// Resident ID number (GB 11643).
    pub id_number: String,
    /// Trade category, e.g. 小吃餐饮.
    pub category: String,
    /// What they sell.
    pub products: Option<String>,
    /// Unified social credit code (GB 32100), optional.
    pub uscc: Option<String>,
    /// Registered as 个体工商户.
    #[serde(default)]
    pub individual_business: bool,
    /// Health certificate expiry `YYYY-MM-DD`; required for food categories.
    pub health_cert_expires: Option<String>,
    /// Priority group codes: dibao, disabled, veteran, returnee, local.
    #[serde(default)]
    pub priority_groups: Vec<String>,
}

/// One field that failed, with its machine code and message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldError {
    /// The form and JSON field.
    pub field: &'static str,
    /// Stable machine code.
    pub code: &'static str,
    /// What to fix.
    pub message: T,
}

impl From<FieldError> for AppError {
    fn from(e: FieldError) -> Self {
        AppError::invalid(e.code, e.field, e.message)
    }
}

/// A registration whose every field is valid.
#[derive(Debug, Clone)]
pub struct ValidRegistration {
    name: String,
    phone: Phone,
    password: String,
    id_number: IdNumber,
    category: &'static categories::Category,
    products: Option<String>,
    uscc: Option<Uscc>,
    individual_business: bool,
    health_cert_expires: Option<NaiveDate>,
    priority_groups: Vec<&'static str>,
}

/// Checks every field; returns all failures so a form can mark each one.
pub fn validate(
    reg: &Registration,
    today: NaiveDate,
) -> Result<ValidRegistration, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut fail = |field, code, message| {
        errors.push(FieldError {
            field,
            code,
            message,
        })
    };

    let name = users::validate_name(&reg.name).ok();
    if name.is_none() {
        let message = if reg.name.trim().is_empty() {
            crate::i18n::texts::auth::NAME_REQUIRED
        } else if crate::normalize::person_name(&reg.name).is_empty() {
            crate::i18n::texts::auth::NAME_UNPRINTABLE
        } else {
            crate::i18n::texts::auth::NAME_TOO_LONG
        };
        fail("name", "invalid_name", message);
    }
    let phone = Phone::parse(&reg.phone)
        .map_err(|m| fail("phone", "invalid_phone", m))
        .ok();
    let id_number = IdNumber::parse(&reg.id_number, today)
        .map_err(|m| fail("id_number", "invalid_id_number", m))
        .ok();
    let category = categories::find(&reg.category);
    if category.is_none() {
        // A market's own trade (烧烤) is named when applying; registration takes the standard.
        let message = if reg.category.trim().is_empty() {
            t::CATEGORY_INVALID
        } else {
            t::CATEGORY_NOT_STANDARD
        };
        fail("category", "invalid_category", message);
    }
    let products = reg
        .products
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned);
    if products.as_ref().is_some_and(|p| p.chars().count() > 200) {
        fail("products", "invalid_products", t::PRODUCTS_TOO_LONG);
    }
    let uscc = match reg.uscc.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Uscc::parse(s)
            .map_err(|m| fail("uscc", "invalid_uscc", m))
            .ok(),
    };
    let health_cert_expires = match reg
        .health_cert_expires
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(s) => crate::extract::Date::parse(s)
            .map(|d| d.0)
            .ok_or_else(|| fail("health_cert_expires", "invalid_date", t::DATE_INVALID))
            .ok(),
    };
    if let Some(category) = category
        && category.food
    {
        match health_cert_expires {
            None if reg
                .health_cert_expires
                .as_deref()
                .is_none_or(|s| s.trim().is_empty()) =>
            {
                fail(
                    "health_cert_expires",
                    "health_cert_required",
                    t::HEALTH_CERT_REQUIRED,
                )
            }
            Some(d) if d < today => fail(
                "health_cert_expires",
                "health_cert_expired",
                t::HEALTH_CERT_EXPIRED,
            ),
            _ => {}
        }
    }
    let mut priority_groups = Vec::new();
    for code in &reg.priority_groups {
        match find_priority_group(code) {
            Some(g) if !priority_groups.contains(&g.code) => priority_groups.push(g.code),
            Some(_) => {}
            None => fail(
                "priority_groups",
                "invalid_priority_group",
                t::PRIORITY_INVALID,
            ),
        }
    }
    // Checked in the order the form asks (the password last), so "the first problem" the
    // page names is the first field in red.
    if let Err(m) = crate::accounts::password_policy::check_strength(&reg.password) {
        fail("password", "weak_password", m);
    }

    match (name, phone, id_number, category) {
        (Some(name), Some(phone), Some(id_number), Some(category)) if errors.is_empty() => {
            Ok(ValidRegistration {
                name,
                phone,
                password: reg.password.clone(),
                id_number,
                category,
                products,
                uscc,
                individual_business: reg.individual_business,
                health_cert_expires,
                priority_groups,
            })
        }
        _ => Err(errors),
    }
}

/// A registered and logged-in vendor.
#[derive(Debug)]
pub struct Registered {
    /// The vendor profile.
    pub vendor_id: i32,
    /// The account.
    pub user_id: i32,
    /// Session cookie token.
    pub token: String,
}

fn phone_taken() -> AppError {
    AppError::invalid("phone_taken", "phone", t::PHONE_TAKEN)
}

/// A vendor is one person (DESIGN §1): a second account under the same ID number would hold
/// two stalls in one session, or trade on while the first is suspended. Refused with the way
/// back to the first account.
fn id_number_taken() -> AppError {
    AppError::invalid("id_number_taken", "id_number", t::ID_NUMBER_TAKEN)
}

/// Whether a vendor with this (normalised) ID number exists.
async fn id_number_registered(
    db: &impl sea_orm::ConnectionTrait,
    id_number: &str,
) -> Result<bool, sea_orm::DbErr> {
    Ok(vendors::Entity::find()
        .filter(vendors::Column::IdNumber.eq(id_number))
        .one(db)
        .await?
        .is_some())
}

/// Creates the account and profile of a validated registration and logs the vendor in.
/// Nothing is written when any check fails.
pub async fn register(
    state: &AppState,
    ip: Option<IpAddr>,
    valid: ValidRegistration,
) -> AppResult<Registered> {
    if state.config.per_address_limits() {
        state
            .limiter
            .check(ip, "register", REGISTRATIONS_PER_ADDRESS_PER_MINUTE)?;
    }
    let (vendor_id, user_id) = create_vendor(&state.db, &state.passwords, valid).await?;
    let token = session::create(&state.db, &state.config, user_id).await?;
    Ok(Registered {
        vendor_id,
        user_id,
        token,
    })
}

/// Writes account, profile and audit row in one transaction; returns (vendor id, user id).
pub async fn create_vendor(
    db: &DatabaseConnection,
    passwords: &Passwords,
    valid: ValidRegistration,
) -> AppResult<(i32, i32)> {
    let phone = valid.phone.as_str().to_owned();
    if users::find_by_login(db, &phone).await?.is_some() {
        return Err(phone_taken());
    }
    if id_number_registered(db, valid.id_number.as_str()).await? {
        return Err(id_number_taken());
    }
    let prepared = users::prepare(
        passwords,
        users::NewUser {
            login: phone.clone(),
            name: valid.name.clone(),
            role: Role::Vendor,
            password: valid.password.clone(),
        },
    )
    .await?;

    let txn = begin_write(db).await?;
    let user = users::insert(&txn, None, prepared)
        .await
        .map_err(|e| match e {
            AppError::Conflict { .. } => phone_taken(),
            other => other,
        })?;
    let exists = vendors::Entity::find()
        .filter(vendors::Column::Phone.eq(&phone))
        .one(&txn)
        .await?;
    if exists.is_some() {
        return Err(phone_taken());
    }
    // Asked again in the writing transaction: a second registration racing the first.
    if id_number_registered(&txn, valid.id_number.as_str()).await? {
        return Err(id_number_taken());
    }
    let vendor = vendors::ActiveModel {
        user_id: Set(user.id),
        name: Set(valid.name),
        phone: Set(phone),
        id_number: Set(valid.id_number.as_str().to_owned()),
        category: Set(valid.category.name.to_owned()),
        products: Set(valid.products),
        uscc: Set(valid.uscc.map(|u| u.as_str().to_owned())),
        individual_business: Set(valid.individual_business),
        health_cert_expires: Set(valid.health_cert_expires),
        priority_groups: Set(json!(valid.priority_groups).to_string()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| match classify(&e) {
        DbFailure::Conflict(_) => phone_taken(),
        _ => e.into(),
    })?;
    audit::record(
        &txn,
        Change {
            actor: Some(user.id),
            entity: "vendor",
            entity_id: Some(vendor.id),
            action: "register",
            before: None,
            after: Some(json!({
                "name": vendor.name,
                "phone": crate::mask::mask_phone(&vendor.phone),
                "category": vendor.category,
            })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok((vendor.id, user.id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vendors::id_number::tests::{today, with_check};

    fn valid() -> Registration {
        Registration {
            name: "张桂兰".into(),
            phone: "13912345678".into(),
            password: "guilan-sells-9".into(),
            id_number: with_check("62072219650302002"),
            category: "农副产品".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_registration_is_valid() {
        assert!(validate(&valid(), today()).is_ok());
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let reg = Registration {
            phone: "123".into(),
            id_number: "620722196503020021".into(),
            category: "??".into(),
            ..valid()
        };
        let errors = validate(&reg, today()).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert!(fields.contains(&"phone"));
        assert!(fields.contains(&"category"));
        assert!(fields.len() >= 2);
    }

    #[test]
    fn food_vendors_need_an_unexpired_health_certificate() {
        let mut reg = Registration {
            category: "小吃餐饮".into(),
            ..valid()
        };
        let errors = validate(&reg, today()).unwrap_err();
        assert_eq!(errors[0].code, "health_cert_required");
        reg.health_cert_expires = Some("2026-01-01".into());
        assert_eq!(
            validate(&reg, today()).unwrap_err()[0].code,
            "health_cert_expired"
        );
        reg.health_cert_expires = Some("2027-06-30".into());
        assert!(validate(&reg, today()).is_ok());
    }

    #[test]
    fn problems_come_in_the_order_the_form_asks_the_password_last() {
        let reg = Registration {
            password: "abc12345".into(),
            id_number: "620722650302002".into(),
            category: "小吃餐饮".into(),
            ..valid()
        };
        let fields: Vec<_> = validate(&reg, today())
            .unwrap_err()
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["id_number", "health_cert_expires", "password"]);
    }
}
