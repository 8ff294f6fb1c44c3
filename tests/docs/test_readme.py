"""The README's two commands: the first ranks the example province inside its folder, the
second is the test command `.ci/run` runs, exactly, in the fresh environment it makes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from province_support import run

REPO = Path(__file__).resolve().parents[2]
README = REPO / "README.md"
TRY = "python3 -m venv .venv && . .venv/bin/activate && python -m pip install -e . && "
TEST = "python -m pip install -e '.[test]' && python -m pytest"


def _commands() -> list[str]:
    """The README's shell commands, one per ```sh block."""
    text = README.read_text(encoding="utf-8")
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", text, re.S)]


def test_the_readme_has_its_two_commands() -> None:
    assert _commands() == [TRY + "cd examples/province-2025 && parindex rank", TEST]


def test_the_first_command_ranks_the_example(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the first command ends with: `parindex rank` in the example's folder, no options."""
    folder = _commands()[0].split(" && cd ")[1].split(" && ")[0]
    monkeypatch.chdir(REPO / folder)
    result = run("--lang", "vi", "rank")
    assert result.exit_code == 0, result.stderr
    assert "Chỉ số cải cách hành chính các sở, ban, ngành năm 2025" in result.stdout
    assert "Sở Nội vụ" in result.stdout and "Xã Bình Minh" in result.stdout


def test_ci_runs_the_second_command_exactly_in_a_fresh_environment() -> None:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    fresh = script.index('python3 -m venv "$venv"')
    entered = script.index('source "$venv/bin/activate"')
    tested = script.index(_commands()[1] + " || exit")  # stops when it fails
    assert fresh < entered < tested
    assert script[-1] == "ruff check . && ruff format --check . && mypy && lint-imports"
