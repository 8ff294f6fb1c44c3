"""Workbooks people fill in and parindex reads back (`--appraisal`, `--survey`, replies),
written with openpyxl's streaming mode: the council's workbook, the survey table, the notices.

An entry sheet is laid out from an `EntryLayout`: a title block if any, the column keys
(exactly what the reader looks for) in a row, each key's label in its header cell's comment,
or, with `keys_hidden`, the keys in a hidden row above a header row of labels; context
columns locked and grey, answer columns open and pale yellow; widths, wrapping, centred
columns and number formats; drop-downs and number ranges on answer cells (`Validations`); the
sheet protected against slips without a password (filtering and resizing still work); A4
landscape fitted to the width with the header repeated on every printed page, and a line (or
a page break) before each unit's rows. `workbook_bytes` fixes the package's dates, so the same
rows give the same bytes. Every text is guarded against formulas and shown without what XML
cannot hold (`records.legal`).

openpyxl is imported in one place (`_openpyxl`), when the first workbook is made.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from parindex.outputs.records import Cell, guard, legal
from parindex.outputs.workbooks.sheet_xml import column_letter

HeadingStyle = Literal["title", "strong", "plain"]
CONTEXT_FILL = "EDEDED"
HEADER_FILL = "D6DCE4"
ENTRY_FILL = "FFFBEA"
LIST_LIMIT = 255  # characters Excel allows in a drop-down's inline list
FIXED_DATE = (2000, 1, 1, 0, 0, 0)  # document and archive dates: reruns give the same bytes
LINE_HEIGHT = 15  # points per line of 11-point text
CHARS_PER_WIDTH = 1.15  # letters of running text per unit of column width (digit widths)


def _openpyxl() -> Any:
    """openpyxl and the parts of it parindex writes with, imported the first time a workbook
    is made (`--help`, `score` and `rank` never load it)."""
    import openpyxl.cell
    import openpyxl.comments
    import openpyxl.styles
    import openpyxl.worksheet.datavalidation
    import openpyxl.worksheet.pagebreak

    return openpyxl


@dataclass(frozen=True, slots=True)
class Column:
    """One column of an entry sheet: its key, its label for people, and how it is shown."""

    key: str
    label: str
    width: float
    open: bool = False  # an answer: unlocked and pale yellow (else context: locked and grey)
    wrapped: bool = False
    centred: bool = False
    number_format: str | None = None
    hidden: bool = False  # read by programs, not by people (a notice's unit id)


@dataclass(frozen=True, slots=True)
class EntryLayout:
    """How an entry sheet looks: its columns, the title in its page header, the columns kept
    in view, the key whose change starts a unit's rows, and where its keys are."""

    columns: Sequence[Column]
    title: str
    frozen_columns: int
    group_key: str  # rows of one unit share it: a line above each unit's first row
    page_per_group: bool = False  # and a page break before it
    keys_hidden: bool = False  # keys in a hidden row above a row of labels (no comments)
    # a title block above the table (its lines and their styles), a blank row below it
    heading: Sequence[tuple[str, HeadingStyle]] = ()

    @property
    def top(self) -> int:  # rows above the key row
        return len(self.heading) + 1 if self.heading else 0

    @property
    def header_rows(self) -> int:  # rows above the first data row
        return self.top + (2 if self.keys_hidden else 1)


Kind = Literal["list", "decimal", "whole"]
_KIND_ORDER: dict[Kind, int] = {"list": 0, "decimal": 1, "whole": 2}


@dataclass(frozen=True, slots=True)
class Check:
    """One data validation: what a cell accepts, and what the spreadsheet says otherwise.
    Checks that accept the same (a range of 1 to 1.5 and of 1.0 to 1.50) are one check: the
    first one's words are shown."""

    kind: Kind
    formula1: str | Decimal
    formula2: str | Decimal | None
    operator: str | None
    title: str = field(compare=False)
    message: str = field(compare=False)


def choice_check(options: Sequence[str], title: str, message: str) -> Check | None:
    """A drop-down of `options`; None when Excel cannot hold them as an inline list."""
    inline = ",".join(options)
    if (
        len(inline) > LIST_LIMIT - 2
        or '"' in inline
        or any("," in option for option in options)
        or legal(inline) != inline
    ):
        return None
    return Check("list", f'"{inline}"', None, None, title, message)


def range_check(low: Decimal, high: Decimal, title: str, message: str) -> Check:
    """A number from `low` to `high`."""
    return Check("decimal", low, high, "between", title, message)


