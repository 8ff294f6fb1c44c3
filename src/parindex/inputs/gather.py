"""Read and cross-check every input of a run: the files `found` reads, then the roster, the
appraisal and survey tables and the questionnaires held against them; every problem at once."""

from __future__ import annotations

from parindex.core.models import Framework
from parindex.core.results import Override
from parindex.errors import Problem, ProblemLog
from parindex.i18n import _
from parindex.inputs.discovery import Request
from parindex.inputs.documents.loading import LoadedAssessment, LoadedFramework
from parindex.inputs.documents.questionnaire import LoadedQuestionnaire, build_questionnaire
from parindex.inputs.documents.yamlbuild import YamlDocument
from parindex.inputs.found import Progress, read_found
from parindex.inputs.reading import FileResult
from parindex.inputs.submissions import check_roster, roster_units, without_blank_forms
from parindex.inputs.tables import sheets
from parindex.inputs.tables.roster import RosterEntry


class Inputs:
    """Everything a run read, checked and cross-referenced. (A plain slotted class: made at
    every start, a dataclass costs more; see `core/results`.)"""

    __slots__ = (
        "appraisal",
        "assessments",
        "files",
        "frameworks",
        "questionnaires",
        "roster",
        "survey",
        "warnings",
    )

    def __init__(
        self,
        frameworks: dict[str, LoadedFramework],
        assessments: list[LoadedAssessment],
        appraisal: dict[str, dict[str, Override]],
        survey: dict[str, dict[str, Override]],
        roster: dict[str, RosterEntry] | None,
        files: list[str],
        warnings: list[Problem],
        questionnaires: list[LoadedQuestionnaire],
    ) -> None:
        self.frameworks = frameworks
        self.assessments = assessments
        self.appraisal = appraisal
        self.survey = survey
        self.roster = roster
        self.files = files
        self.warnings = warnings
        self.questionnaires = questionnaires

    def framework_of(self, loaded: LoadedAssessment) -> Framework:
        return self.frameworks[loaded.framework].framework


def gather(request: Request, progress: Progress | None = None) -> Inputs:
    """Read and check every input; raise InputError listing every problem found."""
    log = ProblemLog()
    found = read_found(request, log, progress)
    frameworks, results, failed = found.frameworks, found.results, found.failed
    questionnaires = _questionnaires(found.questionnaire_docs, frameworks, log, failed)
    broken: dict[str, Framework | None] = {}
    broken_files: dict[str, str] = {}
    assessments = _assessments(results, frameworks, log, broken, broken_files)
    _check_found(request, results, log)
    roster = None
    if request.roster is not None:
        roster = check_roster(request, assessments, frameworks, log, broken_files)
    assessments = without_blank_forms(request, assessments, frameworks, roster, log)
    units = {a.unit.id: frameworks[a.framework].framework for a in assessments}
    absent: frozenset[str] = frozenset()
    others: frozenset[str] = frozenset()  # roster units a partial run does not read
    if roster is not None:
        extra = roster_units(roster, units, frameworks)
        if request.partial:
            others = frozenset(extra)
        else:
            absent = frozenset(extra) - set(broken)  # their rows are reported, not applied
            units.update(extra)
    appraisal, survey = _tables(request, units, broken, log, absent, others)
    log.raise_if_errors()
    tables = [*request.appraisal, *request.survey, *([request.roster] if request.roster else [])]
    return Inputs(
        frameworks,
        assessments,
        appraisal,
        survey,
        roster,
        found.files + list(tables),
        log.warnings,
        questionnaires,
    )


def _check_found(request: Request, results: list[FileResult], log: ProblemLog) -> None:
    """`score` needs exactly one assessment; other commands at least one (unless a roster
    lets every unit be absent, or `validate` checks frameworks alone)."""
    found = sum(1 for r in results if r.kind == "assessment")
    if request.single_unit and found != 1 and not log.errors:
        log.add(
            Problem(
                ", ".join(request.paths), _("expected one unit assessment (a file with 'unit:')")
            )
        )
    elif (
        not found
        and not request.single_unit
        and not log.errors
        and request.need_assessments
        and not (request.roster and request.allow_absent)
    ):
        log.add(Problem(", ".join(request.paths), _("no assessments found (files with 'unit:')")))


