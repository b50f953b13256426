//! The demo's markets: 财富广场早市 (06:00–09:00 daily), 文昌路夜市 (18:00–22:30, every day but
//! Friday, when the mobile market has the road), 流动夜市 (19:00–23:30: Fridays on Wenchang
//! Road, Saturdays on Fortune Plaza), with seasons around the seeding day so there are past and
//! coming sessions; sixty sample vendors (`vendors.rs`) with applications in every status,
//! bookings over past and coming sessions on Wenchang Road, check-ins and a few no-shows.

use crate::db::begin_write;
use crate::markets::create::{self, CategoryIn, NewMarket, ScheduleIn, SegmentIn};
use anyhow::Context;
use chrono::{Duration, NaiveDate, Utc};
use entity::applications::{ApplicationStatus, StallCodes, Weekdays};
use entity::bookings::BookingStatus;
use entity::markets::MarketKind;
use entity::stalls::StallStatus;
use entity::{applications, bookings, manager_markets, market_sessions, sites, stalls, users};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};

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
        weekdays: (!weekdays.is_empty()).then(|| weekdays.to_vec()),
        from: (today + Duration::days(from)).to_string(),
        to: (today + Duration::days(to)).to_string(),
    }
}

/// Seeds the demo markets, vendors, applications and (where stalls exist) bookings.
pub async fn seed_markets(db: &DatabaseConnection) -> anyhow::Result<()> {
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
            kind: MarketKind::Fixed.to_string(),
            segments: vec![segment("早市", "06:00", "09:00")],
            schedule: vec![rule(cfp, "早市", &[], -14, 42)],
            categories: None,
            self_select: false,
        },
        NewMarket {
            name: "文昌路夜市".into(),
            kind: MarketKind::Fixed.to_string(),
            segments: vec![segment("夜市", "18:00", "22:30")],
            schedule: vec![rule(wcl, "夜市", &[1, 2, 3, 4, 6, 7], -14, 42)],
            categories: night_categories,
            self_select: false,
        },
        NewMarket {
            name: "流动夜市".into(),
            kind: MarketKind::Mobile.to_string(),
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

    let today = crate::clock::today();
    let txn = begin_write(db).await?;
    let vendors = super::vendors::insert_samples(&txn, today).await?;
    let demo_vendor = entity::vendors::Entity::find()
        .filter(entity::vendors::Column::Phone.eq(DEMO_VENDOR_PHONE))
        .one(&txn)
        .await?
        .map(|v| (v.id, "农副产品"));
    let plan = DemoPlan {
        night: market_ids[1],
        morning: market_ids[0],
        mobile: market_ids[2],
        wcl,
        manager,
        today,
    };
    let approved = applications_for(&txn, &plan, &vendors, demo_vendor).await?;
    bookings_for(&txn, &plan, &approved).await?;
    super::sales::seed_sales(&txn, plan.night).await?;
    txn.commit().await?;
    Ok(())
}

/// The demo vendor whose password is printed (created in `super`); applies like the others.
const DEMO_VENDOR_PHONE: &str = "13909360001";

/// How far around the seeding day bookings reach, in days.
const BOOKED_DAYS: i64 = 14;

/// What the demo's applications and bookings refer to.
struct DemoPlan {
    night: i32,
    morning: i32,
    mobile: i32,
    wcl: i32,
    manager: Option<i32>,
    today: NaiveDate,
}

/// An approved application, which bookings then serve.
struct Approved {
    vendor_id: i32,
    application_id: i32,
    market_id: i32,
}

/// A night-market application's status by vendor number: mostly approved, a few waiting,
/// waitlisted, rejected (with a reason) or withdrawn.
fn night_status(i: usize) -> (ApplicationStatus, Option<&'static str>) {
    match i % 12 {
        3 => (ApplicationStatus::Waitlisted, None),
        7 => (ApplicationStatus::Submitted, None),
        10 => (
            ApplicationStatus::Rejected,
            Some("本季该类别摊位已满，已为您保留下季优先"),
        ),
        11 if i > 30 => (ApplicationStatus::Withdrawn, None),
        _ => (ApplicationStatus::Approved, None),
    }
}

/// One application to make: vendor, category, market, market name, (status, reason).
type Wanted<'a> = (
    i32,
    &'a str,
    i32,
    &'a str,
    (ApplicationStatus, Option<&'a str>),
);

