//! The gas and power rules of a booking (issue 18, point 5), checked inside the write
//! transaction that inserts it: a vendor whose gas cylinder inspection has lapsed by the
//! session date is refused (422 `gas_inspection_expired`), and so is a booking that would take
//! the stall's circuit past its capacity with this vendor's watts (409 `circuit_overloaded`).
//!
//! Two bookings racing onto the last watts of a circuit: on PostgreSQL the circuit's row is
//! locked (`crate::db::lock_rows`) before the load is summed, so the second waits for the first to commit
//! and then sees its booking (READ COMMITTED takes a new snapshot per statement); on SQLite the
//! write transaction is `BEGIN IMMEDIATE`, one writer at a time. The load is summed from the
//! bookings themselves, so a cancelled or moved booking frees its watts with no counter to keep.

use super::error::BookingError;
use super::place::BookingResult;
use crate::db::Sql;
use crate::error::AppError;
use crate::i18n::{Msg, texts::power as t};
use crate::sites::circuits;
use crate::vendors::equipment;
use entity::bookings::BookingStatus;
use entity::market_sessions;
use sea_orm::{ConnectionTrait, DbBackend, DbErr, EntityTrait};
use std::collections::HashMap;

/// Checks gas and power for one booking about to be inserted by `db` (a write transaction).
pub async fn check(
    db: &impl ConnectionTrait,
    session_id: i32,
    stall_id: i32,
    vendor_id: i32,
) -> BookingResult<()> {
    let Some(session) = market_sessions::Entity::find_by_id(session_id)
        .one(db)
        .await?
    else {
        return Ok(());
    };
    if equipment::gas_inspection_lapsed(db, vendor_id, session.business_date).await? {
        return Err(BookingError::Shell(AppError::invalid(
            "gas_inspection_expired",
            "vendor_id",
            t::GAS_EXPIRED,
        )));
    }
    let watts = equipment::appliances_w(db, vendor_id).await?;
    if watts == 0 {
        return Ok(());
    }
    let Some(circuit) = circuits::circuit_of_stall(db, stall_id).await? else {
        return Ok(());
    };
    crate::db::lock_rows(db, "circuits", &[circuit.id], crate::db::RowLock::Update).await?;
    let load = load_without(db, session_id, circuit.id, vendor_id).await?;
    if load + watts > circuit.capacity_w {
        return Err(BookingError::Shell(AppError::conflict(
            "circuit_overloaded",
            Msg::with(
                "power-circuit-overloaded",
                [
                    ("circuit", circuit.name.clone().into()),
                    ("load", load.into()),
                    ("watts", watts.into()),
                    ("capacity", circuit.capacity_w.into()),
                ],
            ),
        )));
    }
    Ok(())
}

/// The watts booked on a circuit in a session, other vendors only.
async fn load_without(
    db: &impl ConnectionTrait,
    session_id: i32,
    circuit_id: i32,
    vendor_id: i32,
) -> Result<i64, DbErr> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push(
        "SELECT CAST(COALESCE(SUM(e.appliances_w), 0) AS BIGINT) FROM bookings b \
         JOIN stall_circuits sc ON sc.stall_id = b.stall_id \
         JOIN vendor_equipment e ON e.vendor_id = b.vendor_id WHERE b.session_id = ",
    )
    .bind(session_id)
    .push(" AND sc.circuit_id = ")
    .bind(circuit_id)
    .push(" AND b.vendor_id <> ")
    .bind(vendor_id)
    .push(" AND b.status IN (")
    .bind(BookingStatus::Booked)
    .push(", ")
    .bind(BookingStatus::CheckedIn)
    .push(")");
    let row = db.query_one_raw(sql.build()).await?;
    Ok(match row {
        Some(r) => r.try_get_by_index::<i64>(0)?,
        None => 0,
    })
}

