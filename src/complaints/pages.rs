//! `/complaint`: the residents' form (no login; a stall code or lon/lat, filled in by the
//! phone's position where the browser allows), and `/complaints`: the managers' list with the
//! close form. POST → 303 → GET (the thanks at `/complaint/sent`).

use super::{handle, submit};
use crate::error::{AppError, AppResult};
use crate::extract::{Paging, PathId};
use crate::i18n::texts::night as t;
use crate::identity::Auth;
use crate::state::AppState;
use crate::views::{self, PageCtx, forms::Input, forms::csrf_field};
use crate::web::{ClientIp, see_other_with};
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use entity::complaints::{ComplaintKind, ComplaintStatus};
use maud::{Markup, html};
use serde::Deserialize;

/// The complaint pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/complaint", get(form_page).post(form_submit))
        .route("/complaint/sent", get(sent_page))
        .route("/complaints", get(list_page))
        .route("/complaints/{id}/close", post(close_submit))
}

/// The words of a kind.
pub fn kind_label(k: ComplaintKind) -> crate::i18n::T {
    match k {
        ComplaintKind::Noise => t::KIND_NOISE,
        ComplaintKind::Smoke => t::KIND_SMOKE,
        ComplaintKind::Hygiene => t::KIND_HYGIENE,
        ComplaintKind::Blocking => t::KIND_BLOCKING,
        ComplaintKind::Price => t::KIND_PRICE,
        ComplaintKind::Other => t::KIND_OTHER,
    }
}

/// GET /complaint: the form, the time filled in with now.
async fn form_page(State(state): State<AppState>, ctx: PageCtx) -> AppResult<Markup> {
    let now = chrono::Utc::now()
        .with_timezone(&crate::clock::shanghai())
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let typed = ComplaintForm {
        at: now,
        ..ComplaintForm::default()
    };
    let sites = site_choices(&state).await?;
    Ok(views::page(
        &ctx,
        ctx.t(t::COMPLAINT_TITLE),
        form_body(&ctx, &typed, &sites, None),
    ))
}

/// The sites a resident may name instead of a stall or a position, by name.
async fn site_choices(state: &AppState) -> AppResult<Vec<(i32, String)>> {
    Ok(crate::sites::queries::list(&state.db, 5000, 0)
        .await?
        .0
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect())
}

