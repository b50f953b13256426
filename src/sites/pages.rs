//! `/sites`: the list of sites.

use super::queries;
use crate::app::AppState;
use crate::error::AppResult;
use crate::i18n::texts::sites as t;
use crate::views::{self, PageCtx};
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use maud::{Markup, html};

/// Site pages.
pub fn routes() -> Router<AppState> {
    Router::new().route("/sites", get(sites_page))
}

/// The kind of a site in words.
pub fn kind_label(kind: &str) -> crate::i18n::T {
    match kind {
        "street" => t::STREET,
        "plaza" => t::PLAZA,
        _ => t::OTHER,
    }
}

/// GET /sites (anyone).
async fn sites_page(State(state): State<AppState>, ctx: PageCtx) -> AppResult<Markup> {
    let (sites, _) = queries::list(&state.db, 5000, 0).await?;
    let body = html! {
        div.table-wrap {
            table {
                thead { tr { th { (ctx.t(t::CODE)) } th { (ctx.t(t::NAME)) } th { (ctx.t(t::KIND)) } th.num { (ctx.t(t::AREA)) } } }
                tbody {
                    @for s in &sites {
                        tr {
                            td { code { (s.code) } }
                            td { (s.name) }
                            td { (kind_label(&s.kind).get(ctx.lang)) }
                            td.num { (format!("{:.0}", s.area_m2)) }
                        }
                    }
                }
            }
        }
    };
    Ok(views::page(&ctx, ctx.t(t::TITLE), body))
}
