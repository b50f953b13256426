//! The period summary in the bureau's words: markets opened, sites, stalls set up, vendors
//! settled and newly settled, jobs, occupancy, sales and vouchers redeemed, against the
//! period of the same length just before, with the paragraph ready for the county's report
//! (「本期共开设便民市场、夜市 3 个，设定摊位 608 个 …」). Counted from one read of the session
//! digests, like the occupancy report.

use super::digest::{Digest, Lookup, VendorSet};
use super::digest_cache::DigestCache;
use super::occupancy::{active_stalls, rate};
use super::params::Filters;
use crate::i18n::{Lang, Msg};
use crate::sales::money::{grouped, wan_yuan, yuan};
use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc};
use sea_orm::{ConnectionTrait, DbErr};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use utoipa::ToSchema;

/// The figures of one period.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct PeriodFigures {
    /// First business date.
    #[schema(value_type = String)]
    pub from: NaiveDate,
    /// Last business date.
    #[schema(value_type = String)]
    pub to: NaiveDate,
    /// Set when the period is not over: the last business date counted (today once one of
    /// today's markets has opened, else yesterday); the figures count the sessions started by
    /// then and the previous period is cut to as many days. Before `from`: not begun.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub as_of: Option<NaiveDate>,
    /// Markets with a scheduled session (开设便民市场、夜市).
    pub markets: u64,
    /// Sites used.
    pub sites: u64,
    /// Stalls set up on those sites (设定摊位): per site, the most one of its nights offered.
    pub stalls: u64,
    /// Distinct vendors booked (入驻经营户).
    pub vendors_settled: u64,
    /// Of those, vendors booked for the first time in this period.
    pub new_vendors: u64,
    /// Jobs (带动就业): vendors plus the most helpers each reported on one night.
    pub jobs: u64,
    /// Booked / stall-sessions offered.
    pub occupancy_rate: f64,
    /// Sales reported, yuan with two decimals.
    pub sales_yuan: String,
    /// Vouchers redeemed, yuan with two decimals.
    pub voucher_yuan: String,
    /// Sales reports filed.
    pub reports_filed: u64,
    /// Sales in fen.
    #[serde(skip)]
    pub sales_fen: i64,
    /// Vouchers in fen.
    #[serde(skip)]
    pub voucher_fen: i64,
}

/// The summary: this period's figures, the previous period's, and the paragraph.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct Summary {
    /// This period.
    #[serde(flatten)]
    pub current: PeriodFigures,
    /// The period of the same length just before.
    pub previous: PeriodFigures,
    /// The paragraph in Chinese, in the bureau report's phrasing.
    pub text_zh: String,
    /// The same in English.
    pub text_en: String,
}

/// Counts one period from the loaded digest; `first` is each vendor's first booked date.
fn period(
    digest: &Digest,
    (from, to): (NaiveDate, NaiveDate),
    now: DateTime<Utc>,
    stalls: &HashMap<i32, u64>,
    first: &[Option<NaiveDate>],
) -> PeriodFigures {
    let mut markets = BTreeSet::new();
    // Per site, the most stalls one of its nights offered: each night keeps the count it
    // opened with, so a closed month's 设定摊位 stays as reported when a stall is later
    // disabled or laid out anew.
    let mut sites: BTreeMap<i32, u64> = BTreeMap::new();
    let (mut slots, mut booked, mut reports) = (0u64, 0u64, 0u64);
    let (mut sales_fen, mut voucher_fen) = (0i64, 0i64);
    let mut vendors = VendorSet::default();
    let mut helpers: Vec<u8> = Vec::new();
    for s in digest
        .sessions
        .iter()
        .filter(|s| s.date >= from && s.date <= to && s.starts_at <= now)
    {
        markets.insert(s.market_id);
        let offered = s.offered(stalls);
        let most = sites.entry(s.site_id).or_default();
        *most = (*most).max(offered);
        slots += offered;
        booked += s.bookings.len() as u64;
        for b in &s.bookings {
            vendors.insert(b.vendor);
        }
        for sale in &s.sales {
            reports += 1;
            sales_fen += sale.sales_fen;
            voucher_fen += sale.voucher_fen;
            let i = sale.vendor as usize;
            if i >= helpers.len() {
                helpers.resize(i + 1, 0);
            }
            helpers[i] = helpers[i].max(sale.helpers);
        }
    }
    let new_vendors = vendors
        .iter()
        .filter(|v| {
            first
                .get(*v as usize)
                .copied()
                .flatten()
                .is_some_and(|d| d >= from)
        })
        .count() as u64;
    let helper_jobs: u64 = helpers.iter().map(|h| u64::from(*h)).sum();
    PeriodFigures {
        from,
        to,
        as_of: None,
        markets: markets.len() as u64,
        sites: sites.len() as u64,
        stalls: sites.values().sum(),
        vendors_settled: vendors.len(),
        new_vendors,
        jobs: vendors.len() + helper_jobs,
        occupancy_rate: rate(booked, slots),
        sales_yuan: yuan(sales_fen),
        voucher_yuan: yuan(voucher_fen),
        reports_filed: reports,
        sales_fen,
        voucher_fen,
    }
}

