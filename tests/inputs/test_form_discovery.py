"""Workbooks in the folders a run searches: a unit's form is an assessment like a YAML one; a
table parindex reads or writes (a ranking, the council's workbook, a status, a table named in
an option) is not; any other workbook, or one saved as .xls or .ods, is named in a warning
(an error under --strict); one that cannot be opened (encrypted) is an error."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from form_support import COMPACT, SHARED, fill, make_form
from golden_support import run_cli

CRITERIA = str(COMPACT.parent)


@pytest.fixture
def units(tmp_path: Path) -> Path:
    """The corpus's two units: u1 as YAML, u2 as a workbook form made from its YAML."""
    folder = tmp_path / "units"
    folder.mkdir()
    shutil.copy(SHARED / "units" / "u1.yaml", folder / "u1.yaml")
    result = run_cli(
        [
            "template",
            str(COMPACT),
            "--from",
            str(SHARED / "units" / "u2.yaml"),
            "-o",
            str(folder / "u2.xlsx"),
        ]
    )
    assert result.exit_code == 0, result.stderr
    return folder


def _rank(folder: Path, *more: str) -> tuple[int, str, str]:
    result = run_cli(["rank", str(folder), "--criteria", CRITERIA, "--format", "csv", *more])
    return result.exit_code, result.stdout, result.stderr


def _expected() -> str:
    return _rank(SHARED / "units")[1]


def test_a_folder_of_yaml_and_workbook_forms_ranks_as_one_of_yaml(units: Path) -> None:
    code, out, err = _rank(units)
    assert code == 0, err
    assert out == _expected()
    assert {r["unit_id"] for r in csv.DictReader(io.StringIO(out))} == {"u1", "u2"}


def test_parindex_own_workbooks_in_the_folder_are_no_assessments(units: Path) -> None:
    for args in (
        ["rank", str(units), "--criteria", CRITERIA, "-o", str(units / "ranking.xlsx")],
        ["worksheet", str(units), "--criteria", CRITERIA, "-o", str(units / "council.xlsx")],
        ["status", str(units), "--criteria", CRITERIA, "-o", str(units / "status.xlsx")],
        [
            "rank",
            str(units),
            "--criteria",
            CRITERIA,
            "--format",
            "csv",
            "--breakdown",
            str(units / "breakdown.xlsx"),
        ],
    ):
        made = run_cli(args)
        assert made.exit_code == 0, made.stderr
    code, out, err = _rank(units)
    assert code == 0
    assert out == _expected()
    assert "council.xlsx" not in err and "ranking.xlsx" not in err and "status.xlsx" not in err


def test_another_workbook_is_named_in_a_warning_and_an_error_under_strict(units: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Họ tên", "Ghi chú"])
    book.save(units / "notes.xlsx")
    code, out, err = _rank(units)
    assert code == 0
    assert out == _expected()
    assert f"{units / 'notes.xlsx'}: warning: a workbook that is not a unit's form" in err
    code, out, err = _rank(units, "--strict")
    assert code == 1 and out == ""
    assert f"{units / 'notes.xlsx'}: error: a workbook that is not a unit's form" in err


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_a_form_saved_in_another_format_is_named(units: Path, suffix: str) -> None:
    (units / f"u3{suffix}").write_bytes(b"PK\x03\x04 not read")
    code, out, err = _rank(units)
    assert code == 0 and out == _expected()
    assert err.startswith(
        f"{units / f'u3{suffix}'}: warning: a workbook saved as {suffix}, which parindex does "
        "not read; if it is a unit's form, open it and save it as 'Excel Workbook (.xlsx)'"
    )
    code, _out, err = _rank(units, "--strict")
    assert code == 1
    assert f"u3{suffix}: error: a workbook saved as {suffix}" in err


def test_a_password_protected_workbook_is_an_error(units: Path) -> None:
    encrypted = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le")
    (units / "u3.xlsx").write_bytes(encrypted + bytes(512))
    code, out, err = _rank(units)
    assert code == 1 and out == ""
    assert err.startswith(
        f"{units / 'u3.xlsx'}: error: this workbook is protected by a password (encrypted)"
    )


def test_excels_lock_file_is_a_note(units: Path) -> None:
    (units / "~$u2.xlsx").write_bytes(b"\x00lock")
    code, out, err = _rank(units)
    assert code == 0 and out == _expected()
    assert f"{units / '~$u2.xlsx'}: note: the lock file Excel keeps beside a workbook" in err


def test_a_form_of_an_unknown_framework_in_the_folder_is_an_error(units: Path) -> None:
    other = make_form(units / "u3.xlsx", unit=("u3", "Ba"))
    fill(other, {"1.2": {"value": 90}}, title={"framework": "compact-2019"})
    code, out, err = _rank(units)
    assert code == 1 and out == ""
    assert f"{other}[assessment]:5: error: framework: unknown framework 'compact-2019'" in err


def test_a_table_named_in_an_option_inside_the_folder_is_read_as_that_table(
    units: Path,
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "appraisal"
    sheet.append(["unit_id", "criterion", "value", "points", "reason"])
    sheet.append(["u1", "2.4", None, 6, "Hội đồng chấm"])
    book.save(units / "appraisal.xlsx")
    code, out, err = _rank(units, "--appraisal", str(units / "appraisal.xlsx"))
    assert code == 0, err
    assert "appraisal.xlsx" not in err
    rows = {r["unit_id"]: r for r in csv.DictReader(io.StringIO(out))}
    plain = {r["unit_id"]: r for r in csv.DictReader(io.StringIO(_expected()))}
    assert float(rows["u1"]["points"]) == float(plain["u1"]["points"]) + 6


def test_a_named_workbook_that_is_no_form_is_an_error(units: Path) -> None:
    made = run_cli(["rank", str(units), "--criteria", CRITERIA, "-o", str(units / "r.xlsx")])
    assert made.exit_code == 0
    result = run_cli(["score", str(units / "r.xlsx"), "--criteria", CRITERIA])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"{units / 'r.xlsx'}: error: a table (it has a unit_id column), not a unit's form"
    )


def test_status_counts_a_blank_workbook_form_as_not_submitted(units: Path) -> None:
    make_form(units / "u3.xlsx", unit=("u3", "Đơn vị Ba"))
    result = run_cli(["status", str(units), "--criteria", CRITERIA, "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    states = {r["unit_id"]: r["state"] for r in csv.DictReader(io.StringIO(result.stdout))}
    assert states["u3"] == "not_submitted"
    assert states["u2"] != "not_submitted"


def test_the_councils_workbook_shows_what_a_workbook_form_reported(units: Path) -> None:
    from openpyxl import load_workbook

    target = units.parent / "council.xlsx"
    made = run_cli(["worksheet", str(units), "--criteria", CRITERIA, "-o", str(target)])
    assert made.exit_code == 0, made.stderr
    # the council's sheet: the one whose (hidden) first row holds the appraisal's keys
    sheet = next(
        s for s in load_workbook(target).worksheets if "claimed_value" in [c.value for c in s[1]]
    )
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=False)) for row in sheet.iter_rows(3)]
    by_key = {(r["unit_id"], r["criterion"]): r for r in rows if r["unit_id"] in ("u1", "u2")}
    assert by_key[("u2", "1.1")]["evidence"] == "KH 2/KH-U2"
    assert by_key[("u2", "1.1")]["claimed_value"] == "late"
    assert by_key[("u2", "010")]["claimed_value"].endswith("Không phát sinh hồ sơ")
