"""The explanation round on the small province: the council's rows (two rounds for d-gamma),
the notices `parindex notice` writes from them, and a unit's reply filled in as a unit would
fill it (openpyxl: the drop-down's entry, an explanation, evidence one document per line).

Corrections standing after these rows (the unit's own answer → the council's):
  d-alpha  1.2 Kịp thời 8 → Không kịp thời 4; 1.4 1180/1200 16 → 1100/1200 14.6667;
           2.1 35 (claimed 40) → points set to 30; (2.3 is a council leaf: no correction)
  d-beta   1.3 95 % 8 → not applicable, left out of the maximum; (1.1 yes confirms: none)
  d-gamma  1.5 1 late report 7.5 → round 2: 3 late reports 2.5; (1.2: round 2 gives the
           unit's own answer back: none)
  w-one    1.2 full 30 → half 15
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from province_support import write_csv

APPRAISAL_HEADER = ("unit_id", "criterion", "value", "points", "reason", "round")
ROUND_ONE = [
    ("d-alpha", "1.2", "late", "", "Ban hành ngày 20/01/2025, sau thời hạn", ""),
    ("d-alpha", "1.4", "1100/1200", "", "Số liệu trên hệ thống: 1.100/1.200", ""),
    ("d-alpha", "2.1", "", "30", "Chưa đủ tài liệu kiểm chứng", ""),
    ("d-alpha", "2.3", "", "4", "Hội đồng chấm", ""),
    ("d-beta", "1.1", "yes", "", "Đủ hồ sơ", ""),
    ("d-beta", "1.3", "N/A", "", "Kế hoạch không giao chỉ tiêu", ""),
    ("d-gamma", "1.2", "none", "", "Không có kế hoạch", "1"),
    ("d-gamma", "1.5", "2", "", "Trễ hai báo cáo", "1"),
    ("w-one", "1.2", "half", "", "Một cửa chưa đủ", ""),
]
ROUND_TWO = [
    ("d-gamma", "1.2", "late", "", "Đơn vị giải trình; Hội đồng chấp nhận", "2"),
    ("d-gamma", "1.5", "3", "", "Trễ ba báo cáo", "2"),
]
CORRECTED = {
    "d-alpha": ["1.2", "1.4", "2.1"],
    "d-beta": ["1.3"],
    "d-gamma": ["1.5"],
    "w-one": ["1.2"],
}
ANSWERS = ("agree", "explanation", "evidence")
KEY_ROW = 7  # the title block's five lines, a blank row, then the keys
FIRST_ROW = 9  # under the header people read


def write_appraisal(root: Path, *, second_round: bool = True, name: str = "appraisal.csv") -> Path:
    rows = ROUND_ONE + (ROUND_TWO if second_round else [])
    return write_csv(root / name, [APPRAISAL_HEADER, *rows])


def keys_of(sheet: Any) -> list[str]:
    return [cell.value for cell in sheet[KEY_ROW]]


def notice_rows(path: Path) -> list[dict[str, Any]]:
    """A notice's rows as key → cell value."""
    from openpyxl import load_workbook

    sheet = load_workbook(path).worksheets[0]
    keys = keys_of(sheet)
    return [
        dict(zip(keys, row, strict=False))
        for row in sheet.iter_rows(min_row=FIRST_ROW, values_only=True)
        if any(v is not None for v in row)
    ]


def fill(
    notice: Path,
    reply: Path,
    answers: Mapping[str, tuple[str | None, str | None, str | None]],
    *,
    edits: Mapping[tuple[str, str], Any] | None = None,
) -> Path:
    """The notice filled in as a unit would: criterion → (agree, explanation, evidence), and
    `edits` (criterion, key) → a value typed over a locked cell; saved as `reply`."""
    from openpyxl import load_workbook

    book = load_workbook(notice)
    sheet = book.worksheets[0]
    keys = keys_of(sheet)
    for row in sheet.iter_rows(min_row=FIRST_ROW):
        criterion = row[keys.index("criterion")].value
        if criterion in answers:
            for key, value in zip(ANSWERS, answers[criterion], strict=True):
                row[keys.index(key)].value = value
        for (where, key), value in (edits or {}).items():
            if where == criterion:
                row[keys.index(key)].value = value
    reply.parent.mkdir(parents=True, exist_ok=True)
    book.save(reply)
    return reply
