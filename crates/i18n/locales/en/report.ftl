# The workshop report: the console's links to each format.

report-heading = Report
report-hint = The report is made from the workshop's record, in its language. No name appears in it: only counts by service and role.
report-html = Report (web page, to print or save)
report-pdf = Report (PDF)
report-csv-contributions = Contributions table (CSV)
report-csv-assessments = Assessments table (CSV)
report-csv-votes = Vote results table (CSV)
report-csv-actions = Actions table (CSV)
report-csv-risks = Risks table (CSV)
report-json = Full verifiable record (JSON)
report-closure-hint = The workshop is closed: the report is its record at the closing, sealed by its hash; made again later, it is the same. The follow-up of the actions since the closing comes apart, dated today.
report-html-follow-up = Report with the follow-up of the actions to date (web page)
report-pdf-follow-up = Report with the follow-up of the actions to date (PDF)
report-json-closure = Record at the closing, verifiable (JSON) — the one the report seals
