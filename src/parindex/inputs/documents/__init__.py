"""The YAML side of reading: frameworks, assessments and questionnaires as documents that
keep where every node stood, checked into models with every problem located."""
