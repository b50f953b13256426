### Flash messages shown once after a redirect.

flash-logged-in = You are logged in.
flash-logged-out = You are logged out.
flash-registered = Your account is ready. Welcome!
flash-user-created = The user was created.
flash-sites-assigned = The manager's sites were updated.
flash-site-created = The site was created.
flash-user-updated = The account was updated.
flash-layout-accepted = The stall layout was saved.
flash-zone-created = The zone was added.
flash-stall-updated = The stall was updated.
flash-application-submitted = Your application was sent. You will get a text message once it is decided; this page shows where it stands.
flash-application-approved = The application was approved and the vendor told.
flash-application-rejected = The application was rejected and the vendor told why.
flash-application-withdrawn = The application was withdrawn.
flash-application-withdrawn-released = The application was withdrawn; your stalls in sessions not yet started were released.
flash-market-created = The market was created. Next: see its sessions below.
flash-stall-assigned = The stall was assigned.
flash-booking-moved = The booking moved to the new stall; the vendor was told.
flash-booking-cancelled = The booking was cancelled; the vendor was told.
flash-checked-in = Checked in.
flash-session-cancelled = The session was cancelled; its booked vendors were told.
flash-absence-declared = The absence was recorded and the stall given up.
flash-allocation-published = The allocation was published; the vendors will be told.
flash-complaint-closed = The complaint was closed.
flash-application-waitlisted = The application was put on the waiting list and the vendor told.
flash-inspection-recorded = The inspection was recorded and the vendor told.
