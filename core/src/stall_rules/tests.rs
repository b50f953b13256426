//! Unit tests of the stall rules.
use super::*;

fn c(x: f64, y: f64) -> Coord<f64> {
    Coord { x, y }
}

/// A 40 × 20 m plaza with its south-west corner at the origin.
fn plaza() -> MultiPolygon<f64> {
    MultiPolygon(vec![Polygon::new(
        LineString::from(vec![
            c(0.0, 0.0),
            c(40.0, 0.0),
            c(40.0, 20.0),
            c(0.0, 20.0),
            c(0.0, 0.0),
        ]),
        vec![],
    )])
}

const RULES: StallRules = StallRules {
    edge_clearance_m: 0.5,
    aisle_width_m: 3.0,
};

fn check(stall: [Coord<f64>; 4], others: &[[Coord<f64>; 4]]) -> Result<(), StallFault> {
    let site = plaza();
    check_stall(
        &stall,
        Ground {
            site: &site,
            exclusions: &[],
        },
        RULES,
        others,
    )
}

#[test]
fn a_stall_in_the_open_passes() {
    assert_eq!(check(stall_at(c(10.0, 10.0), 3.0, 2.5), &[]), Ok(()));
}

#[test]
fn a_stall_crossing_the_edge_is_outside() {
    assert_eq!(
        check(stall_at(c(0.5, 10.0), 3.0, 2.5), &[]),
        Err(StallFault::Outside)
    );
}

#[test]
fn a_stall_inside_but_within_the_clearance_is_outside() {
    // West side 0.2 m from the edge, clearance 0.5 m.
    assert_eq!(
        check(stall_at(c(1.7, 10.0), 3.0, 2.5), &[]),
        Err(StallFault::Outside)
    );
    // Exactly on the clearance line is fine.
    assert_eq!(check(stall_at(c(2.0, 10.0), 3.0, 2.5), &[]), Ok(()));
}

#[test]
fn a_stall_in_a_hole_or_an_exclusion_is_outside() {
    let hole = LineString::from(vec![
        c(20.0, 8.0),
        c(20.0, 12.0),
        c(24.0, 12.0),
        c(24.0, 8.0),
        c(20.0, 8.0),
    ]);
    let mut site = plaza();
    site.0[0].interiors_push(hole.clone());
    let at = stall_at(c(22.0, 10.0), 1.0, 1.0);
    let ground = Ground {
        site: &site,
        exclusions: &[],
    };
    assert_eq!(
        check_stall(&at, ground, RULES, &[]),
        Err(StallFault::Outside)
    );
    // A stall over the whole hole: the hole's corners are inside it.
    let over = stall_at(c(22.0, 10.0), 8.0, 8.0);
    assert_eq!(
        check_stall(&over, ground, RULES, &[]),
        Err(StallFault::Outside)
    );
    let exclusions = [Polygon::new(hole, vec![])];
    let open = plaza();
    let ground = Ground {
        site: &open,
        exclusions: &exclusions,
    };
    assert_eq!(
        check_stall(&at, ground, RULES, &[]),
        Err(StallFault::Outside)
    );
    assert_eq!(
        check_stall(&stall_at(c(10.0, 10.0), 3.0, 2.5), ground, RULES, &[]),
        Ok(())
    );
}

#[test]
fn neighbours_sharing_an_edge_do_not_overlap_but_a_shifted_one_does() {
    let a = stall_at(c(10.0, 10.0), 3.0, 2.5);
    let b = stall_at(c(13.0, 10.0), 3.0, 2.5);
    assert_eq!(check(b, &[a]), Ok(()));
    let shifted = stall_at(c(12.5, 10.0), 3.0, 2.5);
    assert_eq!(check(shifted, &[a]), Err(StallFault::Overlap { other: 0 }));
}

#[test]
fn a_stall_in_front_of_another_blocks_its_aisle_both_ways() {
    // `stall_at` faces south: the aisle of `a` runs from y = 8.75 down to 5.75.
    let a = stall_at(c(10.0, 10.0), 3.0, 2.5);
    let in_front = stall_at(c(10.0, 7.0), 3.0, 2.5);
    assert_eq!(
        check(in_front, &[a]),
        Err(StallFault::AisleBlocked {
            other: 0,
            in_front_of_other: true
        })
    );
    // Seen from the other side: `a` stands in the new stall's aisle.
    let behind = stall_at(c(10.0, 13.0), 3.0, 2.5);
    assert_eq!(
        check(behind, &[a]),
        Err(StallFault::AisleBlocked {
            other: 0,
            in_front_of_other: false
        })
    );
    // Across a full aisle, facing each other, is fine.
    let across = rotate(&stall_at(c(10.0, 10.0 - 2.5 - 3.0), 3.0, 2.5), 180.0);
    assert_eq!(check(across, &[a]), Ok(()));
}

#[test]
fn shapes_that_are_not_stalls_are_refused() {
    let ring = |pts: Vec<Coord<f64>>| Polygon::new(LineString::from(pts), vec![]);
    let triangle = ring(vec![c(0.0, 0.0), c(3.0, 0.0), c(0.0, 3.0), c(0.0, 0.0)]);
    assert_eq!(stall_corners(&triangle), Err(StallFault::NotAQuadrilateral));
    let bowtie = ring(vec![
        c(0.0, 0.0),
        c(3.0, 3.0),
        c(3.0, 0.0),
        c(0.0, 3.0),
        c(0.0, 0.0),
    ]);
    assert_eq!(stall_corners(&bowtie), Err(StallFault::NotAQuadrilateral));
    let tiny = quad_polygon(&stall_at(c(0.0, 0.0), 0.1, 0.1));
    assert_eq!(stall_corners(&tiny), Err(StallFault::BadSize));
    let nan = quad_polygon(&stall_at(c(f64::NAN, 0.0), 3.0, 3.0));
    assert_eq!(stall_corners(&nan), Err(StallFault::NotAQuadrilateral));
}

