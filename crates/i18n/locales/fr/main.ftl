# Converge — catalogue français (langue de référence).

language-name = Français

## Navigation et cadre
nav-sign-in = Se connecter
nav-sign-out = Se déconnecter
live-reconnecting = Connexion perdue, reconnexion en cours… Rien de ce qui a été envoyé n’est perdu.

## Accueil
landing-title = Intelligence collective, de la première idée à l’action suivie
landing-lead = Rejoignez un atelier avec le code affiché dans la salle : pas de compte, pas d’application.
landing-join-heading = Rejoindre un atelier
landing-join-button = Continuer
join-workshop-closed = Cet atelier est clôturé : on ne peut plus le rejoindre. Si vous y avez participé, reprenez votre place avec votre code personnel pour retrouver vos contributions et ce qu’elles sont devenues.
join-same-name = Quelqu’un a déjà rejoint cet atelier sous le nom « { $name } ». Si c’est vous, sur un autre téléphone ou un autre navigateur, reprenez votre place avec votre code personnel : vous retrouverez vos contributions et vos votes. Sinon, rejoignez l’atelier comme une autre personne.
join-as-another-heading = Je suis une autre personne
join-as-another-hint = Ajoutez une initiale ou votre service pour que l’animateur vous distingue.
join-as-another-button = Rejoindre comme une autre personne
resume-heading = Reprendre ma place
resume-summary = Déjà inscrit·e ? Reprendre ma place avec mon code personnel
resume-hint = Votre code personnel est affiché sur le téléphone avec lequel vous avez rejoint l’atelier. Il vous rend vos contributions et vos votes sur cet appareil.
resume-link-hint = Ce lien personnel vous rend votre place dans l’atelier sur cet appareil : vos contributions, vos votes et ce qu’elles sont devenues.
resume-code-label = Code personnel
resume-button = Reprendre ma place
your-code-heading = Votre code personnel
your-code-hint = Notez-le ou photographiez-le : avec le code de l’atelier, il vous rend votre place (vos contributions et vos votes) sur un autre téléphone, et vous permet de suivre ce qu’elles deviennent pendant des années. Ne le partagez pas.
your-code-link = Votre lien personnel
landing-facilitator-heading = Vous animez un atelier ?
landing-facilitator-text = Connectez-vous pour préparer l’ordre du jour, ouvrir les activités et projeter les contributions.

## Rejoindre
join-title = Rejoindre l’atelier
join-code-label = Code de l’atelier
join-name-label = Votre prénom ou nom
join-service-label = Votre service ou département (facultatif)
join-service-hint = Il aide l’animation à composer des tables qui mélangent les services.
join-button = Rejoindre

## Connexion et premier démarrage
signin-title = Connexion animateur
signin-email-label = Adresse e-mail
signin-password-label = Mot de passe
setup-title = Créer le premier compte animateur
setup-lead = Ce lien ne sert qu’une fois. Le compte créé pourra ensuite se connecter normalement.
setup-name-label = Votre nom, tel que les participants le verront
setup-password-hint = Au moins 8 caractères. Une phrase de passe longue vaut mieux qu’un mot compliqué.
setup-button = Créer le compte

## Tableau de bord
dashboard-title = Mes ateliers
dashboard-signed-in-as = Connecté en tant que { $name }
dashboard-create-heading = Nouvel atelier
dashboard-workshop-title-label = Titre de l’atelier
dashboard-workshop-language-label = Langue de l’atelier
dashboard-template-label = Modèle
template-default-name = Ordre du jour simple (défis, diagnostic SWOT)
dashboard-create-button = Créer l’atelier
dashboard-list-heading = Ateliers
dashboard-empty = Aucun atelier pour l’instant. Créez-en un ci-dessus.
dashboard-delete-button = Supprimer
dashboard-archived-heading = Ateliers archivés
dashboard-archived-hint = Ils ne figurent plus dans votre liste ; leur page de suivi publique reste en ligne. Vous pouvez les restaurer, ou les supprimer pour de bon.
dashboard-restore-button = Restaurer
dashboard-delete-for-good-button = Supprimer pour de bon

