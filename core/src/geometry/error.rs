//! Geometry input errors: structured (which polygon, ring, position, where), codes and data only.
//!
//! Each variant carries enough to point a manager at the fault on the map; `code` gives the API
//! error code, and the server words it in the user's language.

use std::fmt;

/// Where in the input a ring lives: `polygon` is `None` for a plain Polygon, so messages do not
/// talk about "polygon 0" to someone who drew only one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RingRef {
    pub polygon: Option<usize>,
    /// Index within the polygon's coordinate array: 0 is the outer boundary, 1.. are holes.
    pub ring: usize,
}

/// A geometry that cannot be accepted, and why.
#[derive(Debug, Clone, PartialEq)]
pub enum GeometryError {
    /// The body is not a JSON object.
    NotAnObject,
    /// A required member (`type`, `coordinates`, `geometry`, `features`) is missing or has the
    /// wrong JSON type.
    BadMember {
        member: &'static str,
    },
    /// `type` names something that is not GeoJSON.
    UnknownType {
        found: String,
    },
    /// A valid GeoJSON geometry of the wrong kind (Point, LineString, …).
    WrongGeometryType {
        found: String,
        expected: &'static str,
    },
    /// A FeatureCollection must hold exactly one feature.
    FeatureCollectionSize {
        count: usize,
    },
    /// The coordinates array is not nested as the geometry type requires.
    BadNesting {
        polygon: Option<usize>,
        ring: Option<usize>,
    },
    /// A position does not have 2 (or 3) elements.
    BadPosition {
        at: RingRef,
        position: usize,
        len: usize,
    },
    /// A position element is not a finite number.
    NotANumber {
        at: RingRef,
        position: usize,
    },
    /// More vertices than we are willing to validate.
    TooManyVertices {
        max: usize,
    },
    /// Longitude outside [-180, 180] or latitude outside [-90, 90].
    OutOfRange {
        at: RingRef,
        position: usize,
        lon: f64,
        lat: f64,
    },
    /// First and last positions differ.
    RingNotClosed {
        at: RingRef,
        lon: f64,
        lat: f64,
    },
    /// Fewer than 4 positions (or fewer than 3 distinct corners).
    TooFewPositions {
        at: RingRef,
        count: usize,
    },
    /// The ring crosses or touches itself.
    SelfIntersection {
        at: RingRef,
        lon: f64,
        lat: f64,
    },
    /// The ring doubles back on itself (a zero-width spike).
    Spike {
        at: RingRef,
        lon: f64,
        lat: f64,
    },
    /// The ring encloses no area (all corners on a line).
    ZeroArea {
        at: RingRef,
    },
    /// A hole is not inside its outer ring.
    HoleOutsideShell {
        at: RingRef,
        lon: f64,
        lat: f64,
    },
    /// Two rings of one polygon cross or share an edge.
    RingsIntersect {
        polygon: Option<usize>,
        ring_a: usize,
        ring_b: usize,
        lon: f64,
        lat: f64,
    },
    /// Two polygons of a MultiPolygon cross, overlap or share an edge.
    PolygonsOverlap {
        polygon_a: usize,
        polygon_b: usize,
        lon: f64,
        lat: f64,
    },
    /// The ring touches itself at a point (a vertex on another of its edges, or twice the same
    /// vertex): GEOS's "Ring Self-intersection".
    SelfTouch {
        at: RingRef,
        lon: f64,
        lat: f64,
    },
    /// A hole lies inside another hole (`outer`, a ring index of the same polygon).
    NestedHoles {
        at: RingRef,
        outer: usize,
        lon: f64,
        lat: f64,
    },
    /// A polygon of a MultiPolygon lies inside another one.
    NestedShells {
        inner: usize,
        outer: usize,
        lon: f64,
        lat: f64,
    },
    /// Rings touching each other at points cut the polygon's interior in two or more pieces
    /// (a hole touching the shell twice, a chain of holes from shell to shell).
    DisconnectedInterior {
        polygon: Option<usize>,
        lon: f64,
        lat: f64,
    },
    /// No polygon at all.
    Empty,
    AreaTooSmall {
        area_m2: f64,
        min_m2: f64,
    },
    AreaTooLarge {
        area_m2: f64,
        max_m2: f64,
    },
    /// A LineString zone needs a positive, finite, sane width.
    InvalidWidth {
        value: Option<f64>,
    },
}

impl GeometryError {
    /// The API error code: `geometry_too_large` for the vertex cap (HTTP 413), otherwise
    /// `invalid_geometry` (HTTP 422).
    pub fn code(&self) -> &'static str {
        match self {
            GeometryError::TooManyVertices { .. } => "geometry_too_large",
            _ => "invalid_geometry",
        }
    }
}

/// The code and the data, for logs; people read the server's wording of it in their language.
impl fmt::Display for GeometryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {self:?}", self.code())
    }
}

impl std::error::Error for GeometryError {}
