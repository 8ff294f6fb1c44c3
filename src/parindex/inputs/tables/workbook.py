"""XLSX workbooks → grids of cells as people see them; zip bombs refused before reading."""

from __future__ import annotations

import io
import itertools
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Literal
from xml.parsers import expat

from parindex.errors import InputError, Problem
from parindex.i18n import _, current, grouped, ngettext
from parindex.inputs.tables.cellvalues import Mark, cell_value
from parindex.inputs.tables.sheetxml import Cell, sheet_rows
from parindex.inputs.tables.xlsxbook import Book, Formats, Sheet, open_book

# An XLSX part that inflates past either is a zip bomb: real sheets compress 5–20 times.
PART_LIMIT = 1 << 30
RATIO_LIMIT = 200
RATIO_FLOOR = 1 << 20  # below 1 MB inflated, a high ratio is harmless (a sheet of blanks)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
OPENDOCUMENT = b"application/vnd.oasis.opendocument"  # the `mimetype` an .ods opens with
_MISSING_PART = re.compile(r"named '(?P<part>[^']*)'")
LISTED = 20  # other sheets named in the warning about them
KEY_ROWS = 10  # the first rows of a sheet in which its key row is looked for
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
    if raw.startswith(b"PK\x03\x04") and raw[30:38] == b"mimetype" and OPENDOCUMENT in raw[:120]:
        message = _(
            "this is an OpenDocument spreadsheet (.ods), which parindex does not read; open it "
            "in LibreOffice Calc or Excel and save it as 'Excel Workbook (.xlsx)' or as CSV UTF-8"
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
        if not raw:
            message = _(
                "the file is empty (0 bytes): it was not saved whole, or was copied before it "
                "was; save the workbook again from Excel as 'Excel Workbook (.xlsx)'"
            )
        elif b"\0" not in raw[:4096]:
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
                            packed=grouped(part.compress_size, current()),
                            size=grouped(part.file_size, current()),
                            ratio=grouped(part.file_size // packed, current()),
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
    *,
    exact: bool = False,
    titles: list[str] | None = None,
    keyed: Mapping[str, frozenset[str]] | None = None,
    held: dict[str, str] | None = None,
) -> list[tuple[str, str, Iterable[GridRow]]]:
    """(where, sheet title, grid) of the sheet named `name` (else the first visible one, unless
    `exact`), read lazily; with `every_sheet`, of every sheet that holds data but the
    `siblings`, each read whole. `where` is `FILE.xlsx[SHEET]`, as every problem of the sheet
    is located. A hidden sheet that is read, and other sheets that hold data, are named in
    `warnings`, and the titles of all its sheets go to `titles`. The workbook's ZIP is opened
    once, whatever its number of sheets.

    `keyed` names the tables a workbook of parindex's own holds side by side and the keys of
    each one's key row: its sheets may be named in the language it was made in, so a sheet
    not named after `name` is found by its keys, and the sheets holding the others are its
    known siblings too. `held` receives each such table's sheet title."""
    check_archive(raw, path)
    book = _opened(raw, path)
    if titles is not None:
        titles.extend(sheet.title for sheet in book.sheets)
    reading = [""]  # the sheet being read, for the message of one that is damaged
    try:
        if every_sheet:
            return _every_grid(book, path, siblings, warnings, reading)
        holders = _holders(book, path, keyed or {})
        if held is not None:
            held.update((table, sheet.title) for table, sheet in holders.items())
        sheet = holders.get(name) or _pick_sheet(book, name, exact)
        if sheet is None:
            if exact:
                return []
            raise InputError([Problem(path, _("the workbook has no visible sheet"))])
        reading[0] = sheet.title
        rows = sheet_grid(book, sheet, path)
        _warn_hidden(sheet, path, warnings)
        known = [s for s in holders.values() if s is not sheet]
        _warn_others(book, sheet, path, siblings, warnings, reading, known)
        return [(f"{path}[{sheet.title}]", sheet.title, rows)]
    except InputError:
        raise
    except Exception as exc:  # a sheet that fails while its formats or first row are read
        raise damaged(path, reading[0], exc) from exc


def _opened(raw: bytes, path: str) -> Book:
    advice = _("save it from Excel as 'Excel Workbook (.xlsx)' or as CSV UTF-8")
    try:
        return open_book(raw)
    except Exception as exc:  # zipfile, XML and openpyxl errors alike on a damaged archive
        message = _("not a readable XLSX workbook ({advice}): {reason}")
        reason = unreadable_reason(exc)
        raise InputError([Problem(path, message.format(advice=advice, reason=reason))]) from exc


def unreadable_reason(exc: BaseException) -> str:
    """Why a workbook or one of its sheets cannot be read, in words a person can act on (the
    ZIP or XML library's own English said only where it locates the damage)."""
    if isinstance(exc, KeyError):
        found = _MISSING_PART.search(str(exc))
        part = found.group("part") if found else str(exc.args[0] if exc.args else exc)
        return _("a part every workbook has is missing ({part})").format(part=part)
    if isinstance(exc, (zipfile.BadZipFile, zlib.error, EOFError)):
        return _(
            "its ZIP archive is damaged or cut short (a copy or download that did not finish?)"
        )
    if isinstance(exc, expat.ExpatError):
        return _("its XML is damaged at line {line}, column {column}").format(
            line=exc.lineno, column=exc.offset + 1
        )
    return _("its contents are damaged ({detail})").format(detail=exc)


def _every_grid(
    book: Book, path: str, siblings: frozenset[str], warnings: list[Problem], reading: list[str]
) -> list[tuple[str, str, Iterable[GridRow]]]:
    grids: list[tuple[str, str, Iterable[GridRow]]] = []
    for sheet in book.sheets:
        if sheet.title.strip().casefold() in siblings:
            continue
        reading[0] = sheet.title
        grid = list(sheet_grid(book, sheet, path))
        if any(any(c.strip() for c in cells) for _n, cells, _m in grid):
            _warn_hidden(sheet, path, warnings)
            grids.append((f"{path}[{sheet.title}]", sheet.title, grid))
    return grids


def _warn_hidden(sheet: Sheet, path: str, warnings: list[Problem]) -> None:
    """A hidden sheet that is read: what is applied is not what anyone sees."""
    if sheet.sheet_state == "visible":
        return
    message = (
        _(
            "the sheet {sheet!r} is very hidden (only Excel's VBA editor shows it), and it is "
            "the one read; make it visible to see what is applied, or delete it"
        )
        if sheet.sheet_state == "veryHidden"
        else _(
            "the sheet {sheet!r} is hidden, and it is the one read; unhide it (Format > Hide "
            "& Unhide) to see what is applied, or delete it"
        )
    )
    where = f"{path}[{sheet.title}]"
    warnings.append(Problem(where, message.format(sheet=sheet.title), severity="warning"))


def _warn_others(
    book: Book,
    sheet: Sheet,
    path: str,
    siblings: frozenset[str],
    warnings: list[Problem],
    reading: list[str],
    known: Sequence[Sheet] = (),
) -> None:
    """Name the other sheets that hold data (a workbook's known siblings aside: by title, or
    the `known` sheets that hold a sibling table's key row)."""
    others = []
    for other in book.sheets:
        if (
            other is sheet
            or other.title.strip().casefold() in siblings
            or any(other is k for k in known)
        ):
            continue
        reading[0] = other.title
        if next(sheet_grid(book, other, path), None) is not None:
            hidden = other.sheet_state != "visible"
            others.append(
                _("{sheet!r} (hidden)").format(sheet=other.title) if hidden else repr(other.title)
            )
    if others:
        shown = ", ".join(others[:LISTED])
        if len(others) > LISTED:  # one line, however many sheets
            more = len(others) - LISTED
            # Translators: the first sheet names, then how many more sheets hold data
            shown = ngettext("{names} and {count} more", "{names} and {count} more", more).format(
                names=shown, count=grouped(more, current())
            )
        warnings.append(
            Problem(
                path,
                _(
                    "read the sheet {sheet!r}; other sheets that hold data are not read: {others}"
                ).format(sheet=sheet.title, others=shown),
                severity="warning",
            )
        )


def damaged(path: str, sheet: str, reason: Exception) -> InputError:
    """The error of a sheet that cannot be read to its end."""
    advice = _("save it from Excel as 'Excel Workbook (.xlsx)' or as CSV UTF-8")
    message = _("the sheet {sheet!r} of this XLSX workbook is damaged ({advice}): {reason}")
    said = unreadable_reason(reason)
    return InputError([Problem(path, message.format(sheet=sheet, advice=advice, reason=said))])


def _holders(book: Book, path: str, keyed: Mapping[str, frozenset[str]]) -> dict[str, Sheet]:
    """The sheet that holds each of the `keyed` tables: the one named after it, else the first
    whose key row names its keys, the table whose keys it names most deciding (a council
    workbook's appraisal key row names the survey's keys too)."""
    found: dict[str, Sheet] = {}
    if not keyed:
        return found
    for sheet in book.sheets:
        title = sheet.title.strip().casefold()
        if title in keyed:
            found.setdefault(title, sheet)
    for sheet in book.sheets:
        if not any(sheet is s for s in found.values()):
            table = _held(book, sheet, path, keyed)
            if table is not None:
                found.setdefault(table, sheet)
    return found


def _held(book: Book, sheet: Sheet, path: str, keyed: Mapping[str, frozenset[str]]) -> str | None:
    """The table whose key row the sheet holds among its first rows, or None (a damaged sheet
    holds none: it is left to whoever reads it)."""
    try:
        for _n, cells, _m in itertools.islice(sheet_grid(book, sheet, path), KEY_ROWS):
            names = {cell.strip().casefold() for cell in cells}
            fits = [table for table, keys in keyed.items() if keys <= names]
            if fits:
                return max(fits, key=lambda table: len(keyed[table]))
    except InputError:
        return None
    return None


def _pick_sheet(book: Book, name: str, exact: bool = False) -> Sheet | None:
    """The sheet named `name` (case aside), else (unless `exact`) the first visible one."""
    for sheet in book.sheets:
        if sheet.title.strip().casefold() == name.casefold():
            return sheet
    visible = [s for s in book.sheets if s.sheet_state == "visible"]
    return visible[0] if visible and not exact else None


def grid_row(number: int, cells: Sequence[Cell], formats: Formats) -> GridRow:
    """A row of a sheet, every cell's text as people see it (by column), and what a cell was
    when it was not text (a number, a date, a formula without a value, a damaged cell)."""
    texts = [""] * (max(cells)[0] + 1 if cells else 0)
    marks: dict[int, tuple[Mark, str]] = {}
    for column, kind, text, style in cells:
        mark, shown = cell_value(kind, text, style, formats)
        if mark == "damaged":  # the cell keeps its text; `shown` says what is wrong
            texts[column], marks[column] = text, (mark, shown)
            continue
        texts[column] = shown
        if mark is not None:
            marks[column] = (mark, shown)
    return number, texts, marks


def sheet_grid(book: Book, sheet: Sheet, where: str) -> Iterator[GridRow]:
    """Every row of a sheet, whatever its stored dimension says, cells as people see them;
    read as it is iterated (see `sheetxml`), a damaged sheet raising InputError there."""
    formats = book.formats
    try:
        with book.archive.open(sheet.part) as stream:
            for number, cells in sheet_rows(stream):
                yield grid_row(number, cells, formats)
    except Exception as exc:  # a missing part, XML, zip and zlib errors: the sheet is damaged
        raise damaged(where, sheet.title, exc) from exc
