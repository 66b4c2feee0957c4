# Le rapport d’atelier : les liens de la console vers chaque format.

report-heading = Rapport
report-hint = Le rapport est établi à partir du registre de l’atelier, dans sa langue. Aucun nom n’y figure : seulement des comptes par service et par rôle.
report-html = Rapport (page web, à imprimer ou enregistrer)
report-pdf = Rapport (PDF)
report-csv-contributions = Tableau des contributions (CSV)
report-csv-assessments = Tableau des évaluations (CSV)
report-csv-votes = Tableau des résultats de votes (CSV)
report-csv-actions = Tableau des actions (CSV)
report-csv-risks = Tableau des risques (CSV)
report-json = Registre complet, vérifiable (JSON)
report-closure-hint = L’atelier est clôturé : le rapport est son registre à la clôture, scellé par son empreinte ; refait plus tard, il est identique. Le suivi des actions depuis la clôture vient à part, daté du jour.
report-html-follow-up = Rapport avec le suivi des actions à ce jour (page web)
report-pdf-follow-up = Rapport avec le suivi des actions à ce jour (PDF)
report-json-closure = Registre à la clôture, vérifiable (JSON) — celui que scelle le rapport
