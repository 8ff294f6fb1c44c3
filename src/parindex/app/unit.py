"""`score` and `gaps`: one unit read, scored and explained."""

from __future__ import annotations

from parindex.core.gaps import GapReport, find_gaps, rivals_in
from parindex.core.results import UnitResult
from parindex.core.scoring import not_submitted, score_claims
from parindex.errors import ProblemLog
from parindex.inputs.discovery import Request
from parindex.inputs.gather import Inputs, Progress, gather

PROGRESS_EVERY = 100  # units scored between two reports of progress


def score_inputs(
    inputs: Inputs,
    progress: Progress | None = None,
    *,
    release: bool = False,
    keep_leaves: bool = True,
) -> list[UnitResult]:
    """Every assessed unit, with its appraisal and survey values; with a roster, the units
    that did not submit (only present when --allow-absent let them through).

    With `release`, each unit's claims and table values are let go once it is scored (for
    `rank`, whose outputs read only the results: kept, they would double its memory at its
    peak). Without `keep_leaves`, each result keeps its totals and not its leaves (`leaves`
    is empty): a ranking printed or written without a breakdown or claims needs no more.
    """
    results = []
    count = len(inputs.assessments)
    for done, loaded in enumerate(inputs.assessments):
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress("scoring", done, count)
        unit_id = loaded.unit.id
        result = score_claims(
            inputs.framework_of(loaded),
            loaded.unit,
            loaded.claims,
            appraisal=inputs.appraisal.get(unit_id),
            survey=inputs.survey.get(unit_id),
            path=loaded.path,
        )
        results.append(result if keep_leaves else result.without_leaves())
        if release:
            loaded.claims = {}
            inputs.appraisal.pop(unit_id, None)
            inputs.survey.pop(unit_id, None)
    if inputs.roster:
        submitted = {r.unit_id for r in results}
        by_group = {f.framework.group: f.framework for f in inputs.frameworks.values()}
        results.extend(
            not_submitted(by_group[entry.group], entry.unit_id, entry.unit_name)
            for entry in inputs.roster.values()
            if entry.unit_id not in submitted and entry.group in by_group
        )
    return results


def score_run(request: Request, progress: Progress | None = None) -> tuple[Inputs, UnitResult]:
    """`score`: the one unit of the request, scored."""
    inputs = gather(request, progress)
    return inputs, score_inputs(inputs)[0]


def gaps_run(
    request: Request, ranking: str | None = None, progress: Progress | None = None
) -> tuple[Inputs, GapReport]:
    """`gaps`: the unit's lost points, and with a published ranking the rivals above it."""
    inputs, result = score_run(request, progress)
    others = None
    if ranking is not None:
        from parindex.inputs.tables.history import (
            load_previous,  # the table readers, for --ranking only
        )

        log = ProblemLog()
        entries = load_previous(ranking, log)
        log.raise_if_errors()
        others = rivals_in(entries.values(), result.framework.group)
    return inputs, find_gaps(result, others)


def check_run(request: Request) -> Inputs:
    """`validate`: every input read and cross-checked; InputError carries what is wrong."""
    return gather(request)


def pending_units(inputs: Inputs) -> list[tuple[str, list[str]]]:
    """(unit id, criteria) of every assessed unit with survey or council leaves that have no
    value yet, in unit order."""
    pending = []
    for loaded in inputs.assessments:
        unit_id = loaded.unit.id
        appraised = inputs.appraisal.get(unit_id, {})
        surveyed = inputs.survey.get(unit_id, {})
        waiting = [
            leaf.id
            for leaf in inputs.framework_of(loaded).leaves
            if leaf.criterion.source != "self"
            and leaf.id not in appraised
            and leaf.id not in surveyed
        ]
        if waiting:
            pending.append((unit_id, waiting))
    return pending
