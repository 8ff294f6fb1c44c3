"""The tables side of reading: CSV files and XLSX workbooks as rows of cells as people see
them, and the tables parindex reads from them (appraisal, survey, roster, earlier rankings)."""
