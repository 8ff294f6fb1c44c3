"""From checked inputs to unit results: the one place that wires the core together."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from parindex.inputs.gather import Inputs
from parindex.core.results import UnitResult
from parindex.core.scoring import not_submitted, score_claims


def score_inputs(inputs: Inputs) -> list[UnitResult]:
    """Every assessed unit, with its appraisal and survey values; with a roster, the units
    that did not submit (only present when --allow-absent let them through)."""
    results = []
    for loaded in inputs.assessments:
        unit_id = loaded.unit.id
        results.append(score_claims(inputs.framework_of(loaded), loaded.unit, loaded.claims,
                                    appraisal=inputs.appraisal.get(unit_id),
                                    survey=inputs.survey.get(unit_id), path=loaded.path))
    if inputs.roster:
        submitted = {r.unit_id for r in results}
        by_group = {f.framework.group: f.framework for f in inputs.frameworks.values()}
        results.extend(not_submitted(by_group[entry.group], entry.unit_id, entry.unit_name)
                       for entry in inputs.roster.values()
                       if entry.unit_id not in submitted and entry.group in by_group)
    return results


def hash_files(paths: Sequence[str]) -> list[tuple[str, str]]:
    """(path, SHA-256) of every input, sorted, for the JSON output's record of what was read."""
    return [(Path(p).as_posix(), hashlib.sha256(Path(p).read_bytes()).hexdigest())
            for p in sorted(set(paths))]
