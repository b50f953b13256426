//! Mixed directions, walkability and locked stalls: invariants over random polygons with holes.

use super::tests::{check_invariants, overlap_by, star};
use super::*;
use geo::{BoundingRect, Centroid, LineString, polygon};
use proptest::prelude::*;

pub(super) fn walkable(
    region: &MultiPolygon<f64>,
    locked: &[LockedStall],
    layout: &Layout,
    a: f64,
) -> bool {
    let strips: Vec<Polygon<f64>> = locked.iter().map(|l| locked::front_strip(l, a)).collect();
    let all: Vec<(&Polygon<f64>, &Polygon<f64>)> = locked
        .iter()
        .zip(&strips)
        .map(|(l, s)| (&l.polygon, s))
        .chain(layout.stalls.iter().map(|s| (&s.polygon, &s.aisle)))
        .collect();
    unreachable_stalls(region, &all, a)
        .iter()
        .all(|&k| k < locked.len())
}

pub(super) fn arb_holed() -> impl Strategy<Value = (MultiPolygon<f64>, LayoutParams)> {
    (5usize..10)
        .prop_flat_map(|n| {
            (
                proptest::collection::vec(0.55f64..1.0, n),
                proptest::collection::vec(-1.0f64..1.0, n),
                18.0f64..45.0,
                0.2f64..0.8,
                (2.0f64..3.5, 1.5f64..3.0, 2.0f64..4.0, 0.0f64..0.8),
            )
        })
        .prop_map(|(radii, jitter, scale, hole, (w, d, a, c))| {
            let poly = star(&radii, &jitter, scale, Some(hole));
            let params = LayoutParams {
                stall_width_m: w,
                stall_depth_m: d,
                aisle_width_m: a,
                edge_clearance_m: c,
                ..LayoutParams::default()
            };
            (MultiPolygon(vec![poly]), params)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Auto mode on holed polygons, where zones and pockets come into play: stalls inside with
    /// clearance, no overlap, aisles free, every aisle reachable from the edge, deterministic.
    #[test]
    fn mixed_layouts_on_holed_polygons_are_valid_walkable_and_deterministic((region, p) in arb_holed()) {
        let layout = generate(&region, &[], &p).map_err(|e| TestCaseError::fail(e.to_string()))?;
        check_invariants(&region, &[], &p, &layout).map_err(TestCaseError::fail)?;
        prop_assert!(walkable(&region, &[], &layout, p.aisle_width_m), "a stall boxed in");
        let again = generate(&region, &[], &p).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&layout, &again);
    }

    /// Every third stall locked: the re-flow keeps clear of them and of their front strips,
    /// stays valid and walkable, and is deterministic.
    #[test]
    fn a_reflow_goes_around_locked_stalls((region, p) in arb_holed()) {
        let first = generate(&region, &[], &p).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let locked: Vec<LockedStall> = first
            .stalls
            .iter()
            .step_by(3)
            .map(LockedStall::from)
            .collect();
        let layout = generate_around(&region, &[], &locked, &p)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        check_invariants(&region, &[], &p, &layout).map_err(TestCaseError::fail)?;
        if let Some(fault) = locked_crossed(&locked, &layout, p.aisle_width_m) {
            prop_assert!(false, "{}", fault);
        }
        prop_assert!(walkable(&region, &locked, &layout, p.aisle_width_m), "a stall boxed in");
        let again = generate_around(&region, &[], &locked, &p)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&layout, &again);
    }
}

