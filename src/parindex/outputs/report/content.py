"""What the report says, as plain rows of text: shared by the HTML page and the Word appendix.

Numbers are formatted here once (the framework's decimals, a decimal comma under `vi`), so
both writers publish the same figures.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from parindex.core.claims import claim_leaves, excess, final_on_claimed, over_claim
from parindex.core.gaps import find_gaps
from parindex.core.numbers import divide, plain, round_half_up
from parindex.core.results import RankedUnit, Ranking, UnitResult
from parindex.i18n import Lang, _, pick
from parindex.outputs.records import field_ranks as published_field_ranks

DASH = "—"
_DECIMAL_POINT = re.compile(r"(?<=\d)\.(?=\d)")
TOP_MOVES = 5  # risers and fallers shown per group
TOP_CLAIMS = 10  # units with the largest over-claims shown per group
TOP_GAPS = 5  # lost points shown per unit


def number(value: Decimal | None, places: int, lang: Lang) -> str:
    """A number as published: `places` decimals, a decimal comma under `vi`, "—" for none."""
    if value is None:
        return DASH
    text = plain(value, places).replace("-", "−")
    return text.replace(".", ",") if lang == "vi" else text


def signed(value: Decimal | None, places: int, lang: Lang) -> str:
    """A change: +1.25, −0.50, 0.00."""
    if value is None:
        return DASH
    text = number(value, places, lang)
    return "+" + text if round_half_up(value, places) > 0 else text


@dataclass(frozen=True, slots=True)
class FieldHead:
    """A field's column: its id, its name and its maximum."""

    id: str
    name: str
    max: str


@dataclass(frozen=True, slots=True)
class Row:
    """One unit's line in the published ranking."""

    anchor: str  # the unit id: the id of its section in the page
    rank: str
    name: str
    fields: tuple[str, ...]
    adjustment: str
    points: str
    max_points: str
    index: str
    band: str
    change: str
    trend: str  # "up", "down", "same", "" (none): a class for the page, never shown


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


@dataclass(frozen=True, slots=True)
class GapLine:
    criterion: str
    name: str
    lost: str
    advice: str


@dataclass(frozen=True, slots=True)
class FieldLine:
    id: str
    name: str
    points: str
    max: str
    index: str
    mean: str
    rank: str


@dataclass(frozen=True, slots=True)
class UnitPage:
    anchor: str
    name: str
    group_title: str
    rank: str
    index: str
    band: str
    points: str
    max_points: str
    change: str
    submitted: bool
    fields: tuple[FieldLine, ...]
    gaps: tuple[GapLine, ...]
    percents: tuple[float | None, ...]  # the unit's field indices, for its chart


@dataclass(slots=True)
class Group:
    """One framework's group: everything the report shows about it."""

    ranking: Ranking
    title: str
    group: str
    places: int
    fields: list[FieldHead]
    rows: list[Row]
    summary: list[tuple[str, str]]
    band_counts: list[tuple[str, str]]
    stats: list[FieldStat]
    risers: list[Move]
    fallers: list[Move]
    claims: list[ClaimLine]
    units: list[UnitPage]
    means: list[float | None]  # the group's mean index of each field, for the unit charts
    bands: list[tuple[float, str]]  # (min, label) of each band, highest first
    with_history: bool = False
    field_ranks: dict[str, dict[str, int]] = field(default_factory=dict)


def band_label(unit: RankedUnit, lang: Lang) -> str:
    if unit.band is not None:
        return pick(unit.band.label, unit.band.label_en, lang)
    return _("not submitted") if not unit.result.submitted else _("no band")


def change_text(unit: RankedUnit, names: Mapping[str, str]) -> tuple[str, str]:
    """The change against last year in words, and its trend: ▲2, ▼1, =, new, formed from."""
    history = unit.history
    if history is None:
        return _("new"), ""
    if history.formed_from:
        olds = " + ".join(names.get(old) or old for old in history.formed_from)
        return _("formed from {units}").format(units=olds), ""
    change = unit.rank_change
    if change is None:
        text, trend = DASH, ""
    elif change > 0:
        text, trend = f"▲{change}", "up"
    elif change < 0:
        text, trend = f"▼{-change}", "down"
    else:
        text, trend = "=", "same"
    if history.renamed_from:
        old = names.get(history.renamed_from) or history.renamed_from
        text = _("{change} (was {unit})").format(change=text, unit=old)
    return text, trend


