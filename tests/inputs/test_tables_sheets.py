"""Which sheet of a workbook a table is read from, and the warning about the others."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from parindex.inputs.tables.rows import read_table


def _book(path: Path, sheets: list[tuple[str, list[list[str]], str]]) -> str:
    book = Workbook()
    book.remove(book.active)
    for title, rows, state in sheets:
        sheet = book.create_sheet(title)
        sheet.sheet_state = state
        for row in rows:
            sheet.append(row)
    book.save(path)
    return str(path)


HEADER = ["unit_id", "criterion", "value"]


def test_the_sheet_named_after_the_table_wins(tmp_path: Path) -> None:
    path = _book(
        tmp_path / "t.xlsx",
        [("notes", [["x"]], "visible"), ("Survey", [HEADER, ["u", "8.1", "70"]], "visible")],
    )
    table = read_table(path, HEADER, name="survey")
    assert [r.cells for r in table.rows] == [{"unit_id": "u", "criterion": "8.1", "value": "70"}]
    assert len(table.warnings) == 1
    assert "'Survey'" in table.warnings[0].message and "'notes'" in table.warnings[0].message


def test_else_the_first_visible_sheet_and_known_siblings_are_quiet(tmp_path: Path) -> None:
    path = _book(
        tmp_path / "t.xlsx",
        [
            ("hidden", [["junk"]], "hidden"),
            ("Sheet1", [HEADER, ["u", "8.1", "70"]], "visible"),
        ],
    )
    table = read_table(path, HEADER, name="survey")
    assert table.rows[0].get("value") == "70"
    assert "'hidden'" in table.warnings[0].message
    sibling = _book(
        tmp_path / "w.xlsx",
        [("appraisal", [["unit_id"], ["u"]], "visible"), ("survey", [HEADER], "visible")],
    )
    assert read_table(sibling, HEADER, name="survey", siblings=("appraisal",)).warnings == []