## Console d’animation
console-join-code = Code pour rejoindre
console-open-screen = Ouvrir l’écran de projection
console-export = Exporter le journal (JSON)
console-loopback-notice = Cette adresse n’est accessible que depuis cet ordinateur. Pour les téléphones de la salle, démarrez Converge avec --bind 0.0.0.0:8080 --public-url http://<adresse-de-cet-ordinateur>:8080.
console-agenda-heading = Ordre du jour
console-participants-count = { $count ->
    [0] Aucun participant
    [one] { $count } participant
   *[other] { $count } participants
}
console-open-button = Ouvrir
console-close-button = Clôturer
console-reopen-button = Rouvrir
role-facilitator = animation
role-expert = expert·e
role-participant = participant·e
role-observer = observateur·rice

## Écran de projection
screen-join-prompt = Rejoignez l’atelier avec votre téléphone
screen-joining-locked = Les entrées sont fermées pour le moment.
screen-waiting = L’activité va bientôt commencer.
screen-closed-thanks = Merci à toutes et à tous !
screen-closed-on = Atelier clôturé le { $date }.
screen-closed-lead = L’atelier est clôturé. Son registre est scellé ; le suivi des actions commence.
screen-closed-people = { $count ->
    [one] participant
   *[other] participants
}
screen-closed-contributions = { $count ->
    [one] contribution
   *[other] contributions
}
screen-closed-actions = { $count ->
    [one] action
   *[other] actions
}
participant-closed-thanks = L’atelier est clôturé : merci pour votre participation ! Vos contributions restent consultables, et ce que deviennent les actions se suit dans la durée.
participant-closed-mine = Voir mes contributions

## Participant
participant-welcome = Bienvenue, { $name } !
participant-waiting = Aucune activité n’est ouverte pour l’instant. Cette page se met à jour d’elle-même.
participant-activity-not-open = Cette activité n’est pas ouverte : vous pouvez lire les contributions, pas en ajouter.
note-kind-label = Type
note-text-label = Votre contribution
note-sent = Note envoyée.
note-post-button = Envoyer
notes-heading = Contributions
notes-empty = Aucune contribution pour l’instant.

## États des activités
status-draft = à venir
status-not-held = non tenue
status-open = ouverte
status-reopened = rouverte
status-closed = clôturée

## Types de contributions
kind-vision = vision
kind-strength = force
kind-weakness = faiblesse
kind-opportunity = opportunité
kind-threat = menace
kind-challenge = défi
kind-question = question reformulée
kind-idea = idée
kind-risk = risque
kind-statement = affirmation

## Ordre du jour par défaut

## Noms de champs (dans les messages d’erreur)
field-text = texte
field-title = titre
field-prompt = consigne
field-name = nom
field-service = service

