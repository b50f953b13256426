### The TOTP second factor: enrolment, the login's second step, an administrator's reset.

totp-title = Authenticator codes (two-step login)
totp-required = This account uses two-step login: enter the 6-digit code from your authenticator app.
totp-wrong-code = The code is wrong, expired or already used. Enter the 6 digits your authenticator shows now.
totp-already-enrolled = Two-step login is already on for this account. To move to a new phone, ask an administrator to reset it.
totp-not-started = Start setting up two-step login first.
totp-challenge-expired = The login has timed out. Enter your login and password again.
totp-code-field = 6-digit code
totp-code-hint = Open the authenticator app on your phone and enter the digits it shows now.
totp-verify = Verify
totp-enrolled = Two-step login is on.
totp-not-enrolled = Two-step login is off. Once on, logging in needs a code from your phone besides the password.
totp-must-enrol = Staff accounts must turn on two-step login before going on.
totp-start = Turn on two-step login
totp-scan = Scan this QR code with your authenticator app (or type the key), then enter the 6 digits it shows to confirm. The code is shown only this once.
totp-secret-key = Key
totp-qr-label = Two-step login QR code
totp-confirm = Confirm
totp-restart = Make a new QR code
totp-reset = Reset two-step login
totp-account-link = Two-step login
