"""A control character pasted into a name reaches a Word or Excel file escaped (`\\x01`), as
the XLSX writer and the terminal show it, instead of crashing the writer: the file is still
the one to publish, and the escape shows the clerk where the stray character is."""

from __future__ import annotations

import copy
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from golden_support import run_cli
from province_support import UNITS, write_province

# Where each control character goes, and how the file shows it.
UNIT = ("Sở\x01Alpha", "Sở\\x01Alpha")
TITLE = ("Chỉ số\x07 CCHC thử", "Chỉ số\\x07 CCHC thử")
FIELD = ("Chỉ đạo\x1b điều hành", "Chỉ đạo\\x1b điều hành")
BAND = ("T\x0bốt", "T\\x0bốt")
CRITERION = ("Ban hành\x0c kế hoạch", "Ban hành\\x0c kế hoạch")
DECISION = ("Quyết định\x02 12", "Quyết định\\x02 12")


@pytest.fixture
def province(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    units = copy.deepcopy(UNITS)
    units["d-alpha"]["unit"]["name"] = UNIT[0]
    write_province(tmp_path, units)
    framework = tmp_path / "criteria" / "dept.yaml"
    text = framework.read_text(encoding="utf-8")
    for old, new in (
        ("title: Chỉ số CCHC các sở năm 2025 (thử)", f"title: {_yaml(TITLE[0])}"),
        ("name: Chỉ đạo điều hành", f"name: {_yaml(FIELD[0])}"),
        ('label: "Tốt"', f"label: {_yaml(BAND[0])}"),
        ("name: Ban hành kế hoạch", f"name: {_yaml(CRITERION[0])}"),
    ):
        assert old in text
        text = text.replace(old, new)
    framework.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _yaml(text: str) -> str:
    """A YAML double-quoted scalar holding control characters as escapes."""
    return '"' + "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text) + '"'


def _ok(*args: str) -> None:
    result = run_cli(["--lang", "vi", *args])  # a writer's exception would raise here
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_the_word_appendix_shows_them_escaped(province: Path) -> None:
    _ok("report", "units", "-o", "a.docx", "--decision", DECISION[0])
    with zipfile.ZipFile(province / "a.docx") as package:
        body = package.read("word/document.xml").decode("utf-8")
        title = package.read("docProps/core.xml").decode("utf-8")
    for _raw, escaped in (UNIT, FIELD, BAND, DECISION):
        assert escaped in body, escaped
    assert TITLE[0].upper().replace("\x07", "\\x07") in body and TITLE[1] in title


def test_the_council_workbook_shows_them_escaped(province: Path) -> None:
    _ok("worksheet", "units", "-o", "w.xlsx")
    sheet = load_workbook(province / "w.xlsx").worksheets[0]  # the appraisal sheet
    values = {cell.value for row in sheet.iter_rows(min_row=3) for cell in row}
    assert UNIT[1] in values and CRITERION[1] in values
    assert not any(isinstance(v, str) and "\x01" in v for v in values)


def test_the_ranking_workbook_shows_them_escaped(province: Path) -> None:
    _ok("rank", "units", "-o", "r.xlsx")
    book = load_workbook(province / "r.xlsx")
    values = {c.value for sheet in book for row in sheet.iter_rows() for c in row}
    assert {UNIT[1], TITLE[1], CRITERION[1], BAND[1]} <= values
