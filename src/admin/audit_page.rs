//! `/audit`: the audit log for administrators and the bureau, newest first, with filters.

use crate::error::AppResult;
use crate::i18n::{Msg, T};
use crate::identity::{Auth, Role};
use crate::state::AppState;
use crate::views::{self, PageCtx};
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use entity::{audit_log, users};
use maud::{Markup, html};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::BTreeMap;

const TITLE: T = T("audit-title");
const WHEN: T = T("audit-when");
const WHO: T = T("audit-who");
const WHAT: T = T("audit-what");
const ACTION: T = T("audit-action");
const CHANGE: T = T("audit-change");
const SYSTEM: T = T("audit-system");
const FILTER: T = T("audit-filter");
const ALL: T = T("audit-all");
const OLDER: T = T("audit-older");
const CHAIN_OK: T = T("audit-chain-ok");
const CHECK_ALL: T = T("audit-check-all");
const BEFORE: T = T("audit-before");
const AFTER: T = T("audit-after");
const VENDOR: T = T("audit-vendor");
const FROM: T = T("audit-from");
const TO: T = T("audit-to");
const CSV: T = T("audit-csv");
/// What the audit log records and what was done, by the codes stored, with their names.
const ENTITY_NAMES: &[(&str, T)] = &[
    ("market", T("audit-entity-market")),
    ("booking", T("audit-entity-booking")),
    ("user", T("audit-entity-user")),
    ("stall", T("audit-entity-stall")),
    ("application", T("audit-entity-application")),
    ("site", T("audit-entity-site")),
    ("inspection", T("audit-entity-inspection")),
    ("vendor", T("audit-entity-vendor")),
    ("session", T("audit-entity-session")),
    ("sales_report", T("audit-entity-sales-report")),
    ("offer", T("audit-entity-offer")),
    ("document", T("audit-entity-document")),
    ("complaint", T("audit-entity-complaint")),
    ("allocation", T("audit-entity-allocation")),
    ("zone", T("audit-entity-zone")),
    ("vendor_equipment", T("audit-entity-vendor-equipment")),
    ("site_circuits", T("audit-entity-site-circuits")),
    ("season_offer", T("audit-entity-season-offer")),
];
const ACTION_NAMES: &[(&str, T)] = &[
    ("create", T("audit-act-create")),
    ("update", T("audit-act-update")),
    ("cancel", T("audit-act-cancel")),
    ("delete", T("audit-act-delete")),
    ("close", T("audit-act-close")),
    ("withdraw", T("audit-act-withdraw")),
    ("waitlist", T("audit-act-waitlist")),
    ("upload", T("audit-act-upload")),
    ("update_profile", T("audit-act-update-profile")),
    ("totp_reset", T("audit-act-totp-reset")),
    ("totp_enrol", T("audit-act-totp-enrol")),
    ("submit", T("audit-act-submit")),
    ("schedule_change", T("audit-act-schedule-change")),
    ("schedule_add", T("audit-act-schedule-add")),
    ("sales_reporting", T("audit-act-sales-reporting")),
    ("run", T("audit-act-run")),
    ("register", T("audit-act-register")),
    ("publish", T("audit-act-publish")),
    ("move", T("audit-act-move")),
    ("layout", T("audit-act-layout")),
    ("hours_change", T("audit-act-hours-change")),
    ("edit", T("audit-act-edit")),
    ("decide", T("audit-act-decide")),
    ("correct", T("audit-act-correct")),
    ("conduct_rule", T("audit-act-conduct-rule")),
    ("clone", T("audit-act-clone")),
    ("check_in", T("audit-act-check-in")),
    ("assign_sites", T("audit-act-assign-sites")),
    ("assign_markets", T("audit-act-assign-markets")),
    ("appeal_decision", T("audit-act-appeal-decision")),
    ("appeal", T("audit-act-appeal")),
    ("absence", T("audit-act-absence")),
];

