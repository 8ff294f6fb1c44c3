"""The earlier rankings of a run (`--previous [YEAR=]FILE`, repeatable): each placed in its
year, read and checked. The latest gives this year's changes; all of them give each unit's
index over the years."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from parindex.app.requests import Earlier
from parindex.core.results import PreviousEntry, Ranking
from parindex.core.years import YearPoint, YearRanking, latest, unit_years
from parindex.errors import ParindexError, Problem, ProblemLog, shown
from parindex.i18n import _
from parindex.inputs.documents.loading import LoadedFramework
from parindex.inputs.tables.history import load_previous


@dataclass(slots=True)
class History:
    """The earlier rankings read, oldest first, and their files."""

    rankings: list[YearRanking] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    @property
    def latest(self) -> dict[str, PreviousEntry] | None:
        """The most recent ranking's units by id (None without --previous)."""
        found = latest(self.rankings)
        return dict(found[1]) if found is not None else None

    @property
    def ids(self) -> set[str]:
        """Every unit id of every earlier ranking (what an id map's old ids may name)."""
        return {unit_id for _year, entries in self.rankings for unit_id in entries}

    def years(
        self, rankings: Iterable[Ranking], id_map: dict[str, list[str]] | None
    ) -> dict[str, tuple[YearPoint, ...]]:
        """Each ranked unit's rank and index in the earlier years, oldest first."""
        return {
            unit.result.unit_id: unit_years(unit.result.unit_id, self.rankings, id_map)
            for ranking in rankings
            for unit in ranking.units
        }


def this_year(frameworks: Iterable[LoadedFramework]) -> int | None:
    """The year of the run: the frameworks' (the latest, should they differ)."""
    return max((f.framework.year for f in frameworks if f.framework.year), default=None)


def placed(
    previous: Sequence[Earlier], year: int | None, log: ProblemLog
) -> list[tuple[int | None, str]]:
    """Each earlier ranking with its year, oldest first: a file given without one is the year
    before `year`. Two files of one year, a year after `year`, or a file without a year among
    dated ones (when no framework gives a year) are errors; a ranking of `year` itself is a
    warning in `log` (a new year's folder still holding last year's frameworks)."""
    years: dict[int | None, str] = {}
    named: dict[int | None, str] = {}  # each file as the messages name it
    for given, path in previous:
        when = given if given is not None else (year - 1 if year is not None else None)
        name = path
        if given is None and when is not None:
            name = _("{file} (given without a year: the year before {year})").format(
                file=path, year=year
            )
        if when in years:
            raise ParindexError(
                shown(
                    _("two earlier rankings for {year}: {first} and {second}").format(
                        year=when, first=named[when], second=name
                    )
                )
            )
        if when is not None and year is not None and when > year:
            raise ParindexError(
                shown(
                    _(
                        "the earlier ranking {file} is given for {when}, which is not before "
                        "this year ({year}, the frameworks' year)"
                    ).format(file=name, when=when, year=year)
                )
            )
        if when is not None and when == year:  # last year's frameworks, in a new year's folder
            message = _(
                "given for {when}, the year of the frameworks too: if this year's frameworks "
                "are not in place yet, the changes are counted against {when} all the same"
            )
            log.add(Problem(path, message.format(when=when), severity="warning"))
        years[when] = path
        named[when] = name
    if None in years and len(years) > 1:
        raise ParindexError(
            shown(
                _(
                    "{file} is given without a year and the frameworks give none, so it "
                    "cannot be placed among the other years: write --previous YEAR=FILE"
                ).format(file=years[None])
            )
        )
    return sorted(years.items(), key=lambda pair: pair[0] or 0)


def read_history(
    previous: Sequence[Earlier], frameworks: Iterable[LoadedFramework], log: ProblemLog
) -> History:
    """The earlier rankings of `previous`, each in its year and read (their problems go to
    `log`)."""
    history = History()
    for year, path in placed(previous, this_year(frameworks), log):
        history.rankings.append((year, load_previous(path, log)))
        history.files.append(path)
    return history
