//! The write load: half the writers place bookings as the admin, half submit applications as
//! vendors; every acknowledged `201` is written down with its id.

use crate::setup::World;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{Value, json};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use tokio::task::JoinHandle;

/// What the clients were told, across every server lifetime.
#[derive(Default, Clone)]
pub struct Ledger(Arc<Mutex<Book>>);

/// The ledger's content.
#[derive(Default, Clone)]
pub struct Book {
    /// Ids of bookings answered with 201.
    pub bookings: Vec<i64>,
    /// Ids of applications answered with 201.
    pub applications: Vec<i64>,
    /// Answer counts.
    pub counts: Counts,
}

/// How requests ended.
#[derive(Default, Clone, Copy, Debug)]
pub struct Counts {
    pub answered: u64,
    pub created: u64,
    pub conflict: u64,
    pub invalid: u64,
    pub unavailable: u64,
    pub server_error: u64,
    pub other: u64,
    /// Sent, but the connection died with the server: the client does not know the outcome.
    pub lost: u64,
}

impl Ledger {
    /// A copy of what was recorded.
    pub fn book(&self) -> Book {
        self.0.lock().map(|b| b.clone()).unwrap_or_default()
    }

    /// The answer counts.
    pub fn counts(&self) -> Counts {
        self.book().counts
    }

    fn record(&self, kind: Kind, outcome: Result<(u16, Option<i64>), bool>) {
        let Ok(mut book) = self.0.lock() else { return };
        let c = &mut book.counts;
        match outcome {
            // A connection refused before the request left: the server was already dead.
            Err(false) => return,
            Err(true) => c.lost += 1,
            Ok((status, _)) => {
                c.answered += 1;
                match status {
                    201 => c.created += 1,
                    409 => c.conflict += 1,
                    422 => c.invalid += 1,
                    503 => c.unavailable += 1,
                    s if s >= 500 => c.server_error += 1,
                    _ => c.other += 1,
                }
            }
        }
        if let Ok((201, Some(id))) = outcome {
            match kind {
                Kind::Booking => book.bookings.push(id),
                Kind::Application => book.applications.push(id),
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Booking,
    Application,
}

/// Writers at work until [`Running::stop`].
pub struct Running {
    stop: Arc<AtomicBool>,
    tasks: Vec<JoinHandle<()>>,
}

impl Running {
    /// Tells the writers to stop and waits for them.
    pub async fn stop(self) {
        self.stop.store(true, Ordering::SeqCst);
        for t in self.tasks {
            let _ = t.await;
        }
    }
}

/// Starts `clients` writers against `base`.
pub fn start(base: &str, world: &World, ledger: &Ledger, clients: usize, seed: u64) -> Running {
    let stop = Arc::new(AtomicBool::new(false));
    let mut tasks = Vec::new();
    for i in 0..clients.max(1) {
        let kind = if i % 2 == 0 {
            Kind::Booking
        } else {
            Kind::Application
        };
        let job = Job {
            base: base.to_owned(),
            admin: world.admin.clone(),
            vendors: world.vendors.clone(),
            sessions: world.sessions.clone(),
            stalls: world.stalls.clone(),
            market_id: world.market_id,
            dates: (world.from.clone(), world.to.clone()),
        };
        let (ledger, stop) = (ledger.clone(), stop.clone());
        let mut rng = ChaCha8Rng::seed_from_u64(seed.wrapping_add(i as u64));
        tasks.push(tokio::spawn(async move {
            while !stop.load(Ordering::SeqCst) {
                let outcome = job.send(kind, &mut rng).await;
                ledger.record(kind, outcome);
                if matches!(outcome, Err(false)) {
                    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                }
            }
        }));
    }
    Running { stop, tasks }
}

struct Job {
    base: String,
    admin: reqwest::Client,
    vendors: Vec<(reqwest::Client, i64)>,
    sessions: Vec<i64>,
    stalls: Vec<i64>,
    market_id: i64,
    dates: (String, String),
}

impl Job {
    /// One request. `Err(true)`: sent and lost; `Err(false)`: never reached a server.
    async fn send(&self, kind: Kind, rng: &mut ChaCha8Rng) -> Result<(u16, Option<i64>), bool> {
        let (vendor, vendor_id) = &self.vendors[rng.random_range(0..self.vendors.len())];
        let request = match kind {
            Kind::Booking => self
                .admin
                .post(format!("{}/api/v1/bookings", self.base))
                .json(&json!({
                    "session_id": self.sessions[rng.random_range(0..self.sessions.len())],
                    "stall_id": self.stalls[rng.random_range(0..self.stalls.len())],
                    "vendor_id": vendor_id,
                })),
            Kind::Application => vendor
                .post(format!("{}/api/v1/applications", self.base))
                .json(&json!({
                    "market_id": self.market_id, "from": self.dates.0, "to": self.dates.1,
                    "category": "农副产品",
                })),
        };
        let response = request.send().await.map_err(|e| !e.is_connect())?;
        let status = response.status().as_u16();
        if status != 201 {
            return Ok((status, None));
        }
        // The body of a 201 is the acknowledgement: a client that never read it was not told.
        let body: Value = response.json().await.map_err(|_| true)?;
        Ok((status, body["id"].as_i64()))
    }
}