/// The form with what the resident typed and, after a refused submission, why: at the top and
/// at the field it concerns (the position's two boxes share one message).
fn form_body(
    ctx: &PageCtx,
    f: &ComplaintForm,
    sites: &[(i32, String)],
    error: Option<&AppError>,
) -> Markup {
    let err = |names: &[&str]| {
        error
            .filter(|e| e.field().is_some_and(|f| names.contains(&f)))
            .map(|e| e.message(ctx.lang))
    };
    let position_error = err(&["lon", "lat"]);
    let text_error = err(&["text"]);
    html! {
        p { (ctx.t(t::COMPLAINT_INTRO)) }
        @if let Some(e) = error { p.error-message role="alert" { "⚠ " (e.message(ctx.lang)) } }
        form.card method="post" action="/complaint" {
            (csrf_field(ctx))
            (Input { name: "stall_code", label: ctx.t(t::STALL_CODE), value: &f.stall_code, hint: Some(ctx.t(t::STALL_CODE_HINT)), error: err(&["stall_code"]).as_deref(), ..Default::default() }.render())
            fieldset.field {
                legend { (ctx.t(t::POSITION)) }
                @if let Some(e) = &position_error { p.error id="f-position-err" { "⚠ " (e) } }
                (Input { name: "lon", label: ctx.t(t::LON), value: &f.lon, inputmode: Some("decimal"), ..Default::default() }.render())
                (Input { name: "lat", label: ctx.t(t::LAT), value: &f.lat, inputmode: Some("decimal"), ..Default::default() }.render())
                div.field {
                    label for="f-crs" { (ctx.t(t::POSITION_CRS)) }
                    select id="f-crs" name="crs" {
                        @for (value, label) in [("wgs84", t::CRS_WGS84), ("gcj02", t::CRS_GCJ02), ("bd09", t::CRS_BD09)] {
                            option value=(value) selected[f.crs == value] { (ctx.t(label)) }
                        }
                    }
                }
                button type="button" id="use-position" hidden data-unavailable=(ctx.t(t::POSITION_UNAVAILABLE)) { (ctx.t(t::USE_POSITION)) }
                p #position-status role="status" aria-live="polite" {}
            }
            div.field {
                label for="f-site" { (ctx.t(t::COMPLAINT_SITE)) }
                @if let Some(e) = err(&["site_id"]) { p.error { "⚠ " (e) } }
                select id="f-site" name="site_id" {
                    option value="" { (ctx.t(t::COMPLAINT_SITE_NONE)) }
                    @for (id, name) in sites { option value=(id) selected[f.site_id.trim() == id.to_string()] { (name) } }
                }
            }
            (Input { name: "at", label: ctx.t(t::WHEN), value: &f.at, kind: "datetime-local", required: true, error: err(&["at"]).as_deref(), ..Default::default() }.render())
            div.field {
                label for="f-kind" { (ctx.t(t::KIND)) }
                select id="f-kind" name="kind" { @for k in ComplaintKind::ALL { option value=(k.as_str()) selected[f.kind == k.as_str()] { (ctx.t(kind_label(*k))) } } }
            }
            div.field {
                label for="f-text" { (ctx.t(t::WHAT_HAPPENED)) }
                @if let Some(e) = &text_error { p.error id="f-text-err" { "⚠ " (e) } }
                textarea id="f-text" name="text" rows="4" required aria-invalid=[text_error.as_ref().map(|_| "true")] aria-describedby=[text_error.as_ref().map(|_| "f-text-err")] { (f.text) }
            }
            (Input { name: "contact", label: ctx.t(t::CONTACT), value: &f.contact, hint: Some(ctx.t(t::CONTACT_HINT)), error: err(&["contact"]).as_deref(), ..Default::default() }.render())
            button.primary type="submit" { (ctx.t(t::SEND_COMPLAINT)) }
        }
        script src="/assets/complaint.js" defer {}
    }
}

/// The residents' form.
#[derive(Debug, Default, Deserialize)]
struct ComplaintForm {
    #[serde(default)]
    stall_code: String,
    #[serde(default)]
    lon: String,
    #[serde(default)]
    lat: String,
    #[serde(default)]
    at: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    contact: String,
    #[serde(default)]
    site_id: String,
    #[serde(default)]
    crs: String,
}

/// A local time (Asia/Shanghai) as RFC 3339 (see [`super::submit::local_time`]); other text
/// as it is.
fn local_to_rfc3339(text: &str) -> String {
    super::submit::local_time(text).map_or_else(|| text.trim().to_owned(), |d| d.to_rfc3339())
}

/// POST /complaint: thanks, with the stall it was matched to; a refused complaint comes back
/// as the form with what was typed and why (422), never a bare error page.
async fn form_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    ClientIp(ip): ClientIp,
    Form(f): Form<ComplaintForm>,
) -> AppResult<Response> {
    if state.config.per_address_limits() {
        state
            .limiter
            .check(ip, "complaint", submit::PER_ADDRESS_PER_MINUTE)?;
    }
    match send(&state, &f).await {
        // Post, redirect, get: a refresh of the thanks page does not file the complaint again.
        Ok((id, m)) => {
            let stall = m.map_or(String::new(), |m| {
                format!("&stall={}", crate::web::encode_query(&m.stall_code))
            });
            Ok(see_other_with(
                &format!("/complaint/sent?n={id}{stall}"),
                Vec::new(),
            ))
        }
        Err(e) if e.status() == http::StatusCode::UNPROCESSABLE_ENTITY => {
            let sites = site_choices(&state).await?;
            let page = views::page(
                &ctx,
                ctx.t(t::COMPLAINT_TITLE),
                form_body(&ctx, &f, &sites, Some(&e)),
            );
            Ok((e.status(), page).into_response())
        }
        Err(e) => Err(e),
    }
}

