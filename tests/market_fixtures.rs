//! Fixtures for the market, application and booking tests: sites and stalls inserted directly
//! (the layout engine is another feature), vendors registered through the API, markets.

use crate::support::{Client, TestApp};
use chrono::{Duration, NaiveDate, Utc};
use http::StatusCode;
use nightmarket::vendors::id_number::complete;
use sea_orm::{ActiveModelTrait, Set};
use serde_json::{Value, json};
use std::sync::atomic::{AtomicU32, Ordering};

static SEQ: AtomicU32 = AtomicU32::new(100);

/// Today in Minle.
pub fn today() -> NaiveDate {
    nightmarket::clock::today()
}

/// A date `days` from today.
pub fn day(days: i64) -> NaiveDate {
    today() + Duration::days(days)
}

/// Inserts a small site; returns its id.
pub async fn site(app: &TestApp, code: &str) -> i32 {
    let ring = json!({"type": "Polygon", "coordinates": [[[100.81, 38.43], [100.8105, 38.43], [100.8105, 38.4303], [100.81, 38.4303], [100.81, 38.43]]]});
    entity::sites::ActiveModel {
        code: Set(code.into()),
        name: Set(format!("{code} 场地")),
        kind: Set("plaza".parse().unwrap()),
        boundary: Set(ring.to_string()),
        source_crs: Set("wgs84".into()),
        area_m2: Set(1200.0),
        min_lon: Set(100.81),
        min_lat: Set(38.43),
        max_lon: Set(100.8105),
        max_lat: Set(38.4303),
        centroid_lon: Set(100.81025),
        centroid_lat: Set(38.43015),
        note: Set(None),
        created_by: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(app.conn())
    .await
    .expect("insert site")
    .id
}

/// Inserts `n` active stalls `{code}-A-001…` on a site; returns their ids.
pub async fn stalls(app: &TestApp, site_id: i32, code: &str, n: i32) -> Vec<i32> {
    let mut ids = Vec::new();
    for i in 1..=n {
        let stall = entity::stalls::ActiveModel {
            site_id: Set(site_id),
            code: Set(format!("{code}-A-{i:03}")),
            row_index: Set(0),
            position: Set(i),
            polygon: Set("{}".into()),
            width_m: Set(2.0),
            depth_m: Set(2.5),
            facing_deg: Set(0.0),
            status: Set("active".parse().unwrap()),
            power: Set(i % 2 == 0),
            premium: Set(false),
            zone: Set(None),
            locked: Set(false),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(app.conn())
        .await
        .expect("insert stall");
        ids.push(stall.id);
    }
    ids
}

/// Registers a vendor through the API; returns the logged-in client and the vendor id.
pub async fn vendor(
    app: &TestApp,
    category: &str,
    health_cert: Option<NaiveDate>,
) -> (Client, i64) {
    let n = SEQ.fetch_add(1, Ordering::SeqCst);
    let mut body = json!({
        "name": format!("摊主{n}"), "phone": format!("1368888{n:04}"), "password": "vendor-pass-1",
        "id_number": unique_id_number(n), "category": category,
    });
    if let Some(d) = health_cert {
        body["health_cert_expires"] = json!(d.to_string());
    }
    let mut c = app.client();
    let r = c.post_json("/api/v1/vendors", &body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let id = r.json()["vendor_id"].as_i64().unwrap();
    (c, id)
}

/// A valid ID number of its own for each `n` (one person, one vendor account: registering a
/// second account under one ID number is refused): born 1980-01-01 plus `n / 1000` days, the
/// sequence `n % 1000`.
pub fn unique_id_number(n: u32) -> String {
    let born =
        NaiveDate::from_ymd_opt(1980, 1, 1).unwrap() + chrono::Duration::days(i64::from(n / 1000));
    complete(&format!("620722{}{:03}", born.format("%Y%m%d"), n % 1000)).unwrap()
}

/// A night market body on one site from `from` to `to`, every day, 18:00–22:30.
pub fn night_market(site_id: i32, from: NaiveDate, to: NaiveDate) -> Value {
    json!({
        "name": "文昌路夜市", "kind": "fixed",
        "segments": [{"name": "夜市", "start": "18:00", "end": "22:30"}],
        "schedule": [{"site_id": site_id, "segment": "夜市", "weekdays": [1,2,3,4,5,6,7],
                      "from": from.to_string(), "to": to.to_string()}],
    })
}

/// Creates a market; returns its id.
pub async fn market(c: &mut Client, body: &Value) -> i64 {
    let r = c.post_json("/api/v1/markets", body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    r.json()["id"].as_i64().unwrap()
}

/// Creates a market whose season began before today (or today, whatever the hour), as
/// history to test against: the API refuses past dates and a night of today already over
/// (422 `date_past`), so it is created whole weeks ahead (weekdays kept) and its rota and
/// sessions are moved back in the database. Returns its id.
pub async fn market_begun(app: &TestApp, c: &mut Client, body: &Value) -> i64 {
    use entity::{market_schedules, market_sessions};
    use sea_orm::{ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder};
    let date = |v: &Value| v.as_str().unwrap().parse::<NaiveDate>().unwrap();
    let rows = body["schedule"].as_array().unwrap();
    let earliest = rows.iter().map(|r| date(&r["from"])).min().unwrap();
    let weeks = ((today() - earliest).num_days().max(0) + 6) / 7;
    let weeks = weeks.max(1);
    let shift = Duration::days(weeks * 7);
    let mut ahead = body.clone();
    for r in ahead["schedule"].as_array_mut().unwrap() {
        for k in ["from", "to"] {
            r[k] = json!((date(&r[k]) + shift).to_string());
        }
    }
    let id = market(c, &ahead).await;
    for row in market_schedules::Entity::find()
        .filter(market_schedules::Column::MarketId.eq(id as i32))
        .all(app.conn())
        .await
        .unwrap()
    {
        let (from, to) = (row.date_from, row.date_to);
        let mut back = row.into_active_model();
        back.date_from = Set(from - shift);
        back.date_to = Set(to - shift);
        back.update(app.conn()).await.unwrap();
    }
    // Earliest first: each lands before every session not yet moved.
    for s in market_sessions::Entity::find()
        .filter(market_sessions::Column::MarketId.eq(id as i32))
        .order_by_asc(market_sessions::Column::StartsAt)
        .all(app.conn())
        .await
        .unwrap()
    {
        let (date, starts, ends) = (s.business_date, s.starts_at, s.ends_at);
        let mut back = s.into_active_model();
        back.business_date = Set(date - shift);
        back.starts_at = Set(starts - shift);
        back.ends_at = Set(ends - shift);
        back.update(app.conn()).await.unwrap();
    }
    id
}

/// A market's sessions between two dates.
pub async fn sessions(c: &mut Client, market: i64, from: NaiveDate, to: NaiveDate) -> Vec<Value> {
    let r = c
        .get(&format!(
            "/api/v1/markets/{market}/sessions?from={from}&to={to}"
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    r.json()["items"].as_array().unwrap().clone()
}

/// Books `stall` of `site` for a new vendor on tomorrow's night market session; returns the
/// session id.
pub async fn book_tomorrow(app: &TestApp, c: &mut Client, site_id: i64, stall: i64) -> i64 {
    let (_, vendor_id) = vendor(app, "服装百货", None).await;
    let m = market(c, &night_market(site_id as i32, day(1), day(1))).await;
    let session = sessions(c, m, day(1), day(1)).await[0]["id"]
        .as_i64()
        .unwrap();
    let r = c
        .post_json(
            "/api/v1/bookings",
            &json!({"session_id": session, "stall_id": stall, "vendor_id": vendor_id}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    session
}

/// Moves a session three days back: the night is over and its bookings are history.
pub async fn move_into_past(app: &TestApp, session: i64) {
    use sea_orm::EntityTrait;
    let row = entity::market_sessions::Entity::find_by_id(session as i32)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    let mut past: entity::market_sessions::ActiveModel = row.clone().into();
    past.starts_at = Set(row.starts_at - Duration::days(3));
    past.ends_at = Set(row.ends_at - Duration::days(3));
    past.update(app.conn()).await.unwrap();
}

/// A market with one session running now (opened an hour ago, closing in an hour).
pub async fn running_market(c: &mut Client, site_id: i32) -> (i64, Value) {
    market_running(c, site_id, Duration::hours(1), Duration::hours(2)).await
}

/// A market with one session opened `ago` before now and lasting `length`: its id and the
/// session.
pub async fn market_running(
    c: &mut Client,
    site_id: i32,
    ago: Duration,
    length: Duration,
) -> (i64, Value) {
    let tz = nightmarket::clock::shanghai();
    // Opened `ago`, but not before today's midnight in Minle: between 00:00 and 01:00 a
    // market opened "an hour ago" would belong to yesterday, a date closures and edits refuse.
    let now = Utc::now().with_timezone(&tz);
    let midnight = now
        .date_naive()
        .and_hms_opt(0, 0, 0)
        .and_then(|m| m.and_local_timezone(tz).single())
        .unwrap_or(now);
    let opened = (now - ago).max(midnight);
    let closes = opened + length;
    let date = opened.date_naive();
    let body = json!({
        "name": "临时市场", "kind": "fixed",
        "segments": [{"name": "现在", "start": opened.format("%H:%M").to_string(), "end": closes.format("%H:%M").to_string()}],
        "schedule": [{"site_id": site_id, "segment": "现在", "from": date.to_string(), "to": date.to_string()}],
    });
    let id = market(c, &body).await;
    let s = sessions(c, id, date, date).await;
    assert_eq!(s.len(), 1);
    (id, s[0].clone())
}

/// The business date of a session as the API gives it. A market running now (above) opened an
/// hour ago, so between midnight and one in Minle its date is yesterday's, not [`today`]'s.
pub fn session_date(session: &Value) -> NaiveDate {
    session["date"]
        .as_str()
        .and_then(|d| d.parse().ok())
        .unwrap_or_else(|| panic!("a session date in {session}"))
}

/// Inserts `n` vendors directly (no login); returns their ids.
pub async fn vendor_rows(app: &TestApp, n: u32, category: &str) -> Vec<i64> {
    let mut ids = Vec::new();
    for _ in 0..n {
        let k = SEQ.fetch_add(1, Ordering::SeqCst);
        let user = entity::users::ActiveModel {
            login: Set(format!("1357777{k:04}")),
            name: Set(format!("批量摊主{k}")),
            role: Set("vendor".into()),
            password_hash: Set("!".into()),
            disabled: Set(false),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(app.conn())
        .await
        .expect("user");
        let v = entity::vendors::ActiveModel {
            user_id: Set(user.id),
            name: Set(user.name.clone()),
            phone: Set(user.login.clone()),
            id_number: Set(complete(&format!("62072219800101{:03}", k % 1000)).unwrap()),
            category: Set(category.into()),
            products: Set(None),
            uscc: Set(None),
            individual_business: Set(false),
            health_cert_expires: Set(None),
            priority_groups: Set("[]".into()),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(app.conn())
        .await
        .expect("vendor");
        ids.push(v.id as i64);
    }
    ids
}

/// Ids the role table's market, application and booking rows use.
#[derive(Debug, Clone, Default)]
pub struct RoleIds {
    /// A market created by an admin (so the table's fresh manager does not manage it).
    pub market: i64,
    /// A session of it, tomorrow.
    pub session: i64,
    /// Another session, for the cancel row.
    pub session2: i64,
    /// Its site.
    pub site: i32,
    /// A free stall and a free vendor for the booking row.
    pub stall: i32,
    /// The vendor for the booking row.
    pub vendor: i64,
    /// A booking for the delete row.
    pub booking: i64,
    /// A booking for the check-in row.
    pub booking2: i64,
    /// An application of a vendor.
    pub application: i64,
}

/// The ids, once set up by the role test.
pub static ROLE_IDS: std::sync::OnceLock<RoleIds> = std::sync::OnceLock::new();

/// The ids set up for the role table (defaults before setup).
pub fn role_ids() -> RoleIds {
    ROLE_IDS.get().cloned().unwrap_or_default()
}

/// Creates what the role table's rows act on.
pub async fn role_fixture(app: &TestApp) -> RoleIds {
    let s = site(app, "ROL").await;
    let st = stalls(app, s, "ROL", 3).await;
    let vs = vendor_rows(app, 3, "服装百货").await;
    let mut admin = app.login_as(nightmarket::identity::Role::Admin).await;
    let m = market(&mut admin, &night_market(s, day(1), day(3))).await;
    let list = sessions(&mut admin, m, day(1), day(3)).await;
    let book = |stall: i32, vendor: i64| json!({"session_id": list[0]["id"], "stall_id": stall, "vendor_id": vendor});
    let b1 = admin
        .post_json("/api/v1/bookings", &book(st[1], vs[1]))
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let b2 = admin
        .post_json("/api/v1/bookings", &book(st[2], vs[2]))
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let (mut v, _) = vendor(app, "服装百货", None).await;
    let r = v
        .post_json("/api/v1/applications", &json!({"market_id": m, "from": day(1).to_string(), "to": day(3).to_string(), "category": "服装百货"}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let ids = RoleIds {
        market: m,
        session: list[0]["id"].as_i64().unwrap(),
        session2: list[1]["id"].as_i64().unwrap(),
        site: s,
        stall: st[0],
        vendor: vs[0],
        booking: b1,
        booking2: b2,
        application: r.json()["id"].as_i64().unwrap(),
    };
    let _ = ROLE_IDS.set(ids.clone());
    ids
}

/// The path with the role fixture's ids in place of `{market}`, `{session}`, ….
pub fn with_role_ids(path: &str, ids: &RoleIds) -> String {
    path.replace("{market}", &ids.market.to_string())
        .replace("{session2}", &ids.session2.to_string())
        .replace("{session}", &ids.session.to_string())
        .replace("{booking2}", &ids.booking2.to_string())
        .replace("{booking}", &ids.booking.to_string())
        .replace("{application}", &ids.application.to_string())
        .replace("{offer}", "999999")
        .replace("{vendor}", &ids.vendor.to_string())
}

/// The path as the OpenAPI document writes it.
pub fn as_spec_path(path: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in path.chars() {
        match c {
            '{' => {
                inside = true;
                out.push_str("{id}");
            }
            '}' => inside = false,
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

/// Body of the role table's market row: a different date for every call.
pub fn role_market_body(n: u32) -> Value {
    let d = day(100 + i64::from(n));
    night_market(role_ids().site, d, d)
}

/// Body of the role table's application row.
pub fn role_application_body(_: u32) -> Value {
    json!({"market_id": role_ids().market, "from": day(1).to_string(), "to": day(2).to_string(), "category": "服装百货"})
}

/// The create-market form of the role table's `POST /markets` row: one night, its own date.
pub fn role_market_form(n: u32) -> Vec<(String, String)> {
    let d = day(400 + i64::from(n)).to_string();
    let mut pairs: Vec<(String, String)> = [
        ("name", "表单夜市"),
        ("kind", "fixed"),
        ("segment", "夜市"),
        ("start", "18:00"),
        ("end", "22:30"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    pairs.push(("site_id".into(), role_ids().site.to_string()));
    pairs.extend((1..=7).map(|w| ("weekdays".to_owned(), w.to_string())));
    pairs.push(("from".into(), d.clone()));
    pairs.push(("to".into(), d));
    pairs
}

/// The apply form of the role table's `POST /applications` row (a valid application, so the
/// row shows who may apply, not what is malformed).
pub fn role_application_form(_: u32) -> Vec<(String, String)> {
    vec![
        ("market_id".into(), role_ids().market.to_string()),
        ("from".into(), day(1).to_string()),
        ("to".into(), day(2).to_string()),
        ("category".into(), "服装百货".into()),
    ]
}

/// Body of the role table's booking row.
pub fn role_booking_body(_: u32) -> Value {
    let ids = role_ids();
    json!({"session_id": ids.session, "stall_id": ids.stall, "vendor_id": ids.vendor})
}

/// The vendor (logged in as `v`) applies for `market` from `from` to `to` and an
/// administrator approves it; returns the application's id.
pub async fn approved_application(
    admin: &mut Client,
    v: &mut Client,
    market: i64,
    from: NaiveDate,
    to: NaiveDate,
    category: &str,
) -> i64 {
    decided_application(admin, v, (market, from, to, category), "approve").await
}

/// The vendor (logged in as `v`) applies for (market, from, to, category) and an
/// administrator takes `decision` (approve, waitlist, reject); returns the application's id.
pub async fn decided_application(
    admin: &mut Client,
    v: &mut Client,
    (market, from, to, category): (i64, NaiveDate, NaiveDate, &str),
    decision: &str,
) -> i64 {
    let r = v
        .post_json(
            "/api/v1/applications",
            &json!({"market_id": market, "from": from.to_string(), "to": to.to_string(), "category": category}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let id = r.json()["id"].as_i64().unwrap();
    let r = admin
        .post_json(
            &format!("/api/v1/applications/{id}/decision"),
            &json!({"decision": decision}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    id
}

/// What a vendor was told, in Chinese, of notices of `kind` (oldest first).
pub async fn notice_texts(app: &TestApp, vendor_id: i64, kind: &str) -> Vec<String> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let user_id = entity::vendors::Entity::find_by_id(vendor_id as i32)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap()
        .user_id;
    entity::notices::Entity::find()
        .filter(entity::notices::Column::UserId.eq(user_id))
        .filter(entity::notices::Column::Kind.eq(kind))
        .order_by_asc(entity::notices::Column::Id)
        .all(app.conn())
        .await
        .unwrap()
        .iter()
        .map(|n| nightmarket::notices::text(n, nightmarket::i18n::Lang::Zh))
        .collect()
}

/// A site `code` with two stalls, a market whose session is running now, and a vendor booked
/// on the first stall: (session id, booking id, vendor id).
pub async fn booked_running_session(app: &TestApp, code: &str) -> (i64, i64, i64) {
    let s = site(app, code).await;
    let st = stalls(app, s, code, 2).await;
    let mut admin = app.login_as(nightmarket::identity::Role::Admin).await;
    let (_, session) = running_market(&mut admin, s).await;
    let session = session["id"].as_i64().unwrap();
    let (_, v) = vendor(app, "服装百货", None).await;
    let r = admin
        .post_json(
            "/api/v1/bookings",
            &json!({"session_id": session, "stall_id": st[0], "vendor_id": v}),
        )
        .await;
    assert!(r.status.is_success(), "{}", r.text());
    (session, r.json()["id"].as_i64().unwrap(), v)
}
