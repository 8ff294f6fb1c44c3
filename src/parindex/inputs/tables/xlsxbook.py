"""A workbook's sheets, shared strings and cell formats: openpyxl reads the workbook's parts,
its sheets are left to `sheetxml`.

openpyxl's read-only mode still scans each sheet whole when the workbook is opened (to size it,
when the sheet does not state its dimension) and reads the shared strings into element trees:
on a table of a million rows, more time than reading the rows themselves. Its reader is kept
for everything else (the package, the workbook's sheets and their states, the defined names,
the styles), with those two steps replaced: sheets become `Sheet` records, shared strings are
read by expat.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from parindex.inputs.tables.sheetxml import shared_strings

_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')  # quoted text, escapes, [colours]


@dataclass(slots=True)
class Sheet:
    """A worksheet as the workbook lists it (openpyxl binds defined names to it by position)."""

    title: str
    sheet_state: str
    part: str
    defined_names: dict[str, Any] = field(default_factory=dict)
    _print_rows: Any = None
    _print_cols: Any = None
    _print_area: Any = None


@dataclass(frozen=True, slots=True)
class Formats:
    """What a workbook's cell formats (by index) say of a number: a date, a duration, a
    percentage; with the shared strings and the date epoch, all a cell's text needs."""

    dates: frozenset[int]
    durations: frozenset[int]
    percents: frozenset[int]
    shared: Sequence[str]
    epoch: dt.datetime


@dataclass(frozen=True, slots=True)
class Book:
    sheets: list[Sheet]
    formats: Formats
    archive: zipfile.ZipFile  # open, to read the sheets from: a ZIP is opened once per book


def open_book(raw: bytes) -> Book:
    """The workbook in `raw`; openpyxl's errors (a damaged package) pass through."""
    from openpyxl.reader.excel import ExcelReader  # only tables named in options need it
    from openpyxl.xml.constants import SHARED_STRINGS

    sheets: list[Sheet] = []

    class Reader(ExcelReader):  # type: ignore[misc]
        def read_strings(self) -> None:
            part = self.package.find(SHARED_STRINGS)
            if part is not None:
                with self.archive.open(part.PartName[1:]) as stream:
                    self.shared_strings = shared_strings(stream)

        def read_worksheets(self) -> None:
            parts = set(self.valid_files)  # a list: looked up once per sheet, 10,000 sheets
            for sheet, rel in self.parser.find_sheets():
                if rel.target not in parts or "chartsheet" in rel.Type:
                    continue
                entry = Sheet(sheet.name, sheet.state or "visible", rel.target)
                sheets.append(entry)
                self.wb._sheets.append(entry)  # where assign_names looks for it

    reader = Reader(io.BytesIO(raw), read_only=True, data_only=True)
    try:
        with warnings.catch_warnings():  # about parts parindex does not read (validations, …)
            warnings.simplefilter("ignore")
            reader.read()
        return Book(sheets, _formats(reader.wb, reader.shared_strings), reader.archive)
    except BaseException:
        reader.archive.close()
        raise


def _formats(book: Any, shared: Sequence[str]) -> Formats:
    # The lookups openpyxl's own read-only cells make, through its workbook's tables.
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    percents = set()
    for index, style in enumerate(book._cell_styles):
        number = style.numFmtId
        if number < BUILTIN_FORMATS_MAX_SIZE:
            shown = BUILTIN_FORMATS.get(number, "General")
        else:
            shown = book._number_formats[number - BUILTIN_FORMATS_MAX_SIZE]
        if "%" in _LITERALS.sub("", shown or ""):  # 0.95 shown as 95 % is 95
            percents.add(index)
    return Formats(
        frozenset(book._date_formats),
        frozenset(book._timedelta_formats),
        frozenset(percents),
        shared,
        book.epoch,
    )
