//! The scheduled sessions of a period with their live bookings, read from `session_digests`
//! (one short row per session, kept exact by triggers on `bookings`, see migration 000080)
//! instead of from the bookings themselves: a year is ~7,300 rows, not ~1 M.
//!
//! Distinct vendors cannot be added up from per-session counts, so the digest lists each
//! booking's vendor; the counting in [`super::occupancy`] puts them in bit sets. Categories and
//! priority groups are looked up now, from `vendors` and `applications`, so they always
//! reflect the current profile and application, exactly as a join would.

use super::digest_cache::{DigestCache, ENTRY_JOINS, Entries, Listed, RawSale};
use super::params::Filters;
use super::sql::{Sql, session_where};
use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, DbErr};
use std::collections::HashMap;

/// A category index meaning "not looked up" (no category filter or grouping asked for it).
pub const NO_CATEGORY: u16 = u16::MAX;

/// A live booking as the reports need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Booking {
    /// The vendor's id.
    pub vendor: u32,
    /// Index into [`Digest::categories`] of the booking's category, or [`NO_CATEGORY`].
    pub category: u16,
    /// Whether the vendor checked in.
    pub checked_in: bool,
}

/// A night's sales report as the reports need it (from `session_sales`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sale {
    /// The vendor's id.
    pub vendor: u32,
    /// Index into [`Digest::categories`], or [`NO_CATEGORY`].
    pub category: u16,
    /// Sales in fen.
    pub sales_fen: i64,
    /// Vouchers redeemed in fen.
    pub voucher_fen: i64,
    /// Helpers that night.
    pub helpers: u8,
    /// Flagged as far above the vendor's usual.
    pub flagged: bool,
}

/// A scheduled session in the period with its live bookings (those that pass the category
/// and priority-group filters).
#[derive(Debug, Clone)]
pub struct Session {
    /// Its site.
    pub site_id: i32,
    /// Its market.
    pub market_id: i32,
    /// Its segment name.
    pub segment: String,
    /// Its business date.
    pub date: NaiveDate,
    /// When it opens: from then on a booking without check-in is a no-show.
    pub starts_at: chrono::DateTime<chrono::Utc>,
    /// The stalls it offered, kept once it started and its site's stalls changed; `None`:
    /// the stalls of its site active now.
    pub slots: Option<u64>,
    /// Its live bookings.
    pub bookings: Vec<Booking>,
    /// Its sales reports (those that pass the same filters).
    pub sales: Vec<Sale>,
}

impl Session {
    /// The stall-sessions it offered: the count kept when it started, else the stalls of its
    /// site active now (`active`, per site).
    pub fn offered(&self, active: &HashMap<i32, u64>) -> u64 {
        self.slots
            .unwrap_or_else(|| active.get(&self.site_id).copied().unwrap_or(0))
    }
}

/// The sessions of a period and the category names their bookings refer to.
#[derive(Debug, Clone, Default)]
pub struct Digest {
    /// The sessions.
    pub sessions: Vec<Session>,
    /// Category names, indexed by [`Booking::category`].
    pub categories: Vec<String>,
}

/// A set of vendor ids (a bit per id: a county has thousands of vendors, not millions).
#[derive(Debug, Clone, Default)]
pub struct VendorSet(Vec<u64>);

impl VendorSet {
    /// Adds `vendor`.
    pub fn insert(&mut self, vendor: u32) {
        let word = (vendor / 64) as usize;
        if word >= self.0.len() {
            self.0.resize(word + 1, 0);
        }
        self.0[word] |= 1 << (vendor % 64);
    }

    /// Whether `vendor` is in the set.
    pub fn contains(&self, vendor: u32) -> bool {
        self.0
            .get((vendor / 64) as usize)
            .is_some_and(|w| w & (1 << (vendor % 64)) != 0)
    }

    /// How many vendors.
    pub fn len(&self) -> u64 {
        self.0.iter().map(|w| u64::from(w.count_ones())).sum()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|w| *w == 0)
    }

    /// How many vendors of `self` are not in `other`.
    pub fn count_not_in(&self, other: &VendorSet) -> u64 {
        self.0
            .iter()
            .enumerate()
            .map(|(i, w)| u64::from((w & !other.0.get(i).copied().unwrap_or(0)).count_ones()))
            .sum()
    }

    /// The vendor ids, ascending.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.0.iter().enumerate().flat_map(|(i, w)| {
            (0..64u32)
                .filter(move |b| w & (1 << b) != 0)
                .map(move |b| i as u32 * 64 + b)
        })
    }
}

/// What the filters and groupings need to know about vendors and applications.
#[derive(Debug, Default)]
pub struct Lookup {
    /// Category names (interned).
    categories: Vec<String>,
    /// Each vendor's profile category (index into `categories`), by vendor id.
    vendor_category: Vec<u16>,
    /// Each application's category, by application id.
    application_category: HashMap<u32, u16>,
    /// The category filter's index (`None`: no filter; `Some(NO_CATEGORY)`: nobody has it).
    wanted_category: Option<u16>,
    /// Vendors in the priority-group filter (`None`: no filter).
    priority: Option<VendorSet>,
}

