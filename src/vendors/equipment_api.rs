//! `PUT /api/v1/vendors/{id}/equipment`: a vendor's gas and power register.

use super::equipment::{self, Equipment, EquipmentInput};
use crate::api::ApiJson;
use crate::error::AppResult;
use crate::extract::PathId;
use crate::identity::Auth;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;

/// Replace a vendor's gas cylinders and appliance watts (the vendor, managers, admins).
/// A cylinder whose inspection has already lapsed, an empty or repeated serial, or negative
/// watts → 422 naming the field; nothing is written.
#[utoipa::path(put, path = "/api/v1/vendors/{id}/equipment", tag = "vendors", request_body = EquipmentInput,
    params(("id" = i32, Path, description = "Vendor id")),
    responses((status = 200, description = "The register as stored", body = Equipment),
        (status = 401, description = "Not logged in"),
        (status = 403, description = "The bureau (read-only)"),
        (status = 404, description = "No such vendor, or another vendor's"),
        (status = 422, description = "A field is invalid: `invalid_watts`, `invalid_serial`, `duplicate_serial`, `invalid_date`, `inspection_expired`, `too_many_cylinders`")))]
pub(super) async fn put_equipment(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    ApiJson(body): ApiJson<EquipmentInput>,
) -> AppResult<Json<Equipment>> {
    Ok(Json(
        equipment::set_equipment(&state.db, &auth, id, &body).await?,
    ))
}
