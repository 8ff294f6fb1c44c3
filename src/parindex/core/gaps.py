"""Where a unit loses points, what would earn them, and what it takes to climb. Pure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_CEILING, Decimal
from typing import Literal, NamedTuple

from parindex.core.models import (
    Criterion,
    Framework,
)
from parindex.core.numbers import divide, round_half_up
from parindex.core.results import LeafResult, PreviousEntry, UnitResult
from parindex.core.rules import advise as advise_rule
from parindex.i18n import _

Reach = Literal["pass", "tie", "out"]
HUNDRED = Decimal(100)


class Gap(NamedTuple):
    """A leaf that does not reach its counted maximum."""

    leaf: LeafResult
    lost: Decimal
    advice: str


class Target:
    """Points a unit needs to reach something: the next band, or to pass a unit. (A plain
    class: a named tuple cannot have a field named `index`.)"""

    __slots__ = ("index", "label", "label_en", "points_needed", "reach")

    def __init__(
        self,
        label: str,
        index: Decimal,
        points_needed: Decimal,
        label_en: str | None = None,  # a band's English label, for `--lang en`
        reach: Reach = "pass",  # "tie": only a tie at 100 is possible; "out": beyond this year
    ) -> None:
        self.label = label
        self.index = index
        self.points_needed = points_needed
        self.label_en = label_en
        self.reach = reach

    def __repr__(self) -> str:
        return f"Target({self.label!r}, {self.index}, {self.points_needed}, {self.reach!r})"


class GapReport(NamedTuple):
    result: UnitResult
    own: tuple[Gap, ...]  # the unit's own answers (source: self)
    outside: tuple[Gap, ...]  # survey and council leaves
    next_band: Target | None
    rivals: tuple[Target, ...]
    penalties: tuple[LeafResult, ...] = ()  # deducted after the sum, outside the maximum


def advise(criterion: Criterion, leaf: LeafResult) -> str:
    """The next step for the leaf, in words: what to reach from where it stands now."""
    if leaf.status == "pending":
        return (
            _("awaiting the survey result")
            if criterion.source == "survey"
            else _("awaiting the appraisal council")
        )
    if leaf.status == "missing":
        return _("answer it: {advice}").format(advice=advise_rule(criterion))
    return advise_rule(criterion, leaf.points)


def points_for_index(result: UnitResult, index: Decimal, places: int) -> Decimal:
    """Smallest extra points whose index, rounded half up to `places`, reaches `index`."""
    if result.max_points == 0:
        return Decimal(0)
    half = Decimal(5).scaleb(-(places + 1))
    raw_needed = divide((index - half) * result.max_points, Decimal(100))
    needed = raw_needed - result.points
    step = Decimal(1).scaleb(-places)
    return max(needed.quantize(step, rounding=ROUND_CEILING), Decimal(0))


def rivals_in(entries: Iterable[PreviousEntry], group: str) -> dict[str, tuple[int, Decimal, str]]:
    """Units of `group` in a parindex ranking file: id → (rank, index, name)."""
    return {
        e.unit_id: (e.rank, e.index, e.unit_name or e.unit_id)
        for e in entries
        if e.rank is not None and e.index is not None and e.group in ("", group)
    }


def find_gaps(
    result: UnitResult, ranking: Mapping[str, tuple[int, Decimal, str]] | None = None
) -> GapReport:
    """The unit's lost points, largest first; the next band; units above it to pass.

    `ranking` maps unit id → (rank, index, unit name) for the unit's group.
    """
    framework: Framework = result.framework
    own: list[Gap] = []
    outside: list[Gap] = []
    for leaf in result.leaves:
        if leaf.adjust is not None or leaf.lost <= 0:
            continue
        criterion = framework.leaf(leaf.criterion)
        assert criterion is not None
        gap = Gap(leaf, leaf.lost, advise(criterion.criterion, leaf))
        (own if leaf.source == "self" else outside).append(gap)
    order = {leaf.id: leaf.order for leaf in framework.leaves}
    own.sort(key=lambda gap: (-gap.lost, order[gap.leaf.criterion]))
    outside.sort(key=lambda gap: (-gap.lost, order[gap.leaf.criterion]))
    places = framework.precision
    index = round_half_up(result.index, places)
    next_band = None
    for band in reversed(framework.bands):
        if band.min > index:
            next_band = Target(
                band.label, band.min, points_for_index(result, band.min, places), band.label_en
            )
            break
    # The index is capped at 100, and a unit can at most win back the points it lost.
    reachable = sum((gap.lost for gap in (*own, *outside)), Decimal(0))
    if next_band is not None and next_band.points_needed > reachable:
        next_band = Target(
            next_band.label, next_band.index, next_band.points_needed, next_band.label_en, "out"
        )
    rivals = []
    step = Decimal(1).scaleb(-places)
    for unit_id, (rank, other_index, name) in sorted(
        (ranking or {}).items(), key=lambda item: item[1][0]
    ):
        if unit_id == result.unit_id or other_index < index:
            continue
        reach: Reach = "pass"
        goal = other_index + step
        if goal > HUNDRED:  # nobody passes a 100: the best is to tie
            reach, goal = "tie", HUNDRED
        needed = points_for_index(result, goal, places)
        if needed > reachable:
            reach = "out"
        rivals.append(Target(f"{rank}. {name}", other_index, needed, reach=reach))
    penalties = tuple(
        leaf for leaf in result.leaves if leaf.adjust == "penalty" and leaf.points > 0
    )
    return GapReport(result, tuple(own), tuple(outside), next_band, tuple(rivals), penalties)
