//! Each session's digest entries (its bookings and its sales reports, see [`super::digest`])
//! parsed once and kept per server process, re-read only for the sessions whose revision
//! counters moved. A year of reports is ~7,300 sessions and ~2 M entries: reading them all on
//! every report cost PostgreSQL ~250 ms in transfer and parsing; the counters are 7,300 short
//! rows. The first report of a process reads the entries in the same statement as the
//! sessions (one read, as before the cache).
//!
//! Correct across processes for the same reason as the plan caches (`crate::cache`): the
//! `session` counter is bumped by every write to a session's bookings and the `sales` counter
//! by every write to its sales reports, by triggers, in the writing transaction; the counters
//! are read before the entries, so an entry can only be stored as older than it is (and is
//! read again next time), never newer.

use sea_orm::{ConnectionTrait, DbErr};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Sessions kept at most; past that the cache starts again (a county's year is ~7,300).
const CAPACITY: usize = 200_000;

/// Entries read per statement when only some sessions changed.
const CHUNK: usize = 500;

/// Above this many changed sessions, one statement reads the whole period instead.
const MANY: usize = 2_000;

/// The joins that bring a session `s`'s entries as `d.entries` (bookings) and `ss.entries`
/// (sales): every statement that reads entries uses them.
pub const ENTRY_JOINS: &str = " LEFT JOIN session_digests d ON d.session_id = s.id \
     LEFT JOIN session_sales ss ON ss.session_id = s.id";

/// A booking as its digest entry says, before any filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawBooking {
    /// The vendor's id.
    pub vendor: u32,
    /// The application the booking came from, if any.
    pub application: Option<u32>,
    /// Whether the vendor checked in.
    pub checked_in: bool,
}

/// A night's sales report as its entry says, before any filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawSale {
    /// The vendor's id.
    pub vendor: u32,
    /// The booking's application, if any.
    pub application: Option<u32>,
    /// Sales in fen.
    pub sales_fen: i64,
    /// Vouchers redeemed in fen.
    pub voucher_fen: i64,
    /// Helpers that night.
    pub helpers: u8,
    /// Flagged as far above the vendor's usual.
    pub flagged: bool,
}

/// One session's entries and the counters they were read at.
#[derive(Debug, Default)]
pub struct Entries {
    revisions: (i64, i64),
    /// Its bookings.
    pub bookings: Vec<RawBooking>,
    /// Its sales reports.
    pub sales: Vec<RawSale>,
}

/// The cache of one server process (`AppState::caches`).
#[derive(Debug, Default)]
pub struct DigestCache {
    sessions: Mutex<HashMap<i32, Arc<Entries>>>,
}

/// A session as listed with its counters: what the entries must have been read at.
#[derive(Debug, Clone, Copy)]
pub struct Listed {
    /// The session.
    pub id: i32,
    /// Its `session` and `sales` revision counters (0: never bumped).
    pub revisions: (i64, i64),
}

impl DigestCache {
    /// The entries of `listed`, reading from the database those whose counters moved.
    /// `whole_period` is the statement that reads every listed session's entries at once
    /// (`id, bookings, sales`), used when most of them changed.
    pub async fn entries(
        &self,
        db: &impl ConnectionTrait,
        listed: &[Listed],
        whole_period: impl FnOnce() -> sea_orm::Statement,
    ) -> Result<Vec<Arc<Entries>>, DbErr> {
        let stale: Vec<Listed> = {
            let map = self.lock();
            listed
                .iter()
                .filter(|l| map.get(&l.id).is_none_or(|e| e.revisions != l.revisions))
                .copied()
                .collect()
        };
        if !stale.is_empty() {
            let revisions: HashMap<i32, (i64, i64)> =
                stale.iter().map(|l| (l.id, l.revisions)).collect();
            let mut fresh: Vec<(i32, Entries)> = Vec::with_capacity(stale.len());
            if stale.len() > MANY {
                read_into(db, whole_period(), &revisions, &mut fresh).await?;
            } else {
                for chunk in stale.chunks(CHUNK) {
                    let ids: Vec<String> = chunk.iter().map(|l| l.id.to_string()).collect();
                    let stmt = sea_orm::Statement::from_string(
                        db.get_database_backend(),
                        format!(
                            "SELECT s.id, d.entries, ss.entries FROM market_sessions s{ENTRY_JOINS} \
                             WHERE s.id IN ({})",
                            ids.join(",")
                        ),
                    );
                    read_into(db, stmt, &revisions, &mut fresh).await?;
                }
            }
            self.store(fresh);
        }
        let map = self.lock();
        Ok(listed
            .iter()
            .map(|l| map.get(&l.id).cloned().unwrap_or_default())
            .collect())
    }

