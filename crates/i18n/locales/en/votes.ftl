# Converge — votes and multi-criteria assessment (English).

## Domain errors of votes
error-invalid_ballot = This ballot is not valid for this vote.
error-not_an_item = This idea is not one of those to assess.
error-activity_still_open = The activity is still open: close it before recording its results.

## Refused ballots, by reason
votes-refused-unknown_item = One of the ideas on your ballot is not part of this vote.
votes-refused-over_cap = You put too many dots on one idea.
votes-refused-over_budget = You spent more dots than you have: take some back.
votes-refused-out_of_range = A score is outside the scale offered.
votes-refused-incomplete = Give every idea a grade before sending your ballot.
votes-refused-duplicate_rank = An idea appears twice in your ranking.
votes-refused-empty = Your ballot is empty: rank or score at least one idea.
votes-refused-same_item = Choose between two different ideas.
votes-refused-not_a_number = Enter whole numbers.
votes-refused-unknown_criterion = This criterion is not part of this assessment.

## Ballots
votes-no-items = There are no ideas to decide between yet: they come from the activities the facilitator picked.
votes-no-sources-facilitator = This activity does not take up any ideas yet: tick, in the settings below, the activities whose notes it takes up.
votes-not-open = Voting happens while the activity is open.
votes-how-dots = Spread your { $budget } dots over the ideas, at most { $cap } on one idea.
votes-how-approval = Tick every idea you support.
votes-how-score = Score each idea from { $min } to { $max }; you may leave some unscored.
votes-how-majority_judgment = Give each idea a grade, from “Reject” to “Excellent”.
votes-how-ranked = Rank the ideas: 1 for your favourite; two ideas with the same rank are tied; leave empty what you do not want to rank.
votes-how-bradley_terry = Two ideas at a time: choose the one you prefer. Answer as many pairs as you like.
votes-ballot-recorded = Your ballot is recorded. You can change it until the vote closes.
votes-submit = Send my ballot
votes-submit-again = Replace my ballot
# $remaining chooses the plural form; $shown is the number written (a placeholder in the
# templates the page's script fills in as dots are placed).
votes-dots-remaining = { $remaining ->
    [one] You have { $shown } of { $budget } dots left.
   *[other] You have { $shown } of { $budget } dots left.
}
votes-dots-over = { $over ->
    [one] You placed { $shown } dot more than your { $budget }: take it back before sending.
   *[other] You placed { $shown } dots more than your { $budget }: take { $shown } back before sending.
}
# The − and + buttons of each idea (dot voting by touch); what the screen reader says after
# each tap ($count chooses the plural form, $shown is the number written).
votes-dots-add = Add a dot to “{ $item }”
votes-dots-remove = Take a dot from “{ $item }”
votes-dots-on-item = { $count ->
    [one] { $shown } dot on “{ $item }”.
   *[other] { $shown } dots on “{ $item }”.
}
votes-no-score = no score
votes-rank-hint = Choose a rank for each idea you want to rank.
votes-unranked = unranked
votes-pairs-answered = { $count ->
    [0] No pair compared yet.
    [one] You have compared { $count } pair.
   *[other] You have compared { $count } pairs.
}
votes-pair-question = Which do you prefer?
votes-turnout = { $count ->
    [0] No ballot yet ({ $room } participants).
    [one] { $count } of { $room } participants has voted.
   *[other] { $count } of { $room } participants have voted.
}

## Majority judgment grades (lowest to highest)
votes-grade6-0 = Reject
votes-grade6-1 = Poor
votes-grade6-2 = Fair
votes-grade6-3 = Good
votes-grade6-4 = Very good
votes-grade6-5 = Excellent
votes-grade-numbered = Grade { $grade }/{ $max }
votes-grade-count = { $grade }: { $count }
votes-median-line = The vertical line marks the median: the majority grade is the one it crosses.

## Results
votes-results-heading = Results
votes-frozen-badge = Recorded at close
votes-provisional-badge = Provisional count
votes-ballots-count = { $count ->
    [0] no ballot
    [one] { $count } ballot
   *[other] { $count } ballots
}
votes-results-impossible = The count is impossible: the ideas changed since the vote.
votes-tie = tied
votes-quoted = “{ $text }”
votes-score-dots = { $count ->
    [one] { $count } dot
   *[other] { $count } dots
}
votes-score-approval = { $count ->
    [one] { $count } approval
   *[other] { $count } approvals
}
votes-score-plurality = { $count ->
    [one] { $count } first choice
   *[other] { $count } first choices
}
votes-score-borda = { $count } Borda points
votes-score-copeland = Copeland score { $count }
votes-score-minimax = worst defeat: by { $count } votes
votes-score-mean = mean { $mean }
votes-score-grade = majority grade: { $grade }
votes-score-runoff = { $count } votes in round { $round }
votes-score-strength = strength { $strength }
votes-rest-dots = { $count ->
    [one] and 1 other idea received no dot
   *[other] and { $count } other ideas received no dot
}
votes-rest-approval = { $count ->
    [one] and 1 other idea received no approval
   *[other] and { $count } other ideas received no approval
}
votes-rest-plurality = { $count ->
    [one] and 1 other idea was nobody’s first choice
   *[other] and { $count } other ideas were nobody’s first choice
}
results-rest-elsewhere = { $count ->
    [one] and 1 other idea, in the full ranking on phones and in the report
   *[other] and { $count } other ideas, in the full ranking on phones and in the report
}
votes-gap = { $gap } ahead of the next rank
votes-gap-probability = would beat the next rank in { $percent }% of duels

