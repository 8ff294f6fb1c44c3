"""The use cases the commands call: inputs → results, nothing printed, nothing decided twice."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from parindex.core.gaps import GapReport, find_gaps, rivals_in
from parindex.core.ranking import gone_units, rank_units
from parindex.core.results import PreviousEntry, Ranking, UnitResult
from parindex.core.scoring import not_submitted, score_claims
from parindex.errors import ProblemLog
from parindex.inputs.gather import Inputs, Progress, Request, count_files, gather, hash_files
from parindex.inputs.sheets import load_id_map, load_previous
from parindex.outputs.csvjson import precisions, to_csv
from parindex.outputs.formats import FileFormat, by_field_output, ranking_output
from parindex.outputs.records import BREAKDOWN_COLUMNS, breakdown_rows, field_columns

if TYPE_CHECKING:
    from parindex.core.sensitivity import GroupSensitivity

__all__ = [
    "Inputs",
    "Progress",
    "RankRun",
    "Request",
    "SensitivityRun",
    "breakdown_file",
    "by_field_file",
    "check_run",
    "count_files",
    "gaps_run",
    "known_fields",
    "rank_run",
    "ranking_file",
    "score_inputs",
    "score_run",
    "sensitivity_file",
    "sensitivity_run",
]


def score_inputs(inputs: Inputs) -> list[UnitResult]:
    """Every assessed unit, with its appraisal and survey values; with a roster, the units
    that did not submit (only present when --allow-absent let them through)."""
    results = []
    for loaded in inputs.assessments:
        unit_id = loaded.unit.id
        results.append(
            score_claims(
                inputs.framework_of(loaded),
                loaded.unit,
                loaded.claims,
                appraisal=inputs.appraisal.get(unit_id),
                survey=inputs.survey.get(unit_id),
                path=loaded.path,
            )
        )
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


@dataclass(slots=True)
class RankRun:
    """What `rank` computed: the rankings and everything its outputs need beside them."""

    inputs: Inputs
    results: list[UnitResult]
    rankings: list[Ranking]
    previous: dict[str, PreviousEntry] | None = None
    gone: list[str] = field(default_factory=list)  # last year's units nobody continues
    files: list[str] = field(default_factory=list)  # every input, tables and --previous too

    @property
    def with_history(self) -> bool:
        return self.previous is not None

    @property
    def previous_names(self) -> dict[str, str]:
        return {k: v.unit_name for k, v in (self.previous or {}).items() if v.unit_name}


def rank_run(
    request: Request,
    previous: str | None = None,
    id_map: str | None = None,
    progress: Progress | None = None,
) -> RankRun:
    """`rank`: read everything, score every unit, rank each framework's group."""
    inputs = gather(request, progress)
    log = ProblemLog()
    entries = load_previous(previous, log) if previous else None
    mapping = load_id_map(id_map, log) if id_map else None
    log.raise_if_errors()
    results = score_inputs(inputs)
    prev = {k: (v.rank, v.index) for k, v in entries.items()} if entries is not None else None
    rankings = rank_units(results, prev, mapping)
    gone = gone_units(rankings, entries, mapping) if entries else []
    files = inputs.files + [p for p in (previous, id_map) if p]
    return RankRun(inputs, results, rankings, entries, gone, files)


def gaps_run(
    request: Request, ranking: str | None = None, progress: Progress | None = None
) -> tuple[Inputs, GapReport]:
    """`gaps`: the unit's lost points, and with a published ranking the rivals above it."""
    inputs, result = score_run(request, progress)
    others = None
    if ranking is not None:
        log = ProblemLog()
        entries = load_previous(ranking, log)
        log.raise_if_errors()
        others = rivals_in(entries.values(), result.framework.group)
    return inputs, find_gaps(result, others)


def check_run(request: Request) -> Inputs:
    """`validate`: every input read and cross-checked; InputError carries what is wrong."""
    return gather(request)


def ranking_file(run: RankRun, fmt: FileFormat, *, claims: bool) -> str | bytes:
    """`rank`'s main output as a file of `fmt` (JSON records the SHA-256 of every input)."""
    hashes = hash_files(run.files) if fmt == "json" else []
    return ranking_output(
        fmt, run.rankings, run.results, with_history=run.with_history, claims=claims, hashes=hashes
    )


def known_fields(run: RankRun) -> list[str]:
    """The field ids `rank --by-field` accepts: fields of the frameworks ranked."""
    return field_columns(run.rankings)


def by_field_file(run: RankRun, fmt: Literal["csv", "json"], field_id: str) -> str:
    """`rank --by-field` as CSV or JSON (JSON records the SHA-256 of every input)."""
    hashes = hash_files(run.files) if fmt == "json" else []
    return by_field_output(fmt, run.rankings, field_id, hashes)


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
    """`sensitivity`: rank as `rank` does, then re-rank every group under moved weights."""
    from parindex.core.sensitivity import analyse  # numpy, for this command only

    inputs = gather(request, progress)
    rankings = rank_units(score_inputs(inputs))
    groups = analyse(rankings, runs=runs, seed=seed, spread=spread)
    return SensitivityRun(inputs, groups, runs, seed, spread)


def sensitivity_file(run: SensitivityRun, fmt: Literal["csv", "json"]) -> str:
    """`sensitivity` as CSV or JSON (JSON records the SHA-256 of every input)."""
    from parindex.outputs.sensitivity_records import sensitivity_csv, sensitivity_json

    if fmt == "csv":
        return sensitivity_csv(run.groups)
    return sensitivity_json(
        run.groups, hash_files(run.files), runs=run.runs, seed=run.seed, spread=run.spread
    )


def breakdown_file(run: RankRun) -> str:
    """`rank --breakdown`: one CSV row per unit and leaf."""
    return to_csv(BREAKDOWN_COLUMNS, breakdown_rows(run.results), precisions(run.results))
