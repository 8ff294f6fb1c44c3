"""Rows of a table as they are read: none dropped unless every cell is empty, numbers and ids as
a workbook stores them, and every malformed row located in words a person can act on."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import Result
from openpyxl import Workbook

from golden_support import run_cli

SHARED = Path(__file__).parents[1] / "malformed" / "_shared"
UNITS = [str(SHARED / "units"), "--criteria", str(SHARED / "criteria")]
AH = "unit_id,criterion,value,points,reason,round"


def validate(*tables: str) -> Result:
    return run_cli(["--lang", "en", "validate", *UNITS, *tables])


def _workbook(path: Path, title: str, rows: list[list[object]]) -> str:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return str(path)


def _errors(result: Result) -> list[str]:
    assert result.exit_code == 1, result.stderr
    assert result.stdout == ""
    return [line for line in result.stderr.splitlines() if ": error: " in line]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            AH.replace(",", ";") + "\nu1;1.2;80;;Sai;1\nu1,2.4,,8,Lý do\n",
            "a.csv:3: error: unit_id: the whole row seems to be in this one cell "
            "('u1,2.4,,8,Lý do'): its values are separated by ',' and the header's by ';'; "
            "put each value in its own cell",
        ),
        (
            AH + "\nu1,1.2,80,,Sai,1\nu1,,,,,\n",
            "a.csv:3: error: criterion: empty; name the criterion",
        ),
        (
            AH + "\nu1,1.2,80,,Sai,1\n,2.4,,,,\n",
            "a.csv:3: error: unit_id: empty; name the unit",
        ),
        (
            AH + "\nu1,1.2,80,,Sai,1\n,,,,Lý do lạc dòng,\n",
            "a.csv:3: error: unit_id: empty; name the unit",
        ),
    ],
    ids=["comma-row-under-semicolons", "only-unit-id", "only-criterion", "only-a-reason"],
)
def test_a_row_is_blank_only_when_every_cell_is_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.csv").write_text(text, encoding="utf-8")
    assert _errors(validate("--appraisal", "a.csv")) == [expected]


def test_a_survey_row_with_only_a_unit_is_read_and_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("s.csv").write_text("unit_id;criterion;value\nu1;3.1;4\nu2,3.1,4\n", encoding="utf-8")
    assert _errors(validate("--survey", "s.csv")) == [
        "s.csv:3: error: unit_id: the whole row seems to be in this one cell ('u2,3.1,4'): "
        "its values are separated by ',' and the header's by ';'; put each value in its own "
        "cell"
    ]


def test_a_whole_row_pasted_into_one_workbook_cell_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _workbook(
        tmp_path / "a.xlsx",
        "appraisal",
        [AH.split(","), ["u1", "1.2", 80, None, "Sai", 1], ["u1,2.4,,8,Lý do"]],
    )
    assert _errors(validate("--appraisal", "a.xlsx")) == [
        "a.xlsx[appraisal]:3: error: unit_id: the whole row seems to be in this one cell "
        "('u1,2.4,,8,Lý do'): its values are separated by ','; put each value in its own cell "
        "(in Excel: Data > Text to Columns)"
    ]


def test_a_council_row_left_as_it_was_made_is_no_correction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worksheet's rows name their unit and criterion and leave the council's cells empty:
    no correction, nothing to report."""
    monkeypatch.chdir(tmp_path)
    Path("a.csv").write_text(AH + "\nu1,1.2,80,,Sai,1\nu1,2.4,,,,\n", encoding="utf-8")
    result = validate("--appraisal", "a.csv")
    assert ": error: " not in result.stderr
