"""Tables read as people see them: percent cells, stale dimensions, ids typed as numbers, zip
bombs, CSV dialects, earlier rankings in every format parindex writes, and unreachable bands."""

from __future__ import annotations

import io
import json
import re
import struct
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from parindex.errors import InputError, ProblemLog
from parindex.inputs.documents.loading import build_framework
from parindex.inputs.documents.yamlfile import parse_yaml
from parindex.inputs.tables.history import load_id_map, load_previous
from parindex.inputs.tables.rows import read_table
from parindex.inputs.tables.workbook import check_archive

AP = ["unit_id", "criterion", "value", "points", "reason"]


def _save(book: Workbook, path: Path) -> str:
    book.save(path)
    return str(path)


def _sheet(path: Path, rows: list[list[object]], formats: dict[str, str] | None = None) -> str:
    book = Workbook()
    sheet = book.active
    sheet.title = "appraisal"
    for row in rows:
        sheet.append(row)
    for cell, fmt in (formats or {}).items():
        sheet[cell].number_format = fmt
    return _save(book, path)


@pytest.mark.parametrize(
    ("stored", "fmt", "read"),
    [
        (0.95, "0%", "95"),
        (0.905, "0.0%", "90.5"),
        (1, "0%", "100"),
        (0.95, "General", "0.95"),
        (95, '0"%"', "95"),  # a literal % sign in the format is no percentage
        (0.5, "[Red]0.00%", "50"),
    ],
)
def test_a_percent_cell_is_the_percentage_people_see(
    tmp_path: Path, stored: float, fmt: str, read: str
) -> None:
    path = _sheet(tmp_path / "a.xlsx", [AP, ["u", "1.2", stored, None, "r"]], {"C2": fmt})
    assert read_table(path, AP, name="appraisal").rows[0].get("value") == read


def _shrink_dimension(path: str, ref: str) -> None:
    data = Path(path).read_bytes()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body, count = re.subn(
                    rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), body
                )
                assert count == 1
            target.writestr(item, body)
    Path(path).write_bytes(out.getvalue())


def test_every_row_is_read_whatever_the_stored_dimension_says(tmp_path: Path) -> None:
    rows: list[list[object]] = [AP] + [["u", f"1.{i}", i, None, "r"] for i in range(1, 8)]
    path = _sheet(tmp_path / "a.xlsx", rows)
    _shrink_dimension(path, "A1:C3")  # another tool's stale record: 3 rows, 3 columns
    table = read_table(path, AP, name="appraisal")
    assert [r.get("criterion") for r in table.rows] == [f"1.{i}" for i in range(1, 8)]
    assert all(r.get("reason") == "r" for r in table.rows)


def test_a_number_in_an_id_column_says_to_format_it_as_text(tmp_path: Path) -> None:
    path = _sheet(tmp_path / "a.xlsx", [AP, ["u", 1.1, 80, None, "r"], [7, "1.2", 80, None, "r"]])
    with pytest.raises(InputError) as caught:
        read_table(path, AP, name="appraisal")
    rendered = [p.render() for p in caught.value.problems]
    where = f"{path}[appraisal]"  # a workbook's problem names its sheet
    assert rendered[0].startswith(f"{where}:2: error: criterion: 1.1 is stored as a number")
    assert rendered[1].startswith(f"{where}:3: error: unit_id: 7 is stored as a number")
    assert all("format the column as Text" in line for line in rendered)


def test_keep_going_reads_the_good_rows_and_lists_every_bad_one(tmp_path: Path) -> None:
    path = _sheet(
        tmp_path / "a.xlsx",
        [
            AP,
            ["u", 1.1, 80, None, "r"],
            ["u", "1.2", 80, None, "r"],
            ["u", "1.3", "=1/0", None, "r"],
        ],
    )
    table = read_table(path, AP, name="appraisal", keep_going=True)
    assert [r.get("criterion") for r in table.rows] == ["1.2"]
    assert [(p.row, p.table_column) for p in table.problems] == [(2, "criterion"), (4, "value")]
    assert "no saved value" in table.problems[1].message


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    return out.getvalue()


def test_a_part_inflating_past_200_times_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        check_archive(_zip({"xl/worksheets/sheet1.xml": b"<c/>" * (1 << 20)}), "b.xlsx")
    assert "real sheets compress 5–20×" in caught.value.problems[0].message


def test_a_part_declared_past_1_gb_is_refused_before_inflating() -> None:
    data = bytearray(_zip({"xl/worksheets/sheet1.xml": b"<row/>"}))
    entry = data.index(b"PK\x01\x02")
    data[entry + 24 : entry + 28] = struct.pack("<I", (1 << 30) + 1)  # declared inflated size
    with pytest.raises(InputError):
        check_archive(bytes(data), "b.xlsx")


def test_a_large_genuine_sheet_is_no_bomb() -> None:
    # 4 MB of varied rows compress about 5× — as real sheets do; no flat size cap refuses them.
    body = "".join(
        f'<row r="{i}"><c r="A{i}" t="s"><v>{i * 7919 % 100003}</v></c></row>' for i in range(70000)
    ).encode()
    check_archive(_zip({"xl/worksheets/sheet1.xml": body}), "big.xlsx")


def test_csv_sep_line_sets_the_delimiter_and_rows_keep_their_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("sep=;\nunit_id;criterion;value\nu;1.2;80,5\n", encoding="utf-8")
    table = read_table(str(path), ["unit_id", "criterion", "value"], name="appraisal")
    assert [(r.number, r.get("value")) for r in table.rows] == [(3, "80,5")]


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"unit_id\tcriterion\tvalue\nu\t1.2\t80\n", "tab-separated"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "97–2003"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"), "password"),
    ],
)
def test_files_that_are_not_csv_say_what_they_are(tmp_path: Path, raw: bytes, words: str) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(raw)
    with pytest.raises(InputError) as caught:
        read_table(str(path), ["unit_id"], name="appraisal")
    assert words in caught.value.problems[0].message


