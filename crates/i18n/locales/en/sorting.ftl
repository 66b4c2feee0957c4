# Converge — sorting into categories and brainwriting (English).

## Sorting into categories
sort-board-heading = The categories
sort-hint = Put each note in the category where it belongs. The whole room sorts the same board: the last choice wins.
sort-hint-drag = On a large screen you can also drag a note onto a column.
sort-facilitator-hint = You can move notes yourself, even once the activity is closed.
sort-readonly-hint = Notes are sorted while the activity is open.
sort-no-sources = This activity has no notes to sort yet: the facilitator chooses the activities whose notes it takes.
sort-no-sources-facilitator = This activity has no notes to sort yet: tick in the settings below the activities whose notes it takes.
sort-no-notes = No notes to sort yet.
sort-unsorted = Unsorted
sort-column-empty = No notes here.
sort-count = { $count ->
    [one] { $count } note
   *[other] { $count } notes
}
sort-move-label = Move to
sort-move-button = Move
sort-merged-count = { $count } notes merged
sort-anonymous = anonymous

## Brainwriting
bw-rules = { $ideas } ideas per sheet per round, { $minutes } minutes per round.
bw-start-explain = Each table writes on its own sheets: everyone starts a sheet, then at each round the sheets pass to the next person at the table, who builds on the ideas already written.
bw-start-tables = { $tables ->
    [0] No tables are formed: the whole room will write at one table.
    [one] Brainwriting uses the table formed in the room; people without a table write together at one more table.
   *[other] Brainwriting uses the { $tables } tables formed in the room; people without a table write together at one more table.
}
bw-start-how-tables = Form the tables in the console ("Tables") before starting: they are fixed when brainwriting starts.
bw-console-link = Open the console
bw-start-button = Start brainwriting
bw-open-hint = Open the activity so that participants can write.
bw-round = Round { $round }
bw-next-round-button = Pass the sheets: next round
bw-next-round-hint = Every sheet passes to the next person at its table, and the timer restarts for { $minutes } minutes.
bw-table = Table { $table }
bw-members = At the table:
bw-absent = (away)
bw-sheet-of = { $name }’s sheet
bw-sheet-number = Sheet { $number }
bw-held-by = This round: with { $name }
bw-waiting = This round: waiting at an empty seat
bw-sheet-empty = Blank sheet so far.
bw-idea-meta = Round { $round } · { $author }
bw-idea-round = Round { $round }
bw-builds-on = builds on { $numbers }
bw-builds-on-other = builds on an idea from another sheet
bw-ideas-count = { $count ->
    [one] { $count } idea
   *[other] { $count } ideas
}
bw-other-ideas = Ideas outside the sheets
bw-not-started = Brainwriting is about to start: the facilitator will soon hand out each table's sheets.
bw-your-sheet = Round { $round } — your sheet (started by { $name })
bw-your-own-sheet = Round { $round } — your own sheet
bw-your-sheet-anonymous = Round { $round } — your sheet (number { $number } at the table)
bw-remaining = { $count ->
    [0] You have written your ideas for this round: wait for the sheets to pass.
    [one] You can write one more idea on this sheet this round.
   *[other] You can write { $count } more ideas on this sheet this round.
}
bw-sheet-ideas-heading = Already on this sheet
bw-builds-on-legend = Already on this sheet: tick the ideas yours builds on (optional)
bw-blank-sheet = This sheet is still blank: write the first ideas.
bw-round-moved = The sheets have moved on: your text will go on your new sheet. Reload the page to see it.
bw-away = You are marked as away: your sheet waits at your seat, and nobody else writes on it.
bw-back-button = I am back at my table
bw-no-table = You are not at any table of this brainwriting: it started before you arrived, or you are only observing. The room's ideas show on the screen.

bw-last-round = Last round: every sheet has been round its table.
error-brainwriting_complete = Every sheet has been round its table: brainwriting is complete.
bw-sheet-category = This sheet’s question: { $category }
