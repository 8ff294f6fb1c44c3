"""What a new form takes from an earlier one (`template --from`, and `init --from` for each
unit of last year's folder): the unit it names and its answers, cell by cell, from a YAML
assessment or a workbook form — last year's, or a draft. Nothing is checked against a framework
here: the framework may have changed since, and the new form's reader says what no longer
fits."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from parindex.core.forms import NOT_APPLICABLE_MARKS, FormAnswer, Prefill
from parindex.core.models import Answer, Assessment
from parindex.core.numbers import plain
from parindex.errors import InputError, Problem, ProblemLog
from parindex.i18n import _
from parindex.inputs.documents.loading import classify, read_document
from parindex.inputs.documents.validation import pydantic_problems
from parindex.inputs.forms.checked import title_value
from parindex.inputs.forms.sheet import FormRow, open_form

SUFFIXES = (".yaml", ".yml", ".xlsx")
SPOILT = frozenset({"formula", "error", "damaged"})  # cells whose text is no answer


def read_prefill(path: str) -> Prefill:
    """The unit and answers of the assessment or form at `path`; InputError when it is
    neither, or cannot be read."""
    if path.lower().endswith(".xlsx"):
        return _from_workbook(path)
    if not path.lower().endswith(SUFFIXES):  # a CSV or an .ods is no YAML to parse
        message = _(
            "not a unit's assessment or form: --from takes a YAML assessment (.yaml) or a "
            "workbook form (.xlsx); nothing to prefill"
        )
        raise InputError([Problem(path, message)])
    doc = read_document(path)
    if classify(doc) != "assessment":
        raise InputError(
            [doc.problem((), _("not a unit's assessment (it needs 'unit:'); nothing to prefill"))]
        )
    try:
        assessment = Assessment.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(pydantic_problems(doc, exc, Assessment)) from exc
    unit = assessment.unit
    answers = {key: _from_answer(answer) for key, answer in assessment.answers.items()}
    return Prefill(path, unit.id, unit.name, unit.group, assessment.framework, answers)


def _from_answer(answer: Answer) -> FormAnswer:
    value = answer.value
    numerator = denominator = None
    if isinstance(value, dict):
        numerator, denominator = _text(value.get("numerator")), _text(value.get("denominator"))
        value = None
    return FormAnswer(
        value=_text(value),
        numerator=numerator,
        denominator=denominator,
        not_applicable=bool(answer.not_applicable),
        reason=(answer.reason or "").strip() or None,
        self_points=plain(answer.self_points) if answer.self_points is not None else None,
        evidence=tuple(e.strip() for e in answer.documents if e.strip()),
    )


def _text(value: object) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def _from_workbook(path: str) -> Prefill:
    _kind, sheet = open_form(path)
    if sheet is None or not sheet.key_row:
        problems = sheet.problems if sheet is not None else []
        raise InputError(
            problems
            or [
                Problem(
                    path,
                    _(
                        "not a unit's form: no sheet holds the form's row of column keys; "
                        "nothing to prefill"
                    ),
                )
            ]
        )
    answers = {row.cells["criterion"]: _from_row(row) for row in sheet.rows}
    return Prefill(
        path,
        title_value(sheet, "unit_id"),
        title_value(sheet, "unit_name"),
        title_value(sheet, "group"),
        title_value(sheet, "framework"),
        answers,
    )


def _from_row(row: FormRow) -> FormAnswer:
    cells = {k: v for k, v in row.cells.items() if row.marks.get(k, ("",))[0] not in SPOILT}
    marked = cells.get("not_applicable", "")
    lines = (line.strip() for line in cells.get("evidence", "").splitlines())
    return FormAnswer(
        value=cells.get("value"),
        numerator=cells.get("numerator"),
        denominator=cells.get("denominator"),
        not_applicable=marked.casefold() in NOT_APPLICABLE_MARKS,
        reason=cells.get("reason"),
        self_points=cells.get("self_points"),
        evidence=tuple(line for line in lines if line),
    )


def read_prefills(folder: str, log: ProblemLog) -> dict[str, Prefill]:
    """Every assessment and form under `folder`, by the unit it names (frameworks and other
    YAML files beside them are left alone); a unit named twice is an error naming both
    files."""
    found: dict[str, Prefill] = {}
    for path in _files(Path(folder)):
        try:
            prefill = read_prefill(path)
        except InputError as exc:
            if not _other_document(path):
                log.extend(exc.problems)
            continue
        if prefill.unit_id is None:
            continue
        first = found.get(prefill.unit_id)
        if first is not None:
            message = _("unit id {unit_id!r} is already in {path}; each unit has one form")
            log.add(Problem(path, message.format(unit_id=prefill.unit_id, path=first.path)))
            continue
        found[prefill.unit_id] = prefill
    return found


def _files(folder: Path) -> Iterable[str]:
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        found.extend(
            os.path.join(root, name)
            for name in files
            if name.lower().endswith(SUFFIXES) and not name.startswith("~$")
        )
    return sorted(found)


def _other_document(path: str) -> bool:
    """A framework or questionnaire beside the forms, or a workbook that is no form."""
    if path.lower().endswith(".xlsx"):
        try:
            kind, _sheet = open_form(path)
        except InputError:
            return False
        return kind != "form"
    try:
        return classify(read_document(path)) in ("framework", "questionnaire")
    except InputError:
        return False
