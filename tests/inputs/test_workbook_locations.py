"""A problem in a workbook is located at its sheet and row (`FILE.xlsx[SHEET]:ROW`), and a row
of the council's workbook also names its unit and criterion, so a clerk finds it."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from parindex.errors import ProblemLog
from parindex.inputs.tables.roster import load_roster

from golden_support import run_cli

SHARED = Path(__file__).parents[1] / "malformed" / "_shared"
UNITS = [str(SHARED / "units"), "--criteria", str(SHARED / "criteria")]


@pytest.fixture
def council(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The council's workbook of the two shared units, made by `worksheet`."""
    monkeypatch.chdir(tmp_path)
    result = run_cli(["--lang", "en", "worksheet", *UNITS, "-o", "council.xlsx"])
    assert result.exit_code == 0, result.stderr
    return tmp_path / "council.xlsx"


# the council's sheets as `worksheet --lang en` names them (parindex finds them by their keys)
TITLES = {"appraisal": "Appraisal", "survey": "Sociological survey"}


def _fill(path: Path, sheet: str, row: int, **cells: object) -> None:
    """Fill the `row`-th data row of a sheet of the council's workbook (row 1 holds the keys,
    row 2 the header people read: data row 1 is the sheet's row 3)."""
    book = load_workbook(path)
    held = book[TITLES[sheet]]
    header = [c.value for c in held[1]]
    for key, value in cells.items():
        held.cell(row + 1, header.index(key) + 1).value = value
    book.save(path)


def test_a_council_workbook_problem_names_its_sheet_row_unit_and_criterion(
    council: Path,
) -> None:
    _fill(council, "appraisal", 4, value="cao", reason="Sai số liệu")  # u1 1.2
    _fill(council, "appraisal", 13, points=99, reason="Chấm lại")  # u2 1.10
    _fill(council, "appraisal", 14, reason="Chỉ có lý do")  # u2 1.2
    _fill(council, "survey", 5, value="nhiều")  # u2 3.2
    args = ["--appraisal", "council.xlsx", "--survey", "council.xlsx"]
    result = run_cli(["--lang", "en", "rank", *UNITS, *args])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "council.xlsx[Appraisal]:5: error: value: unit 'u1', criterion '1.2': 'cao' is not "
        "a number; expected a number",
        "council.xlsx[Appraisal]:14: error: points: unit 'u2', criterion '1.10': 99 is not a "
        "number within the leaf's range 0–5",
        "council.xlsx[Appraisal]:15: error: value: unit 'u2', criterion '1.2': empty, and so "
        "is points: a reason alone corrects nothing; give the corrected value or the points, "
        "or clear the reason",
        "council.xlsx[Sociological survey]:6: error: value: unit 'u2', criterion '3.2': "
        "'nhiều' is not a "
        "number; expected a percent from 0 to 100, or numerator/denominator",
    ]


def test_a_problem_in_a_one_sheet_workbook_names_its_sheet(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    sheet.append(["unit_id", "unit_name", "group"])
    sheet.append(["u1", "Đơn vị Một", "office"])
    sheet.append(["u2", None, "office"])
    book.save(tmp_path / "roster.xlsx")
    log = ProblemLog()
    roster = load_roster(str(tmp_path / "roster.xlsx"), log)
    assert [p.render() for p in log] == [
        f"{tmp_path}/roster.xlsx[Danh sách]:3: error: unit_name: empty; a roster row names "
        "unit_id, unit_name and group"
    ]
    assert roster["u1"].where == f"{tmp_path}/roster.xlsx[Danh sách]:2"
