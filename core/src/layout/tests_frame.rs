//! Tests of the rotated frames' band queries and the interval algebra.
use super::*;
use geo::{LineString, polygon};

#[test]
fn a_band_through_an_l_shape_has_the_exact_inside_intervals() {
    let l: Polygon<f64> = polygon![
        (x: 0.0, y: 0.0), (x: 10.0, y: 0.0), (x: 10.0, y: 4.0),
        (x: 4.0, y: 4.0), (x: 4.0, y: 10.0), (x: 0.0, y: 10.0),
    ];
    let s = Shape::from_polygon(&l, &Frame::new(0.0));
    let mut sc = Scratch::default();
    assert_eq!(s.inside(1.0, 3.0, &mut sc), vec![(0.0, 10.0)]);
    assert_eq!(s.inside(5.0, 6.0, &mut sc), vec![(0.0, 4.0)]);
    assert_eq!(s.inside(3.0, 5.0, &mut sc), vec![(0.0, 4.0)]);
    assert_eq!(s.inside(0.0, 4.0, &mut sc), vec![(0.0, 10.0)]);
    assert!(s.inside(-1.0, 2.0, &mut sc).is_empty());
}

#[test]
fn a_hole_splits_the_band() {
    let p = Polygon::new(
        LineString::from(vec![
            (0.0, 0.0),
            (10.0, 0.0),
            (10.0, 10.0),
            (0.0, 10.0),
            (0.0, 0.0),
        ]),
        vec![LineString::from(vec![
            (4.0, 4.0),
            (4.0, 6.0),
            (6.0, 6.0),
            (6.0, 4.0),
            (4.0, 4.0),
        ])],
    );
    let s = Shape::from_polygon(&p, &Frame::new(0.0));
    let mut sc = Scratch::default();
    assert_eq!(s.inside(3.0, 5.0, &mut sc), vec![(0.0, 4.0), (6.0, 10.0)]);
    let mut t = Vec::new();
    Shape::rect(2.0, 2.0, 3.0, 8.0).touched(3.0, 5.0, &mut sc, &mut t);
    merge(&mut t);
    assert_eq!(t, vec![(2.0, 3.0)]);
}

#[test]
fn the_clearance_to_a_slanted_edge_is_round_not_square() {
    // Edge x = y/3 (a trapezoid's side); a band [3, 5.5] must keep 0.5 m from it.
    let edge = Shape::from_rings(
        [&[Coord { x: 0.0, y: 0.0 }, Coord { x: 20.0, y: 60.0 }][..]],
        &Frame::new(0.0),
    );
    let mut out = Vec::new();
    edge.near_edges(3.0, 5.5, 0.5, &mut out);
    let (_, hi) = out[0];
    // The band's top-left corner may sit 0.5 m from the line: x = 5.5/3 + 0.5·√10/3.
    let exact = 5.5 / 3.0 + 0.5 * 10f64.sqrt() / 3.0;
    assert!((hi - exact).abs() < 1e-6, "{hi} vs {exact}");
    // The square clearance would have asked for (5.5 + 0.5)/3 + 0.5.
    assert!(hi < 6.0 / 3.0 + 0.5 - 0.1);
    // A point edge (both ends equal) blocks a disc: the band [0.3, 1] misses most of it.
    let point = Coord { x: 0.0, y: 0.0 };
    let (lo, hi) = capsule_extent(point, Coord { y: 1e-12, ..point }, 0.5, 0.3, 1.0).unwrap();
    let h = (0.25f64 - 0.09).sqrt();
    assert!((lo + h).abs() < 1e-6 && (hi - h).abs() < 1e-6, "{lo} {hi}");
}

#[test]
fn inside_with_clearance_in_one_pass_is_inside_minus_the_clearance() {
    // A slanted outline with a hole, as several frames see it, at every band height.
    let p = Polygon::new(
        LineString::from(vec![
            (0.0, 0.0),
            (30.0, 4.0),
            (26.0, 25.0),
            (12.0, 18.0),
            (2.0, 24.0),
            (0.0, 0.0),
        ]),
        vec![LineString::from(vec![
            (8.0, 6.0),
            (14.0, 6.0),
            (14.0, 11.0),
            (8.0, 11.0),
            (8.0, 6.0),
        ])],
    );
    let mut sc = Scratch::default();
    for deg in [0.0f64, 7.0, 45.0, 90.0, 133.0] {
        let s = Shape::from_polygon(&p, &Frame::new(deg.to_radians()));
        for c in [0.0, 0.5, 1.25] {
            let mut y = s.min.y - 1.0;
            while y < s.max.y + 1.0 {
                let (y1, y2) = (y, y + 2.5);
                let mut near = Vec::new();
                s.near_edges(y1, y2, c, &mut near);
                merge(&mut near);
                let two_passes = subtract(&s.inside(y1, y2, &mut sc), &near);
                let one = s.inside_clear(y1, y2, c, &mut sc);
                assert_eq!(one.len(), two_passes.len(), "{deg}° c {c} y {y}");
                for (a, b) in one.iter().zip(&two_passes) {
                    assert!((a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9);
                }
                y += 0.37;
            }
        }
    }
    // A horizontal edge inside the band blocks it even with no clearance.
    let s = Shape::from_polygon(&p, &Frame::new(0.0));
    let band = s.inside_clear(4.0, 6.5, 0.0, &mut sc);
    assert!(
        band.iter().all(|&(lo, hi)| hi <= 8.0 || lo >= 14.0),
        "{band:?}"
    );
}

#[test]
fn interval_algebra() {
    let a = vec![(0.0, 10.0), (20.0, 30.0)];
    assert_eq!(subtract(&a, &[(5.0, 22.0)]), vec![(0.0, 5.0), (22.0, 30.0)]);
    assert_eq!(
        intersect(&a, &[(5.0, 25.0)]),
        vec![(5.0, 10.0), (20.0, 25.0)]
    );
    assert_eq!(super::super::intervals::stalls_in((0.0, 9.0), 3.0), 3);
    assert_eq!(
        super::super::intervals::stalls_in((0.0, 8.99999999), 3.0),
        3
    );
    assert_eq!(super::super::intervals::stalls_in((0.0, 2.9), 3.0), 0);
}