## How the winner was decided (one sentence per method)
votes-explain-none = No ballot yet: no winner yet.
votes-explain-dots = { $count ->
    [one] { $winner } wins: it is the idea that received the most dots ({ $score }).
   *[other] Tie: { $winner } received the same number of dots ({ $score }), the highest.
}
votes-explain-approval = { $count ->
    [one] { $winner } wins: it is the idea approved by the most participants ({ $score }).
   *[other] Tie: { $winner } are approved by as many participants ({ $score }), the most.
}
votes-explain-score = { $count ->
    [one] { $winner } wins: it is the idea with the best mean score ({ $score }).
   *[other] Tie: { $winner } have the same mean score ({ $score }), the best.
}
votes-explain-majority_judgment = { $count ->
    [one] { $winner } wins by majority judgment: at least half of the voters graded it “{ $grade }” or better, the best majority grade; equal majority grades are separated by removing median grades one at a time (Balinski and Laraki’s rule).
   *[other] Tie by majority judgment: { $winner } have the same majority grade, “{ $grade }”, and identical grade distributions, which nothing separates.
}
votes-explain-plurality = { $count ->
    [one] { $winner } wins: it is the idea ranked first by the most voters ({ $score }).
   *[other] Tie: { $winner } are ranked first by as many voters ({ $score }).
}
votes-explain-borda = { $count ->
    [one] { $winner } wins: on each ballot an idea gains a point for every idea ranked below it and loses one for every idea ranked above it, and it has the highest total ({ $score }).
   *[other] Tie: { $winner } have as many Borda points ({ $score }), the most.
}
votes-explain-instant_runoff = { $count ->
    [one] { $winner } wins (rounds counted: { $score }): in each round the idea with the fewest first choices is eliminated and its ballots go to their next choice.
   *[other] Tie: { $winner } are still level in the last of { $score } elimination rounds.
}
votes-explain-copeland = { $count ->
    [one] { $winner } wins: comparing the ideas two by two, it has the most duels won minus duels lost (score { $score }).
   *[other] Tie: { $winner } have the same record of duels won minus lost (score { $score }).
}
votes-explain-schulze = { $count ->
    [one] { $winner } wins by the Schulze method: against every other idea, the strongest chain of won duels runs through it.
   *[other] Tie by the Schulze method: { $winner } are not separated by the chains of won duels.
}
votes-explain-minimax = { $count ->
    [one] { $winner } wins: its worst defeat in a duel is the lightest (by { $score } votes).
   *[other] Tie: { $winner } have equally light worst defeats in a duel (by { $score } votes).
}
votes-explain-bradley_terry = { $count ->
    [one] { $winner } wins: from the pairwise comparisons of { $ballots } participants, it is the idea with the highest estimated strength (Bradley–Terry model).
   *[other] Tie: { $winner } have the same estimated strength from the pairwise comparisons (Bradley–Terry model).
}
votes-explain-assessment = { $count ->
    [one] { $winner } comes first: it is the idea with the best weighted score ({ $score } out of 5), the mean of its scores on each criterion by their weights.
   *[other] Tie: { $winner } have the same weighted score ({ $score } out of 5), the best.
}

## Multi-criteria assessment
assess-no-items = There are no ideas to assess yet: they come from the activities the facilitator picked.
assess-not-open = Assessing happens while the activity is open.
assess-progress = { $done }/{ $total } ideas assessed
assess-all-done = You have assessed every idea. You can still change your scores until the activity closes.
assess-nav-label = Ideas to assess
assess-assessed-mark = (assessed)
assess-item-position = Idea { $position } of { $total }
assess-scale-hint = 1 = very low, 5 = very high. A criterion left empty does not count.
assess-save = Save and go to the next
assess-save-again = Update my scores
assess-criteria-intro = Each idea is scored from 1 to 5 on these criteria:
assess-weight = (weight { $weight })
assess-assessors = { $count ->
    [0] Nobody has assessed yet.
    [one] { $count } participant has assessed.
   *[other] { $count } participants have assessed.
}
assess-weighted = Weighted score
assess-median = median { $median }
assess-table-hint = For each criterion: the mean, then the median.
assess-matrix-heading = Impact / feasibility matrix
assess-axis-impact = Impact
assess-axis-feasibility = Feasibility
assess-quadrant-quick_win = Quick wins
assess-quadrant-big_bet = Big bets
assess-quadrant-fill_in = Fill-ins
assess-quadrant-money_pit = Money pits
assess-quadrant-not_assessed = Not assessed
votes-rank-drag-hint = Or drag the ideas by their handle into your order, best first: every idea then gets a rank, without ties.
votes-rank-handle = Drag to reorder
votes-rank-moved = “{ $item }” is now number { $position } of { $total }.
votes-results-at-close = The count appears when you close the activity: followed ballot by ballot, it would tell who voted what. Meanwhile, the turnout above shows how many have answered.
