//! A property test of the application and booking life cycle: random sequences of apply,
//! approve, reject, withdraw (which releases the application's bookings), book and cancel run
//! through the real router and against an in-memory model; every step's status code and the
//! final database state must match it.
//!
//! Each case gets a session of its own (taken from markets created in batches of 60 nights on
//! fresh sites), so one database serves all cases and no case sees another's bookings.

use crate::market_fixtures::{day, market, night_market, sessions, site, stalls, vendor};
use crate::support::{Client, TestApp};
use http::{Method, StatusCode};
use nightmarket::identity::Role;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use std::cell::RefCell;

const VENDORS: usize = 3;
const STALLS: usize = 2;
const CASES: u32 = 1000;
const NIGHTS_PER_MARKET: i64 = 60;

/// One step of a sequence. Indices pick among what the case has made so far (modulo its
/// count); with nothing made yet they name an id that does not exist.
#[derive(Clone, Debug)]
enum Op {
    Apply { vendor: usize },
    Approve { application: usize },
    Reject { application: usize },
    Withdraw { application: usize },
    Book { vendor: usize, stall: usize },
    Cancel { booking: usize },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..VENDORS).prop_map(|vendor| Op::Apply { vendor }),
        2 => any::<usize>().prop_map(|application| Op::Approve { application }),
        1 => any::<usize>().prop_map(|application| Op::Reject { application }),
        1 => any::<usize>().prop_map(|application| Op::Withdraw { application }),
        3 => (0..VENDORS, 0..STALLS).prop_map(|(vendor, stall)| Op::Book { vendor, stall }),
        1 => any::<usize>().prop_map(|booking| Op::Cancel { booking }),
    ]
}

/// What the model knows of one application.
#[derive(Clone, Debug)]
struct ModelApp {
    id: i64,
    vendor: usize,
    status: &'static str,
}

/// What the model knows of one booking.
#[derive(Clone, Debug)]
struct ModelBooking {
    id: i64,
    vendor: usize,
    stall: usize,
    application: Option<i64>,
    live: bool,
}

#[derive(Default, Debug)]
struct Model {
    apps: Vec<ModelApp>,
    bookings: Vec<ModelBooking>,
}

impl Model {
    fn pick_app(&self, i: usize) -> Option<usize> {
        (!self.apps.is_empty()).then(|| i % self.apps.len())
    }

    fn live(&self) -> impl Iterator<Item = &ModelBooking> {
        self.bookings.iter().filter(|b| b.live)
    }
}

/// One session for one case: its market, its stalls.
#[derive(Clone, Debug)]
struct Slot {
    market: i64,
    session: i64,
    date: chrono::NaiveDate,
    stalls: Vec<i32>,
}

struct Fixture {
    app: TestApp,
    admin: Client,
    vendors: Vec<(Client, i64)>,
    free: RefCell<Vec<Slot>>,
    markets_made: RefCell<u32>,
}

impl Fixture {
    async fn new() -> Fixture {
        let app = TestApp::new().await;
        let admin = app.login_as(Role::Admin).await;
        let mut vendors = Vec::new();
        for _ in 0..VENDORS {
            vendors.push(vendor(&app, "服装百货", None).await);
        }
        Fixture {
            app,
            admin,
            vendors,
            free: RefCell::new(Vec::new()),
            markets_made: RefCell::new(0),
        }
    }

    /// A session no case has used yet.
    async fn slot(&self) -> Slot {
        if self.free.borrow().is_empty() {
            let n = {
                let mut made = self.markets_made.borrow_mut();
                *made += 1;
                i64::from(*made)
            };
            let code = format!("PSM{n}");
            let s = site(&self.app, &code).await;
            let st = stalls(&self.app, s, &code, STALLS as i32).await;
            let mut admin = self.admin.clone();
            // Each market on nights of its own: a vendor holds one stall at a time, and the
            // fixture's vendors serve every case.
            let (first, last) = (
                day(1 + (n - 1) * NIGHTS_PER_MARKET),
                day(n * NIGHTS_PER_MARKET),
            );
            let m = market(&mut admin, &night_market(s, first, last)).await;
            let list = sessions(&mut admin, m, first, last).await;
            let mut free = self.free.borrow_mut();
            for v in list {
                free.push(Slot {
                    market: m,
                    session: v["id"].as_i64().unwrap(),
                    date: v["date"].as_str().unwrap().parse().unwrap(),
                    stalls: st.clone(),
                });
            }
        }
        self.free.borrow_mut().pop().unwrap()
    }
}

