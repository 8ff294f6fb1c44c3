"""What a cell may hold as its column reads it, and rows whose shape says what went wrong
(a number split at its decimal comma, a whole row in one cell)."""

from __future__ import annotations

import itertools

from parindex.i18n import _, current, grouped
from parindex.inputs.tables.cellvalues import Mark

# Columns that hold ids: a number there was typed into a cell Excel formats as a number, and
# `1.10` has already become 1.1 — only the person can say what was meant.
ID_COLUMNS = frozenset({"unit_id", "criterion", "old_id", "new_id"})
# Columns of free text, where a date is just text.
TEXT_COLUMNS = frozenset({"reason", "unit_name", "name", "explanation", "evidence"})
CELL_LIMIT = 32_767  # characters an Excel cell holds
# Characters an id cell may hold: ids are short, and a unit's name given for its id (survey
# forms, with a roster) fits too; a longer cell holds something else, not to be echoed whole.
ID_LIMIT = 255


def pasted_row(cells: list[str], names: list[str], delimiter: str) -> tuple[str, str] | None:
    """(column, message) when a row's one filled cell holds what looks like the whole row,
    its values separated by `,` or `;` (a comma row under a `;` header, a row pasted into
    one cell of a workbook)."""
    filled = [i for i, c in enumerate(cells) if c.strip()]
    if len(filled) != 1 or len(names) < 2:
        return None
    text = cells[filled[0]].strip()
    for separator in ",;":
        if separator == delimiter or len(text.split(separator)) < 2:
            continue
        if delimiter:
            message = _(
                "the whole row seems to be in this one cell ({text!r}): its values are "
                "separated by {separator!r} and the header's by {delimiter!r}; put each value "
                "in its own cell"
            )
        else:
            message = _(
                "the whole row seems to be in this one cell ({text!r}): its values are "
                "separated by {separator!r}; put each value in its own cell (in Excel: Data > "
                "Text to Columns)"
            )
        column = names[filled[0]] if filled[0] < len(names) else ""
        return column, message.format(text=_clip(text), separator=separator, delimiter=delimiter)
    return None


def split_decimal(cells: list[str]) -> str:
    """`6,5` when two neighbouring cells look like a number split at its decimal comma."""
    for left, right in itertools.pairwise(cells):
        a, b = left.strip(), right.strip()
        if a.lstrip("+-").isdigit() and b.isdigit():
            return f"{a},{b}"
    return ""


def cell_problem(column: str, text: str, mark: tuple[Mark, str] | None, is_id: bool) -> str:
    """What is wrong with a cell as its column reads it (`is_id`: an id column), or ''."""
    if len(text) > CELL_LIMIT:
        return _(
            "{length} characters: longer than the {limit} characters a spreadsheet cell holds; "
            "shorten it"
        ).format(length=grouped(len(text), current()), limit=grouped(CELL_LIMIT, current()))
    if is_id and len(text) > ID_LIMIT:
        return _(
            "{length} characters: an id holds at most {limit}; check that the cell holds the "
            "id (or, in a survey form, the unit's name) and nothing else"
        ).format(length=grouped(len(text), current()), limit=ID_LIMIT)
    if mark is None:
        return ""
    kind, shown = mark
    if kind == "damaged":
        return shown
    if kind == "formula":
        return _(
            "the formula {formula} has no saved value (the file was written by a program that "
            "does not calculate); open it in Excel and save it, or paste the values"
        ).format(formula=_clip(shown))
    if kind == "error":
        return _("the cell shows Excel's error {error}; fix its formula or type the value").format(
            error=shown
        )
    if kind == "date" and column not in TEXT_COLUMNS:
        return _(
            "Excel turned what was typed here into a date ({date}); a number or an id belongs "
            "here: format the column as Text and type it again"
        ).format(date=shown)
    if kind == "number" and column in ID_COLUMNS:
        return _(
            "{number} is stored as a number, but {column} is an id (Excel stores 1.10 typed "
            "into a number cell as 1.1); format the column as Text and type the ids again"
        ).format(number=_clip(shown), column=column)
    return ""


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