def whole_check(minimum: int, title: str, message: str) -> Check:
    """A whole number of `minimum` or more."""
    return Check("whole", str(minimum), None, "greaterThanOrEqual", title, message)


class Validations:
    """Data validations, one per distinct check whatever the number of cells it covers
    (a sheet of thousands of rows stays a few dozen validations)."""

    def __init__(self) -> None:
        self.cells: dict[Check, list[str]] = {}

    def add(self, check: Check | None, cells: str) -> None:
        if check is not None:
            self.cells.setdefault(check, []).append(cells)

    def attach(self, sheet: Any) -> None:
        """Drop-downs first, then number ranges, then whole numbers, each in the order added."""
        data_validation = _openpyxl().worksheet.datavalidation.DataValidation
        for check in sorted(self.cells, key=lambda c: _KIND_ORDER[c.kind]):
            extra = {} if check.operator is None else {"operator": check.operator}
            if check.formula2 is not None:
                extra["formula2"] = str(check.formula2)
            validation = data_validation(
                type=check.kind,
                formula1=str(check.formula1),
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=legal(check.title),
                error=legal(check.message),
                **extra,
            )
            validation.sqref = " ".join(self.cells[check])
            sheet.data_validations.append(validation)


class EntrySheet:
    """One sheet of an entry workbook, written row by row (openpyxl's streaming mode)."""

    def __init__(self, book: Any, name: str, layout: EntryLayout, rows: int) -> None:
        self.sheet = book.create_sheet(name)
        self.layout = layout
        self.letters = {c.key: column_letter(i) for i, c in enumerate(layout.columns)}
        self.last_row = layout.header_rows + rows
        self.row = layout.header_rows  # the last row written
        self.validations = Validations()
        self._group: Cell = None
        _set_up(self.sheet, layout, self.letters, self.last_row)
        _write_header(self.sheet, layout)
        self._styles = _column_styles(self.sheet, layout)

    def cell(self, key: str, row: int | None = None) -> str:
        """The coordinate of column `key` in `row` (the row written last by default)."""
        return f"{self.letters[key]}{self.row if row is None else row}"

    def column_cells(self, key: str) -> str:
        """The range of column `key` over the data rows."""
        return f"{self.cell(key, self.layout.header_rows + 1)}:{self.cell(key, self.last_row)}"

    def append(self, values: Mapping[str, Cell]) -> int:
        """Write one row; the number of the row written."""
        xl = _openpyxl()
        self.row += 1
        group = values.get(self.layout.group_key)
        first = group != self._group and self.row > self.layout.header_rows + 1
        self._group = group
        if first and self.layout.page_per_group:
            self.sheet.row_breaks.append(xl.worksheet.pagebreak.Break(id=self.row - 1))
        cells = []
        for column in self.layout.columns:
            value = values.get(column.key)
            cell = xl.cell.WriteOnlyCell(
                self.sheet, value=guard(legal(value)) if isinstance(value, str) else value
            )
            cell._style = self._styles[(column.key, first)]
            cells.append(cell)
        self.sheet.row_dimensions[self.row].height = _height(self.layout, values)
        self.sheet.append(cells)
        return self.row

    def close(self) -> None:
        """Attach the data validations (after the last row)."""
        self.validations.attach(self.sheet)


def _set_up(sheet: Any, layout: EntryLayout, letters: Mapping[str, str], last_row: int) -> None:
    """Widths, frozen panes, the filter, the page (A4 landscape, the header on every page)
    and the protection."""
    for column in layout.columns:
        dimension = sheet.column_dimensions[letters[column.key]]
        dimension.width, dimension.hidden = column.width, column.hidden
    head = layout.header_rows
    last = f"{letters[layout.columns[-1].key]}{last_row}"
    sheet.freeze_panes = f"{column_letter(layout.frozen_columns)}{head + 1}"
    sheet.auto_filter.ref = f"A{head}:{last}"
    sheet.print_title_rows = f"{layout.top + 1}:{head}"
    sheet.print_area = f"A1:{last}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = not layout.heading
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.75
    sheet.page_margins.header = sheet.page_margins.footer = 0.3
    sheet.oddHeader.left.text = legal(layout.title)
    sheet.oddFooter.right.text = "&P / &N"
    # Protected against slips, not secrets: no password; filtering and resizing still work.
    protection = sheet.protection
    protection.sheet = True
    protection.autoFilter = False
    protection.formatColumns = False
    protection.formatRows = False


