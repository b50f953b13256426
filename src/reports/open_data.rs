//! Open data without login: every active stall as GeoJSON with the state of a date's
//! bookings, and occupancy and sales by site and day as CSV. No names, phones or ID numbers —
//! only site and stall codes, states, trade categories and counts. Both are built once per
//! change (the typed cache, checked against the database's revision counters) and served with
//! an ETag and `Cache-Control`, so a portal polling them costs one small query.

use super::digest::{Digest, Lookup};
use super::digest_cache::DigestCache;
use super::export::csv_cell;
use super::occupancy::active_stalls;
use super::params::{Filters, MAX_DAYS};
use super::sql::{Sql, state_literal};
use crate::cache::{RevisionCache, Token};
use crate::error::{AppError, AppResult};
use crate::i18n::texts::figures as t;
use crate::sales::money::yuan;
use crate::state::AppState;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use chrono::{Duration, NaiveDate};
use entity::market_sessions::SessionStatus;
use entity::stalls::StallStatus;
use http::{HeaderMap, StatusCode, header};
use sea_orm::{ConnectionTrait, DbErr};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;
use utoipa_axum::{router::OpenApiRouter, routes};

/// The open-data routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(stalls_geojson))
        .routes(routes!(occupancy_csv))
}

/// What was built: the body, its media type and its ETag.
#[derive(Debug)]
pub struct OpenBody {
    body: Vec<u8>,
    content_type: &'static str,
    etag: String,
}

/// Which document: the stalls of a date, or the CSV of a period.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum OpenKey {
    /// `stalls.geojson?date=`.
    Stalls(NaiveDate),
    /// `occupancy.csv?from&to`.
    Occupancy(NaiveDate, NaiveDate),
}

/// The open-data documents of this process.
pub struct OpenDataCache(RevisionCache<OpenKey, OpenBody>);

impl Default for OpenDataCache {
    fn default() -> Self {
        Self(RevisionCache::new(64))
    }
}

/// The query's parameters, refusing any not in `allowed` (or given twice): 400.
fn params(raw: Option<&str>, allowed: &[&str]) -> AppResult<HashMap<String, String>> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.unwrap_or(""))
        .map_err(|_| AppError::bad_request("bad_request", t::OPEN_BAD_PARAMETER))?;
    let mut out = HashMap::new();
    for (k, v) in pairs {
        if !allowed.contains(&k.as_str()) || out.insert(k, v).is_some() {
            return Err(AppError::bad_request(
                "unknown_parameter",
                t::OPEN_BAD_PARAMETER,
            ));
        }
    }
    Ok(out)
}

fn date(
    p: &HashMap<String, String>,
    field: &'static str,
    default: NaiveDate,
) -> AppResult<NaiveDate> {
    match p.get(field).map(|v| v.trim()).filter(|v| !v.is_empty()) {
        None => Ok(default),
        Some(v) => crate::extract::Date::parse(v)
            .map(|d| d.0)
            .ok_or_else(|| AppError::invalid("invalid_date", field, t::OPEN_BAD_DATE)),
    }
}

/// A fingerprint of everything the open data shows: the revision counters (bookings, stalls,
/// sites, sales) and the sessions — one small aggregate read.
async fn token(db: &impl ConnectionTrait, key: &OpenKey) -> Result<Token, DbErr> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push(
        "SELECT (SELECT COUNT(*) FROM revisions), \
         (SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM revisions), \
         (SELECT COUNT(*) FROM market_sessions), \
         (SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM market_sessions), \
         (SELECT COUNT(*) FROM market_sessions WHERE status = ",
    )
    .push(&state_literal(SessionStatus::Cancelled.as_str()))
    .push(")");
    let row = db.query_one_raw(sql.build()).await?;
    let figures: Vec<i64> = match row {
        Some(r) => (0..5)
            .map(|i| r.try_get_by_index::<i64>(i))
            .collect::<Result<_, _>>()?,
        None => Vec::new(),
    };
    Token::read(db, &[], &[&figures, key]).await
}

fn finish(body: Vec<u8>, content_type: &'static str) -> OpenBody {
    let mut h = DefaultHasher::new();
    body.hash(&mut h);
    OpenBody {
        etag: format!("\"{:016x}\"", h.finish()),
        body,
        content_type,
    }
}