def _ranking_book(path: Path, header: list[str], title: bool = True) -> str:
    book = Workbook()
    book.remove(book.active)
    for group, unit, rank, index in (("office", "u1", 2, 61.5), ("commune", "x1", 1, 80)):
        sheet = book.create_sheet(group)
        if title:
            sheet.append(["PAR Index 2024"])
        sheet.append([*header, "field 1 · Direction"])
        sheet.append(["f-2024", group, rank, unit, "Unit", index, "Good", 10])
    for sibling in ("breakdown", "claims"):
        book.create_sheet(sibling).append(["framework", "unit_id", "rank"])
    return _save(book, path)


@pytest.mark.parametrize(
    "header",
    [
        ["framework", "group", "rank", "unit_id", "unit_name", "index", "band"],
        ["Framework", "Group", "Rank", "Unit ID", "Unit", "Index", "Band"],
        ["Bộ tiêu chí", "Nhóm", "Hạng", "Mã đơn vị", "Tên đơn vị", "Chỉ số", "Xếp loại"],
        ["Khung", "Khối", "Thứ bậc", "Mã số", "Tên", "Điểm chỉ số", "Loại"],  # by position
    ],
)
def test_previous_reads_every_group_sheet_of_its_own_workbook(
    tmp_path: Path, header: list[str]
) -> None:
    log = ProblemLog()
    entries = load_previous(_ranking_book(tmp_path / "r.xlsx", header), log)
    assert not log.errors and not log.warnings
    assert {k: (v.rank, str(v.index), v.group) for k, v in entries.items()} == {
        "u1": (2, "61.5", "office"),
        "x1": (1, "80", "commune"),
    }


def test_previous_reads_its_own_json_and_refuses_impossible_ranks(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    units = [
        {"unit_id": "a", "rank": 1, "index": 90.5},
        {"unit_id": "b", "rank": 0, "index": 50},
        {"unit_id": "c", "rank": 2, "index": 100.01},
    ]
    path.write_text(json.dumps({"rankings": [{"group": "g", "units": units}]}), encoding="utf-8")
    log = ProblemLog()
    entries = load_previous(str(path), log)
    assert list(entries) == ["a"] and entries["a"].group == "g"
    assert [p.key for p in log.errors] == [
        "rankings[0].units[1].rank",
        "rankings[0].units[2].index",
    ]


def test_the_id_map_is_checked_against_this_year_without_a_previous_ranking(tmp_path: Path) -> None:
    path = tmp_path / "ids.csv"
    # u2 absorbs old and continues itself (a merge); nobody is no unit of this run
    path.write_text("old_id,new_id\nold,u2\nu2,u2\nother,nobody\n", encoding="utf-8")
    log = ProblemLog()
    mapping = load_id_map(str(path), log, units={"u1", "u2"})
    assert mapping == {"u2": ["old", "u2"]}
    assert [(p.row, p.table_column) for p in log.errors] == [(4, "new_id")]
    log = ProblemLog()
    load_id_map(str(path), log, units={"u1", "u2", "nobody"}, previous={"old", "u2"})
    assert [(p.row, p.table_column) for p in log.errors] == [(4, "old_id")]


BANDS = """framework: f
title: F
group: g
bands: [{min: 0, label: A}]
criteria:
  - id: "1"
    name: One
    max: 4
    rule:
      kind: bands
      bands:
"""


@pytest.mark.parametrize(
    ("bands", "unreachable"),
    [
        (["{above: 90, points: 4}", "{at_least: 70, points: 2}"], []),
        (["{at_least: 50, points: 2}", "{at_least: 90, points: 4}"], [1]),
        (["{above: 90, points: 4}", "{above: 90, points: 3}"], [1]),
        (["{at_least: 90, points: 4}", "{above: 90, points: 3}"], [1]),
        (["{above: 90, points: 4}", "{at_least: 90, points: 3}"], []),  # exactly 90 reaches it
        (["{below: 50, points: 0}", "{at_least: 50, points: 2}", "{above: 90, points: 4}"], [2]),
        (["{at_most: 10, points: 4}", "{below: 5, points: 1}", "{at_least: 0, points: 2}"], [1]),
        (["{below: 10, points: 4}", "{at_most: 10, points: 1}"], []),
    ],
)
def test_a_band_that_can_never_hold_first_is_an_error(
    bands: list[str], unreachable: list[int]
) -> None:
    text = BANDS + "".join(f"        - {b}\n" for b in bands)
    _framework, problems = build_framework(parse_yaml(text.encode(), "f.yaml"))
    assert [p.key for p in problems] == [f"criteria[0].rule.bands[{i}]" for i in unreachable], [
        p.render() for p in problems
    ]
    assert all("can never hold first" in p.message for p in problems)


def test_a_breakdown_given_as_previous_is_one_missing_column_error(tmp_path: Path) -> None:
    path = tmp_path / "breakdown.csv"
    path.write_text(
        "framework,unit_id,criterion,name,field,max_points,value,points\n"
        "f,u1,1.1,Plan,1,10.00,on_time,10.00\nf,u1,1.2,Rate,1,10.00,95,10.00\n",
        encoding="utf-8",
    )
    log = ProblemLog()
    assert load_previous(str(path), log) == {}
    assert [(p.row, p.table_column) for p in log.errors] == [(1, "rank")]
