"""A unit's workbook form held against its framework: the title block names the unit and the
framework, each row's cells become the criterion's answer, and every check a YAML assessment
has runs on them (`documents.loading.check_assessment`), each problem placed at its row and key:
`FORM.xlsx[SHEET]:ROW: error: answers["1.2"].value: …`.

What only a form can get wrong is checked here: a row whose criterion is no node of the
framework, a criterion twice, a `self` leaf without its row, a cell that was a formula without a
value or a date, a `numerator` without its `denominator`, a rate given twice, a
`not_applicable` cell that holds neither the drop-down's entry nor `x`, points that are no
number.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from pydantic import ValidationError

from parindex.core.forms import (
    ANSWER_KEYS,
    CARRIED_KEY,
    NOT_APPLICABLE_ENTRIES,
    NOT_APPLICABLE_MARKS,
    answers_digest,
)
from parindex.core.models import Assessment, Criterion, Framework, Leaf
from parindex.core.numbers import parse_number
from parindex.errors import Problem, Severity, format_key_path
from parindex.i18n import _, current
from parindex.inputs.documents.answers import NO_EVIDENCE
from parindex.inputs.documents.loading import LoadedAssessment, check_assessment
from parindex.inputs.documents.validation import pydantic_problems
from parindex.inputs.documents.yamlbuild import Path
from parindex.inputs.forms.sheet import FormRow, FormSheet, Titled
from parindex.inputs.tables.cells import CELL_LIMIT, cell_problem
from parindex.inputs.tables.cellvalues import Mark

FREE_TEXT = frozenset({"reason", "evidence"})  # a date or a number there is just its text
_COMMA_NUMBER = re.compile(r"([+-]?\d+),(\d+)\Z")  # 87,5 as people in Vietnam type it
UNIT_KEYS = {"id": "unit_id", "name": "unit_name", "group": "group"}
WORDS = ("choice", "boolean")  # the kinds whose values are words, not numbers
Refuse = Callable[[str, str], None]  # a problem at one cell of the row: its key, the message


class FormLocator:
    """Where a key path of the form stands: an answer's key at its criterion's row, the
    unit's and the framework's at their title rows, anything else at the key row."""

    def __init__(self, sheet: FormSheet, rows: dict[str, int], data: dict[str, object]) -> None:
        self.path = sheet.where
        self.data = data
        self.rows = rows
        self.title = {key: titled.row for key, titled in sheet.title.items()}
        self.key_row = sheet.key_row

    def locate(self, parts: Path, *, key: bool = False) -> tuple[int, int]:
        if len(parts) > 1 and parts[0] == "answers":
            return self.rows.get(str(parts[1]), self.key_row), 1
        if len(parts) > 1 and parts[0] == "unit":
            return self.title.get(UNIT_KEYS.get(str(parts[1]), ""), self.key_row), 1
        if parts[:1] == ("framework",):
            return self.title.get("framework", self.key_row), 1
        return self.key_row, 1

    def problem(
        self,
        parts: Path,
        message: str,
        *,
        key: bool = False,
        severity: Severity = "error",
        code: str = "",
    ) -> Problem:
        if code == NO_EVIDENCE:  # said in the words of the form, at its evidence cell
            parts = (*parts, "evidence")
            message = _(
                "evidence is required for this criterion: list the documents in its evidence "
                "cell, one per line"
            )
        row, _column = self.locate(parts, key=key)
        return Problem(
            self.path,
            message,
            row=row,
            table_column=format_key_path(parts),
            severity=severity,
            code=code,
        )


class Checked(NamedTuple):
    """What a form gave: the assessment (None when its errors keep it from scoring), every
    problem, and the unit and framework it names (for a form that failed)."""

    assessment: LoadedAssessment | None
    problems: list[Problem]
    unit_id: str | None
    framework_id: str | None


def title_value(sheet: FormSheet, key: str) -> str | None:
    titled = sheet.title.get(key)
    return titled.text if titled is not None and titled.text else None


def check_form(
    sheet: FormSheet,
    framework: Framework,
    *,
    strict: bool = False,
    evidence: bool = True,
    lenient: bool = False,
) -> Checked:
    """The form against `framework` (the one its title block names)."""
    problems = list(sheet.problems)
    unit = _unit(sheet, problems)
    unit_id = title_value(sheet, "unit_id")
    rows = _criteria_rows(sheet.rows, sheet.where, problems)
    answers, places = _answers(rows, framework, sheet, problems)
    data: dict[str, object] = {"unit": unit, "framework": framework.framework, "answers": answers}
    where = FormLocator(sheet, places, data)
    try:
        assessment = Assessment.model_validate(data)
    except ValidationError as exc:
        return Checked(None, problems + pydantic_problems(where, exc, Assessment), unit_id, None)
    unit_row = sheet.title["unit_id"].row if "unit_id" in sheet.title else sheet.key_row
    loaded, found = check_assessment(
        where,
        assessment,
        framework,
        sheet.path,
        (unit_row, 1),
        strict=strict,
        evidence=evidence,
        lenient=lenient,
    )
    if any(p.severity == "error" for p in problems):  # a cell the checks could not see
        loaded = None
    if loaded is not None:
        loaded.located = sheet.where
        made = sheet.title.get(CARRIED_KEY)
        loaded.untouched = made is not None and made.text == answers_digest(
            row.cells for row in sheet.rows
        )
    # A value left out for what is wrong with its cell is not "not answered" as well, nor is
    # a criterion without a row (said above; its "missing" stands at the key row).
    spoiled = {p.row for p in problems if p.severity == "error"}
    problems += [p for p in found if not (p.code == "missing" and p.row in spoiled)]
    return Checked(loaded, problems, unit_id, framework.framework)


def _unit(sheet: FormSheet, problems: list[Problem]) -> dict[str, str]:
    """The unit the title block names; an empty or damaged value is a problem at its row."""
    unit = {}
    for field, key in UNIT_KEYS.items():
        titled = sheet.title.get(key)
        if titled is None:  # a missing title row: said by the sheet's reader
            unit[field] = "-"
            continue
        message = _title_problem(key, titled)
        if message:
            problems.append(
                Problem(sheet.where, message, row=titled.row, table_column=f"unit.{field}")
            )
        unit[field] = titled.text or "-"
    return unit


def _title_problem(key: str, titled: Titled) -> str:
    message = cell_problem(key, titled.text, titled.mark, key != "unit_name")
    if message:
        return message
    if not titled.text:
        return _("empty; the title block must name the unit and the framework")
    return ""


def _criteria_rows(rows: list[FormRow], where: str, problems: list[Problem]) -> dict[str, FormRow]:
    """Each criterion's row; a criterion given twice, or an id that is no text, is a problem."""
    found: dict[str, FormRow] = {}
    for row in rows:
        text = row.cells["criterion"]
        message = cell_problem("criterion", text, row.marks.get("criterion"), True)
        if message:
            problems.append(Problem(where, message, row=row.number, table_column="criterion"))
            continue
        first = found.get(text)
        if first is not None:
            problems.append(
                Problem(
                    where,
                    _(
                        "criterion {id!r} has a second row (the first is row {first}); a form "
                        "has one row per criterion"
                    ).format(id=text, first=first.number),
                    row=row.number,
                    table_column="criterion",
                )
            )
            continue
        found[text] = row
    return found


