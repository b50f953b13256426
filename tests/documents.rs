//! Vendors' documents: type by content, size limit, EXIF removed, served as attachments only
//! to the vendor, managers of their markets and admins; nothing written on a refusal.

use crate::market_fixtures::{day, market, night_market, site, vendor};
use crate::support::{Client, TestApp};
use base64::Engine;
use entity::{audit_log, documents};
use http::{Method, StatusCode, header};
use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, Rgb, RgbImage};
use nightmarket::identity::Role;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

/// A 24 × 16 JPEG with an EXIF APP1 segment carrying a "GPS" marker, as a phone writes it.
pub fn jpeg_with_exif() -> Vec<u8> {
    let img = RgbImage::from_fn(24, 16, |x, y| Rgb([(x * 10) as u8, (y * 15) as u8, 120]));
    let mut plain = Vec::new();
    DynamicImage::ImageRgb8(img)
        .write_with_encoder(JpegEncoder::new_with_quality(&mut plain, 90))
        .unwrap();
    let mut payload = b"Exif\0\0MM\0*\0\0\0\x08\0\0".to_vec();
    payload.extend_from_slice(b"GPS 38.4276N 100.8125E Phone-Model-X");
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&payload);
    out.extend_from_slice(&plain[2..]);
    out
}

fn png() -> Vec<u8> {
    let mut out = Vec::new();
    DynamicImage::ImageRgb8(RgbImage::from_pixel(10, 10, Rgb([200, 30, 30])))
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn upload_body(kind: &str, name: &str, bytes: &[u8]) -> Value {
    json!({"kind": kind, "filename": name,
           "content_base64": base64::engine::general_purpose::STANDARD.encode(bytes)})
}

async fn upload(
    c: &mut Client,
    vendor_id: i64,
    kind: &str,
    name: &str,
    bytes: &[u8],
) -> crate::support::client::Resp {
    c.post_json(
        &format!("/api/v1/vendors/{vendor_id}/documents"),
        &upload_body(kind, name, bytes),
    )
    .await
}

async fn stored(app: &TestApp) -> u64 {
    documents::Entity::find().count(app.conn()).await.unwrap()
}

/// A multipart body with a `kind` field and one file.
fn multipart(kind: &str, file_name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----nm-doc-test";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n{kind}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: image/jpeg\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn page_upload(
    c: &mut Client,
    kind: &str,
    name: &str,
    bytes: &[u8],
) -> crate::support::client::Resp {
    let token = c.csrf_from("/me/profile").await;
    let (ct, body) = multipart(kind, name, bytes);
    // Tokens are URL-safe Base64: no escaping needed in the query.
    let uri = format!("/me/documents?_csrf={token}");
    c.raw(Method::POST, &uri, &ct, &body).await
}

#[tokio::test]
async fn a_jpeg_is_stored_without_exif_and_served_as_a_private_attachment() {
    let app = TestApp::new().await;
    let (mut v, vid) = vendor(&app, "服装百货", None).await;
    let input = jpeg_with_exif();
    let r = upload(&mut v, vid, "veteran", "IMG_0001.jpg", &input).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let doc = r.json();
    assert_eq!(doc["content_type"], "image/jpeg");
    assert_eq!(doc["kind"], "veteran");
    let id = doc["id"].as_str().unwrap().to_owned();
    assert!(id.len() >= 20, "ids are random and long: {id}");

    let got = v.get(&format!("/api/v1/documents/{id}")).await;
    assert_eq!(got.status, StatusCode::OK);
    let h = |name| {
        got.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert!(
        h(header::CONTENT_DISPOSITION).starts_with("attachment"),
        "{}",
        h(header::CONTENT_DISPOSITION)
    );
    assert_eq!(h(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    assert_eq!(h(header::CACHE_CONTROL), "private, no-store");
    assert_eq!(h(header::CONTENT_TYPE), "image/jpeg");
    assert!(contains(&input, b"Exif"));
    assert!(!contains(&got.body, b"Exif"), "EXIF must be gone");
    assert!(!contains(&got.body, b"Phone-Model-X"));
    let back = image::load_from_memory(&got.body).unwrap();
    assert_eq!((back.width(), back.height()), (24, 16));

    let list = v
        .get(&format!("/api/v1/vendors/{vid}/documents"))
        .await
        .json();
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["original_name"], "IMG_0001.jpg");
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Entity.eq("document"))
        .filter(audit_log::Column::Action.eq("upload"))
        .count(app.conn())
        .await
        .unwrap();
    assert_eq!(audited, 1);
}

#[tokio::test]
async fn a_png_and_a_pdf_are_accepted_and_the_pdf_is_kept_as_is() {
    let app = TestApp::new().await;
    let (mut v, vid) = vendor(&app, "服装百货", None).await;
    let r = upload(&mut v, vid, "local", "户口本.png", &png()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(r.json()["content_type"], "image/png");
    let r = upload(&mut v, vid, "dibao", "低保证.pdf", PDF).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let id = r.json()["id"].as_str().unwrap().to_owned();
    let got = v.get(&format!("/api/v1/documents/{id}")).await;
    assert_eq!(got.body, PDF);
    assert_eq!(got.headers[header::CONTENT_TYPE], "application/pdf");
    // The file name served is ours, not the upload's.
    let disposition = got.headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(
        disposition.contains(".pdf") && !disposition.contains("低保"),
        "{disposition}"
    );
}

#[tokio::test]
async fn a_text_file_named_like_a_photo_is_refused_in_both_languages_and_nothing_is_stored() {
    let app = TestApp::new().await;
    let (mut v, vid) = vendor(&app, "服装百货", None).await;
    let r = upload(
        &mut v,
        vid,
        "health_cert",
        "photo.jpg",
        b"this is not a picture",
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.error_code(), "unsupported_file_type");
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("JPEG")
    );
    v.headers
        .insert(header::ACCEPT_LANGUAGE, "en".parse().unwrap());
    let r = upload(
        &mut v,
        vid,
        "health_cert",
        "photo.jpg",
        b"GIF89a not allowed",
    )
    .await;
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("Only JPEG")
    );
    // Starts like a JPEG, is not one.
    let r = upload(
        &mut v,
        vid,
        "health_cert",
        "x.jpg",
        &[0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3],
    )
    .await;
    assert_eq!(r.error_code(), "unreadable_image");
    let r = upload(&mut v, vid, "passport", "x.pdf", PDF).await;
    assert_eq!(r.error_code(), "invalid_document_kind");
    let r = v
        .post_json(
            &format!("/api/v1/vendors/{vid}/documents"),
            &json!({"kind": "local", "content_base64": "%%%"}),
        )
        .await;
    assert_eq!(r.error_code(), "invalid_base64");
    assert_eq!(stored(&app).await, 0);
}

#[tokio::test]
async fn an_oversized_upload_is_refused_with_413_and_nothing_is_stored() {
    let app = TestApp::new().await;
    let (mut v, vid) = vendor(&app, "服装百货", None).await;
    // A phone camera's 6 MB photo as it is: taken (an older vendor cannot shrink one).
    let mut camera = PDF.to_vec();
    camera.resize(6 * 1024 * 1024, b' ');
    let r = upload(&mut v, vid, "local", "camera.pdf", &camera).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let kept = stored(&app).await;
    // Just over 8 MiB: within the body limit, refused by the file limit.
    let mut big = PDF.to_vec();
    big.resize(8 * 1024 * 1024 + 1, b' ');
    let r = upload(&mut v, vid, "local", "big.pdf", &big).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.text());
    assert_eq!(r.error_code(), "file_too_large");
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("8 MB")
    );
    // 50 MB through the profile page's form: refused before it is read to the end.
    let mut huge = PDF.to_vec();
    huge.resize(50 * 1024 * 1024, b' ');
    let r = page_upload(&mut v, "local", "huge.pdf", &huge).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        r.text().contains("8 MB"),
        "{}",
        r.text().chars().take(300).collect::<String>()
    );
    // 50 MB to the API, as JSON.
    let r = upload(&mut v, vid, "local", "huge.pdf", &huge).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(stored(&app).await, kept, "nothing more stored");
}

