"""CSV and XLSX files → rows of trimmed text cells keyed by header, with row numbers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re
import unicodedata
import zipfile
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from parindex.core.numbers import plain
from parindex.errors import InputError, Problem
from parindex.i18n import _
from parindex.inputs.yamlfile import decode_text

# Columns that hold ids: a number there was typed into a cell Excel formats as a number, and
# `1.10` has already become 1.1 — only the person can say what was meant.
ID_COLUMNS = frozenset({"unit_id", "criterion", "old_id", "new_id"})
# Columns of free text, where a date is just text.
TEXT_COLUMNS = frozenset({"reason", "unit_name", "name"})
CELL_LIMIT = 32_767  # characters an Excel cell holds
# An XLSX part that inflates past either is a zip bomb: real sheets compress 5–20 times.
PART_LIMIT = 1 << 30
RATIO_LIMIT = 200
RATIO_FLOOR = 1 << 20  # below 1 MB inflated, a high ratio is harmless (a sheet of blanks)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
# What a cell of a workbook was before it became text: kept to judge it by its column.
Mark = Literal["number", "date", "formula", "error"]
GridRow = tuple[int, list[str], dict[int, tuple[Mark, str]]]


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
    # Problems of single rows (left out of `rows`), when the reader was asked to keep going.
    problems: list[Problem] = field(default_factory=list)

    def problem(self, row: int, column: str, message: str) -> Problem:
        return Problem(self.path, message, row=row, table_column=column)


@dataclass(frozen=True, slots=True)
class Header:
    """How to find the header row of a table that parindex wrote for people (`--previous`).

    The header is the first of the first rows that names the required columns, by key or by
    one of `aliases` (a label in either language → key); when no row does, the first row with
    at least `len(positions)` cells is the header and `positions` gives each column's key.
    """

    aliases: Mapping[str, str] = field(default_factory=dict)
    positions: Sequence[str] = ()
    search_rows: int = 10


def read_table(
    path: str,
    required: list[str],
    optional: Sequence[str] = (),
    *,
    name: str,
    siblings: Collection[str] = (),
    header: Header | None = None,
    keep_going: bool = False,
) -> Table:
    """Read a CSV (`,` or `;`) or an XLSX sheet; check the header names.

    `name` is the table's name (`appraisal`, `survey`, `roster`, `responses`, …): in a workbook
    the sheet of that name is read when there is one, else the first visible sheet. Other
    sheets that hold data are named in a warning, except the `siblings` a workbook of parindex's
    own may hold beside it (`worksheet` writes `appraisal` and `survey` together).

    A problem with the file or its header raises InputError; so do problems of single rows,
    unless `keep_going`: then they are in `Table.problems` and the good rows are read.
    """
    return read_tables(
        path,
        required,
        optional,
        name=name,
        siblings=siblings,
        header=header,
        every_sheet=False,
        keep_going=keep_going,
    )[0]


def read_tables(
    path: str,
    required: list[str],
    optional: Sequence[str] = (),
    *,
    name: str,
    siblings: Collection[str] = (),
    header: Header | None = None,
    every_sheet: bool = True,
    keep_going: bool = False,
) -> list[Table]:
    """Like `read_table`; with `every_sheet`, one table per sheet of a workbook that holds
    data (a ranking has one sheet per group), `siblings` aside. A CSV is one table."""
    raw = _read_bytes(path)
    warnings: list[Problem] = []
    kind = _content_kind(raw, path)
    commas = False  # a comma-separated CSV, where an unquoted 6,5 splits a cell in two
    if kind == "xlsx":
        sheets = _xlsx_grids(raw, path, name, frozenset(siblings), warnings, every_sheet)
    else:
        grid, delimiter = _csv_grid(raw, path)
        sheets, commas = [(path, grid)], delimiter == ","
    tables = []
    problems: list[Problem] = []
    for where, grid in sheets:
        try:  # every sheet's problems at once
            table = _to_table(where, grid, required, list(optional), header, commas)
            if table.problems and not keep_going:
                raise InputError(table.problems)
            tables.append(table)
        except InputError as exc:  # noqa: PERF203
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    if not tables:
        raise InputError([Problem(path, _("the workbook has no sheet that holds data"))])
    tables[0].warnings.extend(warnings)
    return tables


def _read_bytes(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise InputError([Problem(path, _("no such file"))]) from exc
    except IsADirectoryError as exc:
        raise InputError([Problem(path, _("is a directory, not a file"))]) from exc
    except OSError as exc:
        message = _("cannot read: {reason}").format(reason=exc.strerror or exc)
        raise InputError([Problem(path, message)]) from exc


def _content_kind(raw: bytes, path: str) -> Literal["xlsx", "text"]:
    """What the bytes are, whatever the name says; refuse what parindex cannot read."""
    named_workbook = path.lower().endswith((".xlsx", ".xlsm", ".xls"))
    if raw.startswith(OLE_MAGIC):
        if ENCRYPTED_STREAM in raw:
            message = _(
                "this workbook is protected by a password (encrypted), so it cannot be read; "
                "open it in Excel, remove the password (File > Info > Protect Workbook) "
                "and save it again"
            )
        else:
            message = _(
                "this is an old Excel 97–2003 workbook (.xls), which parindex does not read; "
                "open it in Excel and save it as 'Excel Workbook (.xlsx)' or as CSV UTF-8"
            )
        raise InputError([Problem(path, message)])
    if raw.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        if not named_workbook:
            raise InputError(
                [
                    Problem(
                        path,
                        _(
                            "this is a spreadsheet (XLSX), not CSV text; give it a "
                            ".xlsx name or save it as CSV UTF-8"
                        ),
                    )
                ]
            )
        return "xlsx"
    if named_workbook:
        if b"\0" not in raw[:4096]:
            message = _(
                "this is a text (CSV) file with a workbook name, not an XLSX workbook; "
                "rename it to .csv, or open it in Excel and save it as 'Excel Workbook (.xlsx)'"
            )
        else:
            message = _(
                "not an XLSX workbook (it is not a ZIP archive); save it from Excel as "
                "'Excel Workbook (.xlsx)' or as CSV UTF-8"
            )
        raise InputError([Problem(path, message)])
    return "text"


_SEP_LINE = re.compile(r"\ufeff?sep=(.)\s*\Z", re.IGNORECASE)


def _csv_grid(raw: bytes, path: str) -> tuple[list[GridRow], str]:
    try:
        text = decode_text(raw, path)
    except InputError as exc:
        raise InputError([Problem(p.path, p.message, row=p.line) for p in exc.problems]) from exc
    first, _nl, rest = text.partition("\n")
    skipped = 0
    sep = _SEP_LINE.match(first.rstrip("\r"))
    if sep:  # Excel's `sep=;` line names the delimiter; the header follows it
        delimiter = sep.group(1)
        if delimiter not in ",;\t|":
            raise InputError(
                [
                    Problem(
                        path,
                        _("the first line names the delimiter {sep!r}; use , or ;").format(
                            sep=delimiter
                        ),
                        row=1,
                    )
                ]
            )
        text, skipped = rest, 1
        first = text.split("\n", 1)[0]
    else:
        delimiter = ";" if first.count(";") > first.count(",") else ","
        if "\t" in first and first.count("\t") >= max(first.count(";"), first.count(",")):
            raise InputError(
                [
                    Problem(
                        path,
                        _(
                            "this file is tab-separated, not CSV; in Excel save it as "
                            "'CSV UTF-8 (Comma delimited)', or export it with , or ; "
                            "between cells"
                        ),
                        row=1,
                    )
                ]
            )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    grid: list[GridRow] = []
    start = 1  # a quoted cell may span lines: a row is numbered by the line it starts on
    try:
        for cells in reader:
            grid.append((start + skipped, cells, {}))
            start = reader.line_num + 1
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):  # an opening quote that never closes
            raise InputError(
                [
                    Problem(
                        path,
                        _(
                            "malformed CSV: a quoted cell starting on this row "
                            'is never closed; add the closing " or remove the '
                            "opening one"
                        ),
                        row=start + skipped,
                    )
                ]
            ) from exc
        raise InputError(
            [
                Problem(
                    path,
                    _("malformed CSV: {reason}").format(reason=exc),
                    row=reader.line_num + skipped,
                )
            ]
        ) from exc
    return grid, delimiter


def check_archive(raw: bytes, path: str) -> None:
    """Refuse a workbook whose parts would inflate past 1 GB or 200 times their packed size
    (a zip bomb), before anything is inflated. The declared sizes bound what is inflated:
    Python's zipfile stops at a part's declared size."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return  # the workbook reader reports a damaged archive in its own words
    for part in parts:
        packed = max(part.compress_size, 1)
        if part.file_size > PART_LIMIT or (
            part.file_size > RATIO_FLOOR and part.file_size > RATIO_LIMIT * packed
        ):
            raise InputError(
                [
                    Problem(
                        path,
                        _(
                            "refused: the part {part!r} of this workbook would inflate from "
                            "{packed} to {size} bytes ({ratio}×; real sheets compress 5–20×, "
                            "and at most 1 GB is read); save the data again from Excel"
                        ).format(
                            part=part.filename,
                            packed=part.compress_size,
                            size=part.file_size,
                            ratio=part.file_size // packed,
                        ),
                    )
                ]
            )


