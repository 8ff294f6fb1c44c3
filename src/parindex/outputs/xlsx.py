"""XLSX workbooks: one sheet per group plus detail sheets; numbers as numbers, text guarded."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal

from parindex.core.results import Ranking, UnitResult
from parindex.outputs.records import (
    BREAKDOWN_COLUMNS,
    CLAIM_COLUMNS,
    Cell,
    breakdown_rows,
    claim_rows,
    guard,
    ranking_rows,
    unit_record,
)

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
# What XML 1.0 cannot hold, and openpyxl refuses (IllegalCharacterError): shown escaped.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _legal(text: str) -> str:
    return _ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _sheet_title(name: str, used: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub("-", _legal(name))[:31] or "sheet"
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
        return guard(_legal(value))
    return value


def ranking_workbook(
    rankings: Sequence[Ranking], results: Sequence[UnitResult], with_history: bool
) -> bytes:
    """The published workbook: one sheet per group (the ranking CSV's columns), then the
    breakdown and the claims."""
    columns, rows = ranking_rows(rankings, with_history)
    sheets = []
    for ranking in rankings:
        fw = ranking.framework
        own = [row for row in rows if row["framework"] == fw.framework]
        sheets.append((fw.group, columns, own, fw.precision))
    places = max((r.framework.precision for r in rankings), default=2)
    sheets.append(("breakdown", BREAKDOWN_COLUMNS, breakdown_rows(results), places))
    sheets.append(("claims", CLAIM_COLUMNS, claim_rows(rankings), places))
    return workbook_bytes(sheets)


def unit_workbook(result: UnitResult) -> bytes:
    """One unit's score: its ranking-style record, then its breakdown."""
    record = unit_record(result)
    places = result.framework.precision
    return workbook_bytes(
        [
            (result.unit_id, list(record), [record], places),
            ("breakdown", BREAKDOWN_COLUMNS, breakdown_rows([result]), places),
        ]
    )
