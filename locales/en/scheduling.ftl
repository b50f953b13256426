### Scheduling: segments, rota, hours, closures, next season, site timeline.

scheduling-accept = Accept
scheduling-add-row = Add a schedule row
scheduling-add-segment = Add a segment
scheduling-apply = Apply
scheduling-cancel = Go back
scheduling-categories = Categories
scheduling-categories-hint = One category a line; clear a name to remove it; the last line adds one.
scheduling-category = Category name
scheduling-clone = Copy to next season
scheduling-closed = Closed
scheduling-closed-today = Closed today
scheduling-close-market = Close the market
scheduling-closures = Closures
scheduling-closure-hint = Every session in the closure is cancelled and booked vendors are told. Leave segments and sites unticked to close all.
scheduling-confirm = Confirm and tell the vendors
scheduling-confirm-title = Please confirm
scheduling-conflicts = Conflicts with other sessions
scheduling-decline = Decline
scheduling-earlier = Earlier
scheduling-edit-schedule = Edit schedule
scheduling-every-day = Every day
scheduling-food = Food (health certificate)
scheduling-free-all-day = Free all day
scheduling-to-the-form = To the form
scheduling-from-the-night-before = From the night before:
scheduling-from-date = From date
scheduling-hours = Change opening hours
scheduling-hours-hint = From the chosen date on, the segment's sessions use the new hours; started and past sessions stay as they were.
scheduling-later = Later
scheduling-market-settings = Name and categories
scheduling-month = Month
scheduling-new-last-date = New last date
scheduling-next-season = Next season
scheduling-next-season-hint = Copies segments, weekdays and the site rota to a new date range, which must not overlap this season.
scheduling-no-conflicts = No conflict with another market
scheduling-offer-same-stalls = Offer last season's vendors their stall first
scheduling-preview = Preview sessions
scheduling-reason = Reason
scheduling-reason-hint = e.g. Spring Festival, storm, a town event
scheduling-row = Schedule row
scheduling-rows = Schedule (site × segment × weekdays × dates)
scheduling-rows-hint = A mobile market may use one site per row, e.g. Wenchang Road on Fridays, Fortune Plaza on Saturdays.
scheduling-row-end-hint = End a row early or extend it; booked sessions after the new date need your confirmation first.
scheduling-save = Save
scheduling-season-offers = Your stall next season
scheduling-segment = Segment
scheduling-segments-hint = e.g. morning 06:00–09:00, night 18:00–22:30. An end before the start crosses midnight.
scheduling-smoky = Smoky
scheduling-timeline = Site timeline
scheduling-timeline-bar = The day from 0:00 to 24:00; gaps are free windows
scheduling-timeline-hint = Every market's sessions on this site by day and time; the gaps are free.
scheduling-week = Week

scheduling-overlap-named = { $date } { $segment } overlaps a session of “{ $market }”: { $other_date } { $other_segment } { $hours }. Sessions on one site cannot overlap.
scheduling-segments-overlap = This segment overlaps “{ $other }”; a market's segments cannot overlap.
scheduling-weekdays-none = Choose at least one weekday.
scheduling-weekdays-none-in-range = None of the chosen weekdays falls between { $from } and { $to }: this row would open no session.
scheduling-date-past = The date cannot be before today: past sessions never change.
scheduling-today-over = Today’s session of this segment is already over: start the dates from tomorrow.
scheduling-category-in-use = The category “{ $category }” is named by an application and cannot be removed.
scheduling-clone-overlap = The new season overlaps this one ({ $from } to { $to }); choose other dates.
scheduling-closure-line = Closed { $from } to { $to }: { $reason }{ $segments ->
    [none] {""}
   *[other] ({ $segments })
}
scheduling-confirmation-required = This change touches { $bookings } { $bookings ->
    [one] booking
   *[other] bookings
} of { $vendors } { $vendors ->
    [one] vendor
   *[other] vendors
} in { $sessions } { $sessions ->
    [one] session
   *[other] sessions
}. Confirm to go ahead; they will be told.
scheduling-done = Done ({ $what ->
    [saved] saved
    [row_added] { $sessions } sessions added
    [hours] { $sessions } sessions changed, { $vendors } vendors told
    [closure] { $sessions } sessions cancelled, { $vendors } vendors told
    [row] { $sessions } sessions changed, { $vendors } vendors told
    [clone] { $sessions } sessions in the new season, { $vendors } vendors offered their stall
   *[other] { $what }
}).
scheduling-notice-closure = “{ $market }” is closed { $dates } ({ $reason }); your { $count } { $count ->
    [one] booking
   *[other] bookings
} in that time are cancelled.
scheduling-notice-closure-only = “{ $market }” is closed { $dates } at { $only } ({ $reason }); your { $count } { $count ->
    [one] booking
   *[other] bookings
} there are cancelled. Other sites and segments run as usual.
scheduling-notice-hours = “{ $market }” { $segment } runs { $hours } from { $from }; your { $count } { $count ->
    [one] booking follows
   *[other] bookings follow
}, same stall.
scheduling-notice-row-ended = “{ $market }” { $segment } no longer runs from { $from }; your { $count } { $count ->
    [one] booking is
   *[other] bookings are
} cancelled.
# $from: the new season's first night (date and time).
scheduling-notice-season-offer = “{ $market }” starts a new season on { $from }: your stall { $stall } from last season is kept for you until { $until }; accept or decline on your home page.
scheduling-preview-sessions = { $count } { $count ->
    [one] session
   *[other] sessions
} will be created ({ $first } to { $last }).
scheduling-reason-row-ended = Schedule changed: this segment ended early
scheduling-season-offer-line = “{ $market }”: last season's stall { $stall }, kept until { $until }
scheduling-hours-started = At the new hours the session on { $date } has already begun or ended; change the hours from tomorrow, or choose a time still to come today.
scheduling-hours-vendor-clash = At the new hours, vendor { $vendor } would trade on { $date } at the same time as in a session of “{ $other }”, and a vendor trades in one place at a time; move that vendor's stall first.