fn id(v: i32) -> u32 {
    v.max(0) as u32
}

impl Lookup {
    /// Loads what `f` needs, and the categories if `categories` (grouping by category).
    pub async fn load(
        db: &impl ConnectionTrait,
        f: &Filters,
        categories: bool,
    ) -> Result<Lookup, DbErr> {
        let backend = db.get_database_backend();
        let mut l = Lookup::default();
        if categories || f.category.is_some() {
            let mut names: HashMap<String, u16> = HashMap::new();
            let mut intern = |l: &mut Lookup, name: String| -> u16 {
                *names.entry(name).or_insert_with_key(|n| {
                    l.categories.push(n.clone());
                    (l.categories.len() - 1) as u16
                })
            };
            let mut sql = Sql::new(backend);
            sql.push("SELECT id, category FROM vendors");
            for row in db.query_all_raw(sql.build()).await? {
                let vendor = id(row.try_get_by_index(0)?) as usize;
                let category = intern(&mut l, row.try_get_by_index(1)?);
                if vendor >= l.vendor_category.len() {
                    l.vendor_category.resize(vendor + 1, NO_CATEGORY);
                }
                l.vendor_category[vendor] = category;
            }
            let mut sql = Sql::new(backend);
            sql.push("SELECT id, category FROM applications");
            for row in db.query_all_raw(sql.build()).await? {
                let application = id(row.try_get_by_index(0)?);
                let category = intern(&mut l, row.try_get_by_index(1)?);
                l.application_category.insert(application, category);
            }
            if let Some(wanted) = &f.category {
                l.wanted_category = Some(
                    l.categories
                        .iter()
                        .position(|c| c == wanted)
                        .map_or(NO_CATEGORY, |i| i as u16),
                );
            }
        }
        if let Some(group) = &f.priority_group {
            // The same test as the SQL reports: the JSON array text holds `"code"`.
            let mut sql = Sql::new(backend);
            sql.push("SELECT id FROM vendors WHERE priority_groups LIKE ")
                .bind(format!("%\"{group}\"%"));
            let mut set = VendorSet::default();
            for row in db.query_all_raw(sql.build()).await? {
                set.insert(id(row.try_get_by_index(0)?));
            }
            l.priority = Some(set);
        }
        Ok(l)
    }

    /// The booking's category: its application's if it has one, else the vendor's profile.
    fn category(&self, vendor: u32, application: Option<u32>) -> u16 {
        application
            .and_then(|a| self.application_category.get(&a).copied())
            .or_else(|| self.vendor_category.get(vendor as usize).copied())
            .unwrap_or(NO_CATEGORY)
    }

    /// The sales report as counted, or `None` when a filter leaves it out.
    fn sale(&self, s: &RawSale) -> Option<Sale> {
        let b = self.booking(s.vendor, s.application, false)?;
        Some(Sale {
            vendor: s.vendor,
            category: b.category,
            sales_fen: s.sales_fen,
            voucher_fen: s.voucher_fen,
            helpers: s.helpers,
            flagged: s.flagged,
        })
    }

    /// The booking as counted, or `None` when a filter leaves it out.
    fn booking(&self, vendor: u32, application: Option<u32>, checked_in: bool) -> Option<Booking> {
        if let Some(set) = &self.priority
            && !set.contains(vendor)
        {
            return None;
        }
        let category = self.category(vendor, application);
        if let Some(wanted) = self.wanted_category
            && (wanted == NO_CATEGORY || category != wanted)
        {
            return None;
        }
        Some(Booking {
            vendor,
            category,
            checked_in,
        })
    }
}

