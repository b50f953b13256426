//! `/schedule/month?month=YYYY-MM`: the vendor's bookings as a server-rendered month grid,
//! Monday first, with previous/next links and today marked. On a narrow phone the same table
//! reflows (CSS only) into a list of the days that have bookings, plus today.

use super::schedule::{Entry, upcoming};
use crate::error::{AppError, AppResult};
use crate::i18n::{Lang, Msg, texts::vendor_journey as t, texts::vendorui as tv};
use crate::identity::Auth;
use crate::markets::schedule::local_hhmm;
use crate::state::AppState;
use crate::views::{self, PageCtx};
use axum::extract::{Query, State};
use chrono::{Datelike, Months, NaiveDate};
use entity::bookings::BookingStatus;
use entity::market_sessions::SessionStatus;
use maud::{Markup, html};
use serde::Deserialize;

/// `?month=YYYY-MM` (absent: this month).
#[derive(Debug, Deserialize)]
pub struct MonthQuery {
    month: Option<String>,
}

/// The first day of the month named `YYYY-MM` (years 2000–2100); `None` for anything else.
pub fn parse_month(text: &str) -> Option<NaiveDate> {
    let (y, m) = text.trim().split_once('-')?;
    if y.len() != 4 || m.is_empty() || m.len() > 2 {
        return None;
    }
    let (year, month) = (y.parse::<i32>().ok()?, m.parse::<u32>().ok()?);
    if !(2000..=2100).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, 1)
}

/// The weeks (Monday first) covering the month of `first`; `None` pads days of other months.
pub fn weeks(first: NaiveDate) -> Vec<[Option<NaiveDate>; 7]> {
    let offset = first.weekday().num_days_from_monday() as usize;
    let days: Vec<NaiveDate> = first
        .iter_days()
        .take_while(|d| d.month() == first.month())
        .collect();
    let mut cells: Vec<Option<NaiveDate>> = vec![None; offset];
    cells.extend(days.into_iter().map(Some));
    while !cells.len().is_multiple_of(7) {
        cells.push(None);
    }
    cells
        .chunks(7)
        .map(|w| [w[0], w[1], w[2], w[3], w[4], w[5], w[6]])
        .collect()
}

/// `2026年5月` / `May 2026`.
fn month_title(first: NaiveDate, lang: Lang) -> String {
    Msg::with(
        "vendor-journey-month-of",
        [
            // A year is a name here, not an amount: no digit grouping in any language.
            ("year", first.year().to_string().into()),
            ("month", first.month().into()),
        ],
    )
    .get(lang)
}

/// One booking inside a day cell: status in a symbol and words, the segment, time and stall.
fn booking_line(ctx: &PageCtx, e: &Entry) -> Markup {
    let cancelled = e.session_status == SessionStatus::Cancelled;
    html! {
        li data-booking=(e.booking_id) data-status=(if cancelled { SessionStatus::Cancelled.as_str() } else { BookingStatus::Booked.as_str() }) {
            span.state { (if cancelled { "✖ " } else { "✔ " }) (ctx.t(if cancelled { t::CANCELLED } else { t::BOOKED })) }
            " " strong { (e.segment) } " " (local_hhmm(e.starts_at)) "–" (local_hhmm(e.ends_at))
            br;
            a href=(format!("/sessions/{}/plan#stall-{}", e.session_id, e.stall_code)) {
                (ctx.t(tv::STALL)) " " code.stall-code { (e.stall_code) }
            }
            " · " (e.market)
        }
    }
}

