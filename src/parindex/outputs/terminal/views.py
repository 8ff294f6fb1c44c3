"""The ranking and the framework's tree on a terminal (rich tables and trees), and what every
terminal view shares: the console that shows input text safely, number cells in the run's
language, and a leaf's value and status in words."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from rich import box
from rich.console import Console, ConsoleOptions, RenderableType
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from parindex.core.models import Criterion, Framework, Source
from parindex.core.numbers import divide
from parindex.core.results import LeafStatus, RankedUnit, Ranking, Total
from parindex.errors import shown
from parindex.i18n import N_, Lang, _, number, percent, pick
from parindex.outputs.records import in_print_order
from parindex.outputs.ties import TIE_MARK, shared_index_notes, tie_rule
from parindex.outputs.words import (
    ADJUST_TAG,
    KIND_TEXT,
    POLICY_TEXT,
    SOURCE_TAG,
    SOURCE_TEXT,
    STATUS_TEXT,
    change_words,
)

NOT_APPLICABLE = "—"  # a field with nothing applicable: no index, no rank


class SafeConsole(Console):
    """The console of every view: text from input files (names, labels, reasons, values)
    never reaches the terminal raw. Markup is off, so a name like `[/]` or `[red]` is text,
    not a style; control characters (escape sequences included) are shown escaped, in the
    strings a view hands over and, as a last guard, in every segment rendered."""

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("markup", False)
        kwargs.setdefault("emoji", False)
        super().__init__(**kwargs)  # type: ignore[arg-type]

    def render_str(self, text: str, **kwargs: object) -> Text:
        return super().render_str(shown(text, keep_newlines=True), **kwargs)  # type: ignore[arg-type]

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        for segment in super().render(renderable, options):
            if segment.control is None and shown(segment.text, keep_newlines=True) != segment.text:
                yield Segment(shown(segment.text, keep_newlines=True), segment.style)
            else:
                yield segment


FIELDS_HIDDEN = N_(
    "(field columns hidden: the terminal is too narrow; widen it or use --format csv)"
)


def bold(sentence: str, *values: str) -> Text:
    """A translated sentence with the numbers it was given in bold (markup stays off: the
    sentence may hold names from the files)."""
    text = Text(sentence)
    text.highlight_words([v for v in values if v], style="bold")
    return text


def status_text(status: LeafStatus) -> str:
    """A leaf status as people read it (files keep the status code)."""
    return _(STATUS_TEXT[status])


STATUS_STYLE = {
    "scored": "",
    "appraised": "cyan",
    "not_applicable": "dim",
    "missing": "bold red",
    "pending": "yellow",
}


def num(value: Decimal | None, places: int, lang: Lang) -> str:
    """A number cell: exactly `places` decimals in the language, empty for nothing."""
    return "" if value is None else number(value, lang, places)


def amount(value: Decimal, lang: Lang) -> str:
    """A number of points as typed in a framework (no trailing zeros), in the language."""
    return number(value, lang, trim=True)


def _ranking_table(
    ranking: Ranking,
    lang: Lang,
    with_history: bool,
    names: Mapping[str, str],
    *,
    fields: bool,
    compact: bool = False,
) -> Table:
    """The group's ranking; without `fields` no field columns, and `compact` (a narrow
    terminal) packs the columns closer and lets names, changes and bands wrap sooner, so
    that every column left — Missing included — stays on the screen."""
    fw = ranking.framework
    places = fw.precision
    field_ids = fw.field_ids if fields else []
    table = Table(
        title=fw.title_in(lang),
        title_justify="left",
        caption_justify="left",
        box=box.SIMPLE_HEAVY,
        show_footer=False,
        collapse_padding=compact,
        pad_edge=not compact,
    )
    # Numbers never wrap or shrink; the unit's name gives way first (cut with "…").
    table.add_column(_("Rank"), justify="right", no_wrap=True)
    if with_history:
        table.add_column(_("Change"), min_width=4 if compact else 6, max_width=28)
    table.add_column(_("Unit"), min_width=10 if compact else 20, max_width=32)
    table.add_column(_("Index"), justify="right", no_wrap=True)
    table.add_column(_("Band"), no_wrap=not compact)
    table.add_column(_("Points/Max"), justify="right", no_wrap=True)
    for field_id in field_ids:
        table.add_column(field_id, justify="right", no_wrap=True)
    table.add_column(_("Claimed"), justify="right", no_wrap=True)
    # The header may wrap over a few lines ("Số TC chưa kê khai"): the counts are short.
    table.add_column(_("Missing"), justify="right", min_width=5, max_width=7)
    for unit in ranking.units:
        result = unit.result
        rank = f"{unit.rank}{TIE_MARK}" if unit.tied else str(unit.rank)
        cells: list[str | Text] = [rank]
        if with_history:
            cells.append(_change_text(unit, names))
        cells += [
            result.name_in(lang),
            num(unit.index, places, lang),
            _band_text(unit, lang),
            f"{num(result.points, places, lang)}/{num(result.max_points, places, lang)}",
        ]
        cells += [_field_points(result.fields[f], places, lang) for f in field_ids]
        cells += [
            num(result.self_points, places, lang),
            str(result.missing) if result.missing else "",
        ]
        table.add_row(*cells, style="dim" if not result.submitted else "")
    return table


def _field_points(total: Total, places: int, lang: Lang) -> str:
    """A field's points; "—" where nothing of the field applies to the unit."""
    return num(total.points, places, lang) if total.max_points else NOT_APPLICABLE


