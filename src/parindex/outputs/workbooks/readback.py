"""Workbooks people fill in and parindex reads back (`--appraisal`, `--survey`, replies),
written with openpyxl's streaming mode: the council's workbook, the survey table, the notices.

An entry sheet is laid out from an `EntryLayout`: a title block if any (a notice's), the column
keys (exactly what the reader looks for) in a row, each key's label for people in its header
cell's comment, or, with `keys_hidden`, the keys in a hidden row above a header row of labels
as tall as they wrap; context columns locked and grey, answer columns open and pale yellow (in
a row kept as it was, an earlier round, locked and shaded blue); widths, wrapping, centred
columns, number formats and hidden columns; drop-downs and number ranges on answer cells
(`checks`); the sheet protected against slips without a password (filtering and resizing still
work); A4 landscape fitted to the width with the header repeated on every printed page, and a
line (or a page break) before each unit's rows. `workbook_bytes` fixes the package's dates, so
the same rows give the same bytes. Every text is guarded against formulas and shown without
what XML cannot hold (`records.legal`).

openpyxl is imported in one place (`_openpyxl`), when the first workbook is made (the checks
of answer cells, `checks`, import its data validation when they are attached).
"""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from parindex.outputs.records import Cell, guard, legal
from parindex.outputs.workbooks.checks import (
    Check,
    ListSheet,
    Validations,
    choice_check,
    list_check,
    range_check,
    whole_check,
)
from parindex.outputs.workbooks.sheet_xml import SHEET_NAME_LIMIT, column_letter

# The checks of answer cells are laid out with the sheet: named here for its writers.
__all__ = [
    "Check",
    "Column",
    "EntryLayout",
    "EntrySheet",
    "ListSheet",
    "Validations",
    "choice_check",
    "list_check",
    "new_book",
    "range_check",
    "table_workbook",
    "whole_check",
    "workbook_bytes",
]

HeadingStyle = Literal["title", "strong", "plain"]
CONTEXT_FILL = "EDEDED"
HEADER_FILL = "D6DCE4"
ENTRY_FILL = "FFFBEA"
KEPT_FILL = "DDE5EE"  # the answer cells of a row kept as it was (an earlier round): locked
FIXED_DATE = (2000, 1, 1, 0, 0, 0)  # document and archive dates: reruns give the same bytes
LINE_HEIGHT = 15  # points per line of 11-point text
CHARS_PER_WIDTH = 1.15  # letters of running text per unit of column width (digit widths)
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def _openpyxl() -> Any:
    """openpyxl and the parts of it parindex writes with, imported the first time a workbook
    is made (`--help`, `score` and `rank` never load it)."""
    import openpyxl.cell
    import openpyxl.comments
    import openpyxl.styles
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
    hidden: bool = False  # a column programs read and people need not see


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
    # a title block above the table (its lines and their styles), a blank row below it: the
    # grid is then not printed, the table has borders
    heading: Sequence[tuple[str, HeadingStyle]] = ()
    # lines of height every row has at least: room for what people type (a spreadsheet
    # does not grow a row as it is typed into)
    min_lines: int = 1

    @property
    def top(self) -> int:  # rows above the key row
        return len(self.heading) + 1 if self.heading else 0

    @property
    def header_rows(self) -> int:  # rows above the first data row
        return self.top + (2 if self.keys_hidden else 1)


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

    def append(self, values: Mapping[str, Cell], *, kept: bool = False) -> int:
        """Write one row; the number of the row written. A `kept` row (an earlier round the
        council's workbook keeps as it was) is locked and shaded in its answer cells too."""
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
            cell._style = self._styles[(column.key, first, kept)]
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
        sheet.column_dimensions[letters[column.key]].width = column.width
        if column.hidden:
            sheet.column_dimensions[letters[column.key]].hidden = True
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
    """The lines above the table, locked like every context cell, then a blank row; in the
    first column people see."""
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
    side = styles.Side(style="thin", color="808080")
    cells = []
    for column in layout.columns:
        cell = _openpyxl().cell.WriteOnlyCell(
            sheet, value=column.key if not layout.keys_hidden else legal(column.label)
        )
        cell.font = styles.Font(name="Calibri", size=11, bold=True)
        cell.fill = styles.PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = styles.Alignment(vertical="top", wrap_text=layout.keys_hidden or None)
        if layout.heading:
            cell.border = styles.Border(left=side, right=side, top=side, bottom=side)
        if not layout.keys_hidden:
            note = _openpyxl().comments.Comment(legal(column.label), "parindex")
            note.width, note.height = 240, 60
            cell.comment = note
        cells.append(cell)
    if layout.keys_hidden:
        sheet.row_dimensions[layout.top + 1].hidden = True
        sheet.append([column.key for column in layout.columns])
        sheet.row_dimensions[layout.top + 2].height = _header_height(layout)
    sheet.append(cells)