/// The name of a stored code in `names`, or the code itself (one added since).
fn named<'a>(ctx: &PageCtx, names: &[(&str, T)], code: &'a str) -> std::borrow::Cow<'a, str> {
    names
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(std::borrow::Cow::Borrowed(code), |(_, t)| {
            std::borrow::Cow::Owned(ctx.t(*t).to_owned())
        })
}

/// Entries per page.
const PAGE: u64 = 100;

/// `/audit`.
pub fn routes() -> Router<AppState> {
    Router::new().route("/audit", get(audit_page))
}

use super::audit_filter::Filter;

/// The most rows one CSV file holds (newest first).
const CSV_ROWS: u64 = 100_000;

/// A full check at least this often, whatever the views ask.
const FULL_CHECK_EVERY: chrono::TimeDelta = chrono::TimeDelta::minutes(10);

/// Verifies the chain: from the first row on the first view in this process, when `full`, or
/// when the last full check is older than [`FULL_CHECK_EVERY`]; else only the rows added since
/// the last view (and that the last verified row is unchanged), so the page stays fast on a
/// log of millions of rows. `Err(id)`: the first row that breaks.
async fn check_chain(state: &AppState, full: bool) -> AppResult<Result<AuditChecked, i32>> {
    let progress = state.caches.of::<ChainProgress>();
    let known = if full {
        None
    } else {
        progress
            .0
            .lock()
            .ok()
            .and_then(|g| g.clone())
            .filter(|k| chrono::Utc::now() - k.fully_at < FULL_CHECK_EVERY)
    };
    let (from, fully_at) = match known {
        Some(k) => (k.through, k.fully_at),
        None => (crate::audit::Checkpoint::default(), chrono::Utc::now()),
    };
    let checked = match crate::audit::verify_from(&state.db, &from).await? {
        Ok(through) => AuditChecked { through, fully_at },
        Err(id) => {
            // Forget the prefix: the next view checks everything again.
            if let Ok(mut g) = progress.0.lock() {
                *g = None;
            }
            return Ok(Err(id));
        }
    };
    if let Ok(mut g) = progress.0.lock() {
        // Keep the furthest check when two views race.
        if g.as_ref()
            .is_none_or(|k| k.through.id <= checked.through.id)
        {
            *g = Some(checked.clone());
        }
    }
    Ok(Ok(checked))
}

