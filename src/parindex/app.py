"""The use cases the commands call: inputs → results, nothing printed, nothing decided twice."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from typing_extensions import assert_never

from parindex.core.gaps import GapReport, find_gaps, rivals_in
from parindex.core.ranking import gone_units, rank_units
from parindex.core.results import PreviousEntry, Ranking, UnitResult
from parindex.core.scoring import not_submitted, score_claims
from parindex.errors import ProblemLog
from parindex.i18n import Lang
from parindex.inputs.gather import Inputs, Progress, Request, count_files, gather, hash_files
from parindex.inputs.sheets import load_id_map, load_previous
from parindex.outputs.csvjson import precisions, to_csv
from parindex.outputs.formats import FileFormat, ranking_output
from parindex.outputs.records import BREAKDOWN_COLUMNS, breakdown_rows

ReportKind = Literal["html", "docx"]

__all__ = [
    "Inputs",
    "Progress",
    "RankRun",
    "ReportKind",
    "Request",
    "breakdown_file",
    "check_run",
    "count_files",
    "gaps_run",
    "rank_run",
    "ranking_file",
    "report_file",
    "score_inputs",
    "score_run",
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


def breakdown_file(run: RankRun) -> str:
    """`rank --breakdown`: one CSV row per unit and leaf."""
    return to_csv(BREAKDOWN_COLUMNS, breakdown_rows(run.results), precisions(run.results))


def report_file(run: RankRun, kind: ReportKind, lang: Lang, decision: str | None = None) -> bytes:
    """`report`: the published report (HTML) or the decision appendix (DOCX), as bytes.

    matplotlib, Jinja2 and python-docx are imported here, by the one command that needs them.
    """
    if kind == "html":
        from parindex.outputs.report.html import render_html

        return render_html(
            run.rankings,
            lang,
            with_history=run.with_history,
            names=run.previous_names,
            decision=decision,
        )
    if kind == "docx":
        from parindex.outputs.report.docx import render_docx

        return render_docx(
            run.rankings,
            lang,
            with_history=run.with_history,
            names=run.previous_names,
            decision=decision,
        )
    assert_never(kind)
