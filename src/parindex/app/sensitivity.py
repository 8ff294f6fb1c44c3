"""`sensitivity`: rank as `rank` does, then re-rank every group under randomly moved field
weights (numpy, loaded by this command only)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from parindex.app.common import check_absent, follow, reading, warning_lines
from parindex.app.files import main_output
from parindex.app.outcome import Outcome, Watch, said_first
from parindex.app.requests import SensitivityRequest
from parindex.app.unit import score_inputs
from parindex.app.views import SensitivityView
from parindex.core.ranking import rank_units
from parindex.core.sensitivity import HOLD, GroupSensitivity, analyse
from parindex.errors import UsageError
from parindex.i18n import Lang, _
from parindex.inputs.discovery import Request, hash_files
from parindex.inputs.found import Progress
from parindex.inputs.gather import Inputs, gather
from parindex.outputs.sensitivity_records import sensitivity_csv, sensitivity_json


@dataclass(slots=True)
class SensitivityRun:
    """What `sensitivity` computed: each group's rank spreads and field effects."""

    inputs: Inputs
    groups: list[GroupSensitivity]
    runs: int
    seed: int
    spread: float
    hold: float = HOLD

    @property
    def files(self) -> list[str]:
        return self.inputs.files


def sensitivity_run(
    request: Request,
    *,
    runs: int,
    seed: int,
    spread: float,
    hold: float = HOLD,
    progress: Progress | None = None,
) -> SensitivityRun:
    """Read and score everything, rank each group, then draw `runs` weightings (each field's
    weight moved uniformly within ±`spread` %, from `seed`) and re-rank each group under
    every one; a rank held in fewer than `hold` % of them is uncertain."""
    inputs = gather(request, progress)
    rankings = rank_units(score_inputs(inputs))
    groups = analyse(rankings, runs=runs, seed=seed, spread=spread, hold=hold)
    return SensitivityRun(inputs, groups, runs, seed, spread, hold)


def sensitivity_file(run: SensitivityRun, fmt: Literal["csv", "json"], lang: Lang) -> str:
    """`sensitivity` as CSV or JSON (JSON records the SHA-256 of every input, and each
    group's summary in `lang`)."""
    if fmt == "csv":
        return sensitivity_csv(run.groups)
    return sensitivity_json(
        run.groups,
        hash_files(run.files),
        runs=run.runs,
        seed=run.seed,
        spread=run.spread,
        lang=lang,
    )


def sensitivity(request: SensitivityRequest, watch: Watch | None) -> Outcome:
    """`sensitivity`: the groups' spreads as a view, or as a CSV or JSON document."""
    check_absent(request.sources)
    req = reading(request.sources)
    run = sensitivity_run(
        req,
        runs=request.runs,
        seed=request.seed,
        spread=request.spread,
        hold=request.hold,
        progress=follow(req, watch),
    )
    outcome = Outcome(warnings=warning_lines(run.inputs), guard=run.files)
    fmt = request.written.fmt
    if fmt == "table":
        view = SensitivityView(
            run.groups,
            request.lang,
            runs=run.runs,
            seed=run.seed,
            spread=run.spread,
            hold=run.hold,
        )
        outcome.views.append(view)
        return outcome
    if fmt == "xlsx":  # pragma: no cover - the cli refuses it with its options
        raise UsageError(
            _("-o {output}: sensitivity writes .csv or .json").format(output=request.written.output)
        )
    with said_first(outcome.warnings):
        made = sensitivity_file(run, fmt, request.lang)
    return main_output(outcome, made, request.written)
