//! The `WHERE` clause every report shares, over [`Sql`] statements built for both backends.

use super::params::Filters;
pub use crate::db::Sql;
use entity::market_sessions::SessionStatus;

/// A date as an SQL literal. Only ever built from a parsed `NaiveDate`, so it cannot carry
/// anything but `YYYY-MM-DD`; PostgreSQL reads it as a date, SQLite compares it as text.
pub fn date_literal(d: chrono::NaiveDate) -> String {
    format!("'{}'", d.format("%Y-%m-%d"))
}

/// A stored state as an SQL literal. Only ever built from an enum's own name.
pub fn state_literal(state: &'static str) -> String {
    format!("'{state}'")
}

/// ` WHERE …` over the sessions `s`: scheduled, in the period, visible, and the session filters.
pub fn session_where(sql: &mut Sql, f: &Filters) {
    session_where_in(sql, f, SessionStatus::Scheduled);
}

/// ` WHERE …` over the sessions `s` in `status`, in the period, visible, and the session filters.
pub fn session_where_in(sql: &mut Sql, f: &Filters, status: SessionStatus) {
    sql.push(" WHERE s.status = ")
        .push(&state_literal(status.as_str()))
        .push(" AND s.business_date >= ")
        .push(&date_literal(f.from))
        .push(" AND s.business_date <= ")
        .push(&date_literal(f.to));
    if let Some(markets) = &f.visible_markets {
        if markets.is_empty() {
            sql.push(" AND 1 = 0");
        } else {
            let list: Vec<String> = markets.iter().map(i32::to_string).collect();
            sql.push(&format!(" AND s.market_id IN ({})", list.join(",")));
        }
    }
    if let Some(site) = f.site {
        sql.push(&format!(" AND s.site_id = {site}"));
    }
    if let Some(market) = f.market {
        sql.push(&format!(" AND s.market_id = {market}"));
    }
    if let Some(segment) = &f.segment {
        sql.push(" AND s.segment = ").bind(segment.clone());
    }
}

/// The category of a booking: its application's, else the vendor's profile.
pub const CATEGORY_EXPR: &str = "COALESCE(a.category, v.category)";

/// ` JOIN vendors v … LEFT JOIN applications a …` for the bookings `b`.
pub const VENDOR_JOINS: &str = " JOIN vendors v ON v.id = b.vendor_id \
     LEFT JOIN applications a ON a.id = b.application_id";

/// ` AND …` for the booking filters (category, priority group); needs [`VENDOR_JOINS`].
pub fn vendor_where(sql: &mut Sql, f: &Filters) {
    if let Some(category) = &f.category {
        sql.push(&format!(" AND {CATEGORY_EXPR} = "))
            .bind(category.clone());
    }
    if let Some(group) = &f.priority_group {
        sql.push(" AND v.priority_groups LIKE ")
            .bind(format!("%\"{group}\"%"));
    }
}