/// The first circuit that a market's bookings take past its capacity in a session between
/// `from` and `to`, for an allocation about to publish its bookings in this transaction: 409
/// `circuit_overloaded` naming the circuit and the night, so nothing is published. The
/// circuits of those sessions' sites are locked first (PostgreSQL), as a hand booking locks its
/// circuit, so a booking racing the publish waits for it and then sees its watts.
pub async fn check_market_circuits(
    db: &impl ConnectionTrait,
    market_id: i32,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> Result<(), AppError> {
    let backend = db.get_database_backend();
    let sessions_of_market = |sql: &mut Sql| {
        sql.push("SELECT ms.site_id FROM market_sessions ms WHERE ms.market_id = ")
            .bind(market_id)
            .push(" AND ms.business_date >= ")
            .bind(from)
            .push(" AND ms.business_date <= ")
            .bind(to);
    };
    if backend == DbBackend::Postgres {
        let mut lock = Sql::new(backend);
        lock.push("SELECT id FROM circuits WHERE site_id IN (");
        sessions_of_market(&mut lock);
        lock.push(") ORDER BY id FOR UPDATE");
        db.query_all_raw(lock.build()).await?;
    }
    let mut sql = Sql::new(backend);
    sql.push(
        "SELECT c.name, ms.business_date, CAST(SUM(e.appliances_w) AS BIGINT), c.capacity_w \
         FROM bookings b JOIN market_sessions ms ON ms.id = b.session_id \
         JOIN stall_circuits sc ON sc.stall_id = b.stall_id \
         JOIN circuits c ON c.id = sc.circuit_id \
         JOIN vendor_equipment e ON e.vendor_id = b.vendor_id WHERE ms.market_id = ",
    )
    .bind(market_id)
    .push(" AND ms.business_date >= ")
    .bind(from)
    .push(" AND ms.business_date <= ")
    .bind(to)
    .push(" AND b.status IN (")
    .bind(BookingStatus::Booked)
    .push(", ")
    .bind(BookingStatus::CheckedIn)
    .push(
        ") GROUP BY b.session_id, ms.business_date, c.id, c.name, c.capacity_w \
         HAVING SUM(e.appliances_w) > c.capacity_w ORDER BY ms.business_date, c.name LIMIT 1",
    );
    let Some(row) = db.query_one_raw(sql.build()).await? else {
        return Ok(());
    };
    let (circuit, date, load, capacity): (String, chrono::NaiveDate, i64, i64) = (
        row.try_get_by_index(0)?,
        row.try_get_by_index(1)?,
        row.try_get_by_index(2)?,
        row.try_get_by_index(3)?,
    );
    Err(AppError::conflict(
        "circuit_overloaded",
        Msg::with(
            "power-publish-overloaded",
            [
                ("circuit", circuit.into()),
                ("date", date.to_string().into()),
                ("load", load.into()),
                ("capacity", capacity.into()),
            ],
        ),
    ))
}

/// One circuit's load in a session, for the session page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CircuitLoad {
    /// The circuit's name.
    pub name: String,
    /// Watts of the vendors booked on its stalls.
    pub load_w: i64,
    /// Its capacity.
    pub capacity_w: i64,
    /// Bookings on its stalls.
    pub bookings: i64,
}

/// Every circuit of the session's site with the watts booked on it in the session, by name.
pub async fn circuit_loads(
    db: &impl ConnectionTrait,
    session: &market_sessions::Model,
) -> Result<Vec<CircuitLoad>, DbErr> {
    let list = circuits::circuits_of(db, session.site_id).await?.circuits;
    if list.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Sql::new(db.get_database_backend());
    sql.push(
        "SELECT sc.circuit_id, CAST(COALESCE(SUM(e.appliances_w), 0) AS BIGINT), COUNT(b.id) \
         FROM bookings b JOIN stall_circuits sc ON sc.stall_id = b.stall_id \
         LEFT JOIN vendor_equipment e ON e.vendor_id = b.vendor_id WHERE b.session_id = ",
    )
    .bind(session.id)
    .push(" AND b.status IN (")
    .bind(BookingStatus::Booked)
    .push(", ")
    .bind(BookingStatus::CheckedIn)
    .push(") GROUP BY sc.circuit_id");
    let mut loads: HashMap<i32, (i64, i64)> = HashMap::new();
    for row in db.query_all_raw(sql.build()).await? {
        loads.insert(
            row.try_get_by_index(0)?,
            (row.try_get_by_index(1)?, row.try_get_by_index(2)?),
        );
    }
    Ok(list
        .into_iter()
        .map(|c| {
            let (load_w, bookings) = loads.get(&c.id).copied().unwrap_or((0, 0));
            CircuitLoad {
                name: c.name,
                load_w,
                capacity_w: c.capacity_w,
                bookings,
            }
        })
        .collect())
}

/// The session page's table of circuit loads (nothing when the site has no circuits): each
/// circuit's watts booked against its capacity, a full one marked in words, not colour alone.
pub fn loads_section(ctx: &crate::views::PageCtx, loads: &[CircuitLoad]) -> maud::Markup {
    maud::html! {
        @if !loads.is_empty() {
            h2 { (ctx.t(t::LOADS_TITLE)) }
            div.table-wrap tabindex="0" role="region" aria-label=(ctx.t(t::LOADS_TITLE)) { table.circuit-loads {
                thead { tr { th { (ctx.t(t::CIRCUIT_NAME)) } th { (ctx.t(t::LOAD)) } th { (ctx.t(t::STALLS_BOOKED)) } } }
                tbody { @for l in loads {
                    @let full = l.load_w >= l.capacity_w;
                    // Over: a capacity lowered, or stalls joined, after the bookings were made
                    // (each booking was refused past it): the manager must move someone.
                    @let over = l.load_w > l.capacity_w;
                    tr data-circuit=(l.name) data-load=(l.load_w) data-capacity=(l.capacity_w) {
                        td { (l.name) }
                        td { (l.load_w) " W / " (l.capacity_w) " W"
                            @if over { " · " strong.warning { "⚠ " (ctx.t(t::OVERLOADED)) } }
                            @else if full { " · " strong { (ctx.t(t::FULL)) } } }
                        td { (l.bookings) }
                    }
                } }
            } }
        }
    }
}