def _write_heading(sheet: Any, layout: EntryLayout) -> None:
    """The lines above the table, locked like every context cell, then a blank row."""
    rows = [*layout.heading, ("", "plain")] if layout.heading else []
    font = _openpyxl().styles.Font
    sizes = {"title": (14, True), "strong": (12, True), "plain": (11, False)}
    shown = next(i for i, column in enumerate(layout.columns) if not column.hidden)
    for text, style in rows:
        cell = _openpyxl().cell.WriteOnlyCell(sheet, value=guard(legal(text)) or None)
        cell.font = font(name="Calibri", size=sizes[style][0], bold=sizes[style][1])
        sheet.append([None] * shown + [cell])


def _write_header(sheet: Any, layout: EntryLayout) -> None:
    """The keys with their labels as comments; or hidden keys above a row of labels."""
    _write_heading(sheet, layout)
    styles = _openpyxl().styles
    cells = []
    for column in layout.columns:
        cell = _openpyxl().cell.WriteOnlyCell(
            sheet, value=column.key if not layout.keys_hidden else legal(column.label)
        )
        cell.font = styles.Font(name="Calibri", size=11, bold=True)
        cell.fill = styles.PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = styles.Alignment(vertical="top", wrap_text=layout.keys_hidden or None)
        if layout.heading:  # no grid is printed over the title block: the table has borders
            side = styles.Side(style="thin", color="808080")
            cell.border = styles.Border(left=side, right=side, top=side, bottom=side)
        if not layout.keys_hidden:
            note = _openpyxl().comments.Comment(legal(column.label), "parindex")
            note.width, note.height = 240, 60
            cell.comment = note
        cells.append(cell)
    if layout.keys_hidden:
        sheet.row_dimensions[layout.top + 1].hidden = True
        sheet.append([column.key for column in layout.columns])
        labels = {column.key: column.label for column in layout.columns}
        sheet.row_dimensions[layout.header_rows].height = _height(layout, labels, every=True)
    sheet.append(cells)


def _column_styles(sheet: Any, layout: EntryLayout) -> dict[tuple[str, bool], Any]:
    """One style per column, and per column on a unit's first row, registered once: setting
    fonts and fills cell by cell would cost most of the run."""
    xl = _openpyxl()
    styles = xl.styles
    context_fill = styles.PatternFill("solid", fgColor=CONTEXT_FILL)
    entry_fill = styles.PatternFill("solid", fgColor=ENTRY_FILL)
    unlocked = styles.Protection(locked=False)
    thin = styles.Side(style="thin", color="808080")
    found: dict[tuple[str, bool], Any] = {}
    for column in layout.columns:
        for first in (False, True):
            model = xl.cell.WriteOnlyCell(sheet)
            model.alignment = styles.Alignment(
                horizontal="center" if column.centred else None,
                vertical="top",
                wrap_text=column.wrapped,
            )
            model.fill = entry_fill if column.open else context_fill
            if column.open:
                model.protection = unlocked
            if column.number_format:
                model.number_format = column.number_format
            if layout.heading:
                model.border = styles.Border(left=thin, right=thin, top=thin, bottom=thin)
            elif first:
                model.border = styles.Border(top=thin)
            found[(column.key, first)] = model._style
    return found


def _height(layout: EntryLayout, values: Mapping[str, Cell], every: bool = False) -> float:
    """Points of height that show every wrapped line (of every column, with `every`):
    spreadsheets do not size rows on open."""
    lines = 1
    for column in layout.columns:
        text = values.get(column.key)
        if (column.wrapped or every) and not column.hidden and isinstance(text, str):
            per_line = max(int(column.width * CHARS_PER_WIDTH) - 1, 1)
            lines = max(lines, sum(-(-max(len(p), 1) // per_line) for p in text.split("\n")))
    return lines * LINE_HEIGHT


def new_book() -> Any:
    """An empty workbook in openpyxl's streaming mode."""
    return _openpyxl().Workbook(write_only=True)


def workbook_bytes(book: Any, title: str | None = None) -> bytes:
    """The workbook's bytes, made by parindex, with fixed dates."""
    if title is not None:
        book.properties.creator = "parindex"
        book.properties.title = legal(title)
    buffer = io.BytesIO()
    book.save(buffer)
    return reproducible(buffer.getvalue())


_CORE_DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def reproducible(data: bytes) -> bytes:
    """The same workbook with fixed document and archive dates, so reruns match byte for byte."""
    stamp = "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z".format(*FIXED_DATE).encode()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _CORE_DATES.sub(lambda m: m.group(1) + stamp + m.group(3), content)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, content)
    return out.getvalue()
