//! The manager's inspection page for a session (`/sessions/{id}/inspect`), made for a phone:
//! one form per booked stall with the catalogue items, a note and up to three photos (the
//! phone's camera or gallery; multipart, so the CSRF token rides in the action's query), and
//! the inspections already recorded in the session with their photos. With JavaScript a form
//! is kept on the phone and sent to the API when there is a signal (`assets/offline.js`, one
//! `Idempotency-Key` each); without, it posts here (urlencoded too, when it has no photos).
//! POST → 303 → GET.

use super::{catalogue, inspect, photos};
use crate::documents::content::MAX_FILE_BYTES;
use crate::documents::upload::{Failure, multipart_failure};
use crate::error::{AppError, AppResult};
use crate::extract::PathId;
use crate::i18n::texts::night as t;
use crate::identity::Auth;
use crate::markets::{access, queries as mq};
use crate::state::AppState;
use crate::views::{self, PageCtx, forms::Input, forms::csrf_field};
use axum::Form;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::response::{IntoResponse, Response};
use entity::inspections::InspectionStatus;
use entity::{bookings, inspection_items, inspections, stalls, vendors};
use maud::{Markup, html};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// The booked stalls of a session: (booking, stall code, vendor name), by stall code.
async fn booked_stalls(
    db: &impl ConnectionTrait,
    session_id: i32,
) -> AppResult<Vec<(bookings::Model, String, String)>> {
    let rows = bookings::Entity::find()
        .filter(bookings::Column::SessionId.eq(session_id))
        .all(db)
        .await?;
    let codes: HashMap<i32, String> = stalls::Entity::find()
        .filter(stalls::Column::Id.is_in(rows.iter().map(|b| b.stall_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.code))
        .collect();
    let names: HashMap<i32, String> = vendors::Entity::find()
        .filter(vendors::Column::Id.is_in(rows.iter().map(|b| b.vendor_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v.name))
        .collect();
    let mut out: Vec<_> = rows
        .into_iter()
        .map(|b| {
            let code = codes.get(&b.stall_id).cloned().unwrap_or_default();
            let name = names.get(&b.vendor_id).cloned().unwrap_or_default();
            (b, code, name)
        })
        .collect();
    out.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(out)
}

/// The photos of some inspections as small linked images (their own page shows them whole).
pub fn photo_strip(ctx: &PageCtx, photos: &[photos::PhotoInfo]) -> Markup {
    html! {
        @if !photos.is_empty() {
            p.photos {
                @for (n, p) in photos.iter().enumerate() {
                    a href=(p.url) { img src=(p.url) alt=(format!("{} {}", ctx.t(t::PHOTO_ALT), n + 1)) width="96" height="96" loading="lazy"; }
                    " "
                }
            }
        }
    }
}

/// The inspections recorded in a session, newest first, with their items and photos.
async fn recorded(
    db: &impl ConnectionTrait,
    ctx: &PageCtx,
    session_id: i32,
    codes: &HashMap<i32, String>,
) -> AppResult<Markup> {
    let rows = inspections::Entity::find()
        .filter(inspections::Column::SessionId.eq(session_id))
        .order_by_desc(inspections::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|i| i.id).collect();
    let mut items: HashMap<i32, Vec<inspection_items::Model>> = HashMap::new();
    for it in inspection_items::Entity::find()
        .filter(inspection_items::Column::InspectionId.is_in(ids.iter().copied()))
        .order_by_asc(inspection_items::Column::Id)
        .all(db)
        .await?
    {
        items.entry(it.inspection_id).or_default().push(it);
    }
    let mut pics = photos::of_inspections(db, &ids).await?;
    Ok(html! {
        @if !rows.is_empty() {
            h2 { (ctx.t(t::INSPECTION)) }
            @for i in &rows {
                @let its = items.remove(&i.id).unwrap_or_default();
                div.card.inspection id=(format!("inspection-{}", i.id)) {
                    p { code { (codes.get(&i.stall_id).map_or("", String::as_str)) } " · "
                        @for (n, it) in its.iter().enumerate() {
                            @if n > 0 { "、" }
                            (catalogue::find(&it.code).map_or(it.code.as_str(), |c| ctx.t(c.name))) " (" (it.points) ")"
                        }
                        @if i.status == InspectionStatus::Cancelled { " · " (ctx.t(t::APPEAL_CANCELLED)) }
                    }
                    @for it in &its { @if let Some(n) = &it.note { p { (n) } } }
                    (photo_strip(ctx, &pics.remove(&i.id).unwrap_or_default()))
                }
            }
        }
    })
}

/// GET /sessions/{id}/inspect: one small form per booked stall (managers of the market).
pub async fn inspect_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
) -> AppResult<Response> {
    Ok(render(&state, &ctx, &auth, id, None).await?.into_response())
}

/// The page, with a refused form's reason on top.
async fn render(
    state: &AppState,
    ctx: &PageCtx,
    auth: &Auth,
    id: i32,
    refused: Option<&Failure>,
) -> AppResult<Markup> {
    auth.require_staff_writer()?;
    let session = mq::find_session(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let market = mq::find_market(&state.db, session.market_id)
        .await?
        .ok_or(AppError::NotFound)?;
    access::require_manage(&state.db, auth, &market).await?;
    let booked = booked_stalls(&state.db, id).await?;
    let codes: HashMap<i32, String> = booked
        .iter()
        .map(|(b, code, _)| (b.stall_id, code.clone()))
        .collect();
    let done = recorded(&state.db, ctx, id, &codes).await?;
    let title = format!(
        "{} · {} {}",
        ctx.t(t::INSPECT_TITLE),
        session.business_date,
        session.segment
    );
    let action = format!(
        "/sessions/{id}/inspect?_csrf={}",
        crate::web::encode_query(&ctx.csrf)
    );
    let body = html! {
        p { a href=(format!("/sessions/{id}")) { "← " (market.name) " " (session.business_date) } " · " a href="/conduct" { (ctx.t(t::RULE_TITLE)) } }
        @if let Some(f) = refused { p.error-message role="alert" { "⚠ " (f.message(ctx.lang)) } }
        @if booked.is_empty() { p { (ctx.t(t::NO_BOOKED_STALLS)) } }
        @for (b, code, name) in &booked {
            details.card {
                summary { code { (code) } " · " (name) }
                form method="post" action=(action) enctype="multipart/form-data"
                    data-offline-inspect=(id) data-label=(code) {
                    (csrf_field(ctx))
                    input type="hidden" name="stall_id" value=(b.stall_id);
                    fieldset {
                        legend { (ctx.t(t::ITEMS)) }
                        @for c in catalogue::CATALOGUE {
                            div.check { label { input type="checkbox" name="code" value=(c.code); " " (ctx.t(c.name)) " (" (c.points) ")" } }
                        }
                    }
                    // One form per stall: each note its own id, or every label points at the first.
                    @let note_id = format!("note-{}", b.stall_id);
                    (Input { name: "note", id: Some(&note_id), label: ctx.t(t::NOTE), value: "", ..Default::default() }.render())
                    @let photo_id = format!("photo-{}", b.stall_id);
                    div.field {
                        label for=(photo_id) { (ctx.t(t::PHOTOS)) }
                        input id=(photo_id) type="file" name="photo" accept="image/jpeg,image/png" multiple;
                        p.hint { (ctx.t(t::PHOTOS_HINT)) }
                    }
                    button.primary type="submit" { (ctx.t(t::RECORD)) }
                }
            }
        }
        @if !booked.is_empty() {
            (views::offline::queue_section(ctx, views::offline::QueueWords {
                title: t::OFFLINE_INSPECT_TITLE,
                hint: t::OFFLINE_INSPECT_HINT,
                none: t::OFFLINE_INSPECT_NONE,
            }))
        }
        (done)
    };
    Ok(views::page(ctx, &title, body))
}

/// What the form sent.
#[derive(Default)]
struct Sent {
    stall_id: Option<i32>,
    codes: Vec<String>,
    note: Option<String>,
    photos: Vec<Vec<u8>>,
}

impl Sent {
    fn field(&mut self, name: &str, value: String) {
        match name {
            "stall_id" => self.stall_id = value.trim().parse::<i32>().ok(),
            "code" => self.codes.push(value),
            "note" => self.note = Some(value),
            _ => {}
        }
    }
}

/// Reads the multipart form; a photo is read only up to the file limit.
async fn read_multipart(mut form: Multipart) -> Result<Sent, Failure> {
    let mut sent = Sent::default();
    while let Some(mut field) = form.next_field().await.map_err(multipart_failure)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name != "photo" {
            let value = field.text().await.map_err(multipart_failure)?;
            sent.field(&name, value);
            continue;
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(multipart_failure)? {
            if bytes.len() + chunk.len() > MAX_FILE_BYTES {
                return Err(Failure::TooLarge);
            }
            bytes.extend_from_slice(&chunk);
        }
        // A file input left empty still sends a part, with no name and no bytes.
        if !bytes.is_empty() {
            sent.photos.push(bytes);
        }
    }
    Ok(sent)
}

/// POST /sessions/{id}/inspect: `stall_id`, `code` (repeated), `note`, `photo` (repeated).
/// Recorded → 303 back; refused → the page again with the reason and its status (413, 422).
pub async fn inspect_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
    request: Request,
) -> AppResult<Response> {
    let multipart = request
        .headers()
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("multipart/form-data"));
    let sent = if multipart {
        let form = Multipart::from_request(request, &state)
            .await
            .map_err(|_| {
                AppError::bad_request("bad_form", crate::i18n::texts::errors::BAD_REQUEST)
            })?;
        read_multipart(form).await
    } else {
        let Form(pairs) = Form::<Vec<(String, String)>>::from_request(request, &state)
            .await
            .map_err(|_| {
                AppError::bad_request("bad_form", crate::i18n::texts::errors::BAD_REQUEST)
            })?;
        let mut sent = Sent::default();
        for (k, v) in pairs {
            sent.field(&k, v);
        }
        Ok(sent)
    };
    let outcome = match sent {
        Ok(sent) => record(&state, &auth, id, sent).await,
        Err(f) => Err(f),
    };
    match outcome {
        Ok(()) => Ok(crate::web::see_other_with(
            &format!("/sessions/{id}/inspect"),
            vec![views::Flash::InspectionRecorded.cookie()],
        )),
        Err(Failure::App(e @ (AppError::Internal(_) | AppError::Unavailable))) => Err(e),
        Err(refused) => {
            // The page again with the reason (the access checks of the page still apply).
            let page = render(&state, &ctx, &auth, id, Some(&refused)).await?;
            Ok((refused.status(), page).into_response())
        }
    }
}

async fn record(state: &AppState, auth: &Auth, id: i32, sent: Sent) -> Result<(), Failure> {
    auth.require_staff_writer()?;
    let stall_id = sent
        .stall_id
        .ok_or_else(|| AppError::invalid("stall_not_booked", "stall_id", t::STALL_NOT_BOOKED))?;
    let items = sent
        .codes
        .into_iter()
        .enumerate()
        .map(|(i, code)| inspect::NewItem {
            code,
            // One note for the inspection, kept with its first item.
            note: if i == 0 { sent.note.clone() } else { None },
            points: None,
        })
        .collect();
    let photos = photos::check(sent.photos).await?;
    inspect::record(
        &state.db,
        state.notifier.as_ref(),
        auth,
        inspect::NewInspection {
            session_id: id,
            stall_id,
            items,
            photos,
        },
    )
    .await?;
    Ok(())
}
