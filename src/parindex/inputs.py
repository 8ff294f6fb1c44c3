"""Find, read and cross-check every input of a run: frameworks, assessments, tables."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, Problem, ProblemLog
from .loading import (
    LoadedAssessment,
    LoadedFramework,
    build_assessment,
    build_framework,
    classify,
    read_document,
)
from .models import Framework
from .results import Override
from .sheets import RosterEntry, load_appraisals, load_roster, load_surveys
from .yamlfile import YamlDocument, YamlFileError

YAML_SUFFIXES = (".yaml", ".yml")
Progress = Callable[[int, int], None]


@dataclass(slots=True)
class Inputs:
    """Everything a run read, checked and cross-referenced."""

    frameworks: dict[str, LoadedFramework]
    assessments: list[LoadedAssessment]
    appraisal: dict[str, dict[str, Override]] = field(default_factory=dict)
    survey: dict[str, dict[str, Override]] = field(default_factory=dict)
    roster: dict[str, RosterEntry] | None = None
    files: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def framework_of(self, loaded: LoadedAssessment) -> Framework:
        return self.frameworks[loaded.assessment.framework].framework


@dataclass(frozen=True, slots=True)
class Request:
    """What to read: positional paths and the table options of a command."""

    paths: Sequence[str]
    criteria: str = "criteria"
    criteria_given: bool = False
    appraisal: Sequence[str] = ()
    survey: Sequence[str] = ()
    roster: str | None = None
    allow_absent: bool = False
    strict: bool = False
    single_unit: bool = False  # `score`: one assessment; table rows for others are ignored
    need_assessments: bool = True  # `validate` may check frameworks alone


def _yaml_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.suffix.lower() in YAML_SUFFIXES
                  and p.is_file())


def find_files(request: Request, log: ProblemLog) -> tuple[list[str], list[str]]:
    """(framework-directory files, files from the positional paths), each sorted, no repeats."""
    criteria_files: list[str] = []
    criteria_dir = Path(request.criteria)
    if criteria_dir.is_dir():
        criteria_files = [str(p) for p in _yaml_files(criteria_dir)]
    elif request.criteria_given:
        log.add(Problem(request.criteria, "the --criteria directory does not exist"))
    seen = {Path(p).resolve() for p in criteria_files}
    path_files: list[str] = []
    for given in request.paths:
        path = Path(given)
        if path.is_dir():
            found = _yaml_files(path)
            if not found:
                log.add(Problem(given, "no YAML files (*.yaml, *.yml) in this directory"))
        elif path.is_file():
            if path.suffix.lower() not in YAML_SUFFIXES:
                log.add(Problem(given, "not a YAML file (*.yaml, *.yml); appraisal and survey "
                                "tables are passed with --appraisal and --survey"))
                continue
            found = [path]
        else:
            log.add(Problem(given, "no such file or directory"))
            continue
        for file in found:
            resolved = file.resolve()
            if resolved not in seen:
                seen.add(resolved)
                path_files.append(str(file))
    return criteria_files, path_files


def _parse(paths: Iterable[str], log: ProblemLog, progress: Progress | None,
           total: int) -> list[YamlDocument]:
    docs = []
    for done, path in enumerate(paths, start=1):
        try:
            docs.append(read_document(path))
        except YamlFileError as exc:
            log.extend(exc.problems)
        if progress is not None:
            progress(done, total)
    return docs


def gather(request: Request, progress: Progress | None = None) -> Inputs:
    """Read and check every input; raise InputError listing every problem found."""
    log = ProblemLog()
    criteria_files, path_files = find_files(request, log)
    all_files = criteria_files + path_files
    docs = _parse(all_files, log, progress, len(all_files))
    from_criteria = set(criteria_files)
    framework_docs: list[YamlDocument] = []
    assessment_docs: list[YamlDocument] = []
    for doc in docs:
        kind = classify(doc)
        if kind == "framework":
            framework_docs.append(doc)
        elif kind == "assessment" and doc.path not in from_criteria:
            assessment_docs.append(doc)
        elif kind == "assessment":
            log.add(doc.problem((), "an assessment in the criteria directory; keep frameworks "
                                "and unit assessments apart"))
        else:
            log.add(doc.problem((), "neither a framework (needs 'framework:' and 'criteria:') "
                                "nor an assessment (needs 'unit:')"))
    frameworks = _frameworks(framework_docs, log)
    broken: dict[str, Framework | None] = {}
    assessments = _assessments(assessment_docs, frameworks, request, log, broken)
    if request.single_unit and len(assessment_docs) != 1 and not log.errors:
        log.add(Problem(", ".join(request.paths), "expected one unit assessment (a file with "
                        "'unit:')"))
    elif not assessment_docs and not request.single_unit and not log.errors \
            and request.need_assessments and not (request.roster and request.allow_absent):
        log.add(Problem(", ".join(request.paths), "no assessments found (files with 'unit:')"))
    units = {a.assessment.unit.id: frameworks[a.assessment.framework].framework
             for a in assessments}
    roster = None
    if request.roster is not None:
        roster = _check_roster(request, assessments, frameworks, log)
        for entry in roster.values():
            for loaded in frameworks.values():
                if entry.unit_id not in units and loaded.framework.group == entry.group:
                    units[entry.unit_id] = loaded.framework
    # Rows of units whose file failed are checked against its framework when it is known,
    # and skipped when it is not: the file's own problems already explain them.
    checked = {**{k: v for k, v in broken.items() if v is not None}, **units}
    skipped = frozenset(k for k, v in broken.items() if v is None)
    appraisal = load_appraisals(request.appraisal, checked, log.problems,
                                skip_unknown_units=request.single_unit, skipped=skipped)
    survey = load_surveys(request.survey, checked, log.problems,
                          skip_unknown_units=request.single_unit, skipped=skipped)
    log.raise_if_errors()
    tables = [*request.appraisal, *request.survey, *([request.roster] if request.roster else [])]
    return Inputs(frameworks, assessments, appraisal, survey, roster,
                  sorted(all_files) + list(tables), log.warnings)


def _frameworks(docs: list[YamlDocument], log: ProblemLog) -> dict[str, LoadedFramework]:
    frameworks: dict[str, LoadedFramework] = {}
    for doc in docs:
        framework, problems = build_framework(doc)
        log.extend(problems)
        if framework is None:
            continue
        other = frameworks.get(framework.framework)
        if other is not None:
            log.add(doc.problem(("framework",), f"framework id {framework.framework!r} is "
                                f"already defined in {other.path}; ids must be unique"))
            continue
        frameworks[framework.framework] = LoadedFramework(framework, doc.path)
    return frameworks


def _assessments(docs: list[YamlDocument], frameworks: dict[str, LoadedFramework],
                 request: Request, log: ProblemLog,
                 broken: dict[str, Framework | None]) -> list[LoadedAssessment]:
    """Build every assessment; `broken` receives the unit ids of files that failed, so that
    their table rows are not reported a second time as naming unknown units."""
    loaded: dict[str, LoadedAssessment] = {}
    for doc in docs:
        assessment, problems = build_assessment(doc, frameworks, strict=request.strict)
        log.extend(problems)
        if assessment is None:
            unit = doc.data.get("unit") if isinstance(doc.data, dict) else None
            unit_id = unit.get("id") if isinstance(unit, dict) else None
            if isinstance(unit_id, str):
                known = frameworks.get(str(doc.data.get("framework")))
                broken[unit_id] = known.framework if known else None
            continue
        unit_id = assessment.assessment.unit.id
        other = loaded.get(unit_id)
        if other is not None:
            log.add(doc.problem(("unit", "id"), f"unit id {unit_id!r} is already assessed in "
                                f"{other.path}; each unit has one assessment"))
            continue
        loaded[unit_id] = assessment
    return sorted(loaded.values(), key=lambda a: a.assessment.unit.id)


def _check_roster(request: Request, assessments: list[LoadedAssessment],
                  frameworks: dict[str, LoadedFramework],
                  log: ProblemLog) -> dict[str, RosterEntry]:
    assert request.roster is not None
    roster = load_roster(request.roster, log.problems)
    groups = {f.framework.group for f in frameworks.values()}
    by_id = {a.assessment.unit.id: a for a in assessments}
    for entry in roster.values():
        path, _, row = entry.where.rpartition(":")
        if entry.group not in groups:
            log.add(Problem(path, f"group {entry.group!r} has no framework; known groups: "
                            f"{', '.join(sorted(groups))}", row=int(row), table_column="group"))
        elif entry.unit_id not in by_id and not request.allow_absent:
            log.add(Problem(path, f"unit {entry.unit_id!r} ({entry.unit_name}) has not submitted "
                            "an assessment (use --allow-absent to rank it last as not "
                            "submitted)", row=int(row), table_column="unit_id"))
        elif entry.unit_id in by_id:
            unit = by_id[entry.unit_id].assessment.unit
            if unit.group != entry.group:
                log.add(Problem(path, f"the roster puts {entry.unit_id!r} in group "
                                f"{entry.group!r} but its assessment says {unit.group!r}",
                                row=int(row), table_column="group"))
    for loaded in assessments:
        if loaded.assessment.unit.id not in roster and roster:
            line, column = loaded.unit_at
            log.add(Problem(loaded.path, f"unit {loaded.assessment.unit.id!r} is not on the "
                            f"roster {request.roster}", line, column, "unit.id"))
    return roster


def require(condition: bool, problem: Problem) -> None:
    """Raise an InputError with one problem unless `condition` holds."""
    if not condition:
        raise InputError([problem])