def _answers(
    rows: dict[str, FormRow],
    framework: Framework,
    sheet: FormSheet,
    problems: list[Problem],
) -> tuple[dict[str, dict[str, object]], dict[str, int]]:
    """The answers the rows give, by criterion, and each criterion's row. Every `self` leaf's
    row gives one (an empty one is missing); any other row gives one only when it holds an
    answer, or when its criterion is no node of the framework (both are errors there)."""
    answers: dict[str, dict[str, object]] = {}
    places = {criterion_id: row.number for criterion_id, row in rows.items()}
    for criterion_id, row in rows.items():
        leaf = framework.leaf(criterion_id)
        node = framework.node(criterion_id)
        filled = any(key in row.cells for key in ANSWER_KEYS)
        if node is None or (leaf is None and filled):
            answers[criterion_id] = {}
        elif leaf is not None and (leaf.criterion.source == "self" or filled):
            answers[criterion_id] = _answer(leaf, row, sheet.where, problems)
    problems.extend(
        Problem(
            sheet.where,
            _(
                "criterion {id!r} has no row in this form (a deleted row, or a form of an "
                "older framework?): make it again with `parindex template FRAMEWORK --from "
                "{file} -o NEW.xlsx`"
            ).format(id=leaf.id, file=sheet.path),
            row=sheet.key_row,
            table_column=format_key_path(("answers", leaf.id)),
        )
        for leaf in framework.leaves
        if leaf.criterion.source == "self" and leaf.id not in rows
    )
    return answers, places


def _answer(leaf: Leaf, row: FormRow, where: str, problems: list[Problem]) -> dict[str, object]:
    """The answer a leaf's row gives, as an assessment holds it; what a cell gets wrong is a
    problem at the cell, and the cell is left out of the answer (its other cells are still
    checked)."""
    parts: Path = ("answers", leaf.id)

    def refuse(key: str, message: str) -> None:
        problems.append(
            Problem(where, message, row=row.number, table_column=format_key_path((*parts, key)))
        )

    cells = {key: text for key, text in row.cells.items() if key in ANSWER_KEYS}
    for key, mark in row.marks.items():  # the cells that were not plain text
        message = _cell_message(key, cells.get(key, ""), mark) if key in ANSWER_KEYS else ""
        if message:
            refuse(key, message)
            cells.pop(key, None)
    for key, text in list(cells.items()):
        if len(text) > CELL_LIMIT:
            refuse(key, cell_problem(key, text, None, False))
            del cells[key]
    return _answer_of(leaf.criterion, cells, refuse)


