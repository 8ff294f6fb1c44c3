"""`init`: a new year's folder — its settings, its frameworks and questionnaires,
its roster, a form per roster unit, the empty folders of the year's later stages and a
README — made whole, or nothing at all when any input is wrong. With `--from`, last year's
folder gives what is not named: its frameworks, its roster, each unit's form to prefill the
new one, and its rankings as the earlier years."""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Mapping
from pathlib import Path

from parindex.app.last_year import LastYear, read_last_year
from parindex.app.outcome import NewFolder, Outcome, OutputFile, Watch
from parindex.app.requests import InitRequest
from parindex.app.year_forms import FORMS, earlier_forms, unit_forms
from parindex.core.models import Framework
from parindex.errors import InputError, ParindexError, Problem, ProblemLog, UsageError, shown
from parindex.i18n import _, ngettext
from parindex.inputs.discovery import Request
from parindex.inputs.documents.loading import read_document
from parindex.inputs.gather import Inputs, gather
from parindex.inputs.settings import FILE_NAME, FIRST_YEAR, LAST_YEAR
from parindex.inputs.shipped import shipped_criteria
from parindex.inputs.tables.roster import RosterEntry, load_roster
from parindex.outputs.files import check_new_folder
from parindex.outputs.year_folder import FOLDERS, readme_text, settings_text

CRITERIA = "criteria"
README = "README.txt"
# What a unit id or a group may not hold: each names a file or a folder of the year's forms.
_NOT_IN_NAMES = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f]')


def init(request: InitRequest, watch: Watch | None) -> Outcome:
    """The year's folder as one `NewFolder`; InputError with every problem found (the folder
    that is not empty, last year's folder, the frameworks, the roster) and nothing made."""
    if not request.folder.strip():  # an empty DIR would be the current folder: never meant
        raise UsageError(_("DIR is empty; give the new year's folder, e.g. 2026"))
    year = _year(request.year)
    log = ProblemLog()
    refusal = check_new_folder(request.folder)
    if refusal is not None:
        log.add(Problem(request.folder, refusal))
    last = read_last_year(request.last_year, year, log) if request.last_year else None
    criteria = _criteria(request, last, log)
    inputs = _frameworks(criteria, log) if criteria is not None else None
    roster_path = request.roster or (last.roster if last is not None else None)
    if roster_path is None and last is not None:
        log.add(
            Problem(
                os.path.join(last.folder, FILE_NAME),
                _("its settings name no roster; give --roster FILE"),
            )
        )
    roster = load_roster(roster_path, log) if roster_path is not None else {}
    by_group = _by_group(inputs, log) if inputs is not None else None
    if roster_path is not None and by_group is not None:
        _check_roster(roster_path, roster, by_group, log)
    log.raise_if_errors()
    assert inputs is not None and by_group is not None and roster_path is not None
    warnings = [
        w.render()
        for w in [*inputs.warnings, *_year_warnings(inputs, year, request.folder, str(criteria))]
    ]
    earlier = earlier_forms(last.units, warnings) if last is not None else {}
    roster_name = "roster" + (Path(roster_path).suffix.lower() or ".csv")
    previous = [] if last is None else last.previous
    files = [
        OutputFile(FILE_NAME, _settings(request, year, roster_name, previous).encode("utf-8")),
        OutputFile(README, ("\ufeff" + readme_text(year, roster_name)).encode("utf-8")),
        OutputFile(roster_name, Path(roster_path).read_bytes()),
        *_criteria_files(inputs, str(criteria)),
        *unit_forms(roster.values(), by_group, request.lang, earlier, warnings),
    ]
    folders = [CRITERIA, FORMS, *(name.rstrip("/") for name, _what in FOLDERS)]
    notes = _said(request, inputs, roster, last)
    return Outcome(
        warnings=warnings,
        folder=NewFolder(request.folder, list(dict.fromkeys(folders)), files),
        notes=notes,
    )


def _year(text: str) -> int:
    """--year as a whole year."""
    if re.fullmatch(r"[0-9]{4}", text.strip()) and FIRST_YEAR <= int(text) <= LAST_YEAR:
        return int(text)
    raise ParindexError(
        shown(_("--year {year!r}: not a year; write a whole year such as 2026").format(year=text))
    )


def _criteria(request: InitRequest, last: LastYear | None, log: ProblemLog) -> str | None:
    """The frameworks' folder: --criteria, else last year's (--from), else those shipped with
    parindex; None (and a problem) when this installation has none."""
    if request.criteria is not None:
        return request.criteria
    if last is not None and last.criteria is not None:
        return last.criteria
    if request.last_year is not None and last is None:
        return None  # last year's folder is wrong: its problems say so
    shipped = shipped_criteria()
    if shipped is None:
        log.add(
            Problem(
                "--criteria",
                _(
                    "the frameworks shipped with parindex are not installed here; give "
                    "--criteria DIR, the folder of this year's frameworks"
                ),
            )
        )
    return shipped


def _frameworks(criteria: str, log: ProblemLog) -> Inputs | None:
    """The frameworks and questionnaires of `criteria`, checked as every command checks them;
    None (their problems in `log`) when any is wrong."""
    try:
        inputs = gather(
            Request(paths=[], criteria=criteria, criteria_given=True, need_assessments=False)
        )
    except InputError as exc:
        log.extend(exc.problems)
        return None
    if not inputs.frameworks:
        log.add(Problem(criteria, _("no frameworks in this folder (files with 'framework:')")))
        return None
    return inputs


