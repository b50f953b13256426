//! The report's query string, checked: a period, a grouping, an output format and filters,
//! narrowed to the markets the caller may see.

use crate::error::{AppError, AppResult};
use crate::i18n::texts::reports as t;
use crate::identity::{CurrentUser, Role};
use chrono::{Duration, NaiveDate};
use sea_orm::{ConnectionTrait, EntityTrait};
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

/// The longest period a report covers (three years).
pub const MAX_DAYS: i64 = 3 * 366;

/// `?from&to&group_by&format` and the filters, as sent.
#[derive(Debug, Clone, Default, Deserialize, Serialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// First business date `YYYY-MM-DD` (default: 29 days before `to`).
    pub from: Option<String>,
    /// Last business date `YYYY-MM-DD`, inclusive (default: today).
    pub to: Option<String>,
    /// `site`, `market`, `segment`, `category`, `day`, `week` or `month` (default `site`).
    pub group_by: Option<String>,
    /// `json` (default), `csv` or `xlsx`.
    pub format: Option<String>,
    /// Only this site (id); `site_id`, as the summary names it, is read the same.
    #[serde(alias = "site_id")]
    pub site: Option<String>,
    /// Only this market (id); `market_id`, as the summary names it, is read the same.
    #[serde(alias = "market_id")]
    pub market: Option<String>,
    /// Only this segment (name, e.g. 夜市).
    pub segment: Option<String>,
    /// Only bookings of this category (e.g. 小吃餐饮).
    pub category: Option<String>,
    /// Only bookings of vendors in this priority group (e.g. `dibao`).
    pub priority_group: Option<String>,
}

/// What rows are keyed by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GroupBy {
    /// One row per site.
    #[default]
    Site,
    /// One row per market.
    Market,
    /// One row per segment name (早市, 夜市 …).
    Segment,
    /// One row per trade category of the booking.
    Category,
    /// One row per business date.
    Day,
    /// One row per ISO week (Monday first).
    Week,
    /// One row per calendar month.
    Month,
}

impl GroupBy {
    /// Parses the query value.
    pub fn parse(s: &str) -> Option<GroupBy> {
        Some(match s {
            "site" => GroupBy::Site,
            "market" => GroupBy::Market,
            "segment" => GroupBy::Segment,
            "category" => GroupBy::Category,
            "day" => GroupBy::Day,
            "week" => GroupBy::Week,
            "month" => GroupBy::Month,
            _ => return None,
        })
    }

    /// The query value.
    pub fn as_str(self) -> &'static str {
        match self {
            GroupBy::Site => "site",
            GroupBy::Market => "market",
            GroupBy::Segment => "segment",
            GroupBy::Category => "category",
            GroupBy::Day => "day",
            GroupBy::Week => "week",
            GroupBy::Month => "month",
        }
    }

    /// Every grouping, in the order the page offers them.
    pub const ALL: [GroupBy; 7] = [
        GroupBy::Site,
        GroupBy::Market,
        GroupBy::Segment,
        GroupBy::Category,
        GroupBy::Day,
        GroupBy::Week,
        GroupBy::Month,
    ];

    /// A row's group as a page shows it: a week `2026-W48` as its number and dates, a month
    /// `2026-11` in words; every other group as its `label` (the JSON keeps the keys).
    pub fn shown(self, key: &str, label: &str, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Lang;
        use chrono::{Duration, NaiveDate, Weekday};
        match self {
            GroupBy::Week => {
                let parsed = key.split_once("-W").and_then(|(y, w)| {
                    let (y, w) = (y.parse().ok()?, w.parse().ok()?);
                    Some((y, w, NaiveDate::from_isoywd_opt(y, w, Weekday::Mon)?))
                });
                let Some((year, week, monday)) = parsed else {
                    return label.to_owned();
                };
                let sunday = monday + Duration::days(6);
                match lang {
                    Lang::Zh => format!(
                        "{year}年第{week}周（{}—{}）",
                        monday.format("%-m月%-d日"),
                        sunday.format("%-m月%-d日")
                    ),
                    Lang::En => format!(
                        "Week {week}, {year} ({} – {})",
                        monday.format("%-d %b"),
                        sunday.format("%-d %b")
                    ),
                }
            }
            GroupBy::Month => match NaiveDate::parse_from_str(&format!("{key}-01"), "%Y-%m-%d") {
                Ok(first) => match lang {
                    Lang::Zh => first.format("%Y年%-m月").to_string(),
                    Lang::En => first.format("%B %Y").to_string(),
                },
                Err(_) => label.to_owned(),
            },
            // The standard trades have names in every language; a market's own are data.
            GroupBy::Category => crate::vendors::categories::shown(label, lang),
            _ => label.to_owned(),
        }
    }

    /// A row's group under a chart's bar, where a week's dates do not fit: `第48周` /
    /// `Wk 48`; every other group as [`GroupBy::shown`].
    pub fn short(self, key: &str, label: &str, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Lang;
        match (
            self,
            key.split_once("-W")
                .and_then(|(_, w)| w.parse::<u32>().ok()),
        ) {
            (GroupBy::Week, Some(week)) => match lang {
                Lang::Zh => format!("第{week}周"),
                Lang::En => format!("Wk {week}"),
            },
            _ => self.shown(key, label, lang),
        }
    }

    /// Column heading for the key.
    pub fn label(self) -> crate::i18n::T {
        match self {
            GroupBy::Site => t::SITE,
            GroupBy::Market => t::MARKET,
            GroupBy::Segment => t::SEGMENT,
            GroupBy::Category => t::CATEGORY,
            GroupBy::Day => t::DAY,
            GroupBy::Week => t::WEEK,
            GroupBy::Month => t::MONTH,
        }
    }
}

