"""The use cases the commands call: inputs → results, nothing printed, nothing decided twice."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from parindex.core.gaps import GapReport, find_gaps, rivals_in
from parindex.core.ranking import gone_units, rank_units
from parindex.core.results import PreviousEntry, Ranking, UnitResult
from parindex.core.scoring import not_submitted, score_claims
from parindex.core.survey import SurveyResult, aggregate
from parindex.errors import InputError, Problem, ProblemLog
from parindex.i18n import _
from parindex.inputs.gather import Inputs, Progress, Request, count_files, gather, hash_files
from parindex.inputs.questionnaire import LoadedQuestionnaire
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
    "rank_run",
    "ranking_file",
    "score_inputs",
    "score_run",
    "survey_file",
    "survey_run",
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


@dataclass(slots=True)
class SurveyRun:
    """What `survey` computed from the raw forms: one table per questionnaire, and what the
    outputs need beside them."""

    surveys: list[tuple[LoadedQuestionnaire, SurveyResult]]
    files: list[str]
    warnings: list[Problem]


def survey_run(
    request: Request, responses: list[str], roster: str | None = None, *, strict: bool = False
) -> SurveyRun:
    """`survey`: the questionnaires (the request's paths) checked against their frameworks,
    every form read, checked and sent to its questionnaire, then aggregated (SPEC §6)."""
    inputs = gather(request)
    chosen: list[LoadedQuestionnaire] = []
    problems = []
    for path in request.paths:
        target = Path(path).resolve()
        found = next((q for q in inputs.questionnaires if Path(q.path).resolve() == target), None)
        if found is None:
            problems.append(
                Problem(
                    path,
                    _(
                        "not a questionnaire (it needs 'questionnaire:', 'framework:' and "
                        "'questions:'); `parindex schema questionnaire` shows the format"
                    ),
                )
            )
        elif found not in chosen:
            chosen.append(found)
    if problems:
        raise InputError(problems)
    from parindex.inputs.responses import quota_problems, read_responses  # only `survey` reads
    from parindex.inputs.sheets import load_roster

    log = ProblemLog()
    entries = load_roster(roster, log) if roster is not None else None
    forms = read_responses(responses, chosen, entries, log) if not log.errors else []
    log.raise_if_errors()
    surveys = []
    for loaded, its_forms in zip(chosen, forms, strict=True):
        result = aggregate(loaded.questionnaire, loaded.framework, its_forms)
        log.extend(quota_problems(loaded, result, entries, strict=strict))
        surveys.append((loaded, result))
    log.raise_if_errors()
    files = [*request.paths, *responses, *([roster] if roster else [])]
    return SurveyRun(surveys, files, [*inputs.warnings, *log.warnings])


def survey_file(run: SurveyRun, fmt: FileFormat) -> str | bytes:
    """`survey`'s table as a file of `fmt` (JSON records the SHA-256 of every input)."""
    from parindex.outputs.survey import survey_output

    hashes = hash_files(run.files) if fmt == "json" else []
    return survey_output(fmt, [(q.questionnaire, r) for q, r in run.surveys], hashes)
