"""Results as XLSX workbooks: the ranking workbook for people, the workbooks parindex reads
back (the council's workbook, the survey table), and the streaming writer under them."""
