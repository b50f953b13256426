//! A site's power circuits (供电回路, issue 18 point 5): each with a capacity in watts, names
//! unique per site, and the stalls each one feeds. One use case replaces a site's circuits
//! ([`set_circuits`], for the API and the page); one ties a stall to a circuit
//! ([`apply_stall_change`], called by the stall edit).

use crate::audit::{self, Change};
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::i18n::texts::power as t;
use crate::identity::CurrentUser;
use entity::{circuits, stall_circuits, stalls};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::json;
use std::collections::{HashMap, HashSet};
use utoipa::ToSchema;

/// The largest capacity accepted for one circuit, in watts.
pub const MAX_CAPACITY_W: i64 = 10_000_000;
/// The most circuits one site may have.
pub const MAX_CIRCUITS: usize = 200;
/// The longest circuit name.
const MAX_NAME: usize = 40;

/// One circuit as declared.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct CircuitInput {
    /// Its name, unique on the site (`A路`, `东侧1号`).
    pub name: String,
    /// What it can carry, in watts (more than 0).
    pub capacity_w: i64,
}

/// A site's circuits, replacing the ones before (a circuit keeps its id and its stalls while
/// its name stays; a name that is gone is removed with its ties).
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct CircuitsInput {
    /// Every circuit of the site.
    pub circuits: Vec<CircuitInput>,
}

/// A circuit as shown.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CircuitView {
    /// Id.
    pub id: i32,
    /// Name.
    pub name: String,
    /// Capacity in watts.
    pub capacity_w: i64,
    /// How many stalls it feeds.
    pub stalls: usize,
}

/// A site's circuits.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CircuitsView {
    /// The site.
    pub site_id: i32,
    /// Its circuits, by name.
    pub circuits: Vec<CircuitView>,
}

/// A circuit named in a stall edit: its id or its name on the stall's site.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum CircuitRef {
    /// The circuit's id.
    Id(i32),
    /// The circuit's name.
    Name(String),
}

/// Reads `circuit` of a stall edit: absent → `None` (unchanged), `null` → `Some(None)` (untie),
/// a name or id → `Some(Some(..))`.
pub fn deserialize_change<'de, D>(d: D) -> Result<Option<Option<CircuitRef>>, D::Error>
where
    D: Deserializer<'de>,
{
    Option::<CircuitRef>::deserialize(d).map(Some)
}

/// Checks the declared circuits: names present, short and once each; capacities in range.
fn validate(input: &CircuitsInput) -> AppResult<Vec<(String, i64)>> {
    if input.circuits.len() > MAX_CIRCUITS {
        return Err(AppError::invalid(
            "too_many_circuits",
            "circuits",
            t::TOO_MANY_CIRCUITS,
        ));
    }
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (i, c) in input.circuits.iter().enumerate() {
        let name = c.name.trim();
        if name.is_empty() || name.chars().count() > MAX_NAME {
            return Err(AppError::invalid(
                "invalid_circuit_name",
                format!("circuits[{i}].name"),
                t::CIRCUIT_NAME_INVALID,
            ));
        }
        if !seen.insert(name.to_owned()) {
            return Err(AppError::invalid(
                "duplicate_circuit",
                format!("circuits[{i}].name"),
                t::CIRCUIT_DUPLICATE,
            ));
        }
        if !(1..=MAX_CAPACITY_W).contains(&c.capacity_w) {
            return Err(AppError::invalid(
                "invalid_watts",
                format!("circuits[{i}].capacity_w"),
                t::CAPACITY_INVALID,
            ));
        }
        out.push((name.to_owned(), c.capacity_w));
    }
    Ok(out)
}

