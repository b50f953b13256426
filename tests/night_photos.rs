//! Inspection photos: taken with the inspection (API and the manager's phone form) under the
//! upload rules of documents, shown on the inspection and to its vendor only; a file that is
//! no image, too many or too large photos are refused and nothing is written.

use crate::documents::jpeg_with_exif;
use crate::market_fixtures::*;
use crate::support::{Client, TestApp};
use base64::Engine;
use http::{Method, StatusCode, header};
use nightmarket::identity::Role;
use sea_orm::{ActiveModelTrait, EntityTrait, PaginatorTrait, Set};
use serde_json::{Value, json};

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

async fn counts(app: &TestApp) -> (u64, u64) {
    (
        entity::inspections::Entity::find()
            .count(app.conn())
            .await
            .unwrap(),
        entity::inspection_photos::Entity::find()
            .count(app.conn())
            .await
            .unwrap(),
    )
}

/// An inspection of `booking` in market `market` (one hygiene item) with one small PNG photo,
/// written directly for fixtures whose sessions have not started: (inspection, photo).
pub async fn insert_inspection(app: &TestApp, booking: i32, market: i32) -> (i32, i32) {
    let b = entity::bookings::Entity::find_by_id(booking)
        .one(app.conn())
        .await
        .unwrap()
        .expect("booking");
    let s = entity::market_sessions::Entity::find_by_id(b.session_id)
        .one(app.conn())
        .await
        .unwrap()
        .expect("session");
    let now = chrono::Utc::now();
    let i = entity::inspections::ActiveModel {
        session_id: Set(b.session_id),
        stall_id: Set(b.stall_id),
        vendor_id: Set(b.vendor_id),
        market_id: Set(market),
        booking_id: Set(b.id),
        business_date: Set(s.business_date),
        status: Set(entity::inspections::InspectionStatus::Active),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(app.conn())
    .await
    .expect("inspection");
    entity::inspection_items::ActiveModel {
        inspection_id: Set(i.id),
        code: Set("hygiene".into()),
        points: Set(2),
        note: Set(None),
        ..Default::default()
    }
    .insert(app.conn())
    .await
    .expect("item");
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(4, 4, image::Rgb([9, 9, 9])))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let p = entity::inspection_photos::ActiveModel {
        inspection_id: Set(i.id),
        content_type: Set("image/png".into()),
        size_bytes: Set(png.len() as i64),
        sha256: Set("-".into()),
        data: Set(png),
        uploaded_by: Set(None),
        uploaded_at: Set(now),
        ..Default::default()
    }
    .insert(app.conn())
    .await
    .expect("photo");
    (i.id, p.id)
}

