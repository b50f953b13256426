//! Property tests over random small markets: the checker finds nothing, results are
//! reproducible, the lottery depends on the seed, rotation is fairer, reserves are released.

use proptest::prelude::*;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::tests::{app, market};
use super::*;

const CATS: [&str; 4] = ["snacks", "bbq", "clothes", "crafts"];

/// A random market on two sites with every kind of stall, request and earlier booking.
fn instance(seed: u64, stalls: usize, sessions: usize, apps: usize) -> AllocationInput {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut m = market(0, 0);
    for i in 0..stalls as i64 {
        let site = 1 + i % 2;
        m.stalls.push(Stall {
            id: i + 1,
            site_id: site,
            zone: match rng.random_range(0..4) {
                0 => Some(ZoneKind::Food),
                1 => Some(ZoneKind::Smoky),
                2 => Some(ZoneKind::Other),
                _ => None,
            },
            premium: rng.random_bool(0.2),
            power: rng.random_bool(0.5),
            // Same-site stalls two ids apart form rows.
            neighbours: if i + 3 <= stalls as i64 {
                vec![i + 3]
            } else {
                vec![]
            },
        });
    }
    let mut last_on_site = [None, None];
    for i in 0..sessions as i64 {
        let site = 1 + rng.random_range(0..2i64);
        let ids: Vec<i64> = m
            .stalls
            .iter()
            .filter(|s| s.site_id == site && rng.random_bool(0.85))
            .map(|s| s.id)
            .collect();
        let day = i / 2 + 1;
        m.sessions.push(Session {
            id: 100 + i,
            site_id: site,
            date: format!("2025-07-{day:02}"),
            week: (day / 4) as u32,
            stall_ids: ids,
            previous_session: last_on_site[(site - 1) as usize],
            // Two sessions a day: often the same hours (a mobile market's two sites).
            overlaps: if i % 2 == 1 && rng.random_bool(0.5) {
                vec![100 + i - 1]
            } else {
                vec![]
            },
        });
        last_on_site[(site - 1) as usize] = Some(100 + i);
    }
    let session_ids: Vec<i64> = m.sessions.iter().map(|s| s.id).collect();
    let vendors = (apps as i64 * 3 / 4).max(1);
    for i in 0..apps as i64 {
        let mut a = app(
            i + 1,
            1 + rng.random_range(0..vendors),
            CATS[rng.random_range(0..CATS.len())],
            &session_ids
                .iter()
                .copied()
                .filter(|_| rng.random_bool(0.6))
                .collect::<Vec<_>>(),
        );
        a.needs_power = rng.random_bool(0.3);
        for _ in 0..rng.random_range(0..3) {
            a.preferred_stalls.push(rng.random_range(0..=stalls as i64));
        }
        if rng.random_bool(0.15) {
            a.priority_groups.push("dibao".into());
        }
        if rng.random_bool(0.05) {
            a.sessions.push(999);
        }
        // Booked outside the run at the hours of one of its sessions.
        if rng.random_bool(0.1) && !session_ids.is_empty() {
            a.busy_sessions
                .push(session_ids[rng.random_range(0..session_ids.len())]);
        }
        // Suspended for the run's first nights, free after.
        if rng.random_bool(0.1) && !session_ids.is_empty() {
            let until = rng.random_range(0..session_ids.len());
            a.suspended_sessions
                .extend(session_ids.iter().take(until + 1).copied());
        }
        m.applications.push(a);
    }
    for s in &m.sessions {
        if let Some(&stall) = s.stall_ids.first()
            && rng.random_bool(0.3)
        {
            m.existing_bookings.push(ExistingBooking {
                session_id: s.id,
                stall_id: stall,
                vendor_id: 1 + rng.random_range(0..vendors + 2),
                category: rng
                    .random_bool(0.5)
                    .then(|| CATS[rng.random_range(0..CATS.len())].into()),
                week: None,
            });
        }
    }
    if rng.random_bool(0.5) {
        m.existing_bookings.push(ExistingBooking {
            session_id: 50,
            stall_id: 1,
            vendor_id: 1,
            category: None,
            week: Some(0),
        });
    }
    m
}