/// Where the thanks page takes its words from: the complaint's number and matched stall.
#[derive(Debug, Deserialize)]
struct Sent {
    n: i32,
    #[serde(default)]
    stall: Option<String>,
}

/// GET /complaint/sent: the thanks after a complaint, with its number and the stall it was
/// matched to (as the redirect carried them; it reads nothing stored, so it tells no one
/// anything about other complaints).
async fn sent_page(
    ctx: PageCtx,
    query: Result<axum::extract::Query<Sent>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Some(sent) = query.ok().map(|q| q.0).filter(|s| s.n > 0) else {
        return see_other_with("/complaint", Vec::new());
    };
    let body = html! {
        p.flash role="status" { "✓ " (ctx.t(t::COMPLAINT_THANKS)) " #" (sent.n) }
        @if let Some(code) = sent.stall.as_deref().filter(|c| !c.is_empty()) {
            p { (ctx.t(t::MATCHED_STALL)) " " code { (code) } }
        }
        p { a href="/complaint" { (ctx.t(t::COMPLAINT_ANOTHER)) } }
    };
    views::page(&ctx, ctx.t(t::COMPLAINT_TITLE), body).into_response()
}

/// Checks and stores the form's complaint: its id and the stall it was matched to.
async fn send(state: &AppState, f: &ComplaintForm) -> AppResult<(i32, Option<submit::Match>)> {
    // A Chinese input method types full-width digits (１０３．４): read them as digits.
    let num = |s: &str, field: &'static str| {
        let s = crate::normalize::half_width(s.trim()).replace('。', ".");
        if s.is_empty() {
            Ok(None)
        } else {
            s.parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .map(Some)
                .ok_or_else(|| AppError::invalid("invalid_position", field, t::POSITION_NOT_NUMBER))
        }
    };
    let new = submit::NewComplaint {
        lon: num(&f.lon, "lon")?,
        lat: num(&f.lat, "lat")?,
        crs: Some(f.crs.clone()),
        resent_form_is_the_same: true,
        stall_code: Some(f.stall_code.clone()),
        site_id: match f.site_id.trim() {
            "" => None,
            id => Some(
                id.parse()
                    .map_err(|_| AppError::invalid("unknown_site", "site_id", t::UNKNOWN_SITE))?,
            ),
        },
        at: local_to_rfc3339(&f.at),
        kind: f.kind.clone(),
        text: f.text.clone(),
        contact: Some(f.contact.clone()),
    };
    submit::submit(&state.db, &state.caches, state.notifier.as_ref(), new).await
}

/// GET /complaints: staff see theirs, with the close form on open ones.
async fn list_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    page: Paging,
) -> AppResult<Markup> {
    list(&state, &ctx, &auth, &page, None).await
}

/// A close refused: which complaint, what was typed, why.
struct Refused<'a> {
    id: i32,
    form: &'a CloseForm,
    error: AppError,
}

