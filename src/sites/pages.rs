//! `/sites` (list) and `/sites/new` (create by pasting or uploading GeoJSON).

use super::{create, queries};
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::i18n::{Msg, T, texts::sites as t};
use crate::identity::Auth;
use crate::state::AppState;
use crate::views::{self, Flash, PageCtx, forms::Input};
use crate::web::see_other_with;
use axum::Router;
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use entity::sites::SiteKind;

use super::map_form::{MapMode, MapSetup, TRACE_FIELDS, map_panel, points_section, trace_section};
use super::outline_input;
use crate::i18n::texts::workbench as wb;
use maud::{Markup, html};

/// Site pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/sites", get(sites_page))
        .route("/sites/new", get(new_site_page).post(new_site_submit))
        .merge(super::plan_page::routes())
        .merge(super::editor_page::routes())
        .route(
            "/sites/{id}/circuits",
            get(super::circuits_page::circuits_page).post(super::circuits_page::circuits_submit),
        )
        .route(
            "/sites/{id}/circuits/stalls",
            axum::routing::post(super::circuits_page::tie_submit),
        )
}

/// The kind of a site in words.
pub fn kind_label(kind: &SiteKind) -> T {
    match kind {
        SiteKind::Street => t::STREET,
        SiteKind::Plaza => t::PLAZA,
        SiteKind::Other => t::OTHER,
    }
}

/// GET /sites (anyone).
async fn sites_page(State(state): State<AppState>, ctx: PageCtx) -> AppResult<Markup> {
    let (sites, _) = queries::list(&state.db, 5000, 0).await?;
    let counts = queries::stall_counts(&state.db).await?;
    let can_create = ctx
        .user
        .as_ref()
        .is_some_and(|u| u.require_staff_writer().is_ok());
    let body = html! {
        @if can_create { p { a.button href="/sites/new" { "＋ " (ctx.t(t::NEW_SITE)) } } }
        @if sites.is_empty() { p { (ctx.t(t::NO_SITES)) } }
        div.table-wrap tabindex="0" role="region" aria-label=(ctx.t(t::TITLE)) {
            table {
                thead { tr { th { (ctx.t(t::CODE)) } th { (ctx.t(t::NAME)) } th { (ctx.t(t::KIND)) } th.num { (ctx.t(t::AREA)) } th.num { (ctx.t(t::STALLS)) } } }
                tbody {
                    @for s in &sites {
                        tr {
                            td { code { (s.code) } }
                            td { a href=(format!("/sites/{}", s.id)) { (s.name) } }
                            td { (kind_label(&s.kind).get(ctx.lang)) }
                            td.num { (format!("{:.0}", s.area_m2)) }
                            td.num { (counts.get(&s.id).copied().unwrap_or(0)) }
                        }
                    }
                }
            }
        }
    };
    Ok(views::page(&ctx, ctx.t(t::TITLE), body))
}

/// What the new-site form holds.
#[derive(Debug, Default, Clone)]
pub struct SiteForm {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: String,
    /// Coordinate system.
    pub crs: String,
    /// Pasted GeoJSON.
    pub boundary: String,
    /// A pasted `lng,lat` list (the coordinate pickers' way in).
    pub points: String,
    /// An outline traced over an image.
    pub trace: super::outline_input::TraceForm,
    /// Where a refused outline is at fault (WGS-84 lon, lat), for the map's marker.
    pub fault: Option<(f64, f64)>,
}

