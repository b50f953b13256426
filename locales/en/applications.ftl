### Applications.

applications-title = Applications
applications-one = Application
applications-vendor = Vendor
applications-market = Market
applications-dates = Dates
applications-category = Category
applications-status = Status
applications-reason = Reason
applications-reason-hint = The vendor reads it; required to reject.
applications-reject-needs-reason = Say why the application is rejected, so the vendor knows what to change; a rejection cannot be reversed.
applications-needs-power = Needs power
applications-preferred = Preferred stalls
applications-all = All
applications-filter = Filter
applications-none = No applications.
applications-submitted = Submitted
applications-approved = Approved
applications-waitlisted = Waitlisted
applications-rejected = Rejected
applications-withdrawn = Withdrawn
applications-decide = Decide
applications-approve = Approve
applications-waitlist = Waitlist
applications-reject = Reject
applications-withdraw = Withdraw
applications-withdraw-releases = Withdrawing releases the stalls assigned to this application in sessions not yet started; they go to the waiting list.
applications-apply = Apply
applications-new = Apply for a stall
applications-not-a-vendor = Only registered vendors can apply for stalls.
applications-date-past = You cannot apply for dates that have passed.
applications-outside-season = The dates are outside the market's season.
# $first, $last: the first and last day of the market's season.
applications-outside-season-dates = The dates are outside the market's season, which runs from { $first } to { $last }.
applications-segment-unknown = The market has no such segment.
applications-category-unknown = The market does not admit this category.
applications-stall-unknown = A preferred stall code does not exist or is not on the market's sites.
applications-too-many-stalls = Name at most 10 preferred stalls; untick a few.
applications-from-missing = Choose the first day you want to trade.
applications-to-missing = Choose the last day you want to trade.
applications-health-cert = Food vendors need a health certificate that is valid on the dates.
applications-health-cert-until = Health certificate valid until
applications-health-cert-none = none registered
applications-health-cert-short = It runs out before the last day asked for: the nights after it cannot be given a stall unless the vendor renews it.
applications-no-powered-stall = No stall of this market's sites has electricity yet: the draw cannot place this vendor. Mark stalls as powered (the site editor does a whole selection at once).
applications-decision-invalid = The decision is approve, reject or waitlist.
applications-transition = The application cannot change that way from its current status.
applications-status-invalid = Unknown application status.
applications-reason-too-long = The reason may have at most 500 characters.

## Notices.

# $market: its name; $from: first date applied for; $status: a status word; $reason: the manager's words, or nothing.
applications-notice-decided = Your application for { $market } ({ $from } to { $to }): { $status }.{ $reason }
# $reason: the manager's words.
applications-notice-reason = {" "}Reason: { $reason }.
applications-segments = Segments
applications-all-segments = Every segment
applications-weekdays = Weekdays
applications-every-day = Every day
applications-power = Power
applications-power-yes = Needs power
applications-on-weekdays = { $days }
applications-withdraw-sure = Once withdrawn, this application is void and cannot be restored; to trade again you apply anew.
applications-withdraw-confirm = Yes, withdraw it
