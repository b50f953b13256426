//! End to end in a real browser: Debian's Chromium, headless, at a phone viewport (390 × 844),
//! driven through chromedriver's WebDriver protocol (plain HTTP, no browser download) against
//! the real server binary. Screenshots of each step go to `target/browser-screenshots/journey/`.
//!
//! Every page of the journeys is audited (see [`Browser::audit`]): no console errors, no CSP
//! violations (a listener installed before any page script through the DevTools protocol),
//! no horizontal overflow at 200 % text size, and an accessibility check run in the page
//! (`tests/browser/audit.js`: labels, names of images and SVG, landmarks, `lang`, contrast),
//! and axe-core (vendored in `tests/browser/vendor/`): no `serious` or `critical` violation.
//! The vendor's journey is followed by a tour of every page as a manager, the bureau, an
//! administrator and a visitor (`browser/tour.rs`).
//!
//! It needs Chromium and chromedriver, so it is `#[ignore]`d with that reason and a plain
//! `cargo test` reports it as ignored; `.ci/run` runs it (`-- --ignored browser::`), and there
//! a missing browser fails the test.

mod axe;
mod booked;
mod editor;
mod offline;
mod scheduling;
mod street_editor;
mod tour;
mod workbench;

use crate::market_fixtures::{day, night_market, site, stalls};
use crate::support::TestApp;
use nightmarket::identity::Role;
use serde_json::{Value, json};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A child process killed when dropped.
struct Proc(Child);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts chromedriver and one headless Chromium session at a phone's size (390 × 844), in
/// Chinese; returns the driver process and the profile folder (both live as long as the test
/// holds them), the HTTP client, the driver's URL and the session id.
async fn start_session(
    driver: &str,
    chromium: &str,
) -> (Proc, tempfile::TempDir, reqwest::Client, String, String) {
    let driver_port = free_port();
    let proc = Proc(
        Command::new(driver)
            .arg(format!("--port={driver_port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver"),
    );
    let driver_url = format!("http://127.0.0.1:{driver_port}");
    wait_ok(&format!("{driver_url}/status")).await;
    let profile = tempfile::tempdir().unwrap();
    let http = reqwest::Client::new();
    let created: Value = http
        .post(format!("{driver_url}/session"))
        .json(&json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:loggingPrefs": {"browser": "ALL"},
            "goog:chromeOptions": {
                "binary": chromium,
                "mobileEmulation": {"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 1}},
                // A phone in Chinese: the pages answer in the browser's language.
                "prefs": {"intl.accept_languages": "zh-CN,zh"},
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         "--disable-dev-shm-usage", "--window-size=390,844", "--lang=zh-CN",
                         format!("--user-data-dir={}", profile.path().display())],
            }
        }}}))
        .send()
        .await
        .expect("new webdriver session")
        .json()
        .await
        .unwrap();
    let sid = created["value"]["sessionId"]
        .as_str()
        .unwrap_or_else(|| panic!("no session: {created}"))
        .to_owned();
    (proc, profile, http, driver_url, sid)
}

/// The server binary on the test's database at a free port, with relaxed limits: the process
/// (ended when dropped) and its origin, once it answers.
async fn serve(app: &TestApp) -> (Proc, String) {
    let port = free_port();
    let server = Proc(
        Command::new(env!("CARGO_BIN_EXE_nightmarket"))
            .args(["serve", "--no-seed", "--bind", &format!("127.0.0.1:{port}")])
            .args(["--database-url", &app.db.url])
            .env("NIGHTMARKET_LIMITS", "relaxed")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the nightmarket binary"),
    );
    let origin = format!("http://127.0.0.1:{port}");
    wait_ok(&format!("{origin}/healthz")).await;
    (server, origin)
}

impl Browser {
    /// A session ([`start_session`]) saving its screenshots to `target/browser-screenshots/dir`
    /// (`""`: that folder itself), emptied first when `fresh` (tests sharing a folder run side
    /// by side, so they leave it as it is); the driver and the profile live as long as the
    /// test holds them.
    async fn open(
        driver: &str,
        chromium: &str,
        dir: &str,
        fresh: bool,
    ) -> (Proc, tempfile::TempDir, Browser) {
        let (proc, profile, http, driver_url, sid) = start_session(driver, chromium).await;
        let shots = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("target/browser-screenshots")
            .join(dir);
        if fresh {
            let _ = std::fs::remove_dir_all(&shots);
        }
        let _ = std::fs::create_dir_all(&shots);
        let b = Browser {
            http,
            base: format!("{driver_url}/session/{sid}"),
            shots,
            step: 0,
        };
        (proc, profile, b)
    }

