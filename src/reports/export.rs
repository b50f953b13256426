//! The report as a download: CSV (UTF-8 with a byte-order mark, for Excel on Chinese Windows)
//! or an Excel workbook. No personal data is in either: the report has no vendor names,
//! phones or ID numbers, only counts.

use super::occupancy::OccupancyReport;
use super::params::{Filters, GroupBy};
use crate::i18n::{Lang, texts::figures as f, texts::reports as t};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};

/// The column headings after the key, with units.
fn headings(lang: Lang) -> [&'static str; 11] {
    [
        t::H_SESSIONS.get(lang),
        t::H_SLOTS.get(lang),
        t::H_BOOKED.get(lang),
        t::H_CHECKED_IN.get(lang),
        t::H_RATE.get(lang),
        t::H_VENDORS.get(lang),
        f::H_SALES.get(lang),
        f::H_VOUCHERS.get(lang),
        f::H_REPORTS.get(lang),
        f::H_JOBS.get(lang),
        // Nights reported far above the vendor's usual: counted, but the clerk checks them.
        f::H_FLAGGED.get(lang),
    ]
}

/// A CSV cell: quoted when needed, and a leading `= + - @` (or tab/CR) neutralised with an
/// apostrophe so a spreadsheet never runs it as a formula.
pub fn csv_cell(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// The report as CSV with a BOM, headings in `lang`, one line per row and a total line.
pub fn to_csv(report: &OccupancyReport, group: GroupBy, lang: Lang) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let mut head = vec![group.label().get(lang)];
    head.push(t::H_KEY.get(lang));
    head.extend(headings(lang));
    out.push_str(
        &head
            .iter()
            .map(|h| csv_cell(h))
            .collect::<Vec<_>>()
            .join(","),
    );
    out.push_str("\r\n");
    for r in &report.rows {
        out.push_str(&format!(
            "{},{},{},{},{},{},{:.2},{},{},{},{},{},{}\r\n",
            csv_cell(&group.shown(&r.key, &r.label, lang)),
            csv_cell(&r.key),
            r.sessions,
            r.stall_slots,
            r.booked,
            r.checked_in,
            // The heading says %: a clerk reads 7.09, not 0.0709.
            r.occupancy_rate * 100.0,
            r.vendors,
            r.sales_yuan,
            r.voucher_yuan,
            r.reports_filed,
            r.jobs,
            r.flagged
        ));
    }
    let tt = &report.totals;
    out.push_str(&format!(
        "{},,{},{},{},{},{:.2},{},{},{},{},{},{}\r\n",
        csv_cell(t::TOTAL.get(lang)),
        tt.sessions,
        tt.stall_slots,
        tt.booked,
        tt.checked_in,
        tt.occupancy_rate * 100.0,
        tt.vendors,
        tt.sales_yuan,
        tt.voucher_yuan,
        tt.reports_filed,
        tt.jobs,
        tt.flagged
    ));
    out.into_bytes()
}

/// Display width of text in Excel's character units (a Chinese character counts two).
fn width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 1.0 } else { 2.1 })
        .sum()
}

/// The report as an .xlsx workbook: a title row, headings with units, a frozen header,
/// percentages, a 合计 row, widths that fit Chinese text, keys as text.
pub fn to_xlsx(
    report: &OccupancyReport,
    group: GroupBy,
    filters: &Filters,
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(t::SHEET.get(lang))?;
    let title = Format::new().set_bold().set_font_size(14);
    let head = Format::new()
        .set_bold()
        .set_background_color("#E8EEF4")
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_text_wrap();
    let text = Format::new().set_num_format("@");
    let int = Format::new().set_num_format("#,##0");
    let pct = Format::new().set_num_format("0.0%");
    let bold = Format::new().set_bold().set_border(FormatBorder::Thin);
    let bold_int = bold.clone().set_num_format("#,##0");
    let bold_pct = bold.clone().set_num_format("0.0%");
    let money = Format::new().set_num_format("#,##0.00");
    let bold_money = bold.clone().set_num_format("#,##0.00");

    sheet.write_string_with_format(
        0,
        0,
        format!(
            "{} {} – {}",
            t::XLSX_TITLE.get(lang),
            filters.from,
            filters.to
        ),
        &title,
    )?;
    let mut columns = vec![group.label().get(lang), t::H_KEY.get(lang)];
    columns.extend(headings(lang));
    let mut widths: Vec<f64> = columns.iter().map(|c| width(c) + 2.0).collect();
    for (c, name) in columns.iter().enumerate() {
        sheet.write_string_with_format(2, c as u16, *name, &head)?;
    }
    let mut row = 3u32;
    for r in &report.rows {
        let label = group.shown(&r.key, &r.label, lang);
        sheet.write_string_with_format(row, 0, &label, &text)?;
        sheet.write_string_with_format(row, 1, &r.key, &text)?;
        widths[0] = widths[0].max(width(&label) + 2.0);
        widths[1] = widths[1].max(width(&r.key) + 2.0);
        for (c, v) in [r.sessions, r.stall_slots, r.booked, r.checked_in]
            .into_iter()
            .enumerate()
        {
            sheet.write_number_with_format(row, 2 + c as u16, v as f64, &int)?;
        }
        sheet.write_number_with_format(row, 6, r.occupancy_rate, &pct)?;
        sheet.write_number_with_format(row, 7, r.vendors as f64, &int)?;
        sheet.write_number_with_format(row, 8, r.sales_fen as f64 / 100.0, &money)?;
        sheet.write_number_with_format(row, 9, r.voucher_fen as f64 / 100.0, &money)?;
        sheet.write_number_with_format(row, 10, r.reports_filed as f64, &int)?;
        sheet.write_number_with_format(row, 11, r.jobs as f64, &int)?;
        sheet.write_number_with_format(row, 12, r.flagged as f64, &int)?;
        row += 1;
    }
    let tt = &report.totals;
    sheet.write_string_with_format(row, 0, t::TOTAL.get(lang), &bold)?;
    sheet.write_string_with_format(row, 1, "", &bold)?;
    for (c, v) in [tt.sessions, tt.stall_slots, tt.booked, tt.checked_in]
        .into_iter()
        .enumerate()
    {
        sheet.write_number_with_format(row, 2 + c as u16, v as f64, &bold_int)?;
    }
    sheet.write_number_with_format(row, 6, tt.occupancy_rate, &bold_pct)?;
    sheet.write_number_with_format(row, 7, tt.vendors as f64, &bold_int)?;
    sheet.write_number_with_format(row, 8, tt.sales_fen as f64 / 100.0, &bold_money)?;
    sheet.write_number_with_format(row, 9, tt.voucher_fen as f64 / 100.0, &bold_money)?;
    sheet.write_number_with_format(row, 10, tt.reports_filed as f64, &bold_int)?;
    sheet.write_number_with_format(row, 11, tt.jobs as f64, &bold_int)?;
    sheet.write_number_with_format(row, 12, tt.flagged as f64, &bold_int)?;
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, w.min(60.0))?;
    }
    sheet.set_freeze_panes(3, 0)?;
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::csv_cell;

    #[test]
    fn a_cell_that_looks_like_a_formula_is_defused() {
        assert_eq!(csv_cell("=1+1"), "'=1+1");
        assert_eq!(csv_cell("-3"), "'-3");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("文昌路"), "文昌路");
    }
}
