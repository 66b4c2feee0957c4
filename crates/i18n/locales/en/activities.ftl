# Converge — the activities (English).

note-merged-count = { $count } notes merged
note-anonymous = anonymous

## Activity errors
error-invalid_config = This setting is not valid: check the values entered.
error-activity_has_contributions = The room already wrote or voted in this activity: it stays on the agenda.
error-position_out_of_range = That place does not exist on the agenda.
error-timer_not_running = The timer is not running.
error-timer_already_running = The timer is already running.
error-duplicate_seat = Someone appears twice in the tables.
error-unknown_table = This table does not exist.
error-invalid_merge = These notes cannot be merged that way.
error-unknown_category = This category does not exist in this activity.
error-not_a_source = This note is not one of those this activity sorts.
error-card_required = Choose an image.
error-source_challenge_required = Choose the challenge you are reformulating.
error-brainwriting_not_started = Brainwriting has not started yet.
error-brainwriting_already_started = Brainwriting has already started.
error-no_sheet_this_round = You have no sheet in this round.
error-sheet_passed_on = The sheets were passed on while you were writing: your idea was not filed. It is kept below — send it on your new sheet if it still fits.
error-round_ideas_spent = You have written the { $max } ideas this round allows; wait for the next round.
error-wrong_activity_kind = This action does not apply to this kind of activity.

## Participant home
participant-your-table = You are at table { $table }.
participant-go-to = Go to “{ $title }”
participant-leave-hint = Need to step out? Say so: the workshop goes on without you and your place is kept.
participant-leave-button = I am stepping out
participant-away-notice = You are marked as away.
participant-return-button = I am back

activity-source-prompts = The questions to start from

## Refused settings, one by one
error-invalid_config-sources = An activity only works on activities placed before it: move the source activity first, or remove it from the sources.
error-invalid_config-minutes = The time must be between 1 and 600 minutes.
error-invalid_config-day = The day must be between 1 and 14.
error-invalid_config-categories = There must be 1 to 12 categories, each named in 60 characters at most, without duplicates.
error-invalid_config-criteria = Write each criterion as “key | name | weight”: a lower-case key without spaces, a name, a weight from 1 to 10; 10 criteria at most.
error-invalid_config-brainwriting = Brainwriting: 1 to 10 ideas per round, rounds of 1 to 60 minutes, tables of 2 to 12 people.
error-invalid_config-deck = This card deck does not exist.
error-invalid_config-vote = Vote settings: 1 to 100 dots, at most that many per idea, 2 to 10 grades.
error-invalid_config-table_size = A table seats 2 to 12 people.
error-invalid_config-not_for_kind = This setting belongs to another kind of activity.

error-invalid_config-vote_locked = Ballots have been cast: the vote's rules no longer change. Add a new vote to vote differently.
error-invalid_config-anonymity_locked = The room has seen this activity as anonymous: anonymity can no longer be turned off, that would sign what was written under it.
error-invalid_config-anonymity_fixed_in_brainwriting = The brainwriting has started: its anonymity can no longer change. Add another brainwriting to run it differently.
votes-refused-pair_answered = You have already compared these two ideas.
error-invalid_config-thresholds = The matrix thresholds go from 1 to 5.
votes-explain-score_median = { $count ->
    [one] { $winner } wins: it is the idea with the best median score ({ $score }); the mean breaks ties.
   *[other] Tie: { $winner } have the same median score ({ $score }), the best, and the same mean.
}
error-time_is_up = Time is up: this activity takes no more contributions.
error-nothing_to_undo = This move can no longer be undone.
error-shortlist_locked = A shortlist is made by hand only for an activity that takes “the facilitator’s shortlist”, and before it first opens.
error-invalid_config-take = What it takes from its sources needs at least one source that can feed it (a vote or an assessment for a top N, a dot vote for dots, a categorize board for a brainwriting by category), and a number from 1 to 200.
error-invalid_config-take_locked = What it takes from its sources was recorded when it opened: the rule no longer changes.