/// The output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `{rows, totals}`.
    Json,
    /// UTF-8 CSV with a byte-order mark.
    Csv,
    /// An Excel workbook.
    Xlsx,
}

/// The checked filters every report query applies.
#[derive(Debug, Clone)]
pub struct Filters {
    /// First business date.
    pub from: NaiveDate,
    /// Last business date (inclusive).
    pub to: NaiveDate,
    /// The markets the caller may see (`None`: all).
    pub visible_markets: Option<Vec<i32>>,
    /// Only this site.
    pub site: Option<i32>,
    /// Only this market.
    pub market: Option<i32>,
    /// Only this segment name.
    pub segment: Option<String>,
    /// Only bookings of this category.
    pub category: Option<String>,
    /// Only bookings of vendors in this priority group (code).
    pub priority_group: Option<String>,
}

impl Filters {
    /// Everything from `from` to `to`, nothing else narrowed (for the whole county).
    pub fn period(from: NaiveDate, to: NaiveDate) -> Filters {
        Filters {
            from,
            to,
            visible_markets: None,
            site: None,
            market: None,
            segment: None,
            category: None,
            priority_group: None,
        }
    }

    /// Whether a filter narrows the bookings (category, priority group) but not the sessions.
    pub fn narrows_vendors(&self) -> bool {
        self.category.is_some() || self.priority_group.is_some()
    }
}

/// A checked request: filters, grouping, format.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The filters.
    pub filters: Filters,
    /// The grouping.
    pub group_by: GroupBy,
    /// The format.
    pub format: Format,
}

fn date(field: &'static str, value: Option<&str>, default: NaiveDate) -> AppResult<NaiveDate> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(default),
        Some(v) => crate::extract::Date::parse(v)
            .map(|d| d.0)
            .ok_or_else(|| AppError::invalid("invalid_date", field, t::BAD_DATE)),
    }
}

fn id(field: &'static str, value: Option<&str>) -> AppResult<Option<i32>> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v
            .parse::<i32>()
            .map(Some)
            .map_err(|_| AppError::invalid("invalid_filter", field, t::BAD_FILTER)),
    }
}

/// Whether a row of `E` has the id `id`.
async fn exists<E>(db: &impl ConnectionTrait, id: i32) -> AppResult<bool>
where
    E: EntityTrait,
    <E::PrimaryKey as sea_orm::PrimaryKeyTrait>::ValueType: From<i32>,
{
    Ok(E::find_by_id(id).one(db).await?.is_some())
}

