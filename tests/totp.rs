//! The TOTP second factor: enrolment, login with and without the code, wrong and replayed
//! codes, throttling, an administrator's reset, vendors kept out, CSRF on the forms.

use crate::support::{Client, TestApp};
use http::StatusCode;
use nightmarket::accounts::totp::{base32_decode, code_at, step_of};
use nightmarket::identity::Role;
use serde_json::json;

const PASSWORD: &str = "staff-pass-123";

/// Waits until at least 10 s of the current 30-second step remain, so a test's few requests
/// all see the same step; returns that step.
async fn fresh_step() -> i64 {
    loop {
        let now = chrono::Utc::now().timestamp();
        if now.rem_euclid(30) <= 20 {
            return step_of(now);
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
}

fn code(secret: &[u8], step: i64) -> String {
    format!("{:06}", code_at(secret, step))
}

async fn login_json(
    c: &mut Client,
    login: &str,
    totp: Option<&str>,
) -> crate::support::client::Resp {
    let mut body = json!({"login": login, "password": PASSWORD});
    if let Some(t) = totp {
        body["totp"] = json!(t);
    }
    c.post_json("/api/v1/session", &body).await
}

/// A staff account that has enrolled through the API, confirming with the code of
/// `step - 1`; returns its id and secret.
async fn enrolled(app: &TestApp, login: &str, role: Role, step: i64) -> (i32, Vec<u8>) {
    let id = app.user(login, role, PASSWORD).await;
    let mut c = app.client();
    c.login(login, PASSWORD).await;
    let r = c.post_json("/api/v1/me/totp", &json!({})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let secret = base32_decode(r.json()["secret"].as_str().unwrap()).unwrap();
    let r = c
        .post_json(
            "/api/v1/me/totp/confirm",
            &json!({"code": code(&secret, step - 1)}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    (id, secret)
}

async fn audit_actions(app: &TestApp, user_id: i32) -> Vec<String> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    entity::audit_log::Entity::find()
        .filter(entity::audit_log::Column::EntityId.eq(user_id))
        .filter(entity::audit_log::Column::Entity.eq("user"))
        .all(app.conn())
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.action)
        .collect()
}

#[tokio::test]
async fn a_manager_enrols_and_then_needs_a_fresh_code_to_log_in() {
    let app = TestApp::new().await;
    app.user("mgr-totp", Role::Manager, PASSWORD).await;
    let mut c = app.client();
    c.login("mgr-totp", PASSWORD).await;
    let r = c.post_json("/api/v1/me/totp", &json!({})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let e = r.json();
    let secret_text = e["secret"].as_str().unwrap();
    assert_eq!(secret_text.len(), 32, "20 random bytes in base32");
    let uri = e["otpauth_uri"].as_str().unwrap();
    assert!(
        uri.starts_with("otpauth://totp/")
            && uri.contains(&format!("secret={secret_text}"))
            && uri.contains("period=30"),
        "{uri}"
    );
    assert!(e["qr_svg"].as_str().unwrap().starts_with("<svg"));
    let secret = base32_decode(secret_text).unwrap();

    let step = fresh_step().await;
    let wrong = format!("{:06}", (code_at(&secret, step) + 1) % 1_000_000);
    let r = c
        .post_json("/api/v1/me/totp/confirm", &json!({"code": wrong}))
        .await;
    assert_eq!(
        (r.status, r.error_code().as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_totp")
    );
    // Until confirmed, the password alone still works.
    assert_eq!(
        login_json(&mut app.client(), "mgr-totp", None).await.status,
        StatusCode::OK
    );
    let r = c
        .post_json(
            "/api/v1/me/totp/confirm",
            &json!({"code": code(&secret, step - 1)}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let r = c.post_json("/api/v1/me/totp", &json!({})).await;
    assert_eq!(
        (r.status, r.error_code().as_str()),
        (StatusCode::CONFLICT, "totp_already_enrolled")
    );

    let mut other = app.client();
    let r = login_json(&mut other, "mgr-totp", None).await;
    assert_eq!(
        (r.status, r.error_code().as_str()),
        (StatusCode::UNAUTHORIZED, "totp_required")
    );
    assert!(
        !other.cookies.contains_key("nm_session"),
        "no session without the code"
    );
    let r = login_json(&mut other, "mgr-totp", Some(&wrong)).await;
    assert_eq!(
        (r.status, r.error_code().as_str()),
        (StatusCode::UNAUTHORIZED, "totp_required")
    );
    // The code used to confirm enrolment is spent.
    let r = login_json(&mut other, "mgr-totp", Some(&code(&secret, step - 1))).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    // A wrong password with the right code says nothing about the code.
    let r = other
        .post_json(
            "/api/v1/session",
            &json!({"login": "mgr-totp", "password": "wrong-pass-1", "totp": code(&secret, step)}),
        )
        .await;
    assert_eq!(
        (r.status, r.error_code().as_str()),
        (StatusCode::UNAUTHORIZED, "invalid_credentials")
    );

    let now_code = code(&secret, step);
    let r = login_json(&mut other, "mgr-totp", Some(&now_code)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(other.get("/api/v1/me").await.json()["role"], "manager");
    // The same code again, from another browser: refused (replay).
    let r = login_json(&mut app.client(), "mgr-totp", Some(&now_code)).await;
    assert_eq!(
        (r.status, r.error_code().as_str()),
        (StatusCode::UNAUTHORIZED, "totp_required")
    );
    // The next step's code still works.
    let r = login_json(
        &mut app.client(),
        "mgr-totp",
        Some(&code(&secret, step + 1)),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());

    let id = c.get("/api/v1/me").await.json()["id"].as_i64().unwrap() as i32;
    assert!(
        audit_actions(&app, id)
            .await
            .contains(&"totp_enrol".to_owned())
    );
}

#[tokio::test]
async fn the_api_tells_in_english_and_chinese_that_a_code_is_needed() {
    let app = TestApp::new().await;
    let step = fresh_step().await;
    enrolled(&app, "bureau-totp", Role::Bureau, step).await;
    let mut c = app.client();
    let r = login_json(&mut c, "bureau-totp", None).await;
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("动态码")
    );
    c.headers
        .insert(http::header::ACCEPT_LANGUAGE, "en".parse().unwrap());
    let r = login_json(&mut c, "bureau-totp", None).await;
    assert_eq!(r.json()["error"]["field"], "totp");
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("authenticator")
    );
}

#[tokio::test]
async fn wrong_codes_are_throttled_like_wrong_passwords() {
    let app = TestApp::new().await;
    let step = fresh_step().await;
    let (_, secret) = enrolled(&app, "admin-totp", Role::Admin, step).await;
    let wrong = format!("{:06}", (code_at(&secret, step) + 7) % 1_000_000);
    let mut c = app.client();
    for _ in 0..10 {
        assert_eq!(
            login_json(&mut c, "admin-totp", Some(&wrong)).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    let r = login_json(&mut c, "admin-totp", Some(&code(&secret, step))).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers.contains_key(http::header::RETRY_AFTER));
}

#[tokio::test]
async fn the_login_page_asks_for_the_code_in_a_second_step() {
    let app = TestApp::new().await;
    let step = fresh_step().await;
    let (_, secret) = enrolled(&app, "mgr-page", Role::Manager, step).await;

    let mut c = app.client();
    let r = c
        .submit(
            "/login",
            "/login",
            &[
                ("login", "mgr-page"),
                ("password", "wrong-pass-1"),
                ("next", "/reports"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(
        r.attr("input[name=code]", "name").is_none(),
        "no second step for a wrong password"
    );

    let r = c
        .submit(
            "/login",
            "/login",
            &[
                ("login", "mgr-page"),
                ("password", PASSWORD),
                ("next", "/reports"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.attr("input[name=code]", "autocomplete").as_deref() == Some("one-time-code"));
    assert!(
        !c.cookies.contains_key("nm_session"),
        "not logged in before the code"
    );
    let challenge = r.attr("input[name=challenge]", "value").unwrap();

    let wrong = format!("{:06}", (code_at(&secret, step) + 3) % 1_000_000);
    let r = c
        .submit(
            "/login",
            "/login/totp",
            &[("challenge", &challenge), ("code", &wrong)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(
        r.select("[role=alert]")
            .iter()
            .any(|m| m.contains("动态码不正确"))
    );
    assert!(!c.cookies.contains_key("nm_session"));

    let r = c
        .submit(
            "/login",
            "/login/totp",
            &[("challenge", &challenge), ("code", &code(&secret, step))],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert_eq!(r.location(), "/reports");
    assert_eq!(c.get("/api/v1/me").await.json()["role"], "manager");

    // The challenge is spent; a forged one leads back to the login form.
    let mut d = app.client();
    let r = d
        .submit(
            "/login",
            "/login/totp",
            &[
                ("challenge", &challenge),
                ("code", &code(&secret, step + 1)),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.attr("input[name=password]", "name").is_some());
    assert!(!d.cookies.contains_key("nm_session"));
}

#[tokio::test]
async fn enrolment_on_the_pages_shows_the_qr_code_once() {
    let app = TestApp::new().await;
    app.user("bureau-page", Role::Bureau, PASSWORD).await;
    let mut c = app.client();
    c.login("bureau-page", PASSWORD).await;
    let r = c.get("/account/totp").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.attr("svg.qr", "class").is_none());
    let r = c.submit("/account/totp", "/account/totp", &[]).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.attr("svg.qr", "aria-label").is_some(), "QR code shown");
    let key = r.select("figcaption code").pop().unwrap();
    let secret = base32_decode(&key).unwrap();
    let step = fresh_step().await;
    let r = c
        .submit(
            "/account/totp",
            "/account/totp/confirm",
            &[("code", "000000")],
        )
        .await;
    if code_at(&secret, step) != 0 {
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let r = c
        .submit(
            "/account/totp",
            "/account/totp/confirm",
            &[("code", &code(&secret, step))],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let r = c.get("/account/totp").await;
    assert!(r.text().contains("两步验证已开启"));
    assert!(
        r.attr("svg.qr", "class").is_none(),
        "the secret is never shown again"
    );
    let r = login_json(&mut app.client(), "bureau-page", None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_admin_resets_a_lost_second_factor_and_it_is_audited() {
    let app = TestApp::new().await;
    let step = fresh_step().await;
    let (id, _) = enrolled(&app, "mgr-lost", Role::Manager, step).await;
    let mut manager = app.login_as(Role::Manager).await;
    let r = manager
        .call(http::Method::DELETE, &format!("/api/v1/users/{id}/totp"))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    let mut admin = app.login_as(Role::Admin).await;
    let page = admin.get("/admin/users").await;
    assert!(
        page.attr(
            &format!("form[action='/admin/users/{id}/totp/reset'] button"),
            "type"
        )
        .is_some()
    );
    let r = admin
        .call(http::Method::DELETE, &format!("/api/v1/users/{id}/totp"))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        login_json(&mut app.client(), "mgr-lost", None).await.status,
        StatusCode::OK
    );
    assert!(
        audit_actions(&app, id)
            .await
            .contains(&"totp_reset".to_owned())
    );
    let r = admin
        .call(http::Method::DELETE, "/api/v1/users/999999/totp")
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // The page button does the same.
    let (id2, _) = enrolled(&app, "mgr-lost2", Role::Manager, fresh_step().await).await;
    let r = admin
        .submit(
            "/admin/users",
            &format!("/admin/users/{id2}/totp/reset"),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        login_json(&mut app.client(), "mgr-lost2", None)
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn vendors_cannot_enrol() {
    let app = TestApp::new().await;
    let mut vendor = app.login_as(Role::Vendor).await;
    let r = vendor.post_json("/api/v1/me/totp", &json!({})).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = vendor
        .post_json("/api/v1/me/totp/confirm", &json!({"code": "123456"}))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(
        vendor.get("/account/totp").await.status,
        StatusCode::FORBIDDEN
    );
    let r = vendor.submit("/", "/account/totp", &[]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.client()
            .post_json("/api/v1/me/totp", &json!({}))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn the_totp_forms_refuse_posts_without_the_csrf_token() {
    let app = TestApp::new().await;
    let step = fresh_step().await;
    let (id, secret) = enrolled(&app, "mgr-csrf", Role::Manager, step).await;
    let mut admin = app.login_as(Role::Admin).await;
    let r = admin
        .post_form_raw(&format!("/admin/users/{id}/totp/reset"), &[])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let mut manager = app.login_as(Role::Manager).await;
    assert_eq!(
        manager.post_form_raw("/account/totp", &[]).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        manager
            .post_form_raw("/account/totp/confirm", &[("code", "123456")])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let mut c = app.client();
    let r = c
        .submit(
            "/login",
            "/login",
            &[("login", "mgr-csrf"), ("password", PASSWORD)],
        )
        .await;
    let challenge = r.attr("input[name=challenge]", "value").unwrap();
    let r = c
        .post_form_raw(
            "/login/totp",
            &[("challenge", &challenge), ("code", &code(&secret, step))],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(!c.cookies.contains_key("nm_session"));
    // Still enrolled after the refused reset.
    assert_eq!(
        login_json(&mut app.client(), "mgr-csrf", None).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_required_second_factor_sends_staff_to_enrolment_after_login() {
    let app = TestApp::with_config(|c| c.require_totp_for_staff = true).await;
    app.user("mgr-must", Role::Manager, PASSWORD).await;
    let mut c = app.client();
    let r = c
        .submit(
            "/login",
            "/login",
            &[
                ("login", "mgr-must"),
                ("password", PASSWORD),
                ("next", "/sites"),
            ],
        )
        .await;
    assert_eq!(
        (r.status, r.location().as_str()),
        (StatusCode::SEE_OTHER, "/account/totp")
    );
    let r = c.get("/account/totp").await;
    assert!(r.text().contains("须开启两步验证"));

    let (mut v, _) = crate::market_fixtures::vendor(&app, "便民服务", None).await;
    let phone = v.get("/api/v1/me").await.json()["login"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut page = app.client();
    let r = page
        .submit(
            "/login",
            "/login",
            &[
                ("login", &phone),
                ("password", "vendor-pass-1"),
                ("next", "/"),
            ],
        )
        .await;
    assert_eq!(
        (r.status, r.location().as_str()),
        (StatusCode::SEE_OTHER, "/")
    );
}

/// With `secret_key` set, a database dump does not hold anyone's TOTP secret; rows written
/// before the key was set are sealed at start-up and keep working.
#[tokio::test]
async fn a_secret_key_seals_totp_secrets_at_rest() {
    use nightmarket::accounts::totp::{base32_encode, store};
    use nightmarket::identity::sealed::SecretBox;
    use sea_orm::{ConnectionTrait, EntityTrait};
    let key = "ab".repeat(32);
    let app = TestApp::with_config(|c| c.secret_key = Some(key.clone())).await;
    let step = fresh_step().await;
    let (id, secret) = enrolled(&app, "mgr-sealed", Role::Manager, step).await;
    let stored = |app: &TestApp| {
        let db = app.conn().clone();
        async move {
            entity::user_totp::Entity::find_by_id(id)
                .one(&db)
                .await
                .unwrap()
                .unwrap()
                .secret
        }
    };
    let clear = base32_encode(&secret);
    let sealed = stored(&app).await;
    assert!(
        sealed.starts_with("v1:") && !sealed.contains(&clear),
        "{sealed}"
    );
    let r = login_json(&mut app.client(), "mgr-sealed", Some(&code(&secret, step))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());

    // A row from before the key: clear text, read as it is, then sealed at start-up.
    app.conn()
        .execute_unprepared(&format!(
            "UPDATE user_totp SET secret = '{clear}' WHERE user_id = {id}"
        ))
        .await
        .unwrap();
    let boxed = SecretBox::new(Some(
        nightmarket::identity::sealed::parse_key(&key).unwrap(),
    ));
    assert_eq!(
        store::seal_clear_secrets(app.conn(), &boxed).await.unwrap(),
        1
    );
    assert_eq!(
        store::seal_clear_secrets(app.conn(), &boxed).await.unwrap(),
        0
    );
    let resealed = stored(&app).await;
    assert!(resealed.starts_with("v1:") && resealed != sealed);
    let r = login_json(
        &mut app.client(),
        "mgr-sealed",
        Some(&code(&secret, step + 1)),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());

    // A sealed row copied onto another account does not open there: a server fault, not a login.
    let other = app.user("mgr-other", Role::Manager, PASSWORD).await;
    app.conn()
        .execute_unprepared(&format!(
            "INSERT INTO user_totp (user_id, secret, confirmed_at, last_step, created_at) \
             SELECT {other}, secret, confirmed_at, NULL, created_at FROM user_totp WHERE user_id = {id}"
        ))
        .await
        .unwrap();
    let body = json!({"login": "mgr-other", "password": PASSWORD, "totp": code(&secret, step + 1)});
    let req = http::Request::post("/api/v1/session")
        .header("content-type", "application/json")
        .body(axum::body::Body::from(body.to_string()))
        .unwrap();
    let r = app.client().send_allowing_5xx(req).await;
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR, "{}", r.text());
    assert!(!r.text().contains(&clear), "the secret is never shown");
}

#[tokio::test]
async fn start_up_finds_secrets_sealed_with_another_key() {
    use nightmarket::accounts::totp::store::first_unopenable;
    use nightmarket::identity::sealed::SecretBox;
    use sea_orm::{ActiveModelTrait, Set};
    let app = TestApp::new().await;
    let user = app.user("sealed-admin", Role::Admin, "sealed-pass-1").await;
    let k1 = SecretBox::new(Some([1; 32]));
    entity::user_totp::ActiveModel {
        user_id: Set(user),
        secret: Set(k1.seal(&format!("user_totp:{user}"), "JBSWY3DPEHPK3PXP")),
        confirmed_at: Set(Some(chrono::Utc::now())),
        last_step: Set(None),
        created_at: Set(chrono::Utc::now()),
    }
    .insert(app.conn())
    .await
    .unwrap();
    assert_eq!(first_unopenable(app.conn(), &k1).await.unwrap(), None);
    let k2 = SecretBox::new(Some([2; 32]));
    assert_eq!(first_unopenable(app.conn(), &k2).await.unwrap(), Some(user));
    let none = SecretBox::new(None);
    assert_eq!(
        first_unopenable(app.conn(), &none).await.unwrap(),
        Some(user)
    );
}