def _by_group(inputs: Inputs, log: ProblemLog) -> dict[str, Framework] | None:
    """Each group's framework: a unit's form follows the one framework of its group."""
    by_group: dict[str, Framework] = {}
    paths: dict[str, str] = {}
    for loaded in inputs.frameworks.values():
        group = loaded.framework.group
        if group in by_group:
            log.add(
                read_document(loaded.path).problem(
                    ("group",),
                    _(
                        "group {group!r} already has the framework {path}; a unit's form "
                        "follows one framework, so keep one framework per group"
                    ).format(group=group, path=paths[group]),
                )
            )
            continue
        by_group[group] = loaded.framework
        paths[group] = loaded.path
    return None if len(by_group) < len(inputs.frameworks) else by_group


def _check_roster(
    path: str,
    roster: Mapping[str, RosterEntry],
    frameworks: Mapping[str, Framework],
    log: ProblemLog,
) -> None:
    """Every row's group has a framework, and its unit id and group can name a file."""
    if not roster and not log.errors:
        log.add(Problem(path, _("lists no units; a roster row names unit_id, unit_name and group")))
    for entry in roster.values():
        file, _colon, row = entry.where.rpartition(":")
        for column, text in (("unit_id", entry.unit_id), ("group", entry.group)):
            bad = _NOT_IN_NAMES.search(text)
            if bad is not None or text in (".", "..") or text != text.strip(". "):
                shown_char = repr(bad.group()) if bad else repr(text)
                message = _(
                    "{text!r} cannot name a file ({char}); each unit's form is "
                    "forms/<group>/<unit_id>, so use letters, digits, '-' and '_'"
                ).format(text=text, char=shown_char)
                log.add(Problem(file, message, row=int(row), table_column=column))
        if entry.group not in frameworks:
            message = _("group {group!r} has no framework; the frameworks' groups: {groups}")
            log.add(
                Problem(
                    file,
                    message.format(group=entry.group, groups=", ".join(sorted(frameworks))),
                    row=int(row),
                    table_column="group",
                )
            )


def _year_warnings(inputs: Inputs, year: int, folder: str, criteria: str) -> list[Problem]:
    """A framework of another year: the forms follow it, so it had better be this year's.
    Said at the line of its copy in the new folder, the one the officer edits."""
    warnings = []
    for loaded in inputs.frameworks.values():
        stated = loaded.framework.year
        if stated is not None and stated != year:
            message = _(
                "the framework is of {stated}, the folder of {year}; the forms follow it, so "
                "if {year} has its own framework, remove this new folder and run init again "
                "with --criteria DIR holding it"
            ).format(stated=stated, year=year)
            found = read_document(loaded.path).problem(("year",), message, severity="warning")
            copy = os.path.join(folder, CRITERIA, os.path.relpath(loaded.path, criteria))
            warnings.append(dataclasses.replace(found, path=copy))
    return warnings


def _criteria_files(inputs: Inputs, criteria: str) -> list[OutputFile]:
    """Every framework and questionnaire, copied as it is, where it stands in `criteria`."""
    return [
        OutputFile(
            "/".join((CRITERIA, *Path(os.path.relpath(file, criteria)).parts)),
            Path(file).read_bytes(),
        )
        for file in inputs.files
    ]


def _settings(request: InitRequest, year: int, roster: str, previous: list[tuple[int, str]]) -> str:
    """The settings, earlier rankings named relative to the new folder."""
    folder = os.path.abspath(request.folder)
    relative = [
        (when, Path(os.path.relpath(os.path.abspath(path), folder)).as_posix())
        for when, path in previous
    ]
    return settings_text(year, roster, request.lang, relative)


def _said(
    request: InitRequest,
    inputs: Inputs,
    roster: Mapping[str, RosterEntry],
    last: LastYear | None,
) -> list[str]:
    """What the run tells the officer once the folder is made."""
    made = ngettext(
        "made {folder}: {forms} form, {frameworks} framework(s), {questionnaires} "
        "questionnaire(s), the roster, the settings and README.txt",
        "made {folder}: {forms} forms, {frameworks} framework(s), {questionnaires} "
        "questionnaire(s), the roster, the settings and README.txt",
        len(roster),
    ).format(
        folder=request.folder,
        forms=len(roster),
        frameworks=len(inputs.frameworks),
        questionnaires=len(inputs.questionnaires),
    )
    lines = [made]
    if last is not None and not any(when == last.year for when, _path in last.previous):
        lines.append(
            "note: "
            + _(
                "no ranking of {year} in {folder} (results/ranking-{year}.csv): the settings "
                "name no earlier year; add it under [previous] once you have it"
            ).format(year=last.year, folder=os.path.join(last.folder, "results"))
        )
    here = os.path.abspath(request.folder) == os.path.abspath(os.curdir)
    lines.append(
        _("next: send each unit its form from forms/, then parindex status")
        if here
        else _(
            "next: cd {folder}, send each unit its form from forms/, then parindex status"
        ).format(folder=request.folder)
    )
    return [shown(line) for line in lines]
