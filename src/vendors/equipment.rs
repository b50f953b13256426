//! The gas and power register of a vendor (issue 18, point 5): the watts of their appliances and
//! their gas cylinders with the date each inspection is valid until. One use case writes it
//! (the API and the form both call [`set_equipment`]); the booking rules read it through
//! [`gas_inspection_lapsed`] and [`appliances_w`].

use crate::audit::{self, Change};
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::i18n::texts::power as t;
use crate::identity::{CurrentUser, Role};
use chrono::{NaiveDate, Utc};
use entity::{gas_cylinders, vendor_equipment, vendors};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::{HashMap, HashSet};
use utoipa::ToSchema;

/// The most watts one vendor may declare (a county stall's whole supply is far below).
pub const MAX_WATTS: i64 = 100_000;
/// The most cylinders one vendor may declare.
pub const MAX_CYLINDERS: usize = 20;
/// The longest serial accepted.
const MAX_SERIAL: usize = 40;

/// One gas cylinder as declared.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct Cylinder {
    /// The cylinder's serial (钢印号).
    pub serial: String,
    /// The last day its inspection covers, `YYYY-MM-DD`.
    pub inspected_until: String,
}

/// A vendor's whole declaration: it replaces the one before.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct EquipmentInput {
    /// Every gas cylinder the vendor brings (empty: none, no gas).
    pub gas_cylinders: Vec<Cylinder>,
    /// Watts of every appliance together (0 when nothing is plugged in).
    pub appliances_w: i64,
}

/// A vendor's register as stored.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Equipment {
    /// The vendor.
    pub vendor_id: i32,
    /// Watts of every appliance together.
    pub appliances_w: i64,
    /// The cylinders, by serial.
    pub gas_cylinders: Vec<Cylinder>,
}

/// A declaration that passed every rule.
struct Valid {
    appliances_w: i64,
    cylinders: Vec<(String, NaiveDate)>,
}

/// Checks a declaration against `today`: watts between 0 and [`MAX_WATTS`], every serial
/// present and once, every inspection date valid and not already past.
fn validate(input: &EquipmentInput, today: NaiveDate) -> AppResult<Valid> {
    if !(0..=MAX_WATTS).contains(&input.appliances_w) {
        return Err(AppError::invalid(
            "invalid_watts",
            "appliances_w",
            t::WATTS_INVALID,
        ));
    }
    if input.gas_cylinders.len() > MAX_CYLINDERS {
        return Err(AppError::invalid(
            "too_many_cylinders",
            "gas_cylinders",
            t::TOO_MANY_CYLINDERS,
        ));
    }
    let mut seen = HashSet::new();
    let mut cylinders = Vec::new();
    for (i, c) in input.gas_cylinders.iter().enumerate() {
        let serial = c.serial.trim();
        if serial.is_empty() || serial.chars().count() > MAX_SERIAL {
            return Err(AppError::invalid(
                "invalid_serial",
                format!("gas_cylinders[{i}].serial"),
                t::SERIAL_INVALID,
            ));
        }
        if !seen.insert(serial.to_owned()) {
            return Err(AppError::invalid(
                "duplicate_serial",
                format!("gas_cylinders[{i}].serial"),
                t::SERIAL_DUPLICATE,
            ));
        }
        let field = format!("gas_cylinders[{i}].inspected_until");
        let Some(until) = crate::extract::Date::parse(c.inspected_until.trim()).map(|d| d.0) else {
            return Err(AppError::invalid("invalid_date", field, t::DATE_INVALID));
        };
        if until < today {
            return Err(AppError::invalid(
                "inspection_expired",
                field,
                t::INSPECTION_PAST,
            ));
        }
        cylinders.push((serial.to_owned(), until));
    }
    Ok(Valid {
        appliances_w: input.appliances_w,
        cylinders,
    })
}

