# The action plan and the risk map: cards, consensus, ratings, mitigations.

actions-new-button = Rédiger une fiche action
actions-new-heading = Nouvelle fiche action
actions-facilitator-sources-optional = En tant qu’animateur, vous pouvez rédiger une fiche sans citer de contribution.
actions-plan-heading = { $count ->
    [0] Le plan d’action
    [one] Le plan d’action (1 fiche)
   *[other] Le plan d’action ({ $count } fiches)
}
actions-empty = Aucune fiche pour l’instant. Partez d’une idée retenue ci-dessous, ou rédigez une fiche.
actions-withdrawn-count = { $count ->
    [one] 1 fiche retirée du plan
   *[other] { $count } fiches retirées du plan
}
actions-withdrawn = Retirée
actions-withdrawn-notice = Cette fiche a été retirée du plan par l’animateur. Elle reste consignée, mais ne se modifie plus.
actions-withdraw-button = Retirer du plan
actions-withdraw-summary = Retirer du plan…
actions-withdraw-hint = La fiche sort du plan mais reste dans le compte rendu de l’atelier.
actions-closed-facilitator-notice = L’activité est fermée : les participants ne modifient plus le plan, mais vous le pouvez encore.
actions-open-card = Voir la fiche
actions-open-card-edit = Voir, modifier ou objecter
actions-open-card-facilitator = Voir ou modifier la fiche
actions-owner-is = Porteur : { $owner }
actions-horizon-is = Échéance : { $horizon }
actions-revision = version { $revision }

actions-jurisdiction-administration = L’administration elle-même
actions-jurisdiction-government = Le prochain gouvernement
actions-jurisdiction-shared = Partagée

actions-field-title = Titre
actions-field-description = Description
actions-field-rationale = Pourquoi cette action
actions-field-owner = Porteur (service ou personne)
actions-field-jurisdiction = À qui revient-elle ?
actions-field-horizon = Échéance
actions-field-first_steps = Premières étapes
actions-field-resources = Ressources nécessaires
actions-field-indicators = Indicateurs de réussite
actions-draft-button = Enregistrer la fiche
actions-save-button = Enregistrer les modifications
actions-edit-summary = Modifier la fiche

actions-sources-legend = D’où vient cette action ?
actions-sources-hint = Cochez au moins une contribution de l’atelier dont la fiche est issue.
actions-sources-hint-facilitator = Cochez les contributions dont la fiche est issue (facultatif pour l’animateur).
actions-sources-heading = { $count ->
    [0] Issue de
    [one] Issue d’une contribution
   *[other] Issue de { $count } contributions
}
actions-sources-none = Rédigée par l’animateur, sans contribution citée.
actions-mitigates-heading = Risques qu’elle atténue
actions-material-heading = Ce que l’atelier a retenu
actions-ideas-heading = Les idées retenues
actions-more-material = Rédiger une fiche à partir d’une autre contribution (défi, question, SWOT, vision)
actions-material-empty = Aucune contribution retenue pour l’instant.
actions-draft-from = Rédiger une fiche à partir de cette idée
actions-draft-from-note = Rédiger une fiche à partir de cette contribution
actions-already-in = { $count ->
    [one] déjà dans 1 fiche
   *[other] déjà dans { $count } fiches
}
actions-rank = n° { $rank }

actions-stance-agree = D’accord
actions-stance-can_live_with = Je peux vivre avec
actions-stance-object = J’objecte
actions-stance-object-link = J’objecte…
actions-your-stance = Votre avis : { $stance }
actions-stance-stale = Vous aviez répondu « { $stance } » sur une version antérieure de cette fiche. Elle a changé depuis : relisez-la et donnez votre avis sur la version actuelle.
actions-consensus-stale = { $count ->
    [one] 1 avis a été donné sur une version antérieure et ne compte plus tant qu’il n’est pas redonné.
   *[other] { $count } avis ont été donnés sur une version antérieure et ne comptent plus tant qu’ils ne sont pas redonnés.
}
actions-consensus-legend = Votre avis sur cette fiche
actions-reason-label = Pourquoi ?
actions-reason-hint = Obligatoire pour une objection : dites ce qui vous en empêche, l’équipe pourra amender la fiche.
actions-consensus-button = Donner mon avis
actions-consensus-counts = { $agree } d’accord · { $live } { $live ->
    [one] peut
   *[other] peuvent
} vivre avec · { $object } { $object ->
    [one] objection
   *[other] objections
}
actions-consensus-none = Personne n’a encore donné son avis.
actions-objections-earlier = Objections à une version antérieure, pas redonnées depuis :
actions-objections-heading = { $count ->
    [one] 1 objection
   *[other] { $count } objections
}

actions-conflict-yours-heading = Ce que vous aviez saisi
actions-conflict-nothing-lost = La fiche contient déjà tout ce que vous aviez saisi.
actions-conflict-emptied = (vous aviez vidé ce champ)
actions-conflict-clashing = Modifié aussi par quelqu’un d’autre, autrement que vous — comparez avec la fiche ci-dessus avant d’enregistrer :
actions-conflict-merged-hint = Le formulaire ci-dessous reprend la fiche actuelle avec vos modifications. Relisez-le, puis enregistrez.

actions-settings-jurisdictions-label = À qui les actions peuvent revenir (une ligne chacun)
actions-settings-jurisdictions-hint = Renommer une ligne garde les fiches qui y sont rattachées.

risks-heading = { $count ->
    [0] Les risques
    [one] Les risques (1)
   *[other] Les risques ({ $count })
}
risks-empty = Aucun risque pour l’instant.
risks-likelihood = Probabilité
risks-impact = Impact
risks-likelihood-scale = (1 : rare, 5 : presque certain)
risks-impact-scale = (1 : mineur, 5 : grave)
risks-rate-button = Noter ce risque
risks-rate-again-button = Changer ma note
risks-not-rated = Pas encore noté.
risks-figures = Probabilité { $likelihood } (± { $likelihood_spread }) · impact { $impact } (± { $impact_spread }) · { $raters ->
    [one] 1 avis
   *[other] { $raters } avis
}
risks-heat-map-title = Carte thermique des risques
risks-heat-map-caption = Chaque numéro est un risque, placé selon la moyenne des notes ; plus la case est rouge, plus le risque est sérieux.
risks-heat-map-empty = Les risques apparaîtront sur la carte dès leur première note.
risks-no-mitigation = Aucune action ne l’atténue encore.
risks-mitigated-by = Atténué par :
risks-link-summary = Lier les actions qui l’atténuent
risks-link-button = Enregistrer les actions liées
actions-retained-heading = Idées retenues ({ $count })
actions-retained-none = Aucune idée n’a été retenue par l’étape précédente.

# The board's picture for slides: an action card's first steps.
actions-export-first-steps = Premières étapes : { $steps }
