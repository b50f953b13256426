//! Object-level access: {anonymous, vendor A, vendor B, manager of market X, manager of market Y,
//! bureau, admin} × every route that takes an object id × {own object, other's object}.
//!
//! Two mirror-image markets X and Y, each with its own site, manager, vendor, application,
//! booking, offer and allocation draft. Every row runs against X's objects (vendor A and manager
//! X own them) and again against Y's (vendor B and manager Y own them). The rule: another
//! vendor's or another market's object is 404, never 403 (a 403 would confirm the id exists);
//! 403 only where the caller's role may never do this to any object (the bureau writing, a
//! vendor deciding), which is the same answer for every id.
//!
//! Also here: every page route of the router has a row (here or in `roles.rs`), as every API
//! route must (`every_api_route_has_a_row`).

use crate::market_fixtures::{day, market, night_market, sessions, site, stalls, vendor};
use crate::support::{Client, TestApp};
use http::{Method, StatusCode};
use nightmarket::identity::Role;
use sea_orm::{ActiveModelTrait, Set};
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// The identities, in the order of the `expect` arrays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Anonymous,
    /// The vendor whose object it is.
    Owner,
    /// The other market's vendor.
    OtherVendor,
    /// The manager of the object's market and site.
    Manager,
    /// The other market's manager.
    OtherManager,
    Bureau,
    Admin,
}

const COLUMNS: [Who; 7] = [
    Who::Anonymous,
    Who::Owner,
    Who::OtherVendor,
    Who::Manager,
    Who::OtherManager,
    Who::Bureau,
    Who::Admin,
];

/// Refusals first, the owner last: a row's allowed write happens after every refusal was seen.
const SEND_ORDER: [Who; 7] = [
    Who::Anonymous,
    Who::OtherVendor,
    Who::OtherManager,
    Who::Bureau,
    Who::Manager,
    Who::Admin,
    Who::Owner,
];

/// Not sent: the cell would repeat a write already made in this row.
const SKIP: u16 = 0;

enum Body {
    Empty,
    Json(fn(&Ids) -> Value),
    Form(fn(&Ids) -> Vec<(String, String)>),
    Multipart(fn(&Ids) -> Vec<(String, String)>),
}

/// One route with an object id: expected status per identity, in [`COLUMNS`] order.
struct Row {
    method: Method,
    path: &'static str,
    body: Body,
    expect: [u16; 7],
}

/// One market's objects.
#[derive(Clone, Debug)]
struct Ids {
    code: &'static str,
    site: i32,
    stalls: Vec<i32>,
    market: i64,
    sessions: Vec<i64>,
    vendor_id: i64,
    application: i64,
    booking: i64,
    offer: i32,
    allocation: i64,
    /// A sales report on `booking` (inserted directly: the session has not started).
    sales_report: i32,
    /// An inspection of `booking` with one photo (inserted directly, for the same reason).
    inspection: i32,
    /// Its photo.
    photo: i32,
}

/// One market's objects and the people who own them.
struct Side {
    ids: Ids,
    vendor: Client,
    manager: Client,
}

impl Ids {
    fn path(&self, template: &str) -> String {
        template
            .replace("{site}", &self.site.to_string())
            .replace("{stall}", &self.stalls[0].to_string())
            .replace("{market}", &self.market.to_string())
            .replace("{session}", &self.sessions[0].to_string())
            .replace("{session3}", &self.sessions[2].to_string())
            .replace("{vendor}", &self.vendor_id.to_string())
            .replace("{application}", &self.application.to_string())
            .replace("{booking}", &self.booking.to_string())
            .replace("{offer}", &self.offer.to_string())
            .replace("{allocation}", &self.allocation.to_string())
            .replace("{salesreport}", &self.sales_report.to_string())
            .replace("{inspection}", &self.inspection.to_string())
            .replace("{photo}", &self.photo.to_string())
    }
}

const PASSWORD: &str = "object-pass-123";

