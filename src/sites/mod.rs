//! Sites (场地): WGS-84 polygons of streets and plazas, listed and shown.

pub mod api;
pub mod pages;
pub mod queries;
