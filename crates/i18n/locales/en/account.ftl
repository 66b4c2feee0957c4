# The facilitator's account page and the code step of signing in.

account-link = Your account and sessions
account-title = Your account
account-back = Back to your workshops

account-sessions-heading = Where you are signed in
account-sessions-lead = Each browser signed in to your account. Sign out any you do not recognise, or that you no longer use.
account-session-browser = Browser
account-session-began = Signed in
account-session-last-used = Last used
account-session-this = (this browser)
account-session-unknown-browser = Unknown browser
account-session-end = Sign out
account-sessions-end-others = Sign out everywhere else
account-session-ended = That session is signed out.
account-sessions-others-ended = Every other session is signed out.

account-password-heading = Change your password
account-password-current = Current password
account-password-new = New password
account-password-hint = Between 8 and 128 characters. Every other session is signed out; API tokens keep working.
account-password-button = Change password
account-password-changed = Your password is changed, and every other session is signed out.
account-password-wrong = The current password is wrong.

account-totp-heading = Two-step sign-in
account-totp-off = Off: signing in asks only for your password.
account-totp-on = On: signing in also asks for a code from your authenticator app. Recovery codes left: { $count }.
account-totp-scan = To turn it on, scan this QR code with an authenticator app (or type the key below into it), then type the six-digit code the app shows.
account-totp-qr-label = QR code for your authenticator app
account-totp-key = Key:
account-totp-code = Code from the app
account-totp-enable = Turn on two-step sign-in
account-totp-enabled = Two-step sign-in is on. Keep these recovery codes somewhere safe: each lets you sign in once without your phone. They are shown only now.
account-recovery-heading = Your recovery codes
account-totp-disable-lead = To turn it off, confirm with your password and a current code.
account-totp-disable = Turn off two-step sign-in
account-totp-disabled = Two-step sign-in is off.
account-totp-wrong-code = This code is not right. Type the code the app shows now; if it keeps failing, check that your phone's clock is set automatically.
account-totp-reused = This code has already been used. Wait for the app to show the next one.

signin-code-title = Sign-in code
signin-code-lead = Type the six-digit code from your authenticator app, or one of your recovery codes.
signin-code-label = Code
signin-code-button = Sign in
signin-code-restart = Start again
signin-code-wrong = This code is not right. Type the code the app shows now, or a recovery code.
signin-code-expired = This sign-in has expired. Please sign in again with your password.