/// The site form (create, or edit when `action` is an edit URL).
pub fn site_form(
    ctx: &PageCtx,
    map: &MapSetup,
    form: &SiteForm,
    errors: &[AppError],
    action: &str,
    is_new: bool,
) -> Markup {
    let error = errors.first();
    let outline = boundary_json(&form.boundary)
        .ok()
        .filter(|_| form.crs == "wgs84" || form.crs.is_empty())
        .map(|v| map.geojson_to_map(&v));
    let fault = form
        .fault
        .zip(error)
        .map(|((lon, lat), e)| (lon, lat, e.message(ctx.lang)));
    let err = |f: &str| {
        errors
            .iter()
            .find(|e| e.field() == Some(f) || (f == "code" && e.code() == "code_taken"))
            .map(|e| e.message(ctx.lang))
    };
    // The points and the trace sections each show their own field's fault.
    let section_error = |names: &[&str]| {
        errors
            .iter()
            .find(|e| e.field().is_some_and(|f| names.contains(&f)))
    };
    let action = format!("{action}?_csrf={}", crate::web::encode_query(&ctx.csrf));
    html! {
        form.card method="post" action=(action) enctype="multipart/form-data" {
            @if errors.len() > 1 {
                p.error-message role="alert" { "⚠ " (Msg::with("vendor-form-errors", [
                    ("count", (errors.len() as i64).into()),
                    ("first", errors[0].message(ctx.lang).into()),
                ]).get(ctx.lang)) }
            } @else if let Some(e) = error.filter(|e| e.field().is_none() && e.code() != "code_taken") {
                p.error-message role="alert" { "⚠ " (e.message(ctx.lang)) }
            }
            @if is_new {
                (Input { name: "code", label: ctx.t(t::CODE), value: &form.code, hint: Some(ctx.t(t::CODE_HINT)),
                         autocomplete: Some("off"), error: err("code").as_deref(), required: true, ..Default::default() }.render())
            }
            (Input { name: "name", label: ctx.t(t::NAME), value: &form.name, error: err("name").as_deref(),
                     required: true, ..Default::default() }.render())
            div.field {
                label for="f-kind" { (ctx.t(t::KIND)) }
                select #f-kind name="kind" {
                    @for k in SiteKind::ALL {
                        option value=(k) selected[form.kind == k.as_str()] { (kind_label(k).get(ctx.lang)) }
                    }
                }
            }
            div.field {
                label for="f-crs" { (ctx.t(t::CRS)) }
                p.hint { (ctx.t(t::CRS_HINT)) }
                select #f-crs name="crs" {
                    @for (v, l) in [("wgs84", "WGS-84"), ("gcj02", "GCJ-02"), ("bd09", "BD-09")] {
                        option value=(v) selected[form.crs == v] { (l) }
                    }
                }
            }
            fieldset.ways {
                legend { (ctx.t(wb::WAYS_IN)) }
                h3 { (ctx.t(wb::DRAW_TITLE)) }
                p.hint { (ctx.t(wb::DRAW_HINT)) }
                (map_panel(ctx, map, MapMode::Site, outline.as_ref(), fault))
                (points_section(ctx, &form.points, section_error(&["points"])))
                (trace_section(ctx, &form.trace, section_error(&TRACE_FIELDS)))
                h3 { (ctx.t(wb::GEOJSON_TITLE)) }
            div class={ "field" @if err("boundary").is_some() { " has-error" } } {
                label for="f-boundary" { (ctx.t(t::BOUNDARY)) }
                p.hint #f-boundary-hint { (ctx.t(t::BOUNDARY_HINT)) }
                textarea #f-boundary name="boundary" rows="8" spellcheck="false" aria-describedby="f-boundary-hint" { (form.boundary) }
                @if let Some(e) = err("boundary") { p.error role="alert" { "⚠ " (e) } }
            }
            div.field {
                label for="f-boundary-file" { (ctx.t(t::BOUNDARY_FILE)) }
                input #f-boundary-file type="file" name="boundary_file" accept=".geojson,.json,application/geo+json,application/json";
            }
            }
            button.primary type="submit" { (ctx.t(if is_new { t::CREATE } else { t::SAVE })) }
        }
    }
}

/// Reads the multipart site form; an uploaded file wins over the textarea.
pub async fn read_site_form(mut multipart: Multipart) -> AppResult<SiteForm> {
    let mut form = SiteForm::default();
    let mut file: Option<String> = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::bad_request("bad_form", crate::i18n::texts::errors::BAD_REQUEST))?
    {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "trace_image" {
            // Only the magic bytes are checked; the image itself stays in the browser.
            let bytes = field.bytes().await.map_err(|_| {
                AppError::bad_request("bad_form", crate::i18n::texts::errors::BAD_REQUEST)
            })?;
            form.trace.image_head = bytes.iter().take(64).copied().collect();
            continue;
        }
        let text = field.text().await.map_err(|_| {
            AppError::bad_request("bad_form", crate::i18n::texts::errors::BAD_REQUEST)
        })?;
        match name.as_str() {
            "code" => form.code = text,
            "name" => form.name = text,
            "kind" => form.kind = text,
            "crs" => form.crs = text,
            "boundary" => form.boundary = text,
            "points" => form.points = text,
            "trace_px" => form.trace.trace_px = text,
            "ref_a_px" => form.trace.ref_a_px = text,
            "ref_a" => form.trace.ref_a = text,
            "ref_b_px" => form.trace.ref_b_px = text,
            "ref_b" => form.trace.ref_b = text,
            "scale_m_per_px" => form.trace.scale_m_per_px = text,
            "rotation_deg" => form.trace.rotation_deg = text,
            "boundary_file" if !text.trim().is_empty() => file = Some(text),
            _ => {}
        }
    }
    if let Some(file) = file {
        form.boundary = file;
    }
    Ok(form)
}

