"""A workbook found among a run's paths, opened and told apart: a unit's form (a sheet holding
the form's row of column keys), a table parindex reads or writes (a ranking, the council's
workbook, a survey table, notices and replies, a roster: a sheet with a `unit_id` key), or
something else. A form's sheet is read as people see it (`inputs.tables`): its title block
(each row's key in the hidden first column, then its label, then its value), the key row, the
header people read below it, and one row per criterion, every cell's text and what it was
(a number, a date, a formula without a value …). Nothing is checked against a framework here.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Literal, NamedTuple

from parindex.core.forms import CARRIED_KEY, FORM_KEYS, TITLE_KEYS
from parindex.errors import InputError, Problem
from parindex.i18n import _
from parindex.inputs.tables.cellvalues import Mark, cell_value
from parindex.inputs.tables.package import open_package
from parindex.inputs.tables.sheetxml import Cell, sheet_rows
from parindex.inputs.tables.workbook import (
    GridRow,
    check_archive,
    content_kind,
    damaged,
    grid_row,
    sheet_grid,
    unreadable_reason,
)
from parindex.inputs.tables.xlsxbook import Book, Formats, Sheet
from parindex.inputs.text import read_bytes

# The sheet's names that say "a form" even when its key row is lost.
FORM_SHEETS = frozenset({"assessment", "phiếu tự đánh giá"})
KEY_SEARCH = 60  # rows above which a form's key row stands (its title block is a few rows)
TABLE_SEARCH = 10  # rows in which a table's key row stands
TABLE_KEY = "unit_id"  # every table parindex reads or writes has it
CONTEXT = frozenset({"name", "rule"})  # what a form shows and never reads
LISTS = 32  # columns right of the table passed over: a choice's options, hidden
KEYS = frozenset(FORM_KEYS)
CHUNK = 4096  # bytes of the sheet read at a time: the key row is met early, and what it
# says is left out of the rows that follow
Kind = Literal["form", "table", "other"]


class FormRow(NamedTuple):
    """One row of the form's table: its number, its cells' texts by key (trimmed, empty
    ones left out) and what a cell was when it was not text."""

    number: int
    cells: dict[str, str]
    marks: dict[str, tuple[Mark, str]]


class Titled(NamedTuple):
    """A value of the title block: its text, its row, and what it was when not text."""

    text: str
    row: int
    mark: tuple[Mark, str] | None


class FormSheet(NamedTuple):
    """The form as read: `where` is `FILE.xlsx[SHEET]`; `title` the title block's values by
    key; `rows` the criteria's rows below the header; `problems` what keeps the layout from
    being read (a key row without some keys, a title row missing); `warnings` other sheets
    that hold data, a hidden sheet read."""

    path: str
    where: str
    title: dict[str, Titled]
    key_row: int
    rows: list[FormRow]
    problems: list[Problem]
    warnings: list[Problem]


def open_form(path: str) -> tuple[Kind, FormSheet | None]:
    """What the workbook at `path` is and, for a form, its sheet as read; InputError when it
    cannot be read at all (not a workbook, encrypted, an old .xls, damaged)."""
    raw = read_bytes(path)
    content_kind(raw, path)
    check_archive(raw, path)
    try:
        book = open_package(raw)
    except Exception as exc:  # zipfile, XML and the parts' own errors on a damaged archive
        raise _unreadable(path, exc) from exc
    with book.archive:
        try:
            return _classify(book, path)
        except InputError:  # a damaged sheet, named by `damaged`
            raise
        except Exception as exc:  # a part read when first needed (the shared strings)
            raise _unreadable(path, exc) from exc


def made_answers(data: bytes) -> list[dict[str, str]]:
    """The cells of the rows of a form parindex has just made (`data`, its bytes) as its
    reader sees them once saved: what the digest of a form made from an earlier one is made
    of (`core.forms.answers_digest`)."""
    book = open_package(data)
    with book.archive:
        _kind, sheet = _classify(book, "form")
    return [row.cells for row in sheet.rows] if sheet is not None else []


def _unreadable(path: str, reason: Exception) -> InputError:
    message = _(
        "not a readable XLSX workbook (save it from Excel as 'Excel Workbook (.xlsx)'): {reason}"
    )
    return InputError([Problem(path, message.format(reason=unreadable_reason(reason)))])


class Wanted:
    """The columns a sheet's reader passes over: none until the key row says which columns
    the form reads; the long texts beside them (names, rules) and the hidden lists of options
    right of the table are then not read."""

    __slots__ = ("skip",)

    def __init__(self) -> None:
        self.skip: set[int] = set()

    def keep(self, columns: dict[str, int]) -> None:
        self.skip.update(i for k, i in columns.items() if k in CONTEXT)
        last = max(columns.values(), default=0)
        self.skip.update(range(last + 1, last + 1 + LISTS))


Raw = tuple[int, list[Cell]]  # a row as the sheet's XML holds it: its number and cells


def _grid(book: Book, sheet: Sheet, path: str, wanted: Wanted) -> Iterator[Raw]:
    """The sheet's rows as its XML holds them, the columns `wanted` passes over left out; a
    damaged sheet raises InputError as `workbook.sheet_grid` does."""
    try:
        with book.archive.open(sheet.part) as stream:
            yield from sheet_rows(stream, wanted.skip, CHUNK)
    except Exception as exc:  # a missing part, XML, zip and zlib errors: the sheet is damaged
        raise damaged(path, sheet.title, exc) from exc


def _classify(book: Book, path: str) -> tuple[Kind, FormSheet | None]:
    tabled = False
    for sheet in book.sheets:
        wanted = Wanted()
        grid = _grid(book, sheet, path, wanted)
        head: list[GridRow] = []
        found = None
        for raw in itertools.islice(grid, KEY_SEARCH):
            head.append(grid_row(*raw, book.formats))
            if _is_key_row(head[-1]):
                found = len(head) - 1
                break
        named = _normal(sheet.title) in FORM_SHEETS
        if found is not None or named:
            return "form", _form(book, sheet, path, head, grid, found, wanted)
        tabled = tabled or any(
            TABLE_KEY in map(_normal, cells) for _n, cells, _m in head[:TABLE_SEARCH]
        )
    return ("table" if tabled else "other"), None


def _normal(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip().lstrip("\ufeff").casefold()


def _is_key_row(row: GridRow) -> bool:
    """Whether the row holds every key of the form."""
    return {_normal(c) for c in row[1]} >= KEYS


def _form(
    book: Book,
    sheet: Sheet,
    path: str,
    head: list[GridRow],
    grid: Iterator[Raw],
    found: int | None,
    wanted: Wanted,
) -> FormSheet:
    where = f"{path}[{sheet.title}]"
    warnings = _other_sheets(book, sheet, path)
    if found is None:
        message = _(
            "no row holds the form's column keys ({keys}); this sheet is not laid out as "
            "parindex writes a form: make it again with `parindex template`"
        ).format(keys=",".join(FORM_KEYS))
        return FormSheet(path, where, {}, 0, [], [Problem(where, message)], warnings)
    key_number, key_cells, _marks = head[found]
    columns: dict[str, int] = {}
    problems = []
    for index, text in enumerate(key_cells):
        key = _normal(text)
        if key in FORM_KEYS and key in columns:
            message = _("column {name!r} appears twice in the header").format(name=key)
            problems.append(Problem(where, message, row=key_number, table_column=key))
        elif key in FORM_KEYS:
            columns[key] = index
    wanted.keep(columns)
    title, title_problems = _title(head[:found], where, key_number)
    rows = list(_rows(grid, columns, key_number, book.formats))  # the key row ended the head
    return FormSheet(path, where, title, key_number, rows, problems + title_problems, warnings)


def _title(
    head: list[GridRow], where: str, key_row: int
) -> tuple[dict[str, Titled], list[Problem]]:
    """The title block: in each row above the key row, a title key, then its label, then its
    value (the second filled cell after the key)."""
    title: dict[str, Titled] = {}
    problems = []
    for number, cells, marks in head:
        named = False  # a row names one title key; the digest of a carried form may follow
        for index, text in enumerate(cells):
            key = _normal(text)
            if key == CARRIED_KEY and named:
                following = [c.strip() for c in cells[index + 1 :] if c.strip()]
                title[key] = Titled(following[0] if following else "", number, None)
                break
            if key not in TITLE_KEYS or named:
                continue
            named = True
            if key in title:
                message = _("the title block names {key!r} twice (rows {first} and {row})")
                problems.append(
                    Problem(
                        where,
                        message.format(key=key, first=title[key].row, row=number),
                        row=number,
                        table_column=key,
                    )
                )
                break
            after = [i for i in range(index + 1, len(cells)) if cells[i].strip()]
            at = after[1] if len(after) > 1 else None
            title[key] = Titled(
                cells[at].strip() if at is not None else "", number, marks.get(at) if at else None
            )
    for key in TITLE_KEYS:
        if key not in title:
            message = _(
                "the form's title block has no {key!r} row (it names the unit and the "
                "framework): make the form again with `parindex template`"
            ).format(key=key)
            problems.append(Problem(where, message, row=key_row, table_column=key))
    return title, problems


def _rows(
    grid: Iterable[Raw], columns: dict[str, int], key_row: int, formats: Formats
) -> Iterator[FormRow]:
    """The rows below the key row, each cell of a key read as people see it: the header
    people read (directly below the key row, its maximum a label rather than a number) is
    left out, and so is every row without a criterion."""
    keys = {index: key for key, index in columns.items()}
    for number, cells in grid:
        texts: dict[str, str] = {}
        marks: dict[str, tuple[Mark, str]] = {}
        for column, kind, text, style in cells:
            key = keys.get(column)
            if key is None:
                continue
            mark, shown = cell_value(kind, text, style, formats)
            if mark is not None:
                marks[key] = (mark, shown)
            shown = (text if mark == "damaged" else shown).strip()
            if shown:
                texts[key] = shown
        if number == key_row + 1 and texts.get("max_points") and "max_points" not in marks:
            continue  # the header people read
        if "criterion" in texts:
            yield FormRow(number, texts, marks)


def _other_sheets(book: Book, sheet: Sheet, path: str) -> list[Problem]:
    """A hidden form sheet, and the other sheets that hold data: named, never read."""
    warnings = []
    if sheet.sheet_state != "visible":
        message = _(
            "the form's sheet {sheet!r} is hidden, and it is the one read; unhide it to see "
            "what is read"
        ).format(sheet=sheet.title)
        warnings.append(Problem(f"{path}[{sheet.title}]", message, severity="warning"))
    others = [
        repr(other.title)
        for other in book.sheets
        if other is not sheet and next(iter(sheet_grid(book, other, path)), None) is not None
    ]
    if others:
        message = _(
            "read the form's sheet {sheet!r}; other sheets that hold data are not read: {others}"
        ).format(sheet=sheet.title, others=", ".join(others[:20]))
        warnings.append(Problem(path, message, severity="warning"))
    return warnings
