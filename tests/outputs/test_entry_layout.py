"""The entry-sheet layout of `workbooks.readback` that a unit's form will reuse: locked context
and open answers, drop-downs and number ranges, a hidden key row above a people's header row,
protection without a password, A4 landscape with the header on every page, the same bytes on
every run. And the streaming writer's protected sheet (a notice nobody should edit)."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from decimal import Decimal

from openpyxl import load_workbook

from parindex.outputs.workbooks.readback import (
    Column,
    EntryLayout,
    EntrySheet,
    choice_check,
    new_book,
    range_check,
    table_workbook,
    whole_check,
    workbook_bytes,
)
from parindex.outputs.workbooks.sheet_xml import Sheet
from parindex.outputs.workbooks.xlsxml import write_workbook

LAYOUT = EntryLayout(
    columns=[
        Column("unit_id", "Mã đơn vị", 12),
        Column("criterion", "Tiêu chí", 8),
        Column("name", "Tên tiêu chí", 30, wrapped=True),
        Column("value", "Số liệu", 12, open=True, centred=True),
        Column("points", "Điểm", 9, open=True, number_format="0.00##"),
    ],
    title="Phiếu tự đánh giá",
    frozen_columns=2,
    group_key="unit_id",
    keys_hidden=True,
)
ROWS = [
    {"unit_id": "u1", "criterion": "1.1", "name": "Kế hoạch"},
    {"unit_id": "u1", "criterion": "1.2", "name": "Tỷ lệ hồ sơ " * 8},
    {"unit_id": "u2", "criterion": "1.1", "name": "=1+1"},
]


def _form() -> bytes:
    book = new_book()
    sheet = EntrySheet(book, "form", LAYOUT, len(ROWS))
    for row in ROWS:
        at = sheet.append(row)
        sheet.validations.add(
            choice_check(["done", "late"], "Không hợp lệ", "Chọn done hoặc late"),
            sheet.cell("value", at),
        )
        sheet.validations.add(
            range_check(Decimal(0), Decimal("1.5"), "Ngoài khoảng", "Từ 0 đến 1.5"),
            sheet.cell("points", at),
        )
    sheet.validations.add(whole_check(1, "Sai", "Số nguyên"), sheet.column_cells("points"))
    sheet.close()
    return workbook_bytes(book, "Phiếu")


def test_hidden_keys_above_the_labels_then_the_rows() -> None:
    sheet = load_workbook(io.BytesIO(_form()))["form"]
    assert [c.value for c in sheet[1]] == [c.key for c in LAYOUT.columns]
    assert sheet.row_dimensions[1].hidden
    assert [c.value for c in sheet[2]] == [c.label for c in LAYOUT.columns]
    assert [c.value for c in sheet[5]][:3] == ["u2", "1.1", "'=1+1"]  # guarded
    assert sheet.freeze_panes == "C3"
    assert sheet.auto_filter.ref == "A2:E5"
    assert sheet.print_title_rows == "$1:$2"
    assert sheet.row_dimensions[4].height == 45  # the long name wraps over three lines


def test_context_locked_answers_open_and_protected_without_password() -> None:
    sheet = load_workbook(io.BytesIO(_form()))["form"]
    assert sheet.protection.sheet and not sheet.protection.password
    assert sheet["A3"].protection.locked and sheet["C3"].protection.locked
    assert not sheet["D3"].protection.locked and not sheet["E3"].protection.locked
    assert sheet["E3"].number_format == "0.00##"
    assert sheet["D4"].border.top.style is None and sheet["D5"].border.top.style == "thin"


def test_checks_one_per_kind_in_order() -> None:
    sheet = load_workbook(io.BytesIO(_form()))["form"]
    checks = [
        (v.type, v.formula1, v.formula2, str(v.sqref))
        for v in sheet.data_validations.dataValidation
    ]
    assert checks == [
        ("list", '"done,late"', None, "D3 D4 D5"),
        ("decimal", "0", "1.5", "E3 E4 E5"),
        ("whole", "1", None, "E3:E5"),
    ]


def test_a4_landscape_and_the_same_bytes_every_run() -> None:
    data = _form()
    sheet = load_workbook(io.BytesIO(data))["form"]
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert data == _form()


def test_a_protected_sheet_of_the_streaming_writer() -> None:
    sheet = Sheet(
        name="notice",
        title="Thông báo",
        keys=["unit_id", "index"],
        labels=["Mã", "Chỉ số"],
        rows=[{"unit_id": "u1", "index": Decimal("80.5")}],
        places={},
        widths=[10, 8],
        frozen_columns=1,
        protected=True,
    )
    book = load_workbook(io.BytesIO(write_workbook([sheet])))
    assert book["notice"].protection.sheet and not book["notice"].protection.password
    unprotected = load_workbook(
        io.BytesIO(write_workbook([dataclasses.replace(sheet, protected=False)]))
    )
    assert not unprotected["notice"].protection.sheet


def test_the_survey_table_has_fixed_dates() -> None:
    """`survey -o t.xlsx` gives the same bytes on every run: no date of the run inside."""
    data = table_workbook(
        [("survey", ["unit_id", "value"], [{"unit_id": "u1", "value": Decimal("62.67")}], 2)],
        header_notes={"unit_id": "Mã đơn vị"},
    )
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert {info.date_time for info in package.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        core = package.read("docProps/core.xml").decode()
    assert core.count("2000-01-01T00:00:00Z") == 2
    sheet = load_workbook(io.BytesIO(data))["survey"]
    assert [c.value for c in sheet[1]] == ["unit_id", "value"]
    assert sheet["A1"].comment.text == "Mã đơn vị" and sheet["B2"].number_format == "0.00"
