"""CSV and XLSX files → rows of trimmed text cells keyed by header, with row numbers."""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
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

    def problem(self, row: int, column: str, message: str) -> Problem:
        return Problem(self.path, message, row=row, table_column=column)


def read_table(path: str, required: list[str], optional: list[str] = ()) -> Table:  # type: ignore[assignment]
    """Read a CSV (`,` or `;`) or the first sheet of an XLSX; check the header names."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise InputError([Problem(path, "no such file")]) from exc
    except IsADirectoryError as exc:
        raise InputError([Problem(path, "is a directory, not a file")]) from exc
    except OSError as exc:
        raise InputError([Problem(path, f"cannot read: {exc.strerror or exc}")]) from exc
    if path.lower().endswith((".xlsx", ".xlsm")):
        grid = _xlsx_grid(raw, path)
    else:
        grid = _csv_grid(raw, path)
    return _to_table(path, grid, required, list(optional))


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


def _xlsx_grid(raw: bytes, path: str) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook  # imported here: only tables named in options need it

    advice = "save it from Excel as 'Excel Workbook (.xlsx)' or as CSV UTF-8"
    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # zipfile, XML and openpyxl errors alike on a damaged archive
        raise InputError(
            [Problem(path, f"not a readable XLSX workbook ({advice}): {exc}")]
        ) from exc
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise InputError([Problem(path, "the workbook has no sheet")])
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
    grid = [(n, cells) for n, cells in grid if any(c.strip() for c in cells)]
    if not grid:
        raise InputError(
            [Problem(path, f"the file is empty; expected a header row: {','.join(required)}")]
        )
    header_row, header = grid[0]
    names = [c.strip().lstrip("\ufeff").casefold() for c in header]
    problems = []
    missing = [c for c in required if c not in names]
    if missing:
        problems.append(
            Problem(
                path,
                f"missing column(s) {', '.join(missing)}; the header must "
                f"name {','.join(required + [f'[{o}]' for o in optional])}",
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
        values = {}
        for i, name in wanted.items():
            text = cells[i].strip() if i < len(cells) else ""
            if text:
                values[name] = text
        rows.append(Row(number, values))
    if problems:
        raise InputError(problems)
    return Table(path, [names[i] for i in sorted(wanted)], rows)
