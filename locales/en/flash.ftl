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
