"""Files → checked models: frameworks, assessments and tables, every problem located."""