/// The period compared with `from`–`to`: the same whole calendar months just before when it
/// is whole months (December against November, a year against the year before), else the
/// same number of days just before.
pub fn previous_period(from: NaiveDate, to: NaiveDate) -> (NaiveDate, NaiveDate) {
    let whole_months = from.day() == 1 && to.succ_opt().is_some_and(|d| d.day() == 1);
    if whole_months {
        let months = (to.year() - from.year()) * 12 + to.month0() as i32 - from.month0() as i32 + 1;
        if let Some(prev_from) = u32::try_from(months)
            .ok()
            .and_then(|m| from.checked_sub_months(Months::new(m)))
        {
            return (prev_from, from - Duration::days(1));
        }
    }
    let days = (to - from).num_days() + 1;
    (from - Duration::days(days), from - Duration::days(1))
}

/// Computes the summary of `f`'s period and the one before it (same filters) at `now`. A period
/// not over counts the sessions started by `now` and is compared with as many days of the
/// previous period, so a month under way is not read as a fall against a whole month.
pub async fn summary(
    db: &impl ConnectionTrait,
    cache: &DigestCache,
    f: &Filters,
    now: DateTime<Utc>,
) -> Result<Summary, DbErr> {
    let today = now.with_timezone(&crate::clock::shanghai()).date_naive();
    let (prev_from, mut prev_to) = previous_period(f.from, f.to);
    let stalls = active_stalls(db).await?;
    let lookup = Lookup::load(db, f, false).await?;
    // Everything up to `to` in one read: this period, the previous one, and the history that
    // says who is new.
    let mut all = f.clone();
    all.from = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(f.from);
    let digest = Digest::load(db, cache, &all, &lookup).await?;
    let mut first: Vec<Option<NaiveDate>> = Vec::new();
    for s in &digest.sessions {
        for b in &s.bookings {
            let i = b.vendor as usize;
            if i >= first.len() {
                first.resize(i + 1, None);
            }
            if first[i].is_none_or(|d| s.date < d) {
                first[i] = Some(s.date);
            }
        }
    }
    // The last day counted: today once one of today's markets has opened, else yesterday (at
    // 00:14 no night of the new day has begun). A period not over by then is compared with as
    // many days of the previous one; one not begun with the whole previous period.
    let opened_today = digest
        .sessions
        .iter()
        .any(|s| s.date == today && s.starts_at <= now);
    let last_counted = if opened_today {
        today
    } else {
        today - Duration::days(1)
    };
    let as_of = (f.to > last_counted).then_some(last_counted);
    if let Some(day) = as_of.filter(|d| *d >= f.from) {
        let elapsed = (day - f.from).num_days();
        prev_to = prev_to.min(prev_from + Duration::days(elapsed));
    }
    let mut current = period(&digest, (f.from, f.to), now, &stalls, &first);
    current.as_of = as_of;
    let previous = period(&digest, (prev_from, prev_to), now, &stalls, &first);
    Ok(Summary {
        text_zh: paragraph(&current, &previous, Lang::Zh),
        text_en: paragraph(&current, &previous, Lang::En),
        current,
        previous,
    })
}

