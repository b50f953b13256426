//! What an investigator narrows the audit log to: who acted, whose record it concerns (a
//! vendor), which days (China time) and what kind of record; and the rows as CSV.

use crate::error::{AppError, AppResult};
use crate::i18n::T;
use chrono::{NaiveDate, TimeZone, Utc};
use entity::audit_log;
use sea_orm::{ColumnTrait, Condition, QueryFilter, Select};
use serde::Deserialize;

const DATE_INVALID: T = T("audit-date-invalid");
const NUMBER_INVALID: T = T("audit-number-invalid");

/// The page's query string as typed.
#[derive(Debug, Default, Deserialize)]
pub(super) struct Filter {
    pub entity: Option<String>,
    /// A user id: what they did.
    pub actor: Option<String>,
    /// A vendor id: rows about the vendor or naming them (`vendor_id`).
    pub vendor: Option<String>,
    /// First and last day, China time.
    pub from: Option<String>,
    pub to: Option<String>,
    pub before_id: Option<i32>,
    /// `1`: verify the chain from its first row, not only what is new since the last check.
    pub full: Option<u8>,
    /// `csv`: the matching rows as a file.
    pub format: Option<String>,
}

/// The filter read: what to narrow by, each refused in words when it is not what it says.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Narrowed {
    pub entity: Option<String>,
    pub actor: Option<i32>,
    pub vendor: Option<i32>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl Filter {
    /// Reads the filters: 422 naming the field for a number or a day that is none.
    pub fn narrowed(&self) -> AppResult<Narrowed> {
        let number = |v: &Option<String>, field: &'static str| -> AppResult<Option<i32>> {
            given(v)
                .map(|t| {
                    crate::normalize::typed_number::<i32>(t)
                        .ok_or_else(|| AppError::invalid("invalid_filter", field, NUMBER_INVALID))
                })
                .transpose()
        };
        let day = |v: &Option<String>, field: &'static str| -> AppResult<Option<NaiveDate>> {
            given(v)
                .map(|t| {
                    crate::extract::Date::parse(&crate::normalize::typed_date(t))
                        .map(|d| d.0)
                        .ok_or_else(|| AppError::invalid("invalid_date", field, DATE_INVALID))
                })
                .transpose()
        };
        Ok(Narrowed {
            entity: given(&self.entity).map(str::to_owned),
            actor: number(&self.actor, "actor")?,
            vendor: number(&self.vendor, "vendor")?,
            from: day(&self.from, "from")?,
            to: day(&self.to, "to")?,
        })
    }
}

impl Narrowed {
    /// `query` narrowed to the rows that match.
    pub fn apply(&self, mut query: Select<audit_log::Entity>) -> Select<audit_log::Entity> {
        if let Some(e) = &self.entity {
            query = query.filter(audit_log::Column::Entity.eq(e.as_str()));
        }
        if let Some(a) = self.actor {
            query = query.filter(audit_log::Column::ActorUserId.eq(a));
        }
        if let Some(v) = self.vendor {
            // The vendor's own record, or a record naming them (stored as compact JSON).
            let named = |col: audit_log::Column| {
                Condition::any()
                    .add(col.like(format!("%\"vendor_id\":{v},%")))
                    .add(col.like(format!("%\"vendor_id\":{v}}}%")))
            };
            query = query.filter(
                Condition::any()
                    .add(
                        Condition::all()
                            .add(audit_log::Column::Entity.is_in(["vendor", "vendor_equipment"]))
                            .add(audit_log::Column::EntityId.eq(v)),
                    )
                    .add(named(audit_log::Column::Before))
                    .add(named(audit_log::Column::After)),
            );
        }
        let midnight = |d: NaiveDate| {
            crate::clock::shanghai()
                .from_local_datetime(&d.and_hms_opt(0, 0, 0).unwrap_or_default())
                .single()
                .map(|t| t.with_timezone(&Utc))
        };
        if let Some(start) = self.from.and_then(midnight) {
            query = query.filter(audit_log::Column::At.gte(start));
        }
        if let Some(end) = self.to.and_then(|d| d.succ_opt()).and_then(midnight) {
            query = query.filter(audit_log::Column::At.lt(end));
        }
        query
    }

    /// The query string that keeps these filters (for the "older" link and the CSV link).
    pub fn query_string(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut add = |k: &str, v: String| {
            parts.push(format!("{k}={}", crate::web::encode_query(&v)));
        };
        if let Some(e) = &self.entity {
            add("entity", e.clone());
        }
        if let Some(a) = self.actor {
            add("actor", a.to_string());
        }
        if let Some(v) = self.vendor {
            add("vendor", v.to_string());
        }
        if let Some(d) = self.from {
            add("from", d.to_string());
        }
        if let Some(d) = self.to {
            add("to", d.to_string());
        }
        parts.join("&")
    }
}

/// The rows as CSV (BOM, China time, phones and ID numbers masked as on the page).
pub(super) fn to_csv(
    rows: &[audit_log::Model],
    actor: impl Fn(Option<i32>) -> String,
    headings: [&str; 8],
) -> Vec<u8> {
    use crate::reports::export::csv_cell;
    let mut out = String::from("\u{feff}");
    out.push_str(&headings.map(csv_cell).join(","));
    out.push_str("\r\n");
    let masked = |t: Option<&str>| t.map(crate::mask::mask_in_text).unwrap_or_default();
    for r in rows {
        let cells = [
            r.id.to_string(),
            crate::clock::local_minute(r.at),
            actor(r.actor_user_id),
            r.entity.clone(),
            r.entity_id.map(|i| i.to_string()).unwrap_or_default(),
            r.action.clone(),
            masked(r.before.as_deref()),
            masked(r.after.as_deref()),
        ];
        out.push_str(
            &cells
                .iter()
                .map(|c| csv_cell(c))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push_str("\r\n");
    }
    out.into_bytes()
}
