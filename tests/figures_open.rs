//! Open data without login: stalls as GeoJSON with a date's state, occupancy and sales as CSV;
//! only documented parameters; never a name, phone or ID number; ETag and Cache-Control.

use crate::figures_sales::{book, insert_report, market_with_session};
use crate::market_fixtures::vendor_rows;
use crate::support::TestApp;
use chrono::Duration;
use http::{Request, StatusCode};

#[tokio::test]
async fn open_stalls_show_states_and_categories_but_never_people() {
    let app = TestApp::new().await;
    let (_, session, _, st) = market_with_session(&app, "OPA", 1).await;
    let vs = vendor_rows(&app, 1, "手工文创").await;
    let b = book(&app, session, st[0], vs[0]).await;
    insert_report(&app, i64::from(b), 12_345).await;
    let v = {
        use sea_orm::EntityTrait;
        entity::vendors::Entity::find_by_id(vs[0] as i32)
            .one(app.conn())
            .await
            .unwrap()
            .unwrap()
    };
    let date = nightmarket::clock::today() - Duration::days(1);
    let mut anon = app.client();
    let r = anon
        .get(&format!("/api/v1/open/stalls.geojson?date={date}"))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let text = r.text();
    for secret in [&v.name, &v.phone, &v.id_number] {
        assert!(!text.contains(secret.as_str()), "open data leaks {secret}");
    }
    let body = r.json();
    assert_eq!(body["type"], "FeatureCollection");
    let features = body["features"].as_array().unwrap();
    assert_eq!(features.len(), 4);
    let booked: Vec<_> = features
        .iter()
        .filter(|f| f["properties"]["status"] != "free")
        .collect();
    assert_eq!(booked.len(), 1);
    assert_eq!(booked[0]["properties"]["category"], "手工文创");
    assert_eq!(booked[0]["properties"]["site_code"], "OPA");
    assert_eq!(booked[0]["properties"]["status"], "checked_in");

    // Cached: the same ETag answers 304; a new booking changes it.
    let etag = r
        .headers
        .get("etag")
        .expect("an ETag")
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        r.headers
            .get("cache-control")
            .unwrap()
            .to_str()
            .unwrap()
            .contains("max-age")
    );
    let again = anon
        .send(
            Request::get(format!("/api/v1/open/stalls.geojson?date={date}"))
                .header("if-none-match", &etag)
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    book(
        &app,
        session,
        st[1],
        vendor_rows(&app, 1, "小吃餐饮").await[0],
    )
    .await;
    let changed = anon
        .get(&format!("/api/v1/open/stalls.geojson?date={date}"))
        .await;
    assert_ne!(changed.headers.get("etag").unwrap().to_str().unwrap(), etag);
    let n = changed.json()["features"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["properties"]["status"] != "free")
        .count();
    assert_eq!(n, 2, "the cache noticed the new booking");

    // The CSV: BOM, header, one line per session with the sales.
    let csv = anon
        .get(&format!("/api/v1/open/occupancy.csv?from={date}&to={date}"))
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    let csv_text = csv.text();
    assert!(
        csv_text.starts_with("\u{feff}site,date,segment,stalls,booked,checked_in,sales_yuan\r\n")
    );
    assert!(
        csv_text.contains(&format!("OPA,{date},夜市,4,2,2,123.45")),
        "{csv_text}"
    );
    assert!(!csv_text.contains(v.name.as_str()));

    let page = anon.get("/open-data").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("CC BY 4.0"));
}

#[tokio::test]
async fn open_data_takes_only_documented_parameters() {
    let app = TestApp::new().await;
    let mut anon = app.client();
    for path in [
        "/api/v1/open/stalls.geojson?name=张",
        "/api/v1/open/stalls.geojson?date=2026-01-01&date=2026-01-02",
        "/api/v1/open/stalls.geojson?phone=1",
        "/api/v1/open/occupancy.csv?site=1",
        "/api/v1/open/occupancy.csv?from=2026-01-01&limit=5",
    ] {
        let r = anon.get(path).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{path}");
        assert_eq!(r.error_code(), "unknown_parameter", "{path}");
    }
    let r = anon.get("/api/v1/open/stalls.geojson?date=tomorrow").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = anon
        .get("/api/v1/open/occupancy.csv?from=2026-02-01&to=2026-01-01")
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}
