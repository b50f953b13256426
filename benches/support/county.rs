//! Seeded synthetic county for the allocation benchmark and the optimum test: sites of stall
//! rows (food rows near the entrance, then smoky, then others), nights from 1 June 2025, and
//! applications with a county night market's category mix, demand about 1.4× supply.

use std::collections::BTreeMap;

use nightmarket::allocation::{
    AllocationInput, Application, Category, Method, Policy, Session, Stall, ZoneKind,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The size of a generated county.
pub struct Shape {
    /// (stalls, popularity) per site: busier sites draw more applications per stall.
    pub sites: Vec<(i64, f64)>,
    /// Stalls per row; a row's neighbours are adjacent.
    pub row: i64,
    /// Nights from 1 June 2025 (at most 61).
    pub nights: i64,
}

impl Shape {
    /// The county of the benchmark: 2,000 stalls on five sites, 60 nights.
    #[allow(
        dead_code,
        reason = "the benchmark's; the optimum test uses small counties only"
    )]
    pub fn county() -> Shape {
        Shape {
            sites: vec![
                (600, 1.15),
                (500, 1.0),
                (400, 0.95),
                (300, 0.9),
                (200, 0.95),
            ],
            row: 20,
            nights: 60,
        }
    }

    /// One site for `applications` applications (0.4 stalls each, as in the county) in eight
    /// rows, so food, smoky and other zones all exist, over two weeks.
    pub fn small(applications: i64) -> Shape {
        let row = (applications * 2 / 5 / 8).max(2);
        Shape {
            sites: vec![(row * 8, 1.0)],
            row,
            nights: 14,
        }
    }
}

/// (name, food, smoky, weight): a county night market's mix.
pub const CATEGORIES: [(&str, bool, bool, f64); 14] = [
    ("noodles", true, false, 10.0),
    ("skewers", true, false, 8.0),
    ("desserts", true, false, 8.0),
    ("drinks", true, false, 10.0),
    ("cold_dishes", true, false, 6.0),
    ("fruit", true, false, 6.0),
    ("bbq", true, true, 6.0),
    ("lamb_skewers", true, true, 3.0),
    ("grilled_squid", true, true, 3.0),
    ("clothing", false, false, 12.0),
    ("accessories", false, false, 8.0),
    ("toys", false, false, 8.0),
    ("household", false, false, 7.0),
    ("produce", false, false, 5.0),
];
/// Priority groups and the share of applicants in each.
pub const GROUPS: [(&str, f64); 3] = [("dibao", 0.05), ("disabled", 0.03), ("veteran", 0.02)];

fn date(night: i64) -> String {
    // June has 30 days; the season runs from 1 June.
    if night < 30 {
        format!("2025-06-{:02}", night + 1)
    } else {
        format!("2025-07-{:02}", night - 29)
    }
}

fn pick<T: Copy>(rng: &mut ChaCha8Rng, items: &[(T, f64)]) -> T {
    let total: f64 = items.iter().map(|i| i.1).sum();
    let mut x = rng.random_range(0.0..total);
    for &(t, w) in items {
        if x < w {
            return t;
        }
        x -= w;
    }
    items[items.len() - 1].0
}

