//! Allocation runs over the database: draft → publish, determinism of the stored result, a
//! stall booked by hand in between, bad input, the public results page, and the pages.

use crate::market_fixtures::{day, market, night_market, sessions, site, stalls, vendor_rows};
use crate::support::{Client, TestApp};
use chrono::Utc;
use http::StatusCode;
use nightmarket::identity::Role;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::{Value, json};

/// A night market over days 1–3 on a site with `n_stalls` stalls, and `n_vendors` approved
/// applications for all three nights.
pub(crate) struct Fixture {
    pub(crate) admin: Client,
    pub(crate) market: i64,
    pub(crate) sessions: Vec<Value>,
    pub(crate) stalls: Vec<i32>,
    pub(crate) vendors: Vec<i64>,
    pub(crate) applications: Vec<i32>,
}

pub(crate) async fn fixture(app: &TestApp, code: &str, n_stalls: i32, n_vendors: u32) -> Fixture {
    let s = site(app, code).await;
    let st = stalls(app, s, code, n_stalls).await;
    let vendors = vendor_rows(app, n_vendors, "服装百货").await;
    let mut admin = app.login_as(Role::Admin).await;
    let m = market(&mut admin, &night_market(s, day(1), day(3))).await;
    let list = sessions(&mut admin, m, day(1), day(3)).await;
    let mut applications = Vec::new();
    for v in &vendors {
        applications.push(approved_application(app, *v, m).await);
    }
    Fixture {
        admin,
        market: m,
        sessions: list,
        stalls: st,
        vendors,
        applications,
    }
}