/// GET /schedule/month (vendors).
pub async fn month_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    Query(q): Query<MonthQuery>,
) -> AppResult<Markup> {
    let vendor_id = auth.vendor_id.ok_or(AppError::Forbidden)?;
    let today = crate::clock::today();
    let first = match q.month.as_deref().filter(|m| !m.trim().is_empty()) {
        None => today.with_day(1).unwrap_or(today),
        Some(m) => parse_month(m)
            .ok_or_else(|| AppError::bad_request("invalid_month", t::MONTH_INVALID))?,
    };
    let entries: Vec<Entry> = upcoming(&state.db, vendor_id, None)
        .await?
        .into_iter()
        .filter(|e| e.date.year() == first.year() && e.date.month() == first.month())
        .collect();
    let link =
        |d: Option<NaiveDate>| d.map(|d| format!("/schedule/month?month={}", d.format("%Y-%m")));
    let prev = link(first.checked_sub_months(Months::new(1)));
    let next = link(first.checked_add_months(Months::new(1)));
    let title = format!(
        "{} · {}",
        ctx.t(t::MONTH_TITLE),
        month_title(first, ctx.lang)
    );
    let body = html! {
        nav.month-nav aria-label=(ctx.t(t::MONTH_TITLE)) {
            @if let Some(p) = prev { a.button rel="prev" href=(p) { "← " (ctx.t(t::PREV_MONTH)) } }
            a.button href="/schedule/month" { (ctx.t(t::THIS_MONTH)) }
            @if let Some(n) = next { a.button rel="next" href=(n) { (ctx.t(t::NEXT_MONTH)) " →" } }
        }
        p { a href="/#schedule" { "📋 " (ctx.t(tv::MY_SCHEDULE)) } }
        @if entries.is_empty() { p.empty { (ctx.t(t::NOTHING_THIS_MONTH)) } }
        table.month-grid {
            caption { (month_title(first, ctx.lang)) }
            thead { tr { @for wd in &t::WEEKDAYS { th scope="col" { (wd.get(ctx.lang)) } } } }
            tbody {
                @for week in weeks(first) {
                    tr {
                        @for (i, cell) in week.iter().enumerate() {
                            @if let Some(day) = cell {
                                @let todays: Vec<&Entry> = entries.iter().filter(|e| e.date == *day).collect();
                                @let is_today = *day == today;
                                td class={ @if todays.is_empty() { "quiet" } @else { "busy" } @if is_today { " today" } }
                                    aria-current=[is_today.then_some("date")] data-date=(day) {
                                    p.day {
                                        span.num { (day.day()) }
                                        span.wd { " " (t::WEEKDAYS[i].get(ctx.lang)) " " (day.format("%m-%d")) }
                                        @if is_today { " " strong.today-mark { "● " (ctx.t(t::TODAY)) } }
                                    }
                                    @if !todays.is_empty() {
                                        ul { @for e in todays { (booking_line(&ctx, e)) } }
                                    }
                                }
                            } @else {
                                td.pad {}
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(views::page(&ctx, &title, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_is_year_dash_month_within_reason() {
        assert_eq!(parse_month("2026-05"), NaiveDate::from_ymd_opt(2026, 5, 1));
        assert_eq!(parse_month("2026-5"), NaiveDate::from_ymd_opt(2026, 5, 1));
        for bad in [
            "2026-13",
            "2026-00",
            "26-05",
            "2026/05",
            "",
            "9999-01",
            "2026-05-01",
        ] {
            assert_eq!(parse_month(bad), None, "{bad}");
        }
    }

    #[test]
    fn weeks_start_on_monday_and_cover_the_whole_month() {
        // 1 June 2026 is a Monday; 1 November 2026 a Sunday.
        let june = weeks(NaiveDate::from_ymd_opt(2026, 6, 1).unwrap());
        assert_eq!(june[0][0], NaiveDate::from_ymd_opt(2026, 6, 1));
        assert_eq!(june.len(), 5);
        let nov = weeks(NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
        assert_eq!(nov[0][..6], [None; 6]);
        assert_eq!(nov[0][6], NaiveDate::from_ymd_opt(2026, 11, 1));
        assert_eq!(nov.len(), 6);
        assert_eq!(nov[5][0], NaiveDate::from_ymd_opt(2026, 11, 30));
    }
}
