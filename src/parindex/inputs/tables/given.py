"""Files named on the command line, each read once: the same file given again (by the same
path, another path to it, or a copy) would count its rows twice."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Sequence
from pathlib import Path

from parindex.errors import Problem, ProblemLog
from parindex.i18n import _


def each_once(paths: Sequence[str], log: ProblemLog, advice: str) -> list[str]:
    """`paths` without the files given before them, each of those an error in `log` naming
    the first (`advice` says what to do). A file is the same by its place on the disk (any
    path to it) or, for a regular file, by its content; a pipe is never read here (its data
    would be gone), and a file that cannot be read is kept, for its reader to say why."""
    by_place: dict[tuple[int, int], int] = {}
    by_content: dict[str, int] = {}
    kept = []
    for index, path in enumerate(paths):
        try:
            status = os.stat(path)
            place = (status.st_dev, status.st_ino)
            digest = (
                hashlib.sha256(Path(path).read_bytes()).hexdigest()
                if stat.S_ISREG(status.st_mode)
                else f"{place}"
            )
        except (OSError, ValueError):  # ValueError: a NUL in the path
            kept.append(path)
            continue
        first = by_place.setdefault(place, index)
        if first == index:
            first = by_content.setdefault(digest, index)
            message = _("the same content as {first}: its rows would count twice; {advice}")
        else:
            message = _("given twice (first as {first}); {advice}")
        if first == index:
            kept.append(path)
        else:
            log.add(Problem(path, message.format(first=paths[first], advice=advice)))
    return kept
