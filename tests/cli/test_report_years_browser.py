"""The report of several years in a real browser: each group's chart of its units over the
years is drawn (a box, lines in it), and the page says nothing wrong in the console."""

from __future__ import annotations

from pathlib import Path

from test_report_browser import ARGS, CHROMIUM, EXAMPLE, GROUPS, _browser_or_skip

from golden_support import REPO, run_cli

LABEL = "Index of each unit over the years"


def test_years_charts_render_in_chromium(tmp_path: Path) -> None:
    sync_playwright = _browser_or_skip()
    report = tmp_path / "report.html"
    previous = EXAMPLE / "previous"
    result = run_cli(
        [
            "--lang",
            "en",
            "report",
            str(EXAMPLE),
            "--criteria",
            str(REPO / "criteria"),
            "--appraisal",
            str(EXAMPLE / "council" / "appraisal-2025.csv"),
            "--survey",
            str(EXAMPLE / "survey" / "survey-2025.csv"),
            "--previous",
            f"2024={previous / 'ranking-2024.csv'}",
            "--previous",
            f"2023={previous / 'ranking-2023.csv'}",
            "--id-map",
            str(EXAMPLE / "id-map.csv"),
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
                lambda m: problems.append(m.text) if m.type in ("error", "assert") else None,
            )
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.goto(report.as_uri(), wait_until="load")
            charts = page.locator(f'svg[aria-label^="{LABEL}"]')
            assert charts.count() == GROUPS
            for k in range(GROUPS):
                box = charts.nth(k).bounding_box()
                assert box is not None and box["width"] > 300 and box["height"] > 100
                assert charts.nth(k).locator("path").count() > 20  # lines, marks, axes
                charts.nth(k).screenshot(path=str(tmp_path / f"years-{k}.png"))
        finally:
            browser.close()
    assert problems == []
    assert (tmp_path / "years-0.png").stat().st_size > 10_000
