# The PDF report: what the facilitator sees when the layout fails.

report-pdf-timeout = The PDF could not be laid out in time: the server is very busy. Try again in a minute, or open the report as a web page and print it.
report-pdf-failed = The PDF could not be laid out. The report as a web page and the CSV tables are still available from the console.