impl Digest {
    /// The scheduled sessions under `f` (period, visibility, site, market, segment) with
    /// their bookings and sales that pass `lookup`'s filters: the sessions with their revision
    /// counters in one query, their entries from `cache` (read again where a counter moved).
    pub async fn load(
        db: &impl ConnectionTrait,
        cache: &DigestCache,
        f: &Filters,
        lookup: &Lookup,
    ) -> Result<Digest, DbErr> {
        let backend = db.get_database_backend();
        // With nothing kept yet (the first report of a process), the entries come in the same
        // statement as the sessions and their counters: one read, one snapshot.
        let cold = cache.is_empty();
        let mut sql = Sql::new(backend);
        sql.push(
            "SELECT s.id, s.site_id, s.market_id, s.segment, s.business_date, \
             COALESCE(rb.n, 0), COALESCE(rs.n, 0), s.starts_at, s.stall_slots",
        );
        if cold {
            sql.push(", d.entries, ss.entries");
        }
        sql.push(
            " FROM market_sessions s \
             LEFT JOIN revisions rb ON rb.scope = 'session' AND rb.ref_id = s.id \
             LEFT JOIN revisions rs ON rs.scope = 'sales' AND rs.ref_id = s.id",
        );
        if cold {
            sql.push(ENTRY_JOINS);
        }
        session_where(&mut sql, f);
        let rows = db.query_all_raw(sql.build()).await?;
        let mut listed = Vec::with_capacity(rows.len());
        let mut sessions = Vec::with_capacity(rows.len());
        let mut read = Vec::new();
        for row in rows {
            let l = Listed {
                id: row.try_get_by_index(0)?,
                revisions: (row.try_get_by_index(5)?, row.try_get_by_index(6)?),
            };
            if cold {
                read.push((l.id, Entries::parse(&row, 9, l.revisions)?));
            }
            listed.push(l);
            sessions.push(Session {
                site_id: row.try_get_by_index(1)?,
                market_id: row.try_get_by_index(2)?,
                segment: row.try_get_by_index(3)?,
                date: row.try_get_by_index(4)?,
                starts_at: row.try_get_by_index(7)?,
                slots: row
                    .try_get_by_index::<Option<i32>>(8)?
                    .map(|n| u64::try_from(n).unwrap_or(0)),
                bookings: Vec::new(),
                sales: Vec::new(),
            });
        }
        cache.store(read);
        let entries = cache
            .entries(db, &listed, || {
                let mut sql = Sql::new(backend);
                sql.push("SELECT s.id, d.entries, ss.entries FROM market_sessions s")
                    .push(ENTRY_JOINS);
                session_where(&mut sql, f);
                sql.build()
            })
            .await?;
        for (session, e) in sessions.iter_mut().zip(entries) {
            session.bookings = e
                .bookings
                .iter()
                .filter_map(|b| lookup.booking(b.vendor, b.application, b.checked_in))
                .collect();
            session.sales = e.sales.iter().filter_map(|s| lookup.sale(s)).collect();
        }
        Ok(Digest {
            sessions,
            categories: lookup.categories.clone(),
        })
    }

    /// Reads the entries of every session from 13 months back to 2 months ahead into
    /// `cache`, so that the first report after a start finds them (a year of a busy county
    /// takes ~0.4 s to read; called in the background at start-up).
    pub async fn warm(db: &impl ConnectionTrait, cache: &DigestCache) -> Result<usize, DbErr> {
        let today = crate::clock::today();
        let f = Filters::period(
            today - chrono::Duration::days(400),
            today + chrono::Duration::days(60),
        );
        Ok(Digest::load(db, cache, &f, &Lookup::default())
            .await?
            .sessions
            .len())
    }

    /// The distinct vendors booked.
    pub fn vendors(&self) -> VendorSet {
        let mut set = VendorSet::default();
        for b in self.sessions.iter().flat_map(|s| &s.bookings) {
            set.insert(b.vendor);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::super::digest_cache::{parse_bookings, parse_sales};
    use super::*;

    /// Parses a booking digest and filters it through `lookup`, as [`Digest::load`] does.
    fn parse(entries: &str, lookup: &Lookup) -> Result<Vec<Booking>, DbErr> {
        Ok(parse_bookings(entries)?
            .iter()
            .filter_map(|b| lookup.booking(b.vendor, b.application, b.checked_in))
            .collect())
    }

    #[test]
    fn entries_read_vendor_application_and_check_in() {
        let out = parse("12,7/301+,40+,", &Lookup::default()).unwrap();
        let read: Vec<(u32, bool)> = out.iter().map(|b| (b.vendor, b.checked_in)).collect();
        assert_eq!(read, vec![(12, false), (7, true), (40, true)]);
        assert!(parse("12,x,", &Lookup::default()).is_err());
    }

    #[test]
    fn the_application_category_wins_over_the_profile() {
        let lookup = Lookup {
            categories: vec!["小吃餐饮".into(), "手工文创".into()],
            vendor_category: vec![NO_CATEGORY, 0, 0],
            application_category: HashMap::from([(9, 1)]),
            wanted_category: Some(1),
            priority: None,
        };
        let out = parse("1,2/9+,", &lookup).unwrap();
        assert_eq!(
            out,
            vec![Booking {
                vendor: 2,
                category: 1,
                checked_in: true
            }]
        );
    }

    #[test]
    fn sales_entries_read_figures_and_flags() {
        let out = parse_sales("12:150000:2000:2,7/301:99:0:0!,").unwrap();
        let read: Vec<(u32, i64, i64, u8, bool)> = out
            .iter()
            .map(|s| (s.vendor, s.sales_fen, s.voucher_fen, s.helpers, s.flagged))
            .collect();
        assert_eq!(
            read,
            vec![(12, 150_000, 2_000, 2, false), (7, 99, 0, 0, true)]
        );
        assert!(parse_sales("12:1:2,").is_err());
    }

    #[test]
    fn vendor_sets_count_and_subtract() {
        let mut a = VendorSet::default();
        let mut b = VendorSet::default();
        for v in [1, 64, 65, 3000] {
            a.insert(v);
        }
        b.insert(64);
        b.insert(9000);
        assert_eq!(a.len(), 4);
        assert_eq!(a.count_not_in(&b), 3);
        assert_eq!(a.iter().collect::<Vec<_>>(), vec![1, 64, 65, 3000]);
        assert!(a.contains(3000) && !a.contains(2999));
    }
}
