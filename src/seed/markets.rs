//! The demo's markets: 财富广场早市 (06:00–09:00 daily), 文昌路夜市 (18:00–22:30, every day but
//! Friday, when the mobile market has the road), 流动夜市 (19:00–23:30: Fridays on Wenchang
//! Road, Saturdays on Fortune Plaza), with seasons around the seeding day so there are past and
//! coming sessions; a dozen vendors with applications, and bookings where the sites have stalls.

use crate::auth::password::{self, Passwords};
use crate::db::begin_write;
use crate::markets::create::{self, CategoryIn, NewMarket, ScheduleIn, SegmentIn};
use crate::vendors::register::{self, Registration};
use anyhow::Context;
use chrono::{Duration, Utc};
use entity::{applications, bookings, manager_markets, market_sessions, sites, stalls, users};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::json;

/// Demo vendors: name, category, what they sell.
const VENDORS: [(&str, &str, &str); 12] = [
    ("王秀英", "小吃餐饮", "酿皮、凉面"),
    ("李德明", "小吃餐饮", "烤串"),
    ("赵玉兰", "农副产品", "民乐大蒜、洋芋"),
    ("刘建华", "服装百货", "童装"),
    ("陈晓燕", "手工文创", "剪纸、刺绣"),
    ("杨志强", "便民服务", "修鞋配钥匙"),
    ("马文海", "小吃餐饮", "牛肉面"),
    ("周红梅", "农副产品", "小杂粮"),
    ("吴国栋", "服装百货", "鞋袜"),
    ("孙丽娟", "手工文创", "木雕"),
    ("郑海燕", "小吃餐饮", "炒面片"),
    ("何永福", "便民服务", "手机贴膜"),
];

fn segment(name: &str, start: &str, end: &str) -> SegmentIn {
    SegmentIn {
        name: name.into(),
        start: start.into(),
        end: end.into(),
    }
}

fn rule(site_id: i32, seg: &str, weekdays: &[i64], from: i64, to: i64) -> ScheduleIn {
    let today = crate::clock::today();
    ScheduleIn {
        site_id,
        segment: seg.into(),
        weekdays: weekdays.to_vec(),
        from: (today + Duration::days(from)).to_string(),
        to: (today + Duration::days(to)).to_string(),
    }
}

