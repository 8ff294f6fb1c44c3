"""`survey`: raw survey forms read, checked and aggregated into the survey table."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from parindex.app.common import reading
from parindex.app.files import main_output
from parindex.app.outcome import Outcome, Watch, said_first
from parindex.app.requests import Sources, SurveyRequest
from parindex.app.views import SurveyView
from parindex.core.survey import SurveyResult, aggregate
from parindex.errors import InputError, Problem, ProblemLog
from parindex.i18n import _
from parindex.inputs.discovery import Request, hash_files
from parindex.inputs.documents.questionnaire import LoadedQuestionnaire
from parindex.inputs.gather import gather
from parindex.inputs.responses import quota_problems, read_responses
from parindex.inputs.tables.roster import load_roster
from parindex.outputs.kinds import FileFormat
from parindex.outputs.survey import survey_output


@dataclass(slots=True)
class SurveyRun:
    """What `survey` computed from the raw forms: one table per questionnaire, and what the
    outputs need beside them."""

    surveys: list[tuple[LoadedQuestionnaire, SurveyResult]]
    files: list[str]
    warnings: list[Problem]
    names: dict[str, str] = field(default_factory=dict)  # unit id → name, from the roster


def survey_run(
    request: Request, responses: list[str], roster: str | None = None, *, strict: bool = False
) -> SurveyRun:
    """`survey`: the questionnaires (the request's paths) checked against their frameworks,
        every form read, checked and sent to its questionnaire (by its unit's group on the roster
    when there are several), then each questionnaire's forms aggregated into the survey table."""
    inputs = gather(request)
    chosen: list[LoadedQuestionnaire] = [] if request.paths else list(inputs.questionnaires)
    problems = []
    if not request.paths and not chosen:
        problems.append(
            Problem(
                request.criteria,
                _(
                    "no questionnaire given, and none in the criteria directory; give the "
                    "questionnaire files (.yaml) first, then the responses"
                ),
            )
        )
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
    names = {e.unit_id: e.unit_name for e in (entries or {}).values()}
    return SurveyRun(surveys, files, [*inputs.warnings, *log.warnings], names)


def survey_file(run: SurveyRun, fmt: FileFormat) -> str | bytes:
    """`survey`'s table as a file of `fmt` (JSON records the SHA-256 of every input)."""
    hashes = hash_files(run.files) if fmt == "json" else []
    return survey_output(fmt, [(q.questionnaire, r) for q, r in run.surveys], hashes)


def survey(request: SurveyRequest, watch: Watch | None) -> Outcome:
    """`survey`: each questionnaire's table as a view, or all of them as one file."""
    sources = Sources(request.questionnaires, request.criteria)
    run = survey_run(
        reading(sources, need_assessments=False),
        list(request.responses),
        request.roster,
        strict=request.strict,
    )
    outcome = Outcome(warnings=[w.render() for w in run.warnings], guard=run.files)
    fmt = request.written.fmt
    if fmt == "table":
        lang = request.lang
        for loaded, result in run.surveys:
            view = SurveyView(result, loaded.questionnaire, loaded.framework, lang, run.names)
            outcome.views.append(view)
        return outcome
    with said_first(outcome.warnings):
        made = survey_file(run, fmt)
    return main_output(outcome, made, request.written)
