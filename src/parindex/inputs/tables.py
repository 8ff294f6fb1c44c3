"""CSV and XLSX files → rows of trimmed text cells keyed by header, with row numbers."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from parindex.core.numbers import plain
from parindex.errors import InputError, Problem
from parindex.inputs.yamlfile import decode_text


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its 1-based line (the header is row 1) and its non-empty cells."""

    number: int
    cells: dict[str, str]

    def get(self, column: str) -> str | None:
        return self.cells.get(column)


@dataclass(slots=True)
class Table:
    path: str
    columns: list[str]
    rows: list[Row]
    warnings: list[Problem] = field(default_factory=list)  # e.g. other sheets that hold data
    ignored: list[str] = field(default_factory=list)  # headers of the columns not read

    def problem(self, row: int, column: str, message: str) -> Problem:
        return Problem(self.path, message, row=row, table_column=column)


def read_table(
    path: str,
    required: list[str],
    optional: Sequence[str] = (),
    *,
    name: str,
    siblings: Collection[str] = (),
) -> Table:
    """Read a CSV (`,` or `;`) or an XLSX sheet; check the header names.

    `name` is the table's name (`appraisal`, `survey`, `roster`, `responses`, …): in a workbook
    the sheet of that name is read when there is one, else the first visible sheet. Other
    sheets that hold data are named in a warning, except the `siblings` a workbook of parindex's
    own may hold beside it (`worksheet` writes `appraisal` and `survey` together).
    """
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise InputError([Problem(path, "no such file")]) from exc
    except IsADirectoryError as exc:
        raise InputError([Problem(path, "is a directory, not a file")]) from exc
    except OSError as exc:
        raise InputError([Problem(path, f"cannot read: {exc.strerror or exc}")]) from exc
    warnings: list[Problem] = []
    if path.lower().endswith((".xlsx", ".xlsm")):
        grid = _xlsx_grid(raw, path, name, frozenset(siblings), warnings)
    else:
        grid = _csv_grid(raw, path)
    table = _to_table(path, grid, required, list(optional))
    table.warnings.extend(warnings)
    return table


def _csv_grid(raw: bytes, path: str) -> list[tuple[int, list[str]]]:
    if raw.startswith(b"PK\x03\x04"):
        raise InputError(
            [
                Problem(
                    path,
                    "this is a spreadsheet (XLSX), not CSV text; give it a "
                    ".xlsx name or save it as CSV UTF-8",
                )
            ]
        )
    try:
        text = decode_text(raw, path)
    except InputError as exc:
        raise InputError([Problem(p.path, p.message, row=p.line) for p in exc.problems]) from exc
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    grid: list[tuple[int, list[str]]] = []
    start = 1  # a quoted cell may span lines: a row is numbered by the line it starts on
    try:
        for cells in reader:
            grid.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):  # an opening quote that never closes
            raise InputError(
                [
                    Problem(
                        path,
                        "malformed CSV: a quoted cell starting on this row "
                        'is never closed; add the closing " or remove the '
                        "opening one",
                        row=start,
                    )
                ]
            ) from exc
        raise InputError([Problem(path, f"malformed CSV: {exc}", row=reader.line_num)]) from exc
    return grid


def _xlsx_grid(
    raw: bytes, path: str, name: str, siblings: frozenset[str], warnings: list[Problem]
) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook  # imported here: only tables named in options need it

    advice = "save it from Excel as 'Excel Workbook (.xlsx)' or as CSV UTF-8"
    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # zipfile, XML and openpyxl errors alike on a damaged archive
        raise InputError(
            [Problem(path, f"not a readable XLSX workbook ({advice}): {exc}")]
        ) from exc
    try:
        sheet = _pick_sheet(book, name)
        if sheet is None:
            raise InputError([Problem(path, "the workbook has no visible sheet")])
        others = [
            s.title
            for s in book.worksheets
            if s is not sheet
            and s.title.casefold() not in siblings
            and s.max_row
            and any(any(v is not None for v in r) for r in s.iter_rows(values_only=True))
        ]
        if others:
            warnings.append(
                Problem(
                    path,
                    f"read the sheet {sheet.title!r}; other sheets that hold data are not read: "
                    + ", ".join(repr(o) for o in others),
                    severity="warning",
                )
            )
        grid = []
        # Read-only sheets are parsed lazily: a damaged sheet fails here, not when opened.
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            grid.append((number, [_cell_text(v) for v in values]))
        return grid
    except InputError:
        raise
    except Exception as exc:
        raise InputError(
            [Problem(path, f"the first sheet of this XLSX workbook is damaged ({advice}): {exc}")]
        ) from exc
    finally:
        book.close()


def _pick_sheet(book: Any, name: str) -> Any:
    """The sheet named `name` (case aside), else the first visible one."""
    for sheet in book.worksheets:
        if sheet.title.strip().casefold() == name.casefold():
            return sheet
    visible = [s for s in book.worksheets if getattr(s, "sheet_state", "visible") == "visible"]
    return visible[0] if visible else None


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return plain(Decimal(repr(value)))
    return unicodedata.normalize("NFC", str(value))


def _to_table(
    path: str, grid: list[tuple[int, list[str]]], required: list[str], optional: list[str]
) -> Table:
    grid = [(n, cells) for n, cells in grid if "".join(cells).strip()]  # drop empty rows
    if not grid:
        raise InputError(
            [Problem(path, f"the file is empty; expected a header row: {','.join(required)}")]
        )
    header_row, header = grid[0]
    names = [c.strip().lstrip("\ufeff").casefold() for c in header]
    problems = []
    missing = [c for c in required if c not in names]
    if missing:
        # A questionnaire's question columns are many and long: named only when few.
        listed = [f"[{o}]" for o in optional] if len(optional) <= 3 else ["[…]"]
        problems.append(
            Problem(
                path,
                f"missing column(s) {', '.join(missing)}; the header must "
                f"name {','.join(required + listed)}",
                row=header_row,
                table_column=missing[0],
            )
        )
    seen: set[str] = set()
    for name in names:
        if name and name in seen and name in required + optional:
            problems.append(
                Problem(
                    path,
                    f"column {name!r} appears twice in the header",
                    row=header_row,
                    table_column=name,
                )
            )
        seen.add(name)
    if problems:
        raise InputError(problems)
    wanted = {i: n for i, n in enumerate(names) if n in required or n in optional}
    rows: list[Row] = []
    for number, cells in grid[1:]:
        if len(cells) > len(names) and any(c.strip() for c in cells[len(names) :]):
            problems.append(
                Problem(
                    path,
                    f"the row has {len(cells)} cells but the header has {len(names)}",
                    row=number,
                    table_column=names[-1],
                )
            )
            continue
        # one comprehension per row: 100,000 survey forms of 25 cells pass through here
        width = len(cells)
        values = {
            name: text for i, name in wanted.items() if i < width and (text := cells[i].strip())
        }
        rows.append(Row(number, values))
    if problems:
        raise InputError(problems)
    ignored = [
        header[i].strip().lstrip("\ufeff") for i, n in enumerate(names) if n and i not in wanted
    ]
    return Table(path, [names[i] for i in sorted(wanted)], rows, ignored=ignored)