/// A running session with vendors A and B booked on its first two stalls: (admin, A, B,
/// session, stalls).
async fn tonight(app: &TestApp) -> (Client, Client, Client, Value, Vec<i32>) {
    let s = site(app, "PHO").await;
    let st = stalls(app, s, "PHO", 3).await;
    let mut admin = app.login_as(Role::Admin).await;
    let (_, session) = running_market(&mut admin, s).await;
    let (a, a_id) = vendor(app, "服装百货", None).await;
    let (b, b_id) = vendor(app, "服装百货", None).await;
    for (stall, v) in [(st[0], a_id), (st[1], b_id)] {
        let r = admin
            .post_json(
                "/api/v1/bookings",
                &json!({"session_id": session["id"], "stall_id": stall, "vendor_id": v}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    }
    (admin, a, b, session, st)
}

fn inspection(session: &Value, stall: i32, photos: &[&[u8]]) -> Value {
    let photos: Vec<Value> = photos
        .iter()
        .map(|p| json!({"content_base64": b64(p)}))
        .collect();
    json!({"session_id": session["id"], "stall_id": stall,
           "items": [{"code": "hygiene", "note": "地面油污"}], "photos": photos})
}

/// The inspection form of the session page as a phone sends it: items, a note, files.
async fn page_form(
    c: &mut Client,
    session_id: i64,
    stall: i32,
    files: &[(&str, &[u8])],
) -> crate::support::client::Resp {
    let page = format!("/sessions/{session_id}/inspect");
    let token = c.csrf_from(&page).await;
    let boundary = "----nm-inspect-test";
    let mut body = Vec::new();
    for (name, value) in [
        ("stall_id", stall.to_string()),
        ("code", "smoke".into()),
        ("note", "油烟".into()),
    ] {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    for (name, bytes) in files {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"{name}\"\r\nContent-Type: image/jpeg\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    c.raw(
        Method::POST,
        &format!("{page}?_csrf={token}"),
        &format!("multipart/form-data; boundary={boundary}"),
        &body,
    )
    .await
}

#[tokio::test]
async fn photos_are_kept_with_the_inspection_and_only_its_vendor_and_staff_see_them() {
    let app = TestApp::new().await;
    let (mut admin, mut a, mut b, session, st) = tonight(&app).await;
    let photo = jpeg_with_exif();
    let r = admin
        .post_json(
            "/api/v1/inspections",
            &inspection(&session, st[0], &[&photo]),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let id = r.json()["id"].as_i64().unwrap();

    // The inspection shows its items and its photo.
    let detail = admin.get(&format!("/api/v1/inspections/{id}")).await;
    assert_eq!(detail.status, StatusCode::OK, "{}", detail.text());
    let detail = detail.json();
    assert_eq!(detail["points"], 2, "{detail}");
    assert_eq!(detail["items"][0]["note"], "地面油污");
    let photos = detail["photos"].as_array().unwrap();
    assert_eq!(photos.len(), 1, "{detail}");
    assert_eq!(photos[0]["content_type"], "image/jpeg");
    let url = photos[0]["url"].as_str().unwrap().to_owned();

    // Its vendor sees the picture, without the phone's EXIF (GPS, model).
    let got = a.get(&url).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.headers[header::CONTENT_TYPE], "image/jpeg");
    assert_eq!(got.headers[header::CACHE_CONTROL], "private, no-store");
    assert!(!contains(&got.body, b"GPS"));
    image::load_from_memory(&got.body).expect("a picture");
    assert_eq!(
        a.get(&format!("/api/v1/inspections/{id}")).await.status,
        StatusCode::OK
    );
    let mine = a.get("/me/conduct").await;
    assert_eq!(
        mine.attr("p.photos img", "src").as_deref(),
        Some(url.as_str()),
        "{}",
        mine.text()
    );

    // Another vendor and strangers do not.
    assert_eq!(b.get(&url).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        b.get(&format!("/api/v1/inspections/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(b.get("/me/conduct").await.select("p.photos img").is_empty());
    assert_eq!(
        app.client().get(&url).await.status,
        StatusCode::UNAUTHORIZED
    );
    // A photo id under another inspection's id is not found either.
    let other = insert_inspection(
        &app,
        booking_of(&app, st[1]).await,
        detail["market_id"].as_i64().unwrap() as i32,
    )
    .await;
    assert_eq!(
        admin
            .get(&format!("/api/v1/inspections/{id}/photos/{}", other.1))
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // The phone form: two photos with B's inspection; B sees them, A does not.
    let session_id = session["id"].as_i64().unwrap();
    let r = page_form(
        &mut admin,
        session_id,
        st[1],
        &[("a.jpg", &photo), ("b.jpg", &photo)],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let page = admin.get(&format!("/sessions/{session_id}/inspect")).await;
    assert!(
        page.select("p.flash")[0].contains("检查已记录"),
        "said once it is saved"
    );
    assert_eq!(page.select("div.inspection").len(), 3, "{}", page.text());
    assert_eq!(page.select("p.photos img").len(), 4);
    let theirs = b.get("/me/conduct").await;
    let srcs = theirs.select("p.photos img");
    assert_eq!(srcs.len(), 3, "{}", theirs.text());
    assert_eq!(a.get("/me/conduct").await.select("p.photos img").len(), 1);
}

/// The booking of a stall (the first one found).
async fn booking_of(app: &TestApp, stall: i32) -> i32 {
    use sea_orm::{ColumnTrait, QueryFilter};
    entity::bookings::Entity::find()
        .filter(entity::bookings::Column::StallId.eq(stall))
        .one(app.conn())
        .await
        .unwrap()
        .expect("booked")
        .id
}

#[tokio::test]
async fn a_photo_that_is_no_image_too_many_or_too_large_is_refused_and_nothing_is_written() {
    let app = TestApp::new().await;
    let (mut admin, _, _, session, st) = tonight(&app).await;
    let photo = jpeg_with_exif();
    let pdf: &[u8] = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
    let before = counts(&app).await;
    let cases: Vec<(Value, &str)> = vec![
        (
            inspection(&session, st[0], &[&photo, pdf]),
            "unsupported_file_type",
        ),
        (
            inspection(&session, st[0], &[b"just text, saved as photo.jpg"]),
            "unsupported_file_type",
        ),
        (
            inspection(&session, st[0], &[&photo, &photo, &photo, &photo]),
            "too_many_photos",
        ),
        (
            json!({"session_id": session["id"], "stall_id": st[0], "items": [{"code": "smoke"}],
                   "photos": [{"content_base64": "***"}]}),
            "invalid_base64",
        ),
        (inspection(&session, st[2], &[&photo]), "stall_not_booked"),
    ];
    for (body, code) in cases {
        let r = admin.post_json("/api/v1/inspections", &body).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{code}: {}",
            r.text()
        );
        assert_eq!(r.error_code(), code, "{}", r.text());
    }
    // The reason in the reader's language.
    let r = admin
        .post_json("/api/v1/inspections", &inspection(&session, st[0], &[pdf]))
        .await;
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("JPEG"),
        "{}",
        r.text()
    );
    // A photo over 8 MiB.
    let mut big = photo.clone();
    big.resize(8 * 1024 * 1024 + 1, 0);
    let r = admin
        .post_json("/api/v1/inspections", &inspection(&session, st[0], &[&big]))
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.text());
    assert_eq!(r.error_code(), "file_too_large");

    // The phone form: a text file called .jpg comes back with the reason, in Chinese.
    let session_id = session["id"].as_i64().unwrap();
    let r = page_form(
        &mut admin,
        session_id,
        st[0],
        &[("x.jpg", b"not a picture")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert!(
        r.text().contains("照片须为 JPEG 或 PNG 图片"),
        "{}",
        r.text()
    );
    assert_eq!(counts(&app).await, before, "nothing written");
}
