"""XLSX workbooks → grids of cells as people see them; zip bombs refused before reading."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from decimal import Decimal
from typing import Any, Literal

from parindex.core.numbers import plain
from parindex.errors import InputError, Problem
from parindex.i18n import _

# An XLSX part that inflates past either is a zip bomb: real sheets compress 5–20 times.
PART_LIMIT = 1 << 30
RATIO_LIMIT = 200
RATIO_FLOOR = 1 << 20  # below 1 MB inflated, a high ratio is harmless (a sheet of blanks)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
# What a cell of a workbook was before it became text: kept to judge it by its column.
Mark = Literal["number", "date", "formula", "error"]
GridRow = tuple[int, list[str], dict[int, tuple[Mark, str]]]


def content_kind(raw: bytes, path: str) -> Literal["xlsx", "text"]:
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


def xlsx_grids(
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
