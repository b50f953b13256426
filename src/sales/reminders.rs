//! The morning reminder: a vendor whose booking in a market that requires sales reports has
//! no report by 08:00 the next day gets one notice — once per booking, however many server
//! processes run the task (a row in `sales_reminders` is the claim; the database refuses a
//! second one).

use crate::db::{Sql, begin_write};
use crate::i18n::Msg;
use crate::notices::{self, Outgoing};
use chrono::{DateTime, Duration, Timelike, Utc};
use entity::market_sessions::SessionStatus;
use entity::sales_reports::SalesReporting;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr};

/// Local hour from which yesterday's missing reports are reminded.
pub const MORNING_HOUR: u32 = 8;
/// How many days back a missing report is still reminded (older ones are left alone).
pub const LOOKBACK_DAYS: i64 = 3;

/// Claims and writes the reminders due at `now`; returns the notices to deliver (already
/// committed).
pub async fn send_due(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<Vec<Outgoing>, DbErr> {
    let local = now.with_timezone(&crate::clock::shanghai());
    let today = local.date_naive();
    // Sessions of yesterday once the morning has come, and of the days before.
    let last = if local.hour() >= MORNING_HOUR {
        today - Duration::days(1)
    } else {
        today - Duration::days(2)
    };
    let first = today - Duration::days(LOOKBACK_DAYS);
    if last < first {
        return Ok(Vec::new());
    }
    let txn = begin_write(db).await?;
    let mut sql = Sql::new(txn.get_database_backend());
    sql.push(
        "SELECT b.id, v.user_id, s.business_date, m.name, st.code \
         FROM bookings b \
         JOIN market_sessions s ON s.id = b.session_id \
         JOIN markets m ON m.id = s.market_id \
         JOIN vendors v ON v.id = b.vendor_id \
         JOIN stalls st ON st.id = b.stall_id \
         WHERE m.sales_reporting = ",
    )
    .bind(SalesReporting::Required.as_str())
    .push(" AND s.status = ")
    .bind(SessionStatus::Scheduled.as_str())
    .push(" AND s.business_date >= ")
    .bind(first)
    .push(" AND s.business_date <= ")
    .bind(last)
    .push(
        " AND NOT EXISTS (SELECT 1 FROM sales_reports r WHERE r.booking_id = b.id) \
         AND NOT EXISTS (SELECT 1 FROM sales_reminders x WHERE x.booking_id = b.id) \
         ORDER BY b.id",
    );
    let rows = txn.query_all_raw(sql.build()).await?;
    let mut out = Vec::new();
    for row in rows {
        let booking: i32 = row.try_get_by_index(0)?;
        let user: i32 = row.try_get_by_index(1)?;
        let date: chrono::NaiveDate = row.try_get_by_index(2)?;
        let market: String = row.try_get_by_index(3)?;
        let stall: String = row.try_get_by_index(4)?;
        let mut claim = Sql::new(txn.get_database_backend());
        claim
            .push("INSERT INTO sales_reminders (booking_id, user_id, sent_at) VALUES (")
            .bind(booking)
            .push(", ")
            .bind(user)
            .push(", ")
            .bind(now)
            .push(") ON CONFLICT (booking_id) DO NOTHING");
        if txn.execute_raw(claim.build()).await?.rows_affected() != 1 {
            continue;
        }
        let text = Msg::with(
            "figures-reminder",
            [
                ("date", date.to_string().into()),
                ("market", market.into()),
                ("stall", stall.into()),
            ],
        );
        out.push(notices::write(&txn, user, "sales_reminder", text).await?);
    }
    txn.commit().await?;
    Ok(out)
}
