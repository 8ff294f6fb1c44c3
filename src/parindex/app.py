"""The use cases the commands call: inputs → results, nothing printed, nothing decided twice."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from parindex.core.gaps import GapReport, find_gaps, rivals_in
from parindex.core.ranking import gone_units, rank_units
from parindex.core.results import PreviousEntry, Ranking, UnitResult
from parindex.core.scoring import not_submitted, score_claims
from parindex.errors import Problem, ProblemLog
from parindex.i18n import Lang, _
from parindex.inputs.gather import Inputs, Progress, Request, count_files, gather, hash_files
from parindex.inputs.sheets import load_id_map, load_previous
from parindex.outputs.csvjson import precisions, to_csv
from parindex.outputs.formats import FileFormat, ranking_output
from parindex.outputs.records import BREAKDOWN_COLUMNS, breakdown_rows

__all__ = [
    "Inputs",
    "Progress",
    "RankRun",
    "Request",
    "breakdown_file",
    "check_run",
    "count_files",
    "gaps_run",
    "pending_units",
    "rank_run",
    "ranking_file",
    "score_inputs",
    "score_run",
    "worksheet_run",
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


def worksheet_run(request: Request, only: Sequence[str], lang: Lang) -> tuple[Inputs, bytes]:
    """`worksheet`: the council's workbook for every assessed unit (or those in `only`),
    prefilled with the values the given appraisal and survey files already hold."""
    from parindex.inputs.sheets import read_appraisals, read_surveys
    from parindex.outputs.worksheet import UnitSheet, worksheet_workbook

    inputs = gather(request)
    log = ProblemLog()
    known = {a.unit.id for a in inputs.assessments}
    for unit_id in dict.fromkeys(only):
        if unit_id not in known:
            log.add(
                Problem(
                    ", ".join(request.paths),
                    _("--unit {unit!r}: no assessment has this unit id").format(unit=unit_id),
                )
            )
    log.raise_if_errors()
    # gather has checked the tables; they are read again for their cells as written.
    units = {a.unit.id: inputs.framework_of(a) for a in inputs.assessments}
    appraisal = read_appraisals(request.appraisal, units, log)
    survey = read_surveys(request.survey, units, log)
    log.raise_if_errors()
    cells: dict[str, dict[str, dict[str, str]]] = {}
    for (unit_id, criterion), entry in appraisal.items():
        cells.setdefault(unit_id, {})[criterion] = entry.cells
    values: dict[str, dict[str, str]] = {}
    for (unit_id, criterion), entry in survey.items():
        values.setdefault(unit_id, {})[criterion] = entry.cells["value"]
    results = {r.unit_id: r for r in score_inputs(inputs) if r.submitted}
    chosen = sorted(
        (a for a in inputs.assessments if not only or a.unit.id in only),
        key=lambda a: (a.framework, a.unit.id),
    )
    sheets = [
        UnitSheet(
            results[a.unit.id],
            claims=a.claims,
            evidence=a.evidence,
            appraisal=cells.get(a.unit.id, {}),
            survey=values.get(a.unit.id, {}),
        )
        for a in chosen
    ]
    return inputs, worksheet_workbook(sheets, lang)


def ranking_file(run: RankRun, fmt: FileFormat, *, claims: bool) -> str | bytes:
    """`rank`'s main output as a file of `fmt` (JSON records the SHA-256 of every input)."""
    hashes = hash_files(run.files) if fmt == "json" else []
    return ranking_output(
        fmt, run.rankings, run.results, with_history=run.with_history, claims=claims, hashes=hashes
    )


def breakdown_file(run: RankRun) -> str:
    """`rank --breakdown`: one CSV row per unit and leaf."""
    return to_csv(BREAKDOWN_COLUMNS, breakdown_rows(run.results), precisions(run.results))
