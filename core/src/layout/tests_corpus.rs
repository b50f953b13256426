//! The invariants on real ground: every outline of the benchmark's corpus laid out with the
//! issue's stalls and with other sizes, and again around locked stalls, gives stalls inside
//! with clearance, apart, facing free aisles, every one reachable, the locked ones untouched.

use super::relock::issue_stalls;
use super::tests::check_invariants;
use super::tests_mixed::{corpus_names, corpus_site, locked_crossed, walkable};
use super::*;

/// Stall sizes unlike the issue's: wide and deep with wide aisles, and shallow stalls with
/// narrow aisles and no clearance.
fn other_sizes() -> [LayoutParams; 2] {
    [
        LayoutParams {
            stall_width_m: 3.0,
            stall_depth_m: 3.0,
            aisle_width_m: 4.0,
            edge_clearance_m: 1.0,
            ..LayoutParams::default()
        },
        LayoutParams {
            stall_width_m: 2.5,
            stall_depth_m: 2.0,
            aisle_width_m: 2.5,
            edge_clearance_m: 0.0,
            ..LayoutParams::default()
        },
    ]
}

#[test]
fn every_real_outline_gets_a_valid_walkable_layout() {
    let names = corpus_names();
    assert!(names.len() >= 30, "{} outlines", names.len());
    let mut failures = Vec::new();
    for (k, name) in names.iter().enumerate() {
        let region = corpus_site(name);
        // The issue's stalls on every site; the other sizes on every other site (the suite
        // runs twice in CI: on SQLite and on PostgreSQL).
        let mut sets = vec![issue_stalls()];
        sets.push(other_sizes()[k % 2]);
        for p in sets {
            let layout = generate(&region, &[], &p).unwrap();
            if let Err(e) = check_invariants(&region, &[], &p, &layout) {
                failures.push(format!(
                    "{name} {}×{}: {e}",
                    p.stall_width_m, p.stall_depth_m
                ));
            }
            if !walkable(&region, &[], &layout, p.aisle_width_m) {
                failures.push(format!(
                    "{name} {}×{}: a stall boxed in",
                    p.stall_width_m, p.stall_depth_m
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn every_real_outline_lays_out_around_every_fifth_stall_locked() {
    let mut failures = Vec::new();
    for name in corpus_names() {
        let region = corpus_site(&name);
        let p = issue_stalls();
        let first = generate(&region, &[], &p).unwrap();
        let locked: Vec<LockedStall> = first
            .stalls
            .iter()
            .step_by(5)
            .map(LockedStall::from)
            .collect();
        let layout = generate_around(&region, &[], &locked, &p).unwrap();
        if let Err(e) = check_invariants(&region, &[], &p, &layout) {
            failures.push(format!("{name}: {e}"));
        }
        if let Some(fault) = locked_crossed(&locked, &layout, p.aisle_width_m) {
            failures.push(format!("{name}: {fault}"));
        }
        if !walkable(&region, &locked, &layout, p.aisle_width_m) {
            failures.push(format!("{name}: a stall boxed in"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Leftover pockets along edges of two directions: a real St Petersburg footway area (round
/// plazas one above the other, joined by narrow curved paths round six holes) keeps pockets
/// on its paths after the first pocket pass; a second, at its own angle, fills some (327
/// stalls in two directions before it).
#[test]
fn pockets_left_by_the_first_pocket_pass_get_a_second() {
    let region = corpus_site("ru-saintpetersburg-footway-area-8280613");
    let p = issue_stalls();
    let layout = generate(&region, &[], &p).unwrap();
    check_invariants(&region, &[], &p, &layout).unwrap();
    assert!(walkable(&region, &[], &layout, p.aisle_width_m));
    assert!(layout.zones_used >= 3, "{} directions", layout.zones_used);
    assert!(layout.stalls.len() >= 332, "{} stalls", layout.stalls.len());
}
