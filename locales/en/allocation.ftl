### Allocation runs: the draft form, the draft and public results pages, and their errors.

allocation-title = Allocation run
allocation-public-title = Allocation results (public notice)
allocation-run-heading = Run an allocation (draft)
allocation-run = Run a draft
allocation-from = From
allocation-to = To
allocation-seed = Published seed
allocation-seed-hint = Anyone can re-run the result with the same seed and input.
allocation-method = Method
allocation-rotation = Rotation (lowest share first)
allocation-serial = Plain lottery (serial dictatorship)
allocation-reserved = Reserved share per priority group
allocation-reserved-hint = For example: dibao=0.1, disabled=0.05 (groups: dibao, disabled, veteran, returnee, local, or their names; shares from 0 to 1)
allocation-reserved-invalid = Write the reserved shares as group=share, separated by commas, e.g. dibao=0.1, disabled=0.05; the groups are dibao, disabled, veteran, returnee and local.
allocation-category-max-invalid = The largest share of one category is a decimal from 0 to 1, e.g. 0.4.
allocation-category-max = Maximum share of any one category
allocation-category-min = Least share of each trade (planned mix)
allocation-category-shares-hint = One share for every trade (0.4 or 40%), or each its own: clothing=0.3, snacks=20% (the market's trade names)
allocation-category-shares-invalid = Write a share from 0 to 1 (or a percentage), for all trades (0.4) or trade by trade (trade=0.3, another=20%).
# $trade: the name typed; $trades: the market's trades.
allocation-unknown-trade = "{ $trade }" is not a trade of this market; its trades are { $trades }.
# $trade: the trade typed twice.
allocation-trade-twice = “{ $trade }” is written twice: one share per trade.
# $total: the least shares added up, in percent.
allocation-least-over-all = The least shares add up to { $total }%, over 100%: lower them.
allocation-smoky-zone = Smoky trades only in smoky zones
allocation-rules = Rules of this allocation
allocation-weekly-cap = Sessions per vendor per week at most
allocation-no-adjacent = No two adjacent stalls of one category
allocation-keep-same = Keep a vendor on the same stall
allocation-rotate-premium = Rotate premium stalls
allocation-food-zone = Food only in food zones
allocation-status = Status
allocation-draft = Draft
allocation-published = Published
allocation-publish = Publish (make the bookings)
allocation-public-link = Public results page
allocation-runs = Allocation runs
allocation-metrics = Metrics
allocation-fill-rate = Fill rate
allocation-demand-met = Demand met
allocation-mean-share = Mean share
allocation-p10-share = P10 share
allocation-min-share = Minimum share
allocation-gini = Gini of share
allocation-zero-vendors = Vendors with no session
allocation-first-choice = First-choice rate
allocation-adjacent-pairs = Adjacent same-category pairs
allocation-stability = Stall stability
allocation-by-group = Share by priority group
allocation-group-none = (none)
allocation-group = Priority group
allocation-applications = Applications
allocation-placed = Placed
allocation-unplaced = Unplaced
allocation-application = Application
allocation-vendor = Vendor
allocation-draw-place = Place in the draw
allocation-won = Sessions won
allocation-stalls = Stalls
allocation-why-not-more = Why not more
allocation-input-hash = Input hash
allocation-range = Dates
allocation-print-hint = This page prints as a notice.
allocation-seed-empty = The seed must not be empty.
allocation-seed-too-long = The seed is at most 200 characters.
allocation-date-invalid = Dates are written YYYY-MM-DD.
allocation-range-invalid = The end must not be before the start, nor more than 400 days later.
allocation-no-sessions = There are no open sessions in this date range.
allocation-already-published = This allocation has already been published.
allocation-stale = Applications, stalls or bookings changed since this draft was run; run a new draft.
allocation-reason-already-booked = already has a stall that night
allocation-reason-busy-elsewhere = already has a stall elsewhere at those hours
allocation-reason-weekly-cap = weekly cap reached
allocation-reason-category-full = category full
allocation-reason-reserve-held = last stalls held for a priority group
allocation-reason-category-min-held = last stalls held for categories below their minimum
allocation-reason-no-power = no free stall with power
allocation-reason-zone = no free stall in a zone that allows the trade
allocation-reason-adjacent = neighbouring stalls already had the trade
allocation-reason-no-free = no free stall
allocation-none = —

## Refused runs.

# $detail: the parser's own words (English).
allocation-policy-invalid = The policy is not valid: { $detail }
allocation-error-empty-seed = the seed is empty
# $knob: a policy key; $key: a category; $value: the number given.
allocation-error-bad-share = { $knob }["{ $key }"] = { $value } is not a share between 0 and 1
allocation-error-shares-over-one = { $knob } adds up to { $total }, more than 100 %
allocation-error-unknown-category = { $knob } names unknown category "{ $category }"
allocation-error-min-above-max = category "{ $category }" has a minimum share above its maximum
allocation-error-weekly-cap-zero = a weekly cap of 0 sessions allows nothing

## The notice a published run sends each vendor: the heading, then what they won, then where they wait.

# $outcome: allocation-notice-none or allocation-notice-won; $queue: allocation-notice-queued, allocation-notice-no-queue or nothing. $papers: allocation-notice-gas-lapsed, allocation-notice-health-lapsed, allocation-notice-papers-both or nothing.
allocation-notice = The stall allocation of { $market } for { $from } to { $to } is out: { $outcome }{ $queue }{ $papers }
allocation-notice-none = you were not given a stall this time.
# $count: sessions won; $list: the first of them (date, segment, stall); $more: how many are not listed.
allocation-notice-won =
    you have { $count ->
        [one] { $count } session
       *[other] { $count } sessions
    }: { $list }{ $more ->
        [0] {""}
       *[other] {" "}and { $more } more
    }.
# $count: requests waiting; $at: date and segment of the best place; $place: that place.
# $won: sessions won (0: none, so not "more").
allocation-notice-queued =
    {" "}{ $won ->
        [0] { $count ->
            [one] { $count } request is
           *[other] { $count } requests are
        }
       *[other] { $count ->
            [one] { $count } more request is
           *[other] { $count } more requests are
        }
    } on the waitlist, the nearest at place { $place } for { $at }; you will be told when a stall frees up.
allocation-notice-no-queue = {" "}None of your requests is on the waitlist.
allocation-notice-gas-lapsed = {" "}Your gas cylinder inspection has lapsed: the nights asked for after it could not be given a stall. Have it inspected and update it in your profile.
allocation-notice-health-lapsed = {" "}Your health certificate runs out too soon: the nights asked for after it could not be given a stall. Renew it and upload it in your profile.
allocation-notice-suspended = {" "}You are suspended under the demerit rule: the nights asked for in that time could not be given a stall.
# $first, $second: the two sentences above.
allocation-notice-papers-both = { $first }{ $second }
