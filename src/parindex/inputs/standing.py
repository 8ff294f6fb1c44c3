"""Where every unit's form stands (`status`): each file read, none stopping the others; each
form's problems counted against its unit (what `validate FILE` would say of it), the roster
held against the forms, and the tables' rows applied where they can be.

Only what keeps the whole from being read stops the run: a framework with errors, a roster
that cannot be read, a path that is not there. A table's rows with problems are left out and
counted in one warning per file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from parindex.core.models import Framework
from parindex.core.results import Override
from parindex.errors import InputError, Problem, ProblemLog
from parindex.i18n import ngettext
from parindex.inputs.discovery import Request
from parindex.inputs.documents.answers import NO_EVIDENCE
from parindex.inputs.documents.loading import LoadedAssessment, LoadedFramework
from parindex.inputs.found import Progress, read_found
from parindex.inputs.reading import FileResult
from parindex.inputs.submissions import is_blank
from parindex.inputs.tables.roster import RosterEntry, load_roster

UNIT_FILES = ("assessment", "unreadable", "other", "deferred")  # what a unit's form may be


@dataclass(slots=True)
class Form:
    """A unit's form as it stands: what loaded of it (None when its errors keep it from
    scoring) and its problems, counted. `unit_id` is "" when the file could not be read far
    enough to say whose it is (and its name matches no roster unit)."""

    path: str
    unit_id: str
    framework: str  # "" when unknown
    loaded: LoadedAssessment | None = None
    errors: int = 0
    warnings: int = 0
    missing: int = 0
    no_evidence: int = 0
    blank: bool = False


@dataclass(slots=True)
class Standing:
    """Every form found (one per unit; a second file of a unit is an error of the first),
    the roster, the tables' values by unit then criterion, what the run warns of, and every
    file it read."""

    frameworks: dict[str, LoadedFramework]
    forms: list[Form]
    roster: dict[str, RosterEntry] | None = None
    appraisal: dict[str, dict[str, Override]] = field(default_factory=dict)
    survey: dict[str, dict[str, Override]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def read_standing(request: Request, progress: Progress | None = None) -> Standing:
    """Read the run's forms, roster and tables for `status`; InputError only when the run
    cannot be read as a whole (see the module's docstring)."""
    log = ProblemLog()
    found = read_found(request, log, progress)
    fatal = [p for p in log.errors if not _empty_folder(p, request)]
    if fatal:
        raise InputError(fatal)
    roster = _roster(request)
    forms = _forms(found.results, found.frameworks, roster)
    if roster is not None:
        _hold_roster(roster, forms, found.frameworks)
    standing = Standing(found.frameworks, forms, roster, warnings=list(log.warnings))
    _tables(request, standing)
    standing.files = [*found.files, *request.appraisal, *request.survey]
    if request.roster:
        standing.files.append(request.roster)
    return standing


def _empty_folder(problem: Problem, request: Request) -> bool:
    """A folder of the paths that holds no form yet: nothing wrong while forms come in."""
    if problem.path not in request.paths or not os.path.isdir(problem.path):
        return False
    try:
        os.listdir(problem.path)
    except OSError:
        return False
    return True


def _roster(request: Request) -> dict[str, RosterEntry] | None:
    if request.roster is None:
        return None
    log = ProblemLog()
    roster = load_roster(request.roster, log)
    log.raise_if_errors()
    return roster


def _forms(
    results: Iterable[FileResult],
    frameworks: dict[str, LoadedFramework],
    roster: dict[str, RosterEntry] | None,
) -> list[Form]:
    """One form per unit: the first file of a unit id counts a second one as an error."""
    by_unit: dict[str, Form] = {}
    others: list[Form] = []
    for result in results:
        if result.kind not in UNIT_FILES:
            continue
        form = _form(result, frameworks, roster)
        first = by_unit.get(form.unit_id) if form.unit_id else None
        if first is not None:
            first.errors += 1  # "already assessed in …": validate names both files
        elif form.unit_id:
            by_unit[form.unit_id] = form
        else:
            others.append(form)
    return [*by_unit.values(), *others]


def _form(
    result: FileResult,
    frameworks: dict[str, LoadedFramework],
    roster: dict[str, RosterEntry] | None,
) -> Form:
    loaded = result.assessment
    if loaded is not None:
        unit_id, framework = loaded.unit.id, loaded.framework
    elif result.broken is not None:
        unit_id, framework = result.broken
    else:  # not read far enough: a form named after its unit (as `init` lays them out)
        stem = Path(result.path).stem
        unit_id, framework = (stem if roster and stem in roster else ""), ""
    form = Form(result.path, unit_id, framework if framework in frameworks else "", loaded)
    for problem in result.problems:
        if problem.code == "missing":
            form.missing += 1
        elif problem.code == NO_EVIDENCE:
            form.no_evidence += 1
        elif problem.severity == "error":
            form.errors += 1
        elif problem.severity == "warning":
            form.warnings += 1
    if loaded is not None:
        self_leaves = (
            leaf.criterion.source == "self" for leaf in frameworks[framework].framework.leaves
        )
        form.blank = any(self_leaves) and is_blank(loaded)
    return form


def _hold_roster(
    roster: dict[str, RosterEntry],
    forms: list[Form],
    frameworks: dict[str, LoadedFramework],
) -> None:
    """What rank would refuse counts against the unit: a form not on the roster, or in
    another group than the roster gives."""
    groups = {f.framework.group: f for f in frameworks.values()}
    for form in forms:
        entry = roster.get(form.unit_id)
        if entry is None:
            form.errors += 1 if form.unit_id else 0
        elif form.loaded is not None and (
            entry.group != form.loaded.unit.group or entry.group not in groups
        ):
            form.errors += 1


def _tables(request: Request, standing: Standing) -> None:
    """The appraisal and survey values of the forms read; the rows with problems are left
    out, one warning per file says how many there were."""
    if not (request.appraisal or request.survey):
        return
    from parindex.inputs.tables import sheets  # the CSV/XLSX machinery

    units: dict[str, Framework] = {}
    for form in standing.forms:
        if form.unit_id and form.framework:
            units[form.unit_id] = standing.frameworks[form.framework].framework
    skipped = frozenset(standing.roster or ()) - set(units)
    log = ProblemLog()
    entries = [
        read(paths, units, log, skipped=skipped, cells=False)
        for read, paths in (
            (sheets.read_appraisals, request.appraisal),
            (sheets.read_surveys, request.survey),
        )
    ]
    standing.appraisal = sheets.overrides(entries[0])
    standing.survey = sheets.overrides(entries[1])
    standing.warnings.extend(table_summary(log))


def table_summary(log: ProblemLog) -> list[Problem]:
    """A table's problem about the whole file as it is; its rows' problems counted (a run
    that reports rather than judges: `validate` lists them)."""
    said: list[Problem] = []
    rows: dict[str, int] = {}
    for problem in log:
        if problem.row is None:
            said.append(Problem(problem.path, problem.message, severity="warning"))
        else:
            rows[problem.path] = rows.get(problem.path, 0) + 1
    for path, count in rows.items():
        message = ngettext(
            "{count} problem in its rows; those rows are left out (`parindex validate` lists them)",
            "{count} problems in its rows; those rows are left out (`parindex validate` lists "
            "them)",
            count,
        ).format(count=count)
        said.append(Problem(path, message, severity="warning"))
    return said