def _xlsx_grids(
    raw: bytes,
    path: str,
    name: str,
    siblings: frozenset[str],
    warnings: list[Problem],
    every_sheet: bool,
) -> list[tuple[str, list[GridRow]]]:
    from openpyxl import load_workbook  # imported here: only tables named in options need it

    check_archive(raw, path)
    advice = _("save it from Excel as 'Excel Workbook (.xlsx)' or as CSV UTF-8")
    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # zipfile, XML and openpyxl errors alike on a damaged archive
        raise InputError(
            [
                Problem(
                    path,
                    _("not a readable XLSX workbook ({advice}): {reason}").format(
                        advice=advice, reason=exc
                    ),
                )
            ]
        ) from exc
    sheet_title = ""
    try:
        if every_sheet:
            chosen = [s for s in book.worksheets if s.title.strip().casefold() not in siblings]
            grids = []
            for sheet in chosen:
                sheet_title = sheet.title
                grid = _sheet_grid(raw, sheet)
                if any(any(c.strip() for c in cells) for _n, cells, _m in grid):
                    grids.append((f"{path}[{sheet.title}]", grid))
            return grids
        sheet = _pick_sheet(book, name)
        if sheet is None:
            raise InputError([Problem(path, _("the workbook has no visible sheet"))])
        sheet_title = sheet.title
        grid = _sheet_grid(raw, sheet)
        others = []
        for other in book.worksheets:
            if other is sheet or other.title.strip().casefold() in siblings:
                continue
            sheet_title = other.title
            other.reset_dimensions()
            if any(any(v is not None for v in r) for r in other.iter_rows(values_only=True)):
                hidden = getattr(other, "sheet_state", "visible") != "visible"
                others.append(
                    _("{sheet!r} (hidden)").format(sheet=other.title)
                    if hidden
                    else repr(other.title)
                )
        if others:
            warnings.append(
                Problem(
                    path,
                    _(
                        "read the sheet {sheet!r}; other sheets that hold data are not read: "
                        "{others}"
                    ).format(sheet=sheet.title, others=", ".join(others)),
                    severity="warning",
                )
            )
        return [(path, grid)]
    except InputError:
        raise
    except Exception as exc:
        # Read-only sheets are parsed lazily: a damaged sheet fails here, not when opened.
        raise InputError(
            [
                Problem(
                    path,
                    _(
                        "the sheet {sheet!r} of this XLSX workbook is damaged ({advice}): {reason}"
                    ).format(sheet=sheet_title, advice=advice, reason=exc),
                )
            ]
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


_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")
_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def _sheet_grid(raw: bytes, sheet: Any) -> list[GridRow]:
    """Every row of a sheet, whatever its stored dimension says, cells as people see them."""
    formulas = _formula_cells(raw, sheet)
    sheet.reset_dimensions()  # read-only sheets trust <dimension>; another tool's may be stale
    percent_styles: dict[int, bool] = {}
    grid: list[GridRow] = []
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        texts: list[str] = []
        marks: dict[int, tuple[Mark, str]] = {}
        for i, cell in enumerate(cells):
            value = cell.value
            if value is None:
                if (number, i + 1) in formulas:
                    marks[i] = ("formula", formulas[(number, i + 1)])
                texts.append("")
                continue
            if getattr(cell, "data_type", "n") == "e":
                marks[i] = ("error", str(value))
                texts.append(str(value))
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                text = _cell_text(value)
                if isinstance(value, (dt.datetime, dt.date, dt.time, dt.timedelta)):
                    marks[i] = ("date", text)
                texts.append(text)
                continue
            number_value = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
            style = getattr(cell, "_style_id", 0)
            if style not in percent_styles:
                percent_styles[style] = "%" in _LITERALS.sub("", cell.number_format or "")
            if percent_styles[style]:  # 0.95 shown as 95 % is 95
                number_value = number_value.scaleb(2)
            text = plain(number_value) if number_value.is_finite() else repr(value)
            marks[i] = ("number", text)
            texts.append(text)
        grid.append((number, texts, marks))
    return grid


def _formula_cells(raw: bytes, sheet: Any) -> dict[tuple[int, int], str]:
    """(row, column) → formula, for the cells of a sheet that hold a formula (looked for only
    when the sheet's XML has one: reading it costs a second pass)."""
    from openpyxl import load_workbook

    part = getattr(sheet, "_worksheet_path", None)
    if not part:
        return {}
    with zipfile.ZipFile(io.BytesIO(raw)) as archive, archive.open(part) as stream:
        found = False
        tail = b""
        while chunk := stream.read(1 << 20):
            if _FORMULA_TAG.search(tail + chunk):
                found = True
                break
            tail = chunk[-64:]
    if not found:
        return {}
    book = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    try:
        other = book[sheet.title]
        other.reset_dimensions()
        return {
            (cell.row, cell.column): str(cell.value)
            for row in other.iter_rows()
            for cell in row
            if getattr(cell, "data_type", "") == "f"
        }
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
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return unicodedata.normalize("NFC", str(value))


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).strip().lstrip("\ufeff").split()).casefold()


