"""The unit's workbook form as a unit officer meets it (SPEC §10): the title block, the hidden
row of keys and the header in the chosen language, every node in framework order, open
answer cells only where the unit answers, drop-downs of labels, number checks within each
rule's bounds with messages in the chosen language, protection, printing, the same bytes."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook

from form_support import COMPACT, KEYS, layout, make_form
from golden_support import load_yaml_as_text, run_cli

TREE = ["1", "1.1", "1.10", "1.2", "010", "2", "2.1", "2.2", "2.3", "2.4", "3", "3.1", "3.2", "9"]
TREE += ["9.1", "9.2"]
SELF = ["1.1", "1.10", "1.2", "010", "2.1", "2.2", "2.3", "9.1", "9.2"]


def _sheet(path: Path) -> Any:
    return load_workbook(path).worksheets[0]


def _validations(sheet: Any) -> dict[str, Any]:
    """The data validation of each cell that has one."""
    found = {}
    for validation in sheet.data_validations.dataValidation:
        for cell_range in validation.sqref.ranges:
            for row in cell_range.cells:
                found[f"{_letter(row[1])}{row[0]}"] = validation
    return found


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(column))


@pytest.fixture(scope="module", params=["vi", "en"])
def form(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    lang = request.param
    path = make_form(tmp_path_factory.mktemp(lang) / "u9.xlsx", lang=lang)
    return lang, path, _sheet(path)


def test_the_title_block_names_the_framework_the_unit_and_its_group(form: Any) -> None:
    lang, _path, sheet = form
    title = sheet["B1"].value
    assert "Bộ tiêu chí thu gọn" in title if lang == "vi" else "Compact test framework" in title
    values = {sheet.cell(r, 1).value: sheet.cell(r, 4).value for r in range(2, 6)}
    assert values == {
        "unit_name": "Đơn vị Chín",
        "unit_id": "u9",
        "group": "office",
        "framework": "compact-2025",
    }
    assert sheet.column_dimensions["A"].hidden  # the keys of the title block
    # the group's and the framework's ids are for parindex: their rows are hidden like the key
    # row; people read the unit's name and id, and the framework's title above
    shown = {
        k: not sheet.row_dimensions[r].hidden for r in range(2, 6) for k in [sheet.cell(r, 1).value]
    }
    assert shown == {"unit_name": True, "unit_id": True, "group": False, "framework": False}


def test_the_sheet_holds_the_key_row_hidden_and_the_header_in_the_language(form: Any) -> None:
    lang, _path, sheet = form
    key_row, columns, _rows = layout(sheet)
    assert sheet.title == ("Phiếu tự đánh giá" if lang == "vi" else "assessment")
    assert [sheet.cell(key_row, columns[k]).value for k in KEYS] == list(KEYS)
    assert sheet.row_dimensions[key_row].hidden
    header = [sheet.cell(key_row + 1, columns[k]).value for k in KEYS]
    assert not set(header) & set(KEYS)  # people read words, not keys
    if lang == "vi":
        assert header[:3] == ["Mã tiêu chí", "Tên tiêu chí", "Điểm tối đa"]
        assert "Tài liệu kiểm chứng (mỗi dòng một tài liệu)" in header
        assert "Điểm tự đánh giá" in header
    else:
        assert header[:3] == ["Criterion id", "Name of the criterion", "Maximum points"]


def test_every_node_of_the_tree_has_a_row_in_framework_order(form: Any) -> None:
    _lang, _path, sheet = form
    key_row, columns, rows = layout(sheet)
    assert list(rows) == TREE
    assert list(rows.values()) == list(range(key_row + 2, key_row + 2 + len(TREE)))
    assert sheet.cell(rows["2.1"], columns["max_points"]).value == 10
    assert sheet.cell(rows["1"], columns["max_points"]).value == 30  # a field: its maximum


def _unlocked(path: Path) -> set[tuple[int, int]]:
    """(row, column) of every cell of the table a protected sheet lets people type in, as a
    spreadsheet resolves it: a cell's own style, else its row's (openpyxl reads no row
    styles, so the XML is read here)."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(path) as book:
        sheet = ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml"))
        styles = ElementTree.fromstring(book.read("xl/styles.xml"))
    xfs = styles.findall("m:cellXfs/m:xf", ns)
    free = {
        i
        for i, xf in enumerate(xfs)
        if xf.find("m:protection", ns) is not None
        and xf.find("m:protection", ns).get("locked") == "0"
    }
    found = set()
    for row in sheet.findall("m:sheetData/m:row", ns):
        number = int(row.get("r"))
        own = {c.get("r"): int(c.get("s", "0")) for c in row.findall("m:c", ns)}
        row_style = int(row.get("s", "0")) if row.get("customFormat") == "1" else 0
        for column in range(2, 13):  # the table, B to L
            style = own.get(f"{_letter(column)}{number}", row_style)
            if style in free:
                found.add((number, column))
    return found


def test_only_a_self_leafs_answer_cells_are_open(form: Any) -> None:
    _lang, path, sheet = form
    _key_row, columns, rows = layout(sheet)
    unlocked = _unlocked(path)
    opened = {
        (criterion, key)
        for criterion, row in rows.items()
        for key in KEYS
        if (row, columns[key]) in unlocked
    }
    assert len(unlocked) == len(opened)  # nothing open outside the criteria's rows
    everywhere = {"value", "reason", "self_points", "evidence"}
    expected = {(c, k) for c in SELF for k in everywhere}
    expected |= {("010", "numerator"), ("010", "denominator")}  # the one ratio
    expected |= {("010", "not_applicable"), ("2.3", "not_applicable")}  # N/A allowed there
    assert opened == expected
    assert sheet.protection.sheet and not sheet.protection.password


