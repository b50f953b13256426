//! The page forms of closures, schedule-row changes, clones and next-season offers. The
//! editor they come from is the markets service's (`/markets/{id}/edit`); on a refusal they
//! draw it again with the error in the right section.

use super::closures::{self, NewClosure};
use super::row_change::{self, RowChange};
use super::season::{self, CloneSeason};
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::extract::PathId;
use crate::i18n::Msg;
use crate::i18n::texts::scheduling as ts;
use crate::identity::{Auth, CurrentUser};
use crate::markets::edit_page::{done_url, field, fields, refused};
use crate::markets::write::{EditorForm, write_and_tell, write_confirmable};
use crate::state::AppState;
use crate::views::{PageCtx, forms::csrf_field};
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::{Form, Router};
use entity::season_offers::SeasonOfferStatus;
use http::HeaderMap;
use maud::{Markup, html};

/// The routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/markets/{id}/closures", post(closure_submit))
        .route("/markets/{id}/clone", post(clone_submit))
        .route("/schedule-rows/{id}", post(row_submit))
        .route("/season-offers/{id}/accept", post(accept_submit))
        .route("/season-offers/{id}/decline", post(decline_submit))
}

/// POST /markets/{id}/closures.
async fn closure_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let segments: Vec<String> = fields(&pairs, "segments")
        .into_iter()
        .map(str::to_owned)
        .collect();
    let site_ids: Vec<i32> = fields(&pairs, "site_ids")
        .into_iter()
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let body = NewClosure {
        from: field(&pairs, "from").to_owned(),
        to: field(&pairs, "to").to_owned(),
        reason: field(&pairs, "reason").to_owned(),
        segments: (!segments.is_empty()).then_some(segments),
        site_ids: (!site_ids.is_empty()).then_some(site_ids),
    };
    let outcome = write_and_tell(&state, async |txn| {
        closures::close_market(txn, &auth, id, body).await
    })
    .await
    .map(|d| Ok((d.sessions_cancelled, d.vendors_notified)));
    let form = EditorForm::new(id, "closure", format!("/markets/{id}/closures"), &pairs);
    form.answer(&state, &ctx, &auth, "closure", outcome).await
}

/// POST /markets/{id}/clone: to the new market's editor.
async fn clone_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let body = CloneSeason {
        from: field(&pairs, "from").to_owned(),
        to: field(&pairs, "to").to_owned(),
        offer_same_stalls: !field(&pairs, "offer_same_stalls").is_empty(),
    };
    let result = write_and_tell(&state, async |txn| {
        season::clone_season(txn, &auth, id, body).await
    })
    .await;
    match result {
        Ok(d) => Ok(
            Redirect::to(&done_url(d.id, "clone", d.sessions_created, d.offers_made))
                .into_response(),
        ),
        Err(e) => refused(&state, &ctx, &auth, id, "clone", &pairs, e).await,
    }
}

/// POST /schedule-rows/{id}: a row's new last date (`to{id}` or `to`).
async fn row_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let to = match field(&pairs, &format!("to{id}")) {
        "" => field(&pairs, "to"),
        v => v,
    }
    .to_owned();
    let change = RowChange {
        to,
        confirm: !field(&pairs, "confirm").is_empty(),
        reason: None,
    };
    let market_id = entity::market_schedules::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?
        .market_id;
    use sea_orm::EntityTrait;
    let outcome = write_confirmable(&state, async |txn| {
        row_change::change_row(txn, &auth, id, change).await
    })
    .await
    .map(|r| {
        r.map(|d| {
            (
                d.sessions_created + d.sessions_cancelled,
                d.vendors_notified,
            )
        })
    });
    let form = EditorForm::new(market_id, "rows", format!("/schedule-rows/{id}"), &pairs);
    form.answer(&state, &ctx, &auth, "row", outcome).await
}

/// POST /season-offers/{id}/accept: back home.
async fn accept_submit(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
) -> AppResult<Response> {
    let txn = begin_write(&state.db).await?;
    season::accept_season_offer(&txn, &auth, id).await?;
    txn.commit().await?;
    Ok(crate::web::see_other_with(
        "/",
        vec![crate::views::Flash::SeasonOfferAccepted.cookie()],
    ))
}

/// POST /season-offers/{id}/decline: back home.
async fn decline_submit(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
) -> AppResult<Response> {
    let txn = begin_write(&state.db).await?;
    season::decline_season_offer(&txn, &auth, id).await?;
    txn.commit().await?;
    Ok(crate::web::see_other_with(
        "/",
        vec![crate::views::Flash::SeasonOfferDeclined.cookie()],
    ))
}

/// The vendor's open next-season offers, for their home page (nothing when there are none).
pub fn vendor_home_section<'a>(
    state: &'a AppState,
    ctx: &'a PageCtx,
    user: &'a CurrentUser,
    _: &'a HeaderMap,
) -> futures_util::future::BoxFuture<'a, AppResult<Markup>> {
    Box::pin(async move {
        let Some(vendor) = user.vendor_id else {
            return Ok(html! {});
        };
        let now = chrono::Utc::now();
        let open: Vec<_> = season::offers_of(&state.db, vendor)
            .await?
            .into_iter()
            .filter(|o| o.status == SeasonOfferStatus::Pending && o.deadline > now)
            .collect();
        if open.is_empty() {
            return Ok(html! {});
        }
        let mut items = Vec::new();
        for o in open {
            let market = crate::markets::queries::find_market(&state.db, o.market_id)
                .await?
                .map_or(String::new(), |m| m.name);
            let stall = {
                use sea_orm::EntityTrait;
                entity::stalls::Entity::find_by_id(o.stall_id)
                    .one(&state.db)
                    .await?
                    .map_or(String::new(), |s| s.code)
            };
            items.push((o, market, stall));
        }
        Ok(html! {
            section.card aria-labelledby="season-offers-h" {
                h2 #season-offers-h { (ctx.t(ts::SEASON_OFFERS)) }
                ul.cards.big {
                    @for (o, market, stall) in &items {
                        li {
                            (Msg::with("scheduling-season-offer-line", [("market", market.clone().into()), ("stall", stall.clone().into()),
                                ("until", crate::clock::local_minute(o.deadline).into())]).get(ctx.lang))
                            div.actions {
                                form.inline method="post" action=(format!("/season-offers/{}/accept", o.id)) {
                                    (csrf_field(ctx)) button.primary type="submit" { (ctx.t(ts::ACCEPT)) }
                                }
                                form.inline method="post" action=(format!("/season-offers/{}/decline", o.id)) {
                                    (csrf_field(ctx)) button type="submit" { (ctx.t(ts::DECLINE)) }
                                }
                            }
                        }
                    }
                }
            }
        })
    })
}
