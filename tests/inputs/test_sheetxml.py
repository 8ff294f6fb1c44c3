"""The streaming sheet reader (`sheetxml`) and the lazy tables built on it."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.parsers import expat

import pytest
from openpyxl import Workbook

from parindex.errors import InputError, ProblemLog
from parindex.inputs.tables.located import read_sheet
from parindex.inputs.tables.rows import read_table
from parindex.inputs.tables.sheetxml import column_index, shared_strings, sheet_rows

MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def rows_of(xml: str) -> list[tuple[int, list[tuple[int, str, str, int]]]]:
    return list(sheet_rows(io.BytesIO(xml.encode("utf-8"))))


def test_cells_come_with_column_kind_text_and_style() -> None:
    xml = (
        f"<worksheet {MAIN}><sheetData>"
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" s="3"><v>0.95</v></c></row>'
        '<row r="4"><c r="B4" t="inlineStr"><is><r><t>Sở </t></r><r><t>Nội vụ</t></r>'
        "<rPh><t>ignored reading</t></rPh></is></c></row>"
        "</sheetData></worksheet>"
    )
    assert rows_of(xml) == [
        (1, [(0, "s", "0", 0), (2, "n", "0.95", 3)]),
        (4, [(1, "inlineStr", "Sở Nội vụ", 0)]),
    ]


def test_prefixed_names_missing_references_and_empty_values() -> None:
    xml = (
        '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<x:sheetData><x:row><x:c><x:v>1</x:v></x:c><x:c><x:v></x:v></x:c>"
        "<x:c><x:v>3</x:v></x:c></x:row><x:row/><x:row><x:c><x:v>&lt;5&amp;</x:v></x:c>"
        "</x:row></x:sheetData></x:worksheet>"
    )
    # numbered on from the last row; an empty <v/> is no cell; an empty row is left out
    assert rows_of(xml) == [(1, [(0, "n", "1", 0), (2, "n", "3", 0)]), (3, [(0, "n", "<5&", 0)])]


def test_a_formula_without_a_saved_value_is_marked_with_its_text() -> None:
    xml = (
        f"<worksheet {MAIN}><sheetData><row r='2'>"
        "<c r='A2'><f>SUM(B1:B9)</f></c><c r='B2'><f>1+1</f><v>2</v></c>"
        "</row></sheetData></worksheet>"
    )
    assert rows_of(xml) == [(2, [(0, "formula", "=SUM(B1:B9)", 0), (1, "n", "2", 0)])]


def test_a_dtd_is_refused_and_broken_xml_raises() -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]>'
        f"<worksheet {MAIN}><sheetData><row><c><v>&a;</v></c></row></sheetData></worksheet>"
    )
    with pytest.raises(ValueError, match="DTD"):
        rows_of(bomb)
    with pytest.raises(expat.ExpatError, match=r"mismatched tag|no element"):
        rows_of(f"<worksheet {MAIN}><sheetData><row><c></row>")


@pytest.mark.parametrize(
    ("reference", "index"), [("A1", 0), ("Z9", 25), ("AA3", 26), ("xfd1", 16383)]
)
def test_column_letters_count_from_zero(reference: str, index: int) -> None:
    assert column_index(reference) == index


def test_shared_strings_join_runs_and_leave_readings_out() -> None:
    xml = (
        f'<sst {MAIN} count="3"><si><t>plain</t></si>'
        "<si><r><t>Phường </t></r><r><rPr><b/></rPr><t>Bến Nghé</t></r>"
        "<rPh><t>reading</t></rPh></si><si><t>a_x005F_x000D_b</t></si><si/></sst>"
    )
    assert shared_strings(io.BytesIO(xml.encode())) == ["plain", "Phường Bến Nghé", "a_x000D_b", ""]


def test_a_workbook_table_is_read_as_people_see_it(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "appraisal"
    sheet.append(["unit_id", "criterion", "value", "points", "reason"])
    sheet.append(["u1", "1.10", 0.95, None, "Thẩm định lại"])
    sheet["C2"].number_format = "0%"
    sheet.append(["u2", "2.1", None, 1.5, "=needs a guard"])
    sheet["E3"].data_type = "s"
    path = tmp_path / "appraisal.xlsx"
    book.save(path)
    table = read_table(str(path), ["unit_id", "criterion"], ["value", "points", "reason"], name="x")
    assert [(row.number, row.cells) for row in table.rows] == [
        (2, {"unit_id": "u1", "criterion": "1.10", "value": "95", "reason": "Thẩm định lại"}),
        (3, {"unit_id": "u2", "criterion": "2.1", "points": "1.5", "reason": "=needs a guard"}),
    ]


def test_a_lazy_table_is_read_as_it_is_iterated(tmp_path: Path) -> None:
    path = tmp_path / "survey.csv"
    path.write_text("unit_id,criterion,value\nu1,1.1,90\nu2,1.1,80,extra\nu3,1.1,70\n")
    problems = ProblemLog()
    table = read_sheet(str(path), ["unit_id", "criterion", "value"], [], problems, name="survey")
    assert table is not None
    assert not isinstance(table.rows, list)
    assert not problems  # nothing read yet past the header
    assert [row.cells["unit_id"] for row in table.rows] == ["u1", "u3"]
    assert [(p.row, p.table_column) for p in problems] == [(3, "value")]


def test_a_file_malformed_part_way_ends_its_rows_with_its_problem(tmp_path: Path) -> None:
    path = tmp_path / "survey.csv"
    path.write_text('unit_id,criterion,value\nu1,1.1,90\nu2,1.1,"80\n')
    problems = ProblemLog()
    table = read_sheet(str(path), ["unit_id", "criterion", "value"], [], problems, name="survey")
    assert table is not None
    assert [row.cells["unit_id"] for row in table.rows] == ["u1"]
    assert [p.row for p in problems] == [3]
    assert "never closed" in problems[0].message


def test_a_damaged_sheet_is_named_in_its_problem(tmp_path: Path) -> None:
    book = Workbook()
    book.active.title = "appraisal"
    book.active.append(["unit_id", "criterion"])
    buffer = io.BytesIO()
    book.save(buffer)
    damaged = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(damaged, "w") as target,
    ):
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = data.replace(b"</sheetData>", b"</sheetDat>")
            target.writestr(item, data)
    path = tmp_path / "appraisal.xlsx"
    path.write_bytes(damaged.getvalue())
    with pytest.raises(InputError) as caught:
        read_table(str(path), ["unit_id", "criterion"], name="appraisal")
    message = caught.value.problems[0].message
    assert "'appraisal'" in message and "damaged" in message