/// Replaces the circuits of a site (its managers, admins); nothing is written unless every
/// circuit is valid. Audited.
pub async fn set_circuits(
    db: &DatabaseConnection,
    user: &CurrentUser,
    site_id: i32,
    input: &CircuitsInput,
) -> AppResult<CircuitsView> {
    super::access::site_for_writing(db, user, site_id).await?;
    let wanted = validate(input)?;
    let txn = begin_write(db).await?;
    let before = circuits_of(&txn, site_id).await?;
    let mut existing: HashMap<String, circuits::Model> = circuits::Entity::find()
        .filter(circuits::Column::SiteId.eq(site_id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|c| (c.name.clone(), c))
        .collect();
    for (name, capacity_w) in &wanted {
        match existing.remove(name) {
            Some(c) if c.capacity_w == *capacity_w => {}
            Some(c) => {
                if *capacity_w < c.capacity_w {
                    super::circuit_guard::capacity_holds(&txn, c.id, name, *capacity_w).await?;
                }
                let mut active: circuits::ActiveModel = c.into();
                active.capacity_w = Set(*capacity_w);
                active.update(&txn).await?;
            }
            None => {
                circuits::ActiveModel {
                    site_id: Set(site_id),
                    name: Set(name.clone()),
                    capacity_w: Set(*capacity_w),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
            }
        }
    }
    for c in existing.values() {
        super::circuit_guard::removable(&txn, c.id, &c.name).await?;
    }
    let gone: Vec<i32> = existing.values().map(|c| c.id).collect();
    if !gone.is_empty() {
        stall_circuits::Entity::delete_many()
            .filter(stall_circuits::Column::CircuitId.is_in(gone.clone()))
            .exec(&txn)
            .await?;
        circuits::Entity::delete_many()
            .filter(circuits::Column::Id.is_in(gone))
            .exec(&txn)
            .await?;
    }
    let after = circuits_of(&txn, site_id).await?;
    audit::record(
        &txn,
        Change {
            actor: Some(user.id),
            entity: "site_circuits",
            entity_id: Some(site_id),
            action: "update",
            before: Some(json!(before)),
            after: Some(json!(after)),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// The circuits of a site by name, with how many stalls each feeds.
pub async fn circuits_of(db: &impl ConnectionTrait, site_id: i32) -> Result<CircuitsView, DbErr> {
    let list = circuits::Entity::find()
        .filter(circuits::Column::SiteId.eq(site_id))
        .order_by_asc(circuits::Column::Name)
        .all(db)
        .await?;
    let ids: Vec<i32> = list.iter().map(|c| c.id).collect();
    let mut counts: HashMap<i32, usize> = HashMap::new();
    for tie in stall_circuits::Entity::find()
        .filter(stall_circuits::Column::CircuitId.is_in(ids))
        .all(db)
        .await?
    {
        *counts.entry(tie.circuit_id).or_default() += 1;
    }
    Ok(CircuitsView {
        site_id,
        circuits: list
            .into_iter()
            .map(|c| CircuitView {
                stalls: counts.get(&c.id).copied().unwrap_or(0),
                id: c.id,
                name: c.name,
                capacity_w: c.capacity_w,
            })
            .collect(),
    })
}

/// The circuit's name of every tied stall of a site.
pub async fn circuit_names(
    db: &impl ConnectionTrait,
    site_id: i32,
) -> Result<HashMap<i32, String>, DbErr> {
    let list = circuits::Entity::find()
        .filter(circuits::Column::SiteId.eq(site_id))
        .all(db)
        .await?;
    let names: HashMap<i32, String> = list.into_iter().map(|c| (c.id, c.name)).collect();
    Ok(stall_circuits::Entity::find()
        .filter(stall_circuits::Column::CircuitId.is_in(names.keys().copied()))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|tie| Some((tie.stall_id, names.get(&tie.circuit_id)?.clone())))
        .collect())
}

/// The circuit feeding a stall, if any.
pub async fn circuit_of_stall(
    db: &impl ConnectionTrait,
    stall_id: i32,
) -> Result<Option<circuits::Model>, DbErr> {
    let Some(tie) = stall_circuits::Entity::find_by_id(stall_id).one(db).await? else {
        return Ok(None);
    };
    circuits::Entity::find_by_id(tie.circuit_id).one(db).await
}

/// Ties `stall` to the circuit named (by id or name, on the stall's site), or unties it for
/// `None`; the caller has checked the right to edit the stall and audits the edit. An unknown
/// circuit is 422 `unknown_circuit`. Returns the circuit's name before and after.
pub async fn apply_stall_change(
    db: &impl ConnectionTrait,
    stall: &stalls::Model,
    change: Option<&CircuitRef>,
) -> AppResult<(Option<String>, Option<String>)> {
    let before = circuit_of_stall(db, stall.id).await?.map(|c| c.name);
    let Some(wanted) = change else {
        stall_circuits::Entity::delete_by_id(stall.id)
            .exec(db)
            .await?;
        return Ok((before, None));
    };
    let on_site = circuits::Entity::find().filter(circuits::Column::SiteId.eq(stall.site_id));
    let circuit = match wanted {
        CircuitRef::Id(id) => on_site.filter(circuits::Column::Id.eq(*id)).one(db).await?,
        CircuitRef::Name(name) => {
            on_site
                .filter(circuits::Column::Name.eq(name.trim()))
                .one(db)
                .await?
        }
    }
    .ok_or_else(|| AppError::invalid("unknown_circuit", "circuit", t::CIRCUIT_UNKNOWN))?;
    stall_circuits::Entity::delete_by_id(stall.id)
        .exec(db)
        .await?;
    stall_circuits::ActiveModel {
        stall_id: Set(stall.id),
        circuit_id: Set(circuit.id),
    }
    .insert(db)
    .await?;
    // A booked stall joined to a circuit that cannot carry its nights: refused (the caller's
    // transaction rolls the join back).
    super::circuit_guard::capacity_holds(db, circuit.id, &circuit.name, circuit.capacity_w).await?;
    Ok((before, Some(circuit.name)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(list: &[(&str, i64)]) -> CircuitsInput {
        CircuitsInput {
            circuits: list
                .iter()
                .map(|(n, w)| CircuitInput {
                    name: (*n).to_owned(),
                    capacity_w: *w,
                })
                .collect(),
        }
    }

    fn code(r: AppResult<Vec<(String, i64)>>) -> &'static str {
        r.err().map_or("ok", |e| e.code())
    }

    #[test]
    fn two_circuits_of_one_name_are_refused() {
        assert_eq!(
            code(validate(&input(&[("A", 3000), (" A", 2000)]))),
            "duplicate_circuit"
        );
    }

    #[test]
    fn a_circuit_without_capacity_or_name_is_refused() {
        assert_eq!(code(validate(&input(&[("A", 0)]))), "invalid_watts");
        assert_eq!(code(validate(&input(&[("A", -5)]))), "invalid_watts");
        assert_eq!(code(validate(&input(&[("", 5)]))), "invalid_circuit_name");
        assert_eq!(code(validate(&input(&[("A", 5), ("B", 7)]))), "ok");
    }
}
