# Converge — the facilitation console (English).

## Agenda
console-day = Day { $day }
console-minutes = { $minutes } min
console-contributions-count = { $count ->
    [0] no contributions
    [one] { $count } contribution
   *[other] { $count } contributions
}
console-focused = all screens here
console-focus-button = Send every screen here
console-focus-on = Every screen is on “{ $title }”.
console-focus-release = Release the screens
console-timer-start = Start the timer
console-timer-pause = Pause
console-timer-extend = +1 min
console-move-up = ↑ Up
console-move-down = ↓ Down
console-remove = Remove
console-add-activity-heading = Add an activity
console-activity-kind-label = Kind of activity
console-activity-title-label = Title
console-activity-prompt-label = Prompt
console-add-activity-button = Add to the agenda

## Activity kinds
activity-kind-photo_language = Photo language
activity-kind-swot = SWOT
activity-kind-challenges = Challenges
activity-kind-reformulate = Reformulation
activity-kind-categorize = Sorting into categories
activity-kind-brainwriting = Brainwriting
activity-kind-assess = Multi-criteria assessment
activity-kind-vote = Vote
activity-kind-action_plan = Action plan
activity-kind-risk_map = Risk map
activity-kind-opinion_map = Opinion map

## The room
console-table = Table { $table }
console-table-label = Table
console-no-table = No table
console-seat-button = Seat
console-mark-absent = Away
console-mark-present = Back
console-tables-heading = Tables
console-tables-hint = Seats the participants present at tables that mix services as much as possible. Anyone can then be moved by hand.
console-table-size-label = People per table
console-form-tables-button = Form the tables

## Activity settings
activity-settings-heading = Activity settings
settings-minutes-label = Planned time (minutes)
settings-anonymous-label = Anonymous contributions
activity-anonymous-notice = Anonymous: nobody sees who wrote what, the facilitator included; each author sees their own.
settings-sources-label = Works on the contributions of
settings-categories-label = Categories (one per line)
settings-criteria-label = Criteria (one line each: key | name | weight)
settings-ideas-per-round-label = Ideas per person per round
settings-round-minutes-label = Length of a round (minutes)
settings-save-button = Save

## Timer
timer-label = Time left
timer-over = Time is up
timer-over-locked = Time is up: posting has stopped
timer-paused = (paused)

## Assessment and vote
settings-vote-method-label = Voting method
settings-dots-budget-label = Dots per person (dot voting)
settings-dots-cap-label = Most dots on one idea
settings-grades-label = Number of grades (majority judgment)
vote-method-dots = Dot voting
vote-method-approval = Approval voting
vote-method-score = Score voting
vote-method-majority_judgment = Majority judgment
vote-method-plurality = Plurality
vote-method-borda = Borda count
vote-method-instant_runoff = Instant runoff
vote-method-copeland = Copeland's method
vote-method-schulze = Schulze method
vote-method-minimax = Minimax
vote-method-bradley_terry = Pairwise comparisons (Bradley–Terry)
settings-rank-by-median-label = Rank by the median score rather than the mean (one extreme voter cannot pull the result)
settings-thresholds-hint = The impact / feasibility matrix splits "high" from "low" ideas at these thresholds (by default, the middle of the scale, 3).
settings-impact-threshold-label = Impact threshold (1 to 5)
settings-feasibility-threshold-label = Feasibility threshold (1 to 5)

console-merge-participant-hint = A duplicate (the same person, joined twice): their signed contributions and their place go to the person chosen. Not possible once they voted, scored or wrote anonymously: merging would reveal their choices.
console-merge-participant-label = This is in fact
console-merge-participant-button = Merge
console-remove-participant = Remove…
console-remove-participant-hint = They leave the workshop: their link stops working and they cannot act any more. What they wrote stays; the removal is recorded. To keep them from joining again, lock joining or renew the code.
console-remove-participant-button = Remove from the workshop
console-joining-locked = Joining is locked: nobody new can join.
console-joining-lock = Lock joining
console-joining-unlock = Let people join again
console-new-code = New join code…
console-new-code-hint = The current code and QR code stop working at once; those who joined stay in.
console-new-code-button = Replace the join code
projection-controls-label = Projection screen:
projection-spotlight-on = Full screen: “{ $text }”
projection-spotlight-off = Back to the board
projection-spotlight-button = Project
projection-join-panel = Join code:
projection-join-panel-auto = automatic
projection-join-panel-large = large
projection-join-panel-hidden = hidden
projection-names-hide = Hide names
projection-names-show = Show names
projection-zoom-label = Zoom:
projection-zoom-whole = the whole board
projection-zoom-button = Zoom
board-export-svg = Image (SVG)
board-export-png = Image (PNG)

