"""`parindex score`: the table, JSON and CSV outputs, output files, options and input errors."""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import Result

from golden_support import REPO, Golden, run_cli

UNIT = "tests/data/cli/so-noi-vu.yaml"  # a filled department-2025 assessment
EXAMPLE_DIR = "examples/province-2025"
EXAMPLE = f"{EXAMPLE_DIR}/forms/department/so-noi-vu.yaml"  # the shipped example
BREAKDOWN = [
    "framework",
    "unit_id",
    "criterion",
    "name",
    "field",
    "max_points",
    "value",
    "points",
    "self_points",
    "status",
    "explanation",
]
SURVEY_LEAVES = 22
COUNCIL_LEAVES = 3  # 1.5.2, 8.3.3 and the penalty 9.2.2
LEAVES = 90


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Frameworks come from ./criteria, so every run starts in the repository."""
    monkeypatch.chdir(REPO)


@functools.cache
def _score(*args: str, lang_env: str | None = None, columns: int = 160) -> Result:
    """One run of `parindex ARGS`, shared by the tests that read the same output (rich
    renders the 90-row table slowly); tests only read a Result. 160 columns: wide enough for
    the explanation column."""
    return run_cli(list(args), env={"COLUMNS": str(columns), "PARINDEX_LANG": lang_env})


def _unit_text() -> str:
    return (REPO / UNIT).read_text(encoding="utf-8")


def _variant(tmp_path: Path, name: str, *replacements: tuple[str, str]) -> str:
    """A copy of the test unit with some lines replaced (each must occur exactly once)."""
    text = _unit_text()
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _json_of(args: list[str]) -> dict:
    result = run_cli(["score", *args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _rows(data: dict) -> dict[str, dict]:
    return {row["criterion"]: row for row in data["criteria"]}


# --- table ---------------------------------------------------------------------------------


def test_table_in_vietnamese_matches_golden(golden: Golden) -> None:
    result = _score("score", UNIT)
    assert result.exit_code == 0
    assert result.stderr == ""
    golden("score-so-noi-vu.txt", result.stdout)


def test_table_in_english_matches_golden(golden: Golden) -> None:
    result = _score("--lang", "en", "score", UNIT)
    assert result.exit_code == 0
    assert result.stderr == ""
    golden("score-so-noi-vu.en.txt", result.stdout)


def test_narrow_table_hides_explanations_but_keeps_numbers_whole() -> None:
    result = _score("score", UNIT, columns=90)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert all(len(line) <= 90 for line in lines)
    header = next(line for line in lines if "Tiêu chí" in line)
    assert "Cách tính" not in header
    assert any("cột cách tính được ẩn" in line for line in lines)
    row = next(line for line in lines if line.lstrip().startswith("1.1.2 "))
    # "95%": Vietnamese writes the per cent sign against the number
    assert row.split()[-6:] == ["95%", "2,00", "2,00", "2,00", "đã", "chấm"]


@pytest.mark.parametrize("columns", [24, 36, 44, 52, 60, 68, 76, 84])
def test_narrow_tables_drop_whole_columns_never_part_of_a_number(columns: int) -> None:
    result = _score("score", UNIT, columns=columns)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert all(len(line) <= columns for line in lines)

    def numbers(prefix: str) -> list[str]:
        line = next(line for line in lines if line.lstrip().startswith(prefix))
        return [token for token in line.split() if token[0].isdigit()][1:]  # after the id

    # Leaf 1.2.1 (value 1, points 0.75, max 1.00, claimed 1.00): whole cells, in order.
    cells = iter(["1", "0,75", "1,00", "1,00"])
    leaf = numbers("1.2.1 ")
    assert all(token in cells for token in leaf), leaf  # a subsequence of the whole cells
    assert "0,75" in leaf
    total = next(line for line in lines if line.lstrip().startswith("Tổng ")).split()[1:]
    assert total[-1] == "54,63"
    assert set(total) <= {"53,00", "97,00", "54,63"}
    if columns < 84:
        assert any("cột" in line and "ẩn" in line for line in lines)


def test_very_narrow_table_wraps_the_index_line_instead_of_cutting_it() -> None:
    result = _score("score", UNIT, columns=30)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert all(len(line) <= 30 for line in lines)
    start = lines.index(next(line for line in lines if line.startswith("Chỉ số:")))
    tail = " ".join(line.strip() for line in lines[start:])
    summary = "Chỉ số: 54,63 — Xếp loại: Trung bình — Điểm tự đánh giá: 53,63"
    assert f"{summary} — Chưa kê khai: 0" in tail
    assert "8 tiêu chí (+1,63)" in tail


def test_table_shows_points_explanations_and_summary_at_160_columns() -> None:
    result = _score("score", UNIT)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert all(len(line) <= 160 for line in lines)
    header = next(line for line in lines if "Tiêu chí" in line)
    for title in ("Số liệu", "Điểm", "Tối đa", "Tự chấm", "Trạng thái", "Cách tính"):
        assert title in header
    # Leaf 1.1.2: value, points, max, claim, status and how the points came about, unshortened.
    row = next(line for line in lines if line.lstrip().startswith("1.1.2 "))
    assert row.split()[-12:] == [
        "95%",
        "2,00",
        "2,00",
        "2,00",
        "đã",
        "chấm",
        "95%",
        ">",
        "90%",
        "→",
        "2/2",
        "điểm",
    ]
    over_claim = next(line for line in lines if line.lstrip().startswith("1.2.1 "))
    assert re.search(r" 1 +0,75 +1,00 +1,00 +đã chấm +1 trường hợp × trừ 0,25", over_claim)
    # The summary table: one row per field (full names), then the total.
    field_row = next(
        line
        for line in reversed(lines)
        if line.lstrip().startswith("3 Cải cách thủ tục hành chính ")
    )
    assert field_row.split()[-3:] == ["12,48", "15,50", "80,48"]
    total_row = next(line for line in lines if line.lstrip().startswith("Tổng "))
    assert total_row.split()[-3:] == ["53,00", "97,00", "54,63"]
    summary = "Chỉ số: 54,63 — Xếp loại: Trung bình — Điểm tự đánh giá: 53,63"
    assert f"{summary} — Chưa kê khai: 0" in lines


def test_table_in_english_uses_english_headers_names_and_band() -> None:
    result = _score("--lang", "en", "score", UNIT)
    assert result.exit_code == 0
    assert result.stderr == ""
    out = result.stdout
    for word in ("Criterion", "Value", "Points", "Claimed", "Status", "How", "Field"):
        assert word in out
    assert "1.1 Annual PAR plan " in out
    assert "3 Administrative procedure reform " in out
    assert "Tiêu chí" not in out and "Cải cách thủ tục hành chính" not in out
    assert "Index: 54.63 — Band: Average — Claimed: 53.63 — Missing: 0" in out.splitlines()


def test_table_in_english_explains_choices_with_english_labels() -> None:
    result = run_cli(["--lang", "en", "score", UNIT], env={"COLUMNS": "250"})
    assert result.exit_code == 0
    assert "Issued on time → 1 of 1" in result.stdout


def test_parindex_lang_environment_variable_picks_english() -> None:
    by_option = _score("--lang", "en", "score", UNIT)
    by_env = _score("score", UNIT, lang_env="en")
    assert by_env.exit_code == 0
    assert by_env.stderr == ""
    assert by_env.stdout == by_option.stdout
    assert "Criterion" in by_env.stdout


def test_lang_option_wins_over_the_environment() -> None:
    result = run_cli(["--lang", "vi", "score", UNIT], env={"PARINDEX_LANG": "en"})
    assert result.exit_code == 0
    assert "Tiêu chí" in result.stdout
    assert "Criterion" not in result.stdout


def test_unknown_language_is_a_usage_error() -> None:
    result = run_cli(["--lang", "fr", "score", UNIT])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "'fr' is not one of 'vi', 'en'" in result.stderr


# --- JSON ------------------------------------------------------------------------------------


def test_json_matches_golden(golden: Golden) -> None:
    result = run_cli(["score", UNIT, "--format", "json"])
    assert result.exit_code == 0
    assert result.stderr == ""
    golden("score-so-noi-vu.json", result.stdout)


def test_json_holds_the_unit_its_framework_fields_and_criteria() -> None:
    result = run_cli(["score", UNIT, "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["framework"] == "department-2025"
    assert data["group"] == "department"
    assert data["unit_id"] == "so-noi-vu"
    assert data["unit_name"] == "Sở Nội vụ"
    assert (data["index"], data["band"]) == (54.63, "Trung bình")
    assert (data["points"], data["max_points"], data["self_points"]) == (53.0, 97.0, 53.63)
    assert data["missing"] == 0
    assert data["adjustment"] == 1.0
    assert [data[f"field_{i}"] for i in "12345678"] == [
        6.63,
        3.5,
        12.48,
        4.75,
        7.48,
        5.0,
        9.17,
        3.0,
    ]
    assert "field_9" not in data  # the bonus/penalty block has no field column
    # Numbers carry exactly the framework's two decimals, as JSON numbers.
    assert '"points": 53.00,' in result.stdout
    assert '"index": 54.63,' in result.stdout


def test_json_fields_list_every_field_with_its_index() -> None:
    data = _json_of([UNIT])
    assert [f["id"] for f in data["fields"]] == list("12345678")
    assert all(set(f) == {"id", "name", "points", "max_points", "index"} for f in data["fields"])
    third = data["fields"][2]
    assert third == {
        "id": "3",
        "name": "Cải cách thủ tục hành chính",
        "points": 12.48,
        "max_points": 15.5,
        "index": 80.48,
    }


def test_json_criteria_rows_have_every_status_and_the_framework_order() -> None:
    data = _json_of([UNIT])
    criteria = data["criteria"]
    assert len(criteria) == LEAVES
    assert all(list(row) == BREAKDOWN for row in criteria)
    assert [row["criterion"] for row in criteria[:5]] == [
        "1.1.1",
        "1.1.2",
        "1.1.3",
        "1.2.1",
        "1.2.2",
    ]
    rows = _rows(data)
    assert rows["1.1.2"]["status"] == "scored"
    assert (rows["1.1.2"]["value"], rows["1.1.2"]["points"]) == ("95 %", 2.0)
    assert rows["1.2.1"]["points"] == 0.75 and rows["1.2.1"]["self_points"] == 1.0  # over-claim
    assert rows["2.1.1"]["status"] == "not_applicable"
    assert rows["2.1.1"]["max_points"] == 1.0 and rows["2.1.1"]["points"] == 0.0
    assert rows["2.2.2"]["status"] == "not_applicable" and rows["2.2.2"]["points"] == 1.5  # full
    assert rows["1.5.1"]["status"] == "pending" and rows["1.5.1"]["value"] is None
    assert rows["1.5.2"]["status"] == "pending"
    statuses = [row["status"] for row in criteria]
    assert statuses.count("pending") == SURVEY_LEAVES + COUNCIL_LEAVES
    assert "missing" not in statuses and "appraised" not in statuses


# --- CSV ---------------------------------------------------------------------------------------


def test_csv_matches_golden(golden: Golden) -> None:
    result = run_cli(["score", UNIT, "--format", "csv"])
    assert result.exit_code == 0
    assert result.stderr == ""
    golden("score-so-noi-vu.csv", result.stdout_bytes.decode("utf-8"))  # CRLF kept


def test_csv_on_stdout_is_the_breakdown_without_bom_with_crlf() -> None:
    result = run_cli(["score", UNIT, "--format", "csv"])
    assert result.exit_code == 0
    raw = result.stdout_bytes
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == LEAVES + 1
    assert raw.count(b"\n") == LEAVES + 1
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert list(rows[0]) == BREAKDOWN
    assert len(rows) == LEAVES
    first = rows[0]
    assert first == {
        "framework": "department-2025",
        "unit_id": "so-noi-vu",
        "criterion": "1.1.1",
        "name": "Ban hành kế hoạch CCHC năm",
        "field": "1",
        "max_points": "1.00",
        "value": "on_time",
        "points": "1.00",
        "self_points": "1.00",
        "status": "scored",
        "explanation": "Issued on time → 1 of 1",  # text in files follows --lang
    }
    by_id = {row["criterion"]: row for row in rows}
    assert by_id["3.2.3"]["value"] == "1180/1200 = 98.33 %"
    assert by_id["1.5.1"]["points"] == "0.00" and by_id["1.5.1"]["self_points"] == ""


# --- output files ------------------------------------------------------------------------------


def _only_file(directory: Path) -> Path:
    files = list(directory.iterdir())
    assert len(files) == 1, files  # written whole: no temporary file left beside it
    return files[0]


def test_output_json_file_is_the_stdout_json_without_bom(tmp_path: Path) -> None:
    target = tmp_path / "x.json"
    result = run_cli(["score", UNIT, "-o", str(target)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"wrote {target}\n"
    assert _only_file(tmp_path) == target
    data = target.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data == run_cli(["score", UNIT, "--format", "json"]).stdout_bytes


def test_output_csv_file_has_a_bom_and_crlf(tmp_path: Path) -> None:
    target = tmp_path / "x.csv"
    result = run_cli(["score", UNIT, "-o", str(target)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"wrote {target}\n"
    assert _only_file(tmp_path) == target
    data = target.read_bytes()
    stdout = run_cli(["score", UNIT, "--format", "csv"]).stdout_bytes
    assert data == b"\xef\xbb\xbf" + stdout
    assert data.count(b"\r\n") == data.count(b"\n") == LEAVES + 1


def test_output_csv_file_with_no_bom(tmp_path: Path) -> None:
    target = tmp_path / "x.csv"
    result = run_cli(["score", UNIT, "-o", str(target), "--no-bom"])
    assert result.exit_code == 0
    assert target.read_bytes() == run_cli(["score", UNIT, "--format", "csv"]).stdout_bytes


def test_format_matching_the_output_extension_is_accepted(tmp_path: Path) -> None:
    target = tmp_path / "x.CSV"
    result = run_cli(["score", UNIT, "--format", "csv", "-o", str(target)])
    assert result.exit_code == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbfframework,unit_id,criterion,")


def test_output_xlsx_file_has_the_unit_and_breakdown_sheets(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "x.xlsx"
    result = run_cli(["--lang", "vi", "score", UNIT, "-o", str(target)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"đã ghi {target}\n"
    assert _only_file(tmp_path) == target
    assert target.read_bytes().startswith(b"PK\x03\x04")  # a zip archive, no BOM
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["department", "breakdown"]  # the unit's group, then its leaves
    unit, breakdown = book["department"], book["breakdown"]
    assert unit.freeze_panes == "E4" and breakdown.freeze_panes == "D4"
    assert unit["A1"].value.startswith("Chỉ số cải cách hành chính các sở, ban, ngành năm 2025 — ")
    header = [c.value for c in unit[2]]
    values = dict(zip(header, [c.value for c in unit[4]], strict=True))
    assert values["unit_id"] == "so-noi-vu"
    assert values["index"] == pytest.approx(54.63)
    assert isinstance(values["index"], (int, float))  # numbers as numbers
    assert [c.value for c in breakdown[2]] == BREAKDOWN
    assert breakdown.max_row == LEAVES + 3
    assert breakdown.cell(4, 8).value == 1  # points of 1.1.1


def test_format_conflicting_with_output_extension_is_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "x.csv"
    result = run_cli(["score", UNIT, "--format", "json", "-o", str(target)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"--format json conflicts with -o {target} (csv)" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_unknown_output_extension_is_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "x.txt"
    result = run_cli(["score", UNIT, "-o", str(target)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "unknown extension '.txt'; use .csv, .json or .xlsx" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_unknown_option_is_a_usage_error() -> None:
    result = run_cli(["score", UNIT, "--bogus"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "No such option: --bogus" in result.stderr or "No such option '--bogus'" in result.stderr


def test_unknown_format_is_a_usage_error() -> None:
    result = run_cli(["score", UNIT, "--format", "xlsx"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "'xlsx' is not one of 'table', 'json', 'csv'" in result.stderr


def test_output_into_a_missing_directory_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "x.json"
    result = run_cli(["score", UNIT, "-o", str(target)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "does not exist (parindex creates no directories)" in result.stderr
    assert not (tmp_path / "nowhere").exists()


def test_output_over_an_input_table_is_refused(tmp_path: Path) -> None:
    survey = tmp_path / "survey.csv"
    survey.write_text("unit_id,criterion,value\r\nso-noi-vu,1.5.1,4\r\n", encoding="utf-8")
    before = survey.read_bytes()
    result = run_cli(["score", UNIT, "--survey", str(survey), "-o", str(survey)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"error: {survey}: refusing to write over an input file\n"
    assert survey.read_bytes() == before


# --- --strict, missing answers -------------------------------------------------------------------


def _unit_with_two_missing(tmp_path: Path) -> str:
    return _variant(
        tmp_path,
        "missing.yaml",
        ('  "5.4.2": {value: yes, self_points: 0.5}\n', ""),
        ('"3.3.3": {value: 40, self_points: 0.25}', '"3.3.3": {value: null}'),
    )


def test_missing_answers_score_zero_with_one_warning(tmp_path: Path) -> None:
    unit = _unit_with_two_missing(tmp_path)
    result = run_cli(["score", unit, "--format", "json"])
    assert result.exit_code == 0
    assert result.stderr == (
        "warning: 2 answers missing in 1 assessment(s), scored 0 "
        "(`parindex validate` lists them; --strict makes them errors)\n"
    )
    data = json.loads(result.stdout)
    assert data["missing"] == 2
    rows = _rows(data)
    assert (rows["5.4.2"]["status"], rows["5.4.2"]["points"]) == ("missing", 0.0)
    assert (rows["3.3.3"]["status"], rows["3.3.3"]["points"]) == ("missing", 0.0)
    assert rows["3.3.3"]["max_points"] == 0.5  # still in the maximum
    assert data["max_points"] == 97.0


def test_strict_turns_missing_answers_into_located_errors(tmp_path: Path) -> None:
    unit = _unit_with_two_missing(tmp_path)
    answer_line = _unit_text().splitlines().index('  "3.3.3": {value: 40, self_points: 0.25}') + 1
    answers_line = _unit_text().splitlines().index("answers:") + 1
    result = run_cli(["score", unit, "--strict"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{unit}:{answers_line}:1: error: answers: criterion '5.4.2': not answered (--strict "
        "requires every criterion)",
        f'{unit}:{answer_line}:20: error: answers["3.3.3"].value: not answered (--strict '
        "requires every criterion)",
    ]


def test_strict_accepts_a_complete_assessment() -> None:
    result = run_cli(["score", UNIT, "--strict", "--format", "json"])
    assert result.exit_code == 0
    assert result.stderr == ""
    assert json.loads(result.stdout)["index"] == 54.63


# --- --appraisal and --survey ------------------------------------------------------------------


def _table(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_appraisal_rows_of_this_unit_apply_and_others_are_ignored(tmp_path: Path) -> None:
    appraisal = _table(
        tmp_path,
        "appraisal.csv",
        "unit_id,criterion,value,points,reason\n"
        "so-noi-vu,1.1.2,85,,Báo cáo chỉ đạt 85 %\n"
        "so-tai-chinh,1.1.2,50,,Đơn vị khác\n"
        'so-tai-chinh,9.9.9,1,,"Đơn vị khác, tiêu chí lạ"\n'
        "so-noi-vu,1.5.2,,0.8,Hội đồng chấm\n",
    )
    data = _json_of([UNIT, "--appraisal", appraisal])
    rows = _rows(data)
    assert rows["1.1.2"]["status"] == "appraised"
    assert (rows["1.1.2"]["points"], rows["1.1.2"]["self_points"]) == (1.0, 2.0)
    assert rows["1.1.2"]["explanation"] == (
        "appraised (round 1): 85 % ≥ 70 % → 1 of 2; reason: Báo cáo chỉ đạt 85 %"
    )
    assert (rows["1.5.2"]["status"], rows["1.5.2"]["points"]) == ("appraised", 0.8)
    assert data["points"] == 52.8  # 52.995 − 1 + 0.8
    others = [row for row in data["criteria"] if row["status"] == "appraised"]
    assert [row["criterion"] for row in others] == ["1.1.2", "1.5.2"]


def test_survey_values_of_this_unit_apply_and_others_are_ignored(tmp_path: Path) -> None:
    survey = _table(
        tmp_path,
        "survey.csv",
        "unit_id;criterion;value\nso-noi-vu;1.5.1;4\nso-noi-vu;2.4.1;60\nso-tai-chinh;1.5.1;2\n",
    )
    data = _json_of([UNIT, "--survey", survey])
    rows = _rows(data)
    assert (rows["1.5.1"]["status"], rows["1.5.1"]["points"]) == ("scored", 1.13)
    assert rows["1.5.1"]["value"] == "4"
    assert (rows["2.4.1"]["status"], rows["2.4.1"]["points"]) == ("scored", 0.6)
    assert rows["2.4.2"]["status"] == "pending"
    assert data["points"] == 54.72  # 52.995 + 1.125 + 0.6: rounded once, at the end


def test_appraisal_row_for_this_unit_with_an_unknown_criterion_is_an_error(tmp_path: Path) -> None:
    appraisal = _table(
        tmp_path,
        "appraisal.csv",
        "unit_id,criterion,value,points,reason\nso-noi-vu,9.9.9,1,,lý do\n",
    )
    result = run_cli(["score", UNIT, "--appraisal", appraisal])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"{appraisal}:2: error: criterion: unknown criterion '9.9.9' in "
        "framework 'department-2025'\n"
    )


def test_survey_row_in_the_appraisal_is_an_error(tmp_path: Path) -> None:
    appraisal = _table(
        tmp_path,
        "appraisal.csv",
        "unit_id,criterion,value,points,reason\nso-noi-vu,1.5.1,4,,lý do\n",
    )
    result = run_cli(["score", UNIT, "--appraisal", appraisal])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(
        f"{appraisal}:2: error: criterion: criterion '1.5.1' comes from the survey"
    )


# --- input errors ------------------------------------------------------------------------------


def test_missing_unit_file_is_a_clear_error(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.yaml")
    result = run_cli(["score", missing])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"{missing}: error: no such file or directory\n"


def test_missing_appraisal_file_is_a_clear_error(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.csv")
    result = run_cli(["score", UNIT, "--appraisal", missing])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"{missing}: error: no such file\n"


def test_malformed_yaml_is_located_without_a_traceback(tmp_path: Path) -> None:
    unit = _variant(
        tmp_path,
        "broken.yaml",
        ('"1.1.3": {value: yes, self_points: 0.5}', '"1.1.3": {value: yes, self_'),
    )
    # The flow mapping left open is noticed at the next key, the answer to 1.2.1.
    line = next(i for i, s in enumerate(_unit_text().splitlines(), 1) if s.startswith('  "1.2.1"'))
    result = run_cli(["score", unit])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{unit}:")
    where, _, message = lines[0][len(unit) + 1 :].partition(": error: ")
    found_line, found_column = (int(n) for n in where.split(":"))
    assert (found_line, found_column) == (line, 3)
    assert message.startswith("invalid YAML: ")
    assert "Traceback" not in result.stderr


def test_invalid_values_are_all_reported_at_their_lines(tmp_path: Path) -> None:
    unit = _variant(
        tmp_path,
        "bad.yaml",
        ('"1.1.1": {value: on_time,', '"1.1.1": {value: maybe,'),
        ('"1.1.2": {value: 95, self_points: 2,', '"1.1.2": {value: 95, self_points: 5,'),
    )
    result = run_cli(["score", unit])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = _unit_text().splitlines()
    first = next(i for i, s in enumerate(lines, 1) if s.startswith('  "1.1.1"'))
    second = next(i for i, s in enumerate(lines, 1) if s.startswith('  "1.1.2"'))
    assert result.stderr.splitlines() == [
        f"{unit}:{first}:20: error: answers[\"1.1.1\"].value: 'maybe' is not an option of this "
        "criterion; allowed: “Issued on time”, “Issued late”, “Not issued”",
        f'{unit}:{second}:37: error: answers["1.1.2"].self_points: claimed 5 is outside the '
        "range 0–2",
    ]


def test_a_framework_file_is_not_a_unit(tmp_path: Path) -> None:
    result = run_cli(["score", "criteria/department.yaml"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "criteria/department.yaml: error: expected one unit assessment (a file with 'unit:')\n"
    )


# --- the shipped example and import cost ----------------------------------------------------


@pytest.mark.parametrize("with_tables", [False, True], ids=["self", "appraised"])
def test_shipped_example_unit_matches_golden(with_tables: bool, golden: Golden) -> None:
    if not (REPO / EXAMPLE).exists():
        pytest.skip(f"{EXAMPLE} is not shipped yet")
    tables = (
        [
            "--appraisal",
            f"{EXAMPLE_DIR}/council/appraisal-2025.csv",
            "--survey",
            f"{EXAMPLE_DIR}/survey/survey-2025.csv",
        ]
        if with_tables
        else []
    )
    result = run_cli(["score", EXAMPLE, *tables])
    assert result.exit_code == 0
    assert result.stderr == ""
    suffix = ".appraised" if with_tables else ""
    golden(f"score-example-so-noi-vu{suffix}.txt", result.stdout)


def test_score_does_not_import_openpyxl() -> None:
    code = (
        "import sys\n"
        "from parindex.cli import main\n"
        "for fmt in ('table', 'json', 'csv'):\n"
        f"    main(['score', {UNIT!r}, '--format', fmt], standalone_mode=False)\n"
        "assert 'parindex.core.scoring' in sys.modules, 'the command did not score'\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'openpyxl'), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "120", "NO_COLOR": "1"},
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1] == "[]"


def _run_process(*args: str, lang: str = "vi") -> subprocess.CompletedProcess[str]:
    """`python -m parindex ARGS` in its own process: the console script's path (`run`)."""
    return subprocess.run(
        [sys.executable, "-m", "parindex", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={
            **os.environ,
            "COLUMNS": "160",
            "NO_COLOR": "1",
            "PYTHONIOENCODING": "utf-8",
            "PARINDEX_LANG": lang,
        },
    )


def test_the_console_entry_prints_the_whole_table_and_exits_0() -> None:
    done = _run_process("score", UNIT)
    assert done.returncode == 0, done.stderr
    assert done.stdout == _score("score", UNIT).stdout  # nothing lost at exit


def test_the_console_entry_writes_a_whole_output_file(tmp_path: Path) -> None:
    target = tmp_path / "so-noi-vu.json"
    done = _run_process("score", UNIT, "-o", str(target), lang="en")  # as _json_of runs
    assert done.returncode == 0, done.stderr
    assert json.loads(target.read_text(encoding="utf-8")) == _json_of([UNIT])


def test_the_console_entry_keeps_the_exit_code_of_an_input_error(tmp_path: Path) -> None:
    done = _run_process("score", str(tmp_path / "absent.yaml"))
    assert done.returncode == 1
    assert "absent.yaml" in done.stderr and "Traceback" not in done.stderr
