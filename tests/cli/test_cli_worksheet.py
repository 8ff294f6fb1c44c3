"""`parindex worksheet`: the council's workbook, its layout, and the round trip through `rank`.

The example province is the input: rows are found in the workbook by what they are (a choice
leaf by its drop-down, a council leaf by its pending points), not by hard-coded ids.
"""

from __future__ import annotations

import csv
import io
import itertools
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from parindex.outputs.workbooks.worksheet import APPRAISAL_COLUMNS, SURVEY_COLUMNS

from golden_support import run_cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "province-2025"
CRITERIA = ROOT / "criteria"
BASE = [str(EXAMPLE / "units"), "--criteria", str(CRITERIA)]
APPRAISAL_CSV = str(EXAMPLE / "appraisal.csv")
SURVEY_CSV = str(EXAMPLE / "survey.csv")
FEW = ["--unit", "so-noi-vu", "--unit", "xa-lam-son", "--unit", "cong-an-tinh"]  # one per group


def run(*args: str) -> Result:
    return run_cli([*args])


def make(path: Path, *extra: str) -> Path:
    result = run("worksheet", *BASE, *extra, "-o", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.endswith(f"wrote {path}\n")
    return path


def rank_csv(*tables: str) -> str:
    result = run("rank", *BASE, *tables, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    return result.stdout


def sheet_rows(sheet: Any) -> list[dict[str, Any]]:
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)]


def list_validations(sheet: Any) -> dict[str, list[str]]:
    """cell coordinate → options of its drop-down."""
    from openpyxl.utils import get_column_letter

    out = {}
    for check in sheet.data_validations.dataValidation:
        if check.type == "list":
            options = check.formula1.strip('"').split(",")
            for cells in check.sqref.ranges:
                out.update({f"{get_column_letter(c)}{r}": options for r, c in cells.cells})
    return out


# --- the round trip ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole example province's workbook, prefilled from its appraisal and survey files."""
    path = tmp_path_factory.mktemp("full") / "w.xlsx"
    return make(path, "--appraisal", APPRAISAL_CSV, "--survey", SURVEY_CSV)


