"""Unit results → rankings per framework: rounded indices, competition ranks, bands, history."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from parindex.core.numbers import round_half_up
from parindex.core.results import History, RankedUnit, Ranking, UnitResult


def rank_units(
    results: Iterable[UnitResult],
    previous: Mapping[str, tuple[int | None, Decimal | None]] | None = None,
    id_map: Mapping[str, list[str]] | None = None,
) -> list[Ranking]:
    """One ranking per framework, sorted by framework id; units by rank then unit id.

    Ranks use the index rounded to the framework's precision; equal rounded indices share a
    rank (1, 2, 2, 4). Units that did not submit come after every unit that did.
    """
    by_framework: dict[str, list[UnitResult]] = {}
    for result in results:
        by_framework.setdefault(result.framework.framework, []).append(result)
    rankings = []
    for framework_id in sorted(by_framework):
        members = by_framework[framework_id]
        framework = members[0].framework
        rounded = {id(r): round_half_up(r.index, framework.precision) for r in members}
        ordered = sorted(members, key=lambda r: (not r.submitted, -rounded[id(r)], r.unit_id))
        keys = [(r.submitted, rounded[id(r)]) for r in ordered]
        counts: dict[tuple[bool, Decimal], int] = {}
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
        units = []
        rank = 0
        for position, result in enumerate(ordered):
            if position == 0 or keys[position] != keys[position - 1]:
                rank = position + 1
            index = rounded[id(result)]
            band = framework.band_for(index) if result.submitted else None
            history = _history(result.unit_id, previous, id_map) if previous is not None else None
            units.append(RankedUnit(result, index, rank, counts[keys[position]] > 1, band, history))
        rankings.append(Ranking(framework, tuple(units)))
    return rankings


def _history(
    unit_id: str,
    previous: Mapping[str, tuple[int | None, Decimal | None]],
    id_map: Mapping[str, list[str]] | None,
) -> History | None:
    olds = (id_map or {}).get(unit_id)
    if olds and len(olds) > 1:
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
