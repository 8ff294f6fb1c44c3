"""The streaming workbook writer: what it writes reads back whole, the same every time."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook

from parindex.errors import OutputError
from parindex.outputs.workbooks.sheet_xml import CELL_LIMIT, Sheet, column_letter
from parindex.outputs.workbooks.xlsxml import write_workbook

KEYS = ["unit_id", "unit_name", "index"]


def _sheet(rows: list[tuple[int, list[Any]]], name: str = "group") -> Sheet:
    """(decimal places, cells) rows; each row's framework is named after its places."""
    return Sheet(
        name=name,
        title="Tiêu đề & <title>",
        keys=KEYS,
        labels=["Mã", "Đơn vị", "Chỉ số"],
        rows=[{"framework": f"fw{p}", **dict(zip(KEYS, cells, strict=True))} for p, cells in rows],
        places={"fw0": 0, "fw2": 2},
        widths=[10, 20, 8],
        frozen_columns=2,
        wrapped=frozenset({1}),
    )


@pytest.mark.parametrize(
    ("index", "letters"), [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (52, "BA"), (701, "ZZ")]
)
def test_column_letters(index: int, letters: str) -> None:
    assert column_letter(index) == letters


def test_texts_numbers_and_empty_cells_read_back() -> None:
    texts = ["a & b < c", " padded ", "tab\there", "bell\x07", "_x0041_ literal", "dòng\nhai"]
    rows = [(2, [t, t, Decimal("1.50")]) for t in texts] + [(0, ["x", None, 7])]
    book = load_workbook(io.BytesIO(write_workbook([_sheet(rows)])))
    sheet = book["group"]
    assert sheet["A1"].value == "Tiêu đề & <title>"
    got = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
    # XML cannot hold a control character: it is shown escaped, as on the terminal; a literal
    # "_xHHHH_" stays literal
    escaped = {"bell\x07": "bell\\x07"}
    assert [g[0] for g in got] == [*(escaped.get(t, t) for t in texts), "x"]
    assert got[0][2] == 1.5 and sheet["C4"].number_format == "0.00"
    assert got[-1] == ["x", None, 7] and sheet.cell(4 + len(texts), 3).data_type == "n"
    assert sheet.row_dimensions[4 + len(texts) - 1].height == 30  # two lines of wrapped text


def test_text_longer_than_a_cell_is_refused_not_cut() -> None:
    long = "x" * (CELL_LIMIT + 1)
    with pytest.raises(OutputError) as caught:
        write_workbook([_sheet([(2, ["u1", long, Decimal(1)])])])
    message = str(caught.value)
    assert "row 4" in message and "unit_name" in message and "32767" in message
    # exactly as long as a cell holds is written whole
    exact = "y" * CELL_LIMIT
    book = load_workbook(io.BytesIO(write_workbook([_sheet([(2, ["u1", exact, None])])])))
    assert book["group"]["B4"].value == exact


def test_same_sheets_same_bytes_and_fixed_dates() -> None:
    rows = [(2, [f"u{i}", f"Đơn vị {i}", Decimal(i) / 3]) for i in range(50)]
    first, second = write_workbook([_sheet(rows)]), write_workbook([_sheet(rows)])
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert archive.namelist()[0] == "[Content_Types].xml"


def test_sheet_names_with_quotes_keep_print_titles() -> None:
    book = load_workbook(io.BytesIO(write_workbook([_sheet([(2, ["a", "b", None])], "it's")])))
    sheet = book["it's"]
    assert sheet.print_title_rows == "$1:$3"
    assert sheet.auto_filter.ref == "A3:C4"
    assert sheet.freeze_panes == "C4"
