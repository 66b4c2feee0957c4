# Converge — tri en catégories et brainwriting (français).

## Tri en catégories
sort-board-heading = Les catégories
sort-hint = Placez chaque note dans la catégorie qui lui convient. Toute la salle trie le même tableau : le dernier choix l’emporte.
sort-hint-drag = Sur un grand écran, vous pouvez aussi glisser une note vers une colonne.
sort-facilitator-hint = Vous pouvez déplacer les notes vous-même, même une fois l’activité fermée.
sort-readonly-hint = Le tri se fait pendant que l’activité est ouverte.
sort-no-sources = Cette activité ne trie encore aucune note : l’animateur choisit les activités dont elle reprend les notes.
sort-no-sources-facilitator = Cette activité ne trie encore aucune note : cochez dans les réglages ci-dessous les activités dont elle reprend les notes.
sort-no-notes = Pas encore de notes à trier.
sort-unsorted = Non triées
sort-column-empty = Aucune note ici.
sort-count = { $count ->
    [one] { $count } note
   *[other] { $count } notes
}
sort-move-label = Déplacer vers
sort-move-button = Déplacer
sort-merged-count = { $count } notes fusionnées
sort-anonymous = anonyme

## Brainwriting
bw-rules = { $ideas } idées par feuille et par tour, { $minutes } minutes par tour.
bw-start-explain = Chaque table écrit sur ses propres feuilles : chacun commence une feuille, puis à chaque tour les feuilles passent à la personne suivante de la table, qui s’appuie sur les idées déjà écrites.
bw-start-tables = { $tables ->
    [0] Aucune table n’est formée : toute la salle écrira à une seule table.
    [one] Le brainwriting reprend la table formée dans la salle ; les personnes sans table écrivent ensemble à une table de plus.
   *[other] Le brainwriting reprend les { $tables } tables formées dans la salle ; les personnes sans table écrivent ensemble à une table de plus.
}
bw-start-how-tables = Formez les tables dans la console (« Tables ») avant de lancer : elles sont fixées au lancement.
bw-console-link = Ouvrir la console
bw-start-button = Lancer le brainwriting
bw-open-hint = Ouvrez l’activité pour que les participants puissent écrire.
bw-round = Tour { $round }
bw-next-round-button = Passer les feuilles : tour suivant
bw-next-round-hint = Chaque feuille passe à la personne suivante de sa table, et le minuteur repart pour { $minutes } minutes.
bw-table = Table { $table }
bw-members = Autour de la table :
bw-absent = (absent·e)
bw-sheet-of = Feuille de { $name }
bw-sheet-number = Feuille { $number }
bw-held-by = Ce tour-ci : chez { $name }
bw-waiting = Ce tour-ci : attend à une place vide
bw-sheet-empty = Feuille encore vierge.
bw-idea-meta = Tour { $round } · { $author }
bw-idea-round = Tour { $round }
bw-builds-on = s’appuie sur { $numbers }
bw-builds-on-other = s’appuie sur une idée d’une autre feuille
bw-ideas-count = { $count ->
    [one] { $count } idée
   *[other] { $count } idées
}
bw-other-ideas = Idées hors des feuilles
bw-not-started = Le brainwriting va commencer : l’animateur distribue bientôt les feuilles de chaque table.
bw-your-sheet = Tour { $round } — votre feuille (commencée par { $name })
bw-your-own-sheet = Tour { $round } — votre propre feuille
bw-your-sheet-anonymous = Tour { $round } — votre feuille (n° { $number } de la table)
bw-remaining = { $count ->
    [0] Vous avez écrit vos idées pour ce tour : attendez que les feuilles passent.
    [one] Il vous reste une idée à écrire sur cette feuille pendant ce tour.
   *[other] Il vous reste { $count } idées à écrire sur cette feuille pendant ce tour.
}
bw-sheet-ideas-heading = Déjà sur cette feuille
bw-builds-on-legend = Déjà sur cette feuille : cochez les idées sur lesquelles la vôtre s’appuie (facultatif)
bw-blank-sheet = Cette feuille est encore vierge : écrivez les premières idées.
bw-round-moved = Les feuilles ont tourné : votre texte ira sur votre nouvelle feuille. Rechargez la page pour la voir.
bw-away = Vous êtes indiqué·e comme absent·e : votre feuille vous attend à votre place, personne d’autre n’y écrit.
bw-back-button = Je suis de retour à ma table
bw-no-table = Vous n’êtes à aucune table de ce brainwriting : il a commencé avant votre arrivée, ou vous ne faites que l’observer. Les idées de la salle s’affichent à l’écran.

bw-last-round = Dernier tour : chaque feuille a fait le tour de sa table.
error-brainwriting_complete = Chaque feuille a fait le tour de sa table : le brainwriting est terminé.
bw-sheet-category = Question de la feuille : { $category }
