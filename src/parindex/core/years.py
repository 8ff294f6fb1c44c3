"""A unit's standing in earlier years (`--previous YEAR=FILE`, repeatable), followed through
the id map when units were renamed or merged. Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from parindex.core.results import PreviousEntry

# An earlier year's ranking: its year (None when no framework gave this year's) and its units
# by id.
YearRanking = tuple[int | None, Mapping[str, PreviousEntry]]


@dataclass(frozen=True, slots=True)
class YearPoint:
    """A unit's rank and index in one earlier year."""

    year: int | None
    rank: int | None
    index: Decimal | None


def predecessors(
    unit_id: str, entries: Mapping[str, object], id_map: Mapping[str, list[str]] | None
) -> list[str]:
    """The ids under which `unit_id` stands in one earlier ranking: the old ids the id map
    gives it that the ranking holds (several when it was formed from them), else its own id
    when the ranking holds it, else none."""
    olds = [old for old in (id_map or {}).get(unit_id, ()) if old in entries]
    if olds:
        return olds
    return [unit_id] if unit_id in entries else []


def unit_years(
    unit_id: str, earlier: Sequence[YearRanking], id_map: Mapping[str, list[str]] | None
) -> tuple[YearPoint, ...]:
    """The unit's rank and index in each earlier year, oldest first; a year in which it
    stands under no single id (absent, or formed from several units) is left out."""
    points = []
    for year, entries in sorted(earlier, key=lambda pair: pair[0] or 0):
        ids = predecessors(unit_id, entries, id_map)
        if len(ids) == 1:
            entry = entries[ids[0]]
            points.append(YearPoint(year, entry.rank, entry.index))
    return tuple(points)


def latest(earlier: Sequence[YearRanking]) -> YearRanking | None:
    """The most recent of the earlier rankings (it gives this year's changes)."""
    return max(earlier, key=lambda pair: pair[0] or 0) if earlier else None
