"""Workbook forms for the tests: made with `parindex template`, filled with openpyxl the way a
unit officer fills them (the drop-downs' labels, numbers, evidence one per line, the N/A
entry); `office_support` saves them again with LibreOffice."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from golden_support import run_cli

SHARED = Path(__file__).parent / "malformed" / "_shared"
COMPACT = SHARED / "criteria" / "compact.yaml"
KEYS = (
    "criterion",
    "name",
    "max_points",
    "rule",
    "value",
    "numerator",
    "denominator",
    "not_applicable",
    "reason",
    "self_points",
    "evidence",
)


def make_form(
    path: Path,
    *args: str,
    framework: Path = COMPACT,
    lang: str = "en",
    unit: tuple[str, str] | None = ("u9", "Đơn vị Chín"),
) -> Path:
    """`parindex template FRAMEWORK … -o path` (the unit's id and name unless None)."""
    named = ["--unit-id", unit[0], "--unit-name", unit[1]] if unit else []
    result = run_cli(["--lang", lang, "template", str(framework), *named, *args, "-o", str(path)])
    assert result.exit_code == 0, result.stderr
    return path


def layout(sheet: Any) -> tuple[int, dict[str, int], dict[str, int]]:
    """(key row, column by key, row by criterion) of a form's sheet, found the way a person
    finds them: the row of keys, and the ids in the criterion column below it."""
    for row in sheet.iter_rows(min_row=1, max_row=30):
        texts = {str(c.value): c.column for c in row if c.value is not None}
        if all(k in texts for k in KEYS):
            columns = {k: texts[k] for k in KEYS}
            rows = {}
            for number in range(row[0].row + 2, sheet.max_row + 1):  # the header aside
                value = sheet.cell(number, columns["criterion"]).value
                if value is not None:
                    rows[str(value)] = number
            return row[0].row, columns, rows
    raise AssertionError("no key row")


def fill(
    path: Path,
    answers: Mapping[str, Mapping[str, Any]],
    out: Path | None = None,
    *,
    formats: Mapping[tuple[str, str], str] | None = None,
    title: Mapping[str, Any] | None = None,
) -> Path:
    """The form at `path` with `answers` (criterion → key → value) typed into its cells, cell
    `formats` (number formats by criterion and key) and `title` values (by title key) set;
    saved by openpyxl to `out` (default: over `path`)."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book.worksheets[0]
    _key_row, columns, rows = layout(sheet)
    for criterion, cells in answers.items():
        for key, value in cells.items():
            sheet.cell(rows[criterion], columns[key]).value = value
    for (criterion, key), number_format in (formats or {}).items():
        sheet.cell(rows[criterion], columns[key]).number_format = number_format
    for key, value in (title or {}).items():
        row = next(r for r in range(1, 20) if sheet.cell(r, 1).value == key)
        sheet.cell(row, 4).value = value
    target = out or path
    book.save(target)
    return target
