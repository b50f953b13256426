### The bureau's figures: sales reports, the period summary, open data.

figures-nav = Sales
figures-already-reported = Sales for this night have already been reported; correct the report instead.
figures-amount-negative = The amount cannot be negative.
figures-amount-not-a-number = Enter the amount as a number with a point for the fen, e.g. 1280.50 (a comma only between thousands: 1,280.50).
figures-amount-required = Enter the night's sales.
figures-amount-too-large = The amount is over the limit of ¥1,000,000 a night; please check it.
figures-amount-too-precise = Amounts take at most two decimals (jiao and fen).
figures-booking-mismatch = This report belongs to another booking.
figures-booking-required = Name the booking reported on (booking_id).
figures-helpers-invalid = Helpers must be a whole number from 0 to 20.
figures-not-started = Sales can be reported once the session has started.
figures-session-cancelled = This session was cancelled; there is nothing to report.
figures-correction-closed = The report is more than 7 days old and can no longer be corrected; ask the market manager.
figures-reporting-invalid = Reporting must be optional or required.
figures-page-title = Nightly sales
figures-page-intro = After each night, enter the night's sales, the consumption vouchers redeemed and how many helpers worked with you: the county counts them for its consumption and jobs figures. You can correct them within 7 days.
figures-no-nights = No sessions to report in the last 7 days.
figures-stall = Stall
figures-vendor = Vendor
figures-saved = Saved, thank you!
figures-reported = Sales reported
figures-vouchers = vouchers
figures-helpers = helpers
figures-flagged = The manager will check this night’s figures (far above usual or above the market’s other stalls, more vouchers than sales, no check-in that night, or reported more than 7 days after the night).
figures-sales-label = Night's sales (yuan)
figures-voucher-label = Vouchers redeemed (yuan, 0 if none)
figures-helpers-label = Helpers (not counting you)
figures-submit = Report
figures-correct = Correct
figures-closed-hint = More than 7 days ago: it can no longer be corrected.
figures-flagged-title = Nights to check
figures-flagged-hint = A night is listed here when it is more than 5 times the vendor's usual median (over at least 5 reports; a new vendor with fewer is compared with the market's other stalls, at 10 times their median), when more vouchers were redeemed than was sold, when the vendor was never checked in that night, or when it was reported more than 7 days after the night (it changes figures already reported). It still counts in the figures and is never dropped; open the session to correct it if it is wrong.
figures-none-flagged = No nights to check in the last 30 days.
figures-date = Date
figures-median = Usual median
figures-no-median-yet = fewer than 5 reports
figures-session = Session
figures-open-session = Open the session
figures-session-id = Session number
figures-setting-title = Reporting by market
figures-save-setting = Save
figures-optional = Optional
figures-required = Required (reminder the next morning)
figures-sales-title = Consumption and jobs
figures-h-sales = Sales (yuan)
figures-h-vouchers = Vouchers redeemed (yuan)
figures-h-reports = Reports filed
figures-h-jobs = Jobs (people)
figures-h-flagged = To check
figures-flagged-note = Some nights need checking (far above the usual, more vouchers than sales, no check-in, or reported late); they are counted as they are — managers, please check them.
figures-summary-link = Write this period's summary paragraph →
figures-chart-sales-period = Sales by period
figures-chart-sales-site = Sales by site
figures-chart-sales-desc = Bar heights are sales; the table below gives the same figures.
figures-total = Total
figures-summary-title = Period summary
figures-from = From
figures-to = To
figures-market-id = Market number (optional)
figures-site-id = Site number (optional)
figures-show = Show
figures-paragraph = The paragraph
figures-paragraph-hint = Ready to paste into the bureau's report.
figures-copies = Copy and download
figures-plain-zh = Plain text (Chinese)
figures-plain-en = Plain text (English)
figures-download-doc = Download a Word document (.doc)
figures-download-json = Download the figures (JSON)
figures-print-hint = Printing this page prints only the paragraph and the table.
figures-s-table = Main figures against the previous period
figures-s-figure = Figure
figures-s-this = This period
figures-s-previous = Previous period
figures-s-markets = Markets opened
figures-s-sites = Sites used
figures-s-stalls = Stalls set up
figures-s-vendors = Vendors settled
figures-s-new-vendors = Of which new
figures-s-jobs = Jobs
figures-s-occupancy = Stall occupancy
figures-s-sales = Sales (yuan)
figures-s-vouchers = Vouchers redeemed (yuan)
figures-s-reports = Sales reports filed
figures-open-title = Open data
figures-open-intro = These data can be downloaded without logging in, for the public, the press and researchers. They hold only site and stall codes, states, trade categories and counts — never a name, phone or ID number.
figures-open-stalls = Stall map (GeoJSON)
figures-open-stalls-hint = One feature per active stall, with the state of that date's bookings. Optional parameter: date (YYYY-MM-DD, default today).
figures-open-csv = Occupancy and sales (CSV)
figures-open-csv-hint = One line per site, day and segment, UTF-8 with a BOM (Excel opens it directly). Optional parameters: from, to (default the last 30 days, at most three years).
figures-field = Field
figures-meaning = Meaning
figures-f-site-code = Site code
figures-f-code = Stall code
figures-f-status = State that day: free, booked, or checked_in
figures-f-category = Trade category of a booked stall
figures-f-site = Site code
figures-f-date = Business date
figures-f-segment = Segment (morning market, night market …)
figures-f-stalls = Active stalls on the site
figures-f-booked = Stalls booked
figures-f-checked-in = Stalls checked in
figures-f-sales = Sales reported by vendors (yuan, two decimals)
figures-licence-title = Licence
figures-licence = Published under the Creative Commons Attribution 4.0 International licence; please name the source.
figures-privacy = No personal data is published: vendors' names, phones and ID numbers never appear in the open data.
figures-open-bad-parameter = Only the documented parameters are accepted.
figures-open-bad-date = Dates are written YYYY-MM-DD.
figures-open-bad-period = The start cannot be after the end, and the period is at most three years.
figures-reminder = Reminder: your sales for { $date } at { $market } (stall { $stall }) are not reported yet; open the Sales page to fill them in.
figures-change-up = up { $pct }
figures-change-down = down { $pct }
figures-change-flat = unchanged
# The period paragraph's comparison: each figure's name, "name + change", joined.
figures-name-vendors = vendors settled
figures-name-jobs = jobs
figures-name-sales = sales
figures-name-vouchers = vouchers redeemed
figures-list-separator = ,{" "}
figures-compared = { $name } { $change }
figures-summary-change = Against the previous period: { $list }.
figures-summary-missing = {" "}The previous period has no figure for { $list }.
figures-summary-no-previous = The previous period has no figures to compare with.
figures-summary-none = No market was held in this period.{" "}
figures-summary-as-of = As of { $date } (the period is not over; compared with as many days of the previous period):{" "}
figures-summary-not-started = This period has not started yet.
figures-summary-text = This period { $markets ->
        [one] one convenience or night market was
       *[other] { $markets } convenience and night markets were
    } held on { $sites ->
        [one] one site
       *[other] { $sites } sites
    }, with { $stalls ->
        [one] one stall
       *[other] { $stalls } stalls
    } set up and { $vendors ->
        [one] one vendor
       *[other] { $vendors } vendors
    } settled ({ $new_vendors } new), creating { $jobs ->
        [one] one job
       *[other] { $jobs } jobs
    }; sales came to { $sales } and consumption vouchers redeemed to { $vouchers }, with a stall occupancy of { $rate }. { $change }
figures-notice-corrected = Sales corrected: the market staff changed your sales for { $night } from ¥{ $before } to ¥{ $after } (vouchers ¥{ $vouchers_before } → ¥{ $vouchers_after }). If this is wrong, change it on the Sales page within 7 days or ask the staff.