/// The first new stall that overlaps a locked stall, blocks its aisle or is blocked by it, named.
pub(super) fn locked_crossed(locked: &[LockedStall], layout: &Layout, a: f64) -> Option<String> {
    // Locked stalls are kept off pulled in by `locked::INSET_M` (stored corners are a
    // centimetre off): touching them that much is touching, as in the editor.
    let tol = 2.0 * locked::INSET_M;
    let boxes = |p: &Polygon<f64>| p.bounding_rect().unwrap();
    let apart = |a: geo::Rect<f64>, b: geo::Rect<f64>| {
        a.max().x < b.min().x
            || b.max().x < a.min().x
            || a.max().y < b.min().y
            || b.max().y < a.min().y
    };
    for l in locked {
        let front = locked::front_strip(l, a);
        let (lb, fb) = (boxes(&l.polygon), boxes(&front));
        for s in &layout.stalls {
            let (sb, ab) = (boxes(&s.polygon), boxes(&s.aisle));
            if !apart(sb, lb) && overlap_by(&s.polygon, &l.polygon, tol) {
                return Some(format!("{} overlaps a locked stall", s.label));
            }
            if !apart(sb, fb) && overlap_by(&s.polygon, &front, tol) {
                return Some(format!("{} blocks a locked stall's aisle", s.label));
            }
            if !apart(ab, lb) && overlap_by(&s.aisle, &l.polygon, tol) {
                return Some(format!("a locked stall blocks {}", s.label));
            }
        }
    }
    None
}

/// The names of the real outlines in the benchmark's corpus, sorted.
pub(super) fn corpus_names() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/data/outlines");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".geojson").map(str::to_owned)
        })
        .collect();
    names.sort();
    names
}

#[test]
fn a_pocket_closed_by_stalls_is_found_unreachable() {
    // A ring of stalls 3 × 2.5 m around a 9 m square pocket in the middle of a 40 m square;
    // one stall inside the pocket faces the pocket: nobody reaches its aisle.
    let region = MultiPolygon(vec![polygon![
        (x: 0.0, y: 0.0), (x: 40.0, y: 0.0), (x: 40.0, y: 40.0), (x: 0.0, y: 40.0),
    ]]);
    let sq = |x0: f64, y0: f64, x1: f64, y1: f64| polygon![(x: x0, y: y0), (x: x1, y: y0), (x: x1, y: y1), (x: x0, y: y1)];
    let mut walls = vec![
        sq(13.0, 13.0, 27.0, 15.5),
        sq(13.0, 24.5, 27.0, 27.0),
        sq(13.0, 15.5, 15.5, 24.5),
        sq(24.5, 15.5, 27.0, 24.5),
    ];
    let inner = sq(16.0, 16.0, 19.0, 18.5);
    let inner_aisle = sq(16.0, 18.5, 19.0, 21.5);
    let outer = sq(2.0, 2.0, 5.0, 4.5);
    let outer_aisle = sq(2.0, 4.5, 5.0, 7.5);
    walls.push(inner.clone());
    let mut pairs: Vec<(&Polygon<f64>, &Polygon<f64>)> = walls.iter().map(|w| (w, w)).collect();
    pairs.pop();
    pairs.push((&inner, &inner_aisle));
    pairs.push((&outer, &outer_aisle));
    let bad = unreachable_stalls(&region, &pairs, 3.0);
    assert!(bad.contains(&4), "{bad:?}");
    assert!(!bad.contains(&5), "{bad:?}");
}

/// A 30 m courtyard in a U of buildings (a hole), open to the street below only; a row of 15
/// stalls facing the street seals it from wall to wall, and 10 stalls inside face the
/// courtyard: (site, the wall's stalls with their aisles, the inner ones).
#[allow(clippy::type_complexity)]
fn courtyard() -> (
    MultiPolygon<f64>,
    Vec<(Polygon<f64>, Polygon<f64>)>,
    Vec<(Polygon<f64>, Polygon<f64>)>,
) {
    let sq = |x0: f64, y0: f64, x1: f64, y1: f64| {
        LineString::from(vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)])
    };
    let buildings = LineString::from(vec![
        (2.0, 2.0),
        (10.0, 2.0),
        (10.0, 30.0),
        (40.0, 30.0),
        (40.0, 2.0),
        (48.0, 2.0),
        (48.0, 48.0),
        (2.0, 48.0),
        (2.0, 2.0),
    ]);
    let region = MultiPolygon(vec![Polygon::new(
        sq(0.0, 0.0, 50.0, 50.0),
        vec![buildings],
    )]);
    let rect = |x0: f64, y0: f64, x1: f64, y1: f64| Polygon::new(sq(x0, y0, x1, y1), vec![]);
    let wall = (0..15)
        .map(|k| {
            let x = 10.0 + 2.0 * k as f64;
            (rect(x, 3.5, x + 2.0, 6.0), rect(x, 0.5, x + 2.0, 3.5))
        })
        .collect();
    let inner = (0..10)
        .map(|k| {
            let x = 15.0 + 2.0 * k as f64;
            (rect(x, 20.0, x + 2.0, 22.5), rect(x, 17.0, x + 2.0, 20.0))
        })
        .collect();
    (region, wall, inner)
}

