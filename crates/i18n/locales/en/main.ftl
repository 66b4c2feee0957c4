# Converge — English catalogue.

language-name = English

## Navigation and frame
nav-sign-in = Sign in
nav-sign-out = Sign out
live-reconnecting = Connection lost, reconnecting… Nothing you sent is lost.

## Landing
landing-title = Collective intelligence, from the first idea to the followed-up action
landing-lead = Join a workshop with the code shown in the room: no account, no app.
landing-join-heading = Join a workshop
landing-join-button = Continue
join-workshop-closed = This workshop is closed: nobody joins it any more. If you took part, take your place back with your personal code to find your contributions and what became of them.
join-same-name = Someone already joined this workshop as “{ $name }”. If that is you, on another phone or browser, take your place back with your personal code: your contributions and votes come with it. Otherwise, join as another person.
join-as-another-heading = I am someone else
join-as-another-hint = Add an initial or your service so the facilitator can tell you apart.
join-as-another-button = Join as another person
resume-heading = Take my place back
resume-summary = Already joined? Take your place back with your personal code
resume-hint = Your personal code is shown on the phone you joined with. It brings your contributions and votes to this device.
resume-link-hint = This personal link gives you back your place in the workshop on this device: your contributions, your votes and what became of them.
resume-code-label = Personal code
resume-button = Take my place back
your-code-heading = Your personal code
your-code-hint = Write it down or take a photo: with the workshop’s code, it gives you back your place (your contributions and votes) on another phone, and lets you follow what becomes of them for years. Do not share it.
your-code-link = Your personal link
landing-facilitator-heading = Running a workshop?
landing-facilitator-text = Sign in to prepare the agenda, open activities and project contributions.

## Joining
join-title = Join the workshop
join-code-label = Workshop code
join-name-label = Your first name or name
join-service-label = Your service or department (optional)
join-service-hint = It helps the facilitator form tables that mix services.
join-button = Join

## Sign-in and first start
signin-title = Facilitator sign-in
signin-email-label = Email address
signin-password-label = Password
setup-title = Create the first facilitator account
setup-lead = This link works once. The account it creates then signs in as usual.
setup-name-label = Your name, as participants will see it
setup-password-hint = At least 8 characters. A long passphrase beats a complicated word.
setup-button = Create the account

## Dashboard
dashboard-title = My workshops
dashboard-signed-in-as = Signed in as { $name }
dashboard-create-heading = New workshop
dashboard-workshop-title-label = Workshop title
dashboard-workshop-language-label = Workshop language
dashboard-template-label = Template
template-default-name = Simple agenda (challenges, SWOT diagnosis)
dashboard-create-button = Create the workshop
dashboard-list-heading = Workshops
dashboard-empty = No workshops yet. Create one above.
dashboard-delete-button = Delete
dashboard-archived-heading = Archived workshops
dashboard-archived-hint = They no longer appear in your list; their public follow-up page stays online. You can restore them, or delete them for good.
dashboard-restore-button = Restore
dashboard-delete-for-good-button = Delete for good

## Facilitation console
console-join-code = Code to join
console-open-screen = Open the projection screen
console-export = Export the log (JSON)
console-loopback-notice = This address only works on this computer. For the phones in the room, start Converge with --bind 0.0.0.0:8080 --public-url http://<this-computer's-address>:8080.
console-agenda-heading = Agenda
console-participants-count = { $count ->
    [0] No participants
    [one] { $count } participant
   *[other] { $count } participants
}
console-open-button = Open
console-close-button = Close
console-reopen-button = Reopen
role-facilitator = facilitator
role-expert = expert
role-participant = participant
role-observer = observer

## Projection screen
screen-join-prompt = Join the workshop with your phone
screen-joining-locked = Joining is closed for now.
screen-waiting = The activity will start soon.
screen-closed-thanks = Thank you all!
screen-closed-on = Workshop closed on { $date }.
screen-closed-lead = The workshop is closed. Its record is sealed; the follow-up of the actions begins.
screen-closed-people = { $count ->
    [one] participant
   *[other] participants
}
screen-closed-contributions = { $count ->
    [one] contribution
   *[other] contributions
}
screen-closed-actions = { $count ->
    [one] action
   *[other] actions
}
participant-closed-thanks = The workshop is closed: thank you for taking part! Your contributions stay available, and what becomes of the actions is followed over time.
participant-closed-mine = See my contributions

## Participant
participant-welcome = Welcome, { $name }!
participant-waiting = No activity is open yet. This page updates by itself.
participant-activity-not-open = This activity is not open: you can read the contributions, not add to them.
note-kind-label = Kind
note-text-label = Your contribution
note-sent = Note sent.
note-post-button = Send
notes-heading = Contributions
notes-empty = No contributions yet.

## Activity states
status-draft = upcoming
status-not-held = not held
status-open = open
status-reopened = reopened
status-closed = closed