def _cell_message(key: str, text: str, mark: tuple[Mark, str] | None) -> str:
    if mark is not None and key in FREE_TEXT and mark[0] in ("date", "number"):
        return ""
    return cell_problem(key, text, mark, False)


def _answer_of(criterion: Criterion, cells: dict[str, str], refuse: Refuse) -> dict[str, object]:
    """The answer the cells give: the value (or the ratio), not applicable and its reason,
    the points claimed, the evidence documents (one a line, blank lines dropped)."""
    answer: dict[str, object] = {}
    value = _value_of(criterion, cells, refuse)
    if _not_applicable(cells.get("not_applicable"), refuse):
        answer["not_applicable"] = True
        if value is not None:
            entry = NOT_APPLICABLE_ENTRIES[current()]
            refuse("value", _("give either the result or “{entry}”, not both").format(entry=entry))
            value = None
    if value is not None:
        answer["value"] = value
    if "reason" in cells:
        answer["reason"] = cells["reason"]
    claimed = cells.get("self_points")
    if claimed is not None:
        number = parse_number(claimed, decimal_comma=True) or _out_of_range(claimed)
        if number is None:
            message = _(
                "{value!r} is not a number; the points claimed are a number such as 1 or 0,5"
            )
            refuse("self_points", message.format(value=claimed))
        else:
            answer["self_points"] = number
    documents = [line.strip() for line in cells.get("evidence", "").splitlines()]
    answer["evidence"] = [line for line in documents if line]
    return answer


def _out_of_range(text: str) -> str | None:
    """A number too large (or with too many decimals) for parindex, as written: the check
    of every assessment's points says it is out of range, as it does for a YAML form."""
    written = _comma_number(text.strip())
    try:
        number = Decimal(written)
    except InvalidOperation:
        return None
    return written if number.is_finite() else None


def _value_of(criterion: Criterion, cells: dict[str, str], refuse: Refuse) -> object:
    """The value of the `value` cell, or of the numerator and the denominator."""
    value = cells.get("value")
    if value is not None and criterion.rule is not None and criterion.rule.kind not in WORDS:
        bare = value[:-1].strip() if value.endswith("%") else None
        if bare and parse_number(bare, decimal_comma=True) is not None:
            message = _("{value!r}: type the number without the percent sign ({number})")
            refuse("value", message.format(value=value, number=bare))
            return None
        value = _comma_number(value)
    if value is not None and value.casefold() in NOT_APPLICABLE_MARKS:
        message = _(
            "{value!r} is not a value; if the criterion did not arise, choose “{entry}” in its "
            "not_applicable cell and give the reason"
        )
        refuse("value", message.format(value=value, entry=NOT_APPLICABLE_ENTRIES[current()]))
        value = None
    ratio = _ratio(criterion, cells, value is not None, refuse)
    return ratio if ratio is not None else value


def _not_applicable(marked: str | None, refuse: Refuse) -> bool:
    """Whether the `not_applicable` cell marks the criterion: the drop-down's entry (either
    language), `x`, or empty."""
    if marked is None:
        return False
    if marked.casefold() in NOT_APPLICABLE_MARKS:
        return True
    message = _(
        "{value!r} is not the drop-down's entry; choose “{entry}” (or write x) if the "
        "criterion did not arise, or leave the cell empty"
    )
    refuse("not_applicable", message.format(value=marked, entry=NOT_APPLICABLE_ENTRIES[current()]))
    return False


def _ratio(
    criterion: Criterion, cells: dict[str, str], valued: bool, refuse: Refuse
) -> dict[str, str] | None:
    """A ratio's numerator and denominator, given together and instead of a value."""
    numerator, denominator = cells.get("numerator"), cells.get("denominator")
    if numerator is None and denominator is None:
        return None
    if criterion.rule is None or criterion.rule.kind != "ratio":
        key = "numerator" if numerator is not None else "denominator"
        refuse(key, _("only a rate (a ratio criterion) takes a numerator and a denominator"))
        return None
    if valued:
        message = _(
            "give the rate either in the value cell or as a numerator and a denominator, not both"
        )
        refuse("value", message)
    if numerator is None or denominator is None:
        missing = "numerator" if numerator is None else "denominator"
        message = _(
            "the numerator and the denominator go together: fill in both, or give the rate in "
            "the value cell"
        )
        refuse(missing, message)
        return None
    if valued:
        return None
    return {"numerator": _comma_number(numerator), "denominator": _comma_number(denominator)}


def _comma_number(text: str) -> str:
    """`87,5` as people in Vietnam type it, with the decimal point files use."""
    match = _COMMA_NUMBER.match(text)
    return f"{match.group(1)}.{match.group(2)}" if match else text
