"""Files named on the command line, each read once: the same file given again (by the same
path, another path to it, or a copy) would count its rows twice."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from parindex.errors import Problem, ProblemLog
from parindex.i18n import _


def each_once(paths: Sequence[str], log: ProblemLog, advice: str) -> list[str]:
    """`paths` without the files given before them, each of those an error in `log` naming
    the first (`advice` says what to do); a file that cannot be read is kept, for its reader
    to say why."""
    by_place: dict[str, int] = {}
    by_content: dict[str, int] = {}
    kept = []
    for index, path in enumerate(paths):
        try:
            place = str(Path(path).resolve())
            digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except (OSError, RuntimeError):  # RuntimeError: a symbolic link loop (Python < 3.13)
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