def _find_header(grid: list[GridRow], required: list[str], header: Header) -> tuple[int, list[str]]:
    """(index in grid, column keys) of the header row of a table parindex wrote for people."""
    for at, (_n, cells, _m) in enumerate(grid[: header.search_rows]):
        names = [header.aliases.get(_normal(c), _normal(c)) for c in cells]
        if all(r in names for r in required):
            return at, names
    for at, (_n, cells, _m) in enumerate(grid[: header.search_rows]):
        if len([c for c in cells if c.strip()]) < len(header.positions) or not header.positions:
            continue
        keys = list(header.positions)
        named = [header.aliases.get(_normal(c), _normal(c)) for c in cells[: len(keys)]]
        # Labels it does not know, in the ranking's column order; a row that names known
        # columns elsewhere is another table (a breakdown, a roster), not a ranking.
        if all(n == k or n not in keys for n, k in zip(named, keys, strict=False)):
            return at, keys + [_normal(c) for c in cells[len(keys) :]]
        break
    return 0, [_normal(c) for c in grid[0][1]]


def _to_table(
    path: str,
    grid: list[GridRow],
    required: list[str],
    optional: list[str],
    header: Header | None = None,
    commas: bool = False,
) -> Table:
    grid = [row for row in grid if any(c.strip() for c in row[1])]
    if not grid:
        raise InputError(
            [
                Problem(
                    path,
                    _("the file is empty; expected a header row: {columns}").format(
                        columns=",".join(required)
                    ),
                )
            ]
        )
    if header is None:
        at, names = 0, [_normal(c) for c in grid[0][1]]
    else:
        at, names = _find_header(grid, required, header)
    header_row = grid[at][0]
    problems = []
    missing = [c for c in required if c not in names]
    if missing:
        problems.append(
            Problem(
                path,
                _("missing column(s) {missing}; the header must name {columns}").format(
                    missing=", ".join(missing),
                    columns=",".join(required + [f"[{o}]" for o in optional]),
                ),
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
                    _("column {name!r} appears twice in the header").format(name=name),
                    row=header_row,
                    table_column=name,
                )
            )
        seen.add(name)
    if problems:
        raise InputError(problems)
    wanted = {i: n for i, n in enumerate(names) if n in required or n in optional}
    rows: list[Row] = []
    for number, cells, marks in grid[at + 1 :]:
        if len(cells) > len(names) and any(c.strip() for c in cells[len(names) :]):
            message = _("the row has {cells} cells but the header has {header}").format(
                cells=len(cells), header=len(names)
            )
            split = _split_decimal(cells) if commas else None
            if split:
                message += "; " + _(
                    "is {number} a number with a decimal comma? In a comma-separated file "
                    'write it in quotes ("{number}") or with a dot ({dotted}), or save the '
                    "file with ; between cells"
                ).format(number=split, dotted=split.replace(",", "."))
            problems.append(Problem(path, message, row=number, table_column=names[-1]))
            continue
        values = {}
        good = True
        for i, name in wanted.items():
            text = cells[i].strip() if i < len(cells) else ""
            message = _cell_problem(name, text, marks.get(i))
            if message:
                problems.append(Problem(path, message, row=number, table_column=name))
                good = False
            elif text:
                values[name] = text
        if good:
            rows.append(Row(number, values))
    return Table(path, [names[i] for i in sorted(wanted)], rows, problems=problems)


def _split_decimal(cells: list[str]) -> str:
    """`6,5` when two neighbouring cells look like a number split at its decimal comma."""
    for left, right in itertools.pairwise(cells):
        a, b = left.strip(), right.strip()
        if a.lstrip("+-").isdigit() and b.isdigit():
            return f"{a},{b}"
    return ""


def _cell_problem(column: str, text: str, mark: tuple[Mark, str] | None) -> str:
    """What is wrong with a cell as its column reads it, or ''."""
    if len(text) > CELL_LIMIT:
        return _(
            "{length} characters: longer than the {limit} characters a spreadsheet cell holds; "
            "shorten it"
        ).format(length=f"{len(text):,}", limit=f"{CELL_LIMIT:,}")
    if mark is None:
        return ""
    kind, shown = mark
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
