"""Unit results → rankings per framework: rounded indices, competition ranks, bands, history;
and a group ranked on one field."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TypeVar

from parindex.core.numbers import round_half_up
from parindex.core.results import FieldPlace, History, RankedUnit, Ranking, Total, UnitResult

T = TypeVar("T")


def rank_units(
    results: Iterable[UnitResult],
    previous: Mapping[str, tuple[int | None, Decimal | None]] | None = None,
    id_map: Mapping[str, list[str]] | None = None,
) -> list[Ranking]:
    """One ranking per framework, sorted by framework id; units by rank then unit id.

    Ranks are competition ranks (1, 2, 2, 4) on the index rounded to the framework's
    precision, or under `ties: exact` on the exact index (those sharing a published index but
    not a rank are listed in `Ranking.shared`). Units that did not submit come after every
    unit that did.
    """
    by_framework: dict[str, list[UnitResult]] = {}
    for result in results:
        by_framework.setdefault(result.framework.framework, []).append(result)
    rankings = []
    for framework_id in sorted(by_framework):
        members = by_framework[framework_id]
        framework = members[0].framework
        exact = framework.ties == "exact"
        rounded = {id(r): round_half_up(r.index, framework.precision) for r in members}
        keys = {id(r): (r.submitted, r.index if exact else rounded[id(r)]) for r in members}
        ordered = sorted(members, key=lambda r: (not r.submitted, -keys[id(r)][1], r.unit_id))
        ranks = competition_ranks([keys[id(r)] for r in ordered])
        counts = Counter(ranks)
        units = []
        for result, rank in zip(ordered, ranks, strict=True):
            index = rounded[id(result)]
            band = framework.band_for(index) if result.submitted else None
            history = _history(result.unit_id, previous, id_map) if previous is not None else None
            units.append(RankedUnit(result, index, rank, counts[rank] > 1, band, history))
        rankings.append(Ranking(framework, tuple(units), _shared(units) if exact else ()))
    return rankings


def competition_ranks(keys: Sequence[Hashable]) -> list[int]:
    """Competition ranks (1, 2, 2, 4) of keys already in rank order: equal keys share a rank."""
    ranks: list[int] = []
    for position, key in enumerate(keys):
        ranks.append(ranks[-1] if position and key == keys[position - 1] else position + 1)
    return ranks


def _shared(units: Sequence[RankedUnit]) -> tuple[tuple[RankedUnit, ...], ...]:
    """Groups of submitted units with one published index and more than one rank."""
    return shared_groups([(u, u.index, u.rank) for u in units if u.result.submitted])


def shared_groups(
    entries: Iterable[tuple[T, Decimal | None, int | None]],
) -> tuple[tuple[T, ...], ...]:
    """The items of each published index held at more than one rank, in their given order
    (what `ties: exact` notes; under `ties: rounded` there are none)."""
    by_index: dict[Decimal, list[tuple[T, int | None]]] = {}
    for item, index, rank in entries:
        if index is not None:
            by_index.setdefault(index, []).append((item, rank))
    return tuple(
        tuple(item for item, _ in group)
        for group in by_index.values()
        if len({rank for _, rank in group}) > 1
    )


def field_places(ranking: Ranking, field_id: str) -> list[FieldPlace]:
    """The group ranked on one field's index, as `rank` ranks it (precision and `ties`).

    A unit with nothing of the field applicable has no index and no rank, and comes last;
    units that did not submit come after every unit that did.
    """
    framework = ranking.framework
    exact = framework.ties == "exact"
    scored: list[tuple[tuple[bool, Decimal], RankedUnit, Total]] = []
    unscored: list[tuple[RankedUnit, Total]] = []
    for unit in ranking.units:
        total = unit.result.fields.get(field_id) or Total(Decimal(0), Decimal(0))
        if total.max_points == 0:
            unscored.append((unit, total))
            continue
        key = total.percent if exact else round_half_up(total.percent, framework.precision)
        scored.append(((unit.result.submitted, key), unit, total))
    scored.sort(key=lambda p: (not p[0][0], -p[0][1], p[1].result.unit_id))
    unscored.sort(key=lambda p: p[0].result.unit_id)
    ranks = competition_ranks([key for key, _, _ in scored])
    places = [
        FieldPlace(
            unit,
            field_id,
            total.points,
            total.max_points,
            round_half_up(total.percent, framework.precision),
            rank,
        )
        for (_, unit, total), rank in zip(scored, ranks, strict=True)
    ]
    places.extend(
        FieldPlace(unit, field_id, total.points, total.max_points, None, None)
        for unit, total in unscored
    )
    return places


def _history(
    unit_id: str,
    previous: Mapping[str, tuple[int | None, Decimal | None]],
    id_map: Mapping[str, list[str]] | None,
) -> History | None:
    # Old ids of this unit in the earlier ranking (with several years, the map also holds
    # ids of older ones).
    olds = [old for old in (id_map or {}).get(unit_id, ()) if old in previous]
    if len(olds) > 1:
        return History(None, None, tuple(sorted(olds)))
    key = olds[0] if olds else unit_id
    entry = previous.get(key)
    if entry is None:
        return None
    return History(entry[0], entry[1], renamed_from=key if key != unit_id else None)


def gone_units(
    rankings: Iterable[Ranking],
    previous: Mapping[str, object],
    id_map: Mapping[str, list[str]] | None,
) -> list[str]:
    """Previous-year unit ids that no current unit continues."""
    continued = {u.result.unit_id for r in rankings for u in r.units}
    for olds in (id_map or {}).values():
        continued.update(olds)
    return sorted(k for k in previous if k not in continued)
