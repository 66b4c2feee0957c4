# Outcomes: action cards, risks, fates and follow-up — the messages every page shares.

error-unknown_action = Cette action n’existe pas dans cet atelier.
error-duplicate_action = Cette action existe déjà.
error-unknown_jurisdiction = Choisissez à qui revient l’action parmi ceux proposés.
error-sources_required = Une fiche action cite au moins une contribution dont elle est issue.
error-too_many_sources = Une fiche action cite au plus { $max } contributions.
error-edit_conflict = Quelqu’un d’autre a modifié cette fiche entre-temps. Voici la version actuelle ; vos modifications sont conservées ci-dessous pour que vous puissiez les reporter.
error-card_changed = Cette fiche a été modifiée depuis que vous l’avez lue. Relisez-la telle qu’elle est maintenant, puis donnez votre avis.
error-action_withdrawn = Cette action a été retirée du plan.
error-reason_required = Dites pourquoi : une objection ou un abandon s’accompagne d’une raison.
error-invalid_rating = La probabilité et l’impact se notent de 1 à 5.
error-not_a_risk = Ce n’est pas un risque de cette activité.
error-fate_of_merged_note = Une note fusionnée suit le sort de la note dans laquelle elle a été fusionnée.
error-batch_too_large = Trop d’éléments à la fois (au plus { $max }).
error-workshop_closed = L’atelier est clôturé.
error-workshop_still_open = L’atelier n’est pas encore clôturé : son registre n’a pas de clôture.
error-invalid_follow_up_token = Une adresse de suivi compte de 16 à 64 lettres, chiffres, - ou _.

field-description = description
field-rationale = justification
field-owner = porteur
field-horizon = échéance
field-first_steps = premières étapes
field-resources = ressources
field-indicators = indicateurs de réussite
field-reason = raison
field-note = note
field-answerable = responsable
