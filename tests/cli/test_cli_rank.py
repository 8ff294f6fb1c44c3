"""`parindex rank` end to end, over a small province written in tmp_path.

The compact department framework (`dept-2025`, precision 2) has two regular fields, a
bonus/penalty block and every rule kind; a second framework (`ward-2025`, precision 1) has a
field id the first lacks, so the CSV's field columns are a union. Every expected number below
was worked out by hand from the answers in UNITS.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import random
import re
import shutil
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

# --- the small province ----------------------------------------------------------------------
from province_support import (
    BREAKDOWN_HEADER,
    DEPT_LEAVES,
    RANKING_CSV,
    RANKING_HEADER,
    UNITS,
    WARD_LEAVES,
    dump,
    run,
    sheet_records,
    write_csv,
    write_province,
    write_xlsx,
)


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline="")))


def table_line(stdout: str, name: str) -> str:
    lines = [line for line in stdout.splitlines() if name in line]
    assert len(lines) == 1, (name, stdout)
    return lines[0]


def raw(result: Result) -> str:
    """stdout exactly as written (click's `stdout` turns CRLF into LF)."""
    return result.stdout_bytes.decode("utf-8")


def make_roster(
    path: Path, extra: Sequence[tuple[str, str, str]] = (), skip: Sequence[str] = ()
) -> Path:
    rows = [("unit_id", "unit_name", "group")]
    rows += [
        (uid, data["unit"]["name"], data["unit"]["group"])
        for uid, data in UNITS.items()
        if uid not in skip
    ]
    rows += list(extra)
    return write_xlsx(path, rows) if path.suffix == ".xlsx" else write_csv(path, rows)


# --- the table -------------------------------------------------------------------------------


def test_table_one_ranking_per_framework_with_competition_ranks(province: Path) -> None:
    result = run("--lang", "vi", "rank", "units")
    assert result.exit_code == 0
    out = result.stdout
    # one table per framework, department first (framework-id order: both `order` 0), titled
    # by the framework's title alone (no group id)
    titles = [line.strip() for line in out.splitlines()]
    dept_at = titles.index("Chỉ số CCHC các sở năm 2025 (thử)")
    ward_at = titles.index("Chỉ số CCHC các phường năm 2025 (thử)")
    assert "(department)" not in out and "(ward)" not in out
    assert dept_at < ward_at
    ranks = {}
    for name in (
        "Sở Alpha",
        "Sở Beta",
        "Sở Gamma",
        "Sở Delta",
        "Sở Epsilon",
        "Phường Một",
        "Xã Hai",
    ):
        ranks[name] = table_line(out, name).split()[0]
    assert ranks == {
        "Sở Alpha": "1",
        "Sở Beta": "2=",
        "Sở Gamma": "2=",
        "Sở Delta": "4",
        "Sở Epsilon": "5",
        "Phường Một": "1",
        "Xã Hai": "2",
    }
    # rows in rank order, ties by unit id
    positions = [
        out.index(n) for n in ("Sở Alpha", "Sở Beta", "Sở Gamma", "Sở Delta", "Sở Epsilon")
    ]
    assert positions == sorted(positions)
    beta = table_line(out, "Sở Beta")
    assert re.search(r"76,49\s+Khá\s+76,49/100,00", beta)  # decimal commas under vi
    delta = table_line(out, "Sở Delta")
    assert re.search(r"76,48\s+76,48/100,00", delta)  # below the lowest band: no band
    assert "73,3" in table_line(out, "Phường Một")  # precision 1
    # the missing answer is a warning, not an error
    assert "warning: 1 tiêu chí chưa kê khai trong 1 phiếu tự đánh giá" in result.stderr
    assert "Traceback" not in result.stderr


# --- CSV -------------------------------------------------------------------------------------


def test_csv_on_stdout_exact(province: Path) -> None:
    result = run("rank", "units", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout_bytes.decode("utf-8") == RANKING_CSV
    assert not result.stdout_bytes.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in result.stdout_bytes and b"\n" not in result.stdout_bytes.replace(b"\r\n", b"")
    assert "missing" in result.stderr


def test_rounding_half_up_decides_rank_and_band(province: Path) -> None:
    """76.485 publishes 76.49: it ties with 76.49 (rank 2=) and reaches the 76.49 band."""
    rows = {r["unit_id"]: r for r in rows_of(run("rank", "units", "--format", "csv").stdout)}
    assert (rows["d-beta"]["index"], rows["d-beta"]["rank"], rows["d-beta"]["band"]) == (
        "76.49",
        "2",
        "Khá",
    )
    assert (rows["d-gamma"]["index"], rows["d-gamma"]["rank"]) == ("76.49", "2")
    assert (rows["d-delta"]["index"], rows["d-delta"]["rank"], rows["d-delta"]["band"]) == (
        "76.48",
        "4",
        "",
    )


def test_csv_output_file_has_bom_and_crlf(province: Path) -> None:
    result = run("rank", "units", "-o", "out.csv")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "wrote out.csv" in result.stderr
    data = (province / "out.csv").read_bytes()
    assert data == b"\xef\xbb\xbf" + RANKING_CSV.encode("utf-8")


def test_csv_output_file_no_bom(province: Path) -> None:
    result = run("rank", "units", "-o", "out.csv", "--no-bom")
    assert result.exit_code == 0
    assert (province / "out.csv").read_bytes() == RANKING_CSV.encode("utf-8")


GUARDED_NAMES = {"d-alpha": "=SUM(1,2)", "d-beta": "+84 Phường", "d-eps": "-Phòng", "w-one": "@Ban"}


def guarded_province(root: Path) -> None:
    units = {uid: json.loads(json.dumps(data)) for uid, data in UNITS.items()}
    for uid, name in GUARDED_NAMES.items():
        units[uid]["unit"]["name"] = name
    write_province(root, units)


def test_formula_guard_in_csv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guarded_province(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run("rank", "units", "--format", "csv")
    assert result.exit_code == 0
    rows = {r["unit_id"]: r for r in rows_of(result.stdout)}
    for uid, name in GUARDED_NAMES.items():
        assert rows[uid]["unit_name"] == "'" + name
    assert rows["d-gamma"]["unit_name"] == "Sở Gamma"
    # numbers are never guarded, even negative ones
    assert rows["d-eps"]["adjustment"] == "-5.00"
    assert (
        "\r\ndept-2025,department,5,d-eps,'-Phòng,23.68,,18.00,76.00,0.00,0,2,3.00,20.00,,"
        "-5.00\r\n" in raw(result)
    )


def test_formula_guard_in_xlsx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import load_workbook

    guarded_province(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run("rank", "units", "-o", "out.xlsx")
    assert result.exit_code == 0
    book = load_workbook(tmp_path / "out.xlsx")
    names = {}
    for title in ("department", "ward"):
        for record in sheet_records(book[title]):
            names[record["unit_id"].value] = record["unit_name"]
            if record["unit_id"].value == "d-eps":
                assert record["adjustment"].data_type == "n"
                assert record["adjustment"].value == -5
    for uid, name in GUARDED_NAMES.items():
        assert names[uid].value == "'" + name
        assert names[uid].data_type == "s"  # text, not a formula
    assert names["d-gamma"].value == "Sở Gamma"


# --- JSON ------------------------------------------------------------------------------------


def test_json_document(province: Path) -> None:
    import parindex

    result = run("rank", "units", "--format", "json")
    assert result.exit_code == 0
    text = result.stdout
    doc = json.loads(text, parse_float=Decimal)
    assert doc["tool"] == {"name": "parindex", "version": parindex.__version__}
    expected_inputs = sorted(
        ["criteria/dept.yaml", "criteria/ward.yaml", *(f"units/{u}.yaml" for u in UNITS)]
    )
    assert [i["path"] for i in doc["inputs"]] == expected_inputs
    for item in doc["inputs"]:
        assert item["sha256"] == hashlib.sha256((province / item["path"]).read_bytes()).hexdigest()
    assert [(r["framework"], r["title"], r["group"], r["year"]) for r in doc["rankings"]] == [
        ("dept-2025", "Chỉ số CCHC các sở năm 2025 (thử)", "department", 2025),
        ("ward-2025", "Chỉ số CCHC các phường năm 2025 (thử)", "ward", 2025),
    ]
    dept_units = doc["rankings"][0]["units"]
    assert [(u["unit_id"], u["rank"]) for u in dept_units] == [
        ("d-alpha", 1),
        ("d-beta", 2),
        ("d-gamma", 2),
        ("d-delta", 4),
        ("d-eps", 5),
    ]
    beta = dept_units[1]
    # the ranking CSV's fields, numbers as JSON numbers rounded to the precision
    assert beta["index"] == Decimal("76.49") and isinstance(beta["index"], Decimal)
    assert beta["points"] == Decimal("76.49")
    assert beta["max_points"] == Decimal("100.00")
    assert beta["band"] == "Khá"
    assert beta["missing"] == 0 and beta["rank"] == 2
    assert beta["field_1"] == Decimal("50.00") and beta["field_2"] == Decimal("26.49")
    assert beta["adjustment"] == Decimal("0.00")
    assert '"index": 76.49,' in text and '"index": "76.49"' not in text
    assert [f["id"] for f in beta["fields"]] == ["1", "2"]
    assert beta["fields"][1] == {
        "id": "2",
        "name": "Kết quả",
        "points": Decimal("26.49"),
        "max_points": Decimal("50.00"),
        "index": Decimal("52.97"),
        "rank": 4,
    }
    assert [c["criterion"] for c in beta["criteria"]] == DEPT_LEAVES
    assert set(beta["criteria"][0]) == set(BREAKDOWN_HEADER.split(","))
    eps = dept_units[4]
    assert eps["band"] is None
    assert eps["adjustment"] == Decimal("-5.00")
    assert eps["criteria"][2]["status"] == "not_applicable"
    assert eps["criteria"][4]["points"] == Decimal("-5.00")
    one = doc["rankings"][1]["units"][0]
    assert one["index"] == Decimal("73.3") and '"index": 73.3,' in text  # precision 1
    assert one["criteria"][2]["points"] == Decimal("13.3")


# --- XLSX ------------------------------------------------------------------------------------


def test_xlsx_workbook(province: Path) -> None:
    from openpyxl import load_workbook

    result = run("rank", "units", "-o", "out.xlsx")
    assert result.exit_code == 0
    assert result.stdout == ""
    book = load_workbook(province / "out.xlsx")
    assert book.sheetnames == ["department", "ward", "breakdown", "claims"]
    assert [s.freeze_panes for s in book.worksheets] == ["F4", "F4", "D4", "D4"]
    header = RANKING_HEADER.split(",")
    dept_sheet = book["department"]
    assert [c.value for c in dept_sheet[2]] == header  # the keys, in the hidden row
    records = sheet_records(dept_sheet)
    assert [r["unit_id"].value for r in records] == [
        "d-alpha",
        "d-beta",
        "d-gamma",
        "d-delta",
        "d-eps",
    ]
    assert [r["rank"].value for r in records] == [1, 2, 2, 4, 5]
    beta = records[1]
    assert beta["index"].data_type == "n" and beta["index"].value == pytest.approx(76.49)
    assert beta["rank"].data_type == "n"
    assert beta["field_2"].value == pytest.approx(26.49)
    assert beta["field_5"].value is None
    assert beta["missing"].value == 0
    one = sheet_records(book["ward"])[0]
    assert one["field_5"].value == pytest.approx(13.3)  # rounded to the ward's precision
    assert one["index"].number_format == "0.0"
    assert beta["index"].number_format == "0.00"
    breakdown = book["breakdown"]
    assert [c.value for c in breakdown[2]] == BREAKDOWN_HEADER.split(",")
    assert breakdown.max_row == 3 + 5 * len(DEPT_LEAVES) + 2 * len(WARD_LEAVES)
    claims = sheet_records(book["claims"])
    assert [r["unit_id"].value for r in claims] == ["d-gamma", "d-gamma", "d-alpha", "d-delta"]


# --- breakdown -------------------------------------------------------------------------------


def test_breakdown_file(province: Path) -> None:
    result = run("rank", "units", "--format", "csv", "--breakdown", "breakdown.csv")
    assert result.exit_code == 0
    assert raw(result) == RANKING_CSV
    data = (province / "breakdown.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + BREAKDOWN_HEADER.encode() + b"\r\n")
    rows = rows_of(data.decode("utf-8"))
    order = [(r["unit_id"], r["criterion"]) for r in rows]
    expected_order = [
        (u, leaf)
        for u in sorted(UNITS)
        for leaf in (DEPT_LEAVES if u.startswith("d-") else WARD_LEAVES)
    ]
    assert order == expected_order
    by_key = {(r["unit_id"], r["criterion"]): r for r in rows}
    assert by_key["d-alpha", "1.4"] == {
        "framework": "dept-2025",
        "unit_id": "d-alpha",
        "criterion": "1.4",
        "name": "Hồ sơ đúng hạn",
        "field": "1",
        "max_points": "16.00",
        "value": "1180/1200 = 98.33 %",
        "points": "16.00",
        "self_points": "",
        "status": "scored",
        "explanation": "1180/1200 = 98.33 % ≥ full_at 95 → 16 of 16",
    }
    assert by_key["d-gamma", "1.5"]["points"] == "7.50"
    assert by_key["d-gamma", "1.5"]["self_points"] == "10.00"
    assert by_key["d-gamma", "1.5"]["explanation"] == "1 × 2.5 off → 7.5 of 10"
    assert by_key["d-delta", "1.5"]["status"] == "missing"
    assert by_key["d-delta", "1.5"]["points"] == "0.00"
    assert by_key["d-eps", "1.3"]["status"] == "not_applicable"
    assert "Không có kế hoạch" in by_key["d-eps", "1.3"]["explanation"]
    assert "left out of the maximum" in by_key["d-eps", "1.3"]["explanation"]
    assert by_key["d-eps", "1.4"]["status"] == "not_applicable"
    assert by_key["d-eps", "1.5"]["points"] == "-5.00"
    assert by_key["d-eps", "1.5"]["explanation"] == "7 × 2.5 off, floor -5 → -5 of 10"
    for uid in ("d-alpha", "d-eps"):
        assert by_key[uid, "2.2"]["status"] == "pending"
        assert by_key[uid, "2.3"]["status"] == "pending"
        assert by_key[uid, "2.2"]["points"] == "0.00"
    assert by_key["w-one", "5.1"]["points"] == "13.3"
    assert {r["status"] for r in rows} == {"scored", "not_applicable", "missing", "pending"}
    for row in rows:
        assert row["explanation"] and re.search(r"[a-z]{2}", row["explanation"])


def test_breakdown_without_bom(province: Path) -> None:
    result = run("rank", "units", "--breakdown", "b.csv", "--no-bom", "--format", "json")
    assert result.exit_code == 0
    assert (province / "b.csv").read_bytes().startswith(BREAKDOWN_HEADER.encode() + b"\r\n")
    json.loads(result.stdout)


# --- appraisal and survey --------------------------------------------------------------------


APPRAISAL_ROWS = [
    ("d-alpha", "1.4", "50/100", "", "Hồ sơ thiếu", ""),
    ("d-alpha", "2.3", "", "4", "Hội đồng chấm", ""),
    ("d-alpha", "1.3", "N/A", "", "Không phát sinh", "1"),
    ("d-alpha", "2.1", "", "30", "Sau giải trình", "2"),
    ("d-alpha", "2.1", "", "20", "Vòng đầu", "1"),
]


@pytest.mark.parametrize("reverse", [False, True], ids=["round2-first", "round1-first"])
def test_appraisal_rescoring_points_na_and_rounds(province: Path, reverse: bool) -> None:
    """d-alpha after appraisal: field 1 = 8 + 8 + N/A + 8 + 10 = 34, field 2 = 30 + 0 + 4,
    bonus − penalty = 2: 70 of 100 − 8 = 92 → 76.0869… → 76.09, now rank 4 with no band."""
    rows = APPRAISAL_ROWS[::-1] if reverse else APPRAISAL_ROWS
    write_csv(
        province / "appraisal.csv",
        [("unit_id", "criterion", "value", "points", "reason", "round"), *rows],
    )
    result = run(
        "rank", "units", "--appraisal", "appraisal.csv", "--format", "csv", "--breakdown", "b.csv"
    )
    assert result.exit_code == 0
    rows_out = rows_of(result.stdout)
    alpha = next(r for r in rows_out if r["unit_id"] == "d-alpha")
    assert alpha == {
        **alpha,
        "rank": "4",
        "index": "76.09",
        "band": "",
        "points": "70.00",
        "max_points": "92.00",
        "field_1": "34.00",
        "field_2": "34.00",
        "adjustment": "2.00",
        "self_points": "48.00",
    }
    assert [(r["unit_id"], r["rank"]) for r in rows_out[:5]] == [
        ("d-beta", "1"),
        ("d-gamma", "1"),
        ("d-delta", "3"),
        ("d-alpha", "4"),
        ("d-eps", "5"),
    ]
    breakdown = {
        (r["unit_id"], r["criterion"]): r
        for r in rows_of((province / "b.csv").read_text(encoding="utf-8-sig"))
    }
    ratio = breakdown["d-alpha", "1.4"]
    assert (ratio["status"], ratio["points"], ratio["value"]) == (
        "appraised",
        "8.00",
        "50/100 = 50 %",
    )
    assert "50 %" in ratio["explanation"] and "Hồ sơ thiếu" in ratio["explanation"]
    points = breakdown["d-alpha", "2.1"]
    assert (points["status"], points["points"]) == ("appraised", "30.00")
    assert "round 2" in points["explanation"] and "Sau giải trình" in points["explanation"]
    council = breakdown["d-alpha", "2.3"]
    assert (council["status"], council["points"]) == ("appraised", "4.00")
    na = breakdown["d-alpha", "1.3"]
    assert (na["status"], na["value"], na["points"]) == ("appraised", "N/A", "0.00")
    assert "left out of the maximum" in na["explanation"]
    # other units are untouched; council leaves of others stay pending
    assert breakdown["d-beta", "2.3"]["status"] == "pending"
    assert breakdown["d-beta", "1.4"]["status"] == "scored"


def test_appraisal_equal_rounds_are_an_error(province: Path) -> None:
    write_csv(
        province / "appraisal.csv",
        [
            ("unit_id", "criterion", "value", "points", "reason"),
            ("d-alpha", "2.1", "", "30", "a"),
            ("d-alpha", "2.1", "", "20", "b"),
        ],
    )
    result = run("rank", "units", "--appraisal", "appraisal.csv")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "appraisal.csv:3: error: round:" in result.stderr


def test_survey_comma_semicolon_and_xlsx(province: Path) -> None:
    """2.2 is a 1–5 scale worth 5: 3 → 2.5, 4,5 → 4.375, 4.2 → 4."""
    write_csv(province / "survey.csv", [("unit_id", "criterion", "value"), ("d-beta", "2.2", "3")])
    write_csv(
        province / "survey-vn.csv",
        [("unit_id", "criterion", "value"), ("d-gamma", "2.2", "4,5")],
        delimiter=";",
    )
    write_xlsx(
        province / "survey.xlsx", [("unit_id", "criterion", "value"), ("d-delta", "2.2", 4.2)]
    )
    result = run(
        "rank",
        "units",
        "--survey",
        "survey.csv",
        "--survey",
        "survey-vn.csv",
        "--survey",
        "survey.xlsx",
        "--format",
        "csv",
        "--breakdown",
        "b.csv",
    )
    assert result.exit_code == 0
    rows = {r["unit_id"]: r for r in rows_of(result.stdout)}
    # 76.485 + 2.5 = 78.985 → 78.99; 76.49 + 4.375 = 80.865 → 80.87; 76.48 + 4 = 80.48
    assert (rows["d-beta"]["index"], rows["d-beta"]["band"]) == ("78.99", "Khá")
    assert (rows["d-gamma"]["index"], rows["d-gamma"]["band"]) == ("80.87", "Tốt")
    assert (rows["d-delta"]["index"], rows["d-delta"]["band"]) == ("80.48", "Tốt")
    assert rows["d-gamma"]["field_2"] == "37.37"  # 32.99 + 4.375
    assert [(r["unit_id"], r["rank"]) for r in rows_of(result.stdout)[:5]] == [
        ("d-alpha", "1"),
        ("d-gamma", "2"),
        ("d-delta", "3"),
        ("d-beta", "4"),
        ("d-eps", "5"),
    ]
    assert rows["d-delta"]["missing"] == "1"  # pending leaves are not missing
    breakdown = {
        (r["unit_id"], r["criterion"]): r
        for r in rows_of((province / "b.csv").read_text(encoding="utf-8-sig"))
    }
    assert (
        breakdown["d-gamma", "2.2"]["status"],
        breakdown["d-gamma", "2.2"]["points"],
        breakdown["d-gamma", "2.2"]["value"],
    ) == ("scored", "4.38", "4.5")
    assert breakdown["d-delta", "2.2"]["points"] == "4.00"
    assert breakdown["d-alpha", "2.2"]["status"] == "pending"
    assert breakdown["d-alpha", "2.2"]["explanation"] == "no survey value yet → 0"
    assert breakdown["d-alpha", "2.3"]["explanation"] == "awaiting the appraisal council → 0"


def test_survey_value_twice_across_files_is_an_error(province: Path) -> None:
    write_csv(province / "s1.csv", [("unit_id", "criterion", "value"), ("d-beta", "2.2", "3")])
    write_csv(province / "s2.csv", [("unit_id", "criterion", "value"), ("d-beta", "2.2", "4")])
    result = run("rank", "units", "--survey", "s1.csv", "--survey", "s2.csv")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "s2.csv:2: error: criterion:" in result.stderr
    assert "s1.csv:2" in result.stderr


# --- determinism -----------------------------------------------------------------------------


def test_same_files_in_another_argument_order_give_identical_bytes(province: Path) -> None:
    files = [f"units/{u}.yaml" for u in sorted(UNITS)]
    shuffled = files[:]
    random.Random(7).shuffle(shuffled)
    assert shuffled != files
    for fmt in ("csv", "json"):
        first = run("rank", *files, "--format", fmt)
        second = run("rank", *reversed(files), "--format", fmt)
        third = run("rank", *shuffled, "--format", fmt)
        assert first.exit_code == second.exit_code == third.exit_code == 0
        assert first.stdout_bytes == second.stdout_bytes == third.stdout_bytes


def test_shuffled_nested_layout_gives_identical_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flat = tmp_path / "flat"
    write_province(flat)
    nested = tmp_path / "nested"
    ids = sorted(UNITS)
    places = [
        "z/a.yaml",
        "a/b/c/unit.yml",
        "m/zz.yaml",
        "a/a.yaml",
        "b/x/y.yaml",
        "00.yaml",
        "q/r.YAML",
    ]
    random.Random(3).shuffle(places)
    layout = dict(zip(ids, places, strict=True))
    write_province(nested, layout={k: f"units/{v}" for k, v in layout.items()})
    # frameworks found in the other order too
    (nested / "criteria" / "dept.yaml").rename(nested / "criteria" / "zz-dept.yaml")
    (nested / "criteria" / "0").mkdir()
    (nested / "criteria" / "ward.yaml").rename(nested / "criteria" / "0" / "ward.yml")
    outputs = {}
    for root in (flat, nested):
        monkeypatch.chdir(root)
        csv_result = run("rank", "units", "--format", "csv")
        json_result = run("rank", "units", "--format", "json")
        assert csv_result.exit_code == json_result.exit_code == 0
        outputs[root.name] = (csv_result.stdout_bytes, json.loads(json_result.stdout))
    assert outputs["flat"][0] == outputs["nested"][0]
    flat_doc, nested_doc = outputs["flat"][1], outputs["nested"][1]
    assert sorted(i["sha256"] for i in flat_doc.pop("inputs")) == sorted(
        i["sha256"] for i in nested_doc.pop("inputs")
    )
    assert json.dumps(flat_doc, sort_keys=False) == json.dumps(nested_doc, sort_keys=False)


# --- usage errors (exit 2) -------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "json", "-o", "x.csv"],
        ["--format", "csv", "-o", "x.xlsx"],
        ["-o", "x.txt"],
        ["-o", "x"],
        ["--breakdown", "x.json"],
        ["--allow-absent"],
        ["--no-such-option"],
    ],
    ids=[
        "json-vs-csv",
        "csv-vs-xlsx",
        "txt",
        "no-extension",
        "breakdown-json",
        "absent-no-roster",
        "unknown-option",
    ],
)
def test_bad_usage_exits_2(province: Path, args: list[str]) -> None:
    result = run("rank", "units", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Usage:" in result.stderr
    assert not any(province.glob("x*"))


# --- input errors (exit 1) -------------------------------------------------------------------


def test_no_assessments_found(province: Path) -> None:
    result = run("rank", "criteria")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "criteria: error: no assessments found (files with 'unit:')\n"


def test_table_file_as_positional_path(province: Path) -> None:
    write_csv(province / "appraisal.csv", [("unit_id", "criterion", "value", "points", "reason")])
    write_xlsx(province / "survey.xlsx", [("unit_id", "criterion", "value")])
    # a CSV is no form at all; a workbook is opened and found to be a table (unit_id)
    for name, said in (
        ("appraisal.csv", "neither a YAML file"),
        ("survey.xlsx", "a table (it has a unit_id column), not a unit's form"),
    ):
        result = run("rank", "units", name)
        assert result.exit_code == 1
        assert result.stdout == ""
        assert result.stderr.startswith(f"{name}: error: {said}")
        assert "--appraisal" in result.stderr


def test_yaml_that_is_neither_framework_nor_assessment(province: Path) -> None:
    (province / "units" / "notes.yaml").write_text(
        "title: ghi chú\nitems: [1, 2]\n", encoding="utf-8"
    )
    result = run("rank", "units")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "units/notes.yaml:1:1: error: neither a framework" in result.stderr


def test_group_differs_from_framework(province: Path) -> None:
    data = json.loads(json.dumps(UNITS["d-beta"]))
    data["unit"]["group"] = "ward"
    (province / "units" / "d-beta.yaml").write_text(dump(data), encoding="utf-8")
    result = run("rank", "units")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert re.search(
        r"units/d-beta\.yaml:\d+:\d+: error: unit\.group: group 'ward' differs "
        r"from framework 'dept-2025'",
        result.stderr,
    )


def test_duplicate_unit_ids_name_both_files(province: Path) -> None:
    (province / "more").mkdir()
    shutil.copy(province / "units" / "d-beta.yaml", province / "more" / "beta-again.yaml")
    result = run("rank", "units", "more")
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(lines) == 1
    assert "more/beta-again.yaml" in lines[0] and "units/d-beta.yaml" in lines[0]
    assert "'d-beta'" in lines[0]


def test_strict_makes_missing_answers_errors(province: Path) -> None:
    result = run("rank", "units", "--strict", "--format", "csv")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert re.search(
        r'units/d-delta\.yaml:\d+:\d+: error: answers\["1\.5"\]\.value: not '
        r"answered",
        result.stderr,
    )


def test_output_over_an_input_is_refused(province: Path) -> None:
    before = (province / "units" / "d-beta.yaml").read_bytes()
    make_roster(province / "roster.csv")
    result = run("rank", "units", "--roster", "roster.csv", "-o", "roster.csv")
    assert result.exit_code == 1
    assert "refusing to write over an input file" in result.stderr
    assert (province / "units" / "d-beta.yaml").read_bytes() == before
    assert (province / "roster.csv").read_text(encoding="utf-8").startswith("unit_id,")


# --- roster ----------------------------------------------------------------------------------


def test_roster_unit_without_assessment_is_an_error(province: Path) -> None:
    make_roster(province / "roster.csv", extra=[("d-zeta", "Sở Zeta", "department")])
    result = run("rank", "units", "--roster", "roster.csv")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert re.search(
        r"roster\.csv:9: error: unit_id: unit 'd-zeta' \(Sở Zeta\) has not "
        r"submitted",
        result.stderr,
    )


@pytest.mark.parametrize("roster", ["roster.csv", "roster.xlsx"])
def test_roster_allow_absent_ranks_last_as_not_submitted(province: Path, roster: str) -> None:
    make_roster(
        province / roster,
        extra=[("d-zeta", "Sở Zeta", "department"), ("a-first", "Sở A", "department")],
    )
    result = run("rank", "units", "--roster", roster, "--allow-absent", "--format", "csv")
    assert result.exit_code == 0
    rows = rows_of(result.stdout)
    dept_rows = [r for r in rows if r["framework"] == "dept-2025"]
    assert [(r["unit_id"], r["rank"]) for r in dept_rows] == [
        ("d-alpha", "1"),
        ("d-beta", "2"),
        ("d-gamma", "2"),
        ("d-delta", "4"),
        ("d-eps", "5"),
        ("a-first", "6"),
        ("d-zeta", "6"),
    ]
    zeta = dept_rows[-1]
    assert (zeta["unit_name"], zeta["index"], zeta["band"], zeta["points"], zeta["max_points"]) == (
        "Sở Zeta",
        "0.00",
        "not submitted",
        "0.00",
        "100.00",
    )
    # the table shows it too (Vietnamese label, decimal comma)
    table = run("--lang", "vi", "rank", "units", "--roster", roster, "--allow-absent")
    assert table.exit_code == 0
    assert re.search(r"6=\s+Sở Zeta\s+0,00\s+chưa nộp", table.stdout)


def test_assessment_not_on_roster_is_an_error(province: Path) -> None:
    make_roster(province / "roster.csv", skip=["w-two"])
    result = run("rank", "units", "--roster", "roster.csv")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert re.search(
        r"units/w-two\.yaml:\d+:\d+: error: unit\.id: unit 'w-two' is not on the "
        r"roster",
        result.stderr,
    )


# --- claims ----------------------------------------------------------------------------------


def test_claims_table_largest_over_claim_first(province: Path) -> None:
    result = run("rank", "units", "--claims")
    assert result.exit_code == 0
    out = result.stdout
    # over-claims: d-gamma 4 + 2.5 = 6.5, d-alpha 5; d-delta under-claims by 6.48
    gamma, alpha, delta = (out.index(f"({u})") for u in ("d-gamma", "d-alpha", "d-delta"))
    assert gamma < alpha < delta
    for name in ("Sở Beta", "Sở Epsilon", "Phường Một", "Xã Hai"):
        assert name not in out
    assert re.search(r"1\.2 Ban hành kế hoạch\s+8\.00\s+4\.00\s+\+4\.00\s+scored", out)
    assert out.index("1.2 Ban hành kế hoạch") < out.index("1.5 Báo cáo trễ hạn")
    assert re.search(r"2\.1 Điểm kết quả\s+30\.00\s+36\.48\s+-6\.48", out)


def test_claims_csv(province: Path) -> None:
    from parindex.outputs.records import CLAIM_COLUMNS

    result = run("rank", "units", "--claims", "-o", "claims.csv")
    assert result.exit_code == 0
    data = (province / "claims.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.split("\r\n")[0] == ",".join(CLAIM_COLUMNS)
    assert (
        text
        == "\r\n".join(
            [
                ",".join(CLAIM_COLUMNS),
                "dept-2025,d-gamma,Sở Gamma,1.2,Ban hành kế hoạch,8.00,4.00,4.00,scored,"
                "Không kịp thời → 4 of 8",
                "dept-2025,d-gamma,Sở Gamma,1.5,Báo cáo trễ hạn,10.00,7.50,2.50,scored,"
                "1 × 2.5 off → 7.5 of 10",
                "dept-2025,d-alpha,Sở Alpha,2.1,Điểm kết quả,40.00,35.00,5.00,scored,"
                "given 35 of 40",
                "dept-2025,d-delta,Sở Delta,2.1,Điểm kết quả,30.00,36.48,-6.48,scored,"
                "given 36.48 of 40",
            ]
        )
        + "\r\n"
    )


# --- previous rankings and id maps -----------------------------------------------------------

HISTORY_HEADER = RANKING_HEADER + ",prev_rank,rank_change,prev_index,index_change,history"


def write_previous(province: Path) -> Path:
    return write_csv(
        province / "prev.csv",
        [
            ("framework", "group", "rank", "unit_id", "unit_name", "index"),
            ("dept-2025", "department", "3", "d-alpha", "Sở Alpha", "80"),
            ("dept-2025", "department", "1", "d-beta", "Sở Beta", "90.00"),
            ("dept-2025", "department", "2", "d-delta", "Sở Delta", "76.48"),
            ("ward-2024", "ward", "1", "w-a", "Phường A", "50.0"),
            ("ward-2024", "ward", "2", "w-b", "Phường B", "40.0"),
            ("ward-2024", "ward", "3", "w-two", "Xã Hai", "30.5"),
        ],
    )


def test_previous_adds_history_columns(province: Path) -> None:
    write_previous(province)
    result = run("rank", "units", "--previous", "prev.csv", "--format", "csv")
    assert result.exit_code == 0
    lines = raw(result).split("\r\n")
    assert lines[0] == HISTORY_HEADER
    rows = {r["unit_id"]: r for r in rows_of(result.stdout)}
    history = {
        u: (r["prev_rank"], r["rank_change"], r["prev_index"], r["index_change"])
        for u, r in rows.items()
    }
    assert history == {
        "d-alpha": ("3", "2", "80.00", "7.00"),
        "d-beta": ("1", "-1", "90.00", "-13.51"),
        "d-gamma": ("", "", "", ""),
        "d-delta": ("2", "-2", "76.48", "0.00"),
        "d-eps": ("", "", "", ""),
        "w-one": ("", "", "", ""),
        "w-two": ("3", "1", "30.5", "4.5"),
    }


def test_previous_in_json_and_xlsx(province: Path) -> None:
    from openpyxl import load_workbook

    write_previous(province)
    result = run("rank", "units", "--previous", "prev.csv", "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout, parse_float=Decimal)
    assert "prev.csv" in [i["path"] for i in doc["inputs"]]
    units = {u["unit_id"]: u for r in doc["rankings"] for u in r["units"]}
    assert (
        units["d-beta"]["prev_rank"],
        units["d-beta"]["rank_change"],
        units["d-beta"]["prev_index"],
        units["d-beta"]["index_change"],
    ) == (1, -1, Decimal("90.00"), Decimal("-13.51"))
    assert units["d-gamma"]["prev_rank"] is None and units["d-gamma"]["index_change"] is None
    assert run("rank", "units", "--previous", "prev.csv", "-o", "out.xlsx").exit_code == 0
    sheet = load_workbook(province / "out.xlsx")["department"]
    header = [c.value for c in sheet[2]]
    assert header == HISTORY_HEADER.split(",")
    alpha = dict(zip(header, [c.value for c in sheet[4]], strict=True))
    assert (alpha["prev_rank"], alpha["rank_change"], alpha["index_change"]) == (3, 2, 7)


def test_previous_table_arrows_and_new(province: Path) -> None:
    write_previous(province)
    result = run("--lang", "en", "rank", "units", "--previous", "prev.csv")
    assert result.exit_code == 0
    out = result.stdout
    assert re.search(r"1\s+▲2\s+Sở Alpha", out)
    assert re.search(r"2=\s+▼1\s+Sở Beta", out)
    assert re.search(r"2=\s+first assessed\s+Sở Gamma", out)
    assert re.search(r"2\s+▲1\s+Xã Hai", out)
    assert "No longer ranked: w-a, w-b" in out


def test_previous_written_by_parindex_round_trips(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    units = {uid: json.loads(json.dumps(data)) for uid, data in UNITS.items()}
    units["d-gamma"]["unit"]["id"] = "=calc"
    units["d-gamma"]["unit"]["name"] = "@Gamma"
    write_province(tmp_path, units)
    monkeypatch.chdir(tmp_path)
    first = run("rank", "units", "-o", "last-year.csv")
    assert first.exit_code == 0
    written = (tmp_path / "last-year.csv").read_text(encoding="utf-8-sig")
    assert ",'=calc,'@Gamma," in written
    again = run("rank", "units", "--previous", "last-year.csv", "--format", "csv")
    assert again.exit_code == 0
    rows = rows_of(again.stdout)
    assert len(rows) == len(UNITS)
    for row in rows:
        assert row["prev_rank"] == row["rank"]
        assert row["rank_change"] == "0"
        assert row["prev_index"] == row["index"]
        assert row["index_change"] in ("0.00", "0.0")
    calc = next(r for r in rows if r["unit_id"] == "'=calc")
    assert calc["prev_rank"] == "2"
    # the table has no unit that is "no longer ranked"
    table = run("rank", "units", "--previous", "last-year.csv")
    assert table.exit_code == 0
    assert "Không còn trong xếp hạng" not in table.stdout


def test_id_map_renamed_and_merged_units(province: Path) -> None:
    write_csv(
        province / "prev.csv",
        [
            ("unit_id", "rank", "index"),
            ("d-old", "3", "80.00"),
            ("w-a", "1", "50.0"),
            ("w-b", "2", "40.0"),
        ],
    )
    write_csv(
        province / "map.csv",
        [("old_id", "new_id"), ("d-old", "d-alpha"), ("w-a", "w-one"), ("w-b", "w-one")],
    )
    result = run(
        "rank", "units", "--previous", "prev.csv", "--id-map", "map.csv", "--format", "csv"
    )
    assert result.exit_code == 0
    rows = {r["unit_id"]: r for r in rows_of(result.stdout)}
    alpha = rows["d-alpha"]
    assert (
        alpha["prev_rank"],
        alpha["rank_change"],
        alpha["prev_index"],
        alpha["index_change"],
    ) == ("3", "2", "80.00", "7.00")
    one = rows["w-one"]
    assert (one["prev_rank"], one["rank_change"], one["prev_index"], one["index_change"]) == (
        "",
        "",
        "",
        "",
    )
    table = run("--lang", "en", "rank", "units", "--previous", "prev.csv", "--id-map", "map.csv")
    assert table.exit_code == 0
    # the previous file has no unit_name column here, so old units are named by id
    assert re.search(r"1\s+▲2 \(was d-old\)\s+Sở Alpha", table.stdout)
    assert re.search(r"1\s+formed from w-a \+ w-b\s+Phường Một", table.stdout)
    assert "No longer ranked" not in table.stdout
    # without the map, the renamed unit is new and its old id is gone
    plain = run("--lang", "en", "rank", "units", "--previous", "prev.csv")
    assert re.search(r"1\s+first assessed\s+Sở Alpha", plain.stdout)
    assert "No longer ranked: d-old, w-a, w-b" in plain.stdout


# --- golden files: the example province ------------------------------------------------------

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = "examples/province-2025"
EXAMPLE_ARGS = [
    "rank",
    EXAMPLE,
    "--appraisal",
    f"{EXAMPLE}/council/appraisal-2025.csv",
    "--survey",
    f"{EXAMPLE}/survey/survey-2025.csv",
]


@pytest.fixture
def at_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    if not (REPO / EXAMPLE).is_dir():
        pytest.skip(f"{EXAMPLE} is not in this checkout")
    monkeypatch.chdir(REPO)


@pytest.mark.usefixtures("at_repo_root")
def test_example_province_csv_matches_golden(golden: Any) -> None:
    result = run(*EXAMPLE_ARGS, "--format", "csv")
    assert result.exit_code == 0
    assert raw(result).startswith(RANKING_HEADER.split(",field_")[0] + ",field_")  # pending too
    golden("rank-province-2025.csv", raw(result))  # CRLF kept


@pytest.mark.usefixtures("at_repo_root")
def test_example_province_json_matches_golden(golden: Any) -> None:
    result = run(*EXAMPLE_ARGS, "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    paths = [i["path"] for i in doc["inputs"]]
    assert f"{EXAMPLE}/council/appraisal-2025.csv" in paths and "criteria/department.yaml" in paths
    assert all(not p.startswith("/") for p in paths)
    golden("rank-province-2025.json", raw(result))


@pytest.mark.usefixtures("at_repo_root")
@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("history", [False, True])
def test_an_80_column_table_keeps_the_missing_column_and_whole_words(
    lang: str, history: bool
) -> None:
    extra = [
        "--previous",
        f"{EXAMPLE}/previous/ranking-2024.csv",
        "--id-map",
        f"{EXAMPLE}/id-map.csv",
    ]
    from parindex.cli import main

    env = {"COLUMNS": "80", "PARINDEX_LANG": None, "NO_COLOR": "1"}
    result = CliRunner().invoke(
        main,
        ["--lang", lang, *EXAMPLE_ARGS, *(extra if history else [])],
        env=env,
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert all(len(line.rstrip()) <= 80 for line in lines)
    # "Số TC chưa kê khai" wraps over the header's lines; "khai" ends it
    missing = "khai" if lang == "vi" else "Missing"
    headers = [line for line in lines if line.lstrip().startswith(("Hạng", "Rank"))]
    assert len(headers) == 3 and all(missing in line for line in headers)
    caption = "cột điểm từng lĩnh vực" if lang == "vi" else "field columns hidden"
    at = next(i for i, line in enumerate(lines) if caption in line)
    words = " ".join(line.strip() for line in lines[at : at + 3]).split()
    expected = ("cửa sổ)" if lang == "vi" else "--format csv)").split()[-1]
    assert expected in words  # the caption wraps between words, never inside one


def test_pending_values_warn_once_per_framework(province: Path) -> None:
    # Five department units, each with one survey and one council leaf unsupplied.
    result = run("--lang", "en", "rank", "units", "--format", "csv")
    assert result.exit_code == 0
    pending = [line for line in result.stderr.splitlines() if "pending" in line]
    assert pending == [
        "criteria/dept.yaml: warning: 10 survey or council values are pending in 5 unit(s) "
        "of framework 'dept-2025', scored 0 until supplied (--survey, --appraisal)"
    ]
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["unit_id"]: r["pending"] for r in rows}["d-alpha"] == "2"
    # --strict makes it an error: tests/malformed/pending-strict-is-an-error
