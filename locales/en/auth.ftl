### The login page and account messages.

auth-login-title = Log in
auth-login-field = Login (vendors: your mobile number)
auth-password = Password
auth-submit = Log in
auth-no-account = No account yet?
auth-register-link = Sign up as a vendor
auth-password-too-short = The password needs at least 8 characters.
auth-password-too-long = The password may have at most 128 characters.
auth-password-too-weak = The password is too simple or too common; mix letters and digits and avoid things like 123456.
auth-login-taken = That login already exists.
auth-login-invalid = A login has 3–64 characters: letters, digits, dot, dash, underscore.
auth-name-required = Please enter a name.
auth-name-too-long = A name may have at most 50 characters.
auth-name-unprintable = The name holds characters that cannot be shown; type it again.
auth-role-invalid = The role must be admin, bureau, manager or vendor.
# The wait is the real one: 15 minutes after too many failures, the rest of the minute after
# too many attempts from one address (a county office's staff share one).
auth-locked-out = { $minutes ->
        [0] Too many login attempts. Try again in { $seconds ->
            [one] one second
           *[other] { $seconds } seconds
        }.
       *[other] Too many login attempts. Try again in { $minutes ->
            [one] one minute
           *[other] { $minutes } minutes
        }.
    }
password-title = Change password
password-nav = Password
password-intro = Enter your current password, then a new one. Logins on other phones and computers end; this one stays.
password-current = Current password
password-new = New password
password-new-hint = At least 8 characters, with letters and digits; nothing as easy to guess as a birthday or 12345678.
password-submit = Change password
password-current-wrong = The current password is not right; please type it again.
password-same = The new password is the same as the current one; please choose another.
password-forgotten = Forgotten your password? Ask your market manager or the commerce bureau to reset it.