def _field_index(result: UnitResult, field_id: str, places: int) -> Decimal | None:
    total = result.nodes.get(field_id)
    if total is None or total.max_points == 0 or not result.submitted:
        return None
    return round_half_up(total.percent, places)


def _mean(values: Sequence[Decimal]) -> Decimal | None:
    return divide(sum(values, Decimal(0)), Decimal(len(values))) if values else None


def build_group(
    ranking: Ranking,
    lang: Lang,
    with_history: bool,
    names: Mapping[str, str],
    *,
    with_units: bool = True,
) -> Group:
    """The report's content for one group (without the unit pages when `with_units` is false:
    the appendix has none)."""
    fw = ranking.framework
    places = fw.precision
    units = ranking.units
    submitted = [u for u in units if u.result.submitted]

    def num(value: Decimal | None) -> str:
        return number(value, places, lang)

    tops: dict[str, Decimal] = {}
    for leaf in fw.leaves:
        if leaf.criterion.adjust is None:
            tops[leaf.field] = tops.get(leaf.field, Decimal(0)) + leaf.max
    heads = []
    for field_id in fw.field_ids:
        node = fw.node(field_id)
        assert node is not None
        heads.append(FieldHead(field_id, node.label(lang), num(tops.get(field_id, Decimal(0)))))

    indices = {
        f: {u.result.unit_id: _field_index(u.result, f, places) for u in units}
        for f in fw.field_ids
    }
    # ranks per field exactly as `rank` publishes them (precision and the framework's `ties`)
    field_ranks: dict[str, dict[str, int]] = {f: {} for f in fw.field_ids}
    for unit_id, ranks in published_field_ranks(ranking).items():
        for field_id, place in ranks.items():
            if place is not None:
                field_ranks[field_id][unit_id] = place
    means: list[Decimal | None] = []
    stats = []
    for head in heads:
        values = {k: v for k, v in indices[head.id].items() if v is not None}
        mean = _mean(list(values.values()))
        means.append(mean)
        highest = max(values.values()) if values else None
        best = [u.result.name_in(lang) for u in units if values.get(u.result.unit_id) == highest]
        stats.append(
            FieldStat(
                head.id,
                head.name,
                head.max,
                num(mean),
                num(min(values.values())) if values else DASH,
                num(highest),
                ", ".join(best) if highest is not None else DASH,
            )
        )

    rows = []
    pages = []
    for unit in units:
        result = unit.result
        change, trend = change_text(unit, names) if with_history else ("", "")
        field_points = tuple(
            num(result.nodes[f].points) if result.submitted and f in result.nodes else DASH
            for f in fw.field_ids
        )
        rank = str(unit.rank) + ("*" if unit.tied else "")
        rows.append(
            Row(
                result.unit_id,
                rank,
                result.name_in(lang),
                field_points,
                num(result.adjustment) if result.submitted else DASH,
                num(result.points) if result.submitted else DASH,
                num(result.max_points),
                num(unit.index) if result.submitted else DASH,
                band_label(unit, lang),
                change,
                trend,
            )
        )
        if with_units:
            pages.append(
                _unit_page(
                    unit, change, fw.title_in(lang), heads, indices, means, field_ranks, lang
                )
            )

    return Group(
        ranking=ranking,
        title=fw.title_in(lang),
        group=fw.group,
        places=places,
        fields=heads,
        rows=rows,
        summary=_summary(units, submitted, places, lang),
        band_counts=_band_counts(ranking, submitted, lang),
        stats=stats,
        risers=_moves(units, rising=True, lang=lang) if with_history else [],
        fallers=_moves(units, rising=False, lang=lang) if with_history else [],
        claims=_claims(submitted, places, lang),
        units=pages,
        means=[None if m is None else float(m) for m in means],
        bands=[(float(b.min), pick(b.label, b.label_en, lang)) for b in fw.bands],
        with_history=with_history,
        field_ranks=field_ranks,
    )


