"""`score`: one unit read and scored; and the scoring of every unit that `rank` and the other
commands share."""

from __future__ import annotations

from parindex.app.common import follow, reading, warning_lines
from parindex.app.files import main_output
from parindex.app.outcome import Outcome, Watch, said_first
from parindex.app.requests import ScoreRequest
from parindex.app.views import ScoreView
from parindex.core.results import UnitResult
from parindex.core.scoring import not_submitted, score_claims
from parindex.inputs.discovery import Request
from parindex.inputs.found import Progress
from parindex.inputs.gather import Inputs, gather

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
    """The one unit of the request, scored."""
    inputs = gather(request, progress)
    return inputs, score_inputs(inputs)[0]


def score(request: ScoreRequest, watch: Watch | None) -> Outcome:
    """`score`: the unit's result as a view, or as a CSV, JSON or XLSX document."""
    req = reading(request.sources, single_unit=True)
    inputs, result = score_run(req, follow(req, watch))
    outcome = Outcome(warnings=warning_lines(inputs), guard=inputs.files)
    written = request.written
    fmt = written.fmt
    if fmt == "table":
        outcome.views.append(ScoreView(result, request.lang))
        return outcome
    # The file formats (CSV, JSON, the workbook's streaming writer) would add 2% to the
    # instructions of every `score` that prints its table: loaded for a file only.
    from parindex.outputs.formats import score_output

    with said_first(outcome.warnings):
        made = score_output(fmt, result, lang=request.lang, dialect=written.dialect)
    return main_output(outcome, made, written)


def check_run(request: Request) -> Inputs:
    """Every input read and cross-checked; InputError carries what is wrong."""
    return gather(request)
