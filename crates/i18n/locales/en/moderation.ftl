# Converge — moderating notes (English).

note-edited = (edited)
note-merged-here = { $count ->
    [one] 1 note merged into this one
   *[other] { $count } notes merged into this one
}
board-merge-choose = — choose the note to keep —

moderate-summary = Moderate
moderate-hide-reason-label = Hide, telling its author why
moderate-hide-button = Hide
moderate-edit-label = Correct the text
moderate-edit-button = Correct
moderate-remove-button = Remove (spam)
moderate-remove-confirm = Remove for good (this cannot be undone)
moderate-unmerge-button = Split out
moderate-show-button = Show again

own-note-summary = Change my note
own-note-edit-label = Correct my note
own-note-edit-button = Save the correction
own-note-delete-button = Delete my note

hidden-notes-heading = Notes hidden from the room
hidden-mine-heading = Your notes the facilitator hid
hidden-reason-label = Reason:
mine-hidden = Hidden from the room by the facilitator: only you see it. Reason: { $reason }
note-hidden-for-you = Hidden from the room by the facilitator: only you see this note. Reason: { $reason }

## Moderation errors
error-not_your_contribution = Only its author and the facilitator may change this note.
error-activity_not_open_for_changes = The activity is closed: its notes can no longer be changed or deleted.
error-contribution_gone = This note was removed.
error-not_merged = This note is not merged into another.
error-hide_reason_required = Say why the note is hidden: its author reads the reason.
error-contribution_hidden = This note is hidden from the room.