    /// Whether nothing is kept yet.
    pub fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }

    /// Keeps sessions' entries, each read no earlier than the counters it carries.
    pub fn store(&self, fresh: Vec<(i32, Entries)>) {
        if fresh.is_empty() {
            return;
        }
        let mut map = self.lock();
        if map.len() + fresh.len() > CAPACITY {
            map.clear();
        }
        for (id, e) in fresh {
            map.insert(id, Arc::new(e));
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i32, Arc<Entries>>> {
        self.sessions.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Entries {
    /// The entries in columns `at` (bookings) and `at + 1` (sales) of `row`, read at the
    /// session's `revisions` or later.
    pub fn parse(
        row: &sea_orm::QueryResult,
        at: usize,
        revisions: (i64, i64),
    ) -> Result<Entries, DbErr> {
        let bookings: Option<String> = row.try_get_by_index(at)?;
        let sales: Option<String> = row.try_get_by_index(at + 1)?;
        Ok(Entries {
            revisions,
            bookings: parse_bookings(bookings.as_deref().unwrap_or(""))?,
            sales: parse_sales(sales.as_deref().unwrap_or(""))?,
        })
    }
}

/// Reads `(id, bookings, sales)` rows, keeping those of `revisions`' sessions.
async fn read_into(
    db: &impl ConnectionTrait,
    stmt: sea_orm::Statement,
    revisions: &HashMap<i32, (i64, i64)>,
    out: &mut Vec<(i32, Entries)>,
) -> Result<(), DbErr> {
    for row in db.query_all_raw(stmt).await? {
        let id: i32 = row.try_get_by_index(0)?;
        let Some(&revs) = revisions.get(&id) else {
            continue;
        };
        out.push((id, Entries::parse(&row, 1, revs)?));
    }
    Ok(())
}

/// The error for a digest entry that does not parse.
fn malformed(entries: &str) -> DbErr {
    DbErr::Custom(format!(
        "malformed session digest entry in {:?}",
        entries.chars().take(80).collect::<String>()
    ))
}

/// `<vendor>[/<application>]`.
fn who(s: &str, entries: &str) -> Result<(u32, Option<u32>), DbErr> {
    let (vendor, application) = match s.split_once('/') {
        Some((v, a)) => (v, Some(a.parse().map_err(|_| malformed(entries))?)),
        None => (s, None),
    };
    Ok((vendor.parse().map_err(|_| malformed(entries))?, application))
}

/// The comma-separated entries of a digest, each without its trailing `mark` and whether it
/// had it.
fn marked(entries: &str, mark: char) -> impl Iterator<Item = (&str, bool)> {
    entries
        .split(',')
        .filter(|e| !e.is_empty())
        .map(move |e| e.strip_suffix(mark).map_or((e, false), |rest| (rest, true)))
}

/// Parses a booking digest: `<vendor>[/<application>][+],` per booking.
pub fn parse_bookings(entries: &str) -> Result<Vec<RawBooking>, DbErr> {
    marked(entries, '+')
        .map(|(entry, checked_in)| {
            let (vendor, application) = who(entry, entries)?;
            Ok(RawBooking {
                vendor,
                application,
                checked_in,
            })
        })
        .collect()
}

/// Parses a sales digest: `<vendor>[/<application>]:<sales>:<voucher>:<helpers>[!],` per
/// report.
pub fn parse_sales(entries: &str) -> Result<Vec<RawSale>, DbErr> {
    marked(entries, '!')
        .map(|(entry, flagged)| {
            let mut parts = entry.split(':');
            let (Some(w), Some(sales), Some(voucher), Some(helpers), None) = (
                parts.next(),
                parts.next(),
                parts.next(),
                parts.next(),
                parts.next(),
            ) else {
                return Err(malformed(entries));
            };
            let (vendor, application) = who(w, entries)?;
            Ok(RawSale {
                vendor,
                application,
                sales_fen: sales.parse().map_err(|_| malformed(entries))?,
                voucher_fen: voucher.parse().map_err(|_| malformed(entries))?,
                helpers: helpers.parse().map_err(|_| malformed(entries))?,
                flagged,
            })
        })
        .collect()
}
