"""A plain table parindex reads back as it is (the survey table), as a workbook: row 1 holds
exactly the column keys, numbers shown with the sheet's decimals. Written by `readback`'s
streaming writer, with its fixed dates."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from parindex.outputs.records import Cell, guard, legal
from parindex.outputs.workbooks.readback import _openpyxl, new_book, workbook_bytes
from parindex.outputs.workbooks.sheet_xml import SHEET_NAME_LIMIT, column_letter

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


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
