### The vendor's journey, finished: the month calendar, preferred stalls on the apply form, self-selection of a stall, inline checks on the register form, flashes after offers.

vendor-journey-month-title = My schedule by month
vendor-journey-month-view = 📆 Month view
vendor-journey-prev-month = Previous month
vendor-journey-next-month = Next month
vendor-journey-this-month = This month
vendor-journey-today = Today
vendor-journey-weekdays-1 = Mon
vendor-journey-weekdays-2 = Tue
vendor-journey-weekdays-3 = Wed
vendor-journey-weekdays-4 = Thu
vendor-journey-weekdays-5 = Fri
vendor-journey-weekdays-6 = Sat
vendor-journey-weekdays-7 = Sun
vendor-journey-nothing-this-month = No bookings this month.
vendor-journey-booked = Booked
vendor-journey-cancelled = Cancelled
vendor-journey-month-invalid = Write the month as year-month, like 2026-05.
vendor-journey-step-market = Step 1: choose a market
vendor-journey-step-form = Step 2: fill in the application
vendor-journey-chosen-market = Chosen market
vendor-journey-other-market = Choose another market
vendor-journey-preferred-legend = Preferred stalls (optional, at most 10)
vendor-journey-preferred-hint = Tick the stalls you want, using the codes on the plan; put 1 in “Rank” for the one you want most. Unranked ones come after, by code.
vendor-journey-segments-legend = Which part of the day
vendor-journey-segments-hint = If you can only come to the morning or the evening market, tick the ones you can; none ticked means every one.
vendor-journey-weekdays-legend = Which days of the week
vendor-journey-weekdays-hint = Tick the days you can come; none ticked means every day.
vendor-journey-rank = Rank
vendor-journey-rank-invalid = Rank is a number from 1 to 10, or empty.
vendor-journey-no-stalls-yet = This site has no stalls laid out yet; apply without preferred stalls.
vendor-journey-choose-title = Choose your stall
vendor-journey-choose-intro = Tap “Book this stall” and it is yours, first come first served. It then shows under “My schedule”.
vendor-journey-choose-this = Book this stall
vendor-journey-no-free-stalls = No stall is free in this session.
vendor-journey-already-here = You already have a stall in this session:
vendor-journey-closed-for-choice = This session is cancelled, open or over: stalls can no longer be chosen.
vendor-journey-self-select-sessions = Sessions where you choose your stall
vendor-journey-no-self-select = No upcoming session lets you choose a stall.
vendor-journey-check-ok = Looks right
vendor-journey-offer-accepted = Offer accepted: the stall is now in your schedule.
vendor-journey-offer-declined = Offer declined: the stall passes to the next vendor.
vendor-journey-season-offer-accepted = Accepted: the same stall is booked for you in the next season; see each night under “My schedule”.
vendor-journey-season-offer-declined = You let next season’s stall go.
vendor-journey-stall-booked = Stall booked: it is now in your schedule.

## The month calendar's title.

# $year: e.g. 2026; $month: 1 to 12.
vendor-journey-month-of = { $month ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    } { $year }
vendor-journey-pick-stalls = Open the list of stall codes to tick the ones you want