def _summary(
    units: Sequence[RankedUnit], submitted: Sequence[RankedUnit], places: int, lang: Lang
) -> list[tuple[str, str]]:
    def num(value: Decimal | None) -> str:
        return number(value, places, lang)

    results = [u.result for u in submitted]
    absent = len(units) - len(submitted)
    pending_units = sum(1 for r in results if r.pending)
    missing_units = sum(1 for r in results if r.missing)
    count = Decimal(len(results)) if results else None
    lines = [
        (_("Units ranked"), str(len(units))),
        (_("Mean index"), num(_mean([u.index for u in submitted]))),
        (
            _("Mean self-assessed points"),
            num(divide(sum((r.self_points for r in results), Decimal(0)), count))
            if count
            else DASH,
        ),
        (
            _("Mean final points on the same criteria"),
            num(divide(sum((final_on_claimed(r) for r in results), Decimal(0)), count))
            if count
            else DASH,
        ),
        (
            _("Mean final total"),
            num(divide(sum((r.points for r in results), Decimal(0)), count)) if count else DASH,
        ),
        (
            _("Values awaiting the survey or the council"),
            _("{values} in {units} units").format(
                values=sum(r.pending for r in results), units=pending_units
            ),
        ),
        (
            _("Answers missing (scored 0)"),
            _("{values} in {units} units").format(
                values=sum(r.missing for r in results), units=missing_units
            ),
        ),
    ]
    if absent:
        lines.insert(1, (_("Not submitted"), str(absent)))
    return lines


def _band_counts(
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


def _moves(units: Sequence[RankedUnit], *, rising: bool, lang: Lang) -> list[Move]:
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


def _claims(submitted: Sequence[RankedUnit], places: int, lang: Lang) -> list[ClaimLine]:
    def num(value: Decimal | None) -> str:
        return number(value, places, lang)

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


def _unit_page(
    unit: RankedUnit,
    change: str,
    title: str,
    heads: Sequence[FieldHead],
    indices: Mapping[str, Mapping[str, Decimal | None]],
    means: Sequence[Decimal | None],
    field_ranks: Mapping[str, Mapping[str, int]],
    lang: Lang,
) -> UnitPage:
    result = unit.result
    places = result.framework.precision

    def num(value: Decimal | None) -> str:
        return number(value, places, lang)

    lines = []
    percents: list[float | None] = []
    for head, mean in zip(heads, means, strict=True):
        total = result.nodes.get(head.id)
        own = indices[head.id].get(result.unit_id)
        percents.append(None if own is None else float(own))
        field_rank = field_ranks[head.id].get(result.unit_id)
        lines.append(
            FieldLine(
                head.id,
                head.name,
                num(total.points) if total and result.submitted else DASH,
                num(total.max_points) if total else head.max,
                num(own),
                num(mean),
                str(field_rank) if field_rank is not None else DASH,
            )
        )
    gaps: list[GapLine] = []
    if result.submitted:
        report = find_gaps(result)
        order = {leaf.id: leaf.order for leaf in result.framework.leaves}
        largest = sorted(
            (*report.own, *report.outside),
            key=lambda g: (-g.lost, order[g.leaf.criterion]),
        )[:TOP_GAPS]
        for gap in largest:
            node = result.framework.node(gap.leaf.criterion)
            gaps.append(
                GapLine(
                    gap.leaf.criterion,
                    node.label(lang) if node else gap.leaf.name,
                    num(gap.lost),
                    _DECIMAL_POINT.sub(",", gap.advice) if lang == "vi" else gap.advice,
                )
            )
    return UnitPage(
        anchor=result.unit_id,
        name=result.name_in(lang),
        group_title=title,
        rank=str(unit.rank),
        index=num(unit.index) if result.submitted else DASH,
        band=band_label(unit, lang),
        points=num(result.points) if result.submitted else DASH,
        max_points=num(result.max_points),
        change=change,
        submitted=result.submitted,
        fields=tuple(lines),
        gaps=tuple(gaps),
        percents=tuple(percents),
    )


def build_groups(
    rankings: Sequence[Ranking],
    lang: Lang,
    with_history: bool,
    names: Mapping[str, str],
    *,
    with_units: bool = True,
) -> list[Group]:
    return [build_group(r, lang, with_history, names, with_units=with_units) for r in rankings]