## Erreurs
error-title = Quelque chose n’a pas fonctionné
error-back-home = Retour à l’accueil
error-text_empty = Le champ « { $field } » est vide.
error-text_too_long = Le champ « { $field } » compte { $actual } caractères ; la limite est de { $max }.
error-control_characters = Le champ « { $field } » contient des caractères invisibles non autorisés.
error-facilitator_only = Seule l’animation de l’atelier peut faire cela.
error-observer_cannot_contribute = Les observateurs suivent l’atelier sans y contribuer.
error-merge_would_reveal = Ce doublon a déjà voté, noté, évalué, pris position ou écrit anonymement : le fusionner révélerait ses choix. Il reste dans la salle ; retirez-le s’il ne doit plus agir.
error-merge_into_itself = Une personne ne peut pas être fusionnée avec elle-même.
error-not_a_voter = L’animateur et les observateurs mènent ou suivent le vote ; seuls les participants votent.
error-unknown_participant = Vous ne faites pas partie de cet atelier.
error-joining_locked = L’animateur a fermé cet atelier aux nouveaux participants. Demandez-lui de vous laisser entrer.
error-participant_removed = L’animateur vous a retiré·e de cet atelier.
error-already_joined = Vous avez déjà rejoint cet atelier.
error-unknown_activity = Cette activité n’existe pas dans cet atelier.
error-duplicate_activity = Cette activité figure déjà à l’ordre du jour.
error-activity_not_open = Cette activité n’est pas ouverte : votre contribution n’a pas été enregistrée.
error-activity_already_open = Cette activité est déjà ouverte.
error-activity_not_open_to_close = Cette activité n’est pas ouverte, elle ne peut donc pas être clôturée.
error-contributions_not_accepted = Cette activité ne reçoit pas de nouvelles contributions.
error-contribution_kind_not_accepted = Ce type de contribution ne correspond pas à cette activité.
error-contribution_kind_required = Choisissez le type de votre contribution.
error-unknown_contribution = Une contribution liée n’existe pas dans cet atelier.
error-duplicate_contribution = Cette contribution a déjà été enregistrée.
error-too_many_links = Une contribution peut être liée à { $max } autres au plus.
error-workshop_deleted = Cet atelier a été supprimé.
error-creator_must_be_an_account = Un atelier doit être créé par un compte animateur.
error-conflict = L’atelier vient de changer ; réessayez.
error-duplicate = Cette valeur est déjà utilisée.
error-disk_full = Le disque du serveur est plein : ce que vous avez envoyé n’a pas été enregistré. Réessayez dans un moment ; si cela dure, prévenez l’animation.
error-store_unavailable = Le stockage est momentanément indisponible : rien n’a été enregistré. Réessayez dans un instant.
error-workshop_not_found = Cet atelier n’existe pas.
error-unknown_join_code = Aucun atelier ne correspond à ce code. Vérifiez-le sur l’écran de la salle.
error-unknown_resume_code = Aucun participant de cet atelier n’a ce code personnel. Vérifiez-le sur le téléphone avec lequel vous avez rejoint l’atelier ; sans lui, rejoignez l’atelier comme une autre personne.
error-invalid_credentials = L’adresse e-mail ou le mot de passe est incorrect.
error-email_taken = Un compte existe déjà avec cette adresse e-mail.
error-password_length = Le mot de passe doit compter entre { $min } et { $max } caractères.
error-invalid_email = Cette adresse e-mail n’est pas valide.
error-setup_token_invalid = Ce lien de création de compte n’est plus valable (déjà utilisé ou expiré).
error-busy = L’atelier est très sollicité ; réessayez dans un instant.
error-shutting_down = Le serveur est en cours d’arrêt ; réessayez dans un instant.
error-not_found = Cette page n’existe pas, ou vous n’y avez pas accès.
error-unauthenticated = Connectez-vous ou rejoignez l’atelier pour continuer.
error-forbidden = Vous n’avez pas accès à cette page.
error-cross_site_request = Ce formulaire a expiré ou ne vient pas de Converge. Rechargez la page et réessayez.
error-bad_request = La requête n’a pas pu être lue.
error-payload_too_large = Ce contenu est trop volumineux.
error-unsupported_media_type = Ce type de contenu n’est pas accepté.
error-too_many_requests = Trop de tentatives. Patientez { $seconds } s avant de réessayer.
error-unknown_template = Ce modèle d’atelier n’existe pas.

## Rôles et suppression
console-role-label = Rôle
console-role-button = Changer
delete-title = Supprimer l’atelier ?
delete-question = Supprimer « { $title } » ?
delete-consequence = L’atelier disparaîtra de votre liste et ne pourra plus être rejoint. Son journal ({ $count } contributions) est conservé et reste vérifiable.
delete-confirm-button = Oui, supprimer
delete-cancel = Annuler
archive-title = Archiver l’atelier ?
archive-question = « { $title } » a une page de suivi publique : il sera archivé, pas supprimé.
archive-consequence = Il quittera votre liste pour les ateliers archivés et ne pourra plus être rejoint. Sa page de suivi reste en ligne à la même adresse ; vous pourrez le restaurer, ou le supprimer pour de bon depuis les ateliers archivés.
archive-confirm-button = Oui, archiver
delete-for-good-title = Supprimer l’atelier pour de bon ?
delete-for-good-question = Supprimer « { $title } » pour de bon ?
delete-for-good-page = Sa page de suivi publique disparaîtra : l’adresse { $url } ne mènera plus nulle part.
delete-for-good-actions = { $count ->
    [0] Cette page ne suit encore aucune action.
    [one] Le suivi de { $count } action ne sera plus public.
   *[other] Le suivi de { $count } actions ne sera plus public.
}
delete-for-good-confirm-button = Oui, supprimer pour de bon
error-method_not_allowed = Cette action n’existe pas à cette adresse.

## Dates (écrites en toutes lettres dans les pages ; AAAA-MM-JJ dans les formulaires et les fichiers)
date-long = { $day ->
    [1] 1er
   *[other] { $day }
} { $month } { $year }
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
screen-tables-heading = Les tables
screen-table-count = { $count ->
    [one] { $count } personne
   *[other] { $count } personnes
}
