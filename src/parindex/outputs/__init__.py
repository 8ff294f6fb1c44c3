"""Results → files and screens: the records and their CSV and JSON, the workbooks (`workbooks/`),
the report (`report/`), the terminal views (`terminal/`), the blank form, atomic files."""
