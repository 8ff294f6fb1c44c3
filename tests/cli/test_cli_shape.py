"""The shape every command shares, held: the command list agrees with the commands, every
request has its use case, cli functions stay small, imports sit at the top of their modules
but for the few lazy ones named here, and one handler ends a run."""

from __future__ import annotations

import ast
import importlib
import inspect
import typing
from pathlib import Path

import click
import pytest

from parindex import app
from parindex.app.outcome import Outcome
from parindex.cli.commands import COMMANDS
from parindex.cli.streams import OutputFailed
from parindex.errors import OutputError

SRC = Path(__file__).resolve().parents[2] / "src" / "parindex"
CLI_FUNCTION_LINES = 40
# (module, function, what it imports): the lazy imports kept, each for something heavy
LAZY = {
    ("cli/common.py", "console", "parindex.outputs.terminal.views"),  # rich's tables, the models
    ("cli/common.py", "watch", "rich.progress"),  # a progress bar's own module
    ("cli/deliver.py", "deliver", "parindex.cli.views"),  # every rich view
    ("cli/views.py", "draw_survey", "parindex.outputs.terminal.survey_views"),  # its models
    ("cli/views.py", "draw_sensitivity", "parindex.outputs.terminal.sensitivity_views"),  # numpy
    ("app/unit.py", "score", "parindex.outputs.formats"),  # the file writers, for a file only
    ("app/report.py", "report_file", "parindex.outputs.report.html"),  # matplotlib, Jinja2
    ("app/report.py", "report_file", "parindex.outputs.report.docx"),  # python-docx
}


def _functions(path: Path) -> list[ast.FunctionDef]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)]


def _sources(*rooms: str) -> list[Path]:
    return sorted(path for room in rooms for path in (SRC / room).rglob("*.py"))


@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_command_list_agrees_with_each_command(name: str) -> None:
    entry = COMMANDS[name]
    command = getattr(importlib.import_module(f"parindex.cli.{entry.module}"), name)
    assert isinstance(command, click.Command)
    assert command.name == name
    assert command.__dict__.get("_help_source", command.help) == entry.help


def test_every_request_has_a_use_case_that_takes_it() -> None:
    requests = typing.get_args(app.Request)
    assert set(app.USE_CASES) == set(requests)
    for kind in requests:
        use_case = app.use_case(kind)
        hints = typing.get_type_hints(use_case)
        assert hints["request"] is kind, use_case
        assert hints["return"] is Outcome, use_case
        assert list(inspect.signature(use_case).parameters) == ["request", "watch"]


def test_no_cli_function_is_long() -> None:
    for path in _sources("cli"):
        for function in _functions(path):
            start = min([d.lineno for d in function.decorator_list] + [function.lineno])
            lines = (function.end_lineno or 0) - start + 1
            assert lines <= CLI_FUNCTION_LINES, f"{path.name}: {function.name} has {lines} lines"


def test_imports_sit_at_the_top_but_for_the_heavy_ones() -> None:
    found = set()
    for path in _sources("cli", "app"):
        for function in _functions(path):
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom):
                    module = node.module or ""
                elif isinstance(node, ast.Import):
                    module = node.names[0].name
                else:
                    continue
                found.add((str(path.relative_to(SRC)), function.name, module))
    assert found == LAZY


def test_one_handler_ends_a_run() -> None:
    """No SystemExit is raised in the cli or the app but the one that turns SIGTERM into a
    clean exit; every error is a ParindexError, stdout's failures included."""
    raised = [
        (path.name, function.name)
        for path in _sources("cli", "app")
        for function in _functions(path)
        for node in ast.walk(function)
        if isinstance(node, ast.Raise) and "SystemExit" in ast.unparse(node)
    ]
    assert raised == [("streams.py", "_terminate")]
    assert issubclass(OutputFailed, OutputError)