def _band_text(unit: RankedUnit, lang: Lang) -> str:
    if not unit.result.submitted:
        return _("not submitted")
    if unit.band is None:
        return ""
    return pick(unit.band.label, unit.band.label_en, lang)


_TREND_STYLE = {"up": "green", "down": "red", "same": "", "": "dim"}


def _change_text(unit: RankedUnit, names: Mapping[str, str]) -> Text:
    """▲/▼ and the rank change; new units, mergers and renames said in words."""
    text, trend = change_words(unit, names)
    return Text(text, style=_TREND_STYLE[trend])


def _too_wide(console: Console, table: Table) -> bool:
    """Whether `table` at its natural width needs more than the console has."""
    measured = Measurement.get(console, console.options.update_width(10_000), table)
    return measured.maximum > console.width


def render_ranking(
    console: Console,
    rankings: Sequence[Ranking],
    lang: Lang,
    *,
    with_history: bool = False,
    gone: Sequence[str] = (),
    names: Mapping[str, str] | None = None,
) -> None:
    """One table per group, with a footer of the group's average index and band counts.

    Field columns are shown when the terminal is wide enough for them; numbers are never cut.
    """
    for ranking in in_print_order(rankings):
        names = names or {}
        # Field columns go first on a narrow terminal; then the columns pack closer. The
        # missing-answer column is never the one that falls off the edge.
        table = _ranking_table(ranking, lang, with_history, names, fields=True)
        if _too_wide(console, table):
            table = _ranking_table(ranking, lang, with_history, names, fields=False)
            if _too_wide(console, table):
                table = _ranking_table(
                    ranking, lang, with_history, names, fields=False, compact=True
                )
            table.caption = _(FIELDS_HIDDEN)
        console.print(table)
        for note in shared_index_notes(ranking, lang):
            console.print(f"  {note}", style="yellow", markup=False)
        _ranking_footer(console, ranking, lang)
        console.print()
    if gone:
        console.print(_("No longer ranked: {units}").format(units=", ".join(gone)))


def _ranking_footer(console: Console, ranking: Ranking, lang: Lang) -> None:
    """The group's average index, its units per band, and the results still awaited."""
    fw = ranking.framework
    places = fw.precision
    submitted = [u for u in ranking.units if u.result.submitted]
    if not submitted:
        return
    average = divide(sum((u.index for u in submitted), Decimal(0)), Decimal(len(submitted)))
    none = _("no band")
    counts = Counter(_band_text(u, lang) or none for u in submitted)
    order = [pick(b.label, b.label_en, lang) for b in fw.bands]
    parts = [f"{label} {counts[label]}" for label in order if counts.get(label)]
    if counts.get(none):
        parts.append(f"{none} {counts[none]}")
    shown_average = num(average, places, lang)
    console.print(
        bold(
            "  "
            + _("Average index: {index} ({units} units) — Units per band: {bands}").format(
                index=shown_average, units=len(submitted), bands=", ".join(parts)
            ),
            shown_average,
        )
    )
    waiting = [u.result for u in submitted if u.result.pending]
    if waiting:  # survey or council results not supplied: those points count 0
        console.print(
            "  "
            + _(
                "Criteria awaiting survey or council results (scored 0): {criteria} ({units} units)"
            ).format(criteria=sum(r.pending for r in waiting), units=len(waiting)),
            style="yellow",
        )