#[test]
fn a_clockwise_ring_is_turned_and_keeps_its_first_corner() {
    let ccw = stall_at(c(5.0, 5.0), 3.0, 2.0);
    let cw = Polygon::new(
        LineString::from(vec![ccw[0], ccw[3], ccw[2], ccw[1], ccw[0]]),
        vec![],
    );
    assert_eq!(stall_corners(&cw), Ok(ccw));
}

#[test]
fn rotating_and_moving_keep_the_size_and_turn_the_front() {
    let s = stall_at(c(5.0, 5.0), 3.0, 2.0);
    let (w, d, facing) = dimensions(&s);
    assert!((w - 3.0).abs() < 1e-9 && (d - 2.0).abs() < 1e-9);
    assert!((facing - 270.0).abs() < 1e-9, "{facing}");
    let turned = rotate(&translate(&s, 1.0, -2.0), 90.0);
    let (w2, d2, facing2) = dimensions(&turned);
    assert!((w2 - 3.0).abs() < 1e-9 && (d2 - 2.0).abs() < 1e-9);
    assert!(
        facing2.abs() < 1e-6 || (facing2 - 360.0).abs() < 1e-6,
        "{facing2}"
    );
    let m = centre(&turned);
    assert!((m.x - 6.0).abs() < 1e-9 && (m.y - 3.0).abs() < 1e-9);
}

#[test]
fn overlap_area_of_convex_quads() {
    let a = stall_at(c(0.0, 0.0), 2.0, 2.0);
    let b = stall_at(c(1.0, 1.0), 2.0, 2.0);
    assert!((clipped_area(&a, &b) - 1.0).abs() < 1e-9);
    let far = stall_at(c(5.0, 5.0), 2.0, 2.0);
    assert_eq!(clipped_area(&a, &far), 0.0);
}

#[test]
fn a_centimetre_of_stored_rounding_is_touching_but_five_is_overlap() {
    let a = stall_at(c(10.0, 10.0), 3.0, 2.5);
    // A neighbour 1 cm into `a`'s side, as 7 stored decimals may put it: touching.
    assert_eq!(check(stall_at(c(12.99, 10.0), 3.0, 2.5), &[a]), Ok(()));
    assert_eq!(
        check(stall_at(c(12.95, 10.0), 3.0, 2.5), &[a]),
        Err(StallFault::Overlap { other: 0 })
    );
    // Facing across an aisle 1 cm short: touching; 5 cm short: the aisle is blocked.
    let across = |gap: f64| rotate(&stall_at(c(10.0, 10.0 - 2.5 - gap), 3.0, 2.5), 180.0);
    assert_eq!(check(across(2.99), &[a]), Ok(()));
    assert!(matches!(
        check(across(2.95), &[a]),
        Err(StallFault::AisleBlocked { other: 0, .. })
    ));
}

#[test]
fn a_neighbours_corner_stored_on_the_edge_is_not_a_fifth_corner() {
    let q = stall_at(c(10.0, 10.0), 3.0, 2.5);
    // The ring as a site's GeoJSON stores it: a neighbour's corner 1 cm from the first corner
    // and another in the middle of the front edge.
    let ring = vec![
        q[0],
        c(q[0].x - 0.01, q[0].y),
        q[1],
        q[2],
        c((q[2].x + q[3].x) / 2.0, q[2].y + 0.001),
        q[3],
        q[0],
    ];
    let corners = stall_corners(&Polygon::new(LineString::from(ring), vec![])).unwrap();
    assert_eq!(
        corners, q,
        "the same corners, the front still third → fourth"
    );
    // A real fifth corner is still refused.
    let five = vec![q[0], q[1], q[2], c(10.0, 8.0), q[3], q[0]];
    assert_eq!(
        stall_corners(&Polygon::new(LineString::from(five), vec![])),
        Err(StallFault::NotAQuadrilateral)
    );
}

/// A stall laid out on the edge with no clearance, as stored: one corner rounded 5 mm past
/// the edge (a whole row of a Shanghai site read back so was refused, and its re-layout lost
/// a stall). A spike of the outline 10 cm into the stall is still refused.
#[test]
fn a_stall_stored_on_the_edge_is_on_the_ground_but_an_edge_cutting_its_corner_is_not() {
    let site = plaza();
    let ground = Ground {
        site: &site,
        exclusions: &[],
    };
    let rules = StallRules {
        edge_clearance_m: 0.0,
        ..RULES
    };
    // The south edge is y = 0: the stall's back west corner 5 mm below it.
    let mut stored = stall_at(c(10.0, 1.25), 2.0, 2.5);
    stored[3].y -= 0.005;
    assert_eq!(check_stall(&stored, ground, rules, &[]), Ok(()));
    // The outline cutting the stall's south-west corner off 30 cm along each side, the cut's
    // ends outside the stall.
    let notched = MultiPolygon(vec![Polygon::new(
        LineString::from(vec![
            c(0.0, 0.5),
            c(8.8, 0.5),
            c(9.4, -0.1),
            c(40.0, -0.1),
            c(40.0, 20.0),
            c(0.0, 20.0),
            c(0.0, 0.5),
        ]),
        vec![],
    )]);
    let notched = Ground {
        site: &notched,
        exclusions: &[],
    };
    let on_edge = stall_at(c(10.0, 1.25), 2.0, 2.5);
    assert_eq!(
        check_stall(&on_edge, notched, rules, &[]),
        Err(StallFault::Outside)
    );
}
