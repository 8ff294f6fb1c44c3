"""What a unit's answer puts in the cells of its workbook form: numbers as numbers, an option
by its drop-down entry (its label in the form's language), yes/no by the drop-down's words, the
evidence one document a line; and how many lines of text a row then needs."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from parindex.core.forms import BOOLEAN_ENTRIES, NOT_APPLICABLE_ENTRIES, FormAnswer
from parindex.core.kinds.models import BooleanRule, ChoiceRule, RatioRule
from parindex.core.models import Criterion
from parindex.core.numbers import parse_number
from parindex.core.rules import value_bounds
from parindex.i18n import Lang
from parindex.outputs.workbooks.form_words import option_entry

Cell = str | Decimal
CHARS_PER_WIDTH = 1.05  # letters of running text per unit of column width (bold ones are wider)


def answer_cells(criterion: Criterion, answer: FormAnswer, lang: Lang) -> dict[str, Cell]:
    """What an answer puts in each of its cells, by key. A ratio's `n/d` fills its numerator
    and denominator; a numerator and denominator of a leaf that is no longer a ratio become
    its value `n/d` (its reader will say what the rule takes)."""
    cells: dict[str, Cell] = {}
    numerator, denominator, value = answer.numerator, answer.denominator, answer.value
    rule = criterion.rule
    if isinstance(rule, RatioRule) and value is not None and "/" in value:
        left, _slash, right = value.partition("/")
        if parse_number(left) is not None and parse_number(right) is not None:
            numerator, denominator, value = left.strip(), right.strip(), None
    elif not isinstance(rule, RatioRule) and value is None and (numerator or denominator):
        value, numerator, denominator = f"{numerator or ''}/{denominator or ''}", None, None
    if value is not None:
        cells["value"] = _value_cell(criterion, value, lang)
    for key, text in (("numerator", numerator), ("denominator", denominator)):
        if text is not None:
            cells[key] = number_or_text(text)
    if answer.not_applicable:
        cells["not_applicable"] = NOT_APPLICABLE_ENTRIES[lang]
    if answer.reason:
        cells["reason"] = answer.reason
    if answer.self_points is not None:
        cells["self_points"] = number_or_text(answer.self_points)
    if answer.evidence:
        cells["evidence"] = "\n".join(answer.evidence)
    return cells


def _value_cell(criterion: Criterion, value: str, lang: Lang) -> Cell:
    rule = criterion.rule
    if isinstance(rule, ChoiceRule):
        return option_entry(criterion, value, lang) if value in rule.options else value
    if isinstance(rule, BooleanRule):
        yes, no = BOOLEAN_ENTRIES[lang]
        return yes if value == "yes" else no if value == "no" else value
    return number_or_text(value) if value_bounds(criterion) is not None else value


def number_or_text(text: str) -> Cell:
    """A number typed as a number (a decimal comma read as people write it), else the text."""
    number = parse_number(text, decimal_comma=True)
    return number if number is not None else text


def text_lines(widths: Mapping[str, float], texts: Mapping[str, Cell]) -> int:
    """Lines a row's wrapped texts take in their columns: spreadsheets do not size rows when
    they open a file."""
    lines = 1
    for key, text in texts.items():
        if not isinstance(text, str) or key not in widths:
            continue
        per_line = max(int(widths[key] * CHARS_PER_WIDTH) - 1, 1)
        lines = max(lines, sum(-(-max(len(part), 1) // per_line) for part in text.split("\n")))
    return lines
