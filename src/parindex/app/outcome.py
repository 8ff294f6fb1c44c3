"""What a use case gives back to the cli: the files to write, the views to draw, the text for
stdout, the lines for stderr and the exit code. The cli's `deliver` does the rest, always in
one order: warnings, a new folder (`init`), files (every one checked, then all written or
none), notes, views, stdout, exit code.

Plain classes with slots, like the requests and the views: every run defines them, and a
dataclass or a named tuple costs about a million instructions to define (its methods are
generated at import), against a few thousand for a class written out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
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


class OutputFile:
    """One file to write. `refuse_existing` is the message when `target` already exists and
    must not be written over (a form someone may have filled in); None: an existing file is
    replaced."""

    __slots__ = ("data", "refuse_existing", "target")

    def __init__(self, target: str, data: bytes, refuse_existing: str | None = None) -> None:
        self.target = target
        self.data = data
        self.refuse_existing = refuse_existing


class NewFolder:
    """A folder made whole (`init`): `path` must not exist or be empty; `folders` (paths
    inside it, empty ones included) and `files` (each `target` a path inside it) appear in
    it at once, or nothing does."""

    __slots__ = ("files", "folders", "path")

    def __init__(self, path: str, folders: list[str], files: list[OutputFile]) -> None:
        self.path = path
        self.folders = folders
        self.files = files


class Outcome:
    """What a command produced.

    - `files`: written whole or none of them, never over a file of `guard` (the inputs);
    - `folder`: a new folder and everything in it, made at once (before `files`);
    - `views`: drawn on stdout by the cli, in order;
    - `stdout`: printed as it is (a CSV or JSON document, a schema, a form);
    - `warnings`: lines on stderr before anything else;
    - `notes`: lines on stderr once the files are written;
    - `exit_code`: what the run returns when nothing failed on the way out.
    """

    __slots__ = (
        "exit_code",
        "files",
        "folder",
        "guard",
        "notes",
        "stdout",
        "views",
        "warnings",
    )

    def __init__(
        self,
        *,
        files: list[OutputFile] | None = None,
        guard: list[str] | None = None,
        views: list[View] | None = None,
        stdout: str = "",
        warnings: list[str] | None = None,
        notes: list[str] | None = None,
        exit_code: int = 0,
        folder: NewFolder | None = None,
    ) -> None:
        self.files = files or []
        self.folder = folder
        self.guard = guard or []
        self.views = views or []
        self.stdout = stdout
        self.warnings = warnings or []
        self.notes = notes or []
        self.exit_code = exit_code


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
