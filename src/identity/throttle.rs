//! Login throttling after OWASP's authentication guidance: failures are counted per account
//! and per client address in the database (shared by every process), so the client that
//! guesses is stopped while the account's owner is only slowed, never locked out.
//!
//! - account + address: 10 failures within 15 minutes → 429 for that client on that account
//!   (always on; API.md's "per account" limit, keyed so that a stranger's guesses cannot lock
//!   the owner out);
//! - address: 100 failures within 15 minutes across accounts → 429 (a sprayer), and at most
//!   30 attempts a minute per process in memory; both off with `NIGHTMARKET_LIMITS=relaxed`;
//! - account: failures from anywhere make every login to it wait before the password is
//!   checked, a delay that doubles with the failures and is capped at a few seconds.

use crate::error::{AppError, AppResult};
use chrono::{DateTime, Duration, Utc};
use entity::login_failures;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

/// Failed logins allowed for one account from one client within [`WINDOW_MINUTES`].
pub const ACCOUNT_MAX_FAILURES: u64 = 10;
/// Failed logins allowed from one client address, across accounts, within [`WINDOW_MINUTES`].
pub const ADDRESS_MAX_FAILURES: u64 = 100;
/// The throttling window.
pub const WINDOW_MINUTES: i64 = 15;

/// How logins to an account under attack are slowed: no wait for the first `free` failures in
/// the window, then `step` doubling with each further failure, never more than `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slowdown {
    /// Failures before any wait (the owner's own typos).
    pub free: u64,
    /// The first wait.
    pub step: std::time::Duration,
    /// The longest wait.
    pub max: std::time::Duration,
}

impl Default for Slowdown {
    /// 5 free failures, then 0.25 s, 0.5 s, 1 s, 2 s, 3 s at most.
    fn default() -> Self {
        Slowdown {
            free: 5,
            step: std::time::Duration::from_millis(250),
            max: std::time::Duration::from_secs(3),
        }
    }
}

impl Slowdown {
    /// The wait before checking a password for an account with `failures` recent failures.
    pub fn delay(&self, failures: u64) -> std::time::Duration {
        let Some(over) = failures.checked_sub(self.free) else {
            return std::time::Duration::ZERO;
        };
        let factor = 1u32 << over.min(20);
        self.step.saturating_mul(factor).min(self.max)
    }
}

/// A client address as throttling counts it: an IPv4 address (IPv4-mapped IPv6 included) as
/// it is, an IPv6 client by its /64 — one subscriber holds a whole /64 and could otherwise
/// rotate through 2⁶⁴ addresses. `None` when the server does not know the address.
pub fn address_key(ip: Option<IpAddr>) -> Option<String> {
    match ip? {
        IpAddr::V4(v4) => Some(v4.to_string()),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => Some(v4.to_string()),
            None => {
                let s = v6.segments();
                let prefix = std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0);
                Some(format!("{prefix}/64"))
            }
        },
    }
}

/// An attempt at a secret (a password, a TOTP code), counted as a failure from before the
/// secret is checked: racing attempts see each other, so a burst cannot pass more than the
/// limit to the check. [`Attempt::passed`] takes it back when the secret was right.
#[derive(Debug)]
#[must_use = "an attempt counts as a failure until it is passed"]
pub struct Attempt {
    id: i32,
}

impl Attempt {
    /// The secret was right: the attempt is not a failure.
    pub async fn passed(self, db: &impl ConnectionTrait) -> AppResult<()> {
        login_failures::Entity::delete_by_id(self.id)
            .exec(db)
            .await?;
        Ok(())
    }
}

/// The checks before a secret is verified, with the attempt already counted among the
/// failures: 429 for a client that has failed too often on this account, or (with per-address
/// limits on) too often across accounts — the attempt is then taken back; otherwise the
/// attempt and the wait that the account's recent failures from anywhere ask for.
pub async fn begin_attempt(
    db: &impl ConnectionTrait,
    login: &str,
    address: Option<&str>,
    per_address_limits: bool,
    slowdown: &Slowdown,
) -> AppResult<(Attempt, std::time::Duration)> {
    let attempt = Attempt {
        id: record_failure(db, login, address).await?,
    };
    match limits(db, login, address, per_address_limits).await {
        Ok(on_account) => Ok((attempt, slowdown.delay(on_account.saturating_sub(1)))),
        Err(e) => {
            attempt.passed(db).await?;
            Err(e)
        }
    }
}

