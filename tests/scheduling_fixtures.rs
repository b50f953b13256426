//! Fixtures of the scheduling tests: a manager with their own sites, bookings, counts.

use crate::market_fixtures::{site, stalls, vendor_rows};
use crate::support::{Client, TestApp};
use http::StatusCode;
use nightmarket::identity::Role;
use sea_orm::{ActiveModelTrait, EntityTrait, PaginatorTrait, Set};
use serde_json::{Value, json};

/// A logged-in manager who manages `sites`.
pub async fn manager_of(app: &TestApp, login: &str, sites: &[i32]) -> Client {
    let id = app.user(login, Role::Manager, "manager-pass-1").await;
    for s in sites {
        entity::manager_sites::ActiveModel {
            user_id: Set(id),
            site_id: Set(*s),
        }
        .insert(app.conn())
        .await
        .expect("manager site");
    }
    let mut c = app.client();
    c.login(login, "manager-pass-1").await;
    c
}

/// Two sites with three stalls each, and their manager.
pub async fn two_sites(app: &TestApp, tag: &str) -> (Client, i32, i32, Vec<i32>, Vec<i32>) {
    let a = site(app, &format!("{tag}A")).await;
    let b = site(app, &format!("{tag}B")).await;
    let sa = stalls(app, a, &format!("{tag}A"), 3).await;
    let sb = stalls(app, b, &format!("{tag}B"), 3).await;
    let m = manager_of(app, &format!("mgr-{}", tag.to_lowercase()), &[a, b]).await;
    (m, a, b, sa, sb)
}

/// Books `n` vendors (inserted directly) into a session's first stalls; returns the vendor ids.
pub async fn book(
    app: &TestApp,
    c: &mut Client,
    session: i64,
    stall_ids: &[i32],
    n: usize,
) -> Vec<i64> {
    let vendors = vendor_rows(app, n as u32, "服装百货").await;
    for (v, s) in vendors.iter().zip(stall_ids) {
        let r = c
            .post_json(
                "/api/v1/bookings",
                &json!({"session_id": session, "stall_id": s, "vendor_id": v}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    }
    vendors
}

/// Rows in a table.
macro_rules! count {
    ($app:expr, $e:path) => {
        <$e>::find().count($app.conn()).await.unwrap()
    };
}

/// Sessions of every market, markets, schedule rows, closures: what "nothing written" checks.
pub async fn footprint(app: &TestApp) -> [u64; 5] {
    [
        count!(app, entity::market_sessions::Entity),
        count!(app, entity::markets::Entity),
        count!(app, entity::market_schedules::Entity),
        count!(app, entity::market_closures::Entity),
        count!(app, entity::bookings::Entity),
    ]
}

/// A market body with these segments and rows.
pub fn market_body(name: &str, kind: &str, segments: Value, schedule: Value) -> Value {
    json!({"name": name, "kind": kind, "segments": segments, "schedule": schedule})
}

/// Notices of a vendor's account.
pub async fn notices_of_vendor(app: &TestApp, vendor: i64) -> Vec<entity::notices::Model> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let v = entity::vendors::Entity::find_by_id(vendor as i32)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    entity::notices::Entity::find()
        .filter(entity::notices::Column::UserId.eq(v.user_id))
        .all(app.conn())
        .await
        .unwrap()
}

/// Audit rows about a market with this action.
pub async fn audited(app: &TestApp, market: i64, action: &str) -> usize {
    use sea_orm::{ColumnTrait, QueryFilter};
    entity::audit_log::Entity::find()
        .filter(entity::audit_log::Column::Entity.eq("market"))
        .filter(entity::audit_log::Column::EntityId.eq(market as i32))
        .filter(entity::audit_log::Column::Action.eq(action))
        .count(app.conn())
        .await
        .unwrap() as usize
}