/// An amount as the paragraph shows it, with its unit: in Chinese 万元 with one decimal from
/// ten thousand yuan up and whole yuan below (112 yuan is not "0.0 万元"); in English whole
/// yuan.
fn amount(fen: i64, lang: Lang) -> String {
    let yuan = grouped(((fen.max(0) + 50) / 100) as u64);
    match lang {
        Lang::Zh if fen >= 1_000_000 => format!("{} 万元", wan_yuan(fen)),
        Lang::Zh => format!("{yuan} 元"),
        Lang::En => format!("¥{yuan}"),
    }
}

/// The change of one figure against the previous period, in words; None when the previous
/// period has no figure to compare with.
fn change(now: i64, before: i64, lang: Lang) -> Option<String> {
    let msg = if before <= 0 {
        return None;
    } else if now == before {
        Msg::with("figures-change-flat", [])
    } else {
        // Tenths of a percent, rounded half up, on integers.
        let tenths = ((now - before).abs() * 1000 + before / 2) / before;
        let pct = format!("{}.{}%", tenths / 10, tenths % 10);
        let id = if now > before {
            "figures-change-up"
        } else {
            "figures-change-down"
        };
        Msg::with(id, [("pct", pct.into())])
    };
    Some(msg.get(lang))
}

/// The sentence comparing with the previous period: the figures that had one there, each
/// with its change, then those that had none; or that there is nothing to compare with.
fn comparison(c: &PeriodFigures, p: &PeriodFigures, lang: Lang) -> String {
    let figures = [
        (
            "figures-name-vendors",
            c.vendors_settled as i64,
            p.vendors_settled as i64,
        ),
        ("figures-name-jobs", c.jobs as i64, p.jobs as i64),
        ("figures-name-sales", c.sales_fen, p.sales_fen),
        ("figures-name-vouchers", c.voucher_fen, p.voucher_fen),
    ];
    let separator = Msg::with("figures-list-separator", []).get(lang);
    let mut compared = Vec::new();
    let mut missing = Vec::new();
    for (name, now, before) in figures {
        let name = Msg::with(name, []).get(lang);
        match change(now, before, lang) {
            Some(change) => compared.push(
                Msg::with(
                    "figures-compared",
                    [("name", name.into()), ("change", change.into())],
                )
                .get(lang),
            ),
            None => missing.push(name),
        }
    }
    if compared.is_empty() {
        return Msg::with("figures-summary-no-previous", []).get(lang);
    }
    let mut text = Msg::with(
        "figures-summary-change",
        [("list", compared.join(&separator).into())],
    )
    .get(lang);
    if !missing.is_empty() {
        text.push_str(
            &Msg::with(
                "figures-summary-missing",
                [("list", missing.join(&separator).into())],
            )
            .get(lang),
        );
    }
    text
}

/// The paragraph for the bureau's report, with the change against the previous period; a
/// period not over says as of when, one not begun says so, one with no market held says so
/// in one sentence.
pub fn paragraph(c: &PeriodFigures, p: &PeriodFigures, lang: Lang) -> String {
    match c.as_of {
        Some(day) if day < c.from => Msg::with("figures-summary-not-started", []).get(lang),
        Some(day) => {
            let date = match lang {
                Lang::Zh => format!("{} 月 {} 日", day.month(), day.day()),
                Lang::En => day.format("%-d %B %Y").to_string(),
            };
            let prefix = Msg::with("figures-summary-as-of", [("date", date.into())]).get(lang);
            format!("{prefix}{}", figures_text(c, p, lang))
        }
        None => figures_text(c, p, lang),
    }
}

