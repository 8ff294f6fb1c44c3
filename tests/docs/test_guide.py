"""The user guide shows what parindex prints today: its samples, run again in a copy of the
example province, are what the page says (`pytest --update-golden` writes them)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from guide_samples import BLOCK, EXAMPLE, GUIDE, REPO, run_guide


def test_the_guide_s_samples_are_what_parindex_prints(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    # the example's copy beside a copy of the shipped frameworks, as the repository holds them
    shutil.copytree(REPO / "criteria", tmp_path / "criteria")
    folder = tmp_path / "examples" / EXAMPLE.name
    shutil.copytree(EXAMPLE, folder)
    page = GUIDE.read_text(encoding="utf-8")
    made = run_guide(page, folder)
    if request.config.getoption("--update-golden"):
        GUIDE.write_text(made, encoding="utf-8")
        return
    assert page == made, "docs/huong-dan.md's samples are stale: pytest --update-golden"


def test_the_guide_shows_the_whole_year() -> None:
    """Every stage of the year has a sample, in the order the year runs."""
    commands = [
        line[2:].split()[1]
        for block in BLOCK.findall(GUIDE.read_text(encoding="utf-8"))
        for line in block.splitlines()
        if line.startswith("$ parindex ")
    ]
    stages = ["status", "validate", "survey", "worksheet", "notice", "rank", "report"]
    seen = [c for c in commands if c in stages]
    assert sorted(set(seen), key=seen.index) == stages
