"""A unit's page of the report: its fields against the group's means, and its largest lost
points with what would earn them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from parindex.core.gaps import find_gaps
from parindex.core.results import RankedUnit, UnitResult
from parindex.i18n import Lang
from parindex.outputs.report.facts import FieldHead
from parindex.outputs.report.figures import DASH, band_label, figure, signed

TOP_GAPS = 5  # lost points shown per unit


@dataclass(frozen=True, slots=True)
class GapLine:
    criterion: str
    name: str
    lost: str
    advice: str  # in words, its numbers written when the advice was made


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
    adjustment: str  # bonus − penalty, signed
    max_points: str
    change: str
    submitted: bool
    fields: tuple[FieldLine, ...]
    gaps: tuple[GapLine, ...]
    percents: tuple[float | None, ...]  # the unit's field indices, for its chart


@dataclass(frozen=True, slots=True)
class FieldFigures:
    """What every unit page of a group compares with: each field's column, each unit's index
    on it, the group's mean index on it, and each unit's rank on it."""

    heads: Sequence[FieldHead]
    indices: Mapping[str, Mapping[str, Decimal | None]]
    means: Sequence[Decimal | None]
    ranks: Mapping[str, Mapping[str, int]]


def unit_page(
    unit: RankedUnit, change: str, title: str, figures: FieldFigures, lang: Lang
) -> UnitPage:
    result = unit.result
    places = result.framework.precision
    lines, percents = _field_lines(result, figures, lang)
    return UnitPage(
        anchor=result.unit_id,
        name=result.name_in(lang),
        group_title=title,
        rank=str(unit.rank),
        index=figure(unit.index, places, lang) if result.submitted else DASH,
        band=band_label(unit, lang),
        points=figure(result.points, places, lang) if result.submitted else DASH,
        adjustment=signed(result.adjustment, places, lang) if result.submitted else DASH,
        max_points=figure(result.max_points, places, lang),
        change=change,
        submitted=result.submitted,
        fields=tuple(lines),
        gaps=tuple(_gap_lines(result, lang)) if result.submitted else (),
        percents=tuple(percents),
    )


def _field_lines(
    result: UnitResult, figures: FieldFigures, lang: Lang
) -> tuple[list[FieldLine], list[float | None]]:
    places = result.framework.precision
    lines = []
    percents: list[float | None] = []
    for head, average in zip(figures.heads, figures.means, strict=True):
        total = result.nodes.get(head.id)
        own = figures.indices[head.id].get(result.unit_id)
        percents.append(None if own is None else float(own))
        field_rank = figures.ranks[head.id].get(result.unit_id)
        lines.append(
            FieldLine(
                head.id,
                head.name,
                figure(total.points, places, lang) if total and result.submitted else DASH,
                figure(total.max_points, places, lang) if total else head.max,
                figure(own, places, lang),
                figure(average, places, lang),
                str(field_rank) if field_rank is not None else DASH,
            )
        )
    return lines, percents


def _gap_lines(result: UnitResult, lang: Lang) -> list[GapLine]:
    """The largest lost points; the advice is shown as it was written, in words whose numbers
    follow the run's language (a criterion's or an option's own text is never rewritten)."""
    places = result.framework.precision
    report = find_gaps(result)
    order = {leaf.id: leaf.order for leaf in result.framework.leaves}
    largest = sorted(
        (*report.own, *report.outside),
        key=lambda g: (-g.lost, order[g.leaf.criterion]),
    )[:TOP_GAPS]
    lines = []
    for gap in largest:
        node = result.framework.node(gap.leaf.criterion)
        lines.append(
            GapLine(
                gap.leaf.criterion,
                node.label(lang) if node else gap.leaf.name,
                figure(gap.lost, places, lang),
                gap.advice,
            )
        )
    return lines