/// The per-client and per-address limits, counting the attempt being made (one more than the
/// limits allow before it); the failures on the account from anywhere when they pass.
async fn limits(
    db: &impl ConnectionTrait,
    login: &str,
    address: Option<&str>,
    per_address_limits: bool,
) -> AppResult<u64> {
    let since = Utc::now() - Duration::minutes(WINDOW_MINUTES);
    if per_address_limits && let Some(address) = address {
        let by_address = login_failures::Entity::find()
            .filter(login_failures::Column::Address.eq(address))
            .filter(login_failures::Column::At.gt(since));
        refuse_past(db, by_address, ADDRESS_MAX_FAILURES + 1).await?;
    }
    let by_client = login_failures::Entity::find()
        .filter(login_failures::Column::Login.eq(login))
        .filter(match address {
            Some(a) => login_failures::Column::Address.eq(a),
            None => login_failures::Column::Address.is_null(),
        })
        .filter(login_failures::Column::At.gt(since));
    refuse_past(db, by_client, ACCOUNT_MAX_FAILURES + 1).await?;
    Ok(login_failures::Entity::find()
        .filter(login_failures::Column::Login.eq(login))
        .filter(login_failures::Column::At.gt(since))
        .count(db)
        .await?)
}

/// 429 when `failures` holds `max` rows or more, with the seconds until the oldest of the last
/// `max` leaves the window (which frees one more try).
async fn refuse_past(
    db: &impl ConnectionTrait,
    failures: sea_orm::Select<login_failures::Entity>,
    max: u64,
) -> AppResult<()> {
    let recent: Vec<DateTime<Utc>> = failures
        .select_only()
        .column(login_failures::Column::At)
        .order_by_desc(login_failures::Column::At)
        .limit(max)
        .into_tuple()
        .all(db)
        .await?;
    if (recent.len() as u64) < max {
        return Ok(());
    }
    let oldest = recent.last().copied().unwrap_or_else(Utc::now);
    let wait = (oldest + Duration::minutes(WINDOW_MINUTES) - Utc::now())
        .num_seconds()
        .max(1) as u64;
    Err(AppError::TooManyRequests {
        retry_after_secs: wait,
    })
}

/// Records a failed login from `address` and forgets failures older than a day; the row's id.
pub async fn record_failure(
    db: &impl ConnectionTrait,
    login: &str,
    address: Option<&str>,
) -> AppResult<i32> {
    let now = Utc::now();
    let row = login_failures::ActiveModel {
        login: Set(login.to_owned()),
        at: Set(now),
        address: Set(address.map(str::to_owned)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    login_failures::Entity::delete_many()
        .filter(login_failures::Column::At.lt(now - Duration::days(1)))
        .exec(db)
        .await?;
    Ok(row.id)
}

/// After a successful login, forgets the failures of this client on this account (the owner's
/// typos). Failures from other addresses stay: they keep their clients stopped and the
/// account slowed while the guessing goes on.
pub async fn clear(db: &impl ConnectionTrait, login: &str, address: Option<&str>) -> AppResult<()> {
    login_failures::Entity::delete_many()
        .filter(login_failures::Column::Login.eq(login))
        .filter(match address {
            Some(a) => login_failures::Column::Address.eq(a),
            None => login_failures::Column::Address.is_null(),
        })
        .exec(db)
        .await?;
    Ok(())
}

/// Forgets every failure on the account, from anywhere: its password was just reset, so
/// guesses at the old one say nothing about the new.
pub async fn forget_account(db: &impl ConnectionTrait, login: &str) -> AppResult<()> {
    login_failures::Entity::delete_many()
        .filter(login_failures::Column::Login.eq(login))
        .exec(db)
        .await?;
    Ok(())
}

/// Requests counted per (address, purpose) since the window's start.
type Windows = HashMap<(IpAddr, &'static str), (Instant, u32)>;

/// A fixed-window counter per client address and purpose (login, registration), in this
/// process's memory, and the slowdown policy of logins (tests make it short).
#[derive(Default)]
pub struct AddressLimiter {
    windows: Mutex<Windows>,
    /// How logins to an account with recent failures are slowed.
    pub slowdown: Slowdown,
}

impl AddressLimiter {
    /// A limiter whose logins slow down as `slowdown` says.
    pub fn with_slowdown(slowdown: Slowdown) -> Self {
        AddressLimiter {
            windows: Mutex::default(),
            slowdown,
        }
    }

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
    use std::time::Duration as Std;

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

    #[test]
    fn the_wait_doubles_after_the_free_failures_and_stops_at_the_cap() {
        let s = Slowdown::default();
        let waits: Vec<u128> = (0..12).map(|n| s.delay(n).as_millis()).collect();
        assert_eq!(
            waits,
            [0, 0, 0, 0, 0, 250, 500, 1000, 2000, 3000, 3000, 3000]
        );
        assert_eq!(s.delay(u64::MAX), Std::from_secs(3));
    }

    #[test]
    fn an_ipv6_client_counts_by_its_64_prefix() {
        let key = |s: &str| address_key(Some(s.parse().unwrap())).unwrap();
        assert_eq!(key("2001:db8:1:2:aaaa::1"), key("2001:db8:1:2:bbbb::9"));
        assert_eq!(key("2001:db8:1:2::1"), "2001:db8:1:2::/64");
        assert_ne!(key("2001:db8:1:2::1"), key("2001:db8:1:3::1"));
        assert_eq!(key("::ffff:10.0.0.7"), "10.0.0.7");
        assert_eq!(address_key(None), None);
    }
}
