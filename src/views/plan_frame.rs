//! How a plan is laid on the page: a compact site as it is (north up), a long narrow one turned
//! along its length and cut into stacked segments of 40–60 m, so that on a 390 px phone every
//! stall code is at least 11 CSS px; and which stall a "find" names.

use geo::{Coord, MinimumRotatedRect, MultiPolygon};

/// The width in CSS px a plan gets on a 390 px phone (the page's and the figure's padding
/// taken off), which the smallest font of a segmented plan is sized for.
pub const PHONE_PLAN_PX: f64 = 340.0;
/// The smallest stall-code font on a phone, CSS px (11 required, a margin for rounding).
pub const MIN_CODE_PX: f64 = 11.5;

/// The frame of a plan, in the site's local metres turned by `angle`.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// Radians the site is turned clockwise so its length runs left to right (0: north up).
    pub angle: f64,
    /// Bounds in the turned frame.
    pub min: Coord<f64>,
    /// Bounds in the turned frame.
    pub max: Coord<f64>,
    /// Number of stacked segments (1: drawn whole).
    pub segments: usize,
    /// Length of one segment, metres.
    pub seg_len: f64,
}

impl Frame {
    /// A local point in the turned frame.
    pub fn turn(&self, c: Coord<f64>) -> Coord<f64> {
        let (s, co) = self.angle.sin_cos();
        Coord {
            x: c.x * co + c.y * s,
            y: -c.x * s + c.y * co,
        }
    }

    /// The segment a turned x falls in.
    pub fn segment_of(&self, x: f64) -> usize {
        if self.segments <= 1 {
            return 0;
        }
        (((x - self.min.x) / self.seg_len).floor().max(0.0) as usize).min(self.segments - 1)
    }

    /// Whether the plan is cut into segments.
    pub fn is_strip(&self) -> bool {
        self.segments > 1
    }
}

/// The number of segments for a strip `length` metres long: each 40–60 m where the length
/// allows (as many as keep them ≥ 40 m, at least enough to keep them ≤ 60 m).
pub fn segment_count(length: f64) -> usize {
    let at_most_60 = (length / 60.0).ceil() as usize;
    let at_least_40 = (length / 40.0).floor() as usize;
    at_most_60.max(at_least_40).max(1)
}

/// The frame of a site: a strip when it is longer than 60 m and at least three times as long
/// as it is wide; otherwise drawn whole, north up.
pub fn frame_of(site: &MultiPolygon<f64>) -> Option<Frame> {
    use geo::BoundingRect;
    let rect = site.bounding_rect()?;
    let whole = Frame {
        angle: 0.0,
        min: rect.min(),
        max: rect.max(),
        segments: 1,
        seg_len: rect.width(),
    };
    let Some(turned) = site.minimum_rotated_rect() else {
        return Some(whole);
    };
    let pts = &turned.exterior().0;
    if pts.len() < 3 {
        return Some(whole);
    }
    let (e1, e2) = (pts[1] - pts[0], pts[2] - pts[1]);
    let (l1, l2) = (e1.x.hypot(e1.y), e2.x.hypot(e2.y));
    let (long, length, width) = if l1 >= l2 { (e1, l1, l2) } else { (e2, l2, l1) };
    if length <= 60.0 || width <= 0.0 || length < 3.0 * width {
        return Some(whole);
    }
    // Turn so the long side runs along x, reading left to right (west to east mostly).
    let mut angle = long.y.atan2(long.x);
    if angle > std::f64::consts::FRAC_PI_2 {
        angle -= std::f64::consts::PI;
    } else if angle <= -std::f64::consts::FRAC_PI_2 {
        angle += std::f64::consts::PI;
    }
    let mut frame = Frame {
        angle,
        min: Coord {
            x: f64::MAX,
            y: f64::MAX,
        },
        max: Coord {
            x: f64::MIN,
            y: f64::MIN,
        },
        segments: 1,
        seg_len: length,
    };
    for poly in &site.0 {
        for c in poly.exterior().0.iter() {
            let t = frame.turn(*c);
            frame.min = Coord {
                x: frame.min.x.min(t.x),
                y: frame.min.y.min(t.y),
            };
            frame.max = Coord {
                x: frame.max.x.max(t.x),
                y: frame.max.y.max(t.y),
            };
        }
    }
    let len = frame.max.x - frame.min.x;
    frame.segments = segment_count(len);
    frame.seg_len = len / frame.segments as f64;
    Some(frame)
}

/// A stall code as typed into "find": trimmed, upper case, full-width dashes made plain.
pub fn normalise_code(text: &str) -> String {
    // Full-width letters and digits as a Chinese keyboard types them (ＷＣＬ－Ａ－０１２).
    crate::normalize::half_width(text.trim())
        .chars()
        .map(|c| match c {
            '－' | '—' | '–' => '-',
            c => c.to_ascii_uppercase(),
        })
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Whether a stall's code answers a "find" (the full code, or the part after the site code).
pub fn code_matches(code: &str, wanted: &str) -> bool {
    !wanted.is_empty()
        && (code.eq_ignore_ascii_case(wanted)
            || code
                .split_once('-')
                .is_some_and(|(_, rest)| rest.eq_ignore_ascii_case(wanted)))
}

/// The `find` parameter of a page's path and query, if any.
pub fn find_param(path_and_query: &str) -> Option<String> {
    let query = path_and_query.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or_default();
    serde_urlencoded::from_str::<Vec<(String, String)>>(query)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == "find")
        .map(|(_, v)| normalise_code(&v))
        .filter(|v| !v.is_empty() && v.len() <= 40)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Polygon, Rotate};

    fn rect(w: f64, h: f64) -> MultiPolygon<f64> {
        MultiPolygon(vec![Polygon::new(
            vec![(0.0, 0.0), (w, 0.0), (w, h), (0.0, h), (0.0, 0.0)].into(),
            vec![],
        )])
    }

    #[test]
    fn a_400_m_street_is_cut_into_ten_segments_of_40_m_and_a_plaza_is_drawn_whole() {
        let street =
            frame_of(&rect(400.0, 12.0).rotate_around_point(6.3, (0.0, 0.0).into())).unwrap();
        assert_eq!(street.segments, 10);
        assert!((street.seg_len - 40.0).abs() < 0.5, "{}", street.seg_len);
        assert!((street.max.y - street.min.y - 12.0).abs() < 0.01);
        let plaza = frame_of(&rect(80.0, 60.0)).unwrap();
        assert_eq!((plaza.segments, plaza.angle), (1, 0.0));
    }

    #[test]
    fn segments_stay_between_40_and_60_m_from_80_m_on() {
        for l in (80..3000).step_by(7) {
            let n = segment_count(f64::from(l));
            let s = f64::from(l) / n as f64;
            assert!((40.0..=60.0).contains(&s), "{l} m → {n} × {s}");
        }
    }

    #[test]
    fn find_takes_the_full_code_or_the_part_after_the_site() {
        assert!(code_matches("WCL-A-032", "WCL-A-032"));
        assert!(code_matches("WCL-A-032", "A-032"));
        assert!(!code_matches("WCL-A-032", "A-03"));
        assert_eq!(normalise_code(" wcl－a-032 "), "WCL-A-032");
        assert_eq!(
            find_param("/sites/1?find=wcl-a-032").as_deref(),
            Some("WCL-A-032")
        );
        assert_eq!(find_param("/sites/1?x=1"), None);
    }
}