def render_show(console: Console, framework: Framework, lang: Lang) -> None:
    """The framework tree with max points and each node's weight in % of the index; then its
    totals by source, its bands and its bonus/penalty criteria."""
    console.print(_show_tree(framework, lang))
    _show_summary(console, framework, lang)


def _show_tree(framework: Framework, lang: Lang) -> Tree:
    total = framework.regular_total
    root = Tree(
        Text(
            f"{framework.framework}: {framework.title_in(lang)} ("
            + _("Total maximum {points}").format(points=amount(total, lang))
            + ")",
            style="bold",
        )
    )
    branches: list[Tree] = [root]
    for visit in framework.walk():
        node = visit.node
        label = Text(f"{node.id} {node.label(lang)} ", style="bold" if visit.depth == 0 else "")
        label.append(
            f"[{amount(node.subtree_max, lang)} · {_weight(node, framework, lang)}]", style="cyan"
        )
        tags = _tags(node, framework) if not node.criteria else []
        if tags:
            label.append(" " + " · ".join(tags), style="dim")
        del branches[visit.depth + 1 :]
        branches.append(branches[visit.depth].add(label))
    return root


def _weight(node: Criterion, framework: Framework, lang: Lang) -> str:
    """A node's share of the index in %, or ± its points for bonus/penalty."""
    maximum = node.subtree_max
    if node.adjust or node.only_adjustments:
        return "±" + amount(maximum, lang)
    total = framework.regular_total
    return percent(divide(maximum * 100, total), lang, framework.precision) if total else ""


def _tags(node: Criterion, framework: Framework) -> list[str]:
    """What sets a leaf apart: its source, bonus/penalty, N/A policy, evidence and rule."""
    leaf = framework.leaf(node.id)
    tags: list[str] = []
    if node.source != "self":
        tags.append(_(SOURCE_TAG[node.source]))
    if node.adjust:
        tags.append(_(ADJUST_TAG[node.adjust]))
    if leaf is not None and leaf.policy != "forbidden":
        tags.append(_(POLICY_TEXT[leaf.policy]))
    if node.evidence == "required":
        tags.append(_("evidence"))
    if node.rule is not None:
        tags.append(_(KIND_TEXT[node.rule.kind]))
    return tags


def _show_summary(console: Console, framework: Framework, lang: Lang) -> None:
    total = framework.regular_total
    leaves = [leaf for leaf in framework.leaves if leaf.criterion.adjust is None]
    counts = Counter(leaf.criterion.source for leaf in leaves)
    points: dict[Source, Decimal] = {}
    for leaf in leaves:
        points[leaf.criterion.source] = points.get(leaf.criterion.source, Decimal(0)) + leaf.max
    line = bold(
        _("Total maximum: {points}").format(points=amount(total, lang)), amount(total, lang)
    )
    line.append(
        ("" if total == 100 else " (≠ 100)")
        + " — "
        + _("{fields} fields, {leaves} sub-criteria").format(
            fields=len(framework.field_ids), leaves=len(framework.leaves)
        )
    )
    console.print(line)
    by_source = ", ".join(
        f"{_(SOURCE_TEXT[src])} {amount(points[src], lang)} ({counts[src]})"
        for src in ("self", "survey", "council")
        if src in points
    )
    console.print(_("By source (points, sub-criteria): {sources}").format(sources=by_source))
    if framework.bands:
        bands = ", ".join(
            f"{pick(b.label, b.label_en, lang)} ≥ {amount(b.min, lang)}" for b in framework.bands
        )
        console.print(_("Band: {bands}").format(bands=bands))
    adjustments = [leaf.id for leaf in framework.leaves if leaf.criterion.adjust]
    if adjustments:
        console.print(_("Bonus/penalty: {criteria}").format(criteria=", ".join(adjustments)))
    if framework.issuer:
        console.print(_("Issued by: {issuer}").format(issuer=framework.issuer))
    console.print(
        _("Place of the group in the report and the appendix: {order}").format(
            order=framework.order
        )
    )
    console.print(tie_rule(framework), markup=False)