def test_the_rule_names_options_by_their_labels_and_says_who_scores_the_others(
    form: Any,
) -> None:
    lang, _path, sheet = form
    _key_row, columns, rows = layout(sheet)
    rule = sheet.cell(rows["1.1"], columns["rule"]).value
    assert "“Kịp thời”" in rule and "on_time" not in rule  # a label, never its key
    assert "“late”" in rule  # an option without a label is shown by its key
    council = sheet.cell(rows["2.4"], columns["rule"]).value
    survey = sheet.cell(rows["3.1"], columns["rule"]).value
    if lang == "vi":
        assert "Hội đồng thẩm định" in council and "điều tra xã hội học" in survey
        assert (
            "Chọn “Có” (5 điểm) hoặc “Không” (0 điểm)"
            in sheet.cell(rows["1.10"], columns["rule"]).value
        )
    else:
        assert "appraisal council" in council and "sociological survey" in survey


def test_the_checks_offer_labels_numbers_within_bounds_and_the_na_entry_only_where_allowed(
    form: Any,
) -> None:
    lang, _path, sheet = form
    _key_row, columns, rows = layout(sheet)
    checks = _validations(sheet)

    def check(criterion: str, key: str) -> Any:
        return checks.get(f"{_letter(columns[key])}{rows[criterion]}")

    choice = check("1.1", "value")
    assert choice.type == "list"
    listed = [c.value for c in sheet[choice.formula1.replace("$", "")][0]]
    assert listed == ["Kịp thời", "late", "no"]
    yes_no = check("1.10", "value")
    assert yes_no.formula1 == ('"Có,Không"' if lang == "vi" else '"Yes,No"')
    ratio = check("010", "value")
    assert (ratio.type, ratio.operator, ratio.formula1, ratio.formula2) == (
        "decimal",
        "between",
        "0",
        "100",
    )
    count = check("2.1", "value")
    assert (count.type, count.operator, count.formula1) == ("whole", "greaterThanOrEqual", "0")
    scale = check("2.2", "value")
    assert (scale.formula1, scale.formula2) == ("1", "5")
    claim = check("2.1", "self_points")
    assert (claim.type, claim.formula1, claim.formula2) == ("decimal", "-2.5", "10")
    entry = "Không phát sinh" if lang == "vi" else "Not applicable"
    assert check("010", "not_applicable").formula1 == f'"{entry}"'
    assert check("1.2", "not_applicable") is None  # N/A is forbidden there
    for validation in sheet.data_validations.dataValidation:
        assert validation.showInputMessage and validation.prompt
        assert len(validation.prompt) <= 255 and len(validation.promptTitle or "") <= 32
    if lang == "vi":  # numbers in words with a decimal comma
        assert "từ −2,5 đến 10" in claim.prompt
        assert "Điểm trừ ghi bằng số dương" in check("9.2", "self_points").prompt


def test_the_page_prints_on_a4_landscape_with_the_header_and_frozen_panes(form: Any) -> None:
    _lang, path, sheet = form
    key_row, _columns, _rows = layout(sheet)
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == f"${key_row}:${key_row + 1}"
    assert sheet.freeze_panes == f"D{key_row + 2}"
    with zipfile.ZipFile(path) as book:
        xml = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml  # no formula anywhere parindex reads
    assert 'wrapText="1"' in zipfile.ZipFile(path).read("xl/styles.xml").decode()


def test_numbers_are_plain_and_no_cell_holds_a_percent_format(form: Any) -> None:
    _lang, path, _sheet = form
    with zipfile.ZipFile(path) as book:
        styles = book.read("xl/styles.xml").decode()
    assert "numFmt " not in styles and not re.search(r'numFmtId="(9|10)"', styles)


def test_the_same_inputs_give_the_same_bytes(tmp_path: Path) -> None:
    first = make_form(tmp_path / "a.xlsx").read_bytes()
    second = make_form(tmp_path / "b.xlsx").read_bytes()
    assert first == second


def test_every_shipped_framework_makes_a_form_that_lists_its_tree(tmp_path: Path) -> None:
    for name in ("department", "commune", "vertical-agency"):
        path = tmp_path / f"{name}.xlsx"
        make_form(path, framework=Path("criteria") / f"{name}.yaml")
        _key_row, _columns, rows = layout(_sheet(path))
        data = load_yaml_as_text(Path("criteria") / f"{name}.yaml")
        ids: list[str] = []
        stack = list(reversed(data["criteria"]))
        while stack:
            node = stack.pop()
            ids.append(node["id"])
            stack.extend(reversed(node.get("criteria") or []))
        assert list(rows) == ids


def test_a_blank_form_validates_with_one_missing_warning_per_self_leaf(tmp_path: Path) -> None:
    path = make_form(tmp_path / "u9.xlsx")
    result = run_cli(["validate", str(path), "--criteria", str(COMPACT.parent)])
    assert result.exit_code == 1  # a blank form is no submission
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"{path}[assessment]:3: error: unit.id: blank form? no criterion is answered (every "
        "value is empty); fill in the answers, or with --roster --allow-absent the unit ranks "
        "as not submitted"
    )
    missing = [line for line in lines if "not answered" in line]
    assert len(missing) == 7  # the self leaves but the bonus and penalty
