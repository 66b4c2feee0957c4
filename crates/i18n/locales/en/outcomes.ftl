# Outcomes: action cards, risks, fates and follow-up — the messages every page shares.

error-unknown_action = This action does not exist in this workshop.
error-duplicate_action = This action already exists.
error-unknown_jurisdiction = Choose who the action falls to among those offered.
error-sources_required = An action card names at least one contribution it comes from.
error-too_many_sources = An action card names at most { $max } contributions.
error-edit_conflict = Someone else changed this card meanwhile. Here is the current version; your changes are kept below so you can carry them over.
error-card_changed = This card was changed since you read it. Read it again as it is now, then give your stance.
error-action_withdrawn = This action was withdrawn from the plan.
error-reason_required = Say why: an objection or a dropped action comes with a reason.
error-invalid_rating = Likelihood and impact are rated from 1 to 5.
error-not_a_risk = This is not a risk of this activity.
error-fate_of_merged_note = A merged note shares the fate of the note it was merged into.
error-batch_too_large = Too many items at once (at most { $max }).
error-workshop_closed = The workshop is closed.
error-workshop_still_open = The workshop is not closed yet: its record has no closing.
error-invalid_follow_up_token = A follow-up address is 16 to 64 letters, digits, - or _.

field-description = description
field-rationale = rationale
field-owner = owner
field-horizon = horizon
field-first_steps = first steps
field-resources = resources
field-indicators = success indicators
field-reason = reason
field-note = note
field-answerable = person answerable
