//! The candidates list asks the market-night rules (suspended after 12 demerit points, a
//! lapsed gas cylinder) of all its vendors at once: the batch readings agree with the
//! one-vendor checks a booking makes, vendor by vendor, and their query count does not grow
//! with the number of vendors.

use crate::market_fixtures::*;
use crate::support::TestApp;
use chrono::{Duration, NaiveDate, Utc};
use entity::inspections::InspectionStatus;
use entity::{bookings, gas_cylinders, inspection_items, inspections};
use nightmarket::conduct::demerits;
use nightmarket::identity::Role;
use nightmarket::vendors::equipment;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Database, EntityTrait, Set};
use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// An inspection of `vendor` on `date` worth `points`, counting or cancelled on appeal.
async fn inspection(
    db: &impl ConnectionTrait,
    booking: &bookings::Model,
    market: i32,
    date: NaiveDate,
    points: &[i32],
    status: InspectionStatus,
) {
    let row = inspections::ActiveModel {
        session_id: Set(booking.session_id),
        stall_id: Set(booking.stall_id),
        vendor_id: Set(booking.vendor_id),
        market_id: Set(market),
        booking_id: Set(booking.id),
        business_date: Set(date),
        status: Set(status),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    for (i, p) in points.iter().enumerate() {
        inspection_items::ActiveModel {
            inspection_id: Set(row.id),
            code: Set(format!("item-{i}")),
            points: Set(*p),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
    }
}

async fn cylinder(db: &impl ConnectionTrait, vendor: i32, serial: &str, until: NaiveDate) {
    gas_cylinders::ActiveModel {
        vendor_id: Set(vendor),
        serial: Set(serial.into()),
        inspected_until: Set(until),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
}

#[tokio::test]
async fn the_candidates_batch_rules_agree_with_each_vendors_own_check_in_a_few_queries() {
    let app = TestApp::new().await;
    let db = app.conn();
    let mut admin = app.login_as(Role::Admin).await;
    let s = site(&app, "BAT").await;
    let st = stalls(&app, s, "BAT", 8).await;
    let (market, session) = running_market(&mut admin, s).await;
    let market = i32::try_from(market).unwrap();
    let session_id = i32::try_from(session["id"].as_i64().unwrap()).unwrap();
    let v: Vec<i32> = vendor_rows(&app, 8, "服装百货")
        .await
        .into_iter()
        .map(|x| i32::try_from(x).unwrap())
        .collect();
    let mut booked = Vec::new();
    for (vendor, stall) in v.iter().zip(&st) {
        booked.push(
            bookings::ActiveModel {
                session_id: Set(session_id),
                stall_id: Set(*stall),
                vendor_id: Set(*vendor),
                status: Set(bookings::BookingStatus::Booked),
                created_at: Set(Utc::now()),
                ..Default::default()
            }
            .insert(db)
            .await
            .unwrap(),
        );
    }
    // The session's night, which the candidates list judges by (not today after midnight).
    let on = session_date(&session);
    let active = InspectionStatus::Active;
    // v0: 12 points in two inspections, the 12th today → suspended for 30 days.
    inspection(
        db,
        &booked[0],
        market,
        on - Duration::days(60),
        &[6],
        active,
    )
    .await;
    inspection(db, &booked[0], market, on, &[3, 3], active).await;
    // v1: 6 points → a warning, not suspended.
    inspection(db, &booked[1], market, on, &[6], active).await;
    // v2: 12 points 40 days ago → the 30-day suspension is over.
    inspection(
        db,
        &booked[2],
        market,
        on - Duration::days(40),
        &[12],
        active,
    )
    .await;
    // v3: 12 points, half of them cancelled on appeal.
    inspection(db, &booked[3], market, on, &[6], active).await;
    let cancelled = InspectionStatus::Cancelled;
    inspection(db, &booked[3], market, on, &[6], cancelled).await;
    // v4: 12 points over 13 months → the old ones dropped out of the window.
    inspection(
        db,
        &booked[4],
        market,
        on - Duration::days(400),
        &[6],
        active,
    )
    .await;
    inspection(db, &booked[4], market, on, &[6], active).await;
    // Cylinders: v0 and v5 lapsed yesterday, v6 valid through today, v5 also a valid one.
    cylinder(db, v[0], "C0", on - Duration::days(1)).await;
    cylinder(db, v[5], "C5a", on + Duration::days(90)).await;
    cylinder(db, v[5], "C5b", on - Duration::days(1)).await;
    cylinder(db, v[6], "C6", on).await;

    let suspended = demerits::suspended_among(db, &v, on).await.unwrap();
    let lapsed = equipment::gas_lapsed_among(db, &v, on).await.unwrap();
    assert_eq!(suspended, HashSet::from([v[0]]));
    assert_eq!(lapsed, HashSet::from([v[0], v[5]]));
    for &vendor in &v {
        assert_eq!(
            demerits::is_suspended(db, vendor, on).await.unwrap(),
            suspended.contains(&vendor),
            "vendor {vendor}"
        );
        assert_eq!(
            equipment::gas_inspection_lapsed(db, vendor, on)
                .await
                .unwrap(),
            lapsed.contains(&vendor),
            "vendor {vendor}"
        );
    }
    let until = demerits::suspensions_among(db, &v, on).await.unwrap();
    assert_eq!(until.get(&v[0]), Some(&(on + Duration::days(29))));
    assert_eq!(
        demerits::suspension_on(db, v[0], on).await.unwrap(),
        Some(on + Duration::days(29))
    );

    // The reasons the candidates list adds, counted on a connection of its own.
    let mut counted = Database::connect(&app.db.url).await.unwrap();
    let queries = Arc::new(AtomicUsize::new(0));
    let seen = queries.clone();
    counted.set_metric_callback(move |_| {
        seen.fetch_add(1, Ordering::SeqCst);
    });
    let model = entity::market_sessions::Entity::find_by_id(session_id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let reasons = nightmarket::bookings::candidates::extra_reasons(&counted, &model, &v)
        .await
        .unwrap();
    let for_all = queries.swap(0, Ordering::SeqCst);
    assert_eq!(
        reasons.get(&v[0]).cloned().unwrap_or_default(),
        ["vendor_suspended", "gas_inspection_expired"]
    );
    assert_eq!(
        reasons.get(&v[5]).cloned().unwrap_or_default(),
        ["gas_inspection_expired"]
    );
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    nightmarket::bookings::candidates::extra_reasons(&counted, &model, &v[..1])
        .await
        .unwrap();
    let for_one = queries.swap(0, Ordering::SeqCst);
    // The profiles sharing the vendors' ID numbers (points follow the person), inspections,
    // their items, their markets, the cylinders: for one vendor as for eight.
    assert_eq!((for_all, for_one), (5, 5));
}