fn refs(owned: &[(Polygon<f64>, Polygon<f64>)]) -> Vec<(&Polygon<f64>, &Polygon<f64>)> {
    owned.iter().map(|(s, a)| (s, a)).collect()
}

#[test]
fn a_wall_of_stalls_across_a_courtyard_gets_a_passage_through_one_or_two_stalls() {
    // Nobody reaches the inner stalls until one or two stalls of the wall make way.
    let (region, wall, inner) = courtyard();
    let owned: Vec<_> = wall.into_iter().chain(inner).collect();
    let pairs = refs(&owned);
    let bad = unreachable_stalls(&region, &pairs, 3.0);
    assert_eq!(bad, (15..25).collect::<Vec<_>>());
    let cleared = walk::walk(&region, &pairs, 3.0, 1, 0).passage;
    assert!(
        (1..=2).contains(&cleared.len()) && cleared.iter().all(|&k| k < 15),
        "{cleared:?}"
    );
    let opened: Vec<(&Polygon<f64>, &Polygon<f64>)> = pairs
        .iter()
        .enumerate()
        .filter(|(k, _)| !cleared.contains(k))
        .map(|(_, p)| *p)
        .collect();
    assert!(unreachable_stalls(&region, &opened, 3.0).is_empty());
    // With every aisle reached there is no passage to find.
    assert!(walk::walk(&region, &opened, 3.0, 1, 0).passage.is_empty());
    // One stall behind the wall is not worth one in it; and no search is made for fewer
    // unreached stalls than asked.
    assert!(
        walk::walk(&region, &pairs[..16], 3.0, 1, 0)
            .passage
            .is_empty()
    );
    assert!(walk::walk(&region, &pairs, 3.0, 11, 0).passage.is_empty());
}

#[test]
fn no_walker_squeezes_between_two_buildings_a_hand_apart() {
    // The courtyard's buildings as three holes with 0.3 m between them (a hole may not touch
    // another): a walker a metre wide gets through neither gap, so the inner stalls behind the
    // wall are shut in as they are with one U-shaped building.
    let sq = |x0: f64, y0: f64, x1: f64, y1: f64| {
        LineString::from(vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)])
    };
    let region = MultiPolygon(vec![Polygon::new(
        sq(0.0, 0.0, 50.0, 50.0),
        vec![
            sq(2.0, 30.0, 48.0, 48.0),
            sq(2.0, 2.0, 10.0, 29.7),
            sq(40.0, 2.0, 48.0, 29.7),
        ],
    )]);
    let (_, wall, inner) = courtyard();
    let owned: Vec<_> = wall.into_iter().chain(inner).collect();
    assert_eq!(
        unreachable_stalls(&region, &refs(&owned), 3.0),
        (15..25).collect::<Vec<_>>()
    );
}

#[test]
fn a_locked_stall_shut_in_gets_a_passage_but_locked_stalls_are_never_cleared() {
    let (region, wall, inner) = courtyard();
    // One locked stall behind a wall of new ones: worth any number of them.
    let owned: Vec<_> = inner[..1].iter().cloned().chain(wall.clone()).collect();
    let pairs = refs(&owned);
    assert_eq!(unreachable_stalls(&region, &pairs, 3.0), vec![0]);
    let cleared = walk::walk(&region, &pairs, 3.0, 3, 1).passage;
    assert!(!cleared.is_empty() && !cleared.contains(&0), "{cleared:?}");
    // A wall of locked stalls stays shut: no passage through it.
    let owned: Vec<_> = wall.into_iter().chain(inner).collect();
    let pairs = refs(&owned);
    assert!(walk::walk(&region, &pairs, 3.0, 1, 15).passage.is_empty());
}

