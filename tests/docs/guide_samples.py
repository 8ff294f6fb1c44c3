"""The user guide's samples: every ```console block of docs/huong-dan.md holds commands (`$ …`)
and what they print, run in order in a copy of the example province as a person would type
them there. `run_guide` makes the page again from the commands; the test compares it with the
page (`--update-golden` writes it).

A command is `parindex ARGS` (run in this process, in Vietnamese, 100 columns wide), `python
SCRIPT ARGS` (the example's scripts, run by this interpreter) or `cd DIR`; a trailing
`| head -N` keeps the first N lines of what it prints, as the shell would."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from click.testing import CliRunner

from parindex.cli import main

REPO = Path(__file__).resolve().parents[2]
GUIDE = REPO / "docs" / "huong-dan.md"
EXAMPLE = REPO / "examples" / "province-2025"
ENV = {"PARINDEX_LANG": "vi", "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
BLOCK = re.compile(r"^```console\n(.*?)^```$", re.M | re.S)
HEAD = re.compile(r"\s*\|\s*head -(\d+)$")


@contextmanager
def _inside(folder: Path) -> Iterator[None]:
    before = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


class Session:
    """The guide's commands run one after another from the example's copy, `cwd` moving with
    each `cd` as a shell's would."""

    def __init__(self, folder: Path) -> None:
        self.cwd = folder

    def run(self, command: str) -> str:
        """What `command` prints, its last line ending with a newline (or nothing)."""
        head = HEAD.search(command)
        words = shlex.split(command[: head.start()] if head else command)
        if words[0] == "cd":
            self.cwd = (self.cwd / words[1]).resolve()
            return ""
        if words[0] == "parindex":
            with _inside(self.cwd):
                result = CliRunner().invoke(main, words[1:], env=ENV, catch_exceptions=False)
            printed = result.output
        elif words[0] == "python":
            done = subprocess.run(
                [sys.executable, *words[1:]],
                cwd=self.cwd,
                env={**os.environ, **ENV},
                capture_output=True,
                text=True,
                check=False,
            )
            printed = done.stdout + done.stderr
        else:
            raise AssertionError(f"the guide runs parindex, python and cd only: {command}")
        lines = printed.splitlines()
        if head:
            lines = lines[: int(head.group(1))]
        return "".join(f"{line}\n".replace(" \n", "\n").rstrip(" ") for line in lines)


def _block(session: Session, body: str) -> str:
    """The block made again: each `$ ` command, then what it prints now."""
    made = []
    for line in body.splitlines():
        if line.startswith("$ "):
            made.append(line + "\n")
            made.append(session.run(line[2:]))
    return "".join(made)


def run_guide(page: str, folder: Path) -> str:
    """The page with every console block's output made again in `folder` (a copy of the
    example province, whose name the commands may print)."""
    session = Session(folder)
    return BLOCK.sub(lambda m: f"```console\n{_block(session, m.group(1))}```", page)