def _column_styles(sheet: Any, layout: EntryLayout) -> dict[tuple[str, bool, bool], Any]:
    """One style per column, per column on a unit's first row and per column of a kept row,
    registered once: setting fonts and fills cell by cell would cost most of the run."""
    xl = _openpyxl()
    styles = xl.styles
    fills = {
        "context": styles.PatternFill("solid", fgColor=CONTEXT_FILL),
        "entry": styles.PatternFill("solid", fgColor=ENTRY_FILL),
        "kept": styles.PatternFill("solid", fgColor=KEPT_FILL),
    }
    unlocked = styles.Protection(locked=False)
    thin = styles.Side(style="thin", color="808080")
    found: dict[tuple[str, bool, bool], Any] = {}
    for column in layout.columns:
        for first, kept in itertools.product((False, True), repeat=2):
            model = xl.cell.WriteOnlyCell(sheet)
            model.alignment = styles.Alignment(
                horizontal="center" if column.centred else None,
                vertical="top",
                wrap_text=column.wrapped,
            )
            if not column.open:
                model.fill = fills["context"]
            elif kept:
                model.fill = fills["kept"]
            else:
                model.fill, model.protection = fills["entry"], unlocked
            if column.number_format:
                model.number_format = column.number_format
            if layout.heading:
                model.border = styles.Border(left=thin, right=thin, top=thin, bottom=thin)
            elif first:
                model.border = styles.Border(top=thin)
            found[(column.key, first, kept)] = model._style
    return found


def _header_height(layout: EntryLayout) -> float:
    """Points of height that show every label of the header people read, wrapped at its
    words in its column (bold text runs wider)."""
    return LINE_HEIGHT * max(
        _wrapped_lines(column.label, max(int(column.width * CHARS_PER_WIDTH * 0.9) - 1, 1))
        for column in layout.columns
        if not column.hidden
    )


def _wrapped_lines(text: str, per_line: int) -> int:
    """Lines `text` takes wrapped at its words, `per_line` characters a line."""
    lines, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > per_line:
            lines, used = lines + 1, 0
        used += len(word) + (1 if used else 0)
        while used > per_line:  # a word longer than a line runs on
            lines, used = lines + 1, used - per_line
    return lines


def _height(layout: EntryLayout, values: Mapping[str, Cell]) -> float:
    """Points of height that show every wrapped line: spreadsheets do not size rows on open."""
    lines = layout.min_lines
    for column in layout.columns:
        text = values.get(column.key)
        if column.wrapped and isinstance(text, str):
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


def _sheet_title(name: str, used: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub("-", legal(name))[:SHEET_NAME_LIMIT] or "sheet"
    title, n = base, 2
    while title.casefold() in used:
        suffix = f" ({n})"
        title, n = base[: SHEET_NAME_LIMIT - len(suffix)] + suffix, n + 1
    used.add(title.casefold())
    return title


def table_workbook(
    sheets: Sequence[tuple[str, list[str], list[dict[str, Cell]], int]],
    header_notes: Mapping[str, str] | None = None,
) -> bytes:
    """A plain table read back as it is (the survey table): per sheet (title, columns, rows,
    decimal places), row 1 holds exactly the column keys, frozen, with `header_notes` (column
    → label) as header-cell comments; numbers shown with the sheet's decimals."""
    xl = _openpyxl()
    book = new_book()
    used: set[str] = set()
    bold = xl.styles.Font(bold=True)
    for title, columns, rows, places in sheets:
        sheet = book.create_sheet(_sheet_title(title, used))
        sheet.freeze_panes = "A2"
        for index, column in enumerate(columns):
            width = max([len(column)] + [len(str(r.get(column) or "")) for r in rows[:200]])
            sheet.column_dimensions[column_letter(index)].width = min(width + 2, 60)
        header = []
        for column in columns:
            cell = xl.cell.WriteOnlyCell(sheet, value=column)
            cell.font = bold
            if header_notes and column in header_notes:
                cell.comment = xl.comments.Comment(legal(header_notes[column]), "parindex")
            header.append(cell)
        sheet.append(header)
        number_format = "0" if places == 0 else "0." + "0" * places
        for row in rows:
            cells: list[Any] = []
            for column in columns:
                value = row.get(column)
                if isinstance(value, Decimal):
                    cell = xl.cell.WriteOnlyCell(sheet, value=value)
                    cell.number_format = number_format
                    cells.append(cell)
                else:
                    cells.append(guard(legal(value)) if isinstance(value, str) else value)
            sheet.append(cells)
    return workbook_bytes(book)