async fn side(app: &TestApp, admin: &mut Client, code: &'static str) -> Side {
    let s = site(app, code).await;
    let st = stalls(app, s, code, 4).await;
    let m = market(admin, &night_market(s, day(1), day(3))).await;
    let list: Vec<i64> = sessions(admin, m, day(1), day(3))
        .await
        .iter()
        .map(|v| v["id"].as_i64().unwrap())
        .collect();
    let login = format!("mgr-{}", code.to_lowercase());
    let r = admin
        .post_json(
            "/api/v1/users",
            &json!({"login": login, "name": format!("{code} 管理员"), "password": PASSWORD,
                    "role": "manager", "market_ids": [m], "site_ids": [s]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let mut manager = app.client();
    manager.login(&login, PASSWORD).await;
    let (mut v, vendor_id) = vendor(app, "服装百货", None).await;
    let r = v
        .post_json("/api/v1/applications", &json!({"market_id": m, "from": day(1).to_string(), "to": day(3).to_string(), "category": "服装百货"}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let application = r.json()["id"].as_i64().unwrap();
    let r = admin
        .post_json(
            "/api/v1/bookings",
            &json!({"session_id": list[0], "stall_id": st[0], "vendor_id": vendor_id}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let booking = r.json()["id"].as_i64().unwrap();
    let offer = entity::offers::ActiveModel {
        session_id: Set(list[1] as i32),
        stall_id: Set(st[1]),
        application_id: Set(application as i32),
        vendor_id: Set(vendor_id as i32),
        status: Set("pending".parse().unwrap()),
        deadline: Set(chrono::Utc::now() + chrono::Duration::hours(12)),
        booking_id: Set(None),
        created_at: Set(chrono::Utc::now()),
        decided_at: Set(None),
        ..Default::default()
    }
    .insert(app.conn())
    .await
    .expect("offer")
    .id;
    let r = admin
        .post_json(
            &format!("/api/v1/markets/{m}/allocations"),
            &crate::allocation::role_run_body(0),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let allocation = r.json()["id"].as_i64().unwrap();
    let sales_report = crate::figures_sales::insert_report(app, booking, 50_000).await;
    let (inspection, photo) =
        crate::night_photos::insert_inspection(app, booking as i32, m as i32).await;
    Side {
        ids: Ids {
            code,
            site: s,
            stalls: st,
            market: m,
            sessions: list,
            vendor_id,
            application,
            booking,
            offer,
            allocation,
            sales_report,
            inspection,
            photo,
        },
        vendor: v,
        manager,
    }
}

/// A keep-clear square inside a fixture site.
fn zone_geometry() -> Value {
    json!({"type": "Polygon", "coordinates": [[[100.8101, 38.4301], [100.8102, 38.4301], [100.8102, 38.4302], [100.8101, 38.4302], [100.8101, 38.4301]]]})
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn layout_form(_: &Ids) -> Vec<(String, String)> {
    pairs(&[
        ("stall_width_m", "3"),
        ("stall_depth_m", "2.5"),
        ("aisle_width_m", "3"),
        ("mode", "auto"),
    ])
}

/// Every row: editor_rows, house_rows, power_rows.
fn rows() -> Vec<Row> {
    let mut rows = editor_rows();
    rows.extend(house_rows());
    rows.extend(power_rows());
    rows
}

/// The gas and power register of the market's vendor and the circuits of its site (issue 18).
#[rustfmt::skip]
fn power_rows() -> Vec<Row> {
    use Body::*;
    let r = |method: Method, path: &'static str, body: Body, expect: [u16; 7]| Row { method, path, body, expect };
    //                                                       anon owner other mgr  otherM bureau admin
    vec![
        r(Method::PUT, "/api/v1/vendors/{vendor}/equipment", Json(|_| json!({"gas_cylinders": [], "appliances_w": 500})), [401, 200, 404, 200, 404, 403, 200]),
        r(Method::GET, "/vendors/{vendor}/equipment", Empty, [303, 200, 404, 200, 404, 403, 200]),
        r(Method::POST, "/vendors/{vendor}/equipment", Form(|_| pairs(&[("appliances_w", "500")])), [303, 303, 404, 303, 404, 403, 303]),
        r(Method::PUT, "/api/v1/sites/{site}/circuits", Json(|_| json!({"circuits": [{"name": "A路", "capacity_w": 100000}]})), [401, 403, 403, 200, 404, 403, 200]),
        r(Method::GET, "/sites/{site}/circuits", Empty, [303, 403, 403, 200, 404, 403, 200]),
        r(Method::POST, "/sites/{site}/circuits", Form(|_| pairs(&[("name_0", "A路"), ("capacity_0", "100000")])), [303, 403, 403, 303, 404, 403, 303]),
        r(Method::POST, "/sites/{site}/circuits/stalls", Form(|s| pairs(&[("circuit", ""), ("codes", &format!("{}-A-001", s.code))])), [303, 403, 403, 303, 404, 403, 303]),
    ]
}

#[rustfmt::skip]
fn house_rows() -> Vec<Row> {
    use Body::*;
    let r = |method: Method, path: &'static str, body: Body, expect: [u16; 7]| Row { method, path, body, expect };
    //                                                       anon owner other mgr  otherM bureau admin
    vec![
        // Public objects: anyone reads them.
        r(Method::GET, "/api/v1/sites/{site}", Empty, [200; 7]),
        r(Method::GET, "/api/v1/sites/{site}/geojson", Empty, [200; 7]),
        r(Method::GET, "/api/v1/sites/{site}/stalls", Empty, [200; 7]),
        r(Method::GET, "/api/v1/sites/{site}/zones", Empty, [200; 7]),
        r(Method::GET, "/api/v1/markets/{market}/sessions", Empty, [200; 7]),
        r(Method::GET, "/sites/{site}", Empty, [200; 7]),
        r(Method::GET, "/markets/{market}", Empty, [200; 7]),
        r(Method::GET, "/sessions/{session}", Empty, [200; 7]),
        r(Method::GET, "/sessions/{session}/bookings", Empty, [303; 7]),
        r(Method::GET, "/sessions/{session}/plan", Empty, [200; 7]),
        // Sites and stalls: their managers and admins change them.
        r(Method::PATCH, "/api/v1/sites/{site}", Json(|s| json!({"name": format!("{} 场地", s.code)})), [401, 403, 403, 200, 404, 403, 200]),
        r(Method::POST, "/api/v1/sites/{site}/zones", Json(|_| json!({"name": "入口", "kind": "keep_clear", "boundary": zone_geometry()})), [401, 403, 403, 201, 404, 403, 201]),
        r(Method::PATCH, "/api/v1/stalls/{stall}", Json(|_| json!({"power": true})), [401, 403, 403, 200, 404, 403, 200]),
        // Future bookings keep the stalls: 409 for those allowed, nothing replaced.
        r(Method::PUT, "/api/v1/sites/{site}/layout", Json(|_| json!({"stall_width_m": 3.0, "stall_depth_m": 2.5, "aisle_width_m": 3.0})), [401, 403, 403, 409, 404, 403, 409]),
        r(Method::POST, "/sites/{site}/layout/preview", Form(layout_form), [303, 403, 403, 200, 404, 403, 200]),
        r(Method::POST, "/sites/{site}/layout", Form(layout_form), [303, 403, 403, 409, 404, 403, 409]),
        r(Method::POST, "/sites/{site}/zones", Form(|_| pairs(&[("name", "入口"), ("kind", "keep_clear"), ("boundary", &zone_geometry().to_string())])), [303, 403, 403, 303, 404, 403, 303]),
        r(Method::POST, "/sites/{site}/edit", Multipart(|s| pairs(&[("name", &format!("{} 场地", s.code)), ("kind", "plaza"), ("crs", "wgs84"), ("boundary", "not a polygon")])), [303, 403, 403, 422, 404, 403, 422]),
        r(Method::POST, "/stalls/{stall}", Form(|_| pairs(&[("status", "active"), ("power", "true")])), [303, 403, 403, 303, 404, 403, 303]),
        // Applications: the owner, the market's managers, bureau and admin see them.
        r(Method::GET, "/api/v1/applications/{application}", Empty, [401, 200, 404, 200, 404, 200, 200]),
        r(Method::GET, "/applications/{application}", Empty, [303, 200, 404, 200, 404, 200, 200]),
        r(Method::POST, "/api/v1/applications/{application}/decision", Json(|_| json!({"decision": "maybe"})), [401, 403, 403, 422, 404, 403, 422]),
        r(Method::POST, "/applications/{application}/decision", Form(|_| pairs(&[("decision", "maybe")])), [303, 403, 403, 422, 404, 403, 422]),
        // Bookings, session lists, permits.
        r(Method::GET, "/api/v1/sessions/{session}/bookings", Empty, [401, 200, 200, 200, 404, 200, 200]),
        r(Method::POST, "/api/v1/bookings/{booking}/check-in", Empty, [401, 403, 403, 422, 404, 403, 422]),
        r(Method::POST, "/bookings/{booking}/check-in", Form(|_| vec![]), [303, 403, 403, 422, 404, 403, 422]),
        r(Method::GET, "/permits/{booking}", Empty, [303, 200, 404, 200, 404, 200, 200]),
        r(Method::POST, "/api/v1/bookings", Json(|s| json!({"session_id": s.sessions[1], "stall_id": s.stalls[2], "vendor_id": s.vendor_id})), [401, 403, 403, 201, 404, 403, SKIP]),
        r(Method::POST, "/sessions/{session}/bookings", Form(|s| pairs(&[("stall_id", &s.stalls[3].to_string()), ("vendor_id", "999999")])), [303, 403, 403, 422, 404, 403, 422]),
        r(Method::POST, "/api/v1/sessions/{session3}/cancel", Json(|_| json!({"reason": ""})), [401, 403, 403, 422, 404, 403, 422]),
        r(Method::POST, "/sessions/{session3}/cancel", Form(|_| pairs(&[("reason", "")])), [303, 403, 403, 422, 404, 403, 422]),
        // A vendor's calendar feed.
        r(Method::GET, "/api/v1/vendors/{vendor}/schedule.ics", Empty, [401, 200, 404, 403, 403, 403, 403]),
        // Allocation drafts: staff of the market, bureau, admin.
        r(Method::GET, "/api/v1/allocations/{allocation}", Empty, [401, 403, 403, 200, 404, 200, 200]),
        r(Method::GET, "/allocations/{allocation}", Empty, [303, 403, 403, 200, 404, 200, 200]),
        r(Method::GET, "/allocations/{allocation}/public", Empty, [404, 404, 404, 200, 404, 200, 200]),
        r(Method::POST, "/api/v1/markets/{market}/allocations", Json(|s| crate::allocation::role_run_body(s.site as u32 + 7)), [401, 403, 403, 201, 404, 403, 201]),
        r(Method::POST, "/markets/{market}/allocations", Form(|_| pairs(&[("from", &day(1).to_string()), ("to", &day(3).to_string()), ("seed", ""), ("method", "rotation")])), [303, 403, 403, 422, 404, 403, 422]),
        r(Method::POST, "/api/v1/allocations/{allocation}/publish", Empty, [401, 403, 403, 409, 404, 403, 409]),
        r(Method::POST, "/allocations/{allocation}/publish", Form(|_| vec![]), [303, 403, 403, 409, 404, 403, 409]),
        // Offers: only their vendor answers them.
        r(Method::POST, "/api/v1/offers/{offer}/accept", Empty, [401, SKIP, 404, 403, 403, 403, 403]),
        r(Method::POST, "/offers/{offer}/accept", Form(|_| vec![]), [303, SKIP, 404, 403, 403, 403, 403]),
        r(Method::POST, "/offers/{offer}/decline", Form(|_| vec![]), [303, 303, 404, 403, 403, 403, 403]),
        r(Method::POST, "/api/v1/offers/{offer}/decline", Empty, [401, 409, 404, 403, 403, 403, 403]),
        // The market night [night]: no write succeeds here (each allowed caller meets a 422).
        r(Method::GET, "/api/v1/vendors/{vendor}/attendance", Empty, [401, 200, 404, 200, 200, 200, 200]),
        r(Method::GET, "/api/v1/vendors/{vendor}/demerits", Empty, [401, 200, 404, 200, 200, 200, 200]),
        r(Method::POST, "/api/v1/bookings/{booking}/absence", Json(|_| json!({"reason": "长".repeat(501)})), [401, 422, 404, 422, 404, 403, 422]),
        r(Method::POST, "/bookings/{booking}/absence", Form(|_| pairs(&[("reason", &"长".repeat(501))])), [303, 422, 404, 422, 404, 403, 422]),
        r(Method::POST, "/api/v1/inspections", Json(|s| json!({"session_id": s.sessions[0], "stall_id": s.stalls[0], "items": [{"code": "juggling"}]})), [401, 403, 403, 422, 404, 403, 422]),
        r(Method::GET, "/sessions/{session}/inspect", Empty, [303, 403, 403, 200, 404, 403, 200]),
        r(Method::GET, "/api/v1/inspections/{inspection}", Empty, [401, 200, 404, 200, 404, 200, 200]),
        r(Method::GET, "/api/v1/inspections/{inspection}/photos/{photo}", Empty, [401, 200, 404, 200, 404, 200, 200]),
        r(Method::POST, "/sessions/{session}/inspect", Form(|s| pairs(&[("stall_id", &s.stalls[0].to_string()), ("code", "juggling")])), [303, 403, 403, 422, 404, 403, 422]),
        r(Method::POST, "/markets/{market}/conduct-rule", Form(|_| pairs(&[("min_rate_pct", "150"), ("window_days", "90"), ("suspension_days", "30")])), [303, 403, 403, 422, 404, 403, 422]),
        // Last: the owner withdraws and cancels.
        r(Method::POST, "/applications/{application}/withdraw", Form(|_| vec![]), [303, 303, 404, 403, 403, 403, 403]),
        r(Method::DELETE, "/api/v1/applications/{application}", Empty, [401, 409, 404, 403, 403, 403, 403]),
        // The bureau's figures: a session not started yet (422 where allowed), a report filed.
        r(Method::POST, "/api/v1/sales-reports", Json(|s| json!({"booking_id": s.booking, "sales_yuan": "100"})), [401, 422, 404, 422, 404, 403, 422]),
        r(Method::PUT, "/api/v1/sales-reports/{salesreport}", Json(|_| json!({"sales_yuan": "120.50", "helpers": 1})), [401, 200, 404, 200, 404, 403, 200]),
        r(Method::POST, "/sales/bookings/{booking}", Form(|_| pairs(&[("sales_yuan", "130"), ("voucher_yuan", ""), ("helpers", "0")])), [303, 303, 404, 303, 404, 403, 303]),
        r(Method::GET, "/sales?session={session}", Empty, [303, 200, 200, 200, 404, 403, 200]),
        r(Method::PUT, "/api/v1/markets/{market}/sales-reporting", Json(|_| json!({"reporting": "required"})), [401, 403, 403, 200, 404, 403, 200]),
        r(Method::POST, "/sales/markets/{market}", Form(|_| pairs(&[("reporting", "optional")])), [303, 403, 403, 303, 404, 403, 303]),
        r(Method::DELETE, "/api/v1/bookings/{booking}", Empty, [401, 204, 404, SKIP, 404, 403, SKIP]),
        // The booking is gone by now: everyone learns only that.
        r(Method::POST, "/bookings/{booking}/cancel", Form(|_| vec![]), [303, 404, 404, 404, 404, 404, 404]),
    ]
    .into_iter()
    .chain(scheduling_rows())
    .collect()
}

/// Scheduling (issue 17): reads are public; writes reach the market's own manager and admins
/// (a refused body, so nothing changes: 422), another market's manager gets 404.
fn scheduling_rows() -> Vec<Row> {
    use Body::*;
    let r = |method: Method, path: &'static str, body: Body, expect: [u16; 7]| Row {
        method,
        path,
        body,
        expect,
    };
    //                                                       anon owner other mgr  otherM bureau admin
    vec![
        r(
            Method::GET,
            "/api/v1/markets/{market}/schedule",
            Empty,
            [200; 7],
        ),
        r(
            Method::GET,
            "/api/v1/sites/{site}/timeline",
            Empty,
            [200; 7],
        ),
        r(Method::GET, "/sites/{site}/timeline", Empty, [200; 7]),
        r(
            Method::PATCH,
            "/api/v1/markets/{market}",
            Json(|_| json!({"name": ""})),
            [401, 403, 403, 422, 404, 403, 422],
        ),
        r(
            Method::POST,
            "/api/v1/markets/{market}/schedule",
            Json(
                |s| json!({"site_id": s.site, "segment": "夜市", "weekdays": [], "from": day(1).to_string(), "to": day(2).to_string()}),
            ),
            [401, 403, 403, 422, 404, 403, 422],
        ),
        r(
            Method::POST,
            "/api/v1/markets/{market}/closures",
            Json(|_| json!({"from": day(1).to_string(), "to": day(2).to_string()})),
            [401, 403, 403, 422, 404, 403, 422],
        ),
        r(
            Method::POST,
            "/api/v1/markets/{market}/clone",
            Json(|_| json!({"from": "soon", "to": "later"})),
            [401, 403, 403, 422, 404, 403, 422],
        ),
        r(
            Method::GET,
            "/markets/{market}/edit",
            Empty,
            [303, 403, 403, 200, 404, 403, 200],
        ),
        r(
            Method::POST,
            "/markets/{market}/closures",
            Form(|_| {
                pairs(&[
                    ("from", &day(1).to_string()),
                    ("to", &day(2).to_string()),
                    ("reason", ""),
                ])
            }),
            [303, 403, 403, 422, 404, 403, 422],
        ),
    ]
}

/// Everyone of the matrix, logged in once.
struct People {
    anonymous: Client,
    bureau: Client,
    admin: Client,
}

fn client_for<'a>(
    who: Who,
    own: &'a mut Side,
    other: &'a mut Side,
    people: &'a mut People,
) -> &'a mut Client {
    match who {
        Who::Anonymous => &mut people.anonymous,
        Who::Owner => &mut own.vendor,
        Who::OtherVendor => &mut other.vendor,
        Who::Manager => &mut own.manager,
        Who::OtherManager => &mut other.manager,
        Who::Bureau => &mut people.bureau,
        Who::Admin => &mut people.admin,
    }
}

async fn send(
    c: &mut Client,
    row: &Row,
    path: &str,
    side: &Ids,
    who: Who,
) -> crate::support::client::Resp {
    match &row.body {
        Body::Empty => c.call(row.method.clone(), path).await,
        Body::Json(make) => c.json(row.method.clone(), path, &make(side)).await,
        Body::Form(make) | Body::Multipart(make) => {
            let fields = make(side);
            let refs: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let page = if who == Who::Anonymous { "/login" } else { "/" };
            if matches!(row.body, Body::Multipart(_)) {
                c.submit_multipart(page, path, &refs).await
            } else {
                c.submit(page, path, &refs).await
            }
        }
    }
}

#[tokio::test]
async fn other_peoples_objects_are_404_and_the_bureau_never_writes() {
    let app = TestApp::new().await;
    let mut admin = app.login_as(Role::Admin).await;
    let mut x = side(&app, &mut admin, "OBX").await;
    let mut y = side(&app, &mut admin, "OBY").await;
    let mut people = People {
        anonymous: app.client(),
        bureau: app.login_as(Role::Bureau).await,
        admin,
    };
    let mut failures = Vec::new();
    for row in rows() {
        for flip in [false, true] {
            let (own, other) = if flip {
                (&mut y, &mut x)
            } else {
                (&mut x, &mut y)
            };
            let ids = own.ids.clone();
            let path = ids.path(row.path);
            for who in SEND_ORDER {
                let expected = row.expect[COLUMNS.iter().position(|c| *c == who).unwrap()];
                if expected == SKIP {
                    continue;
                }
                let c = client_for(who, own, other, &mut people);
                let resp = send(c, &row, &path, &ids, who).await;
                if resp.status.as_u16() != expected {
                    failures.push(format!(
                        "{} {} ({}'s object) as {who:?}: expected {expected}, got {} {}",
                        row.method,
                        path,
                        ids.code,
                        resp.status,
                        resp.text().chars().take(120).collect::<String>()
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

async fn list_ids(c: &mut Client, path: &str) -> Vec<i64> {
    let r = c.get(path).await;
    assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.text());
    r.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn lists_leave_out_other_peoples_objects() {
    let app = TestApp::new().await;
    let mut admin = app.login_as(Role::Admin).await;
    let mut x = side(&app, &mut admin, "LSX").await;
    let mut y = side(&app, &mut admin, "LSY").await;
    let mut bureau = app.login_as(Role::Bureau).await;
    let (xa, ya) = (x.ids.application, y.ids.application);

    assert_eq!(
        list_ids(&mut y.vendor, "/api/v1/applications").await,
        vec![ya]
    );
    assert_eq!(
        list_ids(&mut y.manager, "/api/v1/applications").await,
        vec![ya]
    );
    assert_eq!(
        list_ids(&mut x.manager, "/api/v1/applications").await,
        vec![xa]
    );
    assert_eq!(
        list_ids(&mut bureau, "/api/v1/applications").await,
        vec![xa, ya]
    );
    let page = y.manager.get("/applications").await.text();
    assert!(page.contains(&format!("/applications/{ya}\"")));
    assert!(
        !page.contains(&format!("/applications/{xa}\"")),
        "manager Y's queue shows X's application"
    );

    assert_eq!(
        list_ids(&mut y.vendor, "/api/v1/offers").await,
        vec![i64::from(y.ids.offer)]
    );
    let x_session = x.ids.sessions[0];
    assert!(
        list_ids(
            &mut y.vendor,
            &format!("/api/v1/sessions/{x_session}/bookings")
        )
        .await
        .is_empty()
    );
    assert_eq!(
        list_ids(
            &mut x.vendor,
            &format!("/api/v1/sessions/{x_session}/bookings")
        )
        .await,
        vec![x.ids.booking]
    );

    let report = format!(
        "/api/v1/reports/occupancy?from={}&to={}&group_by=market",
        day(0),
        day(5)
    );
    let booked = |v: Value| v["totals"]["booked"].as_i64().unwrap();
    assert_eq!(
        booked(y.manager.get(&report).await.json()),
        1,
        "manager Y counts only market Y"
    );
    assert_eq!(booked(bureau.get(&report).await.json()), 2);
}

/// `(METHOD, /path/{}/…)` of every `.route("…", get(…).post(…))` under `src/`, API routes aside
/// (the OpenAPI document lists those for `every_api_route_has_a_row`).
fn page_routes_in_source() -> BTreeSet<(String, String)> {
    let mut found = BTreeSet::new();
    let mut dirs = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src"
    ))];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                routes_in(&std::fs::read_to_string(&path).unwrap(), &mut found);
            }
        }
    }
    found
}

/// The routes declared in one source file.
fn routes_in(source: &str, found: &mut BTreeSet<(String, String)>) {
    for (start, _) in source.match_indices(".route(") {
        let rest = &source[start + ".route(".len()..];
        let Some(open) = rest.trim_start().strip_prefix('"') else {
            continue;
        };
        let Some(end) = open.find('"') else { continue };
        let path = &open[..end];
        // The method router: up to the `)` that closes `.route(`.
        let mut depth = 1;
        let mut close = rest.len();
        for (i, c) in rest.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        close = i;
                        break;
                    }
                }
                _ => {}
            }
        }
        let call = &rest[..close];
        for method in ["get", "post", "put", "patch", "delete"] {
            let needle = format!("{method}(");
            let declared = call.match_indices(&needle).any(|(i, _)| {
                i == 0 || !call[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_')
            });
            if declared && !path.starts_with("/api/") {
                found.insert((method.to_uppercase(), normalise(path)));
            }
        }
    }
}

/// `/sites/{id}/zones?x=1` → `/sites/{}/zones`.
fn normalise(path: &str) -> String {
    let path = path.split('?').next().unwrap_or(path);
    let mut out = String::new();
    let mut inside = false;
    for c in path.chars() {
        match c {
            '{' => {
                inside = true;
                out.push_str("{}");
            }
            '}' => inside = false,
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn every_page_route_has_a_row() {
    let source = page_routes_in_source();
    // The scan finds what we know is there (so this test can fail).
    for known in [
        ("GET", "/login"),
        ("POST", "/sites/{}/layout"),
        ("GET", "/healthz"),
        ("POST", "/login/totp"),
    ] {
        assert!(
            source.contains(&(known.0.to_owned(), known.1.to_owned())),
            "scan misses {known:?}"
        );
    }
    let mut rows: BTreeSet<(String, String)> = crate::roles::route_keys()
        .into_iter()
        .map(|(m, p)| (m.to_string(), normalise(p)))
        .collect();
    rows.extend(rows_keys());
    let missing: Vec<String> = source
        .iter()
        .filter(|r| !rows.contains(*r))
        .map(|(m, p)| format!("{m} {p}"))
        .collect();
    assert!(
        missing.is_empty(),
        "page routes without a row in tests/roles.rs or tests/object_access.rs:\n{}",
        missing.join("\n")
    );
}

fn rows_keys() -> Vec<(String, String)> {
    rows()
        .into_iter()
        .map(|r| (r.method.to_string(), normalise(r.path)))
        .collect()
}

/// A stall drawn by hand on a side's site (the fixture's stalls have no shapes), a different
/// place for every request.
fn hand_stall(_: &Ids) -> Value {
    static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let (x, y) = (
        100.8101 + f64::from(n % 5) * 0.00006,
        38.4301 + f64::from(n / 5 % 4) * 0.00003,
    );
    let (dx, dy) = (3.0 / 87_220.0, 2.5 / 110_990.0);
    json!({"polygon": {"type": "Polygon", "coordinates": [[[x + dx, y + dy], [x, y + dy], [x, y], [x + dx, y], [x + dx, y + dy]]]}})
}

/// The stall editor and assigning from the plan: the site's and market's managers and admins.
#[rustfmt::skip]
fn editor_rows() -> Vec<Row> {
    use Body::*;
    let r = |method: Method, path: &'static str, body: Body, expect: [u16; 7]| Row { method, path, body, expect };
    //                                                       anon owner other mgr  otherM bureau admin
    vec![
        r(Method::GET, "/api/v1/sessions/{session}/candidates", Empty, [401, 403, 403, 200, 404, 403, 200]),
        r(Method::GET, "/sessions/{session}/candidates?stall={stall}", Empty, [303, 403, 403, 200, 404, 403, 200]),
        r(Method::GET, "/sites/{site}/editor", Empty, [303, 403, 403, 200, 404, 403, 200]),
        r(Method::POST, "/sites/{site}/editor", Form(|_| pairs(&[("action", "lock")])), [303, 403, 403, 422, 404, 403, 422]),
        r(Method::POST, "/api/v1/sites/{site}/stalls", Json(hand_stall), [401, 403, 403, 201, 404, 403, 201]),
        r(Method::PATCH, "/api/v1/stalls/{stall}", Json(|_| json!({"locked": false})), [401, 403, 403, 200, 404, 403, 200]),  // (the fixture's stalls have no real shape to keep)
        // Its booking keeps the stall.
        r(Method::DELETE, "/api/v1/stalls/{stall}", Empty, [401, 403, 403, 409, 404, 403, 409]),
    ]
}
