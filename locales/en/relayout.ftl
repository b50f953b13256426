relayout-locked-outside = { $count ->
    [one] The locked stall { $stalls } lies outside the changed site outline (or on a hole in it). Move or unlock it before laying out again.
   *[other] { $count } locked stalls ({ $stalls }) lie outside the changed site outline (or on holes in it). Move or unlock them before laying out again.
}
relayout-booked-in-the-way = { $count ->
    [one] Stall { $stalls } is booked
   *[other] { $count } stalls are booked ({ $stalls })
} for sessions still to come, so the site cannot be laid out again. Lock the booked stalls on the plan (a locked stall stays as it is and the rest is laid out around it), or cancel or move those bookings first.