## The next step: another activity in one click
console-next-step = Next step: { $title }
console-next-step-intro = In one click:
console-next-step-closes = closes “{ $title }”
console-next-step-opens = opens “{ $title }”
console-next-step-screens = sends every screen there
console-next-step-timer = starts its timer ({ $minutes } min)
console-next-step-start-sheets = Next step: hand out the sheets
console-next-step-pass-sheets = Next step: pass the sheets (round { $round } of { $rounds })
console-next-step-sheets-handed = each table gets its sheets and the first round begins
console-next-step-sheets-passed = each sheet goes to the next person at its table
console-next-step-after-sheets = After the last round, the next step will be “{ $title }”.
console-next-step-shortlist = Next step: choose the ideas for “{ $title }”
console-next-step-shortlist-hint = “{ $title }” works on a shortlist made by hand, still empty: tick the ideas to carry on and save, then the next step opens it.
error-no_next_activity = The agenda has no activity after this one.
error-not_the_next_activity = The agenda moved on meanwhile: the next step no longer leads to this activity. Go back to the console to see where the room is.
error-nothing_shortlisted = The next activity works on a shortlist and no idea is shortlisted yet: tick its ideas first, on its page.

console-screen-link-heading = Screen link
console-screen-link-hint = To open the projection screen without signing in: on another computer, the venue's TV, or for someone following from afar. Whoever has this link sees what the screen shows, nothing more.
console-screen-link-none = No link yet: the screen opens only here, signed in.
console-screen-link-create = Create a screen link
console-screen-link-label = Screen address
console-screen-link-open = Open the screen by this link
console-screen-link-renew = New link…
console-screen-link-renew-hint = The current address stops working at once, and the screens showing it stop.
console-screen-link-renew-button = Replace the link
console-screen-link-revoke = Revoke the link

## The cockpit: the timer's controls, progress, undo, the room's setup.
console-timer-shorten = −1 min
console-timer-resume = Resume
console-timer-minutes-label = Timer length, in minutes
console-timer-lock-label = lock posting at zero
console-lock-at-zero-badge = Posting stops at zero
settings-lock-at-zero-label = Stop posting when the timer reaches zero
console-current-heading = Now
console-setup-heading = Room, screen and report
console-progress-contributed = { $done } of { $present } { $done ->
    [one] has contributed
   *[other] have contributed
}
console-progress-finished-round = { $done } of { $present } { $done ->
    [one] has finished this round
   *[other] have finished this round
}
console-progress-voted = { $done } of { $present } { $done ->
    [one] has voted
   *[other] have voted
}
console-progress-assessed = { $done } of { $present } { $done ->
    [one] has assessed
   *[other] have assessed
}
console-progress-rated = { $done } of { $present } { $done ->
    [one] has rated the risks
   *[other] have rated the risks
}
console-undo-label = Undo:
console-undo-activity_removed = Undo removing “{ $what }”
console-undo-activity_moved = Undo moving “{ $what }”
console-undo-contribution_moved = Undo moving the note “{ $what }”
console-undo-contribution_categorized = Undo sorting the note “{ $what }”
console-undo-contributions_merged = Undo the merge into the note “{ $what }”
## What an activity takes from its sources
settings-take-label = What it takes from its sources
settings-take-all = everything
settings-take-shortlist = the facilitator’s shortlist
settings-take-top = the best ranked
settings-take-dots = those with enough dots
settings-take-categories = one sheet per category
settings-take-number-label = How many (the top N, or the fewest dots)
settings-take-hint = What it takes is fixed and recorded when it opens: a ranking that changes later no longer moves it.
selection-preview = { $count ->
    [one] { $count } idea retained out of { $total }
   *[other] { $count } ideas retained out of { $total }
}
selection-recorded = { $count ->
    [one] { $count } idea carried out of { $total }, recorded when it opened
   *[other] { $count } ideas carried out of { $total }, recorded when it opened
}
selection-rule-top = the top { $n }
selection-rule-dots = at least { $k } dots
selection-score = score { $score }
selection-dots = { $count ->
    [one] { $count } dot
   *[other] { $count } dots
}
shortlist-heading = Shortlist by hand
shortlist-hint = Tick the ideas the room will work on. The shortlist can be revised until the activity opens.
shortlist-empty = The sources have produced nothing yet.
shortlist-save-button = Save the shortlist
shortlist-saved = Shortlist saved:
shortlist-confirm-empty = No idea is ticked: “{ $title }” would have nothing left to work on. Empty the shortlist anyway?
shortlist-confirm-empty-button = Empty the shortlist
