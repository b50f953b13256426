//! The demo county: sixty sample vendors with valid ID numbers who cannot log in, applications
//! in every status, bookings over past and coming sessions with check-ins and a few no-shows,
//! and the manager's session plan coloured and labelled by category.

use crate::support::TestApp;
use entity::{applications, bookings, market_sessions, vendors};
use http::StatusCode;
use nightmarket::identity::Role;
use nightmarket::vendors::id_number::IdNumber;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::BTreeSet;

#[tokio::test]
async fn the_demo_has_sixty_vendors_with_applications_bookings_and_no_shows() {
    let (app, creds) = TestApp::with_demo().await;
    let today = nightmarket::clock::today();
    let all = vendors::Entity::find().all(app.conn()).await.unwrap();
    assert!(all.len() >= 60, "{} vendors", all.len());
    assert!(
        all.iter()
            .all(|v| IdNumber::parse(&v.id_number, today).is_ok())
    );
    let statuses: BTreeSet<String> = applications::Entity::find()
        .all(app.conn())
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.status.to_string())
        .collect();
    for s in [
        "approved",
        "submitted",
        "waitlisted",
        "rejected",
        "withdrawn",
    ] {
        assert!(statuses.contains(s), "no {s} application in {statuses:?}");
    }
    let now = chrono::Utc::now();
    let sessions = market_sessions::Entity::find()
        .all(app.conn())
        .await
        .unwrap();
    let past: Vec<i32> = sessions
        .iter()
        .filter(|s| s.ends_at < now)
        .map(|s| s.id)
        .collect();
    let coming: Vec<i32> = sessions
        .iter()
        .filter(|s| s.starts_at > now)
        .map(|s| s.id)
        .collect();
    let rows = bookings::Entity::find().all(app.conn()).await.unwrap();
    let in_past: Vec<_> = rows
        .iter()
        .filter(|b| past.contains(&b.session_id))
        .collect();
    assert!(
        in_past.iter().any(|b| b.checked_in_at.is_some()),
        "past check-ins"
    );
    let no_shows = in_past.iter().filter(|b| b.checked_in_at.is_none()).count();
    assert!(
        no_shows > 0 && no_shows * 10 < in_past.len(),
        "a few no-shows: {no_shows} of {}",
        in_past.len()
    );
    assert!(
        rows.iter().any(|b| coming.contains(&b.session_id)),
        "coming bookings"
    );
    assert!(
        rows.iter()
            .filter(|b| coming.contains(&b.session_id))
            .all(|b| b.checked_in_at.is_none())
    );

    // Sample vendors cannot log in; the printed demo vendor can.
    let mut c = app.client();
    let r = c
        .post_json(
            "/api/v1/session",
            &serde_json::json!({"login": "13909360100", "password": "anything-1"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let demo = creds.iter().find(|c| c.role == Role::Vendor).unwrap();
    c.login(&demo.login, &demo.password).await;
}

#[tokio::test]
async fn the_managers_session_plan_colours_and_labels_booked_stalls_by_category() {
    let (app, creds) = TestApp::with_demo().await;
    let manager = creds.iter().find(|c| c.role == Role::Manager).unwrap();
    let mut c = app.client();
    c.login(&manager.login, &manager.password).await;
    let now = chrono::Utc::now();
    let booked_session = bookings::Entity::find()
        .all(app.conn())
        .await
        .unwrap()
        .into_iter()
        .map(|b| b.session_id)
        .collect::<BTreeSet<_>>();
    let session = market_sessions::Entity::find()
        .filter(market_sessions::Column::StartsAt.gt(now))
        .all(app.conn())
        .await
        .unwrap()
        .into_iter()
        .find(|s| booked_session.contains(&s.id))
        .expect("a coming session with bookings");
    let page = c.get(&format!("/sessions/{}", session.id)).await;
    assert_eq!(page.status, StatusCode::OK);
    let coloured = page.select("svg.plan g.stall[class*=st-cat-]");
    assert!(
        !coloured.is_empty(),
        "booked stalls are coloured by category"
    );
    // Every coloured stall carries a text mark too (two lines: code and category mark).
    assert!(
        page.select("svg.plan g.stall[class*=st-cat-] text tspan")
            .len()
            >= 2 * coloured.len()
    );
    let legend = page.select("ul.legend.categories li");
    assert!(legend.iter().any(|l| l.contains("小吃餐饮")), "{legend:?}");
    assert!(
        page.select("ul.legend.categories .swatch .mark")
            .iter()
            .all(|m| !m.trim().is_empty())
    );
}