/// A county of `shape` with `applications` applications, the same for the same seed.
pub fn county(shape: &Shape, applications: i64, seed: u64) -> AllocationInput {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut input = AllocationInput {
        categories: CATEGORIES
            .iter()
            .map(|&(name, food, smoky, _)| Category {
                name: name.into(),
                food,
                smoky,
            })
            .collect(),
        ..AllocationInput::default()
    };
    let row = shape.row;
    // Per site: stall ids by zone, for preferences.
    let mut by_zone: Vec<BTreeMap<ZoneKind, Vec<i64>>> = Vec::new();
    let mut next_id = 1;
    for (site, &(n, _)) in shape.sites.iter().enumerate() {
        let rows = n / row;
        let mut zones: BTreeMap<ZoneKind, Vec<i64>> = BTreeMap::new();
        for r in 0..rows {
            let f = r as f64 / rows as f64;
            let zone = if f < 0.45 {
                ZoneKind::Food
            } else if f < 0.58 {
                ZoneKind::Smoky
            } else {
                ZoneKind::Other
            };
            for p in 0..row {
                let id = next_id;
                next_id += 1;
                let power_p = if zone == ZoneKind::Other { 0.25 } else { 0.75 };
                input.stalls.push(Stall {
                    id,
                    site_id: site as i64 + 1,
                    zone: Some(zone),
                    // Row ends near the entrance.
                    premium: r % 4 == 0 && (p == 0 || p == row - 1),
                    power: rng.random_bool(power_p),
                    neighbours: if p + 1 < row { vec![id + 1] } else { vec![] },
                });
                zones.entry(zone).or_default().push(id);
            }
        }
        by_zone.push(zones);
    }
    let mut site_stalls: Vec<Vec<i64>> = vec![Vec::new(); shape.sites.len()];
    for s in &input.stalls {
        site_stalls[(s.site_id - 1) as usize].push(s.id);
    }
    for night in 0..shape.nights {
        for site in 0..shape.sites.len() as i64 {
            let id = 1000 + night * 10 + site;
            input.sessions.push(Session {
                id,
                site_id: site + 1,
                date: date(night),
                // 1 June 2025 is a Sunday, the last day of ISO week 22.
                week: 22 + ((night + 6) / 7) as u32,
                stall_ids: site_stalls[site as usize].clone(),
                previous_session: (night > 0).then_some(id - 10),
                overlaps: vec![],
            });
        }
    }

    let nights = shape.nights as f64;
    let supply: f64 = shape.sites.iter().map(|s| s.0 as f64).sum::<f64>() * nights;
    let site_weights: Vec<(usize, f64)> = shape
        .sites
        .iter()
        .enumerate()
        .map(|(i, s)| (i, s.0 as f64 * s.1))
        .collect();
    let mean_pop: f64 = site_weights.iter().map(|w| w.1).sum::<f64>() / supply * nights;
    // Fridays and Saturdays are busier; weights average 1 over a week.
    let weekday = |night: i64| {
        if matches!((night + 6) % 7, 4 | 5) {
            1.3
        } else {
            0.88
        }
    };
    let cat_weights: Vec<(usize, f64)> = CATEGORIES
        .iter()
        .enumerate()
        .map(|(i, c)| (i, c.3))
        .collect();
    for id in 1..=applications {
        let site = pick(&mut rng, &site_weights);
        let pop = shape.sites[site].1 / mean_pop;
        let q_mean = 1.4 * supply / applications as f64 / nights;
        let q = (q_mean * pop * rng.random_range(0.5..1.5)).min(1.0);
        let first = 1000 + site as i64;
        let sessions: Vec<i64> = (0..shape.nights)
            .filter(|&n| rng.random_bool((q * weekday(n)).min(1.0)))
            .map(|n| first + n * 10)
            .collect();
        let cat = pick(&mut rng, &cat_weights);
        let (name, food, smoky, _) = CATEGORIES[cat];
        let zone = if smoky {
            ZoneKind::Smoky
        } else if food {
            ZoneKind::Food
        } else {
            ZoneKind::Other
        };
        let pool = by_zone[site].get(&zone).map_or(&[][..], Vec::as_slice);
        let mut preferred_stalls = Vec::new();
        if !pool.is_empty() && rng.random_bool(0.6) {
            for _ in 0..rng.random_range(1..=3) {
                // Skewed towards the first rows, nearest the entrance.
                let u: f64 = rng.random();
                preferred_stalls.push(pool[((u * u) * pool.len() as f64) as usize]);
            }
        }
        let mut priority_groups = Vec::new();
        let g: f64 = rng.random();
        let mut acc = 0.0;
        for (name, share) in GROUPS {
            acc += share;
            if g < acc {
                priority_groups.push(name.to_owned());
                break;
            }
        }
        input.applications.push(Application {
            id,
            // A few vendors trade at two sites.
            vendor_id: if id > 10 && rng.random_bool(0.05) {
                rng.random_range(1..id)
            } else {
                id
            },
            category: name.into(),
            sessions,
            preferred_stalls,
            needs_power: rng.random_bool(if food { 0.55 } else { 0.12 }),
            priority_groups,
            suspended: false,
            attendance: None,
            busy_sessions: vec![],
            suspended_sessions: vec![],
            gas_lapsed_sessions: vec![],
            health_cert_lapsed_sessions: vec![],
        });
    }
    input
}

/// Rotation with every rule: reserves, category shares, zones, adjacency, a weekly cap of 5,
/// premium rotation and stall keeping.
pub fn rotation_policy() -> Policy {
    let mut p = Policy {
        method: Method::Rotation,
        food_zone_only: true,
        smoky_zone_only: true,
        no_adjacent_same_category: true,
        max_sessions_per_vendor_per_week: Some(5),
        rotate_premium: true,
        keep_same_stall: true,
        ..Policy::default()
    };
    for (g, share) in GROUPS {
        p.reserved_share.insert(g.into(), share + 0.01);
    }
    for (name, food, _, _) in CATEGORIES {
        p.category_max_share
            .insert(name.into(), if food { 0.15 } else { 0.2 });
    }
    p.category_min_share.insert("produce".into(), 0.03);
    p
}

/// The usual government lottery: draw order alone, food and smoke zones only.
pub fn serial_policy() -> Policy {
    Policy {
        method: Method::SerialDictatorship,
        food_zone_only: true,
        smoky_zone_only: true,
        ..Policy::default()
    }
}
