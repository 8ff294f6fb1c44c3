"""A unit's self-assessment as a workbook: told apart from the other workbooks of a folder,
read as people see it, checked against its framework with every problem at its row and key;
and what a new form takes from an earlier one (`template --from`, `init --from`)."""
