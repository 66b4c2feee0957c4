# Suivi : le sort des contributions, la clôture de l’atelier, « mes contributions »,
# le suivi des actions après l’atelier et sa page publique.

## Le sort des contributions (animateur)

fates-link = Sort des contributions
fates-title = Le sort des contributions
fates-intro = Chaque contribution de l’atelier et ce qu’elle est devenue. Celles qui ont nourri une action du plan le disent d’elles-mêmes ; pour les autres, cochez-les et décidez : retenue, non retenue (avec la raison, que leurs auteurs liront) ou sans décision.
fates-count-actions = { $count ->
    [0] aucune devenue action
    [one] { $count } devenue action
   *[other] { $count } devenues actions
}
fates-count-retained = { $count ->
    [0] aucune retenue
    [one] { $count } retenue
   *[other] { $count } retenues
}
fates-count-not_retained = { $count ->
    [0] aucune non retenue
    [one] { $count } non retenue
   *[other] { $count } non retenues
}
fates-count-pending = { $count ->
    [0] aucune en attente
    [one] { $count } en attente de décision
   *[other] { $count } en attente de décision
}
fates-show-pending = N’afficher que celles en attente
fates-show-all = Tout afficher
fates-decided = { $count ->
    [0] Aucune contribution cochée : rien n’a changé.
    [one] Décision enregistrée pour { $count } contribution.
   *[other] Décision enregistrée pour { $count } contributions.
}
fates-merged-badge = fusionnée
fates-merged-into = fusionnée dans « { $text } »
fates-became-action = devenue l’action « { $title } »
fates-retained = retenue
fates-not-retained-because = non retenue : { $reason }
fates-pending = pas encore de décision
fates-none = Aucune contribution dans cet atelier pour l’instant.
fates-none-pending = Toutes les contributions ont un sort : plus rien n’attend de décision.
fates-decision-legend = Pour les contributions cochées
fates-decision-retained = Retenue
fates-decision-not-retained = Non retenue, parce que…
fates-decision-undecided = Sans décision (annule une décision prise)
fates-reason-label = La raison
fates-reason-hint = Obligatoire pour « non retenue ». Les auteurs la liront dans « Mes contributions ».
fates-apply-button = Appliquer aux contributions cochées

## Clore l’atelier

close-link = Clore l’atelier
close-title = Clore l’atelier
close-question = Clore l’atelier « { $title } » ?
close-consequence-activities = { $count ->
    [0] Aucune activité n’est ouverte ; l’ordre du jour est figé.
    [one] L’activité encore ouverte se ferme, et aucune ne pourra plus être ouverte.
   *[other] Les { $count } activités encore ouvertes se ferment, et aucune ne pourra plus être ouverte.
}
close-consequence-record = Tout ce qui a été dit reste consigné et lisible : les tableaux, les votes, le plan d’action.
close-consequence-follow-up = Le suivi commence : vous mettrez à jour l’état de chaque action et pourrez publier une page de suivi.
close-pending-fates = { $count ->
    [one] { $count } contribution attend encore une décision sur son sort. Vous pourrez la prendre après la clôture.
   *[other] { $count } contributions attendent encore une décision sur leur sort. Vous pourrez la prendre après la clôture.
}
close-confirm-button = Oui, clore l’atelier
close-cancel = Annuler
close-already = Cet atelier est déjà clos.
close-closed-notice = Atelier clôturé le { $date }. Le suivi de ses actions continue.
close-go-to-follow-up = Aller au suivi des actions

## Mes contributions (participant)

mine-link = Mes contributions et ce qu’elles sont devenues
mine-title = Mes contributions
mine-private-hint = Vous seul voyez cette page. Vos contributions anonymes y figurent aussi : personne d’autre ne sait qu’elles sont de vous.
mine-anonymous-hint = Activité anonyme : les autres ne savent pas que ces contributions sont de vous.
mine-none = Vous n’avez encore rien proposé dans cet atelier.
mine-fate-label = Ce qu’elle est devenue :
mine-path-label = Le chemin de votre contribution jusqu’à l’action
mine-path-yours = votre contribution « { $text } »
mine-path-built-on = a nourri « { $text } »
mine-path-merged-into = fusionnée dans « { $text } »
mine-path-action = qui a donné l’action « { $title } »

## Le suivi des actions (commanditaire)

