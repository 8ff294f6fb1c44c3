"""Workbooks parindex reads back as inputs (`survey -o .xlsx`): row 1 holds exactly the column
keys, with each key's label in a header-cell comment; no title row (SPEC §4).

Written with openpyxl's streaming mode (the table for people, with title and key rows, is
written by `xlsx.py` through `xlsxml.py`).
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal

from parindex.outputs.records import Cell, guard
from parindex.outputs.workbooks.xlsxml import legal

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def _sheet_title(name: str, used: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub("-", legal(name))[:31] or "sheet"
    title, n = base, 2
    while title.casefold() in used:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(title.casefold())
    return title


def workbook_bytes(
    sheets: Sequence[tuple[str, list[str], list[dict[str, Cell]], int]],
    header_notes: Mapping[str, str] | None = None,
) -> bytes:
    """sheets: (title, columns, rows, decimal places). Header row frozen on every sheet;
    `header_notes` (column → label) become header-cell comments, for workbooks read back.

    Written in openpyxl's streaming mode: each row is appended once, so time grows with the
    number of rows, not with its square.
    """
    from openpyxl import Workbook  # heavy: imported only when an .xlsx is written
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    used: set[str] = set()
    bold = Font(bold=True)
    for title, columns, rows, places in sheets:
        sheet = book.create_sheet(_sheet_title(title, used))
        sheet.freeze_panes = "A2"
        for index, column in enumerate(columns, start=1):
            width = max([len(column)] + [len(str(r.get(column) or "")) for r in rows[:200]])
            sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, 60)
        header = []
        for column in columns:
            cell = WriteOnlyCell(sheet, value=column)
            cell.font = bold
            if header_notes and column in header_notes:
                cell.comment = Comment(header_notes[column], "parindex")
            header.append(cell)
        sheet.append(header)
        number_format = "0" if places == 0 else "0." + "0" * places
        for row in rows:
            cells = []
            for column in columns:
                value = _xlsx_value(row.get(column))
                if isinstance(value, Decimal):
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.number_format = number_format
                    cells.append(cell)
                else:
                    cells.append(value)
            sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value: Cell) -> Cell:
    if isinstance(value, str):
        return guard(legal(value))
    return value
