"""`parindex template` writes the workbook form (-o FORM.xlsx) or the YAML form (-o FORM.yaml),
refuses any other -o, writes one form per roster unit into a folder (never over a form), and
prefills from an earlier form, YAML or workbook (--from), naming what it cannot carry over."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from form_support import COMPACT, SHARED, fill, make_form
from golden_support import load_yaml, run_cli

CRITERIA = str(COMPACT.parent)
ROSTER = "unit_id,unit_name,group\nu1,Đơn vị Một,office\nu2,Đơn vị Hai,office\nx1,Xã Một,commune\n"


def _template(*args: str) -> tuple[int, str, str]:
    result = run_cli(["template", str(COMPACT), *args])
    return result.exit_code, result.stdout, result.stderr


def _scores(path: Path) -> str:
    result = run_cli(["score", str(path), "--criteria", CRITERIA, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_an_xlsx_output_is_a_workbook_and_a_yaml_output_the_yaml_form(tmp_path: Path) -> None:
    unit = ["--unit-id", "u9", "--unit-name", "Chín"]
    code, _out, err = _template(*unit, "-o", str(tmp_path / "u9.xlsx"))
    assert code == 0 and err == f"wrote {tmp_path / 'u9.xlsx'}\n"
    assert zipfile.is_zipfile(tmp_path / "u9.xlsx")
    code, _out, _err = _template(*unit, "-o", str(tmp_path / "u9.yaml"))
    assert code == 0
    form = load_yaml((tmp_path / "u9.yaml").read_text(encoding="utf-8"))
    assert form["unit"] == {"id": "u9", "name": "Chín", "group": "office"}


@pytest.mark.parametrize("name", ["u9.csv", "u9.xls", "u9.ods", "u9", "u9.json"])
def test_any_other_extension_is_a_usage_error_and_nothing_is_written(
    tmp_path: Path, name: str
) -> None:
    code, out, err = _template("--unit-id", "u9", "--unit-name", "Chín", "-o", str(tmp_path / name))
    assert code == 2 and out == ""
    assert "unknown extension" in err and "use .xlsx or .yaml" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("unit", "said"),
    [
        (["--unit-id", "u" * 256, "--unit-name", "Chín"], "--unit-id: 256 characters"),
        (["--unit-id", "u9", "--unit-name", "C" * 40_000], "--unit-name: 40,000 characters"),
    ],
)
def test_an_id_or_a_name_too_long_for_its_cell_writes_no_form_it_could_not_read_back(
    tmp_path: Path, unit: list[str], said: str
) -> None:
    code, out, err = _template(*unit, "-o", str(tmp_path / "u9.xlsx"))
    assert code == 2 and out == "" and said in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_a_roster_gets_one_form_per_unit_of_the_frameworks_group(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    forms = tmp_path / "forms"
    forms.mkdir()
    code, _out, err = _template("--roster", str(roster), "-o", str(forms))
    assert code == 0, err
    assert sorted(p.name for p in forms.iterdir()) == ["u1.xlsx", "u2.xlsx"]  # not the commune
    status = run_cli(
        ["status", str(forms), "--criteria", CRITERIA, "--roster", str(roster), "--format", "csv"]
    )
    assert status.exit_code == 0, status.stderr
    states = {r["unit_id"]: r["state"] for r in csv.DictReader(io.StringIO(status.stdout))}
    assert states == {"u1": "not_submitted", "u2": "not_submitted", "x1": "not_submitted"}
    yaml_forms = tmp_path / "yaml"
    yaml_forms.mkdir()
    code, _out, err = _template("--roster", str(roster), "--form", "yaml", "-o", str(yaml_forms))
    assert code == 0, err
    assert sorted(p.name for p in yaml_forms.iterdir()) == ["u1.yaml", "u2.yaml"]


def test_no_form_is_written_over_and_each_existing_one_is_named(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER.replace("x1,", "u3,").replace("commune", "office"), encoding="utf-8")
    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / "u1.xlsx").write_bytes(b"filled in")
    (forms / "u3.xlsx").write_bytes(b"filled in too")
    code, out, err = _template("--roster", str(roster), "-o", str(forms))
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f"error: {forms / 'u1.xlsx'}: already exists; parindex does not overwrite a form",
        f"error: {forms / 'u3.xlsx'}: already exists; parindex does not overwrite a form",
    ]
    assert sorted(p.name for p in forms.iterdir()) == ["u1.xlsx", "u3.xlsx"]  # u2 not written
    assert (forms / "u1.xlsx").read_bytes() == b"filled in"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--roster", "r.csv"], "--roster needs -o DIR"),
        (["--roster", "r.csv", "--unit-id", "u1", "-o", "."], "give no --unit-id"),
        (["--unit-id", "u1", "--unit-name", "U", "--form", "yaml"], "--form goes with --roster"),
    ],
)
def test_what_does_not_go_together_is_a_usage_error(args: list[str], said: str) -> None:
    code, out, err = _template(*args)
    assert code == 2 and out == ""
    assert said in err


def test_a_roster_folder_that_is_no_directory_is_an_error(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    code, _out, err = _template("--roster", str(roster), "-o", str(tmp_path / "none"))
    assert code == 1
    assert err == (
        f"error: {tmp_path / 'none'}: not a directory; with --roster, -o names the folder of the "
        "forms\n"
    )


def test_from_a_yaml_assessment_the_form_scores_the_same(tmp_path: Path) -> None:
    source = SHARED / "units" / "u1.yaml"
    code, _out, err = _template("--from", str(source), "-o", str(tmp_path / "u1.xlsx"))
    assert code == 0, err
    assert _scores(tmp_path / "u1.xlsx") == _scores(source)


def test_a_workbook_form_converts_back_to_yaml_that_scores_the_same(tmp_path: Path) -> None:
    source = SHARED / "units" / "u1.yaml"
    _template("--from", str(source), "-o", str(tmp_path / "u1.xlsx"))
    code, _out, err = _template("--from", str(tmp_path / "u1.xlsx"), "-o", str(tmp_path / "u.yaml"))
    assert code == 0, err
    back = load_yaml((tmp_path / "u.yaml").read_text(encoding="utf-8"))
    assert back["unit"] == {"id": "u1", "name": "Đơn vị Một", "group": "office"}
    assert back["answers"]["1.1"]["value"] == "on_time"  # the key, not the label
    assert back["answers"]["1.10"]["value"] == "yes"
    assert back["answers"]["010"]["value"] == {"numerator": 9, "denominator": 10}
    assert _scores(tmp_path / "u.yaml") == _scores(source)


def test_the_unit_given_on_the_command_line_wins_over_the_one_of_the_form(tmp_path: Path) -> None:
    source = SHARED / "units" / "u1.yaml"
    code, out, _err = _template("--from", str(source), "--unit-id", "u7", "--unit-name", "Bảy")
    assert code == 0
    form = load_yaml(out)
    assert form["unit"] == {"id": "u7", "name": "Bảy", "group": "office"}
    assert form["answers"]["1.2"] == {"value": 95, "self_points": 10, "evidence": []}


def test_answers_to_criteria_that_no_longer_exist_are_named_in_a_warning(tmp_path: Path) -> None:
    older = make_form(tmp_path / "old.xlsx", unit=("u1", "Đơn vị Một"))
    fill(older, {"1.2": {"value": 95, "self_points": 10}, "2.2": {"value": 4}})
    framework = tmp_path / "criteria" / "compact.yaml"
    framework.parent.mkdir()
    text = COMPACT.read_text(encoding="utf-8")
    framework.write_text(text.replace('id: "2.2"', 'id: "2.5"'), encoding="utf-8")
    result = run_cli(["template", str(framework), "--from", str(older)])
    assert result.exit_code == 0
    assert result.stderr == (
        f"{older}: warning: answers to criteria that the unit does not answer in compact-2025 "
        "were not copied: 2.2\n"
    )
    assert load_yaml(result.stdout)["answers"]["1.2"]["value"] == 95


def test_a_roster_prefills_each_form_from_its_units_file_in_the_from_folder(
    tmp_path: Path,
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    forms = tmp_path / "forms"
    forms.mkdir()
    code, _out, err = _template(
        "--roster", str(roster), "--from", str(SHARED / "units"), "-o", str(forms)
    )
    assert code == 0, err
    for unit in ("u1", "u2"):
        assert _scores(forms / f"{unit}.xlsx") == _scores(SHARED / "units" / f"{unit}.yaml")


def test_template_help_names_the_forms_options() -> None:
    result = run_cli(["template", "--help"])
    assert result.exit_code == 0
    for option in ("--roster FILE", "--from FILE", "--form [xlsx|yaml]", "-o, --output FILE"):
        assert option in result.stdout
