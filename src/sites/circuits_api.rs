//! `PUT /api/v1/sites/{id}/circuits`: a site's power circuits.

use super::circuits::{self, CircuitsInput, CircuitsView};
use crate::api::ApiJson;
use crate::error::AppResult;
use crate::extract::PathId;
use crate::identity::Auth;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;

/// Replace a site's circuits (its managers, admins): a circuit keeps its id and its stalls while
/// its name stays. Duplicate names, an empty name, or a capacity ≤ 0 → 422 naming the field;
/// nothing is written.
#[utoipa::path(put, path = "/api/v1/sites/{id}/circuits", tag = "sites", request_body = CircuitsInput,
    params(("id" = i32, Path, description = "Site id")),
    responses((status = 200, description = "The site's circuits as stored", body = CircuitsView),
        (status = 401, description = "Not logged in"),
        (status = 403, description = "Vendors and the bureau"),
        (status = 404, description = "No such site, or another manager's"),
        (status = 422, description = "A field is invalid: `invalid_circuit_name`, `duplicate_circuit`, `invalid_watts`, `too_many_circuits`")))]
pub(super) async fn put_circuits(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    ApiJson(body): ApiJson<CircuitsInput>,
) -> AppResult<Json<CircuitsView>> {
    Ok(Json(
        circuits::set_circuits(&state.db, &auth, id, &body).await?,
    ))
}
