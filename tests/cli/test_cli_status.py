"""`parindex status`: one line per roster unit (and per unit found that is not on it), its
state the first that holds of not submitted, invalid, incomplete, awaiting, complete; the
counts per group; table, CSV, JSON and XLSX; exit 0 whatever the states."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import Result

from status_support import write_year

from golden_support import Golden, run_cli
from province_support import UNITS, dept, dump, run, write_csv


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_year(tmp_path_factory.mktemp("status") / "2025")


def status_in(year: Path, monkeypatch: pytest.MonkeyPatch, *args: str, **env: str) -> Result:
    monkeypatch.chdir(year)
    return run_cli(["status", *args], env=env or None)


def rows_of(text: str) -> dict[str, dict[str, str]]:
    rows = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    return {row["unit_id"] or row["form"]: row for row in rows}


EXPECTED = {  # unit → (state, errors, answered, missing, no_evidence, pending, form)
    "so-y-te": ("not_submitted", "0", "", "", "", "", ""),  # no form
    "so-ngoai-vu": ("not_submitted", "0", "", "", "", "", "forms/department/so-ngoai-vu.yaml"),
    "so-tu-phap": ("invalid", "1", "", "0", "0", "", "forms/department/so-tu-phap.yaml"),
    "xa-phu-my": ("invalid", "1", "", "0", "0", "", "forms/commune/xa-phu-my.yaml"),
    "so-moi": ("invalid", "1", "65", "0", "0", "25", "forms/department/so-moi.yaml"),
    "so-cong-thuong": (
        "incomplete",
        "0",
        "65",
        "0",
        "1",
        "0",
        "forms/department/so-cong-thuong.yaml",
    ),
    "xa-lam-son": ("incomplete", "0", "51", "1", "0", "0", "forms/commune/xa-lam-son.yaml"),
    "xa-cam-thanh": ("awaiting", "0", "52", "0", "0", "3", "forms/commune/xa-cam-thanh.yaml"),
    "so-noi-vu": ("complete", "0", "65", "0", "0", "0", "forms/department/so-noi-vu.yaml"),
}


def test_every_state_in_csv(year: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = status_in(year, monkeypatch, "--format", "csv")
    assert result.exit_code == 0  # whatever the states: status reports, validate judges
    assert result.stdout.splitlines()[0] == (
        "group,unit_id,unit_name,form,state,errors,warnings,answered,missing,no_evidence,"
        "self_points,points_now,pending,corrected,replied,disagreed"
    )
    rows = rows_of(result.stdout)
    got = {
        unit: tuple(
            rows[unit][k]
            for k in ("state", "errors", "answered", "missing", "no_evidence", "pending", "form")
        )
        for unit in EXPECTED
    }
    assert got == EXPECTED
    # one line per roster unit, and the unit found that is not on the roster
    roster = (year / "roster.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    assert sorted(rows) == sorted([line.split(",")[0] for line in roster] + ["so-moi"])
    assert rows["so-moi"]["group"] == "department"
    # by group in the frameworks' order, then unit id
    groups = [row["group"] for row in rows.values()]
    assert groups == sorted(groups, key=["commune", "department", "vertical-agency"].index)
    # a form's problems are counted, never printed
    assert result.stderr == "note: settings from parindex.toml\n"


def test_points_agree_with_score(year: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    status = rows_of(status_in(year, monkeypatch, "--format", "csv").stdout)
    scored = run_cli(["score", "forms/department/so-noi-vu.yaml", "--format", "json"])
    assert scored.exit_code == 0, scored.stderr
    unit = json.loads(scored.stdout)
    assert (status["so-noi-vu"]["points_now"], status["so-noi-vu"]["self_points"]) == (
        f"{unit['points']:.2f}",
        f"{unit['self_points']:.2f}",
    )
    assert {status[u]["corrected"] for u in status if status[u]["state"] == "complete"} > {"0"}
    assert all(status[u]["replied"] in ("0", "") for u in status)


def test_json_counts_per_group(year: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = status_in(year, monkeypatch, "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout, parse_float=Decimal)
    assert list(doc) == ["tool", "units", "counts"]
    assert doc["counts"]["department"] == {
        "not_submitted": 2,
        "invalid": 2,
        "incomplete": 3,
        "awaiting": 1,
        "complete": 10,
        "total": 18,
    }
    assert set(doc["counts"]) == {"commune", "department", "vertical-agency"}
    by_id = {u["unit_id"]: u for u in doc["units"]}
    assert by_id["so-y-te"]["form"] is None and by_id["so-y-te"]["answered"] is None
    assert isinstance(by_id["so-noi-vu"]["points_now"], Decimal)


def test_workbook_has_units_then_counts(
    year: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "status.xlsx"
    result = status_in(year, monkeypatch, "-o", str(target), PARINDEX_LANG="vi")
    assert result.exit_code == 0, result.stderr
    book = load_workbook(target)
    assert book.sheetnames == ["status", "counts"]
    units = book["status"]
    assert [c.value for c in units[2]][:5] == ["group", "unit_id", "unit_name", "form", "state"]
    assert [c.value for c in units[3]][4] == "Trạng thái"
    # the printed footer names the sheet in people's words, not by its key
    assert units.oddFooter.left.text == units["A1"].value == "Tình hình nộp phiếu của từng đơn vị"
    states = {row[1].value: row[4].value for row in units.iter_rows(min_row=4)}
    assert states["so-y-te"] == "chưa nộp" and states["so-tu-phap"] == "có lỗi"
    counts = book["counts"]
    assert [c.value for c in counts[2]] == [
        "group", "title", "not_submitted", "invalid", "incomplete", "awaiting", "complete", "total",
    ]  # fmt: skip
    department = next(
        r for r in counts.iter_rows(min_row=4, values_only=True) if r[0] == "department"
    )
    assert department[2:] == (2, 2, 3, 1, 10, 18)
    again = tmp_path / "again.xlsx"
    status_in(year, monkeypatch, "-o", str(again), PARINDEX_LANG="vi")
    assert again.read_bytes() == target.read_bytes()


@pytest.mark.parametrize("columns", ["80", "120"])
def test_terminal_as_an_officer_reads_it(
    year: Path, monkeypatch: pytest.MonkeyPatch, golden: Golden, columns: str
) -> None:
    result = status_in(year, monkeypatch, PARINDEX_LANG="vi", COLUMNS=columns)
    assert result.exit_code == 0
    golden(f"status-year.vi.{columns}.txt", result.stdout)
    for line in result.stdout.splitlines():
        assert len(line) <= int(columns), line


def test_terminal_in_english(year: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = status_in(year, monkeypatch).stdout
    assert "  Sở Y tế " in out and "not submitted" in out
    assert "2 forms have errors; `parindex validate FILE` lists them:" in out
    assert "  parindex validate forms/department/so-tu-phap.yaml" in out
    assert (
        "not submitted 2 · has errors 2 · incomplete 3 · awaiting results 1 · complete 10 — "
        "18 units" in out
    )
    assert out.rstrip().splitlines()[-1].startswith("All groups: not submitted 2 · has errors 3")


# --- on the small province -------------------------------------------------------------------


def test_corrections_are_applied_rows_that_change_a_self_answer(province: Path) -> None:
    write_csv(
        province / "appraisal.csv",
        [
            ("unit_id", "criterion", "value", "points", "reason"),
            ("d-alpha", "1.2", "on_time", "", "Đúng như báo cáo"),  # confirms: no correction
            ("d-alpha", "2.1", "", "30", "Thiếu minh chứng"),  # 35 → 30: a correction
            ("d-alpha", "1.4", "N/A", "", "Không phát sinh"),  # 16 of 16 → left out: one too
            ("d-alpha", "2.3", "", "4", "Hội đồng chấm"),  # council's own leaf: not one
        ],
    )
    result = run("status", "units", "--appraisal", "appraisal.csv", "--format", "json")
    assert result.exit_code == 0, result.stderr
    alpha = next(u for u in json.loads(result.stdout)["units"] if u["unit_id"] == "d-alpha")
    assert alpha["corrected"] == 2
    assert alpha["replied"] == 0


def test_a_second_file_of_a_unit_counts_against_it(province: Path) -> None:
    (province / "units" / "copy.yaml").write_text(dump(UNITS["d-beta"]), encoding="utf-8")
    result = run("status", "units", "--format", "csv")
    assert result.exit_code == 0
    rows = rows_of(result.stdout)
    assert (rows["d-beta"]["state"], rows["d-beta"]["errors"]) == ("invalid", "1")


def test_an_empty_folder_and_a_roster_show_every_unit_not_submitted(
    province: Path,
) -> None:
    (province / "forms").mkdir()
    write_csv(
        province / "roster.csv",
        [("unit_id", "unit_name", "group"), ("d-alpha", "Sở Alpha", "department")],
    )
    result = run("status", "forms", "--roster", "roster.csv", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert rows_of(result.stdout)["d-alpha"]["state"] == "not_submitted"
    assert result.stderr == ""


def test_table_rows_with_problems_are_counted_and_left_out(province: Path) -> None:
    write_csv(
        province / "appraisal.csv",
        [
            ("unit_id", "criterion", "value", "points", "reason"),
            ("d-alpha", "2.1", "", "300", "Quá mức"),
            ("d-nobody", "2.1", "", "3", "Không có đơn vị"),
            ("d-beta", "2.1", "", "20", "Đúng"),
        ],
    )
    result = run("status", "units", "--appraisal", "appraisal.csv", "--format", "csv")
    assert result.exit_code == 0
    assert result.stderr == (
        "appraisal.csv: warning: 2 problems in its rows; those rows are left out "
        "(`parindex validate` lists them)\n"
    )
    assert rows_of(result.stdout)["d-beta"]["corrected"] == "1"


def test_status_cannot_run_without_a_sound_framework(province: Path) -> None:
    framework = province / "criteria" / "dept.yaml"
    framework.write_text(framework.read_text(encoding="utf-8").replace("max: 40", "max: -1"))
    result = run("status", "units")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "criteria/dept.yaml:" in result.stderr


def test_missing_files_of_the_settings_are_reported_not_fatal(province: Path) -> None:
    (province / "parindex.toml").write_text(
        'units = ["units"]\nappraisal = ["council/appraisal.xlsx"]\nroster = "roster.csv"\n',
        encoding="utf-8",
    )
    result = run("status", "--format", "csv")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "note: settings from parindex.toml",
        "parindex.toml:2: note: appraisal: 'council/appraisal.xlsx' does not exist (paths in "
        "parindex.toml are relative to its folder)",
        "parindex.toml:3: note: roster: 'roster.csv' does not exist (paths in parindex.toml "
        "are relative to its folder)",
    ]
    assert len(rows_of(result.stdout)) == len(UNITS)
    assert run("rank", "--format", "csv").exit_code == 1  # rank reads them: an error there


def test_replies_seam(province: Path) -> None:
    """The seam replies fill (SPEC §12): a reply counts when it answers a correction."""
    from parindex.app.common import reading
    from parindex.app.requests import Sources
    from parindex.app.status import status_rows
    from parindex.inputs.standing import read_standing

    write_csv(
        province / "appraisal.csv",
        [
            ("unit_id", "criterion", "value", "points", "reason"),
            ("d-alpha", "2.1", "", "30", "Thiếu minh chứng"),
            ("d-beta", "2.1", "", "20", "Thiếu minh chứng"),
        ],
    )
    standing = read_standing(reading(Sources(("units",), appraisal=("appraisal.csv",))))
    answers = {"d-alpha": {"2.1": False, "1.1": True}, "d-gamma": {"2.1": False}}
    rows = {r.unit_id: r for r in status_rows(standing, answers)}
    alpha, beta, gamma = rows["d-alpha"], rows["d-beta"], rows["d-gamma"]
    assert (alpha.corrected, alpha.replied, alpha.disagreed) == (1, 1, 1)
    assert (beta.corrected, beta.replied, beta.disagreed) == (1, 0, 0)
    assert (gamma.corrected, gamma.replied, gamma.disagreed) == (0, 0, 0)


def test_a_unit_of_another_group_on_the_roster(province: Path) -> None:
    units = {"d-alpha": dept("d-alpha", "Sở Alpha", UNITS["d-alpha"]["answers"])}
    for path in (province / "units").iterdir():
        path.unlink()
    (province / "units" / "d-alpha.yaml").write_text(dump(units["d-alpha"]), encoding="utf-8")
    write_csv(
        province / "roster.csv",
        [("unit_id", "unit_name", "group"), ("d-alpha", "Sở Alpha", "ward")],
    )
    result = run("status", "units", "--roster", "roster.csv", "--format", "csv")
    assert result.exit_code == 0
    assert rows_of(result.stdout)["d-alpha"]["state"] == "invalid"


def test_forms_folder_of_the_settings_not_there_yet(province: Path) -> None:
    write_csv(
        province / "roster.csv",
        [("unit_id", "unit_name", "group"), ("d-alpha", "Sở Alpha", "department")],
    )
    (province / "parindex.toml").write_text(
        'units = ["forms"]\nroster = "roster.csv"\n', encoding="utf-8"
    )
    result = run("status", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert rows_of(result.stdout)["d-alpha"]["state"] == "not_submitted"
    assert result.stderr.splitlines()[1] == (
        "parindex.toml:1: note: units: 'forms' does not exist (paths in parindex.toml are "
        "relative to its folder)"
    )
    assert run("rank").exit_code == 1