/// Parses the pasted or uploaded GeoJSON text.
pub fn boundary_json(text: &str) -> AppResult<serde_json::Value> {
    if text.trim().is_empty() {
        return Err(AppError::invalid(
            "invalid_geometry",
            "boundary",
            t::BOUNDARY_MISSING,
        ));
    }
    serde_json::from_str(text.trim())
        .map_err(|_| AppError::invalid("invalid_geometry", "boundary", t::BOUNDARY_NOT_JSON))
}

/// The outline the form carries, by the way it came in: a traced image, a pasted point list,
/// else the GeoJSON text or file. Points and traces become GeoJSON in the form's CRS.
pub fn outline_of(form: &SiteForm) -> AppResult<serde_json::Value> {
    let crs = create::parse_crs(Some(&form.crs))?;
    if form.trace.is_used() {
        outline_input::traced_polygon(&form.trace, crs)
    } else if !form.points.trim().is_empty() {
        outline_input::points_polygon(&form.points, crs, "points")
    } else {
        boundary_json(&form.boundary)
    }
}

/// The refusal and every other field's fault, one per field, so a form sent half filled in
/// is mended in one go rather than one field a round trip.
fn every_problem(form: &SiteForm, first: AppError) -> Vec<AppError> {
    let outline = || {
        let crs = create::parse_crs(Some(&form.crs))?;
        create::parse_boundary(&outline_of(form)?, crs).map(|_| ())
    };
    let checks = [
        create::parse_code(&form.code).map(|_| ()),
        create::parse_name(&form.name).map(|_| ()),
        outline(),
    ];
    let mut errors = vec![first];
    for e in checks.into_iter().filter_map(Result::err) {
        if !errors.iter().any(|k| k.field() == e.field()) {
            errors.push(e);
        }
    }
    errors
}

/// Where a refused outline is at fault (WGS-84), for the map's marker.
pub fn fault_of(form: &SiteForm) -> Option<(f64, f64)> {
    let crs = create::parse_crs(Some(&form.crs)).ok()?;
    let value = outline_of(form).ok()?;
    let err = crate::geometry::parse_site_boundary(&value, crs).err()?;
    outline_input::fault_place(&err)
}

/// GET /sites/new (managers, admins).
async fn new_site_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
) -> AppResult<Markup> {
    auth.require_staff_writer()?;
    let form = SiteForm {
        kind: SiteKind::Plaza.to_string(),
        crs: "wgs84".into(),
        ..Default::default()
    };
    Ok(views::page(
        &ctx,
        ctx.t(t::NEW_SITE),
        site_form(
            &ctx,
            &MapSetup::from_config(&state.config),
            &form,
            &[],
            "/sites/new",
            true,
        ),
    ))
}

/// POST /sites/new: created → its plan page; invalid → the form again, naming the fault.
async fn new_site_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    multipart: Multipart,
) -> AppResult<Response> {
    auth.require_staff_writer()?;
    let mut form = read_site_form(multipart).await?;
    let outcome = async {
        let boundary = outline_of(&form)?;
        let txn = begin_write(&state.db).await?;
        let site = create::create(
            &txn,
            &auth,
            create::NewSite {
                code: form.code.clone(),
                name: form.name.clone(),
                kind: form.kind.clone(),
                crs: Some(form.crs.clone()),
                boundary,
                note: None,
            },
        )
        .await?;
        txn.commit().await?;
        Ok::<_, AppError>(site)
    }
    .await;
    match outcome {
        Ok(site) => Ok(see_other_with(
            &format!("/sites/{}", site.id),
            vec![Flash::SiteCreated.cookie()],
        )),
        Err(err @ (AppError::Invalid { .. } | AppError::Conflict { .. })) => {
            let status = err.status();
            form.fault = fault_of(&form);
            let map = MapSetup::from_config(&state.config);
            let errors = every_problem(&form, err);
            let body = site_form(&ctx, &map, &form, &errors, "/sites/new", true);
            Ok((status, views::page(&ctx, ctx.t(t::NEW_SITE), body)).into_response())
        }
        Err(other) => Err(other),
    }
}
