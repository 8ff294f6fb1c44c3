"""Words from the files reach the report as they are written: numbers are formatted where they
are made, never by rewriting a text afterwards (a decree's number keeps its dots under vi)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from golden_support import run_cli
from province_support import write_province

DECREE = "Nghị định 30.2020, mục 1.5"  # user text that looks like numbers
CIRCULAR = "Thông tư 01.2021 điều 2.3"


def _province(root: Path) -> None:
    write_province(root)
    framework = root / "criteria" / "dept.yaml"
    text = framework.read_text(encoding="utf-8")
    text = text.replace("label: Kịp thời}", f'label: "{DECREE}"}}')
    text = text.replace("name: Ban hành kế hoạch", f'name: "{CIRCULAR}"')
    framework.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_advice_and_names_keep_their_text_in_the_html_report(tmp_path: Path, lang: str) -> None:
    _province(tmp_path)
    out = tmp_path / "r.html"
    result = run_cli(
        [
            "--lang",
            lang,
            "report",
            str(tmp_path),
            "--criteria",
            str(tmp_path / "criteria"),
            "-o",
            str(out),
        ]
    )
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    # Sở Gamma answered "late" on 1.2: the advice names the option that earns full points,
    # by its label only (its key is for programs).
    assert f"“{DECREE}”" in html and "on_time" not in html
    assert CIRCULAR in html
    assert "30,2020" not in html and "1,5" not in html.split(DECREE)[1][:20]
    assert "01,2021" not in html and "2,3" not in html.split(CIRCULAR)[1][:5]
    if lang == "vi":  # the report's own numbers still follow the language
        assert "76,49" in html


def test_names_keep_their_text_in_the_word_appendix(tmp_path: Path) -> None:
    _province(tmp_path)
    framework = tmp_path / "criteria" / "dept.yaml"
    text = framework.read_text(encoding="utf-8").replace(
        "name: Chỉ đạo điều hành", f'name: "{DECREE}"'
    )
    framework.write_text(text, encoding="utf-8")
    out = tmp_path / "a.docx"
    result = run_cli(
        [
            "--lang",
            "vi",
            "report",
            str(tmp_path),
            "--criteria",
            str(tmp_path / "criteria"),
            "-o",
            str(out),
            "--decision",
            "Quyết định 12.2026",
        ]
    )
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(out) as package:
        body = package.read("word/document.xml").decode("utf-8")
    assert DECREE in body and "Quyết định 12.2026" in body
    assert "30,2020" not in body and "12,2026" not in body
    assert "76,49" in body


def test_a_value_on_the_terminal_keeps_the_frameworks_words(tmp_path: Path) -> None:
    """Under vi the value column writes the numbers scoring made with a decimal comma, shows
    an option by its label as the framework has it (never its key), and leaves a band's unit
    as written: "1.000" in a unit is a thousand in Vietnamese, and would read as one with a
    comma."""
    _province(tmp_path)
    framework = tmp_path / "criteria" / "dept.yaml"
    text = framework.read_text(encoding="utf-8")
    text = text.replace('unit: "%"', 'unit: "hồ sơ/1.000 dân"').replace("on_time:", '"v1.5":')
    framework.write_text(text, encoding="utf-8")
    unit = tmp_path / "units" / "d-alpha.yaml"
    answers = unit.read_text(encoding="utf-8").replace("on_time", '"v1.5"')
    unit.write_text(answers.replace("value: 95", "value: 95.5"), encoding="utf-8")
    result = run_cli(
        ["--lang", "vi", "score", str(unit), "--criteria", str(tmp_path / "criteria")],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.stderr
    rows = {line.split()[0]: line for line in result.stdout.splitlines() if line.strip()}
    # the label (cut to the value column's width), then the points; whole in the explanation
    label = r" Nghị định 30\.2020, … +8,00 .* Nghị định 30\.2020, mục 1\.5 → "
    assert re.search(label, rows["1.2"])
    assert "v1.5" not in result.stdout  # the option's key is for programs
    assert re.search(r" 95,5 hồ sơ/1\.000 dân +8,00 ", rows["1.3"])
    assert "v1,5" not in result.stdout and "1,000 dân" not in result.stdout
