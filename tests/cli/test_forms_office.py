"""A real spreadsheet program in the loop (SPEC §7, §10): a unit's form filled as a unit
officer fills it (the drop-downs' labels, numbers, evidence one per line, the N/A entry) and
saved again by headless LibreOffice reads back exactly as the form openpyxl saved; and the
blank and filled forms, laid out by LibreOffice as PDF, are A4 landscape pages with the
header people read on every page and no column key where a person reads Vietnamese.

Skipped, saying so, only when LibreOffice (soffice) or poppler is missing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from form_support import COMPACT, KEYS, fill, make_form
from golden_support import REPO, run_cli
from office_support import SOFFICE, convert, resave

CRITERIA = str(COMPACT.parent)
DEPARTMENT = REPO / "criteria" / "department.yaml"


def _officer(lang: str) -> dict[str, dict[str, object]]:
    """What a unit officer picks and types, in the form's language."""
    yes, entry = ("Có", "Không phát sinh") if lang == "vi" else ("Yes", "Not applicable")
    return {
        "1.1": {"value": "Kịp thời", "self_points": 10, "evidence": "KH 12/KH-U9\nQĐ 3/QĐ-U9\n"},
        "1.10": {"value": yes, "self_points": 5},
        "1.2": {"value": 92.5, "self_points": 10},
        "010": {"not_applicable": entry, "reason": "Không có hồ sơ trong năm"},
        "2.1": {"value": 2, "self_points": 5},
        "2.2": {"value": 4.5, "self_points": 8.75},
        "2.3": {"value": 6.25, "self_points": 6.25},
        "9.2": {"value": 1, "self_points": 1},
    }


def _json(path: Path) -> str:
    result = run_cli(["score", str(path), "--criteria", CRITERIA, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_form_saved_again_by_libreoffice_reads_back_the_same(tmp_path: Path, lang: str) -> None:
    form = fill(make_form(tmp_path / "u9.xlsx", lang=lang), _officer(lang))
    resaved = resave(form, tmp_path)
    assert _json(resaved) == _json(form)
    validated = run_cli(["validate", str(resaved), "--criteria", CRITERIA])
    assert validated.exit_code == 0, validated.stderr
    assert validated.stderr == ""  # every criterion answered, no sheet left unread


def test_a_blank_form_saved_again_by_libreoffice_is_still_a_blank_form(tmp_path: Path) -> None:
    resaved = resave(make_form(tmp_path / "u9.xlsx", lang="vi"), tmp_path)
    result = run_cli(["status", str(resaved), "--criteria", CRITERIA, "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    assert ",not_submitted," in result.stdout


def _pdf_or_skip(path: Path, tmp_path: Path) -> list[str]:
    """The pages of `path` laid out by LibreOffice, as text."""
    if SOFFICE is None or not (shutil.which("pdftotext") and shutil.which("pdfinfo")):
        pytest.skip("FORM NOT LAID OUT BY A SPREADSHEET PROGRAM: soffice or poppler is missing")
    (pdf,) = convert([path], tmp_path, "pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info.stdout)
    assert size is not None and float(size[1]) > float(size[2])  # landscape
    assert round(float(size[1])) == 842 and round(float(size[2])) == 595  # A4
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)[1])  # type: ignore[index]
    return [
        subprocess.run(
            ["pdftotext", "-f", str(k), "-l", str(k), str(pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        for k in range(1, pages + 1)
    ]


@pytest.mark.parametrize("filled", [False, True])
def test_the_vietnamese_form_prints_in_words_on_a4_landscape(tmp_path: Path, filled: bool) -> None:
    form = make_form(tmp_path / "so-noi-vu.xlsx", framework=DEPARTMENT, lang="vi")
    if filled:
        fill(form, {"1.1.1": {"value": "Ban hành kịp thời", "self_points": 1, "evidence": "KH 1"}})
    pages = _pdf_or_skip(form, tmp_path)
    assert len(pages) > 1
    for page in pages:
        words = " ".join(page.split())
        assert "Mã tiêu chí" in words and "Tài liệu kiểm chứng" in words  # the header, repeated
        for key in KEYS:  # no column key where a person reads
            assert not re.search(rf"(?<![\w.]){key}(?![\w.])", page), key
    first = " ".join(pages[0].split())
    assert "Phiếu tự đánh giá" in first and "Đơn vị:" in first
    assert ("KH 1" in first) is filled  # the evidence a unit officer typed, where typed


def test_the_english_form_prints_its_english_words(tmp_path: Path) -> None:
    form = make_form(tmp_path / "so-noi-vu.xlsx", framework=DEPARTMENT, lang="en")
    first = " ".join(_pdf_or_skip(form, tmp_path)[0].split())
    assert "Self-assessment form" in first and "Evidence documents" in first
    assert "“Issued on time”" in first
