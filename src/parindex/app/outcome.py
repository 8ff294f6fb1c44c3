"""What a use case gives back to the cli: the files to write, the views to draw, the text for
stdout, the lines for stderr and the exit code. The cli's `deliver` does the rest, always in
one order: warnings, files (every one checked, then all written or none), notes, views,
stdout, exit code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from parindex.errors import ParindexError

if TYPE_CHECKING:
    from parindex.app.views import View

# What a long run reports as it goes: the stage ("reading", "scoring", "writing"), how many
# items are done, and of how many (None while unknown).
Progress = Callable[[str, int, int | None], None]
# Given a way to count the files a run reads, how to report its progress (None: not at all);
# the cli counts them only when a bar could be shown. A use case calls it at most once.
Watch = Callable[[Callable[[], int]], Progress | None]


@dataclass(frozen=True, slots=True)
class OutputFile:
    """One file to write. `refuse_existing` is the message when `target` already exists and
    must not be written over (a form someone may have filled in); None: an existing file is
    replaced."""

    target: str
    data: bytes
    refuse_existing: str | None = None


@dataclass(slots=True)
class Outcome:
    """What a command produced.

    - `files`: written whole or none of them, never over a file of `guard` (the inputs);
    - `views`: drawn on stdout by the cli, in order;
    - `stdout`: printed as it is (a CSV or JSON document, a schema, a form);
    - `warnings`: lines on stderr before anything else;
    - `notes`: lines on stderr once the files are written;
    - `exit_code`: what the run returns when nothing failed on the way out.
    """

    files: list[OutputFile] = field(default_factory=list)
    guard: list[str] = field(default_factory=list)
    views: list[View] = field(default_factory=list)
    stdout: str = ""
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    exit_code: int = 0


@contextmanager
def said_first(lines: Sequence[str]) -> Iterator[None]:
    """A ParindexError raised inside carries `lines` (the run's warnings so far), which the
    cli prints before the error: a run that fails while making its outputs still says what it
    found in its inputs."""
    try:
        yield
    except ParindexError as exc:
        exc.preceding = (*lines, *exc.preceding)
        raise
