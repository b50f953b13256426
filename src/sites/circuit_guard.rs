//! A circuit list change that would leave coming nights unsafe is refused: a capacity lowered
//! under the watts already booked on a night to come, or a circuit removed while it still feeds
//! stalls booked for one (the joins went silently, and with them every power check of those
//! nights). Each booking was refused past the capacity when it was made; this keeps it so.

use crate::db::Sql;
use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use chrono::Utc;
use entity::market_sessions::SessionStatus;
use sea_orm::ConnectionTrait;

/// The busiest night to come on `circuit_id`: (date, watts booked).
async fn busiest_night(
    db: &impl ConnectionTrait,
    circuit_id: i32,
) -> AppResult<Option<(chrono::NaiveDate, i64)>> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push(
        "SELECT ms.business_date, CAST(SUM(e.appliances_w) AS BIGINT) \
         FROM bookings b JOIN market_sessions ms ON ms.id = b.session_id \
         JOIN stall_circuits sc ON sc.stall_id = b.stall_id \
         JOIN vendor_equipment e ON e.vendor_id = b.vendor_id \
         WHERE sc.circuit_id = ",
    )
    .bind(circuit_id)
    .push(" AND ms.status = ")
    .bind(SessionStatus::Scheduled)
    .push(" AND ms.ends_at > ")
    .bind(Utc::now())
    .push(" GROUP BY b.session_id, ms.business_date ORDER BY 2 DESC, 1 LIMIT 1");
    let row = db.query_one_raw(sql.build()).await?;
    Ok(match row {
        Some(r) => Some((
            r.try_get_by_index::<chrono::NaiveDate>(0)?,
            r.try_get_by_index::<Option<i64>>(1)?.unwrap_or(0),
        )),
        None => None,
    })
}

/// How many stalls `circuit_id` feeds that are booked for a night not yet over.
async fn booked_stalls(db: &impl ConnectionTrait, circuit_id: i32) -> AppResult<i64> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push(
        "SELECT COUNT(DISTINCT b.stall_id) FROM bookings b \
         JOIN market_sessions ms ON ms.id = b.session_id \
         JOIN stall_circuits sc ON sc.stall_id = b.stall_id WHERE sc.circuit_id = ",
    )
    .bind(circuit_id)
    .push(" AND ms.status = ")
    .bind(SessionStatus::Scheduled)
    .push(" AND ms.ends_at > ")
    .bind(Utc::now());
    Ok(match db.query_one_raw(sql.build()).await? {
        Some(r) => r.try_get_by_index::<i64>(0)?,
        None => 0,
    })
}

/// 409 `circuit_overloaded` when `capacity_w` is under the watts booked on a night to come.
pub async fn capacity_holds(
    db: &impl ConnectionTrait,
    circuit_id: i32,
    name: &str,
    capacity_w: i64,
) -> AppResult<()> {
    match busiest_night(db, circuit_id).await? {
        Some((date, load)) if load > capacity_w => Err(AppError::conflict(
            "circuit_overloaded",
            Msg::with(
                "power-capacity-below-booked",
                [
                    ("circuit", name.to_owned().into()),
                    ("date", date.to_string().into()),
                    ("load", load.into()),
                    ("capacity", capacity_w.into()),
                ],
            ),
        )),
        _ => Ok(()),
    }
}

/// 409 `circuit_in_use` when the circuit feeds stalls booked for a night to come.
pub async fn removable(db: &impl ConnectionTrait, circuit_id: i32, name: &str) -> AppResult<()> {
    let stalls = booked_stalls(db, circuit_id).await?;
    if stalls == 0 {
        return Ok(());
    }
    Err(AppError::conflict(
        "circuit_in_use",
        Msg::with(
            "power-circuit-in-use",
            [
                ("circuit", name.to_owned().into()),
                ("stalls", stalls.into()),
            ],
        ),
    ))
}