fn check(cond: bool, what: String) -> Result<(), TestCaseError> {
    if cond {
        Ok(())
    } else {
        Err(TestCaseError::fail(what))
    }
}

/// Runs one sequence against the router and the model.
async fn run_case(f: &Fixture, ops: Vec<Op>) -> Result<(), TestCaseError> {
    let slot = f.slot().await;
    let mut admin = f.admin.clone();
    let mut model = Model::default();
    for (step, op) in ops.iter().enumerate() {
        let at = format!("step {step} {op:?} (model {model:?})");
        match *op {
            Op::Apply { vendor } => {
                let (c, _) = &f.vendors[vendor];
                let r = c.clone()
                    .post_json("/api/v1/applications", &json!({"market_id": slot.market, "from": slot.date.to_string(), "to": slot.date.to_string(), "category": "服装百货"}))
                    .await;
                check(
                    r.status == StatusCode::CREATED,
                    format!("{at}: {} {}", r.status, r.text()),
                )?;
                // The same request again while the first waits is the first one again, and
                // so it is within a minute of the first whatever the manager made of it (a
                // case runs in seconds), unless the vendor withdrew it.
                let id = r.json()["id"].as_i64().unwrap();
                let twin = model
                    .apps
                    .iter()
                    .find(|a| a.vendor == vendor && a.status != "withdrawn")
                    .map(|a| a.id);
                match twin {
                    Some(first) => check(id == first, format!("{at}: a second application {id}"))?,
                    None => model.apps.push(ModelApp {
                        id,
                        vendor,
                        status: "submitted",
                    }),
                }
            }
            Op::Approve { application } | Op::Reject { application } => {
                let approve = matches!(op, Op::Approve { .. });
                let picked = model.pick_app(application);
                let id = picked.map_or(999_999_999, |i| model.apps[i].id);
                let decision = if approve { "approve" } else { "reject" };
                let r = admin
                    .post_json(
                        &format!("/api/v1/applications/{id}/decision"),
                        &json!({"decision": decision}),
                    )
                    .await;
                let expected = match picked {
                    None => StatusCode::NOT_FOUND,
                    Some(i) if ["submitted", "waitlisted"].contains(&model.apps[i].status) => {
                        model.apps[i].status = if approve { "approved" } else { "rejected" };
                        StatusCode::OK
                    }
                    Some(_) => StatusCode::CONFLICT,
                };
                check(
                    r.status == expected,
                    format!("{at}: expected {expected}, got {} {}", r.status, r.text()),
                )?;
            }
            Op::Withdraw { application } => {
                let picked = model.pick_app(application);
                let (id, owner) = picked.map_or((999_999_999, 0), |i| {
                    (model.apps[i].id, model.apps[i].vendor)
                });
                let (c, _) = &f.vendors[owner];
                let r = c
                    .clone()
                    .call(Method::DELETE, &format!("/api/v1/applications/{id}"))
                    .await;
                let expected = match picked {
                    None => StatusCode::NOT_FOUND,
                    Some(i)
                        if ["submitted", "approved", "waitlisted"]
                            .contains(&model.apps[i].status) =>
                    {
                        model.apps[i].status = "withdrawn";
                        // What it held in the (future) session is released.
                        let withdrawn = Some(model.apps[i].id);
                        for b in &mut model.bookings {
                            if b.application == withdrawn {
                                b.live = false;
                            }
                        }
                        StatusCode::NO_CONTENT
                    }
                    Some(_) => StatusCode::CONFLICT,
                };
                check(
                    r.status == expected,
                    format!("{at}: expected {expected}, got {} {}", r.status, r.text()),
                )?;
            }
            Op::Book { vendor, stall } => {
                let vendor_id = f.vendors[vendor].1;
                let r = admin
                    .post_json("/api/v1/bookings", &json!({"session_id": slot.session, "stall_id": slot.stalls[stall], "vendor_id": vendor_id}))
                    .await;
                let stall_taken = model.live().any(|b| b.stall == stall);
                let vendor_booked = model.live().any(|b| b.vendor == vendor);
                if stall_taken || vendor_booked {
                    check(
                        r.status == StatusCode::CONFLICT,
                        format!("{at}: expected 409, got {} {}", r.status, r.text()),
                    )?;
                    let code = r.error_code();
                    let allowed: Vec<&str> = [
                        (stall_taken, "stall_taken"),
                        (vendor_booked, "vendor_already_booked"),
                    ]
                    .iter()
                    .filter(|(hit, _)| *hit)
                    .map(|(_, c)| *c)
                    .collect();
                    check(
                        allowed.contains(&code.as_str()),
                        format!("{at}: code {code}, expected one of {allowed:?}"),
                    )?;
                } else {
                    check(
                        r.status == StatusCode::CREATED,
                        format!("{at}: expected 201, got {} {}", r.status, r.text()),
                    )?;
                    // The booking serves the vendor's earliest approved application, if any.
                    let application = model
                        .apps
                        .iter()
                        .find(|a| a.vendor == vendor && a.status == "approved")
                        .map(|a| a.id);
                    model.bookings.push(ModelBooking {
                        id: r.json()["id"].as_i64().unwrap(),
                        vendor,
                        stall,
                        application,
                        live: true,
                    });
                }
            }
            Op::Cancel { booking } => {
                let picked = (!model.bookings.is_empty()).then(|| booking % model.bookings.len());
                let id = picked.map_or(999_999_999, |i| model.bookings[i].id);
                let r = admin
                    .call(Method::DELETE, &format!("/api/v1/bookings/{id}"))
                    .await;
                let expected = match picked {
                    Some(i) if model.bookings[i].live => {
                        model.bookings[i].live = false;
                        StatusCode::NO_CONTENT
                    }
                    _ => StatusCode::NOT_FOUND,
                };
                check(
                    r.status == expected,
                    format!("{at}: expected {expected}, got {} {}", r.status, r.text()),
                )?;
            }
        }
    }
    final_state_matches(f, &slot, &model).await
}