/// Applications: the first 42 vendors to the night market, the rest to the morning market,
/// every fifth also to the mobile market; the demo vendor to the night market.
async fn applications_for(
    db: &impl ConnectionTrait,
    plan: &DemoPlan,
    vendors: &[(i32, &'static str)],
    demo_vendor: Option<(i32, &'static str)>,
) -> anyhow::Result<Vec<Approved>> {
    let mut wanted: Vec<Wanted> = Vec::new();
    for (i, &(vendor_id, category)) in vendors.iter().enumerate() {
        if i < 42 {
            wanted.push((vendor_id, category, plan.night, "夜市", night_status(i)));
        } else {
            let status = if i % 4 == 0 {
                ApplicationStatus::Submitted
            } else {
                ApplicationStatus::Approved
            };
            wanted.push((vendor_id, category, plan.morning, "早市", (status, None)));
        }
        if i % 5 == 2 {
            wanted.push((
                vendor_id,
                category,
                plan.mobile,
                "夜市",
                (ApplicationStatus::Approved, None),
            ));
        }
    }
    if let Some((vendor_id, category)) = demo_vendor {
        wanted.push((
            vendor_id,
            category,
            plan.night,
            "夜市",
            (ApplicationStatus::Approved, None),
        ));
    }
    let now = Utc::now();
    let mut approved = Vec::new();
    for (vendor_id, category, market_id, segment, (status, reason)) in wanted {
        let decided = status != ApplicationStatus::Submitted;
        let app = applications::ActiveModel {
            vendor_id: Set(vendor_id),
            market_id: Set(market_id),
            date_from: Set(plan.today - Duration::days(BOOKED_DAYS)),
            date_to: Set(plan.today + Duration::days(42)),
            weekdays: Set(Weekdays::EVERY_DAY),
            segments: Set(vec![segment.to_owned()].into()),
            category: Set(category.into()),
            needs_power: Set(category == "小吃餐饮"),
            preferred_stalls: Set(StallCodes::default()),
            status: Set(status),
            reason: Set(reason.map(str::to_owned)),
            decided_by: Set(decided.then_some(plan.manager).flatten()),
            decided_at: Set(decided.then_some(now)),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        if status == ApplicationStatus::Approved {
            approved.push(Approved {
                vendor_id,
                application_id: app.id,
                market_id,
            });
        }
    }
    Ok(approved)
}

/// Bookings on Wenchang Road (Fortune Plaza keeps none, so its layout can still be redone):
/// the night market's approved vendors each on their own stall, the mobile market's on the
/// Friday sessions, over two weeks either side of today. Past sessions are checked in but
/// for a few no-shows.
async fn bookings_for(
    db: &impl ConnectionTrait,
    plan: &DemoPlan,
    approved: &[Approved],
) -> anyhow::Result<()> {
    let wcl_stalls = stalls::Entity::find()
        .filter(stalls::Column::SiteId.eq(plan.wcl))
        .filter(stalls::Column::Status.eq(StallStatus::Active))
        .order_by_asc(stalls::Column::Code)
        .all(db)
        .await?;
    if wcl_stalls.is_empty() {
        return Ok(());
    }
    let sessions = market_sessions::Entity::find()
        .filter(market_sessions::Column::MarketId.is_in([plan.night, plan.mobile]))
        .filter(market_sessions::Column::SiteId.eq(plan.wcl))
        .filter(market_sessions::Column::BusinessDate.gte(plan.today - Duration::days(BOOKED_DAYS)))
        .filter(market_sessions::Column::BusinessDate.lte(plan.today + Duration::days(BOOKED_DAYS)))
        .order_by_asc(market_sessions::Column::StartsAt)
        .all(db)
        .await?;
    let now = Utc::now();
    let mut rows = Vec::new();
    for (n, session) in sessions.iter().enumerate() {
        let past = session.ends_at < now;
        let booked = approved.iter().filter(|a| a.market_id == session.market_id);
        for (k, (a, stall)) in booked.zip(&wcl_stalls).enumerate() {
            let no_show = past && (k * 7 + n * 3) % 19 == 0;
            let checked_in = past && !no_show;
            rows.push(bookings::ActiveModel {
                session_id: Set(session.id),
                stall_id: Set(stall.id),
                vendor_id: Set(a.vendor_id),
                application_id: Set(Some(a.application_id)),
                status: Set(if checked_in {
                    BookingStatus::CheckedIn
                } else {
                    BookingStatus::Booked
                }),
                checked_in_at: Set(checked_in.then_some(session.starts_at + Duration::minutes(10))),
                created_by: Set(plan.manager),
                created_at: Set(now),
                ..Default::default()
            });
        }
    }
    for chunk in rows.chunks(200) {
        bookings::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    Ok(())
}
