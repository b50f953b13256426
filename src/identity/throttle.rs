//! Login throttling: per account in the database (shared by every process), per client address
//! in memory (a local limit; relaxed by `NIGHTMARKET_LIMITS=relaxed`).

use crate::error::{AppError, AppResult};
use chrono::{Duration, Utc};
use entity::login_failures;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

/// Failed logins allowed per account within [`ACCOUNT_WINDOW_MINUTES`].
pub const ACCOUNT_MAX_FAILURES: u64 = 10;
/// The account throttling window.
pub const ACCOUNT_WINDOW_MINUTES: i64 = 15;

/// 429 when `login` has failed too often recently, with the seconds until it may try again.
pub async fn check_account(db: &impl ConnectionTrait, login: &str) -> AppResult<()> {
    let since = Utc::now() - Duration::minutes(ACCOUNT_WINDOW_MINUTES);
    let recent: Vec<chrono::DateTime<Utc>> = login_failures::Entity::find()
        .select_only()
        .column(login_failures::Column::At)
        .filter(login_failures::Column::Login.eq(login))
        .filter(login_failures::Column::At.gt(since))
        .order_by_desc(login_failures::Column::At)
        .limit(ACCOUNT_MAX_FAILURES)
        .into_tuple()
        .all(db)
        .await?;
    if (recent.len() as u64) < ACCOUNT_MAX_FAILURES {
        return Ok(());
    }
    // The oldest of the last N failures leaving the window frees one more try.
    let oldest = recent.last().copied().unwrap_or_else(Utc::now);
    let wait = (oldest + Duration::minutes(ACCOUNT_WINDOW_MINUTES) - Utc::now())
        .num_seconds()
        .max(1) as u64;
    Err(AppError::TooManyRequests {
        retry_after_secs: wait,
    })
}

/// Records a failed login and forgets failures older than a day.
pub async fn record_failure(db: &impl ConnectionTrait, login: &str) -> AppResult<()> {
    let now = Utc::now();
    login_failures::ActiveModel {
        login: Set(login.to_owned()),
        at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    login_failures::Entity::delete_many()
        .filter(login_failures::Column::At.lt(now - Duration::days(1)))
        .exec(db)
        .await?;
    Ok(())
}

/// Clears an account's failures after a successful login.
pub async fn clear(db: &impl ConnectionTrait, login: &str) -> AppResult<()> {
    login_failures::Entity::delete_many()
        .filter(login_failures::Column::Login.eq(login))
        .exec(db)
        .await?;
    Ok(())
}

/// Requests counted per (address, purpose) since the window's start.
type Windows = HashMap<(IpAddr, &'static str), (Instant, u32)>;

/// A fixed-window counter per client address and purpose (login, registration).
#[derive(Default)]
pub struct AddressLimiter {
    windows: Mutex<Windows>,
}

impl AddressLimiter {
    /// 429 when `ip` has made more than `max` requests for `purpose` in the last minute.
    pub fn check(&self, ip: Option<IpAddr>, purpose: &'static str, max: u32) -> AppResult<()> {
        let Some(ip) = ip else { return Ok(()) };
        let now = Instant::now();
        let mut windows = self
            .windows
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if windows.len() > 100_000 {
            windows.retain(|_, (start, _)| now.duration_since(*start).as_secs() < 60);
        }
        let entry = windows.entry((ip, purpose)).or_insert((now, 0));
        if now.duration_since(entry.0).as_secs() >= 60 {
            *entry = (now, 0);
        }
        entry.1 += 1;
        if entry.1 > max {
            let wait = 60 - now.duration_since(entry.0).as_secs();
            return Err(AppError::TooManyRequests {
                retry_after_secs: wait.max(1),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_limited_per_purpose() {
        let limiter = AddressLimiter::default();
        let ip: IpAddr = "10.0.0.1".parse().unwrap();
        for _ in 0..3 {
            limiter.check(Some(ip), "login", 3).unwrap();
        }
        assert!(limiter.check(Some(ip), "login", 3).is_err());
        assert!(limiter.check(Some(ip), "register", 3).is_ok());
        assert!(limiter.check(None, "login", 0).is_ok());
    }
}
