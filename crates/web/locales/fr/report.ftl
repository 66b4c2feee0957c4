# Le rapport d’atelier : les liens de la console vers chaque format.

report-heading = Rapport
report-hint = Le rapport est établi à partir du registre de l’atelier, dans sa langue. Aucun nom n’y figure : seulement des comptes par service et par rôle.
report-html = Rapport (page web, à imprimer ou enregistrer)
report-pdf = Rapport (PDF)
report-csv-contributions = Tableau des contributions (CSV)
report-csv-assessments = Tableau des évaluations (CSV)
report-csv-votes = Tableau des résultats de votes (CSV)
report-csv-actions = Tableau des actions (CSV)
report-csv-risks = Tableau des risques (CSV)
report-json = Registre complet, vérifiable (JSON)