/// Seeds the demo markets, vendors, applications and (where stalls exist) bookings.
pub async fn seed_markets(db: &DatabaseConnection, passwords: &Passwords) -> anyhow::Result<()> {
    let site = |code: &'static str| async move {
        sites::Entity::find()
            .filter(sites::Column::Code.eq(code))
            .one(db)
            .await?
            .map(|s| s.id)
            .with_context(|| format!("demo site {code}"))
    };
    let (wcl, cfp) = (site("WCL").await?, site("CFP").await?);
    let manager = users::Entity::find()
        .filter(users::Column::Login.eq("manager"))
        .one(db)
        .await?
        .map(|u| u.id);

    let night_categories = Some(vec![
        CategoryIn {
            name: "小吃餐饮".into(),
            food: true,
            smoky: false,
        },
        CategoryIn {
            name: "农副产品".into(),
            food: false,
            smoky: false,
        },
        CategoryIn {
            name: "服装百货".into(),
            food: false,
            smoky: false,
        },
        CategoryIn {
            name: "手工文创".into(),
            food: false,
            smoky: false,
        },
        CategoryIn {
            name: "便民服务".into(),
            food: false,
            smoky: false,
        },
        CategoryIn {
            name: "烧烤".into(),
            food: true,
            smoky: true,
        },
    ]);
    let markets = [
        NewMarket {
            name: "财富广场早市".into(),
            kind: "fixed".into(),
            segments: vec![segment("早市", "06:00", "09:00")],
            schedule: vec![rule(cfp, "早市", &[], -14, 42)],
            categories: None,
            self_select: false,
        },
        NewMarket {
            name: "文昌路夜市".into(),
            kind: "fixed".into(),
            segments: vec![segment("夜市", "18:00", "22:30")],
            schedule: vec![rule(wcl, "夜市", &[1, 2, 3, 4, 6, 7], -14, 42)],
            categories: night_categories,
            self_select: false,
        },
        NewMarket {
            name: "流动夜市".into(),
            kind: "mobile".into(),
            segments: vec![segment("夜市", "19:00", "23:30")],
            schedule: vec![
                rule(wcl, "夜市", &[5], -14, 42),
                rule(cfp, "夜市", &[6], -14, 42),
            ],
            categories: None,
            self_select: true,
        },
    ];
    let txn = begin_write(db).await?;
    let mut market_ids = Vec::new();
    for m in markets {
        let created = create::create(&txn, manager, m)
            .await
            .map_err(|e| anyhow::anyhow!("demo market: {e}"))?;
        if let Some(user_id) = manager {
            manager_markets::ActiveModel {
                user_id: Set(user_id),
                market_id: Set(created.id),
            }
            .insert(&txn)
            .await?;
        }
        market_ids.push(created.id);
    }
    txn.commit().await?;

    // Vendors (their passwords are random and never shown: they are sample data).
    let today = crate::clock::today();
    let mut vendor_ids = Vec::new();
    for (i, (name, category, products)) in VENDORS.iter().enumerate() {
        let registration = Registration {
            name: (*name).into(),
            phone: format!("1390936{:04}", 100 + i),
            password: password::generate(),
            id_number: crate::vendors::id_number::complete(&format!(
                "620722{}{:02}{:02}{:03}",
                1965 + i,
                1 + i % 12,
                10 + i,
                300 + i
            ))
            .context("demo ID number")?,
            category: (*category).into(),
            products: Some((*products).into()),
            health_cert_expires: (*category == "小吃餐饮")
                .then(|| (today + Duration::days(200)).to_string()),
            priority_groups: if i % 4 == 0 {
                vec!["local".into()]
            } else {
                Vec::new()
            },
            ..Default::default()
        };
        let valid = register::validate(&registration, today)
            .map_err(|e| anyhow::anyhow!("demo vendor invalid: {e:?}"))?;
        let (vendor_id, _) = register::create_vendor(db, passwords, valid).await?;
        vendor_ids.push((vendor_id, *category));
    }

    // Applications to the night market: most approved, two waitlisted, one waiting.
    let night = market_ids[1];
    let txn = begin_write(db).await?;
    let mut approved = Vec::new();
    for (i, (vendor_id, category)) in vendor_ids.iter().enumerate() {
        let status = match i {
            9 | 10 => "waitlisted",
            11 => "submitted",
            _ => "approved",
        };
        let app = applications::ActiveModel {
            vendor_id: Set(*vendor_id),
            market_id: Set(night),
            date_from: Set(today - Duration::days(14)),
            date_to: Set(today + Duration::days(42)),
            weekdays: Set("[]".into()),
            segments: Set(json!(["夜市"]).to_string()),
            category: Set((*category).into()),
            needs_power: Set(*category == "小吃餐饮"),
            preferred_stalls: Set("[]".into()),
            status: Set(status.into()),
            reason: Set(None),
            decided_by: Set((status != "submitted").then_some(manager).flatten()),
            decided_at: Set((status != "submitted").then(Utc::now)),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        if status == "approved" {
            approved.push((*vendor_id, app.id));
        }
    }

    // Bookings only where the layout has produced stalls.
    let wcl_stalls = stalls::Entity::find()
        .filter(stalls::Column::SiteId.eq(wcl))
        .filter(stalls::Column::Status.eq("active"))
        .order_by_asc(stalls::Column::Code)
        .all(&txn)
        .await?;
    if !wcl_stalls.is_empty() {
        let sessions = market_sessions::Entity::find()
            .filter(market_sessions::Column::MarketId.eq(night))
            .filter(market_sessions::Column::BusinessDate.gte(today - Duration::days(7)))
            .filter(market_sessions::Column::BusinessDate.lte(today + Duration::days(7)))
            .all(&txn)
            .await?;
        let now = Utc::now();
        for session in sessions {
            for ((vendor_id, app_id), stall) in approved.iter().zip(&wcl_stalls) {
                let past = session.ends_at < now;
                bookings::ActiveModel {
                    session_id: Set(session.id),
                    stall_id: Set(stall.id),
                    vendor_id: Set(*vendor_id),
                    application_id: Set(Some(*app_id)),
                    // Past sessions: everyone came but the last vendor (a no-show).
                    status: Set(if past && *vendor_id != approved[approved.len() - 1].0 {
                        "checked_in".into()
                    } else {
                        "booked".into()
                    }),
                    checked_in_at: Set((past && *vendor_id != approved[approved.len() - 1].0)
                        .then_some(session.starts_at)),
                    created_by: Set(manager),
                    created_at: Set(now),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
            }
        }
    }
    txn.commit().await?;
    Ok(())
}
