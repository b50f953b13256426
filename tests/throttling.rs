//! Login throttling both ways: the client that guesses is stopped, the account's owner is only
//! slowed; an address spraying many accounts meets the per-address ceiling.

use crate::support::{Client, TestApp};
use http::{StatusCode, header};
use nightmarket::config::LimitsMode;
use nightmarket::identity::Role;
use nightmarket::identity::throttle::Slowdown;
use serde_json::json;
use std::time::{Duration, Instant};

async fn try_login(c: &mut Client, login: &str, password: &str) -> StatusCode {
    c.post_json(
        "/api/v1/session",
        &json!({"login": login, "password": password}),
    )
    .await
    .status
}

#[tokio::test]
async fn an_attacker_is_stopped_after_ten_guesses_and_the_owner_still_logs_in() {
    let app = TestApp::new().await;
    app.user("county-admin", Role::Admin, "owner-pass-1").await;
    let mut attacker = app.client().at_address("198.51.100.7");
    for _ in 0..10 {
        let status = try_login(&mut attacker, "county-admin", "guess-123").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let eleventh = attacker
        .post_json(
            "/api/v1/session",
            &json!({"login": "county-admin", "password": "guess-456"}),
        )
        .await;
    assert_eq!(eleventh.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(eleventh.error_code(), "too_many_requests");
    let retry: u64 = eleventh.headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=900).contains(&retry), "Retry-After {retry}");
    // Even the right password does not help the attacker's client now.
    assert_eq!(
        try_login(&mut attacker, "county-admin", "owner-pass-1").await,
        StatusCode::TOO_MANY_REQUESTS
    );

    let mut owner = app.client().at_address("203.0.113.20");
    owner.login("county-admin", "owner-pass-1").await;
    assert_eq!(
        owner.get("/api/v1/me").await.json()["login"],
        "county-admin"
    );
    // The owner's login did not free the attacker.
    assert_eq!(
        try_login(&mut attacker, "county-admin", "guess-789").await,
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn a_burst_of_guesses_sent_at_once_gets_no_more_than_ten_checked() {
    // Counted only after each check, thirty guesses sent together all reached the password.
    let app = TestApp::new().await;
    app.user("burst-admin", Role::Admin, "owner-pass-2").await;
    let attacker = app.client().at_address("198.51.100.9");
    let mut tasks = Vec::new();
    for k in 0..30 {
        let mut c = attacker.clone();
        tasks.push(tokio::spawn(async move {
            try_login(&mut c, "burst-admin", &format!("guess-{k}")).await
        }));
    }
    let (mut checked, mut refused) = (0, 0);
    for t in tasks {
        match t.await.unwrap() {
            StatusCode::UNAUTHORIZED => checked += 1,
            StatusCode::TOO_MANY_REQUESTS => refused += 1,
            other => panic!("unexpected {other}"),
        }
    }
    assert!(checked <= 10, "{checked} guesses checked");
    assert_eq!(checked + refused, 30);
    // The owner, elsewhere, still gets in.
    let mut owner = app.client().at_address("203.0.113.21");
    owner.login("burst-admin", "owner-pass-2").await;
}

#[tokio::test]
async fn guesses_from_many_addresses_slow_the_owner_down_but_never_refuse_them() {
    let slowdown = Slowdown {
        free: 5,
        step: Duration::from_millis(50),
        max: Duration::from_millis(300),
    };
    let app = TestApp::new().await.with_slowdown(slowdown);
    app.user("market-manager", Role::Manager, "owner-pass-2")
        .await;

    let started = Instant::now();
    app.client().login("market-manager", "owner-pass-2").await;
    let unhurried = started.elapsed();

    for n in 0..3 {
        let mut bot = app.client().at_address(&format!("192.0.2.{}", 10 + n));
        for _ in 0..3 {
            let status = try_login(&mut bot, "market-manager", "guess-123").await;
            assert_eq!(
                status,
                StatusCode::UNAUTHORIZED,
                "never locked, only slowed"
            );
        }
    }
    let mut owner = app.client().at_address("203.0.113.30");
    let started = Instant::now();
    owner.login("market-manager", "owner-pass-2").await;
    let slowed = started.elapsed();
    assert!(
        slowed >= Duration::from_millis(300),
        "9 failures should make the owner wait the full 300 ms, waited {slowed:?} (unhurried {unhurried:?})"
    );
    assert!(slowed < Duration::from_secs(10), "capped: {slowed:?}");
}

#[tokio::test]
async fn an_address_spraying_many_accounts_meets_the_per_address_ceiling() {
    let app = TestApp::with_config(|c| c.limits = LimitsMode::Normal).await;
    app.user("vendor-owner", Role::Vendor, "owner-pass-3").await;
    let mut sprayer = app.client().at_address("198.51.100.66");
    // At most 30 login attempts a minute from one address in one process…
    for n in 0..30 {
        let status = try_login(&mut sprayer, &format!("1390000{n:04}"), "123456-a").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "attempt {n}");
    }
    assert_eq!(
        try_login(&mut sprayer, "13900009999", "123456-a").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // …and at most 100 failures in 15 minutes across every process, counted in the database.
    let mut refused = None;
    let mut again = sprayer.clone();
    for n in 30..140 {
        if n % 30 == 0 {
            let process = app
                .another_process_with(|c| c.limits = LimitsMode::Normal)
                .await;
            again = sprayer.on(process);
        }
        let status = try_login(&mut again, &format!("1390000{n:04}"), "123456-a").await;
        if status == StatusCode::TOO_MANY_REQUESTS {
            refused = Some(n);
            break;
        }
        assert_eq!(status, StatusCode::UNAUTHORIZED, "attempt {n}");
    }
    assert_eq!(
        refused,
        Some(100),
        "the 101st failure from one address is refused"
    );
    // Another address is not affected.
    let mut owner = app.client().at_address("203.0.113.40");
    owner.login("vendor-owner", "owner-pass-3").await;
}

#[tokio::test]
async fn relaxed_limits_turn_off_the_per_address_limits_only() {
    let app = TestApp::with_config(|c| c.limits = LimitsMode::Relaxed).await;
    app.user("bureau-reader", Role::Bureau, "owner-pass-4")
        .await;
    let mut load_test = app.client().at_address("198.51.100.99");
    for n in 0..105 {
        let status = try_login(&mut load_test, &format!("1391111{n:04}"), "123456-a").await;
        assert_eq!(
            status,
            StatusCode::UNAUTHORIZED,
            "no per-address ceiling: {n}"
        );
    }
    for _ in 0..10 {
        try_login(&mut load_test, "bureau-reader", "guess-123").await;
    }
    assert_eq!(
        try_login(&mut load_test, "bureau-reader", "owner-pass-4").await,
        StatusCode::TOO_MANY_REQUESTS,
        "the account-and-client limit stays on"
    );
    app.client()
        .at_address("203.0.113.50")
        .login("bureau-reader", "owner-pass-4")
        .await;
}

/// The login form says how long to wait, truly: a county office's staff share one address, and
/// thirty logins in a minute from it (none failed) were told "too many failed logins, try again
/// in 15 minutes" when the wait was a few seconds.
#[tokio::test]
async fn the_login_form_names_the_real_wait() {
    let app = TestApp::with_config(|c| c.limits = LimitsMode::Normal).await;
    app.user("county-clerk", Role::Bureau, "clerk-pass-1").await;
    let mut office = app.client().at_address("198.51.100.80");
    for _ in 0..30 {
        let mut clerk = office.clone();
        clerk.login("county-clerk", "clerk-pass-1").await;
    }
    let refused = office
        .submit(
            "/login",
            "/login",
            &[("login", "county-clerk"), ("password", "clerk-pass-1")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = refused.headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "Retry-After {wait}");
    let message = refused.select("p.error-message").join(" ");
    let said = if wait < 60 {
        format!("请 {wait} 秒后再试")
    } else {
        "请 1 分钟后再试".to_owned()
    };
    assert!(
        message.contains(&said) && !message.contains("失败"),
        "{message} (Retry-After {wait})"
    );

    // Ten failures on one account from one client: the rest of the 15 minutes, in minutes.
    app.user("market-clerk", Role::Manager, "clerk-pass-2")
        .await;
    let mut guesser = app.client().at_address("198.51.100.81");
    for _ in 0..10 {
        assert_eq!(
            try_login(&mut guesser, "market-clerk", "guess-123").await,
            StatusCode::UNAUTHORIZED
        );
    }
    guesser
        .headers
        .insert(header::ACCEPT_LANGUAGE, "en".parse().unwrap());
    let refused = guesser
        .submit(
            "/login",
            "/login",
            &[("login", "market-clerk"), ("password", "guess-456")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    let message = refused.select("p.error-message").join(" ");
    assert!(message.contains("Try again in 15 minutes."), "{message}");
}

/// A client behind the load balancer at `proxy`, which says the client is `ip`.
fn behind(app: &TestApp, proxy: &str, ip: &str) -> Client {
    let mut c = app.client().at_address(proxy);
    c.headers
        .insert("x-forwarded-for", ip.parse().expect("a header value"));
    c
}

/// Behind a load balancer every request comes from the balancer: with `trusted_proxies`
/// naming it, the per-address ceiling counts each client, so one sprayer does not lock the
/// county out; the header is believed from the balancer only, so a client sending it itself
/// stays counted under its own address.
#[tokio::test]
async fn behind_a_trusted_balancer_the_per_address_ceiling_counts_each_client() {
    let app = TestApp::with_config(|c| {
        c.limits = LimitsMode::Normal;
        c.trusted_proxies = vec!["10.0.0.0/8".into()];
    })
    .await;
    app.user("vendor-owner", Role::Vendor, "owner-pass-5").await;
    let mut sprayer = behind(&app, "10.0.0.5", "198.51.100.66");
    for n in 0..30 {
        let status = try_login(&mut sprayer, &format!("1390000{n:04}"), "123456-a").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "attempt {n}");
    }
    assert_eq!(
        try_login(&mut sprayer, "13900009999", "123456-a").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Another client through the same balancer is not affected.
    behind(&app, "10.0.0.5", "203.0.113.40")
        .login("vendor-owner", "owner-pass-5")
        .await;

    // A client not behind the balancer names another address itself: not believed.
    let mut forger = behind(&app, "198.51.100.77", "203.0.113.41");
    for n in 0..30 {
        let status = try_login(&mut forger, &format!("1392222{n:04}"), "123456-a").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "attempt {n}");
    }
    let mut forged_again = behind(&app, "198.51.100.77", "203.0.113.42");
    assert_eq!(
        try_login(&mut forged_again, "13922229999", "123456-a").await,
        StatusCode::TOO_MANY_REQUESTS,
        "counted under its own address whatever it sends"
    );
}
