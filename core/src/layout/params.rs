//! Layout parameters, their validation, and the layout error: a code and data the server words.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Largest size accepted for any stall, aisle, clearance or lane, metres.
pub const MAX_SIZE_M: f64 = 50.0;
/// Smallest stall frontage/depth and aisle width, metres. Anything smaller is a typo, and tiny
/// stalls would turn one request into millions of rectangles.
pub const MIN_SIZE_M: f64 = 0.5;
/// Most stalls one layout may produce (checked against the area bound before any work).
pub const MAX_STALLS: usize = 20_000;

/// How rows are arranged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum LayoutMode {
    /// Both arrangements are computed and the one with more stalls wins; on a tie street
    /// sides for a street ([`LayoutParams::street_site`]), rows over the area for any other
    /// site (API.md).
    #[default]
    Auto,
    /// Double-loaded rows (back-to-back pairs between aisles) at the best orientation, then extra
    /// single rows along the boundary where they fit.
    Plaza,
    /// Single rows along the boundary edges facing the central lane, following every bend.
    Street,
}

impl LayoutMode {
    pub fn parse(s: &str) -> Option<LayoutMode> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Some(LayoutMode::Auto),
            "plaza" => Some(LayoutMode::Plaza),
            "street" => Some(LayoutMode::Street),
            _ => None,
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            LayoutMode::Auto => "auto",
            LayoutMode::Plaza => "plaza",
            LayoutMode::Street => "street",
        }
    }
}

/// What the manager asks for. All lengths in metres.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LayoutParams {
    /// Frontage: the side of the stall along its aisle.
    pub stall_width_m: f64,
    /// Depth: from the front (aisle side) to the back.
    pub stall_depth_m: f64,
    /// Width of the walkable aisle every stall front faces.
    pub aisle_width_m: f64,
    /// Minimum distance from a stall to the site boundary, holes and exclusion zones.
    pub edge_clearance_m: f64,
    /// When set, plazas longer than [`CROSS_AISLE_SPACING_M`](super::CROSS_AISLE_SPACING_M)
    /// along their rows get cross aisles of this width, so no row is an unbroken wall.
    pub fire_lane_width_m: Option<f64>,
    /// Fixed row direction, degrees counter-clockwise from east; `None` searches.
    pub orientation_deg: Option<f64>,
    pub mode: LayoutMode,
    /// The site is a street (its kind): in `auto` mode street-side rows win ties.
    #[serde(default)]
    pub street_site: bool,
}

impl Default for LayoutParams {
    fn default() -> Self {
        LayoutParams {
            stall_width_m: 3.0,
            stall_depth_m: 2.5,
            aisle_width_m: 3.0,
            edge_clearance_m: 0.5,
            fire_lane_width_m: None,
            orientation_deg: None,
            mode: LayoutMode::Auto,
            street_site: false,
        }
    }
}

/// Why a number was refused.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ParamProblem {
    NotFinite,
    NotPositive,
    Negative,
    TooSmall {
        min: f64,
    },
    TooLarge {
        max: f64,
    },
    /// An angle in degrees outside −360…360 (a typo, not a direction).
    AngleOutOfRange {
        max: f64,
    },
}

/// A layout request that cannot be run.
#[derive(Debug, Clone, PartialEq)]
pub enum LayoutError {
    InvalidParam {
        field: &'static str,
        value: f64,
        problem: ParamProblem,
    },
    /// The usable area is empty (everything excluded, or no polygon).
    EmptyArea,
    /// Even the area bound exceeds what one layout may hold.
    TooManyStalls { bound: usize, max: usize },
}

impl LayoutError {
    pub fn code(&self) -> &'static str {
        "invalid_layout"
    }

    /// The parameter at fault, for forms that highlight a field.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            LayoutError::InvalidParam { field, .. } => Some(field),
            _ => None,
        }
    }
}

/// The code and the data, for logs; people read the server's wording of it in their language.
impl fmt::Display for LayoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {self:?}", self.code())
    }
}

impl std::error::Error for LayoutError {}

fn size(field: &'static str, value: f64, min: f64) -> Result<(), LayoutError> {
    let problem = if !value.is_finite() {
        ParamProblem::NotFinite
    } else if value <= 0.0 {
        ParamProblem::NotPositive
    } else if value < min {
        ParamProblem::TooSmall { min }
    } else if value > MAX_SIZE_M {
        ParamProblem::TooLarge { max: MAX_SIZE_M }
    } else {
        return Ok(());
    };
    Err(LayoutError::InvalidParam {
        field,
        value,
        problem,
    })
}

/// The largest row direction accepted, either way, in degrees.
const MAX_ANGLE_DEG: f64 = 360.0;

impl LayoutParams {
    /// Refuses zero, negative, non-finite, tiny or absurd (> 50 m) sizes.
    pub fn validate(&self) -> Result<(), LayoutError> {
        size("stall_width_m", self.stall_width_m, MIN_SIZE_M)?;
        size("stall_depth_m", self.stall_depth_m, MIN_SIZE_M)?;
        size("aisle_width_m", self.aisle_width_m, MIN_SIZE_M)?;
        let c = self.edge_clearance_m;
        if !c.is_finite() || !(0.0..=MAX_SIZE_M).contains(&c) {
            return Err(LayoutError::InvalidParam {
                field: "edge_clearance_m",
                value: c,
                problem: if !c.is_finite() {
                    ParamProblem::NotFinite
                } else if c < 0.0 {
                    ParamProblem::Negative
                } else {
                    ParamProblem::TooLarge { max: MAX_SIZE_M }
                },
            });
        }
        if let Some(f) = self.fire_lane_width_m {
            size("fire_lane_width_m", f, MIN_SIZE_M)?;
        }
        if let Some(o) = self.orientation_deg {
            let problem = if !o.is_finite() {
                Some(ParamProblem::NotFinite)
            } else if o.abs() > MAX_ANGLE_DEG {
                // Folded into 0–180°, 1e308 became 84.3° and was laid out as if meant.
                Some(ParamProblem::AngleOutOfRange { max: MAX_ANGLE_DEG })
            } else {
                None
            };
            if let Some(problem) = problem {
                return Err(LayoutError::InvalidParam {
                    field: "orientation_deg",
                    value: o,
                    problem,
                });
            }
        }
        Ok(())
    }
}