def _tables(
    request: Request,
    units: dict[str, Framework],
    broken: dict[str, Framework | None],
    log: ProblemLog,
    absent: frozenset[str] = frozenset(),
    others: frozenset[str] = frozenset(),
) -> tuple[dict[str, dict[str, Override]], dict[str, dict[str, Override]]]:
    """The appraisal and survey values of every unit, by unit id then criterion (rows of
    `others` skipped)."""
    if not (request.appraisal or request.survey):
        return {}, {}
    # Rows of units whose file failed are checked against its framework when it is
    # known, and skipped when it is not: the file's own problems already explain them.
    # Only the overrides are kept: the cells as written are `worksheet`'s, read again there.
    checked = {**{k: v for k, v in broken.items() if v is not None}, **units}
    skipped = frozenset(k for k, v in broken.items() if v is None) | others
    entries = [
        read(
            paths,
            checked,
            log,
            skip_unknown_units=request.single_unit,
            skipped=skipped,
            absent=absent,
            cells=False,
            also_read=others,
        )
        for read, paths, others in (
            (sheets.read_appraisals, request.appraisal, request.survey),
            (sheets.read_surveys, request.survey, request.appraisal),
        )
    ]
    return sheets.overrides(entries[0]), sheets.overrides(entries[1])


def _questionnaires(
    docs: list[YamlDocument],
    frameworks: dict[str, LoadedFramework],
    log: ProblemLog,
    failed: set[str],
) -> list[LoadedQuestionnaire]:
    """Questionnaires checked against their frameworks (one of a framework that failed to
    load is left unchecked: the framework's own errors explain the run)."""
    if not docs:
        return []
    loaded: dict[str, LoadedQuestionnaire] = {}
    for doc in docs:
        framework_id = doc.data.get("framework")
        if isinstance(framework_id, str) and framework_id in failed:
            continue
        questionnaire, problems = build_questionnaire(doc, frameworks)
        log.extend(problems)
        if questionnaire is None:
            continue
        other = loaded.get(questionnaire.questionnaire.questionnaire)
        if other is not None:
            log.add(
                doc.problem(
                    ("questionnaire",),
                    _(
                        "questionnaire id {id!r} is already defined in {path}; ids must be unique"
                    ).format(id=questionnaire.questionnaire.questionnaire, path=other.path),
                )
            )
            continue
        loaded[questionnaire.questionnaire.questionnaire] = questionnaire
    return list(loaded.values())


def _assessments(
    results: list[FileResult],
    frameworks: dict[str, LoadedFramework],
    log: ProblemLog,
    broken: dict[str, Framework | None],
    broken_files: dict[str, str],
) -> list[LoadedAssessment]:
    """Collect every file's problems and its assessment; `broken` receives the unit ids of
    files that failed, so their table rows are not reported again as naming unknown units."""
    loaded: dict[str, LoadedAssessment] = {}
    for result in results:
        log.extend(result.problems)
        if result.broken is not None and result.kind in ("assessment", "deferred"):
            unit_id, framework_id = result.broken
            known = frameworks.get(framework_id)
            broken[unit_id] = known.framework if known else None
            broken_files[unit_id] = result.path
        assessment = result.assessment
        if assessment is None:
            continue
        unit_id = assessment.unit.id
        other = loaded.get(unit_id)
        if other is not None:
            log.add(
                assessment.unit_problem(
                    _(
                        "unit id {unit_id!r} is already assessed in {path}; each "
                        "unit has one assessment"
                    ).format(unit_id=unit_id, path=other.path)
                )
            )
            continue
        loaded[unit_id] = assessment
    return sorted(loaded.values(), key=lambda a: a.unit.id)
