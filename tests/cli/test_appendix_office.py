"""The decision appendix laid out by a real word processor: LibreOffice (Debian's
`libreoffice-writer-nogui`, headless) turns the example province's appendix into a PDF, and
poppler's `pdfinfo`/`pdftotext` read its pages back.

Fails when the pages are not the expected number, a unit is on no page, a page has no page
number in its footer, a group does not start on a page of its own, or a page holds a table's
notes without any of its rows. The PDF is kept in the test's temporary directory for a person
to look at. Skipped, saying so, only when `soffice` or poppler is missing.
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from golden_support import EXAMPLE, EXAMPLE_INPUTS, run_cli
from office_support import SOFFICE, convert

DECISION = "Quyết định số 123/QĐ-UBND ngày 15/01/2026"
# departments (17 units) and vertical agencies (5) fit a landscape page each; communes (34)
# take two
EXPECTED_PAGES = 4
GROUP_PAGES = {
    "PHỤ LỤC I": "CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CÁC SỞ, BAN, NGÀNH NĂM 2025",
    "PHỤ LỤC II": "CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CÁC CƠ QUAN NGÀNH DỌC TRÊN ĐỊA BÀN TỈNH NĂM 2025",
    "PHỤ LỤC III": "CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CỦA ỦY BAN NHÂN DÂN CÁC XÃ, PHƯỜNG NĂM 2025",
}


def _tools_or_skip() -> None:
    missing = [
        name
        for name, found in (
            ("soffice (apt-get install -y libreoffice-writer-nogui)", SOFFICE),
            ("pdftotext (apt-get install -y poppler-utils)", shutil.which("pdftotext")),
            ("pdfinfo (apt-get install -y poppler-utils)", shutil.which("pdfinfo")),
        )
        if not found
    ]
    if missing:
        pytest.skip("APPENDIX NOT LAID OUT BY A WORD PROCESSOR: missing " + " and ".join(missing))


def _pages(pdf: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    count = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)[1])  # type: ignore[index]
    return [
        " ".join(
            subprocess.run(
                ["pdftotext", "-f", str(k), "-l", str(k), str(pdf), "-"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.split()
        )
        for k in range(1, count + 1)
    ]


def _roster() -> list[str]:
    with (EXAMPLE / "roster.csv").open(encoding="utf-8-sig", newline="") as f:
        return [row["unit_name"] for row in csv.DictReader(f)]


def test_the_appendix_laid_out_by_libreoffice(tmp_path: Path) -> None:
    _tools_or_skip()
    appendix = tmp_path / "appendix.docx"
    result = run_cli(
        [
            "--lang",
            "vi",
            "report",
            *EXAMPLE_INPUTS,
            "--decision",
            DECISION,
            "-o",
            str(appendix),
        ]
    )
    assert result.exit_code == 0, result.stderr
    (pdf,) = convert([appendix], tmp_path, "pdf")
    pages = _pages(pdf)

    assert len(pages) == EXPECTED_PAGES, [page[:80] for page in pages]
    # every unit of the roster is on a page, and on one page only
    for name in _roster():
        holding = [k for k, page in enumerate(pages, start=1) if f" {name} " in f" {page} "]
        assert len(holding) == 1, (name, holding)
    # the page number in every footer, counting the whole appendix
    for k, page in enumerate(pages, start=1):
        assert f"Trang {k}/{EXPECTED_PAGES}" in page, page[-200:]
    # each group starts on a page of its own, in the frameworks' order, with its decision
    starts = [k for k, page in enumerate(pages, start=1) if page.startswith("PHỤ LỤC")]
    assert starts == [1, 2, 3]
    for (heading, title), k in zip(GROUP_PAGES.items(), starts, strict=True):
        assert pages[k - 1].startswith(f"{heading} {title} (Kèm theo {DECISION})")
    # the notes stay with their table's rows: no page holds the notes alone
    for page in pages:
        if "Chỉ số = Tổng điểm / Điểm tối đa áp dụng × 100" in page:
            assert any(f" {name} " in f" {page} " for name in _roster()), page[:200]
