"""Golden files: whole outputs compared byte for byte with tests/golden/<name>.

Run `pytest --update-golden` to rewrite them after an intended change, then review the diff.
"""

from __future__ import annotations

import difflib
import functools
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

GOLDEN_DIR = Path(__file__).parent / "golden"
UPDATE_OPTION = "--update-golden"


class Golden:
    """Compares a text with its golden file, or rewrites the file with --update-golden."""

    def __init__(self, directory: Path, update: bool) -> None:
        self.directory = directory
        self.update = update

    def __call__(self, name: str, text: str) -> None:
        path = self.directory / name
        data = text.encode("utf-8")
        if self.update:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists() or path.read_bytes() != data:
                path.write_bytes(data)
            return
        if not path.exists():
            pytest.fail(
                f"golden file {path} does not exist; run pytest {UPDATE_OPTION} to create it",
                pytrace=False,
            )
        expected = path.read_bytes()
        if expected == data:
            return
        diff = "".join(
            difflib.unified_diff(
                expected.decode("utf-8", "replace").splitlines(keepends=True),
                text.splitlines(keepends=True),
                fromfile=f"golden/{name}",
                tofile="actual",
            )
        )
        pytest.fail(
            f"output differs from golden/{name} (pytest {UPDATE_OPTION} rewrites it "
            f"after an intended change):\n{diff or '(differs in bytes only)'}",
            pytrace=False,
        )


def add_golden_option(parser: pytest.Parser) -> None:
    parser.addoption(
        UPDATE_OPTION,
        action="store_true",
        default=False,
        help="Rewrite tests/golden/* from the current output instead of comparing.",
    )


def make_golden(config: pytest.Config) -> Golden:
    return Golden(GOLDEN_DIR, bool(config.getoption(UPDATE_OPTION)))


# --- running the CLI the way the tests of every command do ---------------------------------

REPO = Path(__file__).resolve().parents[1]
CRITERIA = REPO / "criteria"
SHIPPED_FRAMEWORKS = ("department", "commune", "vertical-agency")
EXAMPLE = REPO / "examples" / "province-2025"
# The example province's year, named option by option (as its parindex.toml names it), for
# runs from anywhere with --no-config alike.
EXAMPLE_INPUTS = [
    str(EXAMPLE),
    "--criteria",
    str(CRITERIA),
    "--appraisal",
    str(EXAMPLE / "council" / "appraisal-2025.csv"),
    "--survey",
    str(EXAMPLE / "survey" / "survey-2025.csv"),
    "--previous",
    str(EXAMPLE / "previous" / "ranking-2024.csv"),
    "--id-map",
    str(EXAMPLE / "id-map.csv"),
    "--roster",
    str(EXAMPLE / "roster.csv"),
]

# A pinned, colourless, non-interactive terminal, so rich output is the same everywhere. The
# tests read messages in English, the source language, unless they ask for another (the
# default language, vi, is pinned by tests that pass `PARINDEX_LANG=None` or `--lang vi`).
CLI_ENV: dict[str, str | None] = {
    "COLUMNS": "120",
    "LINES": "50",
    "NO_COLOR": "1",
    "TERM": "dumb",
    "PARINDEX_LANG": "en",
    "FORCE_COLOR": None,
    "TTY_COMPATIBLE": None,
    "TTY_INTERACTIVE": None,
    "CLICOLOR_FORCE": None,
}


def run_cli(args: list[str], env: dict[str, str | None] | None = None) -> Result:
    """Invoke `parindex ARGS` in-process; bugs raise instead of hiding behind exit code 1."""
    from parindex.cli import main

    runner = CliRunner()
    return runner.invoke(
        main, args, env={**CLI_ENV, **(env or {})}, catch_exceptions=False, prog_name="parindex"
    )


@functools.cache
def load_yaml_as_text(path: Path) -> Any:
    """A YAML file with every scalar kept as text (ids such as "1.10" stay as written).

    An independent reading of shipped files, to check parindex's output against; libyaml's
    C loader when present, because the pure-Python one takes a second per framework.
    """
    loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


def load_yaml(text: str) -> Any:
    """Safe YAML loading, with libyaml when present."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@functools.cache
def framework_problems(name: str) -> str:
    """'' when criteria/<name>.yaml validates on its own, else what `validate` said."""
    with tempfile.TemporaryDirectory() as empty:
        result = run_cli(["validate", "--criteria", empty, str(CRITERIA / f"{name}.yaml")])
    return "" if result.exit_code == 0 else result.stderr.strip() or result.stdout.strip()


def require_valid_framework(name: str) -> str:
    """The path of a shipped framework; skip the test (saying why) while it does not validate."""
    problems = framework_problems(name)
    if problems:
        pytest.skip(
            f"criteria/{name}.yaml does not validate yet, so its output is not "
            f"pinned: {problems[:400]}"
        )
    return f"criteria/{name}.yaml"
