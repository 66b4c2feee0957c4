# Follow-up: the fate of contributions, closing the workshop, "my contributions", the
# follow-up of actions after the workshop and its public page.

## The fate of contributions (facilitator)

fates-link = Fate of contributions
fates-title = The fate of contributions
fates-intro = Every contribution of the workshop and what became of it. Those that fed an action of the plan say so by themselves; for the others, check them and decide: retained, not retained (with the reason, which their authors will read) or undecided.
fates-count-actions = { $count ->
    [0] none became an action
    [one] { $count } became an action
   *[other] { $count } became actions
}
fates-count-retained = { $count ->
    [0] none retained
   *[other] { $count } retained
}
fates-count-not_retained = { $count ->
    [0] none not retained
   *[other] { $count } not retained
}
fates-count-pending = { $count ->
    [0] none pending
   *[other] { $count } awaiting a decision
}
fates-show-pending = Show only those awaiting a decision
fates-show-all = Show all
fates-decided = { $count ->
    [0] No contribution was checked: nothing changed.
    [one] Decision recorded for { $count } contribution.
   *[other] Decision recorded for { $count } contributions.
}
fates-merged-badge = merged
fates-merged-into = merged into “{ $text }”
fates-became-action = became the action “{ $title }”
fates-retained = retained
fates-not-retained-because = not retained: { $reason }
fates-pending = no decision yet
fates-none = No contribution in this workshop yet.
fates-none-pending = Every contribution has a fate: nothing is awaiting a decision.
fates-decision-legend = For the checked contributions
fates-decision-retained = Retained
fates-decision-not-retained = Not retained, because…
fates-decision-undecided = Undecided (takes a decision back)
fates-reason-label = The reason
fates-reason-hint = Required for “not retained”. The authors will read it in “My contributions”.
fates-apply-button = Apply to the checked contributions

## Closing the workshop

close-link = Close the workshop
close-title = Close the workshop
close-question = Close the workshop “{ $title }”?
close-consequence-activities = { $count ->
    [0] No activity is open; the agenda is final.
    [one] The activity still open closes, and none can be opened again.
   *[other] The { $count } activities still open close, and none can be opened again.
}
close-consequence-record = Everything said stays on the record and readable: the boards, the votes, the action plan.
close-consequence-follow-up = The follow-up begins: you will update the status of each action and may publish a follow-up page.
close-pending-fates = { $count ->
    [one] { $count } contribution is still awaiting a decision on its fate. You can make it after closing.
   *[other] { $count } contributions are still awaiting a decision on their fate. You can make it after closing.
}
close-confirm-button = Yes, close the workshop
close-cancel = Cancel
close-already = This workshop is already closed.
close-closed-notice = Workshop closed on { $date }. The follow-up of its actions goes on.
close-go-to-follow-up = Go to the follow-up of actions

## My contributions (participant)

mine-link = My contributions and what became of them
mine-title = My contributions
mine-private-hint = Only you see this page. Your anonymous contributions are listed too: nobody else knows they are yours.
mine-anonymous-hint = Anonymous activity: the others do not know these contributions are yours.
mine-none = You have not posted anything in this workshop yet.
mine-fate-label = What became of it:
mine-path-label = The path from your contribution to the action
mine-path-yours = your contribution “{ $text }”
mine-path-built-on = fed “{ $text }”
mine-path-merged-into = merged into “{ $text }”
mine-path-action = which gave the action “{ $title }”

## The follow-up of actions (commissioner)