def test_filled_workbook_ranks_as_the_same_corrections_in_csv(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = make(tmp_path / "w.xlsx", "--survey", SURVEY_CSV, *FEW)
    book = load_workbook(path)
    appraisal, survey = book["appraisal"], book["survey"]
    rows = sheet_rows(appraisal)
    choices = list_validations(appraisal)
    corrections: list[list[str]] = []

    def fill(row: dict[str, Any], column: str, value: Any, reason: str, round_: int = 1) -> None:
        row[column].value = value
        row["reason"].value = reason
        if round_ != 1:
            row["round"].value = round_
        cells = {"value": "", "points": "", column: str(value)}
        corrections.append(
            [
                row["unit_id"].value,
                row["criterion"].value,
                cells["value"],
                cells["points"],
                reason,
                str(round_),
            ]
        )

    choice_rows = [r for r in rows if r["value"].coordinate in choices]
    council_rows = [r for r in rows if r["points_now"].value is None]
    scored_rows = [r for r in rows if r["self_points"].value and r not in choice_rows]
    assert choice_rows and council_rows and scored_rows
    fill(choice_rows[0], "value", choices[choice_rows[0]["value"].coordinate][-2], "Sai mức")
    fill(council_rows[0], "points", Decimal(str(council_rows[0]["max_points"].value)) / 2, "Đạt")
    fill(council_rows[1], "points", 0, "Không đạt", round_=2)
    fill(scored_rows[3], "points", 0, "Không có hồ sơ kiểm chứng")
    # one survey value cleared: pending in both
    survey_rows = sheet_rows(survey)
    cleared = survey_rows[0]
    cleared["value"].value = None
    book.save(path)

    survey_csv = tmp_path / "survey.csv"
    with open(SURVEY_CSV, encoding="utf-8-sig", newline="") as source:
        kept = [
            r
            for r in csv.reader(source)
            if (r[0], r[1]) != (cleared["unit_id"].value, cleared["criterion"].value)
            and (r[0] in FEW or r[0] == "unit_id")
        ]
    write_rows(survey_csv, kept)
    corrections_csv = write_rows(
        tmp_path / "corrections.csv",
        [["unit_id", "criterion", "value", "points", "reason", "round"], *corrections],
    )
    from_workbook = rank_csv("--appraisal", str(path), "--survey", str(path))
    from_csv = rank_csv("--appraisal", str(corrections_csv), "--survey", str(survey_csv))
    assert from_workbook == from_csv
    assert from_workbook != rank_csv("--survey", SURVEY_CSV)  # the corrections count


def write_rows(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def test_prefilled_workbook_reads_back_as_the_files_it_came_from(full: Path) -> None:
    path = full
    from_workbook = rank_csv("--appraisal", str(path), "--survey", str(path))
    from_csv = rank_csv("--appraisal", APPRAISAL_CSV, "--survey", SURVEY_CSV)
    assert from_workbook == from_csv
    result = run("validate", *BASE, "--appraisal", str(path), "--survey", str(path))
    assert result.exit_code == 0
    assert str(path) not in result.stderr  # no warning: its two sheets are known siblings


def test_blank_workbook_changes_nothing_and_validate_lists_the_pending(tmp_path: Path) -> None:
    path = make(tmp_path / "w.xlsx", *FEW)
    assert rank_csv("--appraisal", str(path), "--survey", str(path)) == rank_csv()
    result = run("validate", *BASE, "--appraisal", str(path), "--survey", str(path))
    assert result.exit_code == 0
    info = [line for line in result.stderr.splitlines() if line.startswith("info: ")]
    units = len(list((EXAMPLE / "units").rglob("*.yaml")))
    assert len(info) == units  # every unit waits for its survey and council values
    assert all("still pending (no survey or council value): " in line for line in info)


# --- the layout --------------------------------------------------------------------------------


def test_layout_protection_drop_downs_comments_and_shading(full: Path) -> None:
    from openpyxl import load_workbook

    book = load_workbook(full)
    assert book.sheetnames == ["appraisal", "survey"]
    appraisal, survey = book["appraisal"], book["survey"]
    assert [c.value for c in appraisal[1]] == APPRAISAL_COLUMNS
    assert [c.value for c in survey[1]] == SURVEY_COLUMNS
    for sheet, entry in ((appraisal, {"value", "points", "reason", "round"}), (survey, {"value"})):
        assert sheet.protection.sheet is True
        assert not sheet.protection.password
        assert sheet.freeze_panes == "D2"
        assert sheet.page_setup.orientation == "landscape"
        assert int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.page_setup.fitToWidth == 1
        assert sheet.print_title_rows == "$1:$1"
        for cell in sheet[1]:
            assert cell.comment is not None and cell.comment.text
        rows = sheet_rows(sheet)
        for row in rows[:50]:
            for column, cell in row.items():
                assert cell.protection.locked is (column not in entry), (column, cell.coordinate)
                if column not in entry:
                    assert cell.fill.fgColor.rgb.endswith("EDEDED")
    rows = sheet_rows(appraisal)
    # a choice leaf offers its options (and N/A where the leaf allows it) in a drop-down
    choices = list_validations(appraisal)
    from parindex.inputs.documents.loading import load_framework_file

    framework = load_framework_file(str(CRITERIA / "department.yaml"))
    own = [r for r in rows if r["unit_id"].value == "so-noi-vu"]
    for row in own:
        leaf = framework.leaf(row["criterion"].value)
        assert leaf is not None
        options = getattr(leaf.criterion.rule, "options", None)
        if options is not None:
            expected = list(options) + ([] if leaf.policy == "forbidden" else ["N/A"])
            assert choices[row["value"].coordinate] == expected
        else:
            assert row["value"].coordinate not in choices
    # rows in framework order (self and council leaves), grouped by unit
    assert [r["criterion"].value for r in own] == [
        leaf.id for leaf in framework.leaves if leaf.criterion.source != "survey"
    ]
    units = [r["unit_id"].value for r in rows]
    blocks = [unit for unit, _ in itertools.groupby(units)]
    assert len(blocks) == len(set(blocks))
    # each unit starts on a new printed page
    starts = [i for i in range(1, len(units)) if units[i] != units[i - 1]]
    assert [b.id for b in appraisal.row_breaks.brk] == [i + 1 for i in starts]
    # every appraisal row of the CSV is prefilled, with its reason
    with open(APPRAISAL_CSV, encoding="utf-8-sig", newline="") as source:
        given = {(r["unit_id"], r["criterion"]) for r in csv.DictReader(source)}
    prefilled = {(r["unit_id"].value, r["criterion"].value) for r in rows if r["reason"].value}
    assert prefilled == given


def test_context_shows_what_the_unit_reported(full: Path) -> None:
    from openpyxl import load_workbook

    rows = {
        (r["unit_id"].value, r["criterion"].value): r
        for r in sheet_rows(load_workbook(full)["appraisal"])
    }
    first = rows[("so-noi-vu", "1.1.1")]
    assert first["claimed_value"].value == "Issued on time"  # the option's label, not its key
    assert first["self_points"].value == 1
    assert first["points_now"].value == 1
    assert first["evidence"].value == (
        "Kế hoạch số 196/KH-SNV ngày 25/12/2024 về cải cách hành chính năm 2025"
    )
    assert rows[("so-noi-vu", "1.1.2")]["claimed_value"].value == "98.4 %"
    assert rows[("so-noi-vu", "1.1.3")]["evidence"].value is None
    # a council leaf nobody has appraised is pending: no points yet
    pending = [r for r in rows.values() if r["points_now"].value is None]
    assert pending and all(r["claimed_value"].value is None for r in pending)


def test_reruns_are_byte_identical(full: Path, tmp_path: Path) -> None:
    again = make(tmp_path / "again.xlsx", "--appraisal", APPRAISAL_CSV, "--survey", SURVEY_CSV)
    assert again.read_bytes() == full.read_bytes()


def test_unit_limits_the_rows(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = make(tmp_path / "w.xlsx", "--unit", "so-noi-vu", "--unit", "xa-lam-son")
    book = load_workbook(path)
    for title in ("appraisal", "survey"):
        units = {r["unit_id"].value for r in sheet_rows(book[title])}
        assert units == {"so-noi-vu", "xa-lam-son"}


def test_text_cells_are_guarded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import load_workbook

    reasons = tmp_path / "appraisal.csv"
    write_rows(
        reasons,
        [
            ["unit_id", "criterion", "value", "points", "reason"],
            ["so-noi-vu", "1.1.1", "late", "", '=HYPERLINK("x")'],
        ],
    )
    path = make(tmp_path / "w.xlsx", "--appraisal", str(reasons), "--unit", "so-noi-vu")
    book = load_workbook(path)
    row = next(
        r
        for r in sheet_rows(book["appraisal"])
        if (r["unit_id"].value, r["criterion"].value) == ("so-noi-vu", "1.1.1")
    )
    assert row["reason"].value == '\'=HYPERLINK("x")'
    assert row["reason"].data_type == "s"


def test_output_must_be_xlsx_and_is_never_an_input(tmp_path: Path) -> None:
    result = run("worksheet", *BASE, "-o", str(tmp_path / "w.csv"))
    assert result.exit_code == 2
    assert "the worksheet is written as .xlsx" in result.stderr
    path = make(tmp_path / "w.xlsx", *FEW)
    before = path.read_bytes()
    result = run("worksheet", *BASE, "--appraisal", str(path), "-o", str(path))
    assert result.exit_code == 1
    assert path.read_bytes() == before
