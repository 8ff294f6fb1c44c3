"""The pure core: models, rules, scoring, ranking; no files, no screens."""