/// The database holds exactly what the model says: each application's status, and the live
/// bookings of the session with their stall, vendor and application.
async fn final_state_matches(f: &Fixture, slot: &Slot, model: &Model) -> Result<(), TestCaseError> {
    let db = f.app.conn();
    for a in &model.apps {
        let stored = entity::applications::Entity::find_by_id(a.id as i32)
            .one(db)
            .await
            .unwrap()
            .unwrap();
        check(
            stored.status.as_str() == a.status,
            format!(
                "application {}: stored {}, model {}",
                a.id, stored.status, a.status
            ),
        )?;
    }
    let mut stored: Vec<(i64, i32, i64, Option<i64>)> = entity::bookings::Entity::find()
        .filter(entity::bookings::Column::SessionId.eq(slot.session as i32))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|b| {
            (
                i64::from(b.id),
                b.stall_id,
                i64::from(b.vendor_id),
                b.application_id.map(i64::from),
            )
        })
        .collect();
    stored.sort();
    let mut expected: Vec<(i64, i32, i64, Option<i64>)> = model
        .live()
        .map(|b| {
            (
                b.id,
                slot.stalls[b.stall],
                f.vendors[b.vendor].1,
                b.application,
            )
        })
        .collect();
    expected.sort();
    check(
        stored == expected,
        format!("bookings: stored {stored:?}, model {expected:?}"),
    )
}

#[test]
fn apply_decide_withdraw_book_and_cancel_follow_the_model() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let fixture = rt.block_on(Fixture::new());
    let cases = std::env::var("NIGHTMARKET_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(CASES);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let started = std::time::Instant::now();
    let result = runner.run(&proptest::collection::vec(op(), 1..10), |ops| {
        rt.block_on(run_case(&fixture, ops))
    });
    println!(
        "state machine: {cases} cases in {:.1} s ({} markets of {NIGHTS_PER_MARKET} nights)",
        started.elapsed().as_secs_f64(),
        fixture.markets_made.borrow()
    );
    if let Err(e) = result {
        panic!("{e}");
    }
}