fn policy(seed: u64) -> Policy {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5eed);
    let mut p = Policy {
        method: if rng.random_bool(0.5) {
            Method::Rotation
        } else {
            Method::SerialDictatorship
        },
        food_zone_only: rng.random_bool(0.5),
        smoky_zone_only: rng.random_bool(0.5),
        no_adjacent_same_category: rng.random_bool(0.5),
        max_sessions_per_vendor_per_week: rng.random_bool(0.5).then(|| rng.random_range(1..4)),
        rotate_premium: rng.random_bool(0.5),
        keep_same_stall: rng.random_bool(0.5),
        ..Policy::default()
    };
    if rng.random_bool(0.5) {
        p.reserved_share.insert(
            "dibao".into(),
            (rng.random_range(0.0..0.4f64) * 1000.0).round() / 1000.0,
        );
    }
    if rng.random_bool(0.5) {
        p.category_max_share.insert(
            "snacks".into(),
            (rng.random_range(0.1..0.6f64) * 1000.0).round() / 1000.0,
        );
    }
    if rng.random_bool(0.5) {
        p.category_min_share.insert(
            "crafts".into(),
            (rng.random_range(0.0..0.3f64) * 1000.0).round() / 1000.0,
        );
    }
    p
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn the_checker_finds_no_violation(
        seed in any::<u64>(), stalls in 0usize..16, sessions in 1usize..6, apps in 0usize..25,
    ) {
        let m = instance(seed, stalls, sessions, apps);
        let p = policy(seed);
        let a = allocate(&m, &p, &seed.to_string()).unwrap();
        let v = check(&m, &p, &a);
        prop_assert!(v.is_empty(), "{:?}", v);
        prop_assert_eq!(a.explanations.len(), m.applications.len());
        if p.no_adjacent_same_category {
            // Earlier bookings may already stand side by side; the run adds no pair.
            let mut without = m.clone();
            without.existing_bookings.retain(|b| b.session_id == 50);
            let b = allocate(&without, &p, &seed.to_string()).unwrap();
            prop_assert_eq!(b.metrics.adjacent_same_category_pairs, 0);
        }
    }

    #[test]
    fn the_same_input_and_seed_give_the_same_bytes(
        seed in any::<u64>(), stalls in 0usize..12, sessions in 1usize..5, apps in 0usize..20,
    ) {
        let m = instance(seed, stalls, sessions, apps);
        let p = policy(seed);
        let a = serde_json::to_string(&allocate(&m, &p, "lottery").unwrap()).unwrap();
        prop_assert_eq!(&a, &serde_json::to_string(&allocate(&m, &p, "lottery").unwrap()).unwrap());
        let mut shuffled = m.clone();
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        shuffled.applications.shuffle(&mut rng);
        shuffled.stalls.shuffle(&mut rng);
        shuffled.sessions.shuffle(&mut rng);
        shuffled.existing_bookings.shuffle(&mut rng);
        prop_assert_eq!(&a, &serde_json::to_string(&allocate(&shuffled, &p, "lottery").unwrap()).unwrap());
        // Stored and re-read, the result is the same value.
        let back: Allocation = serde_json::from_str(&a).unwrap();
        prop_assert_eq!(&a, &serde_json::to_string(&back).unwrap());
    }

    #[test]
    fn a_different_seed_changes_the_draw(seed in any::<u64>(), apps in 10usize..30) {
        let m = instance(seed, 6, 2, apps);
        let p = Policy::default();
        let a = allocate(&m, &p, &format!("{seed}-a")).unwrap();
        let b = allocate(&m, &p, &format!("{seed}-b")).unwrap();
        prop_assert_ne!(a.draw_order, b.draw_order);
        prop_assert_ne!(a.input_hash, b.input_hash);
    }

    #[test]
    fn rotation_is_fairer_than_serial_dictatorship_when_demand_exceeds_supply(
        stalls in 1i64..6, extra in 1i64..8, nights in 2i64..7, seed in any::<u64>(),
    ) {
        let mut m = market(stalls, nights);
        let all: Vec<i64> = m.sessions.iter().map(|s| s.id).collect();
        for i in 0..stalls + extra {
            m.applications.push(app(i, i, CATS[(i % 4) as usize], &all));
        }
        let rot = allocate(&m, &Policy::default(), &seed.to_string()).unwrap();
        let sd_policy = Policy { method: Method::SerialDictatorship, ..Policy::default() };
        let sd = allocate(&m, &sd_policy, &seed.to_string()).unwrap();
        prop_assert!(rot.metrics.gini_share < sd.metrics.gini_share,
            "rotation {} vs sd {}", rot.metrics.gini_share, sd.metrics.gini_share);
        prop_assert!(rot.metrics.vendors_with_zero <= sd.metrics.vendors_with_zero);
        prop_assert_eq!(rot.metrics.placed, sd.metrics.placed);
    }

    #[test]
    fn unused_reserve_is_released(
        seed in any::<u64>(), stalls in 0usize..16, sessions in 1usize..5, apps in 0usize..25,
        share in 0.0f64..1.0,
    ) {
        let mut m = instance(seed, stalls, sessions, apps);
        for a in &mut m.applications {
            a.priority_groups.clear();
        }
        let plain = Policy::default();
        let mut reserved = plain.clone();
        reserved.reserved_share.insert("dibao".into(), share);
        let a = allocate(&m, &plain, "s").unwrap();
        let b = allocate(&m, &reserved, "s").unwrap();
        prop_assert!(b.metrics.fill_rate >= a.metrics.fill_rate);
        prop_assert_eq!(a.bookings, b.bookings);
    }

    #[test]
    fn messy_input_is_refused_or_allocated_but_never_panics(
        stalls in prop::collection::vec((0i64..6, 0i64..3, any::<bool>(), prop::collection::vec(-1i64..7, 0..3)), 0..8),
        sessions in prop::collection::vec((0i64..5, 0i64..3, 0u32..3, prop::collection::vec(-1i64..7, 0..6), prop::option::of(0i64..6)), 0..5),
        apps in prop::collection::vec((0i64..10, 0i64..5, 0usize..5, prop::collection::vec(-1i64..6, 0..5), prop::collection::vec(-1i64..7, 0..3), any::<bool>()), 0..12),
        p in any::<u64>(),
    ) {
        let mut m = market(0, 0);
        m.stalls = stalls.into_iter().map(|(id, site, power, neighbours)| Stall {
            id, site_id: site, zone: None, premium: power, power, neighbours,
        }).collect();
        m.sessions = sessions.into_iter().map(|(id, site, week, stall_ids, previous_session)| Session {
            id, site_id: site, date: format!("2025-01-0{}", 1 + week), week, stall_ids, previous_session,
            overlaps: vec![],
        }).collect();
        m.applications = apps.into_iter().map(|(id, vendor, cat, sessions, prefs, power)| {
            let mut a = app(id, vendor, ["snacks", "bbq", "clothes", "crafts", "ufo"][cat], &sessions);
            a.preferred_stalls = prefs;
            a.needs_power = power;
            a
        }).collect();
        let pol = policy(p);
        if let Ok(a) = allocate(&m, &pol, "x") {
            let v = check(&m, &pol, &a);
            prop_assert!(v.is_empty(), "{:?}", v);
        }
    }
}
