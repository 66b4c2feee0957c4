# The action plan and the risk map: cards, consensus, ratings, mitigations.

actions-new-button = Draft an action card
actions-new-heading = New action card
actions-facilitator-sources-optional = As the facilitator, you may draft a card without naming a contribution.
actions-plan-heading = { $count ->
    [0] The action plan
    [one] The action plan (1 card)
   *[other] The action plan ({ $count } cards)
}
actions-empty = No card yet. Start from a retained idea below, or draft a card.
actions-withdrawn-count = { $count ->
    [one] 1 card withdrawn from the plan
   *[other] { $count } cards withdrawn from the plan
}
actions-withdrawn = Withdrawn
actions-withdrawn-notice = The facilitator withdrew this card from the plan. It stays on the record but can no longer be changed.
actions-withdraw-button = Withdraw from the plan
actions-withdraw-summary = Withdraw from the plan…
actions-withdraw-hint = The card leaves the plan but stays in the workshop’s record.
actions-closed-facilitator-notice = The activity is closed: participants no longer change the plan, but you still can.
actions-open-card = See the card
actions-open-card-edit = See, edit or object
actions-open-card-facilitator = See or edit the card
actions-owner-is = Owner: { $owner }
actions-horizon-is = Horizon: { $horizon }
actions-revision = version { $revision }

actions-jurisdiction-administration = The administration itself
actions-jurisdiction-government = The next government
actions-jurisdiction-shared = Shared

actions-field-title = Title
actions-field-description = Description
actions-field-rationale = Why this action
actions-field-owner = Owner (a service or a person)
actions-field-jurisdiction = Who does it fall to?
actions-field-horizon = Horizon
actions-field-first_steps = First steps
actions-field-resources = Resources needed
actions-field-indicators = Success indicators
actions-draft-button = Save the card
actions-save-button = Save the changes
actions-edit-summary = Edit the card

actions-sources-legend = Where does this action come from?
actions-sources-hint = Tick at least one contribution of the workshop the card comes from.
actions-sources-hint-facilitator = Tick the contributions the card comes from (optional for the facilitator).
actions-sources-heading = { $count ->
    [0] Comes from
    [one] Comes from one contribution
   *[other] Comes from { $count } contributions
}
actions-sources-none = Drafted by the facilitator, without a contribution named.
actions-mitigates-heading = Risks it mitigates
actions-material-heading = What the workshop retained
actions-ideas-heading = The retained ideas
actions-more-material = Draft a card from another contribution (challenge, question, SWOT, vision)
actions-material-empty = No contribution retained yet.
actions-draft-from = Draft a card from this idea
actions-draft-from-note = Draft a card from this contribution
actions-already-in = { $count ->
    [one] already in 1 card
   *[other] already in { $count } cards
}
actions-rank = no. { $rank }

actions-stance-agree = Agree
actions-stance-can_live_with = I can live with it
actions-stance-object = I object
actions-stance-object-link = I object…
actions-your-stance = Your view: { $stance }
actions-stance-stale = You said “{ $stance }” on an earlier version of this card. It has changed since: read it again and give your view of it as it is now.
actions-consensus-stale = { $count ->
    [one] 1 view was given on an earlier version and is not counted until given again.
   *[other] { $count } views were given on an earlier version and are not counted until given again.
}
actions-consensus-legend = Your view of this card
actions-reason-label = Why?
actions-reason-hint = Required for an objection: say what stops you, so the team can amend the card.
actions-consensus-button = Give my view
actions-consensus-counts = { $agree } agree · { $live } can live with it · { $object } { $object ->
    [one] objection
   *[other] objections
}
actions-consensus-none = Nobody has given their view yet.
actions-objections-earlier = Objections to an earlier version, not given again since:
actions-objections-heading = { $count ->
    [one] 1 objection
   *[other] { $count } objections
}

actions-conflict-yours-heading = What you had typed
actions-conflict-nothing-lost = The card already holds everything you had typed.
actions-conflict-emptied = (you had emptied this field)
actions-conflict-clashing = Also changed by someone else, differently from you — compare with the card above before saving:
actions-conflict-merged-hint = The form below holds the current card with your changes. Read it over, then save.

actions-settings-jurisdictions-label = Who actions may fall to (one per line)
actions-settings-jurisdictions-hint = Renaming a line keeps the cards filed under it.

risks-heading = { $count ->
    [0] The risks
    [one] The risks (1)
   *[other] The risks ({ $count })
}
risks-empty = No risk yet.
risks-likelihood = Likelihood
risks-impact = Impact
risks-likelihood-scale = (1: rare, 5: almost certain)
risks-impact-scale = (1: minor, 5: severe)
risks-rate-button = Rate this risk
risks-rate-again-button = Change my rating
risks-not-rated = Not rated yet.
risks-figures = Likelihood { $likelihood } (± { $likelihood_spread }) · impact { $impact } (± { $impact_spread }) · { $raters ->
    [one] 1 rating
   *[other] { $raters } ratings
}
risks-heat-map-title = Risk heat map
risks-heat-map-caption = Each number is a risk, placed by the mean of its ratings; the redder the cell, the more serious the risk.
risks-heat-map-empty = Risks appear on the map once they are first rated.
risks-no-mitigation = No action mitigates it yet.
risks-mitigated-by = Mitigated by:
risks-link-summary = Link the actions that mitigate it
risks-link-button = Save the linked actions
actions-retained-heading = Retained ideas ({ $count })
actions-retained-none = The previous step retained no idea.

# The board's picture for slides: an action card's first steps.
actions-export-first-steps = First steps: { $steps }