#[test]
fn a_plaza_with_a_ragged_outline_is_laid_out_as_rows_over_the_area() {
    // A 40 × 40 m square with a saw-tooth edge: a jagged outline and a long perimeter, which
    // the old mean-width test took for a street.
    let mut pts = vec![(0.0, 0.0), (40.0, 0.0), (40.0, 40.0)];
    for k in 0..20 {
        let x = 40.0 - 2.0 * k as f64;
        pts.push((x - 1.0, 45.0));
        pts.push((x - 2.0, 40.0));
    }
    let region = MultiPolygon(vec![Polygon::new(LineString::from(pts), vec![])]);
    let layout = generate(&region, &[], &LayoutParams::default()).unwrap();
    assert_eq!(layout.mode_used, LayoutMode::Plaza);
    let street = generate(
        &region,
        &[],
        &LayoutParams {
            mode: LayoutMode::Street,
            ..LayoutParams::default()
        },
    )
    .unwrap();
    assert!(layout.stalls.len() > street.stalls.len());
}

/// Figures while tuning (the bench prints the real ones):
/// `cargo test -p nightmarket-core --lib corpus_figures -- --ignored --nocapture`.
#[test]
#[ignore]
fn corpus_figures() {
    let only = std::env::var("LAYOUT_ONLY").unwrap_or_default();
    for (name, shape) in [
        (
            "trapezoid",
            polygon![(x: 0.0, y: 0.0), (x: 100.0, y: 0.0), (x: 80.0, y: 60.0), (x: 20.0, y: 60.0)],
        ),
        (
            "hexagon",
            polygon![(x: 0.0, y: 0.0), (x: 55.0, y: -8.0), (x: 88.0, y: 20.0), (x: 80.0, y: 62.0), (x: 30.0, y: 70.0), (x: -10.0, y: 38.0)],
        ),
    ] {
        if name.contains(&only) {
            let l = generate(&MultiPolygon(vec![shape]), &[], &LayoutParams::default()).unwrap();
            println!(
                "{name}: {} of {} = {:.1}%",
                l.stalls.len(),
                l.pattern_bound,
                100.0 * l.stalls.len() as f64 / l.pattern_bound as f64
            );
        }
    }
    for name in corpus_names() {
        if !name.contains(&only) {
            continue;
        }
        let f = format!(
            "{}/benches/data/outlines/{name}.geojson",
            env!("CARGO_MANIFEST_DIR")
        );
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        let Ok(site) = crate::geometry::parse_site_boundary(&v, crate::geometry::Crs::Wgs84) else {
            println!("{name}: invalid");
            continue;
        };
        let local = site.local();
        let t = std::time::Instant::now();
        let l = generate(&local, &[], &LayoutParams::default()).unwrap();
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        println!(
            "{name:<45} {:>7.0} m2 {:>5} stalls {:>5.1}% {} zones {} {:>8.1} ms",
            site.area_m2,
            l.stalls.len(),
            100.0 * l.stalls.len() as f64 / l.pattern_bound.max(1) as f64,
            l.mode_used.as_str(),
            l.zones_used,
            ms
        );
    }
}

/// A re-flow lines new rows up with the locked ones: with every fourth stall of a layout
/// locked, every stall comes back in its place, flush with the locked ones (main rows, rows
/// along the boundary and pocket rows alike).
#[test]
fn a_reflow_around_every_fourth_stall_restores_the_layout() {
    let slanted = polygon![
        (x: 0.0, y: 0.0), (x: 70.0, y: 12.0), (x: 64.0, y: 60.0), (x: -6.0, y: 48.0),
    ];
    let holed = star(
        &[0.9, 0.7, 1.0, 0.8, 0.95, 0.75, 1.0],
        &[0.3, -0.2, 0.1, 0.0, -0.4, 0.2, 0.0],
        40.0,
        Some(0.4),
    );
    // A real recreation ground whose layout has a pocket at its own angle: the re-flow's
    // pocket search tries the locked pocket stalls' direction (before, one stall was lost).
    let pocketed = corpus_site("cn-shanghai-recreation_ground-520214801");
    for region in [
        MultiPolygon(vec![slanted]),
        MultiPolygon(vec![holed]),
        pocketed,
    ] {
        let p = LayoutParams {
            stall_width_m: 2.0,
            ..LayoutParams::default()
        };
        let (first, locked, again) = reflow_every_fourth(&region, &p, |c| c);
        // In place to the centimetre: some stall after the re-flow has its centre there.
        let centres: Vec<geo::Point<f64>> = again
            .stalls
            .iter()
            .map(|s| s.polygon.centroid().unwrap())
            .chain(locked.iter().map(|l| l.polygon.centroid().unwrap()))
            .collect();
        let moved = first
            .stalls
            .iter()
            .filter(|s| {
                let c = s.polygon.centroid().unwrap();
                !centres
                    .iter()
                    .any(|q| (q.x() - c.x()).hypot(q.y() - c.y()) < 0.01)
            })
            .count();
        // Before stalls snapped to the locked ones' lattice some fifty moved; with one anchor
        // per row instead of one per run, 13; with boundary rows packed on their own, 4.
        assert_eq!(moved, 0, "stalls moved in the re-flow");
        assert_eq!(again.stalls.len() + locked.len(), first.stalls.len());
    }
}

