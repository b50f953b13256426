//! The HTML side: language, login by role, CSRF, error pages, registration form.

use crate::support::TestApp;
use http::{StatusCode, header};
use nightmarket::identity::Role;

#[tokio::test]
async fn the_login_page_is_in_chinese_by_default_and_english_on_request() {
    let app = TestApp::new().await;
    let mut c = app.client();
    let zh = c.get("/login").await;
    assert_eq!(zh.status, StatusCode::OK);
    assert_eq!(zh.attr("html", "lang").as_deref(), Some("zh-CN"));
    assert_eq!(zh.select("h1"), vec!["登录"]);

    let mut en = app.client();
    en.headers
        .insert(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.8".parse().unwrap());
    let page = en.get("/login").await;
    assert_eq!(page.select("h1"), vec!["Log in"]);

    // The switch on every page stores the choice in a cookie and returns to the page.
    let switch = c.get("/lang/en?next=%2Flogin").await;
    assert_eq!(switch.status, StatusCode::SEE_OTHER);
    assert_eq!(switch.location(), "/login");
    assert_eq!(c.get("/login").await.select("h1"), vec!["Log in"]);
    let evil = c.get("/lang/zh?next=https%3A%2F%2Fevil.example").await;
    assert_eq!(evil.location(), "/");
}

#[tokio::test]
async fn each_seeded_role_logs_in_with_its_printed_password_and_lands_on_its_own_home() {
    let (app, creds) = TestApp::with_demo().await;
    let roles: Vec<_> = creds.iter().map(|c| c.role).collect();
    assert_eq!(
        roles,
        vec![Role::Admin, Role::Manager, Role::Bureau, Role::Vendor]
    );
    for cred in &creds {
        let mut c = app.client();
        let resp = c
            .submit(
                "/login",
                "/login",
                &[
                    ("login", &cred.login),
                    ("password", &cred.password),
                    ("next", "/"),
                ],
            )
            .await;
        assert_eq!(
            resp.status,
            StatusCode::SEE_OTHER,
            "{:?}: {}",
            cred.role,
            resp.text()
        );
        assert_eq!(resp.location(), "/");
        let home = c.get("/").await;
        assert_eq!(
            home.attr("section.home", "data-role").as_deref(),
            Some(cred.role.as_str()),
            "{:?}",
            cred.role
        );
        assert_eq!(home.select("p.flash"), vec!["✓ 登录成功。"]);
        // The flash is shown once.
        assert!(c.get("/").await.select("p.flash").is_empty());
    }
}

#[tokio::test]
async fn passwords_are_generated_for_every_fresh_database() {
    let (_, first) = TestApp::with_demo().await;
    let (_, second) = TestApp::with_demo().await;
    assert_ne!(first[0].password, second[0].password);
    assert!(first.iter().all(|c| c.password.len() >= 12));
}

#[tokio::test]
async fn a_wrong_password_on_the_form_shows_the_form_again_with_a_message() {
    let (app, creds) = TestApp::with_demo().await;
    let mut c = app.client();
    let resp = c
        .submit(
            "/login",
            "/login",
            &[("login", &creds[0].login), ("password", "wrong-pass-1")],
        )
        .await;
    assert_eq!(resp.status, StatusCode::UNAUTHORIZED);
    assert_eq!(resp.select("p.error-message"), vec!["⚠ 账号或密码不正确。"]);
    assert_eq!(
        resp.attr("input[name=login]", "value").as_deref(),
        Some("admin")
    );
}

#[tokio::test]
async fn form_posts_without_the_token_or_from_another_site_are_refused() {
    let (app, creds) = TestApp::with_demo().await;
    let mut c = app.client();
    let pairs = [
        ("login", creds[0].login.as_str()),
        ("password", creds[0].password.as_str()),
    ];
    let no_token = c.post_form_raw("/login", &pairs).await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);
    assert!(no_token.text().contains("表单已过期"));

    let token = c.csrf_from("/login").await;
    let mut forged = c.clone();
    forged
        .headers
        .insert(header::ORIGIN, "https://evil.example".parse().unwrap());
    forged
        .headers
        .insert(header::HOST, "127.0.0.1:3000".parse().unwrap());
    let mut all = vec![("_csrf", token.as_str())];
    all.extend_from_slice(&pairs);
    assert_eq!(
        forged.post_form_raw("/login", &all).await.status,
        StatusCode::FORBIDDEN
    );

    let mut cross = c.clone();
    cross
        .headers
        .insert("sec-fetch-site", "cross-site".parse().unwrap());
    assert_eq!(
        cross.post_form_raw("/login", &all).await.status,
        StatusCode::FORBIDDEN
    );

    assert_eq!(
        c.post_form_raw("/login", &all).await.status,
        StatusCode::SEE_OTHER
    );
    // After login the anonymous token no longer works: forms use the session's own token.
    let logout = c
        .post_form_raw("/logout", &[("_csrf", token.as_str())])
        .await;
    assert_eq!(logout.status, StatusCode::FORBIDDEN);
    let logout = c.submit("/", "/logout", &[]).await;
    assert_eq!(logout.status, StatusCode::SEE_OTHER);
    assert_eq!(c.get("/api/v1/me").await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_unknown_page_is_a_404_page_with_the_security_headers() {
    let app = TestApp::new().await;
    let mut c = app.client();
    let r = c.get("/no/such/page").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(
        r.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert_eq!(r.select("p.error-message"), vec!["找不到该页面或记录。"]);
    assert_eq!(r.headers["x-content-type-options"], "nosniff");
    assert!(
        r.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .contains("default-src 'self'")
    );
    assert_eq!(r.headers[header::CACHE_CONTROL], "no-store");
    assert!(r.headers.contains_key("x-request-id"));
}

#[tokio::test]
async fn a_page_that_needs_a_login_sends_the_browser_to_the_login_page_and_back() {
    let app = TestApp::new().await;
    let mut c = app.client();
    let r = c.get("/admin/users").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/login?next=%2Fadmin%2Fusers");
    // A form sent after the login ran out leads back to the page it was sent from.
    let csrf = c.csrf_from("/login").await;
    let sent = c
        .send(
            http::Request::builder()
                .method(http::Method::POST)
                .uri("/sales/bookings/1")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::REFERER, "http://127.0.0.1:3000/sales?d=1")
                .body(axum::body::Body::from(format!(
                    "_csrf={csrf}&sales_yuan=120"
                )))
                .unwrap(),
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    assert_eq!(sent.location(), "/login?next=%2Fsales%3Fd%3D1");
    let login = c.get(&r.location()).await;
    assert_eq!(
        login.attr("input[name=next]", "value").as_deref(),
        Some("/admin/users")
    );
}

#[tokio::test]
async fn a_vendor_signs_up_on_the_form_and_sees_each_mistake_next_to_its_field() {
    let app = TestApp::new().await;
    let mut c = app.client();
    let page = c.get("/register").await;
    assert_eq!(
        page.attr("input[name=id_number]", "inputmode").as_deref(),
        Some("text")
    );
    assert_eq!(
        page.attr("input[name=phone]", "type").as_deref(),
        Some("tel")
    );

    let bad = c
        .submit(
            "/register",
            "/register",
            &[
                ("name", "马秀英"),
                ("phone", "1234"),
                ("id_number", "620722199001011234"),
                ("category", "服装百货"),
                ("password", "xiuying-2026"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        bad.attr("#f-phone", "aria-invalid").as_deref(),
        Some("true")
    );
    assert!(bad.select("#f-id_number-err")[0].contains("校验位"));
    // The summary counts the fields to mend in words ("5 × 请填写姓名。" read as a product).
    let summary = bad.select("p.error-message[role=alert]");
    assert_eq!(summary.len(), 1);
    assert!(
        summary[0].starts_with("⚠ 有 2 处需要修改，请看下面标红的地方。第一处："),
        "{summary:?}"
    );
    assert_eq!(
        bad.attr("#f-name", "value").as_deref(),
        Some("马秀英"),
        "what was typed is kept"
    );
    assert_eq!(
        bad.attr("#f-password", "value").as_deref(),
        Some(""),
        "but never the password"
    );

    let id = nightmarket::vendors::id_number::complete("62072219900101123").unwrap();
    let ok = c
        .submit(
            "/register",
            "/register",
            &[
                ("name", "马秀英"),
                ("phone", "139 0936 1234"),
                ("id_number", &id),
                ("category", "服装百货"),
                ("priority_groups", "veteran"),
                ("priority_groups", "local"),
                ("password", "xiuying-2026"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.text());
    // The same person again under another number: said at the ID number, the form kept.
    let mut again = app.client();
    let twice = again
        .submit(
            "/register",
            "/register",
            &[
                ("name", "马秀英"),
                ("phone", "139 0936 5678"),
                ("id_number", &id),
                ("category", "服装百货"),
                ("password", "xiuying-2026"),
            ],
        )
        .await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        twice.select("#f-id_number-err")[0].contains("已注册"),
        "{}",
        twice.text()
    );
    assert_eq!(twice.attr("#f-name", "value").as_deref(), Some("马秀英"));
    let home = c.get("/").await;
    assert_eq!(
        home.attr("section.home", "data-role").as_deref(),
        Some("vendor")
    );
    assert!(
        home.text().contains("6207**********"),
        "the ID number is masked"
    );
    assert!(!home.text().contains(&id));
}

#[tokio::test]
async fn health_openapi_and_assets_are_served() {
    let app = TestApp::new().await;
    let mut c = app.client();
    let h = c.get("/healthz").await;
    assert_eq!(h.status, StatusCode::OK);
    assert_eq!(h.json(), serde_json::json!({"status": "ok", "db": "ok"}));

    let spec = c.get("/api/v1/openapi.json").await.json();
    assert!(spec["openapi"].as_str().unwrap().starts_with("3.1"));
    for path in [
        "/api/v1/session",
        "/api/v1/me",
        "/api/v1/users",
        "/api/v1/vendors",
        "/api/v1/sites",
    ] {
        assert!(
            spec["paths"][path].is_object(),
            "{path} missing from the OpenAPI document"
        );
    }

    let css = c.get("/assets/app.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(
        css.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
    assert_eq!(
        c.get("/assets/missing.js").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn pages_and_json_go_gzipped_to_a_browser_that_accepts_it_and_excel_files_as_they_are() {
    let app = TestApp::new().await;
    let plain = app.client().get("/login").await;
    assert!(plain.headers.get(header::CONTENT_ENCODING).is_none());
    let mut phone = app.login_as(Role::Bureau).await;
    phone
        .headers
        .insert(header::ACCEPT_ENCODING, "gzip, deflate".parse().unwrap());
    for path in [
        "/reports",
        "/api/v1/reports/occupancy?from=2026-01-01&to=2026-12-31",
    ] {
        let r = phone.get(path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert_eq!(
            r.headers
                .get(header::CONTENT_ENCODING)
                .map(|v| v.as_bytes()),
            Some(&b"gzip"[..]),
            "{path}"
        );
        assert_eq!(&r.body[..2], &[0x1f, 0x8b], "{path}: a gzip stream");
    }
    let xlsx = phone
        .get("/api/v1/reports/occupancy?from=2026-01-01&to=2026-12-31&format=xlsx")
        .await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert!(xlsx.headers.get(header::CONTENT_ENCODING).is_none());
    assert_eq!(
        &xlsx.body[..2],
        b"PK",
        "the Excel file itself, already zipped"
    );
}

/// The night's work is reachable from the pages: staff's homes lead to residents' complaints
/// and the inspections under appeal, a manager's sites to their plans and power circuits, and
/// the public home to the complaint form (before, each of these pages was reached only by
/// typing its address). Every link on those homes answers.
#[tokio::test]
async fn homes_lead_to_the_market_nights_pages() {
    let (app, creds) = TestApp::with_demo().await;
    let mut anon = app.client();
    let public = anon.get("/").await;
    assert!(public.attrs("a", "href").contains(&"/complaint".to_owned()));
    for cred in creds.iter().filter(|c| c.role != Role::Vendor) {
        let mut c = app.client();
        c.login(&cred.login, &cred.password).await;
        let home = c.get("/").await;
        let links = home.attrs("section.home a", "href");
        for page in ["/complaints", "/inspections"] {
            assert!(
                links.contains(&page.to_owned()),
                "{:?}: {links:?}",
                cred.role
            );
        }
        if cred.role == Role::Manager {
            assert!(
                links
                    .iter()
                    .any(|l| l.starts_with("/sites/") && l.ends_with("/circuits")),
                "{links:?}"
            );
            assert!(
                links.iter().filter(|l| l.starts_with("/sites/")).count() >= 4,
                "{links:?}"
            );
        }
        for link in links {
            assert_eq!(
                c.get(&link).await.status,
                StatusCode::OK,
                "{:?}: {link}",
                cred.role
            );
        }
    }
}

/// English pages join their words with English punctuation: the welcome read "Welcome，…"
/// and labels "Note：…" with the Chinese marks.
#[tokio::test]
async fn english_pages_use_english_punctuation() {
    let (app, creds) = TestApp::with_demo().await;
    for cred in &creds {
        let mut c = app.client();
        c.headers
            .insert(http::header::ACCEPT_LANGUAGE, "en".parse().unwrap());
        c.login(&cred.login, &cred.password).await;
        let home = c.get("/").await;
        let h1 = home.select("h1").join("");
        assert!(h1.starts_with("Welcome, "), "{h1}");
        assert!(
            !home
                .select("main p, main h2, main dt")
                .iter()
                .any(|t| t.contains('：') || t.contains('，')),
            "{:?}",
            home.select("main p")
        );
    }
}
