//! Every route × every role: who may, who may not. A new API route without a row here fails
//! `every_api_route_has_a_row`.

use crate::support::{Client, TestApp};
use http::{Method, StatusCode};
use nightmarket::identity::Role;
use serde_json::{Value, json};
use std::sync::atomic::{AtomicU32, Ordering};

/// Who asks.
#[derive(Clone, Copy, Debug)]
enum Who {
    Anonymous,
    As(Role),
}

const WHO: [Who; 5] = [
    Who::Anonymous,
    Who::As(Role::Vendor),
    Who::As(Role::Manager),
    Who::As(Role::Bureau),
    Who::As(Role::Admin),
];

/// What a request carries.
enum Body {
    Empty,
    Json(fn(u32) -> Value),
    Form(fn(u32) -> Vec<(String, String)>),
    Multipart(fn(u32) -> Vec<(String, String)>),
}

/// One row: method, path, body, and the expected status for anonymous, vendor, manager,
/// bureau and admin. 303 on a page for anonymous means "sent to the login page".
struct Row {
    method: Method,
    path: &'static str,
    body: Body,
    expect: [u16; 5],
}

static SEQ: AtomicU32 = AtomicU32::new(1);

fn vendor_body(n: u32) -> Value {
    json!({
        "name": "角色测试", "phone": format!("1370000{n:04}"), "password": "vendor-pass-1",
        // Born a year after the fixtures' vendors, so the two never share an ID number.
        "id_number": crate::market_fixtures::unique_id_number(n + 400_000), "category": "便民服务"
    })
}

fn user_body(n: u32) -> Value {
    json!({"login": format!("role-user-{n}"), "name": "x", "password": "role-pass-123", "role": "bureau"})
}

fn user_form(n: u32) -> Vec<(String, String)> {
    vec![
        ("login".into(), format!("form-user-{n}")),
        ("name".into(), "y".into()),
        ("role".into(), "bureau".into()),
        ("password".into(), "form-pass-123".into()),
    ]
}

fn bad_login_form(_: u32) -> Vec<(String, String)> {
    vec![
        ("login".into(), "nobody".into()),
        ("password".into(), "nothing-1".into()),
    ]
}

fn bad_register_form(_: u32) -> Vec<(String, String)> {
    vec![("name".into(), "x".into()), ("phone".into(), "1".into())]
}

/// The self-select tap on the role fixture's free stall (its market does not allow it).
fn choose_form(_: u32) -> Vec<(String, String)> {
    vec![(
        "stall_id".into(),
        crate::market_fixtures::role_ids().stall.to_string(),
    )]
}

fn site_form(_: u32) -> Vec<(String, String)> {
    vec![("site_id".into(), "1".into())]
}

/// A 40 m × 30 m rectangle near Minle, shifted a little per request.
fn rectangle(n: u32) -> Value {
    let (lon, lat) = (100.80 + f64::from(n % 100) * 0.001, 38.44);
    let (dlon, dlat) = (40.0 / 87_300.0, 30.0 / 110_990.0);
    json!({"type": "Polygon", "coordinates": [[[lon, lat], [lon + dlon, lat], [lon + dlon, lat + dlat], [lon, lat + dlat], [lon, lat]]]})
}

fn site_body(n: u32) -> Value {
    json!({"code": format!("R{n}"), "name": "角色场地", "kind": "plaza", "boundary": rectangle(n)})
}

fn site_multipart(n: u32) -> Vec<(String, String)> {
    vec![
        ("code".into(), format!("M{n}")),
        ("name".into(), "表单场地".into()),
        ("kind".into(), "plaza".into()),
        ("crs".into(), "wgs84".into()),
        ("boundary".into(), rectangle(n).to_string()),
    ]
}

fn site_edit_multipart(_: u32) -> Vec<(String, String)> {
    vec![
        ("name".into(), "财富广场".into()),
        ("kind".into(), "plaza".into()),
        ("crs".into(), "wgs84".into()),
        (
            "boundary".into(),
            include_str!("../assets/demo/fortune-plaza.geojson").into(),
        ),
    ]
}

fn layout_body(_: u32) -> Value {
    json!({"stall_width_m": 3.0, "stall_depth_m": 2.5, "aisle_width_m": 3.0})
}

