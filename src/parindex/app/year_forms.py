"""The forms `init` lays out: one workbook per roster unit, `forms/<group>/<unit_id>.xlsx`,
of the framework of the unit's group (the template use case's writer), prefilled from the
unit's form of last year when `--from` names that year's folder (and then marked with the
digest of those answers, so that it counts as not submitted until its unit changes one)."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Mapping

from parindex.app.outcome import OutputFile
from parindex.app.template import carried_answers
from parindex.core.forms import FormAnswer, Prefill, answers_digest
from parindex.core.models import Framework
from parindex.errors import InputError, ProblemLog
from parindex.i18n import Lang, _
from parindex.inputs.forms.prefill import read_prefill, read_prefills
from parindex.inputs.forms.sheet import made_answers
from parindex.inputs.tables.roster import RosterEntry
from parindex.outputs.workbooks.form_sheet import FormTemplate

FORMS = "forms"


def unit_forms(
    roster: Iterable[RosterEntry],
    frameworks: Mapping[str, Framework],
    lang: Lang,
    earlier: Mapping[str, Prefill],
    warnings: list[str],
) -> list[OutputFile]:
    """A form for every unit of `roster`, of the framework of its group (`frameworks` by
    group; every group has one), at its place in the year's folder; prefilled from the
    unit's form in `earlier` (by unit id) when there is one, what it cannot carry said in
    `warnings`."""
    makers = {group: FormTemplate(framework, lang) for group, framework in frameworks.items()}
    forms = []
    for entry in roster:
        prefill = earlier.get(entry.unit_id)
        framework = frameworks[entry.group]
        answers = carried_answers(framework, prefill, warnings) if prefill else {}
        data = carried_form(makers[entry.group], entry.unit_id, entry.unit_name, answers)
        forms.append(OutputFile(f"{FORMS}/{entry.group}/{entry.unit_id}.xlsx", data))
    return forms


def carried_form(
    maker: FormTemplate, unit_id: str, unit_name: str, answers: Mapping[str, FormAnswer]
) -> bytes:
    """The unit's new form; one holding last year's answers records their digest, so that it
    reads as not filled in (its unit has not submitted) until the unit changes an answer.
    (`template --from` records none: a form made from a draft is the unit's own answers.)"""
    data = maker.fill(unit_id, unit_name, answers)
    if not answers:
        return data
    return maker.fill(unit_id, unit_name, answers, answers_digest(made_answers(data)))


def earlier_forms(places: Iterable[str], warnings: list[str]) -> dict[str, Prefill]:
    """Last year's forms under `places` (its settings' `units`: folders or files), by unit.
    A form that cannot be read does not stop the new year: it is said in `warnings` and its
    unit's new form is blank."""
    log = ProblemLog()
    found: dict[str, Prefill] = {}
    for place in places:
        if os.path.isdir(place):
            found.update(read_prefills(place, log))
            continue
        try:
            prefill = read_prefill(place)
        except InputError as exc:
            log.extend(exc.problems)
            continue
        if prefill.unit_id is not None:
            found.setdefault(prefill.unit_id, prefill)
    blank = _("last year's form was not carried over; the unit's new form is blank")
    for problem in log:
        said = dataclasses.replace(problem, message=f"{problem.message} ({blank})")
        warnings.append(dataclasses.replace(said, severity="warning").render())
    return found
