"""`template`: a unit's form, blank or prefilled from an earlier one, as YAML or as the
workbook a unit fills in Excel; with a roster, one form per unit of the
framework's group. A form is never written over an existing file: someone may have filled it
in."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from parindex.app.outcome import Outcome, OutputFile, Watch
from parindex.app.requests import FormKind, TemplateRequest
from parindex.core.forms import FormAnswer, Prefill, carried
from parindex.core.models import Framework
from parindex.errors import InputError, OutputError, Problem, ProblemLog, UsageError
from parindex.i18n import _, current, grouped
from parindex.inputs.documents.loading import load_framework_file
from parindex.inputs.forms.prefill import read_prefill, read_prefills
from parindex.inputs.tables.cells import CELL_LIMIT, ID_LIMIT
from parindex.inputs.tables.roster import RosterEntry, load_roster
from parindex.outputs.template import render_template
from parindex.outputs.workbooks.form_sheet import FormTemplate

SUFFIXES: Mapping[str, FormKind] = {".xlsx": "xlsx", ".yaml": "yaml", ".yml": "yaml"}


def template(request: TemplateRequest, watch: Watch | None) -> Outcome:
    """`template`: the form on stdout (YAML), in a new file, or one per roster unit."""
    framework = load_framework_file(request.framework)
    guard = [p for p in (request.framework, request.roster, request.source) if p]
    outcome = Outcome(guard=guard)
    if request.roster is not None:
        _roster_forms(request, framework, outcome)
        return outcome
    prefill = read_prefill(request.source) if request.source else None
    unit_id = request.unit_id or (prefill.unit_id if prefill else None)
    unit_name = request.unit_name or (prefill.unit_name if prefill else None)
    if not unit_id or not unit_name:
        raise UsageError(
            _("--unit-id and --unit-name are needed (or --from a form that names the unit)")
        )
    _fits(unit_id, unit_name)
    answers = carried_answers(framework, prefill, outcome.warnings) if prefill else {}
    if request.output is None:
        outcome.stdout = render_template(framework, unit_id, unit_name, request.lang, answers)
        return outcome
    kind = SUFFIXES[os.path.splitext(request.output)[1].lower()]
    if kind == "xlsx":
        data = FormTemplate(framework, request.lang).fill(unit_id, unit_name, answers)
    else:
        data = render_template(framework, unit_id, unit_name, request.lang, answers).encode()
    outcome.files.append(OutputFile(request.output, data, refuse_existing=_refusal(request.output)))
    return outcome


def _fits(unit_id: str, unit_name: str) -> None:
    """A form parindex writes is one it reads back: an id and a name within their cells."""
    for option, text, limit in (
        ("--unit-id", unit_id, ID_LIMIT),
        ("--unit-name", unit_name, CELL_LIMIT),
    ):
        if len(text) > limit:
            message = _(
                "{option}: {length} characters, more than the {limit} a form holds there; "
                "shorten it"
            ).format(
                option=option,
                length=grouped(len(text), current()),
                limit=grouped(limit, current()),
            )
            raise UsageError(message)


def _refusal(path: str) -> str:
    return _("{file}: already exists; parindex does not overwrite a form").format(file=path)


def carried_answers(
    framework: Framework, prefill: Prefill, warnings: list[str]
) -> dict[str, FormAnswer]:
    """The answers a new form takes from `prefill`; the criteria it cannot take, and a unit
    of another group, said in `warnings`."""
    answers, dropped, unmarked = carried(framework, prefill)
    messages = []
    if dropped:
        messages.append(
            _(
                "answers to criteria that the unit does not answer in {framework} were not "
                "copied: {criteria}"
            ).format(framework=framework.framework, criteria=", ".join(dropped))
        )
    if unmarked:
        messages.append(
            _(
                "criteria marked not applicable that {framework} does not let be: the mark was "
                "not copied: {criteria}"
            ).format(framework=framework.framework, criteria=", ".join(unmarked))
        )
    if prefill.group and prefill.group != framework.group:
        messages.append(
            _(
                "the unit is in group {group!r} there; the new form is for group {expected!r} "
                "of {framework}"
            ).format(group=prefill.group, expected=framework.group, framework=framework.framework)
        )
    warnings += [Problem(prefill.path, m, severity="warning").render() for m in messages]
    return answers


def _roster_forms(request: TemplateRequest, framework: Framework, outcome: Outcome) -> None:
    """One form per roster unit of the framework's group, into the directory `-o` names,
    each prefilled from its unit's form in the --from folder when there is one."""
    folder = request.output
    assert request.roster is not None and folder is not None  # the cli insists on both
    if not Path(folder).is_dir():
        raise OutputError(
            _("{path}: not a directory; with --roster, -o names the folder of the forms").format(
                path=folder
            )
        )
    log = ProblemLog()
    roster = load_roster(request.roster, log)
    prefills = read_prefills(request.source, log) if request.source else {}
    log.raise_if_errors()
    entries = _group_entries(roster, framework, request.roster)
    maker = FormTemplate(framework, request.lang) if request.form == "xlsx" else None
    for entry in entries:
        prefill = prefills.get(entry.unit_id)
        answers = carried_answers(framework, prefill, outcome.warnings) if prefill else {}
        if maker is not None:
            data = maker.fill(entry.unit_id, entry.unit_name, answers)
        else:
            text = render_template(framework, entry.unit_id, entry.unit_name, request.lang, answers)
            data = text.encode()
        target = os.path.join(folder, f"{entry.unit_id}.{request.form}")
        outcome.files.append(OutputFile(target, data, refuse_existing=_refusal(target)))


def _group_entries(
    roster: Mapping[str, RosterEntry], framework: Framework, path: str
) -> list[RosterEntry]:
    """The roster's units of the framework's group, in unit-id order; an id that cannot name
    a file is an error at its row."""
    entries = sorted(
        (e for e in roster.values() if e.group == framework.group), key=lambda e: e.unit_id
    )
    if not entries:
        groups = ", ".join(sorted({e.group for e in roster.values()}))
        raise InputError(
            [
                Problem(
                    path,
                    _("no unit of group {group!r} on the roster (its groups: {groups})").format(
                        group=framework.group, groups=groups
                    ),
                )
            ]
        )
    problems = []
    for entry in entries:
        if entry.unit_id in (".", "..") or any(c in entry.unit_id for c in "/\\\0"):
            where, _colon, row = entry.where.rpartition(":")
            message = _(
                "{unit_id!r} cannot name the unit's form file ({unit_id}.xlsx): an id holds no "
                "/ or \\"
            ).format(unit_id=entry.unit_id)
            problems.append(Problem(where, message, row=int(row), table_column="unit_id"))
    if problems:
        raise InputError(problems)
    return entries