followup-link = Suivi des actions
followup-title = Suivi des actions
followup-not-closed = L’atelier n’est pas encore clos. Vous pouvez déjà suivre ses actions.
followup-imported = { $count ->
    [one] { $count } mise à jour importée.
   *[other] { $count } mises à jour importées.
}
followup-public-heading = Page publique de suivi
followup-published-at = Publiée à l’adresse :
followup-published-hint = Toute personne qui a ce lien voit l’état de chaque action, son historique et les contributions dont elle vient, jamais leurs auteurs. Les moteurs de recherche ne l’indexent pas.
followup-not-published = La page de suivi n’est pas publiée.
followup-publish-hint = La publier crée une adresse impossible à deviner, à partager avec qui vous voulez. Vous pourrez la retirer à tout moment.
followup-publish-button = Publier la page de suivi
followup-unpublish-button = Retirer la page publique
followup-plan-heading = { $count ->
    [0] Le plan d’action
    [one] Le plan d’action : { $count } action
   *[other] Le plan d’action : { $count } actions
}
followup-no-actions = Le plan ne compte encore aucune action.
followup-overdue-count = { $count ->
    [one] { $count } action attend une mise à jour promise.
   *[other] { $count } actions attendent une mise à jour promise.
}
followup-status-planned = prévue
followup-status-in_progress = en cours
followup-status-done = réalisée
followup-status-dropped = abandonnée
followup-overdue = EN RETARD
followup-overdue-since = La mise à jour était attendue le { $date }.
followup-no-answerable = Personne ne répond encore de cette action
followup-answerable-is = Qui en répond : { $name }
followup-next-update-due = prochaine mise à jour attendue le { $date }
followup-no-due-date = pas de date de mise à jour fixée
followup-no-update-expected = plus de mise à jour attendue
followup-history-empty = Aucune mise à jour pour l’instant.
followup-action-id = Identifiant pour l’import :
followup-update-summary = Mettre à jour ou fixer l’engagement
followup-status-label = Nouvel état
followup-note-label = Ce qui s’est passé
followup-note-hint = Obligatoire pour une action abandonnée : dites pourquoi.
followup-next-due-label = Prochaine mise à jour attendue le
followup-next-due-hint = Aujourd’hui ou plus tard : une mise à jour ne laisse pas l’action en retard. Inutile pour une action réalisée ou abandonnée.
followup-effective-label = Date de l’avancée
followup-effective-hint = Le jour où c’est arrivé, s’il est passé ; par défaut aujourd’hui.
followup-recorded-on = (enregistrée le { $date })
followup-effective-on = avancée du { $date }
followup-update-button = Publier la mise à jour
followup-answerable-label = Qui répond de cette action (service ou personne)
followup-commitment-button = Enregistrer l’engagement
followup-invalid-date = Une date s’écrit AAAA-MM-JJ, par exemple 2027-03-31.
error-effective_date_in_future = Une avancée se date du jour où elle est arrivée : aujourd’hui au plus tard.
error-effective_date_before_workshop = Cette date précède l’atelier lui-même : vérifiez l’année.
error-next_update_in_past = La prochaine mise à jour ne peut pas être attendue avant aujourd’hui : choisissez aujourd’hui ou une date à venir.
error-next_update_required = La date de mise à jour promise est passée : indiquez quand la prochaine est attendue, sinon l’action resterait en retard.
error-follow_up_page_published = Cet atelier a une page de suivi publique : archivez-le d’abord ; il se supprime pour de bon depuis les ateliers archivés.

## Import CSV

followup-import-heading = Importer des mises à jour (CSV)
followup-import-hint = Un fichier CSV en UTF-8, une ligne par mise à jour, avec cette première ligne :
followup-import-statuses = États possibles :
followup-import-template = Télécharger le plan au format de l’import
followup-import-file-label = Fichier CSV
followup-import-text-label = Ou collez le CSV ici
followup-import-check-button = Vérifier (rien n’est encore appliqué)
followup-import-title = Vérification de l’import
followup-import-nothing-applied = Vérification à blanc : rien n’a encore été appliqué.
followup-import-changes = { $count ->
    [0] Aucun changement
    [one] { $count } changement
   *[other] { $count } changements
}
followup-import-rejections = { $count ->
    [0] Aucune ligne refusée
    [one] { $count } ligne refusée
   *[other] { $count } lignes refusées
}
followup-import-line = Ligne
followup-import-action = Action
followup-import-change = Changement
followup-import-at-line = Ligne { $line } :
followup-import-apply-hint = { $count ->
    [one] Appliquer ce changement, tel qu’il est listé ci-dessus.
   *[other] Appliquer les { $count } changements ensemble, tels qu’ils sont listés ci-dessus.
}
followup-import-apply-button = Appliquer
followup-import-cannot-apply = Rien ne sera appliqué tant qu’une ligne est refusée : l’import se fait en entier ou pas du tout. Corrigez le fichier et vérifiez-le à nouveau.
followup-import-again = Vérifier un autre fichier
followup-import-not-utf8 = Ce fichier n’est pas en UTF-8 (sans doute en Latin-1 ou Windows-1252). Enregistrez-le en UTF-8 — dans un tableur : « CSV UTF-8 » — puis réessayez.
followup-import-empty = Le fichier ne contient aucune mise à jour.
followup-import-bad-header = La première ligne doit nommer les colonnes ({ $expected }) ; elle dit : « { $found } ».
followup-import-too-many = Un import compte au plus { $max } lignes.
followup-import-malformed = Ligne mal formée : { $fields } champ(s) au lieu de { $expected }.
followup-import-unknown-action = Aucune action de cet atelier n’a l’identifiant « { $id } ».
followup-import-invalid-status = État inconnu « { $status } » ; les états possibles sont : { $known }.
followup-import-invalid-date = Date invalide « { $date } » : écrivez-la AAAA-MM-JJ, par exemple 2027-03-31.

## La page publique

public-followup-title = Suivi : { $title }
public-followup-lead = Ce que sont devenues les actions décidées lors de cet atelier, mises à jour par ceux qui en répondent.
public-followup-closed-on = Atelier clôturé le { $date }.
public-followup-feed = S’abonner aux mises à jour (flux Atom)
public-followup-no-actions = Le plan ne compte encore aucune action.
public-followup-owner = Porteur : { $owner }
public-followup-horizon = Échéance : { $horizon }
public-followup-entry-title = { $action } : { $status }
public-followup-history = Historique
public-followup-provenance = { $count ->
    [one] D’où elle vient : { $count } contribution de l’atelier
   *[other] D’où elle vient : { $count } contributions de l’atelier
}
public-followup-risks = Risques qu’elle atténue
public-followup-footer = Page publiée avec Converge. Les contributions sont citées sans le nom de leurs auteurs.
