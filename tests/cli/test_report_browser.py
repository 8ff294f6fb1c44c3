"""The report in a real browser: headless Chromium (Debian's package) driven by Playwright.

Fails on a console error, a failed request, a chart with an empty box, a unit missing from
the page, or a print to A4 PDF with fewer pages than groups. Screenshots of the first page and
of one unit are kept in the test's temporary directory for a person to look at.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from golden_support import REPO, run_cli

CHROMIUM = os.environ.get("PARINDEX_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
EXAMPLE = REPO / "examples" / "province-2025"
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


def test_report_renders_and_prints_in_chromium(tmp_path: Path) -> None:
    sync_playwright = _browser_or_skip()
    report = tmp_path / "report.html"
    result = run_cli(
        [
            "report",
            str(EXAMPLE),
            "--criteria",
            str(REPO / "criteria"),
            "--appraisal",
            str(EXAMPLE / "appraisal.csv"),
            "--survey",
            str(EXAMPLE / "survey.csv"),
            "--previous",
            str(EXAMPLE / "previous" / "ranking-2024.csv"),
            "--id-map",
            str(EXAMPLE / "id-map.csv"),
            "--roster",
            str(EXAMPLE / "roster.csv"),
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
            pdf = page.pdf(format="A4", print_background=True)
        finally:
            browser.close()
    (tmp_path / "report.pdf").write_bytes(pdf)
    assert problems == []
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
    # a cover, then at least a page per group and the unit sections after a break
    assert pages >= GROUPS + 2, f"printing gave {pages} pages"
    assert (tmp_path / "first-page.png").stat().st_size > 10_000
    assert (tmp_path / "unit-page.png").stat().st_size > 5_000
