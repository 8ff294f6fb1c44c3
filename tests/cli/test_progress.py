"""Progress on stderr: the stage of a long run on a terminal, nothing in a pipe or a file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from parindex.cli import common

from province_support import UNITS, run, write_province


def _many_units(root: Path, count: int) -> Path:
    """The small province with its first department copied under `count` ids."""
    first = next(data for data in UNITS.values() if data["unit"]["group"] == "department")
    units = {
        f"d{i:03}": {**first, "unit": {**first["unit"], "id": f"d{i:03}", "name": f"Sở {i}"}}
        for i in range(count)
    }
    return write_province(root, units)


@pytest.fixture
def big(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    _many_units(tmp_path, common.PROGRESS_THRESHOLD + 5)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _terminal(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    """stderr as a terminal: what rich draws there is kept in the returned buffer."""
    screen = io.StringIO()
    plain = common.console

    def console(stderr: bool = False):  # type: ignore[no-untyped-def]
        if stderr:
            return Console(file=screen, force_terminal=True, width=100)
        return plain(stderr)

    monkeypatch.setattr(common, "console", console)
    return screen


def test_a_long_run_on_a_terminal_shows_each_stage(
    big: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen = _terminal(monkeypatch)
    result = run("rank", "units", "-o", "r.csv", "--breakdown", "b.csv")
    assert result.exit_code == 0, result.output
    drawn = screen.getvalue()
    for label in ("Reading", "Scoring", "Writing"):
        assert label in drawn
    assert drawn.index("Reading") < drawn.index("Scoring") < drawn.index("Writing")
    assert (big / "r.csv").read_bytes().count(b"\n") == common.PROGRESS_THRESHOLD + 6


def test_the_stage_labels_are_translated(big: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    screen = _terminal(monkeypatch)
    monkeypatch.setattr(common, "_", lambda text: f"<{text}>")
    assert run("rank", "units", "-o", "r.csv").exit_code == 0
    assert "<Scoring>" in screen.getvalue()


def test_no_progress_when_stderr_is_not_a_terminal(big: Path) -> None:
    result = run("rank", "units", "-o", "r.csv")  # the runner's stderr is a buffer
    assert result.exit_code == 0, result.output
    for label in ("Reading", "Scoring", "Writing"):
        assert label not in result.stderr
        assert label not in result.stdout


def test_no_progress_for_a_few_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _many_units(tmp_path, 3)
    monkeypatch.chdir(tmp_path)
    screen = _terminal(monkeypatch)
    assert run("rank", "units", "-o", "r.csv").exit_code == 0
    assert screen.getvalue() == ""
