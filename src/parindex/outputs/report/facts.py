"""What the report says of a group beside its ranking: the fields' statistics, the summary, the
units per band, the largest moves since last year and the largest over-claims."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from parindex.core.claims import claim_leaves, excess, final_on_claimed, over_claim
from parindex.core.numbers import divide
from parindex.core.results import RankedUnit, Ranking
from parindex.i18n import Lang, _, pick
from parindex.outputs.report.figures import DASH, figure, mean, signed

TOP_MOVES = 5  # risers and fallers shown per group
TOP_CLAIMS = 10  # units with the largest over-claims shown per group


@dataclass(frozen=True, slots=True)
class FieldHead:
    """A field's column: its id, its name and its maximum."""

    id: str
    name: str
    max: str


@dataclass(frozen=True, slots=True)
class FieldStat:
    id: str
    name: str
    max: str
    mean: str  # mean of the field's index (% of its applicable maximum) over the units
    lowest: str
    highest: str
    best: str  # the unit(s) with the highest field index


@dataclass(frozen=True, slots=True)
class Move:
    anchor: str
    name: str
    rank: str
    change: str
    prev_rank: str
    index_change: str


@dataclass(frozen=True, slots=True)
class ClaimLine:
    anchor: str
    name: str
    criteria: str  # how many criteria were claimed above the final points
    excess: str
    claimed: str  # the unit's claim on the criteria it claimed
    final: str  # the final points of the same criteria
    largest: str  # the largest over-claim in words


def field_stats(
    heads: Sequence[FieldHead],
    indices: Mapping[str, Mapping[str, Decimal | None]],
    units: Sequence[RankedUnit],
    places: int,
    lang: Lang,
) -> tuple[list[FieldStat], list[Decimal | None]]:
    """Each field's mean, lowest and highest index and its best unit(s); and the means."""
    means: list[Decimal | None] = []
    stats = []
    for head in heads:
        values = {k: v for k, v in indices[head.id].items() if v is not None}
        average = mean(list(values.values()))
        means.append(average)
        highest = max(values.values()) if values else None
        best = [u.result.name_in(lang) for u in units if values.get(u.result.unit_id) == highest]
        stats.append(
            FieldStat(
                head.id,
                head.name,
                head.max,
                figure(average, places, lang),
                figure(min(values.values()), places, lang) if values else DASH,
                figure(highest, places, lang),
                ", ".join(best) if highest is not None else DASH,
            )
        )
    return stats, means


def summary(
    units: Sequence[RankedUnit], submitted: Sequence[RankedUnit], places: int, lang: Lang
) -> list[tuple[str, str]]:
    """The group in a few lines: units, means of the index and of the points, what is awaited."""
    results = [u.result for u in submitted]
    absent = len(units) - len(submitted)
    pending_units = sum(1 for r in results if r.pending)
    missing_units = sum(1 for r in results if r.missing)
    count = Decimal(len(results)) if results else None

    def average(values: Sequence[Decimal]) -> str:
        if not count:
            return DASH
        return figure(divide(sum(values, Decimal(0)), count), places, lang)

    lines = [
        (_("Units ranked"), str(len(units))),
        (_("Mean index"), figure(mean([u.index for u in submitted]), places, lang)),
        (_("Mean self-assessed points"), average([r.self_points for r in results])),
        (
            _("Mean final points on the same criteria"),
            average([final_on_claimed(r) for r in results]),
        ),
        (_("Mean final total"), average([r.points for r in results])),
        (
            _("Values awaiting the survey or the council"),
            _in_units(sum(r.pending for r in results), pending_units),
        ),
        (
            _("Answers missing (scored 0)"),
            _in_units(sum(r.missing for r in results), missing_units),
        ),
    ]
    if absent:
        lines.insert(1, (_("Not submitted"), str(absent)))
    return lines


def _in_units(values: int, units: int) -> str:
    """A count and the units it is found in, "3 (in 2 units)"; "0" alone for none."""
    if not values:
        return "0"
    return _("{values} in {units} units").format(values=values, units=units)


def band_counts(
    ranking: Ranking, submitted: Sequence[RankedUnit], lang: Lang
) -> list[tuple[str, str]]:
    counts = Counter(u.band.label if u.band else "" for u in submitted)
    out = [
        (pick(b.label, b.label_en, lang), str(counts.get(b.label, 0)))
        for b in ranking.framework.bands
    ]
    if counts.get(""):
        out.append((_("no band"), str(counts[""])))
    return out


def _move_order(unit: RankedUnit) -> tuple[int, Decimal, str]:
    index_change = unit.index_change if unit.index_change is not None else Decimal(0)
    return (-abs(unit.rank_change or 0), -abs(index_change), unit.result.unit_id)


def moves(units: Sequence[RankedUnit], *, rising: bool, lang: Lang) -> list[Move]:
    """The units that rose (or fell) most since last year, largest first."""
    moved = [u for u in units if u.rank_change and (u.rank_change > 0) == rising]
    moved.sort(key=_move_order)
    out = []
    for unit in moved[:TOP_MOVES]:
        places = unit.result.framework.precision
        history = unit.history
        change = unit.rank_change or 0
        out.append(
            Move(
                unit.result.unit_id,
                unit.result.name_in(lang),
                str(unit.rank),
                f"▲{change}" if change > 0 else f"▼{-change}",
                str(history.prev_rank) if history and history.prev_rank is not None else DASH,
                signed(unit.index_change, places, lang),
            )
        )
    return out


def claims(submitted: Sequence[RankedUnit], places: int, lang: Lang) -> list[ClaimLine]:
    """The units that claimed most above their final points, with their largest over-claim."""

    def num(value: Decimal | None) -> str:
        return figure(value, places, lang)

    claimed = [u.result for u in submitted if claim_leaves(u.result)]
    claimed = [r for r in claimed if over_claim(r) > 0]
    claimed.sort(key=lambda r: (-over_claim(r), r.unit_id))
    out = []
    for result in claimed[:TOP_CLAIMS]:
        leaves = [leaf for leaf in claim_leaves(result) if excess(leaf) > 0]
        top = leaves[0]
        node = result.framework.node(top.criterion)
        label = node.label(lang) if node else top.criterion
        out.append(
            ClaimLine(
                result.unit_id,
                result.name_in(lang),
                str(len(leaves)),
                num(sum((excess(leaf) for leaf in leaves), Decimal(0))),
                num(sum((leaf.signed_claim or Decimal(0) for leaf in leaves), Decimal(0))),
                num(sum((leaf.signed_points for leaf in leaves), Decimal(0))),
                _("{criterion} {name}: claimed {claimed}, final {final}").format(
                    criterion=top.criterion,
                    name=label,
                    claimed=num(top.signed_claim),
                    final=num(top.signed_points),
                ),
            )
        )
    return out
