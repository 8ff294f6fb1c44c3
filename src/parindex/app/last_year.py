"""`init --from`: what last year's folder hands to the new year — its year, its roster, its
frameworks, its ranking and the earlier ones it named, and where its units' forms are."""

from __future__ import annotations

import os
from pathlib import Path

from parindex.errors import InputError, Problem, ProblemLog
from parindex.i18n import _
from parindex.inputs.settings import FILE_NAME, read_settings
from parindex.inputs.toml_lines import KeyLines

RANKINGS = (".csv", ".xlsx", ".json")  # the ranking files `rank -o` writes, the CSV first


class LastYear:
    """A year's folder, read from its settings: `year`; `roster` and `criteria` (None when not
    set); `units` (the forms' paths); `previous` the rankings of earlier years that exist,
    (year, path) pairs, its own ranking first."""

    __slots__ = ("criteria", "folder", "previous", "roster", "units", "year")

    def __init__(
        self,
        folder: str,
        year: int,
        roster: str | None,
        criteria: str | None,
        units: tuple[str, ...],
        previous: list[tuple[int, str]],
    ) -> None:
        self.folder = folder
        self.year = year
        self.roster = roster
        self.criteria = criteria
        self.units = units
        self.previous = previous


def read_last_year(folder: str, year: int, log: ProblemLog) -> LastYear | None:
    """The year's folder `folder` (--from) as the new `year` takes it over; None (and its
    problems in `log`) when it is no year's folder, its settings are wrong, its year is not
    before `year`, or its roster or frameworks are gone."""
    path = os.path.join(folder, FILE_NAME)
    if not os.path.isfile(path):
        log.add(
            Problem(
                folder,
                _(
                    "not a year's folder: there is no {file} in it (--from takes the folder "
                    "that parindex init made for an earlier year)"
                ).format(file=FILE_NAME),
            )
        )
        return None
    try:
        settings = read_settings(path)
    except InputError as exc:
        log.extend(exc.problems)
        return None
    earlier = settings.year
    if earlier is None or earlier >= year:
        message = (
            _("not set; the year of the folder --from names is needed to carry its ranking over")
            if earlier is None
            else _("{earlier} is not before the new year {year}; --from takes an earlier year")
        )
        log.add(_at(path, "year", message.format(earlier=earlier, year=year)))
        return None
    gone = [p for key in ("roster", "criteria") for p in settings.missing.get(key, [])]
    if gone:
        log.extend(gone)
        return None
    units = settings.values.get("units", ())
    forms = tuple(u for u in units if isinstance(u, str)) if isinstance(units, tuple) else ()
    previous = [(earlier, ranking)] if (ranking := _ranking(folder, earlier)) else []
    previous += [(when, file) for when, file in settings.previous if os.path.exists(file)]
    return LastYear(
        folder,
        earlier,
        settings.text("roster"),
        settings.text("criteria"),
        forms,
        sorted(previous, reverse=True),
    )


def _ranking(folder: str, year: int) -> str | None:
    """The year's own ranking in its `results/` folder, as `rank -o` wrote it, if any."""
    for suffix in RANKINGS:
        candidate = os.path.join(folder, "results", f"ranking-{year}{suffix}")
        if os.path.isfile(candidate):
            return candidate
    return None


def _at(path: str, key: str, message: str) -> Problem:
    """A problem of the settings file `path` at the line of `key`."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        text = ""
    return Problem(path, message, row=KeyLines(text).line_of((key,)), table_column=key)
