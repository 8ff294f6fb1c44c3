"""Results on a terminal: rich tables and trees, and aligned lines (the only part of
`outputs` that knows rich)."""