#[tokio::test]
async fn the_profile_page_uploads_lists_and_deletes_documents() {
    let app = TestApp::new().await;
    let (mut v, _) = vendor(&app, "服装百货", None).await;
    let page = v.get("/me/profile").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text().contains("6207**********"),
        "the ID number is masked"
    );
    // No `capture`: a phone offers the camera and its files.
    assert!(page.attr("input[type=file]", "capture").is_none());
    let r = page_upload(&mut v, "health_cert", "健康证.jpg", &jpeg_with_exif()).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let page = v.get("/me/profile?done=uploaded").await;
    assert_eq!(page.select("table.documents tbody tr").len(), 1);
    assert!(page.text().contains("健康证.jpg"));
    let refused = page_upload(&mut v, "health_cert", "note.jpg", b"plain text").await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().contains("只能上传 JPEG"));
    assert_eq!(stored(&app).await, 1);

    let id = page.attr("tr[data-document]", "data-document").unwrap();
    let r = v
        .submit("/me/profile", &format!("/documents/{id}/delete"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(stored(&app).await, 0);
    let deletions = audit_log::Entity::find()
        .filter(audit_log::Column::Entity.eq("document"))
        .filter(audit_log::Column::Action.eq("delete"))
        .count(app.conn())
        .await
        .unwrap();
    assert_eq!(deletions, 1);
}

#[tokio::test]
async fn the_profile_edit_is_validated_and_saved() {
    let app = TestApp::new().await;
    let (mut v, _) = vendor(&app, "小吃餐饮", Some(day(100))).await;
    let r = v
        .submit(
            "/me/profile",
            "/me/profile",
            &[
                ("products", "凉皮"),
                ("health_cert_expires", ""),
                ("priority_groups", "veteran"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("健康证"));
    let r = v
        .submit(
            "/me/profile",
            "/me/profile",
            &[
                ("products", "凉皮"),
                ("health_cert_expires", &day(200).to_string()),
                ("priority_groups", "veteran"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let page = v.get("/me/profile").await.text();
    assert!(
        page.contains("凉皮") && page.contains("退役军人") && page.contains(&day(200).to_string())
    );
}

#[tokio::test]
async fn only_the_vendor_their_managers_and_admins_see_a_document() {
    let app = TestApp::new().await;
    let s = site(&app, "DOC").await;
    let (mut owner, vid) = vendor(&app, "服装百货", None).await;
    let (mut other, _) = vendor(&app, "服装百货", None).await;
    let id = upload(&mut owner, vid, "disabled", "证.pdf", PDF)
        .await
        .json()["id"]
        .as_str()
        .unwrap()
        .to_owned();

    // A manager whose market the vendor applied to.
    app.user("doc-manager", Role::Manager, "doc-pass-1234")
        .await;
    let mut own_manager = app.client();
    own_manager.login("doc-manager", "doc-pass-1234").await;
    let m = market(&mut own_manager, &night_market(s, day(1), day(5))).await;
    let r = owner
        .post_json("/api/v1/applications", &json!({"market_id": m, "from": day(1).to_string(), "to": day(2).to_string(), "category": "服装百货"}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let application = r.json()["id"].as_i64().unwrap();
    let other_manager = app.login_as(Role::Manager).await;
    let bureau = app.login_as(Role::Bureau).await;
    let admin = app.login_as(Role::Admin).await;

    let doc = format!("/api/v1/documents/{id}");
    let list = format!("/api/v1/vendors/{vid}/documents");
    for (name, mut c, expected) in [
        ("owner", owner.clone(), StatusCode::OK),
        ("own manager", own_manager.clone(), StatusCode::OK),
        ("admin", admin.clone(), StatusCode::OK),
        ("another vendor", other.clone(), StatusCode::NOT_FOUND),
        (
            "manager of another market",
            other_manager.clone(),
            StatusCode::NOT_FOUND,
        ),
        ("bureau", bureau.clone(), StatusCode::NOT_FOUND),
        ("anonymous", app.client(), StatusCode::UNAUTHORIZED),
    ] {
        assert_eq!(c.get(&doc).await.status, expected, "{name}: document");
        assert_eq!(c.get(&list).await.status, expected, "{name}: list");
    }
    // The file's name from the phone is the vendor's own; the manager sees the kind.
    let mut c = owner.clone();
    assert_eq!(
        c.get(&list).await.json()["items"][0]["original_name"],
        "证.pdf"
    );
    let mut c = own_manager.clone();
    let seen = c.get(&list).await.json();
    assert!(seen["items"][0]["original_name"].is_null(), "{seen}");
    assert_eq!(seen["items"][0]["kind"], "disabled");
    // Placing the vendor as a walk-up in one's own market opens neither their documents nor
    // their gas and power register.
    let mut walk_up_manager = other_manager.clone();
    let s2 = site(&app, "DOW").await;
    let st2 = crate::market_fixtures::stalls(&app, s2, "DOW", 1).await;
    let m2 = market(&mut walk_up_manager, &night_market(s2, day(1), day(2))).await;
    let session = crate::market_fixtures::sessions(&mut walk_up_manager, m2, day(1), day(1)).await
        [0]["id"]
        .clone();
    let r = walk_up_manager
        .post_json(
            "/api/v1/bookings",
            &json!({"session_id": session, "stall_id": st2[0], "vendor_id": vid}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(
        walk_up_manager.get(&doc).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        walk_up_manager.get(&list).await.status,
        StatusCode::NOT_FOUND
    );
    let r = walk_up_manager
        .json(
            Method::PUT,
            &format!("/api/v1/vendors/{vid}/equipment"),
            &json!({"gas_cylinders": [], "appliances_w": 99999}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.text());
    // Pages: the download link and the application page of the vendor's manager.
    let mut own_manager2 = own_manager.clone();
    assert_eq!(
        own_manager2.get(&format!("/documents/{id}")).await.status,
        StatusCode::OK
    );
    let page = own_manager2
        .get(&format!("/applications/{application}"))
        .await;
    assert_eq!(page.select(&format!("tr[data-document=\"{id}\"]")).len(), 1);
    let mut other_manager2 = other_manager.clone();
    assert_eq!(
        other_manager2.get(&format!("/documents/{id}")).await.status,
        StatusCode::NOT_FOUND
    );

    // Another vendor can neither upload for, nor delete, someone else's.
    let r = upload(&mut other, vid, "local", "x.pdf", PDF).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(
        other.call(Method::DELETE, &doc).await.status,
        StatusCode::NOT_FOUND
    );
    // The manager may see but not delete.
    let mut m2 = own_manager.clone();
    assert_eq!(
        m2.call(Method::DELETE, &doc).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(stored(&app).await, 1);
    assert_eq!(
        owner.call(Method::DELETE, &doc).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(stored(&app).await, 0);
}

/// Two documents of the role table's vendor, inserted directly: one for the read rows and
/// the API delete, one for the page delete.
pub async fn role_documents(app: &TestApp, vendor_id: i64) -> (String, String) {
    use sea_orm::{ActiveModelTrait, Set};
    let mut ids = Vec::new();
    for id in ["role-document-one-0000", "role-document-two-0000"] {
        documents::ActiveModel {
            id: Set(id.into()),
            vendor_id: Set(vendor_id as i32),
            kind: Set("local".into()),
            content_type: Set("application/pdf".into()),
            original_name: Set(None),
            size_bytes: Set(PDF.len() as i64),
            sha256: Set("0".repeat(64)),
            data: Set(PDF.to_vec()),
            uploaded_by: Set(None),
            uploaded_at: Set(chrono::Utc::now()),
        }
        .insert(app.conn())
        .await
        .expect("insert document");
        ids.push(id.to_owned());
    }
    (ids[0].clone(), ids[1].clone())
}

/// Body of the role table's upload row.
pub fn role_upload_body(_: u32) -> Value {
    upload_body("local", "x.pdf", PDF)
}
