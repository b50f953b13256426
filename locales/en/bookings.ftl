### Bookings, check-in, waitlist offers.

bookings-title = Bookings
bookings-stall = Stall
bookings-vendor = Vendor
bookings-category = Category
bookings-checked-in = Checked in
bookings-not-checked-in = Not checked in
bookings-no-show = No-show
bookings-no-shows = No-shows
bookings-absences = Declared absent (stall re-let)
bookings-check-in = Check in
bookings-cancel = Cancel booking
bookings-cancel-confirm = Yes, cancel it (the vendor is told)
bookings-cancel-why = Reason (the vendor is told)
bookings-assign = Assign a stall
bookings-vendor-id = Vendor
bookings-vendor-id-hint = Their mobile number, name or vendor id.
bookings-vendor-ambiguous = More than one vendor has that name; type the mobile number instead.
bookings-find-on-plan = Find vendors by their applications, and who may take this session
bookings-until = Repeat until (optional: the same stall where free)
bookings-free-stalls = Free stalls
bookings-none = No bookings.
bookings-no-stalls = This site has no stalls yet; lay them out first.
bookings-stall-taken = That stall is already booked for this session.
bookings-vendor-already-booked = That vendor already has a stall in this session.
bookings-session-past = This session has ended; it can no longer be booked.
bookings-session-started = This session has started; vendors book and cancel only before it opens.
bookings-session-cancelled = This session is cancelled.
bookings-stall-unknown = No such stall.
bookings-stall-disabled = That stall is disabled.
bookings-stall-elsewhere = That stall is not on this session's site.
bookings-vendor-unknown = No such vendor.
bookings-health-cert = The food vendor's health certificate is missing or expired on the session date.
bookings-smoky = Smoky trades go only on stalls in a zone that allows smoke.
bookings-self-select-off = This market does not let vendors choose stalls themselves.
bookings-too-early = Check-in opens on the session's business date.
bookings-offer-closed = This waitlist offer is no longer open.
bookings-range-invalid = Repeat-until must not be before the session date, nor more than 400 days later.
bookings-offers = Waitlist offers
bookings-accept = Accept
bookings-decline = Decline
bookings-deadline = Deadline

## Notices.

# $what: date, segment and stall; $until: local date and minute.
bookings-notice-offer = A stall came free for you: { $what }. Accept it before { $until }.
# $when: date and segment; $from, $to: stall codes.
bookings-notice-moved = Your stall for { $when } was moved by the market manager from { $from } to { $to }.
# $what: date, segment and stall.
bookings-notice-cancelled = Your booking { $what } was cancelled by the market manager.
bookings-notice-cancelled-because = Your booking { $what } was cancelled by the market manager. Reason: { $reason }
bookings-segment-not-applied = The vendor's approved application does not name this session's segment (an application for the morning market does not cover the night market).
bookings-session-not-applied = This session is outside the application's dates or weekdays.
bookings-not-applied = You have no approved application that includes this session. Apply first, and choose a stall once it is approved.
bookings-vendor-busy-elsewhere = That vendor already has a stall in another session at this time; a vendor trades in one place at a time.
bookings-notice-assigned = The market manager placed you on stall { $stall } for { $when }{ $nights ->
    [1] .
   *[other] , { $nights } nights in all.
} Please check in on time; if you cannot come, declare it beforehand under “My schedule”.
bookings-notice-assigned-tonight = The market manager placed you on stall { $stall } for { $when }{ $nights ->
    [1] .
   *[other] , { $nights } nights in all.
} The market is open: go to your stall and have the manager check you in.
bookings-session-held = Vendors have checked in or reported sales for this session, so it can no longer be cancelled: its check-ins and sales count in the figures. To close early, tell the vendors on site.
bookings-notice-offer-withdrawn = Waitlist offer withdrawn: { $what } was given to another vendor by the market. You remain on the waiting list.
# $until: the suspension's last day; $count: nights released; $list: them (market, night, stall).
bookings-notice-suspended-released = You are suspended until { $until }, so your { $count ->
        [one] stall
       *[other] { $count } stalls
    } in that time { $count ->
        [one] is
       *[other] are
    } cancelled and offered to vendors waiting: { $list }.
# $what: the night and stall offered; $reason: why the market cancelled it.
bookings-notice-offer-session-cancelled = Waitlist offer void: the night of { $what } is cancelled ({ $reason }). Nothing to accept; you remain on the waiting list for other nights.
bookings-offer-already-accepted = You have already accepted this offer; the stall is yours.
bookings-offer-already-declined = You have already declined this offer; the stall went to the next vendor in line.
bookings-stall-on-offer = This stall is held for a vendor on the waiting list until they answer; please choose another.