/// GET /audit (admin, bureau).
async fn audit_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    Query(filter): Query<Filter>,
) -> AppResult<axum::response::Response> {
    use axum::response::IntoResponse;
    auth.require(&[Role::Admin, Role::Bureau])?;
    let narrowed = filter.narrowed()?;
    let entity = narrowed.entity.as_deref();
    let mut query = narrowed.apply(audit_log::Entity::find().order_by_desc(audit_log::Column::Id));
    if filter.format.as_deref() == Some("csv") {
        let rows = query.limit(CSV_ROWS).all(&state.db).await?;
        let names = actor_names(&state, rows.iter().filter_map(|r| r.actor_user_id)).await?;
        let actor = |a: Option<i32>| {
            a.and_then(|a| names.get(&a).cloned())
                .unwrap_or_else(|| ctx.t(SYSTEM).to_owned())
        };
        let headings = [
            "#",
            ctx.t(WHEN),
            ctx.t(WHO),
            ctx.t(WHAT),
            "id",
            ctx.t(ACTION),
            ctx.t(BEFORE),
            ctx.t(AFTER),
        ];
        let body = super::audit_filter::to_csv(&rows, actor, headings);
        return Ok((
            [
                (http::header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    http::header::CONTENT_DISPOSITION,
                    "attachment; filename=\"audit.csv\"",
                ),
            ],
            body,
        )
            .into_response());
    }
    if let Some(before) = filter.before_id {
        query = query.filter(audit_log::Column::Id.lt(before));
    }
    let rows = query.limit(PAGE).all(&state.db).await?;
    let kinds: Vec<String> = audit_log::Entity::find()
        .select_only()
        .column(audit_log::Column::Entity)
        .distinct()
        .order_by_asc(audit_log::Column::Entity)
        .into_tuple()
        .all(&state.db)
        .await?;
    let names = actor_names(&state, rows.iter().filter_map(|r| r.actor_user_id)).await?;
    // Everyone who has acted, for the "who" filter.
    let actors: Vec<Option<i32>> = audit_log::Entity::find()
        .select_only()
        .column(audit_log::Column::ActorUserId)
        .distinct()
        .into_tuple()
        .all(&state.db)
        .await?;
    let actors = actor_names(&state, actors.into_iter().flatten()).await?;
    let kept = narrowed.query_string();
    let total = audit_log::Entity::find().count(&state.db).await?;
    let chain = check_chain(&state, filter.full == Some(1)).await?;
    let body = html! {
        @match &chain {
            Ok(checked) => {
                p.flash { "✓ " (ctx.t(CHAIN_OK)) " (" (total) ")" }
                p.hint {
                    (Msg::with("audit-fully-checked", [("at", crate::clock::local_minute(checked.fully_at).into())]).get(ctx.lang))
                    " " a href="/audit?full=1" { (ctx.t(CHECK_ALL)) }
                }
            }
            Err(id) => p.error-message role="alert" { "⚠ " (Msg::with("audit-chain-broken", [("id", (*id).into())]).get(ctx.lang)) },
        }
        form.card method="get" action="/audit" {
            div.field {
                label for="f-entity" { (ctx.t(WHAT)) }
                select #f-entity name="entity" {
                    option value="" { (ctx.t(ALL)) }
                    @for k in &kinds { option value=(k) selected[entity == Some(k.as_str())] { (named(&ctx, ENTITY_NAMES, k)) } }
                }
            }
            div.field {
                label for="f-actor" { (ctx.t(WHO)) }
                select #f-actor name="actor" {
                    option value="" { (ctx.t(ALL)) }
                    @for (id, name) in &actors { option value=(id) selected[narrowed.actor == Some(*id)] { (name) " #" (id) } }
                }
            }
            (views::forms::Input { name: "vendor", label: ctx.t(VENDOR), value: &narrowed.vendor.map(|v| v.to_string()).unwrap_or_default(), inputmode: Some("numeric"), ..Default::default() }.render())
            (views::forms::Input { name: "from", label: ctx.t(FROM), value: &narrowed.from.map(|d| d.to_string()).unwrap_or_default(), kind: "date", ..Default::default() }.render())
            (views::forms::Input { name: "to", label: ctx.t(TO), value: &narrowed.to.map(|d| d.to_string()).unwrap_or_default(), kind: "date", ..Default::default() }.render())
            button type="submit" { (ctx.t(FILTER)) }
            " " a href=(format!("/audit?{kept}&format=csv")) download { (ctx.t(CSV)) }
        }
        div.table-wrap tabindex="0" role="region" aria-label=(ctx.t(TITLE)) {
            table.audit {
                thead { tr { th { "#" } th { (ctx.t(WHEN)) } th { (ctx.t(WHO)) } th { (ctx.t(WHAT)) } th { (ctx.t(ACTION)) } th { (ctx.t(CHANGE)) } } }
                tbody {
                    @for r in &rows {
                        tr {
                            td { (r.id) }
                            td { (crate::clock::local_minute(r.at)) }
                            td { (r.actor_user_id.and_then(|a| names.get(&a).cloned()).unwrap_or_else(|| ctx.t(SYSTEM).to_owned())) }
                            td { (named(&ctx, ENTITY_NAMES, &r.entity)) @if let Some(id) = r.entity_id { " #" (id) } }
                            td { (named(&ctx, ACTION_NAMES, &r.action)) }
                            td.change { (change_list(r.before.as_deref(), r.after.as_deref())) }
                        }
                    }
                }
            }
        }
        @if rows.len() as u64 == PAGE && let Some(last) = rows.last() {
            p { a href=(format!("/audit?{kept}&before_id={}", last.id)) { (ctx.t(OLDER)) " →" } }
        }
    };
    Ok(views::page(&ctx, ctx.t(TITLE), body).into_response())
}

