"""Find, read and cross-check every input of a run: frameworks, assessments, tables."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

from parindex.core.models import Framework
from parindex.core.results import Override
from parindex.errors import InputError, Problem, ProblemLog
from parindex.i18n import _
from parindex.inputs.discovery import Request, find_files, named_files
from parindex.inputs.documents.loading import (
    LoadedAssessment,
    LoadedFramework,
    build_framework,
    classify,
    read_document,
)
from parindex.inputs.documents.questionnaire import LoadedQuestionnaire, build_questionnaire
from parindex.inputs.documents.yamlbuild import YamlDocument
from parindex.inputs.reading import FileResult, read_unit_file, read_unit_files
from parindex.inputs.submissions import check_roster, roster_units, without_blank_forms
from parindex.inputs.tables import sheets
from parindex.inputs.tables.roster import RosterEntry

# How far a run is: the stage ("reading", "scoring" or "writing"), then done of total.
Progress = Callable[[str, int, int], None]


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


def _parse(
    paths: Iterable[str], log: ProblemLog, unreadable: list[str] | None = None
) -> list[YamlDocument]:
    docs = []
    for path in paths:
        try:
            doc = read_document(path)
        except InputError as exc:
            log.extend(exc.problems)
            if unreadable is not None:
                unreadable.append(path)
            continue
        docs.append(doc)
    return docs


def _mentions_criteria(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            return b"criteria:" in handle.read(1 << 20)
    except OSError:
        return False


class Found(NamedTuple):
    """What a run's paths hold, read: the frameworks (of the criteria directory and among the
    paths), each file's result (its problems kept with it), the questionnaires' documents,
    the ids of frameworks that failed, and every YAML file found."""

    frameworks: dict[str, LoadedFramework]
    results: list[FileResult]
    questionnaire_docs: list[YamlDocument]
    failed: set[str]
    files: list[str]


def read_found(request: Request, log: ProblemLog, progress: Progress | None = None) -> Found:
    """Find and read every file of the run: the first half of `gather`, which `status` shares
    (it counts each file's problems against its unit instead of stopping at them)."""
    criteria_files, path_files = find_files(request, log)
    failed: set[str] = set()  # ids of frameworks whose file has errors
    questionnaire_docs: list[YamlDocument] = []  # a questionnaire may live beside its framework
    unreadable: list[str] = []  # YAML files that did not parse: perhaps the frameworks
    frameworks = _criteria_frameworks(criteria_files, log, failed, questionnaire_docs, unreadable)
    tick = None
    if progress is not None:
        total = len(criteria_files) + len(path_files)
        tick = lambda done: progress("reading", len(criteria_files) + done, total)  # noqa: E731
    results = _read_paths(request, path_files, frameworks, failed, unreadable, log, tick)
    questionnaire_docs += _parse([r.path for r in results if r.kind == "questionnaire"], log)
    files = sorted(criteria_files + path_files)
    return Found(frameworks, results, questionnaire_docs, failed, files)


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


def _criteria_frameworks(
    criteria_files: list[str],
    log: ProblemLog,
    failed: set[str],
    questionnaire_docs: list[YamlDocument],
    unreadable: list[str],
) -> dict[str, LoadedFramework]:
    """The frameworks of the --criteria directory, which holds nothing else but their survey
    questionnaires (appended to `questionnaire_docs`, checked once the frameworks are in)."""
    framework_docs = []
    for doc in _parse(criteria_files, log, unreadable):
        kind = classify(doc)
        if kind == "framework":
            framework_docs.append(doc)
        elif kind == "questionnaire":
            questionnaire_docs.append(doc)
        else:
            log.add(
                doc.problem(
                    (),
                    _(
                        "an assessment in the criteria directory; keep frameworks "
                        "and unit assessments apart"
                    )
                    if kind == "assessment"
                    else _("not a framework (needs 'framework:' and 'criteria:')"),
                )
            )
    return _frameworks(framework_docs, log, failed=failed)


def _read_paths(
    request: Request,
    path_files: list[str],
    frameworks: dict[str, LoadedFramework],
    failed: set[str],
    unreadable: list[str],
    log: ProblemLog,
    tick: Callable[[int], None] | None,
) -> list[FileResult]:
    """Every file of the positional paths: frameworks among them are loaded first, then the
    assessments that were waiting for them (`frameworks` and `failed` grow)."""
    named = named_files(request)
    results = list(
        read_unit_files(
            path_files,
            frameworks,
            request.strict,
            tick,
            evidence=request.evidence,
            lenient=request.lenient,
            log=log,
            named=named,
        )
    )
    more = _parse([r.path for r in results if r.kind == "framework"], log, unreadable)
    frameworks.update(_frameworks(more, log, frameworks, failed=failed))
    # A unit file that does not parse is no framework; one that names `criteria:` may be.
    unreadable.extend(
        r.path for r in results if r.kind == "unreadable" and _mentions_criteria(r.path)
    )
    if not frameworks and unreadable and not failed:
        # A framework file that does not parse explains every unit waiting for a framework:
        # its own error is the one message, not "no frameworks found" and a line per row.
        failed.update(r.framework_id for r in results if r.kind == "deferred")
    # An assessment of a framework that failed to load is not checked: the framework's own
    # errors explain the run's failure, and "unknown framework" would mislead.
    _no_frameworks(request, results, frameworks, failed, log)
    return [
        read_unit_file(
            r.path,
            frameworks,
            request.strict,
            defer=False,
            evidence=request.evidence,
            lenient=request.lenient,
            named=r.path in named,
        )
        if r.kind == "deferred" and r.framework_id not in failed
        else r
        for r in results
    ]


def _no_frameworks(
    request: Request,
    results: list[FileResult],
    frameworks: dict[str, LoadedFramework],
    failed: set[str],
    log: ProblemLog,
) -> None:
    """Assessments wait for frameworks and none was found: one line, not one "unknown
    framework" per unit (the usual cause is running parindex away from the folder that
    holds criteria/); the frameworks they wait for join `failed`."""
    missing_dir = request.criteria_given and not Path(request.criteria).is_dir()  # said above
    if frameworks or failed or missing_dir or not any(r.kind == "deferred" for r in results):
        return
    where = (
        _("{directory!r} does not exist here").format(directory=request.criteria)
        if not Path(request.criteria).is_dir()
        else _("none in {directory!r}").format(directory=request.criteria)
    )
    log.add(
        Problem(
            request.criteria,
            _(
                "no frameworks found ({where}); run parindex from the folder "
                "that holds criteria/, or pass --criteria DIR"
            ).format(where=where),
        )
    )
    failed.update(r.framework_id for r in results if r.kind == "deferred")


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


def _frameworks(
    docs: list[YamlDocument],
    log: ProblemLog,
    known: dict[str, LoadedFramework] | None = None,
    *,
    failed: set[str],
) -> dict[str, LoadedFramework]:
    frameworks: dict[str, LoadedFramework] = {}
    for doc in docs:
        framework, problems = build_framework(doc)
        log.extend(problems)
        if framework is None:
            framework_id = doc.data.get("framework") if isinstance(doc.data, dict) else None
            if isinstance(framework_id, str):
                failed.add(framework_id)
            continue
        other = frameworks.get(framework.framework) or (known or {}).get(framework.framework)
        if other is not None:
            log.add(
                doc.problem(
                    ("framework",),
                    _(
                        "framework id {framework!r} is already defined in {path}; "
                        "ids must be unique"
                    ).format(framework=framework.framework, path=other.path),
                )
            )
            continue
        frameworks[framework.framework] = LoadedFramework(framework, doc.path)
    return frameworks


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
