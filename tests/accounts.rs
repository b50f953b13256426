//! Logging in and out, sessions in the database, throttling, the API's error envelope.

use crate::support::TestApp;
use http::{Method, StatusCode, header};
use nightmarket::identity::Role;
use serde_json::json;

#[tokio::test]
async fn a_user_logs_in_sees_who_they_are_and_logs_out() {
    let app = TestApp::new().await;
    app.user("clerk", Role::Bureau, "clerk-pass-1").await;
    let mut c = app.client();
    let resp = c.login("clerk", "clerk-pass-1").await;
    assert_eq!(resp.json()["user"]["role"], "bureau");
    let cookie = resp
        .headers
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(
        !cookie.contains("Secure"),
        "plain http on loopback works without Secure"
    );

    let me = c.get("/api/v1/me").await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json()["role"], "bureau");
    assert_eq!(me.json()["name"], "clerk name");

    let out = c.call(Method::DELETE, "/api/v1/session").await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert_eq!(c.get("/api/v1/me").await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_logged_out_cookie_is_dead_even_if_replayed() {
    let app = TestApp::new().await;
    app.user("clerk", Role::Bureau, "clerk-pass-1").await;
    let mut c = app.client();
    c.login("clerk", "clerk-pass-1").await;
    let stolen = c.clone();
    c.call(Method::DELETE, "/api/v1/session").await;
    let mut replay = stolen;
    assert_eq!(
        replay.get("/api/v1/me").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn logging_in_again_issues_a_new_session_id_and_ends_the_old_one() {
    let app = TestApp::new().await;
    app.user("clerk", Role::Bureau, "clerk-pass-1").await;
    let mut c = app.client();
    c.login("clerk", "clerk-pass-1").await;
    let before = c.clone();
    c.login("clerk", "clerk-pass-1").await;
    assert_ne!(
        before.cookies.get("nm_session"),
        c.cookies.get("nm_session")
    );
    let mut old = before;
    assert_eq!(old.get("/api/v1/me").await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(c.get("/api/v1/me").await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_login_get_the_same_401() {
    let app = TestApp::new().await;
    app.user("clerk", Role::Bureau, "clerk-pass-1").await;
    let mut c = app.client();
    let wrong = c
        .post_json(
            "/api/v1/session",
            &json!({"login": "clerk", "password": "nope-nope-1"}),
        )
        .await;
    let unknown = c
        .post_json(
            "/api/v1/session",
            &json!({"login": "nobody", "password": "nope-nope-1"}),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.error_code(), "invalid_credentials");
    assert_eq!(
        wrong.json(),
        unknown.json(),
        "the answer must not say which part was wrong"
    );
    assert!(!c.cookies.contains_key("nm_session"));
}

#[tokio::test]
async fn ten_failed_logins_from_one_client_stop_that_client_for_a_while() {
    let app = TestApp::new().await;
    app.user("clerk", Role::Bureau, "clerk-pass-1").await;
    let mut c = app.client();
    for _ in 0..10 {
        let r = c
            .post_json(
                "/api/v1/session",
                &json!({"login": "clerk", "password": "guess-123"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let locked = c
        .post_json(
            "/api/v1/session",
            &json!({"login": "clerk", "password": "clerk-pass-1"}),
        )
        .await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(locked.error_code(), "too_many_requests");
    let retry: u64 = locked.headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=900).contains(&retry), "Retry-After {retry}");
    // Another account is not affected.
    app.user("other", Role::Bureau, "other-pass-1").await;
    c.login("other", "other-pass-1").await;
}

#[tokio::test]
async fn the_api_answers_malformed_or_foreign_bodies_with_the_envelope() {
    let app = TestApp::new().await;
    let mut c = app.client();
    let r = c
        .raw(
            Method::POST,
            "/api/v1/session",
            "application/json",
            b"{oops",
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.error_code(), "malformed_json");

    let r = c
        .raw(
            Method::POST,
            "/api/v1/session",
            "application/x-www-form-urlencoded",
            b"login=a&password=b",
        )
        .await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(r.error_code(), "unsupported_media_type");

    let r = c
        .raw(Method::POST, "/api/v1/session", "text/plain", b"{}")
        .await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);

    // A field missing or of the wrong type: named, in the user's language, and no word of
    // the parser's own (Rust type names, English) reaches the client.
    let r = c.post_json("/api/v1/session", &json!({"login": "x"})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.error_code(), "invalid_body");
    assert_eq!(r.json()["error"]["field"], "password");
    assert_eq!(r.json()["error"]["message"], "缺少必填项 password。");
    for body in [json!([]), json!({"login": 5, "password": "p"})] {
        let r = c.post_json("/api/v1/session", &body).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let message = r.json()["error"]["message"].as_str().unwrap().to_owned();
        assert!(
            !message.contains("struct") && !message.contains("deserialize"),
            "{message}"
        );
    }
    let r = c.get("/api/v1/markets?limit=0").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        r.json()["error"]["message"],
        "分页参数 limit 应为 1 到 5000 之间的整数。"
    );

    let r = c.get("/api/v1/nothing-here").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.error_code(), "not_found");

    let r = c.call(Method::PATCH, "/api/v1/me").await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(r.error_code(), "method_not_allowed");
}

#[tokio::test]
async fn error_messages_follow_the_request_language() {
    let app = TestApp::new().await;
    let mut zh = app.client();
    let mut en = app.client();
    en.headers
        .insert(header::ACCEPT_LANGUAGE, "en-US,en;q=0.9".parse().unwrap());
    let body = json!({"login": "nobody", "password": "whatever-1"});
    let zh_msg = zh.post_json("/api/v1/session", &body).await.json()["error"]["message"].clone();
    let en_msg = en.post_json("/api/v1/session", &body).await.json()["error"]["message"].clone();
    assert!(zh_msg.as_str().unwrap().contains("密码"), "{zh_msg}");
    assert!(en_msg.as_str().unwrap().contains("password"), "{en_msg}");
}

#[tokio::test]
async fn an_admin_creates_accounts_and_assigns_a_manager_to_sites() {
    let (app, _) = TestApp::with_demo().await;
    let mut admin = app.login_as(Role::Admin).await;
    let sites = admin.get("/api/v1/sites").await.json();
    let site_id = sites["items"][0]["id"].as_i64().unwrap();

    let r = admin
        .post_json(
            "/api/v1/users",
            &json!({"login": "Wang.Li", "name": "王丽", "password": "wangli-2026", "role": "manager", "site_ids": [site_id]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(r.json()["login"], "wang.li");
    assert_eq!(r.json()["site_ids"], json!([site_id]));

    let again = admin
        .post_json(
            "/api/v1/users",
            &json!({"login": "wang.li", "name": "王丽", "password": "wangli-2026", "role": "manager"}),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.error_code(), "login_taken");

    let weak = admin
        .post_json(
            "/api/v1/users",
            &json!({"login": "weak", "name": "x", "password": "123", "role": "bureau"}),
        )
        .await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(weak.json()["error"]["field"], "password");

    let bad_site = admin
        .post_json(
            "/api/v1/users",
            &json!({"login": "mgr2", "name": "m", "password": "manager-2026", "role": "manager", "site_ids": [9999]}),
        )
        .await;
    assert_eq!(bad_site.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad_site.json()["error"]["field"], "site_ids");
    // Nothing was written for the refused account.
    let mut m2 = app.client();
    let r = m2
        .post_json(
            "/api/v1/session",
            &json!({"login": "mgr2", "password": "manager-2026"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);

    let mut manager = app.client();
    manager.login("wang.li", "wangli-2026").await;
    let home = manager.get("/").await;
    assert_eq!(
        home.attr("section.home", "data-role").as_deref(),
        Some("manager")
    );
    let listed = home.select("ul.cards li strong");
    assert_eq!(listed.len(), 1, "the manager sees the one site assigned");
}

#[tokio::test]
async fn an_idle_or_too_old_session_ends() {
    use sea_orm::{ActiveModelTrait, EntityTrait, Set};
    let app = TestApp::new().await;
    app.user("clerk", Role::Bureau, "clerk-pass-1").await;
    for (idle, age) in [(true, false), (false, true)] {
        let mut c = app.client();
        c.login("clerk", "clerk-pass-1").await;
        let session = entity::login_sessions::Entity::find()
            .all(app.conn())
            .await
            .unwrap()
            .pop()
            .unwrap();
        let mut active: entity::login_sessions::ActiveModel = session.into();
        let now = chrono::Utc::now();
        if idle {
            // 31 minutes unused: past the 30-minute idle timeout.
            active.last_seen_at = Set(now - chrono::Duration::minutes(31));
            active.expires_at = Set(now - chrono::Duration::minutes(1));
        }
        if age {
            // Used a minute ago, but opened 13 hours ago: past the 12-hour absolute limit.
            active.created_at = Set(now - chrono::Duration::hours(13));
        }
        active.update(app.conn()).await.unwrap();
        assert_eq!(
            c.get("/api/v1/me").await.status,
            StatusCode::UNAUTHORIZED,
            "idle {idle} age {age}"
        );
    }
}

#[tokio::test]
async fn disabling_an_account_ends_all_its_sessions_at_once() {
    let app = TestApp::new().await;
    let id = app.user("clerk", Role::Manager, "clerk-pass-1").await;
    let mut phone = app.client();
    phone.login("clerk", "clerk-pass-1").await;
    let mut desk = app.client();
    desk.login("clerk", "clerk-pass-1").await;
    let mut admin = app.login_as(Role::Admin).await;
    // A change this endpoint does not make is refused by name, not answered 200 and ignored.
    let r = admin
        .json(
            Method::PATCH,
            &format!("/api/v1/users/{id}"),
            &json!({"role": "admin"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert!(r.text().contains("role"), "{}", r.text());
    let r = admin
        .json(
            Method::PATCH,
            &format!("/api/v1/users/{id}"),
            &json!({"disabled": true}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(
        phone.get("/api/v1/me").await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        desk.get("/api/v1/me").await.status,
        StatusCode::UNAUTHORIZED
    );
    let again = app
        .client()
        .post_json(
            "/api/v1/session",
            &json!({"login": "clerk", "password": "clerk-pass-1"}),
        )
        .await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED);

    let me = admin.get("/api/v1/me").await.json()["id"].as_i64().unwrap();
    let r = admin
        .json(
            Method::PATCH,
            &format!("/api/v1/users/{me}"),
            &json!({"disabled": true}),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "an admin cannot lock themselves out"
    );

    admin
        .json(
            Method::PATCH,
            &format!("/api/v1/users/{id}"),
            &json!({"disabled": false}),
        )
        .await;
    app.client().login("clerk", "clerk-pass-1").await;
}

#[tokio::test]
async fn common_passwords_are_refused() {
    let (app, _) = TestApp::with_demo().await;
    let mut admin = app.login_as(Role::Admin).await;
    for weak in ["Password1", "woaini1314", "qq123456", "12345678"] {
        let r = admin
            .post_json(
                "/api/v1/users",
                &json!({"login": "newbie", "name": "x", "password": weak, "role": "bureau"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{weak}");
        assert_eq!(r.json()["error"]["field"], "password");
    }
}

#[tokio::test]
async fn over_https_the_cookie_is_host_prefixed_and_secure_and_hsts_is_sent() {
    let app = TestApp::with_config(|c| c.https = true).await;
    app.user("clerk", Role::Bureau, "clerk-pass-1").await;
    let mut c = app.client();
    let r = c.login("clerk", "clerk-pass-1").await;
    let cookie = r.headers[header::SET_COOKIE].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("__Host-nm_session="), "{cookie}");
    assert!(
        cookie.contains("; Secure") && cookie.contains("HttpOnly") && cookie.contains("Path=/")
    );
    assert!(!cookie.contains("Domain="));
    assert!(r.headers.contains_key(header::STRICT_TRANSPORT_SECURITY));
    assert_eq!(c.get("/api/v1/me").await.status, StatusCode::OK);
    let plain = TestApp::new().await;
    let r = plain.client().get("/healthz").await;
    assert!(!r.headers.contains_key(header::STRICT_TRANSPORT_SECURITY));
}

#[tokio::test]
async fn the_api_refuses_a_logged_in_browser_sent_from_another_site() {
    let app = TestApp::new().await;
    let admin = app.login_as(Role::Admin).await;
    let body =
        json!({"login": "someone", "password": "Someone-pass-1", "role": "bureau", "name": "某人"});
    for (name, value) in [
        ("origin", "http://evil.example"),
        ("sec-fetch-site", "same-site"),
        ("sec-fetch-site", "cross-site"),
        ("origin", "null"),
    ] {
        let mut forged = admin.clone();
        forged.headers.insert(name, value.parse().unwrap());
        forged
            .headers
            .insert(header::HOST, "127.0.0.1:3000".parse().unwrap());
        let r = forged.post_json("/api/v1/users", &body).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{name}: {value}");
        // A POST with no body at all is held to the same rule.
        let r = forged.call(Method::DELETE, "/api/v1/session").await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{name}: {value}, no body");
    }
    // The same request from our own pages, or from a client that is not a browser, goes through.
    let mut own = admin.clone();
    own.headers
        .insert(header::ORIGIN, "http://127.0.0.1:3000".parse().unwrap());
    own.headers
        .insert(header::HOST, "127.0.0.1:3000".parse().unwrap());
    own.headers
        .insert("sec-fetch-site", "same-origin".parse().unwrap());
    let r = own.post_json("/api/v1/users", &body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
}

#[tokio::test]
async fn anyone_changes_their_own_password_and_their_other_logins_end() {
    let app = TestApp::new().await;
    app.user("pwd-user", Role::Manager, "old-pass-1234").await;
    let mut phone = app.client();
    phone.login("pwd-user", "old-pass-1234").await;
    let mut laptop = app.client();
    laptop.login("pwd-user", "old-pass-1234").await;

    // Refused, nothing changed: a wrong current password, a weak or unchanged new one.
    for (body, code, field) in [
        (
            json!({"current_password": "wrong-pass-1", "new_password": "new-pass-5678"}),
            "wrong_password",
            "current_password",
        ),
        (
            json!({"current_password": "old-pass-1234", "new_password": "12345678"}),
            "weak_password",
            "new_password",
        ),
        (
            json!({"current_password": "old-pass-1234", "new_password": "old-pass-1234"}),
            "same_password",
            "new_password",
        ),
    ] {
        let r = phone.post_json("/api/v1/me/password", &body).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
        assert_eq!(r.error_code(), code);
        assert_eq!(r.json()["error"]["field"], field);
    }
    assert_eq!(laptop.get("/api/v1/me").await.status, StatusCode::OK);

    // The page: the refusal at its field in Chinese, then done.
    let r = phone
        .submit(
            "/account/password",
            "/account/password",
            &[
                ("current_password", "wrong-pass-1"),
                ("new_password", "new-pass-5678"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("现在的密码不对"), "{}", r.text());
    assert!(
        !r.text().contains("wrong-pass-1"),
        "a password is never shown back"
    );
    let r = phone
        .submit(
            "/account/password",
            "/account/password",
            &[
                ("current_password", "old-pass-1234"),
                ("new_password", "new-pass-5678"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let home = phone.get("/").await;
    assert!(home.text().contains("密码已修改"), "{}", home.text());
    // This login stays, the other one ended; the old password no longer works.
    assert_eq!(phone.get("/api/v1/me").await.status, StatusCode::OK);
    assert_eq!(
        laptop.get("/api/v1/me").await.status,
        StatusCode::UNAUTHORIZED
    );
    let mut again = app.client();
    let r = again
        .post_json(
            "/api/v1/session",
            &json!({"login": "pwd-user", "password": "old-pass-1234"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let r = again
        .post_json(
            "/api/v1/session",
            &json!({"login": "pwd-user", "password": "new-pass-5678"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    // The login page tells someone who forgot theirs whom to ask.
    let login = app.client().get("/login").await.text();
    assert!(login.contains("忘记密码"));
}
