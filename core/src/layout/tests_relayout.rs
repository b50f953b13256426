//! Re-layouts that keep the standing stalls: valid, never fewer stalls than the site had (or else
//! than afresh), and the standing stalls back where they were when nothing changed.

use super::tests::{check_invariants, overlap_by};
use super::tests_mixed::arb_holed;
use super::*;
use geo::{Centroid, polygon};
use proptest::prelude::*;

/// The layout's new stalls are valid among themselves, and keep off the stalls that stay
/// (locked and kept) and their aisles as a re-flow keeps off locked stalls: pulled in by
/// `locked::INSET_M`, because stored corners come back a centimetre off.
fn check_relayout(
    region: &MultiPolygon<f64>,
    p: &LayoutParams,
    locked: &[LockedStall],
    standing: &[LockedStall],
    r: &Relayout,
) -> Result<(), String> {
    let new = Layout {
        stalls: r.layout.stalls[r.kept.len()..].to_vec(),
        ..r.layout.clone()
    };
    check_invariants(region, &[], p, &new)?;
    let stay: Vec<&LockedStall> = locked
        .iter()
        .chain(r.kept.iter().map(|&i| &standing[i]))
        .collect();
    let tol = 2.0 * locked::INSET_M;
    for l in stay {
        let front = locked::front_strip(l, p.aisle_width_m);
        for s in &new.stalls {
            if overlap_by(&s.polygon, &l.polygon, tol)
                || overlap_by(&s.polygon, &front, tol)
                || overlap_by(&s.aisle, &l.polygon, tol)
            {
                return Err(format!(
                    "{} and a stall that stays are in each other's way",
                    s.label
                ));
            }
        }
    }
    Ok(())
}

/// Every third stall locked, the others standing.
fn split(layout: &Layout) -> (Vec<LockedStall>, Vec<LockedStall>) {
    split_every(layout, 3)
}