fn layout_form(_: u32) -> Vec<(String, String)> {
    [
        ("stall_width_m", "3"),
        ("stall_depth_m", "2.5"),
        ("aisle_width_m", "3"),
        ("mode", "auto"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

/// A keep-clear square in the middle of Fortune Plaza.
fn zone_geometry() -> Value {
    let (lon, lat) = (100.8125, 38.4276);
    let (d_lon, d_lat) = (4.0 / 87_300.0, 4.0 / 110_990.0);
    json!({"type": "Polygon", "coordinates": [[[lon + 15.0 * d_lon / 4.0, lat], [lon + 19.0 * d_lon / 4.0, lat],
        [lon + 19.0 * d_lon / 4.0, lat + d_lat], [lon + 15.0 * d_lon / 4.0, lat + d_lat], [lon + 15.0 * d_lon / 4.0, lat]]]})
}

fn zone_body(_: u32) -> Value {
    json!({"name": "入口", "kind": "keep_clear", "boundary": zone_geometry()})
}

fn zone_form(_: u32) -> Vec<(String, String)> {
    vec![
        ("name".into(), "入口".into()),
        ("kind".into(), "keep_clear".into()),
        ("boundary".into(), zone_geometry().to_string()),
    ]
}

fn stall_form(_: u32) -> Vec<(String, String)> {
    vec![
        ("status".into(), "disabled".into()),
        ("power".into(), "true".into()),
    ]
}

/// Every row: house_rows, editor_rows, power_rows.
fn rows() -> Vec<Row> {
    let mut rows = house_rows();
    rows.extend(editor_rows());
    rows.extend(power_rows());
    rows
}

/// The gas and power register, circuits and the offline check-in's service worker (issue 18).
/// `{vendor}` is the role fixture's vendor: the logged-in vendor and manager are strangers to it.
#[rustfmt::skip]
fn power_rows() -> Vec<Row> {
    use Body::*;
    let r = |method: Method, path: &'static str, body: Body, expect: [u16; 5]| Row { method, path, body, expect };
    vec![
        r(Method::PUT, "/api/v1/vendors/{vendor}/equipment", Json(|_| json!({"gas_cylinders": [], "appliances_w": 800})), [401, 404, 404, 403, 200]),
        r(Method::GET, "/vendors/{vendor}/equipment", Empty, [303, 404, 404, 403, 200]),
        r(Method::POST, "/vendors/{vendor}/equipment", Form(|_| vec![("appliances_w".into(), "800".into())]), [303, 404, 404, 403, 303]),
        r(Method::PUT, "/api/v1/sites/{site}/circuits", Json(|_| json!({"circuits": [{"name": "A路", "capacity_w": 6000}]})), [401, 403, 404, 403, 200]),
        r(Method::GET, "/sites/{site}/circuits", Empty, [303, 403, 404, 403, 200]),
        r(Method::POST, "/sites/{site}/circuits", Form(|_| vec![("name_0".into(), "A路".into()), ("capacity_0".into(), "6000".into())]), [303, 403, 404, 403, 303]),
        r(Method::POST, "/sites/{site}/circuits/stalls", Form(|_| vec![("circuit".into(), String::new()), ("codes".into(), String::new())]), [303, 403, 404, 403, 303]),
        r(Method::GET, "/offline-sw.js", Empty, [200; 5]),
    ]
}

#[rustfmt::skip]
fn house_rows() -> Vec<Row> {
    use Body::*;
    let r = |method: Method, path: &'static str, body: Body, expect: [u16; 5]| Row {
        method,
        path,
        body,
        expect,
    };
    let mut rows = vec![
        // JSON API
        r(
            Method::POST,
            "/api/v1/session",
            Json(|_| json!({"login": "nobody", "password": "x-1234567"})),
            [401; 5],
        ),
        r(
            Method::DELETE,
            "/api/v1/session",
            Empty,
            [401, 204, 204, 204, 204],
        ),
        r(Method::GET, "/api/v1/me", Empty, [401, 200, 200, 200, 200]),
        r(Method::PATCH, "/api/v1/users/{manager}", Json(|_| json!({"site_ids": []})), [401, 403, 403, 403, 200]),
        r(
            Method::POST,
            "/api/v1/users",
            Json(user_body),
            [401, 403, 403, 403, 201],
        ),
        r(Method::POST, "/api/v1/vendors", Json(vendor_body), [201; 5]),
        r(Method::GET, "/api/v1/sites", Empty, [200; 5]),
        r(
            Method::POST,
            "/api/v1/sites",
            Json(site_body),
            [401, 403, 201, 403, 201],
        ),
        r(Method::GET, "/api/v1/sites/{site}", Empty, [200; 5]),
        r(
            Method::PATCH,
            "/api/v1/sites/{site}",
            Json(|_| json!({"name": "财富广场"})),
            [401, 403, 404, 403, 200],
        ),
        r(Method::GET, "/api/v1/sites/{site}/geojson", Empty, [200; 5]),
        r(Method::GET, "/api/v1/sites/{site}/stalls", Empty, [200; 5]),
        r(Method::GET, "/api/v1/sites/{site}/zones", Empty, [200; 5]),
        r(
            Method::POST,
            "/api/v1/sites/{site}/zones",
            Json(zone_body),
            [401, 403, 404, 403, 201],
        ),
        r(
            Method::PATCH,
            "/api/v1/stalls/{stall}",
            Json(|_| json!({"power": true})),
            [401, 403, 404, 403, 200],
        ),
        r(Method::GET, "/api/v1/openapi.json", Empty, [200; 5]),
        r(Method::GET, "/healthz", Empty, [200; 5]),
        // Pages
        r(Method::GET, "/", Empty, [200; 5]),
        r(Method::GET, "/login", Empty, [200, 303, 303, 303, 303]),
        r(Method::POST, "/login", Form(bad_login_form), [401; 5]),
        r(Method::POST, "/logout", Form(|_| vec![]), [303; 5]),
        r(Method::GET, "/register", Empty, [200, 303, 303, 303, 303]),
        r(Method::POST, "/register", Form(bad_register_form), [422; 5]),
        r(Method::GET, "/sites", Empty, [200; 5]),
        r(Method::GET, "/sites/new", Empty, [303, 403, 200, 403, 200]),
        r(
            Method::POST,
            "/sites/new",
            Multipart(site_multipart),
            [303, 403, 303, 403, 303],
        ),
        r(Method::GET, "/sites/{site}", Empty, [200; 5]),
        r(
            Method::POST,
            "/sites/{site}/layout/preview",
            Form(layout_form),
            [303, 403, 404, 403, 200],
        ),
        r(
            Method::POST,
            "/sites/{site}/zones",
            Form(zone_form),
            [303, 403, 404, 403, 303],
        ),
        r(
            Method::POST,
            "/sites/{site}/edit",
            Multipart(site_edit_multipart),
            [303, 403, 404, 403, 303],
        ),
        r(
            Method::POST,
            "/stalls/{stall}",
            Form(stall_form),
            [303, 403, 404, 403, 303],
        ),
        r(
            Method::GET,
            "/admin/users",
            Empty,
            [303, 403, 403, 403, 200],
        ),
        r(
            Method::POST,
            "/admin/users",
            Form(user_form),
            [303, 403, 403, 403, 303],
        ),
        r(
            Method::POST,
            "/admin/users/{manager}/sites",
            Form(site_form),
            [303, 403, 403, 403, 303],
        ),
        r(Method::POST, "/admin/users/{manager}/disabled", Form(|_| vec![("disabled".into(), "false".into())]), [303, 403, 403, 403, 303]),
        r(Method::GET, "/audit", Empty, [303, 403, 403, 200, 200]),
        r(Method::GET, "/lang/{lang}", Empty, [303; 5]),
        r(Method::GET, "/assets/{asset}", Empty, [200; 5]),
        // Markets, sessions, applications, bookings, offers, notices
        r(
            Method::POST,
            "/api/v1/markets",
            Json(crate::market_fixtures::role_market_body),
            [401, 403, 201, 403, 201],
        ),
        r(Method::GET, "/api/v1/markets", Empty, [200; 5]),
        r(
            Method::GET,
            "/api/v1/markets/{market}/sessions",
            Empty,
            [200; 5],
        ),
        r(
            Method::POST,
            "/api/v1/sessions/{session2}/cancel",
            Json(|_| json!({"reason": "大风"})),
            [401, 403, 404, 403, 200],
        ),
        r(
            Method::POST,
            "/api/v1/applications",
            Json(crate::market_fixtures::role_application_body),
            [401, 403, 403, 403, 403],
        ),
        r(
            Method::GET,
            "/api/v1/applications",
            Empty,
            [401, 200, 200, 200, 200],
        ),
        r(
            Method::GET,
            "/api/v1/applications/{application}",
            Empty,
            [401, 404, 404, 200, 200],
        ),
        r(
            Method::DELETE,
            "/api/v1/applications/{application}",
            Empty,
            [401, 404, 403, 403, 403],
        ),
        r(
            Method::POST,
            "/api/v1/applications/{application}/decision",
            Json(|_| json!({"decision": "waitlist"})),
            [401, 403, 404, 403, 200],
        ),
        r(
            Method::POST,
            "/api/v1/bookings",
            Json(crate::market_fixtures::role_booking_body),
            [401, 403, 404, 403, 201],
        ),
        r(
            Method::GET,
            "/api/v1/sessions/{session}/bookings",
            Empty,
            [401, 200, 404, 200, 200],
        ),
        r(
            Method::DELETE,
            "/api/v1/bookings/{booking}",
            Empty,
            [401, 404, 404, 403, 204],
        ),
        r(Method::POST, "/api/v1/bookings/{booking2}/move", Json(crate::booking_moves::role_move_body), [401, 404, 404, 403, 200]),
        r(Method::POST, "/bookings/move", Form(crate::booking_moves::role_move_form), [303, 404, 404, 403, 303]),
        r(
            Method::POST,
            "/api/v1/bookings/{booking2}/check-in",
            Empty,
            [401, 403, 404, 403, 422],
        ),
        r(
            Method::GET,
            "/api/v1/offers",
            Empty,
            [401, 200, 200, 200, 200],
        ),
        r(
            Method::POST,
            "/api/v1/offers/{offer}/accept",
            Empty,
            [401, 404, 403, 403, 403],
        ),
        r(
            Method::POST,
            "/api/v1/offers/{offer}/decline",
            Empty,
            [401, 404, 403, 403, 403],
        ),
        r(
            Method::GET,
            "/api/v1/notices",
            Empty,
            [401, 200, 200, 200, 200],
        ),
        // Vendor pages, permits, public pages, calendar feed
        r(Method::GET, "/open-now", Empty, [200; 5]),
        r(Method::GET, "/sessions/{session}/plan", Empty, [200; 5]),
        r(Method::GET, "/permits/{booking2}", Empty, [303, 404, 404, 200, 200]),
        r(Method::GET, "/permit/not-a-real-token", Empty, [404; 5]),
        r(Method::GET, "/permit/{permit}", Empty, [200; 5]),
        r(Method::GET, "/markets", Empty, [200; 5]),
        r(Method::POST, "/markets", Form(crate::market_fixtures::role_market_form), [303, 403, 303, 403, 303]),
        r(Method::GET, "/applications", Empty, [303, 200, 200, 200, 200]),
        r(Method::POST, "/applications", Form(crate::market_fixtures::role_application_form), [303, 403, 403, 403, 403]),
        r(Method::POST, "/offers/{offer}/accept", Form(|_| vec![]), [303, 404, 403, 403, 403]),
        r(Method::POST, "/offers/{offer}/decline", Form(|_| vec![]), [303, 404, 403, 403, 403]),
        r(Method::POST, "/calendar/reset", Form(|_| vec![]), [303, 403, 403, 403, 403]),
        r(Method::GET, "/api/v1/vendors/{vendor}/schedule.ics", Empty, [401, 404, 403, 403, 403]),
        r(Method::GET, "/api/v1/vendors/{vendor}/schedule.ics?token=forged", Empty, [404; 5]),
        r(Method::GET, "/schedule/month", Empty, [303, 403, 403, 403, 403]), // the table's vendor account has no profile
        r(Method::GET, "/schedule/month?month=2026-13", Empty, [303, 403, 403, 403, 403]),
        r(Method::GET, "/sessions/{session}/choose", Empty, [303, 403, 403, 403, 403]),
        r(Method::POST, "/sessions/{session}/choose", Form(choose_form), [303, 403, 403, 403, 403]),
        r(Method::GET, "/register/check?field=phone&value=13912345678", Empty, [200; 5]),
        r(Method::GET, "/register/check?field=login&value=x", Empty, [400; 5]),
        // Allocation runs (a market and drafts of their own, created by an admin).
        r(
            Method::POST,
            "/api/v1/markets/{alloc_market}/allocations",
            Json(crate::allocation::role_run_body),
            [401, 403, 404, 403, 201],
        ),
        r(
            Method::GET,
            "/api/v1/allocations/{allocation}",
            Empty,
            [401, 403, 404, 200, 200],
        ),
        r(
            Method::GET,
            "/allocations/{allocation}",
            Empty,
            [303, 403, 404, 200, 200],
        ),
        r(
            Method::GET,
            "/allocations/{allocation}/public",
            Empty,
            [404, 404, 404, 200, 200],
        ),
        r(
            Method::POST,
            "/markets/{alloc_market}/allocations",
            Form(crate::allocation::role_run_form),
            [303, 403, 404, 403, 303],
        ),
        r(
            Method::POST,
            "/api/v1/allocations/{allocation}/publish",
            Empty,
            [401, 403, 404, 403, 200],
        ),
        r(
            Method::GET,
            "/allocations/{allocation}/public",
            Empty,
            [200, 200, 200, 200, 200],
        ),
        r(
            Method::POST,
            "/allocations/{allocation2}/publish",
            Form(|_| Vec::new()),
            [303, 403, 404, 403, 303],
        ),
        // TOTP second factor (each role's client is a fresh account without one).
        r(Method::POST, "/api/v1/me/totp", Json(|_| json!({})), [401, 403, 201, 201, 201]),
        r(Method::POST, "/api/v1/me/totp/confirm", Json(|_| json!({"code": "000000"})), [401, 403, 409, 409, 409]),
        r(Method::DELETE, "/api/v1/users/{manager}/totp", Empty, [401, 403, 403, 403, 204]),
        r(Method::GET, "/account/totp", Empty, [303, 403, 200, 200, 200]),
        r(Method::POST, "/api/v1/me/password", Json(|_| json!({"current_password": "not-it-1234", "new_password": "brand-new-pass-7"})), [401, 422, 422, 422, 422]),
        r(Method::GET, "/account/password", Empty, [303, 200, 200, 200, 200]),
        r(Method::POST, "/account/password", Form(|_| vec![("current_password".into(), "not-it-1234".into()), ("new_password".into(), "brand-new-pass-7".into())]), [303, 422, 422, 422, 422]),
        r(Method::POST, "/account/totp", Form(|_| vec![]), [303, 403, 200, 200, 200]),
        r(Method::POST, "/account/totp/confirm", Form(|_| vec![("code".into(), "000000".into())]), [303, 403, 409, 409, 409]),
        r(Method::POST, "/login/totp", Form(|_| vec![("challenge".into(), "forged".into()), ("code".into(), "000000".into())]), [401; 5]),
        r(Method::POST, "/admin/users/{manager}/totp/reset", Form(|_| vec![]), [303, 403, 403, 403, 303]),
        // Last: a new layout replaces the stalls other rows refer to.
        r(
            Method::POST,
            "/sites/{site}/layout",
            Form(layout_form),
            [303, 403, 404, 403, 303],
        ),
        r(
            Method::PUT,
            "/api/v1/sites/{site}/layout",
            Json(layout_body),
            [401, 403, 404, 403, 200],
        ),
        // Reports
        r(
            Method::GET,
            "/api/v1/reports/occupancy",
            Empty,
            [401, 403, 200, 200, 200],
        ),
        r(
            Method::GET,
            "/api/v1/reports/occupancy?group_by=month&format=xlsx",
            Empty,
            [401, 403, 200, 200, 200],
        ),
        r(Method::GET, "/reports", Empty, [303, 403, 200, 200, 200]),
        // The bureau's figures: sales reports, the summary, open data (see figures_*.rs).
        r(Method::POST, "/api/v1/sales-reports", Json(crate::figures_sales::role_sales_body), [401, 404, 404, 403, 422]),
        r(Method::PUT, "/api/v1/sales-reports/{salesreport}", Json(|_| json!({"sales_yuan": "88.80"})), [401, 404, 404, 403, 200]),
        r(Method::PUT, "/api/v1/markets/{market}/sales-reporting", Json(|_| json!({"reporting": "required"})), [401, 403, 404, 403, 200]),
        r(Method::GET, "/api/v1/reports/summary", Empty, [401, 403, 200, 200, 200]),
        r(Method::GET, "/api/v1/open/stalls.geojson", Empty, [200; 5]),
        r(Method::GET, "/api/v1/open/occupancy.csv", Empty, [200; 5]),
        r(Method::GET, "/api/v1/open/stalls.geojson?name=x", Empty, [400; 5]),
        r(Method::GET, "/sales", Empty, [303, 200, 200, 403, 200]),
        r(Method::POST, "/sales/bookings/{booking2}", Form(crate::figures_sales::role_sales_form), [303, 404, 404, 403, 422]),
        r(Method::POST, "/sales/markets/{market}", Form(|_| vec![("reporting".into(), "optional".into())]), [303, 403, 404, 403, 303]),
        r(Method::GET, "/reports/summary", Empty, [303, 403, 200, 200, 200]),
        r(Method::GET, "/reports/summary.doc", Empty, [303, 403, 200, 200, 200]),
        r(Method::GET, "/open-data", Empty, [200; 5]),
        // Documents (of the role fixture's vendor) and the vendor's profile page
        r(Method::POST, "/api/v1/vendors/{vendor}/documents", Json(crate::documents::role_upload_body), [401, 404, 403, 403, 403]),
        r(Method::GET, "/api/v1/vendors/{vendor}/documents", Empty, [401, 404, 404, 404, 200]),
        r(Method::GET, "/api/v1/documents/{document}", Empty, [401, 404, 404, 404, 200]),
        r(Method::GET, "/documents/{document}", Empty, [303, 404, 404, 404, 200]),
        r(Method::POST, "/documents/{document2}/delete", Form(|_| vec![]), [303, 404, 404, 404, 303]),
        r(Method::DELETE, "/api/v1/documents/{document}", Empty, [401, 404, 404, 404, 204]),
        r(Method::GET, "/me/profile", Empty, [303, 404, 403, 403, 403]),
        r(Method::POST, "/me/profile", Form(|_| vec![("products".into(), "x".into())]), [303, 404, 403, 403, 403]),
        r(Method::POST, "/me/documents", Multipart(|_| vec![("kind".into(), "local".into())]), [303, 404, 403, 403, 403]),
    ];
    rows.extend(night_rows());
    rows
}

/// The market night [night]: absence, attendance, inspections, demerits, complaints. No write
/// succeeds ({offer} is an id that names nothing).
#[rustfmt::skip]
fn night_rows() -> Vec<Row> {
    use Body::*;
    let r = |method: Method, path: &'static str, body: Body, expect: [u16; 5]| Row { method, path, body, expect };
    let long = |_| json!({"reason": "长".repeat(501)});
    vec![
        r(Method::POST, "/api/v1/bookings/{booking2}/absence", Json(long), [401, 404, 404, 403, 422]),
        r(Method::POST, "/bookings/{booking2}/absence", Form(|_| vec![("reason".into(), "长".repeat(501))]), [303, 404, 404, 403, 422]),
        r(Method::GET, "/api/v1/vendors/{vendor}/attendance", Empty, [401, 404, 200, 200, 200]),
        r(Method::GET, "/api/v1/vendors/{vendor}/demerits", Empty, [401, 404, 200, 200, 200]),
        r(Method::GET, "/api/v1/inspection-codes", Empty, [200; 5]),
        r(Method::POST, "/api/v1/inspections", Json(|_| json!({"session_id": crate::market_fixtures::role_ids().session, "stall_id": crate::market_fixtures::role_ids().stall, "items": [{"code": "juggling"}]})), [401, 403, 404, 403, 422]),
        r(Method::GET, "/api/v1/inspections/{offer}", Empty, [401, 404, 404, 404, 404]),
        r(Method::GET, "/api/v1/inspections/{offer}/photos/{offer}", Empty, [401, 404, 404, 404, 404]),
        r(Method::POST, "/api/v1/inspections/{offer}/appeal", Json(|_| json!({"text": "x"})), [401, 404, 404, 404, 404]),
        r(Method::POST, "/api/v1/inspections/{offer}/appeal/decision", Json(|_| json!({"decision": "uphold", "reason": "x"})), [401, 403, 404, 403, 404]),
        r(Method::POST, "/api/v1/complaints", Json(|_| json!({"lon": 0.0, "lat": 0.0, "at": "2026-01-01T20:00:00+08:00", "kind": "noise", "text": "吵"})), [422; 5]),
        r(Method::GET, "/api/v1/complaints", Empty, [401, 403, 200, 200, 200]),
        r(Method::GET, "/api/v1/me/complaints", Empty, [401, 403, 403, 403, 403]),
        r(Method::POST, "/api/v1/complaints/{offer}/close", Json(|_| json!({"outcome": "x"})), [401, 403, 404, 403, 404]),
        r(Method::GET, "/conduct", Empty, [200; 5]),
        r(Method::GET, "/sessions/{session}/inspect", Empty, [303, 403, 404, 403, 200]),
        r(Method::POST, "/sessions/{session}/inspect", Form(|_| vec![("stall_id".into(), crate::market_fixtures::role_ids().stall.to_string()), ("code".into(), "juggling".into())]), [303, 403, 404, 403, 422]),
        r(Method::GET, "/inspections", Empty, [303, 403, 200, 200, 200]),
        r(Method::POST, "/inspections/{offer}/appeal", Form(|_| vec![("text".into(), "x".into())]), [303, 404, 404, 404, 404]),
        r(Method::POST, "/inspections/{offer}/decision", Form(|_| vec![("decision".into(), "uphold".into()), ("reason".into(), "x".into())]), [303, 403, 404, 403, 404]),
        r(Method::GET, "/me/conduct", Empty, [303, 403, 403, 403, 403]),
        r(Method::POST, "/markets/{market}/conduct-rule", Form(|_| vec![("min_rate_pct".into(), "150".into()), ("window_days".into(), "90".into()), ("suspension_days".into(), "30".into())]), [303, 403, 404, 403, 422]),
        r(Method::GET, "/complaint", Empty, [200; 5]),
        r(Method::GET, "/complaint/sent?n=1", Empty, [200; 5]),
        r(Method::POST, "/complaint", Form(|_| vec![("lon".into(), "0".into()), ("lat".into(), "0".into()), ("at".into(), "2026-01-01T20:00".into()), ("kind".into(), "noise".into()), ("text".into(), "吵".into())]), [422; 5]),
        r(Method::GET, "/complaints", Empty, [303, 403, 200, 200, 200]),
        r(Method::POST, "/complaints/{offer}/close", Form(|_| vec![("outcome".into(), "x".into())]), [303, 403, 404, 403, 404]),
    ]
    .into_iter()
    .chain(scheduling_rows())
    .collect()
}

/// Scheduling (issue 17): the role fixture's market and site; the role table's manager does not
/// manage the market (404), so each write succeeds once, for the admin.
fn scheduling_rows() -> Vec<Row> {
    use crate::market_fixtures::{day, role_ids};
    use Body::*;
    let r = |method: Method, path: &'static str, body: Body, expect: [u16; 5]| Row {
        method,
        path,
        body,
        expect,
    };
    let d = |n: i64| day(n).to_string();
    let _ = d;
    vec![
        r(
            Method::GET,
            "/api/v1/markets/{market}/schedule",
            Empty,
            [200; 5],
        ),
        r(
            Method::GET,
            "/api/v1/sites/{site}/timeline",
            Empty,
            [200; 5],
        ),
        r(Method::GET, "/sites/{site}/timeline", Empty, [200; 5]),
        r(
            Method::PATCH,
            "/api/v1/markets/{market}",
            Json(|_| json!({"self_select": false})),
            [401, 403, 404, 403, 200],
        ),
        r(
            Method::POST,
            "/api/v1/markets/preview",
            Json(|_| crate::market_fixtures::night_market(role_ids().site, day(300), day(301))),
            [401, 403, 200, 403, 200],
        ),
        r(
            Method::POST,
            "/api/v1/markets/{market}/schedule",
            Json(
                |_| json!({"site_id": role_ids().site, "segment": "夜市", "weekdays": [1,2,3,4,5,6,7], "from": day(10).to_string(), "to": day(11).to_string()}),
            ),
            [401, 403, 404, 403, 201],
        ),
        r(
            Method::POST,
            "/api/v1/markets/{market}/segments/{segment}/hours",
            Json(|_| json!({"start": "18:00", "end": "22:30", "from": day(60).to_string()})),
            [401, 403, 404, 403, 200],
        ),
        r(
            Method::POST,
            "/api/v1/markets/{market}/closures",
            Json(
                |_| json!({"from": day(50).to_string(), "to": day(51).to_string(), "reason": "角色测试"}),
            ),
            [401, 403, 404, 403, 201],
        ),
        r(
            Method::POST,
            "/api/v1/markets/{market}/clone",
            Json(|_| json!({"from": day(500).to_string(), "to": day(502).to_string()})),
            [401, 403, 404, 403, 201],
        ),
        r(
            Method::PATCH,
            "/api/v1/schedule-rows/{schedule_row}",
            Json(|_| json!({"to": day(3).to_string()})),
            [401, 403, 404, 403, 200],
        ),
        r(
            Method::GET,
            "/api/v1/me/season-offers",
            Empty,
            [401, 200, 403, 403, 403],
        ),
        r(
            Method::POST,
            "/api/v1/season-offers/{offer}/accept",
            Empty,
            [401, 404, 404, 404, 404],
        ),
        r(
            Method::POST,
            "/api/v1/season-offers/{offer}/decline",
            Empty,
            [401, 404, 404, 404, 404],
        ),
        // Pages
        r(
            Method::GET,
            "/markets/new",
            Empty,
            [303, 403, 200, 403, 200],
        ),
        r(
            Method::GET,
            "/markets/{market}/edit",
            Empty,
            [303, 403, 404, 403, 200],
        ),
        r(
            Method::POST,
            "/markets/{market}/edit",
            Form(|_| vec![("name".into(), "文昌路夜市".into())]),
            [303, 403, 404, 403, 303],
        ),
        r(
            Method::POST,
            "/markets/{market}/schedule",
            Form(|_| {
                vec![
                    ("site_id".into(), role_ids().site.to_string()),
                    ("segment".into(), "夜市".into()),
                    ("weekdays".into(), "3".into()),
                    // A week, so a Wednesday falls in it whatever today is.
                    ("from".into(), day(20).to_string()),
                    ("to".into(), day(26).to_string()),
                ]
            }),
            [303, 403, 404, 403, 303],
        ),
        r(
            Method::POST,
            "/markets/{market}/hours",
            Form(|_| {
                vec![
                    ("segment".into(), "夜市".into()),
                    ("start".into(), "18:00".into()),
                    ("end".into(), "22:30".into()),
                    ("from".into(), day(61).to_string()),
                ]
            }),
            [303, 403, 404, 403, 303],
        ),
        r(
            Method::POST,
            "/markets/{market}/closures",
            Form(|_| {
                vec![
                    ("from".into(), day(52).to_string()),
                    ("to".into(), day(52).to_string()),
                    ("reason".into(), "角色测试".into()),
                ]
            }),
            [303, 403, 404, 403, 303],
        ),
        r(
            Method::POST,
            "/markets/{market}/clone",
            Form(|_| {
                vec![
                    ("from".into(), day(600).to_string()),
                    ("to".into(), day(601).to_string()),
                ]
            }),
            [303, 403, 404, 403, 303],
        ),
        r(
            Method::POST,
            "/schedule-rows/{schedule_row}",
            Form(|_| vec![("to".into(), day(3).to_string())]),
            [303, 403, 404, 403, 303],
        ),
        r(
            Method::POST,
            "/season-offers/{offer}/accept",
            Form(|_| vec![]),
            [303, 404, 404, 404, 404],
        ),
        r(
            Method::POST,
            "/season-offers/{offer}/decline",
            Form(|_| vec![]),
            [303, 404, 404, 404, 404],
        ),
    ]
}

/// The first schedule row of the role fixture's market.
async fn role_schedule_row(app: &TestApp, market: i64) -> String {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    entity::market_schedules::Entity::find()
        .filter(entity::market_schedules::Column::MarketId.eq(market as i32))
        .order_by_asc(entity::market_schedules::Column::Id)
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("the role market's row")
        .id
        .to_string()
}

async fn client_for(app: &TestApp, who: Who) -> Client {
    match who {
        Who::Anonymous => app.client(),
        Who::As(role) => app.login_as(role).await,
    }
}

#[tokio::test]
async fn every_route_answers_each_role_as_the_table_says() {
    let (app, _) = TestApp::with_demo().await;
    // Fortune Plaza: the second demo site.
    let site = app.client().get("/api/v1/sites").await.json()["items"][1]["id"].to_string();
    let stall = app
        .client()
        .get(&format!("/api/v1/sites/{site}/stalls"))
        .await
        .json()["items"][0]["id"]
        .to_string();
    let manager = app
        .user("role-manager", Role::Manager, "role-pass-123")
        .await
        .to_string();
    let market_ids = crate::market_fixtures::role_fixture(&app).await;
    let alloc = crate::allocation::role_allocation(&app).await;
    let (document, document2) = crate::documents::role_documents(&app, market_ids.vendor).await;
    crate::booking_moves::role_moves(&app, &market_ids).await;
    let permit = permit_of(&app, market_ids.booking2).await;
    let schedule_row = role_schedule_row(&app, market_ids.market).await;
    let sales_report = crate::figures_sales::role_sales_report(&app)
        .await
        .to_string();
    let mut failures = Vec::new();
    for row in rows() {
        let path = row
            .path
            .replace("{site}", &site)
            .replace("{manager}", &manager)
            .replace("{stall}", &stall)
            .replace("{lang}", "en")
            .replace("{asset}", "app.css");
        let path = crate::market_fixtures::with_role_ids(&path, &market_ids)
            .replace("{role_site}", &market_ids.site.to_string())
            .replace("{role_stall}", &market_ids.stall.to_string());
        let path = path
            .replace("{alloc_market}", &alloc.market)
            .replace("{allocation2}", &alloc.allocation2)
            .replace("{allocation}", &alloc.allocation)
            .replace("{document2}", &document2)
            .replace("{document}", &document)
            .replace("{permit}", &permit)
            .replace("{schedule_row}", &schedule_row)
            .replace("{segment}", "%E5%A4%9C%E5%B8%82")
            .replace("{salesreport}", &sales_report);
        for (who, expected) in WHO.iter().zip(row.expect) {
            let mut c = client_for(&app, *who).await;
            let n = SEQ.fetch_add(1, Ordering::SeqCst);
            let resp = match &row.body {
                Body::Empty => c.call(row.method.clone(), &path).await,
                Body::Json(make) => c.json(row.method.clone(), &path, &make(n)).await,
                Body::Form(make) | Body::Multipart(make) => {
                    let pairs = make(n);
                    let refs: Vec<(&str, &str)> = pairs
                        .iter()
                        .map(|(k, v)| (k.as_str(), v.as_str()))
                        .collect();
                    let page = if matches!(who, Who::Anonymous) {
                        "/login"
                    } else {
                        "/"
                    };
                    if matches!(row.body, Body::Multipart(_)) {
                        c.submit_multipart(page, &path, &refs).await
                    } else {
                        c.submit(page, &path, &refs).await
                    }
                }
            };
            if resp.status.as_u16() != expected {
                failures.push(format!(
                    "{} {} as {:?}: expected {expected}, got {} {}",
                    row.method,
                    path,
                    who,
                    resp.status,
                    resp.text().chars().take(160).collect::<String>()
                ));
            }
            if expected == 303
                && matches!(who, Who::Anonymous)
                && row.method != Method::GET
                && row.path != "/logout"
            {
                assert!(resp.location().starts_with("/login"), "{path}");
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The token of a booking's permit (issued here, as opening the permit page would).
async fn permit_of(app: &TestApp, booking: i64) -> String {
    use sea_orm::EntityTrait;
    let booking = entity::bookings::Entity::find_by_id(i32::try_from(booking).unwrap())
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("the role table's booking");
    nightmarket::permits::ensure(&app.state.db, &booking)
        .await
        .unwrap()
        .token
}

#[tokio::test]
async fn every_api_route_has_a_row() {
    let app = TestApp::new().await;
    let spec = app.client().get("/api/v1/openapi.json").await.json();
    let table: Vec<(String, String)> = rows()
        .iter()
        .map(|r| {
            (
                r.method.as_str().to_lowercase(),
                crate::market_fixtures::as_spec_path(r.path),
            )
        })
        .collect();
    for (path, ops) in spec["paths"].as_object().unwrap() {
        for method in ops.as_object().unwrap().keys() {
            assert!(
                table.contains(&(method.clone(), crate::market_fixtures::as_spec_path(path))),
                "{method} {path} has no row in the role table"
            );
        }
    }
    assert_eq!(StatusCode::OK, app.client().get("/healthz").await.status);
}

/// Every (method, path) of the table, for `every_page_route_has_a_row` in `object_access.rs`.
pub(crate) fn route_keys() -> Vec<(Method, &'static str)> {
    rows().into_iter().map(|r| (r.method, r.path)).collect()
}

/// A stall drawn by hand on the role fixture's site (43 × 33 m, its stalls have no shapes), a
/// different place for every request.
fn hand_stall_body(n: u32) -> Value {
    let (x, y) = (
        100.8101 + f64::from(n % 5) * 0.00006,
        38.4301 + f64::from(n / 5 % 4) * 0.00003,
    );
    let (dx, dy) = (3.0 / 87_220.0, 2.5 / 110_990.0);
    json!({"polygon": {"type": "Polygon", "coordinates": [[[x + dx, y + dy], [x, y + dy], [x, y], [x + dx, y], [x + dx, y + dy]]]}})
}

/// The stall editor and assigning from the plan (run last: they delete the role fixture's
/// free stall).
#[rustfmt::skip]
fn editor_rows() -> Vec<Row> {
    use Body::*;
    let r = |method: Method, path: &'static str, body: Body, expect: [u16; 5]| Row { method, path, body, expect };
    vec![
        r(Method::GET, "/api/v1/sessions/{session}/candidates", Empty, [401, 403, 404, 403, 200]),
        r(Method::GET, "/sessions/{session}/candidates?stall={role_stall}", Empty, [303, 403, 404, 403, 200]),
        r(Method::GET, "/sites/{role_site}/editor", Empty, [303, 403, 404, 403, 200]),
        r(Method::POST, "/sites/{role_site}/editor", Form(|_| vec![("action".into(), "lock".into())]), [303, 403, 404, 403, 422]),
        r(Method::POST, "/api/v1/sites/{role_site}/stalls", Json(hand_stall_body), [401, 403, 404, 403, 201]),
        // Its bookings (sessions not yet ended) keep it.
        r(Method::DELETE, "/api/v1/stalls/{role_stall}", Empty, [401, 403, 404, 403, 409]),
    ]
}