/// An approved application of `vendor` to `market` for days 1–3; returns its id.
pub(crate) async fn approved_application(app: &TestApp, vendor: i64, market: i64) -> i32 {
    entity::applications::ActiveModel {
        vendor_id: Set(vendor as i32),
        market_id: Set(market as i32),
        date_from: Set(day(1)),
        date_to: Set(day(3)),
        weekdays: Set("[]".parse().unwrap()),
        segments: Set("[]".parse().unwrap()),
        category: Set("服装百货".parse().unwrap()),
        needs_power: Set(false),
        preferred_stalls: Set("[]".parse().unwrap()),
        status: Set("approved".parse().unwrap()),
        reason: Set(None),
        decided_by: Set(None),
        decided_at: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(app.conn())
    .await
    .expect("application")
    .id
}

fn run_body(seed: &str) -> Value {
    json!({"from": day(1).to_string(), "to": day(3).to_string(), "seed": seed, "policy": {}})
}

pub(crate) async fn run(c: &mut Client, market: i64, seed: &str) -> Value {
    let r = c
        .post_json(
            &format!("/api/v1/markets/{market}/allocations"),
            &run_body(seed),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    r.json()
}

pub(crate) async fn live_bookings(app: &TestApp) -> u64 {
    entity::bookings::Entity::find()
        .count(app.conn())
        .await
        .unwrap()
}

pub(crate) async fn stored(app: &TestApp, id: i64) -> entity::allocation_runs::Model {
    entity::allocation_runs::Entity::find_by_id(id as i32)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test]
async fn a_published_draft_becomes_bookings_and_the_rest_join_the_waitlist() {
    let app = TestApp::new().await;
    let mut f = fixture(&app, "ALA", 3, 5).await;
    let draft = run(&mut f.admin, f.market, "2026-11-27-lantern").await;
    assert_eq!(draft["placed"], 9, "{draft}");
    assert_eq!(draft["unplaced"], 6, "{draft}");
    assert!(draft["metrics"]["fill_rate"].as_f64().unwrap() > 0.99);
    assert_eq!(live_bookings(&app).await, 0, "a draft books nothing");

    let id = draft["id"].as_i64().unwrap();
    let view = f.admin.get(&format!("/api/v1/allocations/{id}")).await;
    assert_eq!(view.status, StatusCode::OK);
    let view = view.json();
    assert_eq!(view["status"], "draft");
    assert_eq!(view["market_id"], f.market);
    assert_eq!(view["bookings"].as_array().unwrap().len(), 9);
    assert_eq!(view["explanations"].as_array().unwrap().len(), 5);
    assert_eq!(view["input_hash"].as_str().unwrap().len(), 64);
    for e in view["explanations"].as_array().unwrap() {
        assert!(e["draw_rank"].as_u64().unwrap() >= 1);
        if e["sessions_won"].as_u64().unwrap() < 3 {
            assert!(!e["reasons"].as_array().unwrap().is_empty(), "{e}");
        }
    }

    let r = f
        .admin
        .post_json(&format!("/api/v1/allocations/{id}/publish"), &json!({}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(live_bookings(&app).await, 9);
    for s in &f.sessions {
        let r = f
            .admin
            .get(&format!("/api/v1/sessions/{}/bookings", s["id"]))
            .await;
        assert_eq!(r.json()["total"], 3);
    }
    let again = f
        .admin
        .post_json(&format!("/api/v1/allocations/{id}/publish"), &json!({}))
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.error_code(), "already_published");
    assert_eq!(live_bookings(&app).await, 9);
    let published = f
        .admin
        .get(&format!("/api/v1/allocations/{id}"))
        .await
        .json();
    assert_eq!(published["status"], "published");

    let queued = entity::allocation_waitlist::Entity::find()
        .filter(entity::allocation_waitlist::Column::AllocationId.eq(id as i32))
        .count(app.conn())
        .await
        .unwrap();
    assert_eq!(queued, 6, "every unplaced request is queued");
    let audited = entity::audit_log::Entity::find()
        .filter(entity::audit_log::Column::Entity.eq("allocation"))
        .count(app.conn())
        .await
        .unwrap();
    assert_eq!(audited, 2, "the run and the publish are audited");
    assert_eq!(f.stalls.len(), 3);
    assert_eq!(f.vendors.len(), f.applications.len());
}

#[tokio::test]
async fn the_same_seed_twice_stores_a_byte_identical_result_and_another_seed_draws_differently() {
    let app = TestApp::new().await;
    let mut f = fixture(&app, "ALB", 2, 8).await;
    let a = run(&mut f.admin, f.market, "minle-2026").await["id"]
        .as_i64()
        .unwrap();
    let b = run(&mut f.admin, f.market, "minle-2026").await["id"]
        .as_i64()
        .unwrap();
    let c = run(&mut f.admin, f.market, "another seed").await["id"]
        .as_i64()
        .unwrap();
    let (a, b, c) = (
        stored(&app, a).await,
        stored(&app, b).await,
        stored(&app, c).await,
    );
    assert_eq!(a.result, b.result, "same input and seed ⇒ the same bytes");
    assert_eq!(a.input_hash, b.input_hash);
    assert_eq!(a.input, b.input);
    let order = |r: &entity::allocation_runs::Model| -> Value {
        serde_json::from_str::<Value>(&r.result).unwrap()["draw_order"].clone()
    };
    assert_ne!(order(&a), order(&c), "another seed ⇒ another draw");
    assert_ne!(a.input_hash, c.input_hash, "the seed is part of the hash");
}

#[tokio::test]
async fn a_stall_booked_by_hand_after_the_draft_makes_publish_refuse_and_write_nothing() {
    let app = TestApp::new().await;
    let mut f = fixture(&app, "ALC", 2, 3).await;
    let id = run(&mut f.admin, f.market, "hand").await["id"]
        .as_i64()
        .unwrap();
    let walk_up = vendor_rows(&app, 1, "服装百货").await[0];
    let r = f
        .admin
        .post_json(
            "/api/v1/bookings",
            &json!({"session_id": f.sessions[0]["id"], "stall_id": f.stalls[0], "vendor_id": walk_up}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let r = f
        .admin
        .post_json(&format!("/api/v1/allocations/{id}/publish"), &json!({}))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert_eq!(r.error_code(), "allocation_stale");
    assert_eq!(live_bookings(&app).await, 1, "only the hand booking");
    assert_eq!(stored(&app, id).await.status.as_str(), "draft");
    let queued = entity::allocation_waitlist::Entity::find()
        .count(app.conn())
        .await
        .unwrap();
    assert_eq!(queued, 0);

    // A fresh draft sees the hand booking and publishes.
    let id = run(&mut f.admin, f.market, "hand").await["id"]
        .as_i64()
        .unwrap();
    let r = f
        .admin
        .post_json(&format!("/api/v1/allocations/{id}/publish"), &json!({}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(live_bookings(&app).await, 6);
}

#[tokio::test]
async fn bad_runs_are_refused_naming_the_field_and_store_nothing() {
    let app = TestApp::new().await;
    let mut f = fixture(&app, "ALD", 2, 2).await;
    let path = format!("/api/v1/markets/{}/allocations", f.market);
    let cases = [
        (
            json!({"from": day(1).to_string(), "to": day(3).to_string(), "seed": "  ", "policy": {}}),
            "seed",
        ),
        (
            json!({"from": "tomorrow", "to": day(3).to_string(), "seed": "x", "policy": {}}),
            "from",
        ),
        (
            json!({"from": day(3).to_string(), "to": day(1).to_string(), "seed": "x", "policy": {}}),
            "to",
        ),
        (
            json!({"from": day(50).to_string(), "to": day(60).to_string(), "seed": "x", "policy": {}}),
            "from",
        ),
        (
            json!({"from": day(1).to_string(), "to": day(3).to_string(), "seed": "x",
            "policy": {"reserved_share": {"dibao": 0.7, "disabled": 0.5}}}),
            "policy.reserved_share",
        ),
        (
            json!({"from": day(1).to_string(), "to": day(3).to_string(), "seed": "x",
            "policy": {"max_sessions_per_vendor_per_week": 0}}),
            "policy.max_sessions_per_vendor_per_week",
        ),
        (
            json!({"from": day(1).to_string(), "to": day(3).to_string(), "seed": "x",
            "policy": {"no_such_knob": true}}),
            "policy.no_such_knob",
        ),
        (
            json!({"from": day(1).to_string(), "to": day(3).to_string(), "seed": "x",
            "policy": {"method": "magic"}}),
            "policy.method",
        ),
    ];
    for (body, field) in cases {
        let r = f.admin.post_json(&path, &body).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            r.text()
        );
        assert_eq!(r.json()["error"]["field"], field, "{body}: {}", r.text());
        // In the reader's words: never serde's English ("unknown variant", Rust names).
        let message = r.json()["error"]["message"].as_str().unwrap().to_owned();
        assert!(
            !message.contains("unknown") && !message.contains("expected"),
            "{message}"
        );
    }
    let r = f
        .admin
        .post_json(
            &path,
            &json!({"from": day(1).to_string(), "to": day(3).to_string(), "seed": "x",
            "policy": {"method": "magic"}}),
        )
        .await;
    let message = r.json()["error"]["message"].as_str().unwrap().to_owned();
    assert!(
        message.contains("“magic”") && message.contains("rotation"),
        "{message}"
    );
    let mut other = app.login_as(Role::Manager).await;
    let r = other.post_json(&path, &run_body("x")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let runs = entity::allocation_runs::Entity::find()
        .count(app.conn())
        .await
        .unwrap();
    assert_eq!(runs, 0);
}

#[tokio::test]
async fn the_public_page_shows_masked_names_and_nothing_personal() {
    let app = TestApp::new().await;
    let mut f = fixture(&app, "ALE", 2, 3).await;
    let id = run(&mut f.admin, f.market, "public").await["id"]
        .as_i64()
        .unwrap();
    let page = format!("/allocations/{id}/public");
    assert_eq!(
        app.client().get(&page).await.status,
        StatusCode::NOT_FOUND,
        "a draft is not public"
    );
    let r = f
        .admin
        .post_json(&format!("/api/v1/allocations/{id}/publish"), &json!({}))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let r = app.client().get(&page).await;
    assert_eq!(r.status, StatusCode::OK);
    let text = r.text();
    let run = stored(&app, id).await;
    assert!(text.contains(&run.seed) && text.contains(&run.input_hash));
    for v in &f.vendors {
        let v = entity::vendors::Entity::find_by_id(*v as i32)
            .one(app.conn())
            .await
            .unwrap()
            .unwrap();
        assert!(!text.contains(&v.name), "full name {} shown", v.name);
        assert!(!text.contains(&v.phone), "phone shown");
        assert!(!text.contains(&v.id_number), "ID number shown");
        assert!(text.contains(&nightmarket::mask::mask_name(&v.name)));
    }
    assert_eq!(r.select("tbody tr").len(), 3, "one row per application");
}

#[tokio::test]
async fn a_manager_runs_and_publishes_from_the_pages() {
    let app = TestApp::new().await;
    let f = fixture(&app, "ALF", 2, 3).await;
    let manager = app
        .user("alloc-manager", Role::Manager, "alloc-pass-123")
        .await;
    entity::manager_markets::ActiveModel {
        user_id: Set(manager),
        market_id: Set(f.market as i32),
    }
    .insert(app.conn())
    .await
    .unwrap();
    let mut c = app.client();
    c.login("alloc-manager", "alloc-pass-123").await;
    let market_page = format!("/markets/{}", f.market);
    let page = c.get(&market_page).await;
    let seed = page.attr("form[action$='/allocations'] input[name=seed]", "value");
    assert!(seed.is_some_and(|s| !s.is_empty()), "a seed is suggested");
    let (from, to) = (day(1).to_string(), day(3).to_string());
    let action = format!("/markets/{}/allocations", f.market);
    let bad = c
        .submit(
            &market_page,
            &action,
            &[
                ("from", &from),
                ("to", &to),
                ("seed", ""),
                ("method", "rotation"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A reserved share written wrong says how to write it; groups go by their names.
    let bad = c
        .submit(
            &market_page,
            &action,
            &[
                ("from", &from),
                ("to", &to),
                ("seed", "s"),
                ("reserved", "xyz"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().contains("低保户=0.1"), "{}", bad.text());
    assert!(!bad.text().contains("dibao="), "no codes on a Chinese page");
    // A trade the market does not admit: named at its field, with the market's trades.
    let bad = c
        .submit(
            &market_page,
            &action,
            &[
                ("from", &from),
                ("to", &to),
                ("seed", "s"),
                ("category_min", "算命=0.2"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.text().contains("“算命”不是本市场的业态") && bad.text().contains("服装百货"),
        "{}",
        bad.text()
    );
    for (field, value, said) in [
        ("category_max", "服装百货=0.3, 服装百货=0.5", "写了两次"),
        ("category_max", "-0.1", "0 到 1"),
        ("category_max", "140%", "0 到 1"),
        ("category_min", "服装百货=1.2", "0 到 1"),
    ] {
        let bad = c
            .submit(
                &market_page,
                &action,
                &[("from", &from), ("to", &to), ("seed", "s"), (field, value)],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{value}");
        // Said at its field, in words, not as the policy's JSON key.
        let at_field = bad.select(&format!("#f-{field}-err")).join(" ");
        assert!(at_field.contains(said), "{value}: {at_field}");
        assert!(!bad.text().contains("category_max_share"), "{value}");
    }
    let r = c
        .submit(
            &market_page,
            &action,
            &[
                ("from", &from),
                ("to", &to),
                ("seed", "page-seed"),
                ("reserved", "低保户＝0.1，残疾人=0.05"),
                ("method", "serial_dictatorship"),
                ("category_max", "服装百货=100%"),
                ("category_min", "服装百货＝0.1"),
                ("weekly_cap", "7"),
                ("no_adjacent", "on"),
                ("keep_same", "on"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let draft = r.location();
    let page = c.get(&draft).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("page-seed"));
    // The rules are on the page, in words.
    let rules = page.select("dl.run-policy").join(" ");
    assert!(
        rules.contains("服装百货 100%")
            && rules.contains("服装百货 10%")
            && rules.contains("油烟区"),
        "{rules}"
    );
    let publish = format!("{draft}/publish");
    let r = c.submit(&draft, &publish, &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    // Two adjacent stalls and one trade: "no two adjacent" leaves one stall a night.
    assert_eq!(live_bookings(&app).await, 3);
    let id: i32 = draft.rsplit('/').next().unwrap().parse().unwrap();
    let run = stored(&app, i64::from(id)).await;
    assert_eq!(run.status.as_str(), "published");
    assert!(run.policy.contains("serial_dictatorship"));
    assert!(
        run.policy.contains("\"dibao\":0.1") && run.policy.contains("\"disabled\":0.05"),
        "{}",
        run.policy
    );
    assert!(
        run.policy
            .contains("\"category_min_share\":{\"服装百货\":0.1}")
            && run.policy.contains("\"smoky_zone_only\":true"),
        "{}",
        run.policy
    );
    // The public page shows the same rules to anyone.
    let public = app.client().get(&format!("/allocations/{id}/public")).await;
    assert!(
        public
            .select("dl.run-policy")
            .join(" ")
            .contains("服装百货 100%"),
        "{}",
        public.text()
    );
}

/// What the role table's allocation rows act on: a market with two drafts on two sites (so
/// publishing one does not make the other stale), created by an admin.
pub struct RoleAllocation {
    /// The market of the first draft (the create rows run new drafts on it).
    pub market: String,
    /// A draft the API publish row publishes.
    pub allocation: String,
    /// A draft, on another market, the page publish row publishes.
    pub allocation2: String,
}

/// Sets up [`RoleAllocation`].
pub async fn role_allocation(app: &TestApp) -> RoleAllocation {
    let mut a = fixture(app, "RLA", 2, 3).await;
    let mut b = fixture(app, "RLB", 2, 3).await;
    let first = run(&mut a.admin, a.market, "role-a").await["id"].to_string();
    let second = run(&mut b.admin, b.market, "role-b").await["id"].to_string();
    RoleAllocation {
        market: a.market.to_string(),
        allocation: first,
        allocation2: second,
    }
}

/// Body of the role table's run row.
pub fn role_run_body(n: u32) -> Value {
    run_body(&format!("role-{n}"))
}

/// Form of the role table's run-page row.
pub fn role_run_form(n: u32) -> Vec<(String, String)> {
    vec![
        ("from".into(), day(1).to_string()),
        ("to".into(), day(3).to_string()),
        ("seed".into(), format!("role-form-{n}")),
        ("method".into(), "rotation".into()),
    ]
}

#[tokio::test]
async fn a_freed_stall_is_offered_to_the_run_s_waitlist_in_draw_order() {
    let app = TestApp::new().await;
    let mut f = fixture(&app, "ALG", 1, 3).await;
    let id = run(&mut f.admin, f.market, "waitlist").await["id"]
        .as_i64()
        .unwrap();
    let r = f
        .admin
        .post_json(&format!("/api/v1/allocations/{id}/publish"), &json!({}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let session = f.sessions[0]["id"].as_i64().unwrap() as i32;
    let first_in_line = entity::allocation_waitlist::Entity::find()
        .filter(entity::allocation_waitlist::Column::SessionId.eq(session))
        .all(app.conn())
        .await
        .unwrap()
        .into_iter()
        .min_by_key(|w| w.position)
        .expect("someone waits for the first night");
    let booking = entity::bookings::Entity::find()
        .filter(entity::bookings::Column::SessionId.eq(session))
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    let r = f
        .admin
        .call(
            http::Method::DELETE,
            &format!("/api/v1/bookings/{}", booking.id),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
    let offers = f.admin.get("/api/v1/offers").await.json();
    assert_eq!(offers["total"], 1, "{offers}");
    assert_eq!(
        offers["items"][0]["application_id"], first_in_line.application_id,
        "the first in the draw's queue gets the offer"
    );
}

/// The run form offers the market's own coming nights (a season starting next month is offered
/// as itself), not four weeks from today that would allocate a few of its nights only.
#[tokio::test]
async fn the_run_form_offers_the_markets_next_nights() {
    let app = TestApp::new().await;
    let s = crate::market_fixtures::site(&app, "RFD").await;
    crate::market_fixtures::stalls(&app, s, "RFD", 2).await;
    let mut admin = app.login_as(Role::Admin).await;
    let (from, to) = (
        crate::market_fixtures::day(10),
        crate::market_fixtures::day(40),
    );
    let m = crate::market_fixtures::market(
        &mut admin,
        &crate::market_fixtures::night_market(s, from, to),
    )
    .await;
    let page = admin.get(&format!("/markets/{m}")).await;
    assert_eq!(
        page.attr("input[name=from]", "value").as_deref(),
        Some(from.to_string().as_str())
    );
    assert_eq!(
        page.attr("input[name=to]", "value").as_deref(),
        Some(to.to_string().as_str()),
        "a 31-night season is offered whole"
    );
}