followup-link = Follow-up of actions
followup-title = Follow-up of actions
followup-not-closed = The workshop is not closed yet. You can already follow up its actions.
followup-imported = { $count ->
    [one] { $count } update imported.
   *[other] { $count } updates imported.
}
followup-public-heading = Public follow-up page
followup-published-at = Published at:
followup-published-hint = Anyone with this link sees the status of each action, its history and the contributions it came from, never their authors. Search engines do not index it.
followup-not-published = The follow-up page is not published.
followup-publish-hint = Publishing it creates an address nobody can guess, to share with whomever you like. You can withdraw it at any time.
followup-publish-button = Publish the follow-up page
followup-unpublish-button = Withdraw the public page
followup-plan-heading = { $count ->
    [0] The action plan
    [one] The action plan: { $count } action
   *[other] The action plan: { $count } actions
}
followup-no-actions = The plan has no action yet.
followup-overdue-count = { $count ->
    [one] { $count } action is awaiting a promised update.
   *[other] { $count } actions are awaiting a promised update.
}
followup-status-planned = planned
followup-status-in_progress = in progress
followup-status-done = done
followup-status-dropped = dropped
followup-overdue = OVERDUE
followup-overdue-since = The update was due on { $date }.
followup-no-answerable = Nobody answers for this action yet
followup-answerable-is = Answerable: { $name }
followup-next-update-due = next update due on { $date }
followup-no-due-date = no update date set
followup-no-update-expected = no further update expected
followup-history-empty = No update yet.
followup-action-id = Id for the import:
followup-update-summary = Post an update or set the commitment
followup-status-label = New status
followup-note-label = What happened
followup-note-hint = Required when an action is dropped: say why.
followup-next-due-label = Next update due on
followup-next-due-hint = Today or later: an update does not leave the action overdue. Not needed for a done or dropped action.
followup-effective-label = Date of the progress
followup-effective-hint = The day it happened, if earlier; today by default.
followup-recorded-on = (recorded on { $date })
followup-effective-on = progress of { $date }
followup-update-button = Post the update
followup-answerable-label = Who answers for this action (service or person)
followup-commitment-button = Save the commitment
followup-invalid-date = A date is written YYYY-MM-DD, for example 2027-03-31.
error-effective_date_in_future = Progress is dated the day it happened: today at the latest.
error-effective_date_before_workshop = This date is before the workshop itself: check the year.
error-next_update_in_past = The next update cannot be due before today: choose today or a later date.
error-next_update_required = The promised update date has passed: say when the next one is due, or the action would stay overdue.
error-follow_up_page_published = This workshop has a public follow-up page: archive it first; it is deleted for good from the archived workshops.

## CSV import

followup-import-heading = Import updates (CSV)
followup-import-hint = A CSV file in UTF-8, one line per update, with this first line:
followup-import-statuses = Possible statuses:
followup-import-template = Download the plan in the import's format
followup-import-file-label = CSV file
followup-import-text-label = Or paste the CSV here
followup-import-check-button = Check (nothing is applied yet)
followup-import-title = Checking the import
followup-import-nothing-applied = Dry run: nothing has been applied yet.
followup-import-changes = { $count ->
    [0] No change
    [one] { $count } change
   *[other] { $count } changes
}
followup-import-rejections = { $count ->
    [0] No rejected line
    [one] { $count } rejected line
   *[other] { $count } rejected lines
}
followup-import-line = Line
followup-import-action = Action
followup-import-change = Change
followup-import-at-line = Line { $line }:
followup-import-apply-hint = { $count ->
    [one] Apply this change, exactly as listed above.
   *[other] Apply the { $count } changes together, exactly as listed above.
}
followup-import-apply-button = Apply
followup-import-cannot-apply = Nothing is applied while a line is rejected: the import is all or nothing. Fix the file and check it again.
followup-import-again = Check another file
followup-import-not-utf8 = This file is not in UTF-8 (probably Latin-1 or Windows-1252). Save it as UTF-8 — in a spreadsheet: “CSV UTF-8” — and try again.
followup-import-empty = The file holds no update.
followup-import-bad-header = The first line must name the columns ({ $expected }); it says: “{ $found }”.
followup-import-too-many = An import has at most { $max } lines.
followup-import-malformed = Malformed line: { $fields } field(s) instead of { $expected }.
followup-import-unknown-action = No action of this workshop has the id “{ $id }”.
followup-import-invalid-status = Unknown status “{ $status }”; the possible statuses are: { $known }.
followup-import-invalid-date = Invalid date “{ $date }”: write it YYYY-MM-DD, for example 2027-03-31.

## The public page

public-followup-title = Follow-up: { $title }
public-followup-lead = What became of the actions decided at this workshop, updated by those who answer for them.
public-followup-closed-on = Workshop closed on { $date }.
public-followup-feed = Subscribe to updates (Atom feed)
public-followup-no-actions = The plan has no action yet.
public-followup-owner = Owner: { $owner }
public-followup-horizon = Horizon: { $horizon }
public-followup-entry-title = { $action }: { $status }
public-followup-history = History
public-followup-provenance = { $count ->
    [one] Where it comes from: { $count } contribution of the workshop
   *[other] Where it comes from: { $count } contributions of the workshop
}
public-followup-risks = Risks it mitigates
public-followup-footer = Page published with Converge. Contributions are quoted without the names of their authors.
