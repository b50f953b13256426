//! `GET /api/v1/notices`: the logged-in user's inbox, newest first.

use crate::api::List;
use crate::error::AppResult;
use crate::extract::Paging;
use crate::i18n::Lang;
use crate::identity::Auth;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use entity::notices;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

/// The notice routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_notices))
}

/// One notice.
#[derive(Debug, Serialize, ToSchema)]
pub struct NoticeItem {
    /// Id.
    pub id: i32,
    /// `session_cancelled`, `sessions_cancelled` (a closure, several nights), `booking_cancelled`, `offer`, `application_decided`,
    /// `allocation_result`.
    pub kind: String,
    /// The text in the request's language.
    pub text: String,
    /// When it was written (RFC 3339).
    pub created_at: String,
    /// Its SMS to the vendor's phone, if one was queued: `{status: queued|sent|failed|not_sent, attempts}` (`not_sent`: no SMS gateway is configured, the message was only logged).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sms: Option<crate::notices::outbox::Delivery>,
}

/// The caller's notices, newest first.
#[utoipa::path(get, path = "/api/v1/notices", tag = "notices", params(Paging),
    responses((status = 200, description = "The caller's notices, newest first", body = List<NoticeItem>),
        (status = 401)))]
async fn list_notices(
    State(state): State<AppState>,
    auth: Auth,
    lang: Lang,
    page: Paging,
) -> AppResult<Json<List<NoticeItem>>> {
    let query = notices::Entity::find().filter(notices::Column::UserId.eq(auth.id));
    let total = query.clone().count(&state.db).await?;
    let rows = query
        .order_by_desc(notices::Column::Id)
        .limit(page.limit())
        .offset(page.offset())
        .all(&state.db)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|n| n.id).collect();
    let mut sms = crate::notices::outbox::deliveries(&state.db, &ids).await?;
    Ok(Json(List {
        items: rows
            .into_iter()
            .map(|n| NoticeItem {
                text: crate::notices::text(&n, lang),
                sms: sms.remove(&n.id).map(|d| d.1),
                id: n.id,
                kind: n.kind,
                created_at: n.created_at.to_rfc3339(),
            })
            .collect(),
        total,
    }))
}
