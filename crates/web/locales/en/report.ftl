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