/// The names of the users `ids`, by id.
async fn actor_names(
    state: &AppState,
    ids: impl Iterator<Item = i32>,
) -> AppResult<BTreeMap<i32, String>> {
    let ids: Vec<i32> = ids.collect();
    Ok(users::Entity::find()
        .filter(users::Column::Id.is_in(ids))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect())
}

/// A verified prefix of the audit chain.
#[derive(Debug, Clone)]
struct AuditChecked {
    through: crate::audit::Checkpoint,
    /// When the whole chain was last verified from its first row.
    fully_at: chrono::DateTime<chrono::Utc>,
}

/// How far this process has verified the audit chain (kept in the process's caches).
#[derive(Default)]
struct ChainProgress(std::sync::Mutex<Option<AuditChecked>>);

/// Fields that say whom and what a change concerns: shown even where they did not change.
const CONTEXT: &[&str] = &[
    "vendor_id",
    "vendor_name",
    "session_id",
    "business_date",
    "stall_id",
    "stall_code",
    "market_id",
    "site_id",
    "booking_id",
    "application_id",
];

/// What changed, field by field (`status: submitted → approved`), for the rows whose before and
/// after are JSON objects; a created or deleted record lists its fields once. Other rows show
/// their text as stored.
fn change_list(before: Option<&str>, after: Option<&str>) -> Markup {
    use serde_json::{Map, Value};
    let object = |text: Option<&str>| -> Option<Option<Map<String, Value>>> {
        match text {
            None => Some(None),
            Some(t) => match serde_json::from_str::<Value>(t) {
                Ok(Value::Object(m)) => Some(Some(m)),
                _ => None,
            },
        }
    };
    // Phones and ID numbers are masked: the bureau reads this page, and a vendor's login is
    // their mobile number.
    let shown = |key: &str, v: Option<&Value>| -> String {
        match v {
            None | Some(Value::Null) => "—".to_owned(),
            // Money is stored in fen: 52990 is ¥529.90, not ¥52,990.
            Some(Value::Number(n)) if key.ends_with("_fen") => n.as_i64().map_or_else(
                || n.to_string(),
                |f| format!("¥{}", crate::sales::money::yuan(f)),
            ),
            // Moments are stored in UTC; a clerk in Minle reads Beijing time, as everywhere
            // else on the site.
            Some(Value::String(s)) => match chrono::DateTime::parse_from_rfc3339(s) {
                Ok(at) => crate::clock::local_minute(at.with_timezone(&chrono::Utc)),
                Err(_) => crate::mask::mask_in_text(s),
            },
            Some(other) => crate::mask::mask_in_text(&other.to_string()),
        }
    };
    let (Some(old), Some(new)) = (object(before), object(after)) else {
        let masked = |t: Option<&str>| t.map_or_else(|| "—".to_owned(), crate::mask::mask_in_text);
        return html! { small { (masked(before)) " → " (masked(after)) } };
    };
    let mut keys: Vec<&String> = old
        .iter()
        .flatten()
        .chain(new.iter().flatten())
        .map(|(k, _)| k)
        .collect();
    keys.sort();
    keys.dedup();
    let mut context: Vec<(&String, String)> = Vec::new();
    let mut rows: Vec<(&String, String, String)> = Vec::new();
    for k in keys {
        let (a, b) = (
            old.as_ref().and_then(|m| m.get(k)),
            new.as_ref().and_then(|m| m.get(k)),
        );
        // Who and what the change was about, unchanged or left out of the record after it (a
        // cancelled booking keeps no fields): an investigator asks "whose booking was moved?"
        // of a row that shows only the stall changing.
        let about = CONTEXT.contains(&k.as_str()) && a.is_some() && (a == b || b.is_none());
        if about {
            context.push((k, shown(k, a)));
        } else if a != b {
            rows.push((k, shown(k, a), shown(k, b)));
        }
    }
    html! {
        ul.changes {
            @for (k, v) in &context { li.context { code { (k) } " " (v) } }
            @for (k, a, b) in &rows {
                li { code { (k) } " " @if old.is_some() { (a) " → " } (b) }
            }
        }
    }
}