fn unknown(field: &'static str, message: &'static str, id: i32) -> AppError {
    AppError::invalid(
        "invalid_filter",
        field,
        crate::i18n::Msg::with(message, [("id", id.into())]),
    )
}

fn text(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

impl ReportQuery {
    /// Checks the query for `user`: 422 for bad dates, a reversed or too long period, an
    /// unknown grouping, format or priority group; 403 for a market the caller may not see.
    pub async fn check(
        &self,
        db: &impl ConnectionTrait,
        user: &CurrentUser,
        today: NaiveDate,
    ) -> AppResult<Checked> {
        if user.role == Role::Vendor {
            return Err(AppError::Forbidden);
        }
        let to = date("to", self.to.as_deref(), today)?;
        let from = date("from", self.from.as_deref(), to - Duration::days(29))?;
        if from > to {
            return Err(AppError::invalid(
                "invalid_period",
                "from",
                t::FROM_AFTER_TO,
            ));
        }
        if (to - from).num_days() + 1 > MAX_DAYS {
            return Err(AppError::invalid("period_too_long", "to", t::TOO_LONG));
        }
        let group_by = match text(self.group_by.as_deref()) {
            None => GroupBy::Site,
            Some(g) => GroupBy::parse(&g)
                .ok_or_else(|| AppError::invalid("invalid_group_by", "group_by", t::BAD_GROUP))?,
        };
        let format = match text(self.format.as_deref()).as_deref() {
            None | Some("json") => Format::Json,
            Some("csv") => Format::Csv,
            Some("xlsx") => Format::Xlsx,
            Some(_) => {
                return Err(AppError::invalid("invalid_format", "format", t::BAD_FORMAT));
            }
        };
        let priority_group = match text(self.priority_group.as_deref()) {
            None => None,
            Some(p) => Some(
                crate::vendors::categories::find_priority_group(&p)
                    .ok_or_else(|| {
                        AppError::invalid("invalid_filter", "priority_group", t::BAD_FILTER)
                    })?
                    .code
                    .to_owned(),
            ),
        };
        let market = id("market", self.market.as_deref())?;
        let site = id("site", self.site.as_deref())?;
        // A filter naming nothing would answer with zeros, read as "nothing happened there".
        if let Some(m) = market
            && !exists::<entity::markets::Entity>(db, m).await?
        {
            return Err(unknown("market", "reports-unknown-market", m));
        }
        if let Some(s) = site
            && !exists::<entity::sites::Entity>(db, s).await?
        {
            return Err(unknown("site", "reports-unknown-site", s));
        }
        let visible_markets = crate::markets::access::managed_markets(db, user).await?;
        if let (Some(m), Some(visible)) = (market, &visible_markets)
            && !visible.contains(&m)
        {
            return Err(AppError::Forbidden);
        }
        Ok(Checked {
            filters: Filters {
                from,
                to,
                visible_markets,
                site,
                market,
                segment: text(self.segment.as_deref()),
                category: text(self.category.as_deref()),
                priority_group,
            },
            group_by,
            format,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::GroupBy;
    use crate::i18n::Lang;

    #[test]
    fn weeks_and_months_are_shown_as_people_say_them() {
        let week = |key, lang| GroupBy::Week.shown(key, key, lang);
        assert_eq!(
            week("2026-W48", Lang::Zh),
            "2026年第48周（11月23日—11月29日）"
        );
        assert_eq!(
            week("2026-W48", Lang::En),
            "Week 48, 2026 (23 Nov – 29 Nov)"
        );
        // The ISO week that runs into the next year.
        assert_eq!(
            week("2026-W53", Lang::Zh),
            "2026年第53周（12月28日—1月3日）"
        );
        assert_eq!(week("nonsense", Lang::Zh), "nonsense");
        assert_eq!(
            GroupBy::Month.shown("2026-11", "2026-11", Lang::Zh),
            "2026年11月"
        );
        assert_eq!(
            GroupBy::Month.shown("2026-11", "2026-11", Lang::En),
            "November 2026"
        );
        assert_eq!(GroupBy::Site.shown("3", "文昌路", Lang::En), "文昌路");
    }
}