/// The figures and the comparison, whatever the period's state.
fn figures_text(c: &PeriodFigures, p: &PeriodFigures, lang: Lang) -> String {
    if c.markets == 0 {
        let none = Msg::with("figures-summary-none", []).get(lang);
        let before = p.markets > 0;
        return if before {
            format!("{none}{}", comparison(c, p, lang))
        } else {
            none.trim_end().to_owned()
        };
    }
    Msg::with(
        "figures-summary-text",
        [
            ("markets", c.markets.into()),
            ("sites", c.sites.into()),
            ("stalls", c.stalls.into()),
            ("vendors", c.vendors_settled.into()),
            ("new_vendors", c.new_vendors.into()),
            ("jobs", c.jobs.into()),
            ("sales", amount(c.sales_fen, lang).into()),
            ("vouchers", amount(c.voucher_fen, lang).into()),
            ("rate", format!("{:.1}%", c.occupancy_rate * 100.0).into()),
            ("change", comparison(c, p, lang).into()),
        ],
    )
    .get(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_in_wan_for_chinese_and_grouped_yuan_for_english() {
        assert_eq!(amount(12_600_000, Lang::Zh), "12.6 万元");
        assert_eq!(amount(11_285, Lang::Zh), "113 元");
        assert_eq!(amount(12_600_000, Lang::En), "¥126,000");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }

    #[test]
    fn the_paragraph_reads_as_prose_in_both_languages() {
        let empty = PeriodFigures::default();
        assert_eq!(paragraph(&empty, &empty, Lang::Zh), "本期没有开市。");
        assert_eq!(
            paragraph(&empty, &empty, Lang::En),
            "No market was held in this period."
        );
        let one = PeriodFigures {
            markets: 1,
            sites: 1,
            stalls: 40,
            vendors_settled: 12,
            jobs: 15,
            sales_fen: 2_000_000,
            ..Default::default()
        };
        let en = paragraph(&one, &empty, Lang::En);
        assert!(
            en.starts_with("This period one convenience or night market was held on one site,"),
            "{en}"
        );
        assert!(
            en.ends_with("The previous period has no figures to compare with."),
            "{en}"
        );
        let zh = paragraph(&one, &empty, Lang::Zh);
        assert!(zh.ends_with("摊位使用率 0.0%。上期无可比数据。"), "{zh}");
        // Only the figures the previous period had are compared; the rest are named once.
        let before = PeriodFigures {
            sales_fen: 1_000_000,
            ..one.clone()
        };
        let only_sales = PeriodFigures {
            vendors_settled: 0,
            jobs: 0,
            ..before
        };
        let zh = paragraph(&one, &only_sales, Lang::Zh);
        assert!(
            zh.ends_with(
                "与上期相比，销售额增长 100.0%。入驻经营户、带动就业、核销消费券上期无可比数据。"
            ),
            "{zh}"
        );
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn whole_months_are_compared_with_the_months_before_and_other_periods_with_as_many_days() {
        assert_eq!(
            previous_period(d("2026-12-01"), d("2026-12-31")),
            (d("2026-11-01"), d("2026-11-30"))
        );
        assert_eq!(
            previous_period(d("2026-03-01"), d("2026-03-31")),
            (d("2026-02-01"), d("2026-02-28"))
        );
        assert_eq!(
            previous_period(d("2026-01-01"), d("2026-12-31")),
            (d("2025-01-01"), d("2025-12-31"))
        );
        assert_eq!(
            previous_period(d("2026-04-01"), d("2026-06-30")),
            (d("2026-01-01"), d("2026-03-31"))
        );
        assert_eq!(
            previous_period(d("2026-12-05"), d("2026-12-11")),
            (d("2026-11-28"), d("2026-12-04"))
        );
    }

    #[test]
    fn a_period_not_over_says_as_of_when_and_one_not_started_says_so() {
        let one = PeriodFigures {
            from: d("2026-12-01"),
            to: d("2026-12-31"),
            as_of: Some(d("2026-12-06")),
            markets: 1,
            sites: 1,
            stalls: 40,
            vendors_settled: 12,
            jobs: 15,
            ..Default::default()
        };
        let zh = paragraph(&one, &PeriodFigures::default(), Lang::Zh);
        assert!(
            zh.starts_with("截至 12 月 6 日（本期尚未结束，与上期同样天数相比）：本期共开设"),
            "{zh}"
        );
        let en = paragraph(&one, &PeriodFigures::default(), Lang::En);
        assert!(
            en.starts_with("As of 6 December 2026 (the period is not over"),
            "{en}"
        );
        let ahead = PeriodFigures {
            as_of: Some(d("2026-11-30")),
            ..one
        };
        assert_eq!(
            paragraph(&ahead, &PeriodFigures::default(), Lang::Zh),
            "本期尚未开始。"
        );
    }
}