/// Every `nth` stall locked, the others standing.
fn split_every(layout: &Layout, nth: usize) -> (Vec<LockedStall>, Vec<LockedStall>) {
    let (locked, standing): (Vec<_>, Vec<_>) = layout
        .stalls
        .iter()
        .map(LockedStall::from)
        .enumerate()
        .partition(|(k, _)| k % nth == 0);
    (
        locked.into_iter().map(|x| x.1).collect(),
        standing.into_iter().map(|x| x.1).collect(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// On the same ground every standing stall comes back in place and the site holds at
    /// least the stalls it had. The result is valid.
    #[test]
    fn a_relayout_on_the_same_ground_keeps_every_standing_stall((region, p) in arb_holed()) {
        let first = generate(&region, &[], &p).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let (locked, standing) = split(&first);
        let r = relayout(&region, &[], &locked, &standing, first.mode_used, &p)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let total = r.layout.stalls.len() + locked.len();
        prop_assert!(total >= first.stalls.len(), "{} stalls, {} before", total, first.stalls.len());
        prop_assert_eq!(r.kept.len(), standing.len(), "a standing stall was not kept");
        for (s, &i) in r.layout.stalls.iter().zip(&r.kept) {
            prop_assert_eq!(&s.polygon, &standing[i].polygon);
        }
        check_relayout(&region, &p, &locked, &standing, &r).map_err(TestCaseError::fail)?;
    }

    /// On ground that shrank by a few metres the kept stalls are still inside with their
    /// clearance and aisles, and nothing beats the result afresh.
    #[test]
    fn a_relayout_on_shrunk_ground_keeps_only_what_fits((region, p) in arb_holed()) {
        let first = generate(&region, &[], &p).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let (_, standing) = split(&first);
        let smaller = geo::Scale::scale(&region, 0.9);
        let r = relayout(&smaller, &[], &[], &standing, first.mode_used, &p)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let fresh = generate(&smaller, &[], &p).map_err(|e| TestCaseError::fail(e.to_string()))?;
        // As many as the site had, or else no fewer than afresh.
        prop_assert!(
            r.layout.stalls.len() >= standing.len().min(fresh.stalls.len()),
            "{} stalls; {} standing, {} afresh", r.layout.stalls.len(), standing.len(), fresh.stalls.len()
        );
        check_relayout(&smaller, &p, &[], &standing, &r).map_err(TestCaseError::fail)?;
        // The kept stalls are still inside with their clearance (as the stall editor judges
        // it, to `stall_rules::TOLERANCE_M`) and aisles, and clear of one another.
        let kept = Layout {
            stalls: r.layout.stalls[..r.kept.len()].to_vec(),
            ..r.layout.clone()
        };
        let editor = LayoutParams {
            edge_clearance_m: (p.edge_clearance_m - crate::stall_rules::TOLERANCE_M).max(0.0),
            ..p
        };
        check_invariants(&smaller, &[], &editor, &kept).map_err(TestCaseError::fail)?;
    }
}

#[test]
fn another_stall_size_lays_out_afresh() {
    let region = MultiPolygon(vec![polygon![
        (x: 0.0, y: 0.0), (x: 60.0, y: 0.0), (x: 60.0, y: 40.0), (x: 0.0, y: 40.0),
    ]]);
    let p = LayoutParams::default();
    let first = generate(&region, &[], &p).unwrap();
    let standing: Vec<LockedStall> = first.stalls.iter().map(LockedStall::from).collect();
    let same = relayout(&region, &[], &[], &standing, first.mode_used, &p).unwrap();
    assert_eq!(same.kept.len(), standing.len());
    let wider = LayoutParams {
        stall_width_m: 4.0,
        ..p
    };
    let r = relayout(&region, &[], &[], &standing, first.mode_used, &wider).unwrap();
    assert!(r.kept.is_empty(), "3 m stalls kept in a 4 m layout");
    assert_eq!(r.layout, generate(&region, &[], &wider).unwrap());
}

#[test]
fn standing_street_sides_get_rows_along_the_sides_only_and_fire_lanes_or_a_set_direction_keep_them()
{
    // A 12 m street: stalls along both sides, the lane between them open.
    let street = MultiPolygon(vec![polygon![
        (x: 0.0, y: 0.0), (x: 150.0, y: 0.0), (x: 150.0, y: 12.0), (x: 0.0, y: 12.0),
    ]]);
    let p = LayoutParams {
        mode: LayoutMode::Street,
        ..LayoutParams::default()
    };
    let first = generate(&street, &[], &p).unwrap();
    assert_eq!(first.mode_used, LayoutMode::Street);
    let (locked, mut standing) = split(&first);
    // A few stalls taken away by hand: their ground is filled again.
    standing.truncate(standing.len() - 5);
    let r = relayout(&street, &[], &locked, &standing, LayoutMode::Street, &p).unwrap();
    assert_eq!(r.layout.mode_used, LayoutMode::Street);
    assert_eq!(r.kept.len(), standing.len());
    assert!(r.layout.stalls.len() + locked.len() >= first.stalls.len());
    for s in &r.layout.stalls {
        let y = s.polygon.centroid().unwrap().y();
        assert!(
            !(3.5..8.5).contains(&y),
            "{} stands in the lane at y = {y:.1}",
            s.label
        );
    }

    let fire = LayoutParams {
        fire_lane_width_m: Some(4.0),
        ..LayoutParams::default()
    };
    let square = MultiPolygon(vec![polygon![
        (x: 0.0, y: 0.0), (x: 120.0, y: 0.0), (x: 120.0, y: 80.0), (x: 0.0, y: 80.0),
    ]]);
    let first = generate(&square, &[], &fire).unwrap();
    let (locked, standing) = split(&first);
    // Laid out with these fire lanes, the standing stalls keep their cross aisles: all kept,
    // nothing filled in across the lanes.
    let r = relayout(&square, &[], &locked, &standing, first.mode_used, &fire).unwrap();
    assert_eq!(r.kept.len(), standing.len());
    assert_eq!(r.layout.stalls.len(), standing.len());
    let fresh = generate_around(&square, &[], &locked, &fire).unwrap();
    assert!(r.layout.stalls.len() >= fresh.stalls.len());
    // Rows set at 30°: the standing rows at 30° are kept, none lost.
    let turned = LayoutParams {
        orientation_deg: Some(30.0),
        ..LayoutParams::default()
    };
    let first = generate(&square, &[], &turned).unwrap();
    let (locked, standing) = split(&first);
    let r = relayout(&square, &[], &locked, &standing, first.mode_used, &turned).unwrap();
    assert_eq!(r.kept.len(), standing.len());
    assert!(r.layout.stalls.len() + locked.len() >= first.stalls.len());
}

#[test]
fn rows_filled_around_kept_stalls_never_close_the_way_to_them() {
    // On this Berlin park the pocket rows around the kept stalls once boxed two of them in;
    // they were dropped and two others laid out instead ("kept" yet moved).
    let region = super::tests_mixed::corpus_site("de-berlin-park-14282253");
    let p = LayoutParams {
        stall_width_m: 2.0,
        ..LayoutParams::default()
    };
    let first = generate(&region, &[], &p).unwrap();
    let (locked, standing) = split_every(&first, 4);
    let r = relayout(&region, &[], &locked, &standing, first.mode_used, &p).unwrap();
    assert_eq!(
        r.kept.len(),
        standing.len(),
        "a standing stall was not kept"
    );
    assert!(r.layout.stalls.len() >= standing.len());
}
