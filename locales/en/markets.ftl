### Markets, segments, sessions.

markets-title = Markets
markets-name = Name
markets-kind = Kind
markets-fixed = Fixed market
markets-mobile = Mobile market
markets-segments = Segments
markets-self-select = Vendors choose their own stalls
markets-new-market = New market
markets-segment-name = Segment name
markets-start = Start
markets-end = End
markets-site = Site
markets-weekdays = Weekdays
markets-from = From
markets-to = To
markets-create = Create
markets-calendar = Calendar of sessions
markets-date = Date
markets-time = Time
markets-status = Status
markets-stalls = Stalls (booked/total)
markets-scheduled = Scheduled
markets-cancelled = Cancelled
markets-no-markets = No markets yet.
markets-no-sessions = No sessions in this period.
markets-earlier = ← Previous 4 weeks
markets-later = Next 4 weeks →
markets-session = Session
markets-cancel-session = Cancel this session
markets-cancel-reason = Reason (weather, an event, …)
markets-weekday-names-1 = Mon
markets-weekday-names-2 = Tue
markets-weekday-names-3 = Wed
markets-weekday-names-4 = Thu
markets-weekday-names-5 = Fri
markets-weekday-names-6 = Sat
markets-weekday-names-7 = Sun
markets-name-required = Give a name (at most 60 characters).
markets-kind-invalid = The kind is fixed or mobile.
markets-segments-required = Give at least one segment.
markets-segment-time = Segment times are written HH:MM (00:00–23:59).
markets-segment-empty = A segment's start and end must differ (an end before the start crosses midnight).
markets-segment-too-long = A segment lasts at most 16 hours: are its start and end the wrong way round? (An end before the start means the segment crosses midnight.)
markets-segment-duplicate = Two segments have the same name.
markets-segment-unknown = The schedule names a segment the market does not have.
markets-schedule-required = Give at least one schedule rule.
markets-site-unknown = No such site.
markets-weekdays-invalid = Weekdays are 1 (Monday) to 7 (Sunday).
markets-range-invalid = The date range is wrong: it ends before it starts or spans more than 400 days.
markets-date-invalid = Dates are written YYYY-MM-DD.
markets-fixed-one-site = A fixed market uses one site; choose a mobile market to rotate between sites.
markets-category-invalid = Category names must be given and distinct.
markets-session-overlap = The site already has a session at that time; sessions on one site cannot overlap.
markets-market-unknown = No such market.
markets-session-unknown = No such session.
markets-already-cancelled = This session is already cancelled.
markets-session-ended = This session has ended.
markets-reason-required = Give a reason (at most 200 characters).

## Notices.

# $what: date, segment and stall; $reason: the manager's words.
markets-notice-session-cancelled = The session { $what } is cancelled ({ $reason }); your booking is cancelled with it.
markets-hours-from = from { $date }: { $hours }
