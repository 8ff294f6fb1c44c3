"""Files people open: the published workbook's layout and the excel-vi CSV dialect."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from parindex.i18n import LOCALE_DIR

from province_support import (
    BREAKDOWN_HEADER,
    DEPT_LEAVES,
    RANKING_CSV,
    RANKING_HEADER,
    WARD_LEAVES,
    run,
    sheet_records,
)

openpyxl = pytest.importorskip("openpyxl")

DEPT_TITLE = "Chỉ số CCHC các sở năm 2025 (thử)"
LABELS_EN = [
    "Framework",
    "Group",
    "Rank",
    "Unit id",
    "Unit",
    "Index",
    "Band",
    "Points",
    "Applicable maximum",
    "Self-assessed points",
    "Missing answers",
    "Pending values",
]
LABELS_VI = [
    "Bộ tiêu chí",  # the glossary's word for a framework
    "Nhóm",
    "Hạng",
    "Mã đơn vị",
    "Đơn vị",
    "Chỉ số",
    "Xếp loại",
    "Điểm",
    "Điểm tối đa áp dụng",
    "Điểm tự đánh giá",
    "Số tiêu chí chưa kê khai",
    "Số giá trị chờ kết quả",
]


def _book(path: Path) -> Any:
    return openpyxl.load_workbook(path)


def _raw(result: Result) -> bytes:
    return result.stdout_bytes


def _with_short_names(root: Path) -> None:
    """Field 1 of the department framework gets a short name in both languages."""
    path = root / "criteria" / "dept.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "    name_en: Direction\n",
        "    name_en: Direction\n    short_name: Chuẩn bị\n    short_name_en: Preparation\n",
        1,
    )
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def workbook(province: Path) -> Any:
    _with_short_names(province)
    result = run("--lang", "vi", "rank", "units", "-o", "out.xlsx")  # labels in the default, vi
    assert result.exit_code == 0, result.stderr
    return _book(province / "out.xlsx")


def test_sheets_named_by_group_then_breakdown_and_claims(workbook: Any) -> None:
    assert workbook.sheetnames == ["department", "ward", "breakdown", "claims"]


@pytest.mark.xfail(
    not (LOCALE_DIR / "vi" / "LC_MESSAGES" / "parindex.mo").exists(),
    reason="the Vietnamese catalog is not on this branch yet: the labels stay English",
    strict=True,
)
def test_title_keys_and_labels_rows(workbook: Any) -> None:
    sheet = workbook["department"]
    assert sheet["A1"].value == DEPT_TITLE
    assert sheet["A1"].font.b and sheet["A1"].font.sz == 14
    assert [c.value for c in sheet[2]] == RANKING_HEADER.split(",")
    assert sheet.row_dimensions[2].hidden  # the keys are for programs, not people
    labels = [c.value for c in sheet[3]]
    assert labels[: len(LABELS_VI)] == LABELS_VI
    # field columns: the field's id and its short name (dept field 1 has one, 2 does not)
    fields = labels[len(LABELS_VI) : -1]
    assert fields[0] == "1. Chuẩn bị"
    assert fields[1].startswith("2. ") and len(fields[1]) <= 36
    assert labels[-1] == "Điểm thưởng − điểm trừ"
    assert all(c.font.b for c in sheet[3])
    assert workbook["breakdown"]["A1"].value
    assert workbook["claims"]["A1"].value
    assert workbook["ward"]["A1"].value == "Chỉ số CCHC các phường năm 2025 (thử)"


def test_labels_in_english(province: Path) -> None:
    _with_short_names(province)
    assert run("--lang", "en", "rank", "units", "-o", "en.xlsx").exit_code == 0
    book = _book(province / "en.xlsx")
    sheet = book["department"]
    assert sheet["A1"].value == "Test department index 2025"
    labels = [c.value for c in sheet[3]]
    assert labels[: len(LABELS_EN)] == LABELS_EN
    assert labels[len(LABELS_EN)] == "1. Preparation"
    assert labels[-1] == "Bonus − penalty"
    assert [c.value for c in book["breakdown"][3]] == [
        "Framework",
        "Unit id",
        "Criterion id",
        "Criterion name",
        "Field",
        "Applicable maximum",
        "Value",
        "Points",
        "Self-assessed points",
        "Status",
        "How the points came about",
    ]
    # the keys never change with the language
    assert [c.value for c in sheet[2]] == RANKING_HEADER.split(",")
    assert book.sheetnames == ["department", "ward", "breakdown", "claims"]


def test_frozen_panes_autofilter_and_print_setup(workbook: Any) -> None:
    last = chr(ord("A") + len(RANKING_HEADER.split(",")) - 1)
    expected = {
        "department": ("F4", f"A3:{last}8"),
        "ward": ("F4", f"A3:{last}5"),
        "breakdown": ("D4", f"A3:K{3 + 5 * len(DEPT_LEAVES) + 2 * len(WARD_LEAVES)}"),
        "claims": ("D4", "A3:J7"),
    }
    for name, (pane, filtered) in expected.items():
        sheet = workbook[name]
        assert sheet.freeze_panes == pane, name
        assert sheet.auto_filter.ref == filtered, name
        setup = sheet.page_setup
        assert setup.orientation == "landscape"
        assert int(setup.paperSize) == 9  # A4
        assert int(setup.fitToWidth) == 1 and int(setup.fitToHeight) == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$1:$3", name


def test_numbers_as_numbers_with_the_framework_decimals(workbook: Any) -> None:
    dept = sheet_records(workbook["department"])
    alpha = dept[0]
    assert alpha["index"].data_type == "n" and alpha["index"].number_format == "0.00"
    assert alpha["rank"].value == 1 and isinstance(alpha["rank"].value, int)
    ward = sheet_records(workbook["ward"])[0]
    assert ward["index"].number_format == "0.0"
    assert ward["field_5"].value == pytest.approx(13.3)
    # every number is stored as published: rounded to its framework's decimals
    published = {
        row.split(",")[3]: row.split(",")[5] for row in RANKING_CSV.strip().split("\r\n")[1:]
    }
    for record in [*dept, *sheet_records(workbook["ward"])]:
        assert record["index"].value == float(published[record["unit_id"].value])
    breakdown = sheet_records(workbook["breakdown"])
    assert BREAKDOWN_HEADER.split(",") == list(breakdown[0])
    assert breakdown[0]["points"].number_format in ("0.00", "0.0")


def test_workbook_bytes_are_identical_across_runs(province: Path) -> None:
    assert run("rank", "units", "-o", "a.xlsx", "--breakdown", "b1.xlsx").exit_code == 0
    assert run("rank", "units", "-o", "b.xlsx", "--breakdown", "b2.xlsx").exit_code == 0
    first, second = (province / "a.xlsx").read_bytes(), (province / "b.xlsx").read_bytes()
    assert first == second
    assert (province / "b1.xlsx").read_bytes() == (province / "b2.xlsx").read_bytes()
    props = _book(province / "a.xlsx").properties
    assert props.created.year == 1980 and props.modified.year == 1980


def test_breakdown_as_xlsx(province: Path) -> None:
    result = run("rank", "units", "--format", "csv", "--breakdown", "b.xlsx")
    assert result.exit_code == 0
    assert result.stdout_bytes.decode() == RANKING_CSV
    book = _book(province / "b.xlsx")
    assert book.sheetnames == ["breakdown"]
    sheet = book["breakdown"]
    assert [c.value for c in sheet[2]] == BREAKDOWN_HEADER.split(",")
    assert sheet.freeze_panes == "D4" and sheet.print_title_rows == "$1:$3"
    rows = sheet_records(sheet)
    assert len(rows) == 5 * len(DEPT_LEAVES) + 2 * len(WARD_LEAVES)
    first = rows[0]
    assert (first["unit_id"].value, first["criterion"].value) == ("d-alpha", "1.1")
    assert first["points"].data_type == "n"


def test_breakdown_other_extension_is_a_usage_error(province: Path) -> None:
    result = run("rank", "units", "--breakdown", "b.json")
    assert result.exit_code == 2
    assert "--breakdown b.json: the breakdown is written as .csv or .xlsx" in result.stderr
    assert not (province / "b.json").exists()


# --- the excel-vi dialect ------------------------------------------------------------------------


def test_excel_vi_on_stdout_has_semicolons_decimal_commas_crlf_and_no_bom(province: Path) -> None:
    result = run("rank", "units", "--format", "csv", "--dialect", "excel-vi")
    assert result.exit_code == 0
    data = _raw(result)
    assert not data.startswith(b"\xef\xbb\xbf")
    # the standard CSV with `;` between cells and a decimal comma, byte for byte
    assert data.decode("utf-8") == RANKING_CSV.replace(",", ";").replace(".", ",")
    assert data.decode("utf-8").splitlines()[1] == (
        "dept-2025;department;1;d-alpha;Sở Alpha;87,00;Tốt;87,00;100,00;48,00;0;2;50,00;35,00;;2,00"
    )
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline=""), delimiter=";"))
    assert all(len(row) == len(rows[0]) for row in rows)
    standard = list(csv.reader(io.StringIO(RANKING_CSV, newline="")))
    for mine, theirs in zip(rows, standard, strict=True):
        assert [cell.replace(",", ".") for cell in mine] == theirs


def test_excel_vi_files_have_a_bom(province: Path) -> None:
    result = run(
        "rank",
        "units",
        "-o",
        "r.csv",
        "--dialect",
        "excel-vi",
        "--breakdown",
        "b.csv",
    )
    assert result.exit_code == 0
    for name in ("r.csv", "b.csv"):
        data = (province / name).read_bytes()
        assert data.startswith(b"\xef\xbb\xbf"), name
        text = data.decode("utf-8-sig")
        assert text.count("\r\n") == text.count("\n")
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
        assert len({len(r) for r in rows}) == 1, name
    breakdown = (province / "b.csv").read_bytes().decode("utf-8-sig")
    assert breakdown.startswith(BREAKDOWN_HEADER.replace(",", ";") + "\r\n")
    assert "\r\ndept-2025;d-alpha;1.1;" in breakdown
    claims = run("rank", "units", "--claims", "--format", "csv", "--dialect", "excel-vi")
    assert claims.exit_code == 0
    assert _raw(claims).decode().splitlines()[0] == (
        "framework;unit_id;unit_name;criterion;name;self_points;points;difference;status;"
        "explanation"
    )
    assert re.search(r";-?\d+,\d\d;", _raw(claims).decode())


def test_standard_is_the_default_dialect(province: Path) -> None:
    plain = run("rank", "units", "--format", "csv")
    chosen = run("rank", "units", "--format", "csv", "--dialect", "standard")
    assert plain.exit_code == chosen.exit_code == 0
    assert _raw(plain) == _raw(chosen) == RANKING_CSV.encode()


def test_json_keeps_the_decimal_point(province: Path) -> None:
    result = run("rank", "units", "--format", "json", "--dialect", "excel-vi")
    assert result.exit_code == 0
    assert '"index": 87.00,' in result.stdout


def test_previous_reads_an_excel_vi_ranking(province: Path) -> None:
    assert run("rank", "units", "-o", "prev.csv", "--dialect", "excel-vi").exit_code == 0
    result = run("rank", "units", "--previous", "prev.csv", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout_bytes.decode(), newline="")))
    assert {r["index_change"] for r in rows} == {"0.00", "0.0"}


def test_by_field_csv_follows_the_dialect(province: Path) -> None:
    standard = run("rank", "units", "--by-field", "1", "--format", "csv")
    excel = run("rank", "units", "--by-field", "1", "--format", "csv", "--dialect", "excel-vi")
    assert standard.exit_code == excel.exit_code == 0
    text = standard.stdout_bytes.decode()
    assert excel.stdout_bytes.decode() == text.replace(",", ";").replace(".", ",")
    assert re.search(r";\d+,\d+;", excel.stdout_bytes.decode())


def test_the_workbook_says_in_words_what_the_csv_keeps_as_codes(tmp_path: Path) -> None:
    """The history column in names and Vietnamese, the band and the statuses in words, values
    with a decimal comma; the CSV keeps `formed from` and ids, `scored`, `58.2 %`."""
    from golden_support import EXAMPLE_INPUTS, run_cli

    args = [
        "rank",
        *EXAMPLE_INPUTS,
    ]
    out = tmp_path / "rank.xlsx"
    result = run_cli(["--lang", "vi", *args, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    book = _book(out)
    # the groups in the frameworks' order, then the detail sheets
    assert book.sheetnames == ["department", "vertical-agency", "commune", "breakdown", "claims"]
    units = {r["unit_id"].value: r for r in sheet_records(book["department"])}
    assert units["so-tai-chinh"]["history"].value == (
        "Hợp nhất từ Sở Kế hoạch và Đầu tư + Sở Tài chính"
    )
    assert units["ban-quan-ly-du-an-dau-tu-xay-dung"]["history"].value == "Lần đầu đánh giá"
    assert units["so-dan-toc-va-ton-giao"]["history"].value == "trước là Ban Dân tộc tỉnh"
    assert units["so-noi-vu"]["history"].value is None
    assert units["so-noi-vu"]["band"].value == "Tốt"
    breakdown = sheet_records(book["breakdown"])
    statuses = {r["status"].value for r in breakdown}
    assert statuses <= {"đã chấm", "đã thẩm định", "không phát sinh", "chưa kê khai", "chờ kết quả"}
    values = [r["value"].value for r in breakdown if isinstance(r["value"].value, str)]
    assert "98,4%" in values and not any(re.fullmatch(r"\d+\.\d+ %", v) for v in values)
    # an option by its label, yes/no in words, never a key
    by_leaf = {(r["unit_id"].value, r["criterion"].value): r["value"].value for r in breakdown}
    assert by_leaf[("so-noi-vu", "1.1.1")] == "Ban hành kịp thời"
    assert by_leaf[("so-noi-vu", "1.1.3")] == "Có"
    assert not {"on_time", "late", "yes", "no", "N/A"} & set(values)
    # the CSV, for programs, keeps the codes
    text = run_cli([*args, "--format", "csv"]).stdout
    assert "formed from so-ke-hoach-va-dau-tu + so-tai-chinh" in text
    keys = run_cli([*args, "--format", "csv", "--breakdown", str(tmp_path / "b.csv")])
    assert keys.exit_code == 0
    breakdown_csv = (tmp_path / "b.csv").read_text(encoding="utf-8-sig")
    assert ",so-noi-vu,1.1.1," in breakdown_csv and ",on_time," in breakdown_csv
    assert ",new\r\n" in text or ",new\n" in text
