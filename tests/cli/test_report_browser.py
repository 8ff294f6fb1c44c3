"""The report in a real browser: headless Chromium (Debian's package) driven by Playwright.

Fails on a console error, a failed request, a chart with an empty box, a unit missing from
the page, or a print to A4 PDF with fewer pages than groups; and, read back with poppler's
`pdfinfo`/`pdftotext`, when a ranking is not on A4 landscape pages, a page of a ranking holds
a single unit's row, a unit is missing from the rankings, or a page has no page number.
Screenshots of the first page and of one unit, and the PDF, are kept in the test's temporary
directory for a person to look at.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from golden_support import EXAMPLE, EXAMPLE_INPUTS, run_cli

CHROMIUM = os.environ.get("PARINDEX_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
GROUPS = 3


def _browser_or_skip() -> Any:
    """Playwright's sync API, or a skip that says loudly what is missing and how to get it."""
    missing = []
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing.append("the playwright package (pip install -e '.[test]')")
        sync_playwright = None
    if not os.access(CHROMIUM, os.X_OK):
        missing.append(f"Chromium at {CHROMIUM} (apt-get install -y chromium)")
    if missing:
        pytest.skip(
            "BROWSER TEST NOT RUN: the report was not checked in a browser; missing "
            + " and ".join(missing)
        )
    return sync_playwright


def _unit_ids() -> list[str]:
    lines = (EXAMPLE / "roster.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    return [line.split(",")[0] for line in lines]


def _unit_names() -> list[str]:
    with (EXAMPLE / "roster.csv").open(encoding="utf-8-sig", newline="") as f:
        return [row["unit_name"] for row in csv.DictReader(f)]


def _pdf_pages(pdf: Path) -> list[tuple[bool, str]]:
    """(landscape, its text with spaces normalised) of each page, by poppler."""
    info = subprocess.run(
        ["pdfinfo", "-l", "100000", str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, re.MULTILINE)
    pages = []
    for k, (width, height) in enumerate(sizes, start=1):
        text = subprocess.run(
            ["pdftotext", "-f", str(k), "-l", str(k), str(pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        pages.append((float(width) > float(height), " ".join(text.split())))
    return pages


def _check_printed_pages(pdf: Path) -> None:
    """The rankings on A4 landscape pages, each page of a ranking with at least two units'
    rows, every unit in the rankings once, and every page numbered in its footer."""
    pages = _pdf_pages(pdf)
    count = len(pages)
    assert not pages[0][0], "the cover is printed in landscape"
    landscape = [k for k, (wide, _text) in enumerate(pages, start=1) if wide]
    assert len(landscape) >= GROUPS, landscape
    names = _unit_names()
    for name in names:
        holding = [k for k in landscape if f" {name} " in f" {pages[k - 1][1]} "]
        assert len(holding) == 1, f"{name} is in the rankings on pages {holding}"
    for k in landscape:
        rows = sum(1 for name in names if f" {name} " in f" {pages[k - 1][1]} ")
        assert rows >= 2, f"page {k} holds {rows} ranking row(s)"
    units = next(k for k, (_wide, text) in enumerate(pages, start=1) if "Từng đơn vị" in text[:40])
    assert all(not wide for wide, _text in pages[units - 1 :]), "a unit page in landscape"
    for k, (_wide, text) in enumerate(pages, start=1):
        assert f"{k} / {count}" in text, f"page {k} has no page number"


def test_report_renders_and_prints_in_chromium(tmp_path: Path) -> None:
    sync_playwright = _browser_or_skip()
    report = tmp_path / "report.html"
    result = run_cli(
        [
            "--lang",
            "vi",
            "report",
            *EXAMPLE_INPUTS,
            "-o",
            str(report),
        ]
    )
    assert result.exit_code == 0, result.stderr
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 1400})
            page.on(
                "console",
                lambda m: (
                    problems.append(f"console {m.type}: {m.text}")
                    if m.type in ("error", "assert")
                    else None
                ),
            )
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            page.on(
                "requestfailed",
                lambda r: problems.append(f"request failed: {r.url} {r.failure}"),
            )
            page.on(
                "request",
                lambda r: (
                    None
                    if r.url == report.as_uri()
                    else problems.append(f"unexpected request: {r.url}")
                ),
            )
            page.goto(report.as_uri(), wait_until="load")
            page.screenshot(path=str(tmp_path / "first-page.png"))

            boxes = page.eval_on_selector_all(
                "svg",
                "els => els.map(e => { const r = e.getBoundingClientRect();"
                " return [e.getAttribute('aria-label'), r.width, r.height,"
                " e.querySelectorAll('path, use').length]; })",
            )
            assert len(boxes) >= GROUPS * 2 + len(_unit_ids())
            for label, width, height, marks in boxes:
                assert width > 50 and height > 50, f"chart {label!r} has an empty box"
                assert marks > 0, f"chart {label!r} draws nothing"

            for unit_id in _unit_ids():
                box = page.evaluate(
                    "id => { const e = document.getElementById(id);"
                    " if (!e) return null; const r = e.getBoundingClientRect();"
                    " return [r.width, r.height, e.querySelectorAll('svg').length]; }",
                    unit_id,
                )
                assert box is not None, f"unit {unit_id} missing from the page"
                assert box[0] > 0 and box[1] > 0, f"unit {unit_id} is not shown"
                assert box[2] == 1, f"unit {unit_id} has no chart"

            unit = page.locator('[id="so-noi-vu"]')
            unit.scroll_into_view_if_needed()
            unit.screenshot(path=str(tmp_path / "unit-page.png"))

            page.emulate_media(media="print")
            # the page sizes the report's CSS asks for (A4, landscape for the rankings)
            pdf = page.pdf(prefer_css_page_size=True, print_background=True)
        finally:
            browser.close()
    (tmp_path / "report.pdf").write_bytes(pdf)
    assert problems == []
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
    # a cover, then at least a page per group and the unit sections after a break
    assert pages >= GROUPS + 2, f"printing gave {pages} pages"
    assert (tmp_path / "first-page.png").stat().st_size > 10_000
    assert (tmp_path / "unit-page.png").stat().st_size > 5_000
    if not (shutil.which("pdfinfo") and shutil.which("pdftotext")):
        pytest.skip(
            "PRINTED PAGES NOT READ BACK: poppler's pdfinfo/pdftotext are missing "
            "(apt-get install -y poppler-utils)"
        )
    _check_printed_pages(tmp_path / "report.pdf")