/// The response: 304 when the client holds this ETag, else the body; cacheable for 5 minutes.
fn respond(headers: &HeaderMap, doc: &OpenBody, filename: Option<&str>) -> Response {
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|e| e.trim() == doc.etag));
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, doc.content_type)], doc.body.clone()).into_response()
    };
    let h = response.headers_mut();
    if let Ok(v) = doc.etag.parse() {
        h.insert(header::ETAG, v);
    }
    h.insert(
        header::CACHE_CONTROL,
        http::HeaderValue::from_static("public, max-age=300"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        http::HeaderValue::from_static("*"),
    );
    if let Some(name) = filename.filter(|_| !fresh)
        && let Ok(v) = format!("attachment; filename=\"{name}\"").parse()
    {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

/// Every active stall with its site's code and the state of `date`'s bookings.
pub async fn build_stalls(db: &impl ConnectionTrait, date: NaiveDate) -> Result<Vec<u8>, DbErr> {
    let backend = db.get_database_backend();
    // The category of each booked stall on that date (the earliest segment's booking).
    let mut sql = Sql::new(backend);
    sql.push(
        "SELECT b.stall_id, COALESCE(a.category, v.category), b.checked_in_at IS NOT NULL \
         FROM bookings b JOIN market_sessions s ON s.id = b.session_id \
         JOIN vendors v ON v.id = b.vendor_id LEFT JOIN applications a ON a.id = b.application_id \
         WHERE s.status = ",
    )
    .push(&state_literal(SessionStatus::Scheduled.as_str()))
    .push(" AND s.business_date = ")
    .bind(date)
    .push(" ORDER BY s.starts_at DESC");
    let mut booked: HashMap<i32, (String, bool)> = HashMap::new();
    for r in db.query_all_raw(sql.build()).await? {
        let stall: i32 = r.try_get_by_index(0)?;
        let checked: bool = r.try_get_by_index(2)?;
        let entry = booked.entry(stall).or_insert((String::new(), false));
        entry.0 = r.try_get_by_index(1)?;
        entry.1 |= checked;
    }
    // A stall left outside its site by a changed outline (until the site is laid out again)
    // is not published: residents would look for a stall where no market stands.
    let outlines: HashMap<i32, geo::MultiPolygon<f64>> = {
        use sea_orm::EntityTrait;
        entity::sites::Entity::find()
            .all(db)
            .await?
            .iter()
            .filter_map(|site| {
                let shape = crate::sites::shape::site_polygon(site).ok()?;
                Some((site.id, shape.wgs84))
            })
            .collect()
    };
    let mut sql = Sql::new(backend);
    sql.push(
        "SELECT st.id, si.code, st.code, st.polygon, st.site_id FROM stalls st JOIN sites si ON si.id = st.site_id \
         WHERE st.status = ",
    )
    .push(&state_literal(StallStatus::Active.as_str()))
    .push(" ORDER BY si.code, st.code");
    let rows = db.query_all_raw(sql.build()).await?;
    let mut out = String::with_capacity(rows.len() * 400 + 64);
    out.push_str("{\"type\":\"FeatureCollection\",\"features\":[");
    let mut first = true;
    for r in &rows {
        let id: i32 = r.try_get_by_index(0)?;
        let site: String = r.try_get_by_index(1)?;
        let code: String = r.try_get_by_index(2)?;
        let polygon: String = r.try_get_by_index(3)?;
        let site_id: i32 = r.try_get_by_index(4)?;
        // Stored polygons are GeoJSON written by the server; anything else is shown as none.
        let geometry = serde_json::from_str::<Value>(&polygon)
            .ok()
            .filter(|g| g.get("type").is_some() && g.get("coordinates").is_some())
            .unwrap_or(Value::Null);
        let outside = {
            use geo::{Centroid, Contains};
            let centre =
                crate::sites::shape::polygon_from_value(&geometry).and_then(|p| p.centroid());
            match (centre, outlines.get(&site_id)) {
                (Some(c), Some(outline)) => !outline.contains(&c),
                _ => false,
            }
        };
        if outside {
            continue;
        }
        let mut properties = json!({"site_code": site, "code": code});
        match booked.get(&id) {
            Some((category, checked)) => {
                properties["status"] = json!(if *checked { "checked_in" } else { "booked" });
                properties["category"] = json!(category);
            }
            None => properties["status"] = json!("free"),
        }
        if !first {
            out.push(',');
        }
        first = false;
        out.push_str(
            &json!({"type": "Feature", "geometry": geometry, "properties": properties}).to_string(),
        );
    }
    out.push_str(&format!("],\"date\":\"{date}\"}}"));
    Ok(out.into_bytes())
}

/// Occupancy and sales by site, day and segment, as CSV with a BOM.
pub async fn build_occupancy(
    db: &impl ConnectionTrait,
    digests: &DigestCache,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<u8>, DbErr> {
    let f = Filters::period(from, to);
    let stalls = active_stalls(db).await?;
    let lookup = Lookup::load(db, &f, false).await?;
    let digest = Digest::load(db, digests, &f, &lookup).await?;
    let mut codes: HashMap<i32, String> = HashMap::new();
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("SELECT id, code FROM sites");
    for r in db.query_all_raw(sql.build()).await? {
        codes.insert(r.try_get_by_index(0)?, r.try_get_by_index(1)?);
    }
    let mut lines: Vec<(String, NaiveDate, String, String)> = digest
        .sessions
        .iter()
        .map(|s| {
            let site = codes.get(&s.site_id).cloned().unwrap_or_default();
            let checked = s.bookings.iter().filter(|b| b.checked_in).count();
            let sales: i64 = s.sales.iter().map(|x| x.sales_fen).sum();
            let line = format!(
                "{},{},{},{},{},{},{}\r\n",
                csv_cell(&site),
                s.date,
                csv_cell(&s.segment),
                s.offered(&stalls),
                s.bookings.len(),
                checked,
                yuan(sales)
            );
            (site, s.date, s.segment.clone(), line)
        })
        .collect();
    lines.sort_by(|a, b| (&a.0, a.1, &a.2).cmp(&(&b.0, b.1, &b.2)));
    let mut out = String::from("\u{feff}site,date,segment,stalls,booked,checked_in,sales_yuan\r\n");
    for (_, _, _, line) in lines {
        out.push_str(&line);
    }
    Ok(out.into_bytes())
}

/// Every active stall as GeoJSON for a date (default today): `properties: {site_code, code,
/// status: "free"|"booked"|"checked_in", category?}` — never a name, phone or ID number.
/// Only `date` is accepted (anything else → 400). Cached; `ETag` and `If-None-Match` (304).
#[utoipa::path(get, path = "/api/v1/open/stalls.geojson", tag = "open data",
    params(("date" = Option<String>, Query, description = "Business date `YYYY-MM-DD` (default today)")),
    responses((status = 200, description = "A GeoJSON FeatureCollection", content_type = "application/geo+json"),
        (status = 304, description = "Not modified since the ETag sent"),
        (status = 400, description = "A parameter other than `date`"),
        (status = 422, description = "A malformed date")))]
async fn stalls_geojson(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> AppResult<Response> {
    let p = params(raw.as_deref(), &["date"])?;
    let date = date(&p, "date", crate::clock::today())?;
    let key = OpenKey::Stalls(date);
    let token = token(&state.db, &key).await?;
    let cache = state.caches.of::<OpenDataCache>();
    let db = state.db.clone();
    let doc: Arc<OpenBody> = cache
        .0
        .get_or_build(key, token, || async move {
            Ok::<_, DbErr>(finish(
                build_stalls(&db, date).await?,
                "application/geo+json",
            ))
        })
        .await?;
    Ok(respond(&headers, &doc, None))
}

/// Occupancy and sales by site, day and segment as CSV (UTF-8 with a BOM): `site, date,
/// segment, stalls, booked, checked_in, sales_yuan`. `from`/`to` default to the 30 days up
/// to today; at most three years. Only `from` and `to` are accepted (anything else → 400).
#[utoipa::path(get, path = "/api/v1/open/occupancy.csv", tag = "open data",
    params(("from" = Option<String>, Query, description = "First business date"),
        ("to" = Option<String>, Query, description = "Last business date (inclusive)")),
    responses((status = 200, description = "CSV with a byte-order mark", content_type = "text/csv"),
        (status = 304, description = "Not modified since the ETag sent"),
        (status = 400, description = "A parameter other than `from` and `to`"),
        (status = 422, description = "A malformed, reversed or too long period")))]
async fn occupancy_csv(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> AppResult<Response> {
    let p = params(raw.as_deref(), &["from", "to"])?;
    let to = date(&p, "to", crate::clock::today())?;
    let from = date(&p, "from", to - Duration::days(29))?;
    if from > to {
        return Err(AppError::invalid(
            "invalid_period",
            "from",
            t::OPEN_BAD_PERIOD,
        ));
    }
    if (to - from).num_days() + 1 > MAX_DAYS {
        return Err(AppError::invalid(
            "period_too_long",
            "to",
            t::OPEN_BAD_PERIOD,
        ));
    }
    let key = OpenKey::Occupancy(from, to);
    let token = token(&state.db, &key).await?;
    let cache = state.caches.of::<OpenDataCache>();
    let db = state.db.clone();
    let digests = state.caches.of::<DigestCache>();
    let doc = cache
        .0
        .get_or_build(key, token, || async move {
            Ok::<_, DbErr>(finish(
                build_occupancy(&db, &digests, from, to).await?,
                "text/csv; charset=utf-8",
            ))
        })
        .await?;
    Ok(respond(
        &headers,
        &doc,
        Some(&format!("occupancy-{from}-{to}.csv")),
    ))
}
