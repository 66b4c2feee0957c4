# Converge — the boards of the diverging activities: photo language, SWOT, challenges, reformulation (English).

## Photo language
board-gallery-heading = Gallery
board-gallery-empty = No image picked yet.
board-card-picker-legend = Pick an image
board-card-pick-count = { $count ->
    [one] picked once
   *[other] picked { $count } times
}
board-card-missing = Image unavailable

## SWOT
board-swot-heading = SWOT board
board-swot-strengths = Strengths
board-swot-weaknesses = Weaknesses
board-swot-opportunities = Opportunities
board-swot-threats = Threats
board-quadrant-empty = No note here yet.
board-move-label = Move to
board-move-button = Move

## Challenges
board-challenges-heading = Challenges
board-merge-label = Duplicate of
board-merge-button = Merge
board-reformulated-as = Reformulated as:

## Reformulation
board-reformulations-heading = Reformulations
board-challenge-picker-legend = Which challenge are you reformulating?
board-no-challenges = No challenge to reformulate yet.
board-reformulate-hint = Write a question that calls for action, for example “How might we…?”
board-source-challenge = Source challenge
