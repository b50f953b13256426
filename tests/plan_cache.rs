//! Plans are kept in each process's memory (src/cache.rs): whatever changes what a plan shows —
//! a booking placed by another process, a stall disabled or a vendor renamed by hand-written
//! SQL — must show on the very next view, on every process.

use crate::market_fixtures::{day, market, night_market, sessions, site, stalls, vendor_rows};
use crate::support::TestApp;
use http::StatusCode;
use nightmarket::identity::Role;
use sea_orm::ConnectionTrait;
use serde_json::json;

/// The state column of the public plan's row for `code`.
fn state_of(page: &crate::support::client::Resp, code: &str) -> String {
    page.select(&format!("table.stall-list tr#stall-{code} td"))
        .get(2)
        .cloned()
        .unwrap_or_default()
}

#[tokio::test]
async fn a_cached_plan_never_outlives_a_change_made_anywhere() {
    let app = TestApp::new().await;
    let s = site(&app, "CCH").await;
    let st = stalls(&app, s, "CCH", 3).await;
    let vendors = vendor_rows(&app, 1, "服装百货").await;
    let mut admin = app.login_as(Role::Admin).await;
    let m = market(&mut admin, &night_market(s, day(1), day(1))).await;
    let session = sessions(&mut admin, m, day(1), day(1)).await[0]["id"]
        .as_i64()
        .unwrap();
    let plan = format!("/sessions/{session}/plan");
    let staff_page = format!("/sessions/{session}");
    let mut visitor = app.client();
    let other = app.another_process().await;
    let mut admin_elsewhere = admin.on(other);

    // Seen (and kept) by this process: every stall free.
    let before = visitor.get(&plan).await;
    assert_eq!(before.status, StatusCode::OK);
    assert_eq!(state_of(&before, "CCH-A-001"), "空闲");
    assert_eq!(
        admin.get(&staff_page).await.select("table tbody tr").len(),
        0
    );

    // Another process books the first stall.
    let r = admin_elsewhere
        .post_json(
            "/api/v1/bookings",
            &json!({"session_id": session, "stall_id": st[0], "vendor_id": vendors[0]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let after = visitor.get(&plan).await;
    assert_eq!(state_of(&after, "CCH-A-001"), "已排位", "{}", after.text());
    let staff = admin.get(&staff_page).await;
    let rows = staff.select("table tbody tr");
    assert_eq!(rows.len(), 1, "{}", staff.text());
    assert!(rows[0].contains("CCH-A-001"), "{rows:?}");
    assert_eq!(
        staff
            .select("figure.session-plan li[data-category='服装百货']")
            .len(),
        1,
        "the staff plan's legend names the new booking's category"
    );

    // A clerk disables a stall and renames the vendor in SQL, outside the application.
    app.conn()
        .execute_unprepared(&format!(
            "UPDATE stalls SET status = 'disabled' WHERE id = {}",
            st[2]
        ))
        .await
        .unwrap();
    app.conn()
        .execute_unprepared(&format!(
            "UPDATE vendors SET name = '改名后' WHERE id = {}",
            vendors[0]
        ))
        .await
        .unwrap();
    let after = visitor.get(&plan).await;
    assert_eq!(state_of(&after, "CCH-A-003"), "停用", "{}", after.text());
    let staff = admin.get(&staff_page).await;
    assert!(
        staff.select("table tbody tr")[0].contains("改名后"),
        "{}",
        staff.text()
    );

    // Stalls added and removed in bulk outside the application (as a layout writes them: one
    // statement for many rows) show on the next view too.
    let copy = "INSERT INTO stalls (site_id, code, row_index, position, polygon, width_m, \
                depth_m, facing_deg, status, power, premium, zone, locked, created_at) \
                SELECT site_id, code || '-B', row_index, position + 100, polygon, width_m, \
                depth_m, facing_deg, status, power, premium, zone, locked, created_at \
                FROM stalls WHERE site_id = ";
    app.conn()
        .execute_unprepared(&format!("{copy}{s}"))
        .await
        .unwrap();
    let after = visitor.get(&plan).await;
    for code in ["CCH-A-001-B", "CCH-A-002-B", "CCH-A-003-B"] {
        assert!(
            !state_of(&after, code).is_empty(),
            "{code}: {}",
            after.text()
        );
    }
    app.conn()
        .execute_unprepared(&format!(
            "DELETE FROM stalls WHERE site_id = {s} AND code LIKE '%-B'"
        ))
        .await
        .unwrap();
    let after = visitor.get(&plan).await;
    assert!(
        state_of(&after, "CCH-A-002-B").is_empty(),
        "{}",
        after.text()
    );
    assert_eq!(state_of(&after, "CCH-A-002"), "空闲");

    // Cancelling the booking elsewhere frees the stall here.
    let booking = r.json()["id"].as_i64().unwrap();
    let gone = admin_elsewhere
        .call(http::Method::DELETE, &format!("/api/v1/bookings/{booking}"))
        .await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT);
    assert_eq!(state_of(&visitor.get(&plan).await, "CCH-A-001"), "空闲");
    assert_eq!(
        admin.get(&staff_page).await.select("table tbody tr").len(),
        0
    );
}
