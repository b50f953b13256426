//! Typed states: what is stored reads back as enums and typed lists, relations join the rows the
//! code joins, and a stored value outside its set is an error rather than a silent default.

use crate::support::TestApp;
use entity::{applications, bookings, market_sessions, stalls, vendors};
use sea_orm::{ConnectionTrait, EntityTrait};

#[tokio::test]
async fn the_demo_reads_back_typed_and_bookings_join_their_sessions_and_stalls() {
    let (app, _) = TestApp::with_demo().await;
    let with_sessions = bookings::Entity::find()
        .find_also_related(market_sessions::Entity)
        .all(app.conn())
        .await
        .unwrap();
    assert!(!with_sessions.is_empty());
    for (booking, session) in &with_sessions {
        assert_eq!(session.as_ref().map(|s| s.id), Some(booking.session_id));
    }
    let with_stalls = bookings::Entity::find()
        .find_also_related(stalls::Entity)
        .all(app.conn())
        .await
        .unwrap();
    for (booking, stall) in &with_stalls {
        assert_eq!(stall.as_ref().map(|s| s.id), Some(booking.stall_id));
    }
    let with_vendors = applications::Entity::find()
        .find_also_related(vendors::Entity)
        .all(app.conn())
        .await
        .unwrap();
    assert!(
        with_vendors
            .iter()
            .all(|(a, v)| v.as_ref().map(|v| v.id) == Some(a.vendor_id))
    );
    // The seed applies for one segment each; the list came back as what was stored.
    assert!(with_vendors.iter().all(|(a, _)| a.segments.len() == 1));
}

#[tokio::test]
async fn a_malformed_stored_weekday_list_is_an_error_not_every_day() {
    let (app, _) = TestApp::with_demo().await;
    let id = applications::Entity::find()
        .one(app.conn())
        .await
        .unwrap()
        .unwrap()
        .id;
    app.conn()
        .execute_unprepared(&format!(
            "UPDATE applications SET weekdays = 'mon' WHERE id = {id}"
        ))
        .await
        .unwrap();
    assert!(
        applications::Entity::find_by_id(id)
            .one(app.conn())
            .await
            .is_err()
    );
}

#[tokio::test]
async fn a_stored_status_outside_its_set_is_an_error() {
    let (app, _) = TestApp::with_demo().await;
    let id = market_sessions::Entity::find()
        .one(app.conn())
        .await
        .unwrap()
        .unwrap()
        .id;
    app.conn()
        .execute_unprepared(&format!(
            "UPDATE market_sessions SET status = 'maybe' WHERE id = {id}"
        ))
        .await
        .unwrap();
    assert!(
        market_sessions::Entity::find_by_id(id)
            .one(app.conn())
            .await
            .is_err()
    );
}