/// The vendor, if `user` may change their register: the vendor themselves, admins, and the
/// managers of a market the vendor applied to (404 for anyone else's vendor, 403 for the
/// bureau). A booking does not count: a manager can place any vendor as a walk-up, and the
/// register is the vendor's in every market.
async fn vendor_for_writing(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    vendor_id: i32,
) -> AppResult<vendors::Model> {
    match user.role {
        Role::Bureau => return Err(AppError::Forbidden),
        Role::Vendor if user.vendor_id != Some(vendor_id) => return Err(AppError::NotFound),
        Role::Manager if !manages_vendor(db, user.id, vendor_id).await? => {
            return Err(AppError::NotFound);
        }
        _ => {}
    }
    vendors::Entity::find_by_id(vendor_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Whether the manager runs a market (assigned or created) the vendor applied to.
async fn manages_vendor(
    db: &impl ConnectionTrait,
    manager: i32,
    vendor_id: i32,
) -> Result<bool, DbErr> {
    let mut sql = crate::db::Sql::new(db.get_database_backend());
    sql.push(
        "SELECT 1 FROM markets m WHERE (m.created_by = ",
    )
    .bind(manager)
    .push(" OR EXISTS (SELECT 1 FROM manager_markets mm WHERE mm.market_id = m.id AND mm.user_id = ")
    .bind(manager)
    .push(")) AND (EXISTS (SELECT 1 FROM applications a WHERE a.market_id = m.id AND a.vendor_id = ")
    .bind(vendor_id)
    .push(")) LIMIT 1");
    Ok(db.query_one_raw(sql.build()).await?.is_some())
}

/// Whether `user` may change this vendor's register (for showing the form).
pub async fn may_write(db: &impl ConnectionTrait, user: &CurrentUser, vendor_id: i32) -> bool {
    vendor_for_writing(db, user, vendor_id).await.is_ok()
}

/// Replaces the vendor's register with `input`; nothing is written unless all of it is valid.
/// Audited (who, before → after).
pub async fn set_equipment(
    db: &DatabaseConnection,
    user: &CurrentUser,
    vendor_id: i32,
    input: &EquipmentInput,
) -> AppResult<Equipment> {
    vendor_for_writing(db, user, vendor_id).await?;
    let valid = validate(input, crate::clock::today())?;
    let txn = begin_write(db).await?;
    let before = equipment_of(&txn, vendor_id).await?;
    let row = vendor_equipment::ActiveModel {
        vendor_id: Set(vendor_id),
        appliances_w: Set(valid.appliances_w),
        updated_at: Set(Utc::now()),
    };
    if vendor_equipment::Entity::find_by_id(vendor_id)
        .one(&txn)
        .await?
        .is_some()
    {
        row.update(&txn).await?;
    } else {
        row.insert(&txn).await?;
    }
    gas_cylinders::Entity::delete_many()
        .filter(gas_cylinders::Column::VendorId.eq(vendor_id))
        .exec(&txn)
        .await?;
    if !valid.cylinders.is_empty() {
        gas_cylinders::Entity::insert_many(valid.cylinders.iter().map(|(serial, until)| {
            gas_cylinders::ActiveModel {
                vendor_id: Set(vendor_id),
                serial: Set(serial.clone()),
                inspected_until: Set(*until),
                ..Default::default()
            }
        }))
        .exec_without_returning(&txn)
        .await?;
    }
    let after = equipment_of(&txn, vendor_id).await?;
    audit::record(
        &txn,
        Change {
            actor: Some(user.id),
            entity: "vendor_equipment",
            entity_id: Some(vendor_id),
            action: "update",
            before: Some(json!(before)),
            after: Some(json!(after)),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// The vendor's register as stored (nothing declared: 0 W, no cylinders).
pub async fn equipment_of(db: &impl ConnectionTrait, vendor_id: i32) -> Result<Equipment, DbErr> {
    let cylinders = gas_cylinders::Entity::find()
        .filter(gas_cylinders::Column::VendorId.eq(vendor_id))
        .order_by_asc(gas_cylinders::Column::Serial)
        .all(db)
        .await?;
    Ok(Equipment {
        vendor_id,
        appliances_w: appliances_w(db, vendor_id).await?,
        gas_cylinders: cylinders
            .into_iter()
            .map(|c| Cylinder {
                serial: c.serial,
                inspected_until: c.inspected_until.to_string(),
            })
            .collect(),
    })
}

/// The watts the vendor declared (0 when nothing is declared).
pub async fn appliances_w(db: &impl ConnectionTrait, vendor_id: i32) -> Result<i64, DbErr> {
    Ok(vendor_equipment::Entity::find_by_id(vendor_id)
        .one(db)
        .await?
        .map_or(0, |e| e.appliances_w))
}

/// Whether the vendor cooks with gas and a cylinder's inspection has lapsed by `date` (it is
/// valid until the end of its `inspected_until` day). The booking rules refuse such a vendor
/// (422 `gas_inspection_expired`); asked through [`gas_lapsed_among`], the one reading of
/// the rule.
pub async fn gas_inspection_lapsed(
    db: &impl ConnectionTrait,
    vendor_id: i32,
    date: NaiveDate,
) -> Result<bool, DbErr> {
    Ok(gas_lapsed_among(db, &[vendor_id], date)
        .await?
        .contains(&vendor_id))
}

/// Of `vendor_ids`, those with a gas cylinder whose inspection has lapsed by `date`: one query
/// for a whole candidates list (the rule of [`gas_inspection_lapsed`], which asks it for one).
pub async fn gas_lapsed_among(
    db: &impl ConnectionTrait,
    vendor_ids: &[i32],
    date: NaiveDate,
) -> Result<HashSet<i32>, DbErr> {
    Ok(gas_valid_until_among(db, vendor_ids)
        .await?
        .into_iter()
        .filter(|(_, valid_until)| *valid_until < date)
        .map(|(vendor, _)| vendor)
        .collect())
}

/// For each of `vendor_ids` that declares cylinders, the earliest day one of them is inspected
/// until: the vendor's gas has lapsed on any later date, the same rule as
/// [`gas_lapsed_among`] for every date at once (the allocation input, over many nights).
pub async fn gas_valid_until_among(
    db: &impl ConnectionTrait,
    vendor_ids: &[i32],
) -> Result<HashMap<i32, NaiveDate>, DbErr> {
    let mut earliest: HashMap<i32, NaiveDate> = HashMap::new();
    for chunk in vendor_ids.chunks(crate::db::IDS_PER_QUERY) {
        let rows = gas_cylinders::Entity::find()
            .filter(gas_cylinders::Column::VendorId.is_in(chunk.iter().copied()))
            .all(db)
            .await?;
        for c in rows {
            earliest
                .entry(c.vendor_id)
                .and_modify(|d| *d = (*d).min(c.inspected_until))
                .or_insert(c.inspected_until);
        }
    }
    Ok(earliest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn input(watts: i64, cylinders: &[(&str, &str)]) -> EquipmentInput {
        EquipmentInput {
            appliances_w: watts,
            gas_cylinders: cylinders
                .iter()
                .map(|(s, d)| Cylinder {
                    serial: (*s).to_owned(),
                    inspected_until: (*d).to_owned(),
                })
                .collect(),
        }
    }

    fn code(r: AppResult<Valid>) -> &'static str {
        r.err().map_or("ok", |e| e.code())
    }

    #[test]
    fn negative_watts_are_refused() {
        assert_eq!(
            code(validate(&input(-1, &[]), day("2026-12-03"))),
            "invalid_watts"
        );
    }

    #[test]
    fn an_inspection_already_past_is_refused_but_today_is_fine() {
        let today = day("2026-12-03");
        assert_eq!(
            code(validate(&input(0, &[("A1", "2026-12-02")]), today)),
            "inspection_expired"
        );
        assert_eq!(
            code(validate(&input(0, &[("A1", "2026-12-03")]), today)),
            "ok"
        );
    }

    #[test]
    fn an_empty_or_repeated_serial_is_refused() {
        let today = day("2026-12-03");
        assert_eq!(
            code(validate(&input(0, &[(" ", "2027-01-01")]), today)),
            "invalid_serial"
        );
        let twice = input(0, &[("A1", "2027-01-01"), ("A1 ", "2027-02-01")]);
        assert_eq!(code(validate(&twice, today)), "duplicate_serial");
    }
}
