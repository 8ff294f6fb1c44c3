"""`sensitivity`: rank as `rank` does, then re-rank every group under moved field weights."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from parindex.app.unit import score_inputs
from parindex.core.ranking import rank_units
from parindex.core.sensitivity import GroupSensitivity, analyse
from parindex.inputs.discovery import Request, hash_files
from parindex.inputs.gather import Inputs, Progress, gather
from parindex.outputs.sensitivity_records import sensitivity_csv, sensitivity_json


@dataclass(slots=True)
class SensitivityRun:
    """What `sensitivity` computed: each group's rank spreads and field effects."""

    inputs: Inputs
    groups: list[GroupSensitivity]
    runs: int
    seed: int
    spread: float

    @property
    def files(self) -> list[str]:
        return self.inputs.files


def sensitivity_run(
    request: Request,
    *,
    runs: int,
    seed: int,
    spread: float,
    progress: Progress | None = None,
) -> SensitivityRun:
    """Read and score everything, rank each group, then analyse the ranks (SPEC §9)."""
    inputs = gather(request, progress)
    rankings = rank_units(score_inputs(inputs))
    groups = analyse(rankings, runs=runs, seed=seed, spread=spread)
    return SensitivityRun(inputs, groups, runs, seed, spread)


def sensitivity_file(run: SensitivityRun, fmt: Literal["csv", "json"]) -> str:
    """`sensitivity` as CSV or JSON (JSON records the SHA-256 of every input)."""
    if fmt == "csv":
        return sensitivity_csv(run.groups)
    return sensitivity_json(
        run.groups, hash_files(run.files), runs=run.runs, seed=run.seed, spread=run.spread
    )
