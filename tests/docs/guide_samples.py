"""The user guide's samples: every ```console block of docs/huong-dan.md holds commands (`$ …`)
and what they print, run in order in a copy of the example province as a person would type
them there. `run_guide` makes the page again from the commands; the test compares it with the
page (`--update-golden` writes it).

A command is `parindex ARGS` (run in this process, in Vietnamese, 120 columns wide), `python
SCRIPT ARGS` (the example's scripts, run by this interpreter) or `cd DIR`, after settings of
the environment (`COLUMNS=160 parindex …`); a trailing `2>&1 | head -N`, `2>&1 | tail -N` or
`2>&1 | grep -E PATTERN` keeps what the shell would of what it prints. A pipe carries only
what a command prints on stdout, and parindex's notes, warnings and "written" lines go to
stderr: without `2>&1` a person typing the command would see those lines unfiltered, not
what the page shows, so a pipe without it is refused."""

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
ENV = {"PARINDEX_LANG": "vi", "COLUMNS": "120", "NO_COLOR": "1", "TERM": "dumb"}
BLOCK = re.compile(r"^```console\n(.*?)^```$", re.M | re.S)
PIPE = re.compile(r"\s*\|\s*(head|tail) -(\d+)$|\s*\|\s*grep -E (.+)$")
BOTH = "2>&1"  # the shell's words for stderr into the pipe with stdout
SETTING = re.compile(r"[A-Z_]+=\S*$")


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
        """What `command` prints, each line without its trailing spaces."""
        pipe = PIPE.search(command)
        words = shlex.split(command[: pipe.start()] if pipe else command)
        if pipe:
            assert words[-1] == BOTH, f"a pipe keeps only stdout; write {BOTH} before it: {command}"
            words.pop()
        env = dict(ENV)
        while SETTING.match(words[0]):
            name, _equals, value = words.pop(0).partition("=")
            env[name] = value
        if words[0] == "cd":
            self.cwd = (self.cwd / words[1]).resolve()
            return ""
        lines = self._printed(words, env, command).splitlines()
        if pipe and pipe.group(1) == "head":
            lines = lines[: int(pipe.group(2))]
        elif pipe and pipe.group(1) == "tail":
            lines = lines[-int(pipe.group(2)) :]
        elif pipe:
            pattern = re.compile(shlex.split(pipe.group(3))[0])
            lines = [line for line in lines if pattern.search(line)]
        return "".join(line.rstrip(" ") + "\n" for line in lines)

    def _printed(self, words: list[str], env: dict[str, str], command: str) -> str:
        if words[0] == "parindex":
            with _inside(self.cwd):
                result = CliRunner().invoke(
                    main, words[1:], env=env, prog_name="parindex", catch_exceptions=False
                )
            return result.output
        if words[0] == "python":
            done = subprocess.run(
                [sys.executable, *words[1:]],
                cwd=self.cwd,
                env={**os.environ, **env},
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                check=False,
            )
            return done.stdout
        raise AssertionError(f"the guide runs parindex, python and cd only: {command}")


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
