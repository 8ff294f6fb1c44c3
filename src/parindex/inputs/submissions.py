"""Who submitted: blank forms (a form with no criterion answered is no submission), and the
roster (`--roster`) against the assessments read."""

from __future__ import annotations

from parindex.core.models import Framework
from parindex.errors import Problem, ProblemLog, Severity
from parindex.i18n import _
from parindex.inputs.discovery import Request
from parindex.inputs.documents.loading import LoadedAssessment, LoadedFramework
from parindex.inputs.tables.roster import RosterEntry, load_roster


def check_roster(
    request: Request,
    assessments: list[LoadedAssessment],
    frameworks: dict[str, LoadedFramework],
    log: ProblemLog,
    broken_files: dict[str, str],
) -> dict[str, RosterEntry]:
    """The roster of `request`, read and held against the assessments: each row's group has a
    framework, each unit submitted a file that loaded (unless --allow-absent), in the group
    the roster gives; each assessment is on the roster."""
    assert request.roster is not None
    roster = load_roster(request.roster, log)
    groups = {f.framework.group for f in frameworks.values()}
    by_id = {a.unit.id: a for a in assessments}
    for entry in roster.values():
        problem = _entry_problem(
            entry, groups, by_id, broken_files, request.allow_absent, request.partial
        )
        if problem is not None:
            log.add(problem)
    for loaded in assessments:
        if loaded.unit.id not in roster and roster:
            log.add(
                loaded.unit_problem(
                    _("unit {id!r} is not on the roster {roster}").format(
                        id=loaded.unit.id, roster=request.roster
                    )
                )
            )
    return roster


def _entry_problem(
    entry: RosterEntry,
    groups: set[str],
    by_id: dict[str, LoadedAssessment],
    broken_files: dict[str, str],
    allow_absent: bool,
    partial: bool = False,
) -> Problem | None:
    """What is wrong with one roster row: a group without a framework, a unit whose file has
    errors or that submitted none (unless absent units are allowed), or a unit the roster
    puts in another group than its assessment does. A `partial` run (only some of the
    roster's files were named) says nothing of the units it did not read."""
    path, _colon, row = entry.where.rpartition(":")
    if entry.group not in groups:
        message = _("group {group!r} has no framework; known groups: {groups}").format(
            group=entry.group, groups=", ".join(sorted(groups))
        )
        return Problem(path, message, row=int(row), table_column="group")
    if entry.unit_id in broken_files and not partial:  # said with the file
        message = _(
            "unit {unit!r} ({name}) submitted {file}, but that file has errors "
            "(listed with it); fix them to rank the unit"
        ).format(unit=entry.unit_id, name=entry.unit_name, file=broken_files[entry.unit_id])
        return Problem(path, message, row=int(row), table_column="unit_id")
    loaded = by_id.get(entry.unit_id)
    if loaded is None:
        if allow_absent or partial:
            return None
        message = _(
            "unit {unit_id!r} ({unit_name}) has not submitted an "
            "assessment (use --allow-absent to rank it last as not "
            "submitted)"
        ).format(unit_id=entry.unit_id, unit_name=entry.unit_name)
        return Problem(path, message, row=int(row), table_column="unit_id")
    if loaded.unit.group == entry.group:
        return None
    message = _(
        "the roster puts {unit_id!r} in group {group!r} but its assessment says {assessed!r}"
    ).format(unit_id=entry.unit_id, group=entry.group, assessed=loaded.unit.group)
    return Problem(path, message, row=int(row), table_column="group")


def roster_units(
    roster: dict[str, RosterEntry],
    units: dict[str, Framework],
    frameworks: dict[str, LoadedFramework],
) -> dict[str, Framework]:
    """Roster units without an assessment, with the framework of their group (their table
    rows are checked against it)."""
    extra: dict[str, Framework] = {}
    for entry in roster.values():
        for loaded in frameworks.values():
            if entry.unit_id not in units and loaded.framework.group == entry.group:
                extra[entry.unit_id] = loaded.framework
    return extra


def is_blank(loaded: LoadedAssessment) -> bool:
    """Not filled in by its unit: no criterion answered at all (every value empty, nothing
    marked not applicable), or a form made from last year's that still holds its answers
    unchanged."""
    return loaded.untouched or not any(
        claim.points is not None or claim.not_applicable for claim in loaded.claims.values()
    )


def without_blank_forms(
    request: Request,
    assessments: list[LoadedAssessment],
    frameworks: dict[str, LoadedFramework],
    roster: dict[str, RosterEntry] | None,
    log: ProblemLog,
) -> list[LoadedAssessment]:
    """A blank form is not a submission: an error for `rank` and `validate`; with
    --roster --allow-absent its unit ranks as not submitted (and its unanswered criteria are
    not reported as missing answers). `score` scores it as it is."""
    if request.single_unit:
        return assessments
    kept = []
    set_aside: set[str] = set()  # the files of blank forms whose units rank as not submitted
    for loaded in assessments:
        framework = frameworks[loaded.framework].framework
        answerable = any(leaf.criterion.source == "self" for leaf in framework.leaves)
        if not answerable or not is_blank(loaded):
            kept.append(loaded)
            continue
        absent = roster is not None and request.allow_absent and loaded.unit.id in roster
        message, severity = _blank_said(loaded, absent)
        if absent:
            set_aside.add(loaded.located or loaded.path)  # where its problems are said
        else:
            kept.append(loaded)
        log.add(loaded.unit_problem(message.format(unit=loaded.unit.id), severity))
    if set_aside:  # a form nobody filled in has no missing answers: its unit has not submitted
        log[:] = [p for p in log if not (p.code == "missing" and p.path in set_aside)]
    return kept


def _blank_said(loaded: LoadedAssessment, absent: bool) -> tuple[str, Severity]:
    """What a form its unit has not filled in is told: a warning when its unit ranks as not
    submitted (`absent`), else an error."""
    if loaded.untouched and absent:
        return _(
            "form not filled in? it still holds the answers carried over from last year, "
            "unchanged; unit {unit!r} ranks as not submitted"
        ), "warning"
    if loaded.untouched:
        return _(
            "form not filled in? it still holds the answers carried over from last year, "
            "unchanged; the unit updates them for this year, or with --roster --allow-absent "
            "the unit ranks as not submitted"
        ), "error"
    if absent:
        return _(
            "blank form? no criterion is answered; unit {unit!r} ranks as not submitted"
        ), "warning"
    return _(
        "blank form? no criterion is answered (every value is empty); fill in the answers, "
        "or with --roster --allow-absent the unit ranks as not submitted"
    ), "error"
