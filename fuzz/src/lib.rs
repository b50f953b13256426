//! The core crate's `geometry` module (`core/src/geometry`) compiled on its own for the fuzzer.
//!
//! The module is pure (geo, geojson, serde_json; no HTTP, no database), so the fuzz build
//! instruments only it and its three dependencies instead of the whole server with sea-orm and
//! axum — minutes less per build on a small machine, and the same source the server runs.

#[path = "../../core/src/geometry/mod.rs"]
pub mod geometry;
