"""`gaps`: where one unit loses points, and with a published ranking the rivals above it."""

from __future__ import annotations

from parindex.app.common import follow, reading, warning_lines
from parindex.app.outcome import Outcome, Watch
from parindex.app.requests import GapsRequest
from parindex.app.unit import score_run
from parindex.app.views import GapsView
from parindex.core.gaps import GapReport, find_gaps, rivals_in
from parindex.errors import ProblemLog
from parindex.inputs.discovery import Request
from parindex.inputs.found import Progress
from parindex.inputs.gather import Inputs
from parindex.inputs.tables.history import load_previous


def gaps_run(
    request: Request, ranking: str | None = None, progress: Progress | None = None
) -> tuple[Inputs, GapReport]:
    """The unit's lost points, and with a published ranking the rivals above it."""
    inputs, result = score_run(request, progress)
    others = None
    if ranking is not None:
        log = ProblemLog()
        entries = load_previous(ranking, log)
        log.raise_if_errors()
        others = rivals_in(entries.values(), result.framework.group)
    return inputs, find_gaps(result, others)


def gaps(request: GapsRequest, watch: Watch | None) -> Outcome:
    """`gaps`: the report as a view."""
    req = reading(request.sources, single_unit=True)
    inputs, report = gaps_run(req, request.ranking, follow(req, watch))
    return Outcome(warnings=warning_lines(inputs), views=[GapsView(report, request.lang)])
