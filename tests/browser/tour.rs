//! After the vendor's journey: every page route, as each role that reads it, through the same
//! audit (the page routes of every feature's router: vendor pages, staff pages, public pages).

use super::{Browser, Staff};
use crate::allocation::{fixture, run};
use crate::support::TestApp;
use nightmarket::identity::Role;
use sea_orm::{ActiveModelTrait, Set};
use serde_json::json;

/// The objects the journey made, whose pages the tour opens.
pub(super) struct Seen {
    pub site: i32,
    pub market: i64,
    pub session: i64,
    pub application: String,
    pub permit_url: String,
}

impl Staff {
    async fn patch(&self, path: &str, body: serde_json::Value) -> (u16, serde_json::Value) {
        let r = self
            .http
            .patch(format!("{}{path}", self.origin))
            .json(&body)
            .send()
            .await
            .expect("patch");
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or_default())
    }
}

impl Browser {
    /// Opens each page and audits it as `role-page`.
    pub(super) async fn visit(
        &mut self,
        origin: &str,
        role: &str,
        pages: &[(&str, String)],
    ) -> Vec<String> {
        let mut problems = Vec::new();
        for (name, path) in pages {
            self.go(&format!("{origin}{path}")).await;
            self.find("main").await;
            problems.extend(self.audit(&format!("{role}-{name}")).await);
            // The first table as a keyboard user reaches it (focused), for the screenshots.
            let table = self
                .exec(
                    "const w = document.querySelector('.table-wrap'); \
                     if (w) { w.focus(); w.scrollIntoView({ block: 'center' }); } return !!w;",
                    serde_json::json!([]),
                )
                .await;
            if table == serde_json::json!(true) {
                self.shot(&format!("{role}-{name}-table")).await;
            }
        }
        problems
    }
}

/// The vendor's remaining pages, then the manager's, the bureau's, the administrator's and a
/// visitor's; returns every problem found.
pub(super) async fn every_role(
    b: &mut Browser,
    app: &TestApp,
    staff: &Staff,
    origin: &str,
    seen: &Seen,
) -> Vec<String> {
    let Seen {
        site,
        market,
        session,
        application,
        permit_url,
    } = seen;
    let permit_path = permit_url.trim_start_matches(origin).to_owned();
    // An allocation run with applications to explain: a draft for staff, then published for
    // everyone.
    let mut alloc = fixture(app, "ALC", 4, 3).await;
    let draft = run(&mut alloc.admin, alloc.market, "browser-tour").await["id"]
        .as_i64()
        .expect("draft id");

    let mut problems = b
        .visit(
            origin,
            "vendor",
            &[
                ("profile", "/me/profile".into()),
                ("applications", "/applications".into()),
                ("markets", "/markets".into()),
                ("sites", "/sites".into()),
                ("sales", "/sales".into()),
            ],
        )
        .await;

    let manager = app
        .user("browser-manager", Role::Manager, "browser-pass-123")
        .await;
    let (status, body) = staff
        .patch(
            &format!("/api/v1/users/{manager}"),
            json!({ "site_ids": [site] }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    for m in [*market, alloc.market] {
        entity::manager_markets::ActiveModel {
            user_id: Set(manager),
            market_id: Set(m as i32),
        }
        .insert(app.conn())
        .await
        .expect("the manager looks after the market");
    }
    b.log_in(origin, "browser-manager", "browser-pass-123")
        .await;
    problems.extend(
        b.visit(
            origin,
            "manager",
            &[
                ("home", "/".into()),
                ("sites", "/sites".into()),
                ("site-new", "/sites/new".into()),
                ("site", format!("/sites/{site}")),
                ("markets", "/markets".into()),
                ("market", format!("/markets/{market}")),
                ("session", format!("/sessions/{session}")),
                ("applications", "/applications".into()),
                ("application", format!("/applications/{application}")),
                ("allocation", format!("/allocations/{draft}")),
                ("reports", "/reports".into()),
                ("sales", "/sales".into()),
                ("sales-session", format!("/sales?session={session}")),
                ("totp", "/account/totp".into()),
                // Scheduling (issue 17)
                ("market-new", "/markets/new".into()),
                ("market-edit", format!("/markets/{market}/edit")),
                ("timeline-week", format!("/sites/{site}/timeline")),
                (
                    "timeline-month",
                    format!("/sites/{site}/timeline?view=month"),
                ),
            ],
        )
        .await,
    );
    problems
        .extend(super::scheduling::without_script_and_in_english(b, origin, *site, *market).await);

    app.user("browser-bureau", Role::Bureau, "browser-pass-123")
        .await;
    b.log_in(origin, "browser-bureau", "browser-pass-123").await;
    problems.extend(
        b.visit(
            origin,
            "bureau",
            &[
                ("home", "/".into()),
                ("reports", "/reports".into()),
                ("summary", "/reports/summary".into()),
                ("audit", "/audit".into()),
                ("applications", "/applications".into()),
                ("allocation", format!("/allocations/{draft}")),
                ("market", format!("/markets/{market}")),
                ("totp", "/account/totp".into()),
            ],
        )
        .await,
    );

    b.log_in(origin, "browser-admin", "browser-pass-123").await;
    problems.extend(
        b.visit(
            origin,
            "admin",
            &[
                ("home", "/".into()),
                ("users", "/admin/users".into()),
                ("audit", "/audit".into()),
                ("reports", "/reports".into()),
                ("site", format!("/sites/{site}")),
                ("site-new", "/sites/new".into()),
                ("session", format!("/sessions/{session}")),
                ("allocation", format!("/allocations/{draft}")),
                ("permit", permit_path.clone()),
            ],
        )
        .await,
    );

    let r = alloc
        .admin
        .post_json(&format!("/api/v1/allocations/{draft}/publish"), &json!({}))
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    b.cmd(reqwest::Method::DELETE, "/cookie", None).await;
    problems.extend(
        b.visit(
            origin,
            "visitor",
            &[
                ("home", "/".into()),
                ("login", "/login".into()),
                ("sites", "/sites".into()),
                ("site", format!("/sites/{site}")),
                ("markets", "/markets".into()),
                ("market", format!("/markets/{market}")),
                ("session", format!("/sessions/{session}")),
                ("plan", format!("/sessions/{session}/plan")),
                ("open-now", "/open-now".into()),
                ("timeline", format!("/sites/{site}/timeline")),
                ("open-data", "/open-data".into()),
                ("permit", permit_path),
                ("allocation", format!("/allocations/{draft}/public")),
            ],
        )
        .await,
    );
    problems
}
