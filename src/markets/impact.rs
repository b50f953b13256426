//! What a schedule change does to bookings: how many sessions, bookings and vendors it
//! touches, and the 409 `confirmation_required` that carries those counts.

use crate::error::AppError;
use crate::i18n::{Lang, Msg};
use axum::Json;
use axum::response::{IntoResponse, Response};
use entity::{bookings, vendors};
use http::StatusCode;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use utoipa::ToSchema;

/// The sessions, bookings and vendors a change touches.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct Impact {
    /// Sessions changed or removed.
    pub sessions: u64,
    /// Live bookings in them.
    pub bookings: u64,
    /// Distinct vendors holding those bookings.
    pub vendors: u64,
}

/// The live bookings of some sessions, and each vendor's account with their count.
pub async fn booked(
    db: &impl ConnectionTrait,
    session_ids: &[i32],
) -> Result<(Vec<bookings::Model>, BTreeMap<i32, u64>), DbErr> {
    let mut rows = Vec::new();
    for chunk in session_ids.chunks(1000) {
        rows.extend(
            bookings::Entity::find()
                .filter(bookings::Column::SessionId.is_in(chunk.to_vec()))
                .all(db)
                .await?,
        );
    }
    let vendor_ids: BTreeSet<i32> = rows.iter().map(|b| b.vendor_id).collect();
    let mut users = BTreeMap::new();
    let ids: Vec<i32> = vendor_ids.into_iter().collect();
    for chunk in ids.chunks(1000) {
        for v in vendors::Entity::find()
            .filter(vendors::Column::Id.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            let n = rows.iter().filter(|b| b.vendor_id == v.id).count() as u64;
            *users.entry(v.user_id).or_insert(0) += n;
        }
    }
    Ok((rows, users))
}

/// A change that needs `"confirm": true` first: its counts.
#[derive(Debug)]
pub struct NeedsConfirmation(pub Impact);

impl NeedsConfirmation {
    /// The refusal in words.
    pub fn message(&self) -> Msg {
        Msg::with(
            "scheduling-confirmation-required",
            [
                ("sessions", (self.0.sessions as i64).into()),
                ("bookings", (self.0.bookings as i64).into()),
                ("vendors", (self.0.vendors as i64).into()),
            ],
        )
    }

    /// The 409 `confirmation_required` envelope with the counts beside the message.
    pub fn response(&self, lang: Lang) -> Response {
        let err = AppError::conflict("confirmation_required", self.message());
        let mut body = err.envelope(lang);
        body["error"]["field"] = serde_json::json!("confirm");
        body["error"]["sessions_changed"] = serde_json::json!(self.0.sessions);
        body["error"]["bookings_affected"] = serde_json::json!(self.0.bookings);
        body["error"]["vendors_affected"] = serde_json::json!(self.0.vendors);
        (StatusCode::CONFLICT, Json(body)).into_response()
    }
}