/// The complaints list; a refused close shows its message and what was typed in its card.
async fn list(
    state: &AppState,
    ctx: &PageCtx,
    auth: &Auth,
    page: &Paging,
    refused: Option<&Refused<'_>>,
) -> AppResult<Markup> {
    let (items, _) = handle::list(&state.db, auth, None, None, page.limit(), page.offset()).await?;
    let can_close = auth.role != crate::identity::Role::Bureau;
    // Every complaint names its site: one about the site as a whole has no stall to show.
    let site_names: std::collections::HashMap<i32, String> =
        site_choices(state).await?.into_iter().collect();
    let body = html! {
        @if items.is_empty() { p { (ctx.t(t::NO_COMPLAINTS)) } }
        @for c in items.iter().rev() {
            @let refused = refused.filter(|r| r.id == c.id);
            @let error = refused.map(|r| r.error.message(ctx.lang));
            section.card id=(format!("complaint-{}", c.id)) {
                h2 { "#" (c.id) " · " (ctx.t(kind_label(c.kind))) " · " (local_time(&c.at)) }
                p { (c.text) }
                p.where { (ctx.t(t::COMPLAINT_AT_SITE)) (ctx.lang.colon()) (site_names.get(&c.site_id).map_or("", String::as_str)) }
                @if let Some(m) = &c.r#match { p { (ctx.t(t::MATCHED_STALL)) " " code { (m.stall_code) } " · " (ctx.t(t::REPEATS)) " " (c.stall_complaints) } }
                @if let Some(contact) = &c.contact { p { (ctx.t(t::CONTACT_GIVEN)) (ctx.lang.colon()) (contact) } }
                @if c.status == ComplaintStatus::Closed { p { (ctx.t(t::OUTCOME)) (ctx.lang.colon()) (c.outcome.as_deref().unwrap_or("")) } }
                @else if can_close {
                    form method="post" action=(format!("/complaints/{}/close", c.id)) {
                        (csrf_field(ctx))
                        // One form per open complaint: ids of its own, not `f-outcome` repeated.
                        (Input { name: "outcome", id: Some(&format!("f-outcome-{}", c.id)), label: ctx.t(t::OUTCOME), value: refused.map_or("", |r| r.form.outcome.as_str()), required: true, error: error.as_deref(), ..Default::default() }.render())
                        @if c.r#match.is_some() {
                            div.field {
                                label for=(format!("f-code-{}", c.id)) { (ctx.t(t::AS_INSPECTION)) }
                                select id=(format!("f-code-{}", c.id)) name="code" {
                                    option value="" { "—" }
                                    @for item in crate::conduct::catalogue::CATALOGUE { option value=(item.code) selected[refused.is_some_and(|r| r.form.code == item.code)] { (ctx.t(item.name)) " (" (item.points) ")" } }
                                }
                            }
                        }
                        button type="submit" { (ctx.t(t::CLOSE_COMPLAINT)) }
                    }
                }
            }
        }
    };
    Ok(views::page(ctx, ctx.t(t::COMPLAINTS_TITLE), body))
}

/// When a complaint was made, in Beijing time to the minute as the resident gave it (the
/// list's JSON time is UTC).
fn local_time(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at).map_or_else(
        |_| at.to_owned(),
        |d| crate::clock::local_minute(d.with_timezone(&chrono::Utc)),
    )
}

/// The close form.
#[derive(Debug, Deserialize)]
struct CloseForm {
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    code: String,
}

/// POST /complaints/{id}/close: back to the list; refused (no outcome, an unknown item), the
/// list again with the message and what was typed at that complaint (422).
async fn close_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
    Form(f): Form<CloseForm>,
) -> AppResult<Response> {
    let items = if f.code.trim().is_empty() {
        Vec::new()
    } else {
        vec![crate::conduct::inspect::NewItem {
            code: f.code.clone(),
            note: None,
            points: None,
        }]
    };
    match handle::close(
        &state.db,
        state.notifier.as_ref(),
        &auth,
        id,
        &f.outcome,
        items,
    )
    .await
    {
        Ok(_) => Ok(crate::web::see_other_with(
            "/complaints",
            vec![crate::views::Flash::ComplaintClosed.cookie()],
        )),
        Err(error) if error.status() == http::StatusCode::UNPROCESSABLE_ENTITY => {
            let status = error.status();
            let refused = Refused {
                id,
                form: &f,
                error,
            };
            let page = list(&state, &ctx, &auth, &Paging::default(), Some(&refused)).await?;
            Ok((status, page).into_response())
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::local_to_rfc3339;

    #[test]
    fn a_time_is_read_as_people_write_it_in_minle() {
        for typed in [
            "2026-12-06T21:00",
            "2026-12-06T21:00:00",
            "2026-12-06 21:00",
            "2026/12/06 21:00",
            "2026/12/6 21:00",
            "2026.12.06 21:00",
            "2026年12月6日 21:00",
            "2026年12月06日21:00",
            "２０２６－１２－０６ ２１：００",
        ] {
            assert_eq!(
                local_to_rfc3339(typed),
                "2026-12-06T21:00:00+08:00",
                "{typed}"
            );
        }
        assert_eq!(local_to_rfc3339("yesterday"), "yesterday");
    }
}