/// A layout with zones locks stalls in several directions; lining the re-flow up with the
/// largest group alone gave the others' ground to its rows (a real Shanghai car park in three
/// directions lost 72 of 724 stalls). The re-flow also searches freely, zones included.
#[test]
fn a_reflow_of_a_layout_with_zones_keeps_its_stalls() {
    let p = LayoutParams {
        stall_width_m: 2.0,
        ..LayoutParams::default()
    };
    let region = corpus_site("cn-shanghai-parking-167061754");
    let (first, locked, again) = reflow_every_fourth(&region, &p, |c| c);
    assert!(first.zones_used >= 2, "{} zones", first.zones_used);
    let total = again.stalls.len() + locked.len();
    // 720 of 724: the pockets' few stalls may come back in other places.
    assert!(
        total * 100 >= first.stalls.len() * 99,
        "{total} of {}",
        first.stalls.len()
    );
}

/// Locked stalls come back from the database rounded to 7 decimals of a degree (about a
/// centimetre): the gaps between them then hold the same stalls as before, not one fewer.
#[test]
fn a_reflow_around_stored_locked_stalls_loses_no_stall_to_rounding() {
    let region = MultiPolygon(vec![polygon![
        (x: 0.0, y: 0.0), (x: 70.0, y: 12.0), (x: 64.0, y: 60.0), (x: -6.0, y: 48.0),
    ]]);
    let p = LayoutParams {
        stall_width_m: 2.0,
        ..LayoutParams::default()
    };
    // Each corner moved by up to 6 mm, as a round trip through 7-decimal degrees moves it.
    let jitter = |c: geo::Coord<f64>| geo::Coord {
        x: (c.x / 0.009).round() * 0.009,
        y: (c.y / 0.011).round() * 0.011,
    };
    let (first, locked, again) = reflow_every_fourth(&region, &p, jitter);
    let total = again.stalls.len() + locked.len();
    assert!(
        total + 1 >= first.stalls.len(),
        "{total} of {}",
        first.stalls.len()
    );
}

/// A real outline of the benchmark's corpus, in local metres.
pub(super) fn corpus_site(name: &str) -> MultiPolygon<f64> {
    let path = format!(
        "{}/benches/data/outlines/{name}.geojson",
        env!("CARGO_MANIFEST_DIR")
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    crate::geometry::parse_site_boundary(&v, crate::geometry::Crs::Wgs84)
        .unwrap()
        .local()
}

/// Lays out `region`, locks every fourth stall (its corners passed through `stored`) and lays
/// out again around them.
fn reflow_every_fourth(
    region: &MultiPolygon<f64>,
    p: &LayoutParams,
    stored: impl Fn(geo::Coord<f64>) -> geo::Coord<f64>,
) -> (Layout, Vec<LockedStall>, Layout) {
    let first = generate(region, &[], p).unwrap();
    let locked: Vec<LockedStall> = first
        .stalls
        .iter()
        .step_by(4)
        .map(|s| LockedStall {
            polygon: Polygon::new(
                LineString(s.polygon.exterior().0.iter().map(|&c| stored(c)).collect()),
                vec![],
            ),
            facing_deg: s.facing_deg,
        })
        .collect();
    let again = generate_around(region, &[], &locked, p).unwrap();
    (first, locked, again)
}