## Contribution kinds
kind-vision = vision
kind-strength = strength
kind-weakness = weakness
kind-opportunity = opportunity
kind-threat = threat
kind-challenge = challenge
kind-question = reframed question
kind-idea = idea
kind-risk = risk
kind-statement = statement

## Default agenda

## Field names (in error messages)
field-text = text
field-title = title
field-prompt = prompt
field-name = name
field-service = service

## Errors
error-title = Something went wrong
error-back-home = Back to the home page
error-text_empty = The { $field } is empty.
error-text_too_long = The { $field } has { $actual } characters; the limit is { $max }.
error-control_characters = The { $field } contains invisible characters that are not allowed.
error-facilitator_only = Only the workshop's facilitator can do this.
error-observer_cannot_contribute = Observers follow the workshop without contributing.
error-merge_would_reveal = This duplicate already voted, scored, rated, took a stance or wrote anonymously: merging would reveal their choices. They stay in the room; remove them if they should no longer act.
error-merge_into_itself = A participant cannot be merged into themselves.
error-not_a_voter = The facilitator and observers run or follow the vote; only participants vote.
error-unknown_participant = You are not part of this workshop.
error-joining_locked = The facilitator has closed this workshop to new participants. Ask them to let you in.
error-participant_removed = The facilitator has removed you from this workshop.
error-already_joined = You have already joined this workshop.
error-unknown_activity = This activity does not exist in this workshop.
error-duplicate_activity = This activity is already on the agenda.
error-activity_not_open = This activity is not open: your contribution was not recorded.
error-activity_already_open = This activity is already open.
error-activity_not_open_to_close = This activity is not open, so it cannot be closed.
error-contributions_not_accepted = This activity takes no new contributions.
error-contribution_kind_not_accepted = This kind of contribution does not fit this activity.
error-contribution_kind_required = Choose the kind of your contribution.
error-unknown_contribution = A linked contribution does not exist in this workshop.
error-duplicate_contribution = This contribution was already recorded.
error-too_many_links = A contribution may link to at most { $max } others.
error-workshop_deleted = This workshop has been deleted.
error-creator_must_be_an_account = A workshop must be created by a facilitator account.
error-conflict = The workshop just changed; please try again.
error-duplicate = This value is already in use.
error-disk_full = The server's disk is full: what you sent was not saved. Try again in a moment; if it lasts, tell the facilitator.
error-store_unavailable = Storage is unavailable for a moment: nothing was recorded. Please try again shortly.
error-workshop_not_found = This workshop does not exist.
error-unknown_join_code = No workshop has this code. Check it on the screen in the room.
error-unknown_resume_code = No participant of this workshop has this personal code. Check it on the phone you joined with; without it, join as another person.
error-invalid_credentials = The email address or the password is wrong.
error-email_taken = An account with this email address already exists.
error-password_length = The password must have between { $min } and { $max } characters.
error-invalid_email = This email address is not valid.
error-setup_token_invalid = This account-creation link is no longer valid (already used or expired).
error-busy = The workshop is very busy; please try again shortly.
error-shutting_down = The server is shutting down; please try again shortly.
error-not_found = This page does not exist, or you do not have access to it.
error-unauthenticated = Sign in or join the workshop to continue.
error-forbidden = You do not have access to this page.
error-cross_site_request = This form has expired or did not come from Converge. Reload the page and try again.
error-bad_request = The request could not be read.
error-payload_too_large = This content is too large.
error-unsupported_media_type = This content type is not accepted.
error-too_many_requests = Too many attempts. Wait { $seconds } s before trying again.
error-unknown_template = This workshop template does not exist.

## Roles and deletion
console-role-label = Role
console-role-button = Change
delete-title = Delete the workshop?
delete-question = Delete “{ $title }”?
delete-consequence = The workshop leaves your list and can no longer be joined. Its log ({ $count } contributions) is kept and stays verifiable.
delete-confirm-button = Yes, delete
delete-cancel = Cancel
archive-title = Archive the workshop?
archive-question = “{ $title }” has a public follow-up page: it will be archived, not deleted.
archive-consequence = It leaves your list for the archived workshops and can no longer be joined. Its follow-up page stays online at the same address; you can restore it, or delete it for good from the archived workshops.
archive-confirm-button = Yes, archive
delete-for-good-title = Delete the workshop for good?
delete-for-good-question = Delete “{ $title }” for good?
delete-for-good-page = Its public follow-up page will disappear: the address { $url } will lead nowhere.
delete-for-good-actions = { $count ->
    [0] This page follows no action yet.
    [one] The follow-up of { $count } action will no longer be public.
   *[other] The follow-up of { $count } actions will no longer be public.
}
delete-for-good-confirm-button = Yes, delete for good
error-method_not_allowed = This action does not exist at this address.

## Dates (written out on pages; YYYY-MM-DD in forms and files)
date-long = { $day } { $month } { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
screen-tables-heading = The tables
screen-table-count = { $count ->
    [one] { $count } person
   *[other] { $count } people
}
