# Converge — la modération des notes (français).

note-edited = (modifiée)
note-merged-here = { $count ->
    [one] 1 note fusionnée dans celle-ci
   *[other] { $count } notes fusionnées dans celle-ci
}
board-merge-choose = — choisir la note gardée —

moderate-summary = Modérer
moderate-hide-reason-label = Masquer, en disant pourquoi à son auteur
moderate-hide-button = Masquer
moderate-edit-label = Corriger le texte
moderate-edit-button = Corriger
moderate-remove-button = Supprimer (indésirable)
moderate-remove-confirm = Supprimer pour de bon (cela ne s’annule pas)
moderate-unmerge-button = Séparer
moderate-show-button = Montrer à nouveau

own-note-summary = Modifier ma note
own-note-edit-label = Corriger ma note
own-note-edit-button = Enregistrer la correction
own-note-delete-button = Supprimer ma note

hidden-notes-heading = Notes masquées à la salle
hidden-mine-heading = Vos notes masquées par l’animateur
hidden-reason-label = Raison :
mine-hidden = Masquée à la salle par l’animateur : elle n’est visible que par vous. Raison : { $reason }
note-hidden-for-you = Masquée à la salle par l’animateur : cette note n’est visible que par vous. Raison : { $reason }

## Erreurs de la modération
error-not_your_contribution = Seuls son auteur et l’animateur peuvent modifier cette note.
error-activity_not_open_for_changes = L’activité est close : ses notes ne peuvent plus être modifiées ni supprimées.
error-contribution_gone = Cette note a été supprimée.
error-not_merged = Cette note n’est fusionnée dans aucune autre.
error-hide_reason_required = Dites pourquoi la note est masquée : son auteur lira la raison.
error-contribution_hidden = Cette note est masquée à la salle.