    /// Logs out (forgets the cookies) and logs in on the form as `login`.
    async fn log_in(&mut self, origin: &str, login: &str, password: &str) {
        self.cmd(reqwest::Method::DELETE, "/cookie", None).await;
        self.go(&format!("{origin}/login")).await;
        self.type_into("[name='login']", login).await;
        self.type_into("[name='password']", password).await;
        self.click("main form button[type='submit']").await;
        self.find("header.top .who").await;
    }

    /// Records the CSP violations of every page from now on (the audit fails on them).
    async fn watch_csp(&self) {
        self.cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": CSP_LISTENER }),
        )
        .await;
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

fn first_existing(candidates: &[&str]) -> Option<String> {
    candidates
        .iter()
        .find(|p| std::path::Path::new(p).exists())
        .map(|p| (*p).to_owned())
}

/// Chromium and chromedriver from Debian's packages (where `.ci/run` installs them); a test
/// that runs without them fails and says what to install.
fn browser_tools() -> (String, String) {
    let chromium = first_existing(&["/usr/bin/chromium", "/usr/bin/chromium-browser"]);
    let driver = first_existing(&["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]);
    let (Some(chromium), Some(driver)) = (chromium, driver) else {
        panic!(
            "the browser test needs chromium and chromedriver (apt-get install chromium chromium-driver)"
        );
    };
    (chromium, driver)
}

async fn wait_ok(url: &str) {
    let http = reqwest::Client::new();
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(60) {
        if let Ok(r) = http.get(url).send().await
            && r.status().is_success()
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{url} did not come up");
}

/// A minimal WebDriver session.
struct Browser {
    http: reqwest::Client,
    base: String,
    shots: PathBuf,
    step: u32,
}

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// The accessibility audit, run in each page.
const AUDIT: &str = include_str!("browser/audit.js");

/// Installed on every new document before its own scripts: records CSP violations.
const CSP_LISTENER: &str = "window.__cspViolations = []; \
    document.addEventListener('securitypolicyviolation', \
      (e) => window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));";

/// Names the elements that stick out past the viewport (for the overflow message).
const WIDEST: &str = "return [...document.querySelectorAll('main *')] \
    .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !e.closest('.table-wrap')) \
    .slice(0, 3).map((e) => e.outerHTML.slice(0, 100));";

impl Browser {
    async fn cmd(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(b) = body {
            req = req.json(&b);
        }
        let r = req.send().await.expect("webdriver request");
        let v: Value = r.json().await.expect("webdriver json");
        if v["value"].get("error").is_some() {
            panic!("webdriver {path}: {}", v["value"]);
        }
        v["value"].clone()
    }

    async fn go(&mut self, url: &str) {
        self.cmd(reqwest::Method::POST, "/url", Some(json!({ "url": url })))
            .await;
    }

    async fn find(&self, css: &str) -> String {
        let started = Instant::now();
        loop {
            let r = self
                .http
                .post(format!("{}/element", self.base))
                .json(&json!({"using": "css selector", "value": css}))
                .send()
                .await
                .expect("webdriver");
            let v: Value = r.json().await.expect("json");
            if let Some(id) = v["value"][ELEMENT].as_str() {
                return id.to_owned();
            }
            if started.elapsed() > Duration::from_secs(10) {
                let url = self.url().await;
                panic!("no element {css} on {url}: {v}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn click(&self, css: &str) {
        let id = self.find(css).await;
        self.cmd(
            reqwest::Method::POST,
            &format!("/element/{id}/click"),
            Some(json!({})),
        )
        .await;
    }

    async fn text(&self, css: &str) -> String {
        let id = self.find(css).await;
        self.cmd(reqwest::Method::GET, &format!("/element/{id}/text"), None)
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    async fn attr(&self, css: &str, name: &str) -> String {
        let id = self.find(css).await;
        self.cmd(
            reqwest::Method::GET,
            &format!("/element/{id}/attribute/{name}"),
            None,
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
    }

    async fn url(&self) -> String {
        self.cmd(reqwest::Method::GET, "/url", None)
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Sets form fields by name (dates and selects alike), as a user would have chosen them.
    async fn fill(&self, fields: &[(&str, &str)]) {
        for (name, value) in fields {
            self.find(&format!("[name='{name}']")).await;
            self.cmd(
                reqwest::Method::POST,
                "/execute/sync",
                Some(json!({
                    "script": "const e = document.querySelector(`[name='${arguments[0]}']`); e.value = arguments[1]; e.dispatchEvent(new Event('change'));",
                    "args": [name, value],
                })),
            )
            .await;
        }
    }

    /// Saves a screenshot of the current page as `NN-name.png`.
    async fn shot(&mut self, name: &str) {
        use base64::Engine;
        let png = self.cmd(reqwest::Method::GET, "/screenshot", None).await;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(png.as_str().unwrap_or_default())
            .expect("png");
        self.step += 1;
        let _ = std::fs::write(
            self.shots.join(format!("{:02}-{name}.png", self.step)),
            bytes,
        );
    }

    /// Runs a script in the page (`return …` gives the value).
    async fn exec(&self, script: &str, args: Value) -> Value {
        self.cmd(
            reqwest::Method::POST,
            "/execute/sync",
            Some(json!({ "script": script, "args": args })),
        )
        .await
    }

    /// Sends a Chrome DevTools command through chromedriver.
    async fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.cmd(
            reqwest::Method::POST,
            "/goog/cdp/execute",
            Some(json!({ "cmd": cmd, "params": params })),
        )
        .await
    }

    /// Types into a field key by key, as a user does (input events fire).
    async fn type_into(&self, css: &str, text: &str) {
        let id = self.find(css).await;
        self.cmd(
            reqwest::Method::POST,
            &format!("/element/{id}/clear"),
            Some(json!({})),
        )
        .await;
        self.cmd(
            reqwest::Method::POST,
            &format!("/element/{id}/value"),
            Some(json!({ "text": text })),
        )
        .await;
    }

    /// Waits until the URL contains `part`.
    async fn wait_url(&self, part: &str) -> String {
        let started = Instant::now();
        loop {
            let url = self.url().await;
            if url.contains(part) || started.elapsed() > Duration::from_secs(10) {
                return url;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// CSP violations the page reported since it loaded (the listener is installed on every
    /// new document by [`CSP_LISTENER`]).
    async fn csp_violations(&self) -> Vec<String> {
        let v = self
            .exec(
                "return window.__cspViolations || ['listener missing'];",
                json!([]),
            )
            .await;
        v.as_array()
            .map(|a| {
                a.iter()
                    .map(|x| x.as_str().unwrap_or("?").to_owned())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Screenshot, then every check of this page; problems come back prefixed with `name`.
    async fn audit(&mut self, name: &str) -> Vec<String> {
        self.shot(name).await;
        let mut problems = Vec::new();
        let report = self.exec(AUDIT, json!([])).await;
        for p in report["problems"].as_array().into_iter().flatten() {
            problems.push(format!("{name}: {}", p.as_str().unwrap_or_default()));
        }
        for v in self.axe().await {
            problems.push(format!("{name}: {v}"));
        }
        // Guard against a vacuous pass: every page has a header, a title and a footer.
        if report["checked"].as_u64().unwrap_or(0) < 3 {
            problems.push(format!("{name}: contrast check measured nothing: {report}"));
        }
        for v in self.csp_violations().await {
            problems.push(format!("{name}: CSP violation {v}"));
        }
        // 200 % text: the page may grow taller, never wider than the phone.
        let widths = self
            .exec(
                "document.documentElement.style.fontSize = '200%'; \
                 return [document.documentElement.scrollWidth, window.innerWidth];",
                json!([]),
            )
            .await;
        self.shot(&format!("{name}-text200")).await;
        let (scroll, inner) = (
            widths[0].as_f64().unwrap_or(0.0),
            widths[1].as_f64().unwrap_or(0.0),
        );
        if scroll > inner {
            let culprit = self.exec(WIDEST, json!([])).await;
            problems.push(format!(
                "{name}: at 200 % text the page is {scroll} px wide in a {inner} px viewport ({culprit})"
            ));
        }
        self.exec("document.documentElement.style.fontSize = '';", json!([]))
            .await;
        for e in self.console_errors().await {
            problems.push(format!("{name}: console error {e}"));
        }
        problems
    }

    /// Console errors (CSP violations are reported there too) since the last call.
    async fn console_errors(&self) -> Vec<String> {
        let r = self
            .http
            .post(format!("{}/se/log", self.base))
            .json(&json!({"type": "browser"}))
            .send()
            .await;
        let Ok(r) = r else { return Vec::new() };
        let v: Value = r.json().await.unwrap_or_default();
        v["value"]
            .as_array()
            .map(|entries| {
                entries
                    .iter()
                    .filter(|e| e["level"] == "SEVERE")
                    .map(|e| e["message"].to_string())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// The admin's side of the journey, through the API with a cookie session.
struct Staff {
    http: reqwest::Client,
    origin: String,
}

impl Staff {
    /// A client of the API at `origin` that keeps its cookies (nobody logged in yet).
    fn new(origin: &str) -> Staff {
        Staff {
            http: reqwest::Client::builder()
                .cookie_store(true)
                .build()
                .unwrap(),
            origin: origin.to_owned(),
        }
    }

    /// A client logged in through `POST /api/v1/session`.
    async fn logged_in(origin: &str, login: &str, password: &str) -> Staff {
        let staff = Staff::new(origin);
        let (status, body) = staff
            .post(
                "/api/v1/session",
                json!({"login": login, "password": password}),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        staff
    }

    async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        let r = self
            .http
            .post(format!("{}{path}", self.origin))
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    async fn get(&self, path: &str) -> Value {
        self.http
            .get(format!("{}{path}", self.origin))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// Creates a market; returns the id of its first session.
    async fn market_session(&self, body: Value, from: chrono::NaiveDate) -> (i64, i64) {
        let (status, created) = self.post("/api/v1/markets", body).await;
        assert_eq!(status, 201, "{created}");
        let market = created["id"].as_i64().unwrap();
        let list = self
            .get(&format!(
                "/api/v1/markets/{market}/sessions?from={from}&to={}",
                from + chrono::Duration::days(7)
            ))
            .await;
        (market, list["items"][0]["id"].as_i64().unwrap())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs chromium and chromedriver; .ci/run runs it"]
async fn a_new_vendor_registers_applies_is_approved_sees_the_stall_and_the_permit_verifies() {
    let (chromium, driver) = browser_tools();
    let app = TestApp::new().await;
    app.user("browser-admin", Role::Admin, "browser-pass-123")
        .await;
    let s = site(&app, "WCL").await;
    let st = stalls(&app, s, "WCL", 3).await;
    let self_site = site(&app, "SLF").await;
    stalls(&app, self_site, "SLF", 2).await;
    let (_server, origin) = serve(&app).await;

    // The manager's side goes through the API: a night market over two days, and a market
    // three days on where vendors choose their own stall.
    let staff = Staff::logged_in(&origin, "browser-admin", "browser-pass-123").await;
    let (market_id, session_id) = staff
        .market_session(night_market(s, day(1), day(2)), day(1))
        .await;
    let second_session = staff
        .get(&format!(
            "/api/v1/markets/{market_id}/sessions?from={}&to={}",
            day(2),
            day(2)
        ))
        .await["items"][0]["id"]
        .as_i64()
        .unwrap();
    let mut self_select = night_market(self_site, day(3), day(3));
    self_select["name"] = json!("财富广场自选夜市");
    self_select["self_select"] = json!(true);
    let (self_market, choose_session) = staff.market_session(self_select, day(3)).await;

    // In a folder of its own: the other browser tests write theirs at the same time.
    let (_driver, _profile, mut b) = Browser::open(&driver, &chromium, "journey", true).await;
    b.watch_csp().await;
    let mut problems = Vec::new();

    // 1. A new vendor registers on the form.
    b.go(&format!("{origin}/register")).await;
    // The checks can fail: an inline script is a CSP violation, an unlabelled input and pale
    // text are accessibility problems.
    let blocked = b
        .exec(
            "const s = document.createElement('script'); s.textContent = 'window.__ran = 1'; \
             document.head.appendChild(s); \
             const i = document.createElement('input'); i.id = 'probe-input'; document.querySelector('main').appendChild(i); \
             const p = document.createElement('p'); p.id = 'probe-text'; p.textContent = 'pale'; p.style.color = '#c8c8c8'; \
             document.querySelector('main').appendChild(p); return window.__ran === undefined;",
            json!([]),
        )
        .await;
    assert_eq!(blocked, json!(true), "CSP blocks inline script");
    let started = Instant::now();
    while b.csp_violations().await.is_empty() && started.elapsed() < Duration::from_secs(5) {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let probe = b.audit("probe").await;
    for expected in [
        "CSP violation script-src",
        "unlabelled control",
        "contrast",
        "axe label (critical)",
        "axe color-contrast (serious)",
    ] {
        assert!(
            probe.iter().any(|p| p.contains(expected)),
            "the audit catches {expected}: {probe:#?}"
        );
    }
    b.go(&format!("{origin}/register")).await;
    problems.extend(b.audit("register").await);
    // Typed with a wrong check character, the ID number is flagged at once, in words.
    let id_number = nightmarket::vendors::id_number::complete("62072219800101123").unwrap();
    let wrong = format!(
        "{}{}",
        &id_number[..17],
        if id_number.ends_with('1') { "2" } else { "1" }
    );
    b.type_into("#f-id_number", &wrong).await;
    let message = b.text("#f-id_number-live [data-valid='false']").await;
    // In the browser's own language: Chinese, or English for an English Chromium.
    assert!(
        message.contains("校验") || message.contains("check digit"),
        "{message}"
    );
    assert_eq!(b.attr("#f-id_number", "aria-invalid").await, "true");
    problems.extend(b.audit("register-inline-check").await);
    b.type_into("#f-id_number", &id_number).await;
    b.find("#f-id_number-live [data-valid='true']").await;
    b.type_into("#f-phone", "13912345678").await;
    b.find("#f-phone-live [data-valid='true']").await;
    b.fill(&[
        ("name", "张美兰"),
        ("password", "vendor-pass-1"),
        ("category", "服装百货"),
    ])
    .await;
    b.click("main form button[type='submit']").await;
    assert!(
        b.text("header.top .who").await.contains("张美兰"),
        "logged in after registering"
    );
    problems.extend(b.audit("registered-home").await);

    // 2. Applies: chooses the market, then a preferred stall on its plan.
    b.go(&format!("{origin}/applications")).await;
    problems.extend(b.audit("apply-choose-market").await);
    b.click(&format!("a[href^='/applications?market_id={market_id}']"))
        .await;
    b.find("form.apply svg.plan").await;
    b.fill(&[
        ("from", &day(1).to_string()),
        ("to", &day(1).to_string()),
        ("category", "服装百货"),
    ])
    .await;
    b.click("details.stall-picks > summary").await;
    b.click("#pick-WCL-A-002").await;
    b.type_into("#rank-WCL-A-002", "1").await;
    problems.extend(b.audit("apply-form").await);
    b.click("form.apply button[type='submit']").await;
    let after_apply = b.wait_url("/applications/").await;
    let application_id: String = after_apply
        .split("/applications/")
        .nth(1)
        .unwrap_or_default()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    assert!(!application_id.is_empty(), "applied: {after_apply}");
    assert!(b.text("main dl.profile").await.contains("WCL-A-002"));
    problems.extend(b.audit("application").await);

    // 3. The manager approves and places the vendor on the stall they preferred.
    let (status, body) = staff
        .post(
            &format!("/api/v1/applications/{application_id}/decision"),
            json!({"decision": "approve"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let vendor_id = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        entity::vendors::Entity::find()
            .filter(entity::vendors::Column::Phone.eq("13912345678"))
            .one(app.conn())
            .await
            .unwrap()
            .expect("registered vendor")
            .id
    };
    let (status, body) = staff
        .post(
            "/api/v1/bookings",
            json!({"session_id": session_id, "stall_id": st[1], "vendor_id": vendor_id}),
        )
        .await;
    assert_eq!(status, 201, "{body}");

    // 4. The vendor sees the decision, the stall on the plan and in the month calendar.
    b.go(&format!("{origin}/")).await;
    problems.extend(b.audit("home").await);
    assert!(b.text("#my-applications").await.contains("✔"));
    b.click("li.booking a[href*='/plan#stall-']").await;
    assert!(b.text("tr[data-mine]").await.contains("WCL-A-002"));
    problems.extend(b.audit("plan").await);
    b.go(&format!("{origin}/")).await;
    b.click("#schedule a[href='/schedule/month']").await;
    b.go(&format!(
        "{origin}/schedule/month?month={}",
        day(1).format("%Y-%m")
    ))
    .await;
    let cell = b
        .text(&format!("td[data-date='{}'] li[data-booking]", day(1)))
        .await;
    assert!(
        cell.contains("WCL-A-002") && cell.contains("已排位"),
        "{cell}"
    );
    problems.extend(b.audit("month").await);

    // 5. An offer: the vendor is waitlisted for the second night, and another vendor's
    // booking there is cancelled; the vendor accepts in one tap.
    {
        use sea_orm::{ActiveModelTrait, Set};
        entity::applications::ActiveModel {
            vendor_id: Set(vendor_id),
            market_id: Set(market_id as i32),
            date_from: Set(day(2)),
            date_to: Set(day(2)),
            weekdays: Set("[]".parse().unwrap()),
            segments: Set("[]".parse().unwrap()),
            category: Set("服装百货".parse().unwrap()),
            needs_power: Set(false),
            preferred_stalls: Set("[]".parse().unwrap()),
            status: Set("waitlisted".parse().unwrap()),
            reason: Set(Some("摊位已满".into())),
            decided_by: Set(None),
            decided_at: Set(Some(chrono::Utc::now())),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .insert(app.conn())
        .await
        .unwrap();
    }
    let other = crate::market_fixtures::vendor_rows(&app, 1, "服装百货").await[0];
    let (status, placed) = staff
        .post(
            "/api/v1/bookings",
            json!({"session_id": second_session, "stall_id": st[0], "vendor_id": other}),
        )
        .await;
    assert_eq!(status, 201, "{placed}");
    let r = staff
        .http
        .delete(format!("{origin}/api/v1/bookings/{}", placed["id"]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    b.go(&format!("{origin}/")).await;
    b.find("li.offer").await;
    problems.extend(b.audit("offer").await);
    b.click("li.offer form[action$='/accept'] button").await;
    assert!(b.text("p.flash").await.contains("已接受候补摊位"));
    let schedule = b.text("#schedule").await;
    assert!(
        schedule.contains("WCL-A-001") && schedule.contains("WCL-A-002"),
        "{schedule}"
    );
    problems.extend(b.audit("offer-accepted").await);

    // 6. Opens the permit; the QR's URL verifies for anyone: good, for the night it is for
    // (a night to come, so not a green check tonight).
    b.click("li.booking a[href^='/permits/']").await;
    b.find("svg.qr").await;
    problems.extend(b.audit("permit").await);
    let permit_url = b.attr("[data-permit-url]", "data-permit-url").await;
    assert!(
        permit_url.starts_with(&format!("{origin}/permit/")),
        "{permit_url}"
    );
    let public = reqwest::get(&permit_url)
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(public.contains("data-valid=\"later\""), "{public}");
    assert!(
        !public.contains("13912345678") && !public.contains("张美兰") && public.contains("张*兰")
    );
    b.go(&permit_url).await;
    assert_eq!(b.attr(".verdict", "data-valid").await, "later");
    problems.extend(b.audit("verified").await);

    // 7. Chooses a stall where the market allows it, in one tap: once an application of
    // theirs for that market is approved (sent through the API, as the vendor).
    let as_vendor = Staff::logged_in(&origin, "13912345678", "vendor-pass-1").await;
    let (status, body) = as_vendor
        .post(
            "/api/v1/applications",
            json!({"market_id": self_market, "from": day(3).to_string(), "to": day(3).to_string(), "category": "服装百货"}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let (status, body) = staff
        .post(
            &format!("/api/v1/applications/{}/decision", body["id"]),
            json!({"decision": "approve"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    b.go(&format!("{origin}/")).await;
    b.click(&format!(
        "#choose a[href='/sessions/{choose_session}/choose']"
    ))
    .await;
    b.find("ul.free-stalls form").await;
    problems.extend(b.audit("choose").await);
    b.click("ul.free-stalls li[data-stall='SLF-A-002'] button")
        .await;
    assert!(b.text("p.flash").await.contains("摊位已订好"));
    assert!(b.text("#schedule").await.contains("SLF-A-002"));
    problems.extend(b.audit("chosen").await);

    // 8. A visitor opens "open now".
    b.go(&format!("{origin}/open-now")).await;
    b.find("main h1").await;
    problems.extend(b.audit("open-now").await);

    // 9. Every other page, as each role that reads it.
    let seen = tour::Seen {
        site: s,
        market: market_id,
        session: session_id,
        application: application_id,
        permit_url,
    };
    problems.extend(tour::every_role(&mut b, &app, &staff, &origin, &seen).await);

    let _ = b.cmd(reqwest::Method::DELETE, "", None).await;
    for p in &problems {
        eprintln!("{p}");
    }
    assert!(problems.is_empty(), "problems: {problems:#?}");
}
