"""What the report says, as plain rows of text: shared by the HTML page and the Word appendix.

Numbers are written once, where each figure is made (`figures.figure`: the framework's
decimals in the report's language), so both writers publish the same figures; words that come
from the files (names, labels, advice) are shown as they are.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from parindex.core.models import Framework
from parindex.core.results import RankedUnit, Ranking
from parindex.i18n import Lang, pick
from parindex.outputs.records import field_ranks as published_field_ranks
from parindex.outputs.records import in_print_order
from parindex.outputs.report.facts import (
    ClaimLine,
    FieldHead,
    FieldStat,
    Move,
    band_counts,
    claims,
    field_stats,
    moves,
    summary,
)
from parindex.outputs.report.figures import DASH, band_label, change_text, field_index, figure
from parindex.outputs.report.unit_pages import FieldFigures, UnitPage, unit_page
from parindex.outputs.ties import TIE_MARK, shared_index_notes, tie_note


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
    tie_note: str = ""  # what "3=" means, when a rank of the group is shared
    shared_notes: list[str] = field(default_factory=list)  # `ties: exact`: shared indices


def _heads(fw: Framework, lang: Lang) -> list[FieldHead]:
    """Each field's column: its maximum counts the regular criteria, not bonus or penalty."""
    tops: dict[str, Decimal] = {}
    for leaf in fw.leaves:
        if leaf.criterion.adjust is None:
            tops[leaf.field] = tops.get(leaf.field, Decimal(0)) + leaf.max
    heads = []
    for field_id in fw.field_ids:
        node = fw.node(field_id)
        assert node is not None
        top = tops.get(field_id, Decimal(0))
        heads.append(FieldHead(field_id, node.label(lang), figure(top, fw.precision, lang)))
    return heads


def _field_ranks(ranking: Ranking) -> dict[str, dict[str, int]]:
    """field id → unit id → rank, exactly as `rank` publishes them (precision and `ties`)."""
    ranks: dict[str, dict[str, int]] = {f: {} for f in ranking.framework.field_ids}
    for unit_id, places in published_field_ranks(ranking).items():
        for field_id, place in places.items():
            if place is not None:
                ranks[field_id][unit_id] = place
    return ranks


def _row(unit: RankedUnit, change: str, trend: str, lang: Lang) -> Row:
    result = unit.result
    fw = result.framework
    places = fw.precision
    submitted = result.submitted

    def num(value: Decimal) -> str:
        return figure(value, places, lang) if submitted else DASH

    return Row(
        result.unit_id,
        str(unit.rank) + (TIE_MARK if unit.tied else ""),
        result.name_in(lang),
        tuple(num(result.nodes[f].points) if f in result.nodes else DASH for f in fw.field_ids),
        num(result.adjustment),
        num(result.points),
        figure(result.max_points, places, lang),
        num(unit.index),
        band_label(unit, lang),
        change,
        trend,
    )


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
    heads = _heads(fw, lang)
    indices = {
        f: {u.result.unit_id: field_index(u.result, f, places) for u in units} for f in fw.field_ids
    }
    stats, means = field_stats(heads, indices, units, places, lang)
    ranks = _field_ranks(ranking)
    figures = FieldFigures(heads, indices, means, ranks)
    rows = []
    pages = []
    for unit in units:
        change, trend = change_text(unit, names) if with_history else ("", "")
        rows.append(_row(unit, change, trend, lang))
        if with_units:
            pages.append(unit_page(unit, change, fw.title_in(lang), figures, lang))
    shared = [row.rank for row in rows if row.rank.endswith(TIE_MARK)]
    return Group(
        ranking=ranking,
        title=fw.title_in(lang),
        group=fw.group,
        places=places,
        fields=heads,
        rows=rows,
        summary=summary(units, submitted, places, lang),
        band_counts=band_counts(ranking, submitted, lang),
        stats=stats,
        risers=moves(units, rising=True, lang=lang) if with_history else [],
        fallers=moves(units, rising=False, lang=lang) if with_history else [],
        claims=claims(submitted, places, lang),
        units=pages,
        means=[None if m is None else float(m) for m in means],
        bands=[(float(b.min), pick(b.label, b.label_en, lang)) for b in fw.bands],
        with_history=with_history,
        field_ranks=ranks,
        tie_note=tie_note(fw, shared[0]) if shared else "",
        shared_notes=shared_index_notes(ranking, lang),
    )


def build_groups(
    rankings: Sequence[Ranking],
    lang: Lang,
    with_history: bool,
    names: Mapping[str, str],
    *,
    with_units: bool = True,
) -> list[Group]:
    """Every group's content, in the frameworks' `order` (then framework id)."""
    return [
        build_group(r, lang, with_history, names, with_units=with_units)
        for r in in_print_order(rankings)
    ]
