"""Rich tables and trees for people (the only module besides the CLI that knows rich)."""

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

from parindex.core.models import Framework
from parindex.core.numbers import divide, plain
from parindex.core.results import RankedUnit, Ranking, Total
from parindex.errors import shown
from parindex.i18n import Lang, pick
from parindex.outputs.ties import shared_index_notes, tie_rule

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


HEADERS = {
    "vi": {
        "rank": "Hạng",
        "unit": "Đơn vị",
        "index": "Chỉ số",
        "band": "Xếp loại",
        "points": "Điểm",
        "max": "Tối đa",
        "claimed": "Tự chấm",
        "missing": "Thiếu",
        "criterion": "Tiêu chí",
        "value": "Số liệu",
        "status": "Trạng thái",
        "explanation": "Cách tính",
        "weight": "Tỷ trọng",
        "field": "Lĩnh vực",
        "average": "Chỉ số bình quân",
        "per_band": "Số đơn vị theo xếp loại",
        "total": "Tổng",
        "adjustment": "Thưởng/trừ",
        "change": "Thay đổi",
        "not_submitted": "chưa nộp",
        "new": "mới",
        "formed": "hợp nhất từ",
        "was": "trước là",
        "none": "không xếp loại",
        "source": "Nguồn",
        "gone": "Không còn trong xếp hạng",
        "regular_total": "Tổng điểm tối đa",
        "units": "đơn vị",
        "by_source": "Theo nguồn (điểm, số tiêu chí thành phần)",
        "pending": "Tiêu chí chờ kết quả điều tra XHH hoặc thẩm định (tính 0 điểm)",
        "fields": "lĩnh vực",
        "leaves": "tiêu chí thành phần",
        "source_self": "tự đánh giá",
        "source_survey": "điều tra XHH",
        "source_council": "hội đồng thẩm định",
        "explanations_hidden": "(cột cách tính được ẩn vì màn hình hẹp; xem bằng "
        "--format csv hoặc mở rộng cửa sổ)",
        "fields_hidden": "(cột điểm từng lĩnh vực được ẩn vì màn hình hẹp; dùng --format csv "
        "hoặc mở rộng cửa sổ)",
        "columns_hidden": "(một số cột được ẩn vì màn hình hẹp; xem bằng --format csv hoặc mở "
        "rộng cửa sổ)",
    },
    "en": {
        "rank": "Rank",
        "unit": "Unit",
        "index": "Index",
        "band": "Band",
        "points": "Points",
        "max": "Max",
        "claimed": "Claimed",
        "missing": "Missing",
        "criterion": "Criterion",
        "value": "Value",
        "status": "Status",
        "explanation": "How",
        "weight": "Weight",
        "field": "Field",
        "average": "Average index",
        "per_band": "Units per band",
        "total": "Total",
        "adjustment": "Bonus/penalty",
        "change": "Change",
        "not_submitted": "not submitted",
        "new": "new",
        "formed": "formed from",
        "was": "was",
        "none": "no band",
        "source": "Source",
        "gone": "No longer ranked",
        "regular_total": "Total maximum",
        "units": "units",
        "by_source": "By source (points, sub-criteria)",
        "pending": "Criteria awaiting survey or council results (scored 0)",
        "fields": "fields",
        "leaves": "sub-criteria",
        "source_self": "self-assessed",
        "source_survey": "survey",
        "source_council": "appraisal council",
        "explanations_hidden": "(explanations hidden: the terminal is too narrow; widen it or "
        "use --format csv)",
        "fields_hidden": "(field columns hidden: the terminal is too narrow; widen it or use "
        "--format csv)",
        "columns_hidden": "(some columns hidden: the terminal is too narrow; widen it or use "
        "--format csv)",
    },
}
STATUS_STYLE = {
    "scored": "",
    "appraised": "cyan",
    "not_applicable": "dim",
    "missing": "bold red",
    "pending": "yellow",
}


def num(value: Decimal | None, places: int) -> str:
    """A number cell: exactly `places` decimals, empty for nothing."""
    return "" if value is None else plain(value, places)


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
    h = HEADERS[lang]
    fw = ranking.framework
    places = fw.precision
    field_ids = fw.field_ids if fields else []
    table = Table(
        title=f"{fw.title_in(lang)} ({fw.group})",
        title_justify="left",
        caption_justify="left",
        box=box.SIMPLE_HEAVY,
        show_footer=False,
        collapse_padding=compact,
        pad_edge=not compact,
    )
    # Numbers never wrap or shrink; the unit's name gives way first (cut with "…").
    table.add_column(h["rank"], justify="right", no_wrap=True)
    if with_history:
        table.add_column(h["change"], min_width=4 if compact else 6, max_width=28)
    table.add_column(h["unit"], min_width=10 if compact else 20, max_width=32)
    table.add_column(h["index"], justify="right", no_wrap=True)
    table.add_column(h["band"], no_wrap=not compact)
    table.add_column(f"{h['points']}/{h['max']}", justify="right", no_wrap=True)
    for field_id in field_ids:
        table.add_column(field_id, justify="right", no_wrap=True)
    table.add_column(h["claimed"], justify="right", no_wrap=True)
    table.add_column(h["missing"], justify="right", no_wrap=True)
    for unit in ranking.units:
        result = unit.result
        rank = f"{unit.rank}=" if unit.tied else str(unit.rank)
        cells: list[str | Text] = [rank]
        if with_history:
            cells.append(_change_text(unit, lang, names))
        cells += [
            result.name_in(lang),
            num(unit.index, places),
            _band_text(unit, lang),
            f"{num(result.points, places)}/{num(result.max_points, places)}",
        ]
        cells += [_field_points(result.fields[f], places) for f in field_ids]
        cells += [num(result.self_points, places), str(result.missing) if result.missing else ""]
        table.add_row(*cells, style="dim" if not result.submitted else "")
    return table


def _field_points(total: Total, places: int) -> str:
    """A field's points; "—" where nothing of the field applies to the unit."""
    return num(total.points, places) if total.max_points else NOT_APPLICABLE


def _band_text(unit: RankedUnit, lang: Lang) -> str:
    if not unit.result.submitted:
        return HEADERS[lang]["not_submitted"]
    if unit.band is None:
        return ""
    return pick(unit.band.label, unit.band.label_en, lang)


def _change_text(unit: RankedUnit, lang: Lang, names: Mapping[str, str]) -> Text:
    """▲/▼ and the rank change; new units, mergers and renames said in words."""
    h = HEADERS[lang]
    history = unit.history
    if history is None:
        return Text(h["new"], style="dim")
    if history.formed_from:
        olds = " + ".join(names.get(old) or old for old in history.formed_from)
        return Text(f"{h['formed']}: {olds}", style="dim")
    change = unit.rank_change
    if change is None or change == 0:
        text = Text("=")
    elif change > 0:
        text = Text(f"▲{change}", style="green")
    else:
        text = Text(f"▼{-change}", style="red")
    if history.renamed_from:
        old = names.get(history.renamed_from) or history.renamed_from
        text.append(f" ({h['was']}: {old})", style="dim")
    return text


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
    h = HEADERS[lang]
    for ranking in rankings:
        fw = ranking.framework
        places = fw.precision
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
            table.caption = h["fields_hidden"]
        console.print(table)
        for note in shared_index_notes(ranking, lang):
            console.print(f"  {note}", style="yellow", markup=False)
        submitted = [u for u in ranking.units if u.result.submitted]
        if submitted:
            average = divide(sum((u.index for u in submitted), Decimal(0)), Decimal(len(submitted)))
            counts = Counter(_band_text(u, lang) or h["none"] for u in submitted)
            order = [pick(b.label, b.label_en, lang) for b in fw.bands]
            parts = [f"{label} {counts[label]}" for label in order if counts.get(label)]
            if counts.get(h["none"]):
                parts.append(f"{h['none']} {counts[h['none']]}")
            console.print(
                Text.assemble(
                    f"  {h['average']}: ",
                    (num(average, places), "bold"),
                    f" ({len(submitted)} {h['units']}) — {h['per_band']}: " + ", ".join(parts),
                )
            )
            waiting = [u.result for u in submitted if u.result.pending]
            if waiting:  # survey or council results not supplied: those points count 0
                console.print(
                    f"  {h['pending']}: {sum(r.pending for r in waiting)} "
                    f"({len(waiting)} {h['units']})",
                    style="yellow",
                )
        console.print()
    if gone:
        console.print(f"{h['gone']}: {', '.join(gone)}")


def render_show(console: Console, framework: Framework, lang: Lang) -> None:
    """The framework tree with max points and each node's weight in % of the index."""
    h = HEADERS[lang]
    total = framework.regular_total
    places = framework.precision
    root = Tree(
        Text(
            f"{framework.framework}: {framework.title_in(lang)} "
            f"({h['regular_total']} {plain(total)})",
            style="bold",
        )
    )
    branches: list[Tree] = [root]
    adjustments: list[str] = []
    for visit in framework.walk():
        node = visit.node
        maximum = node.subtree_max
        extra: list[str] = []
        if not node.criteria:
            leaf = framework.leaf(node.id)
            if node.source != "self":
                extra.append(node.source)
            if node.adjust:
                extra.append(node.adjust)
                adjustments.append(node.id)
            if leaf is not None and leaf.policy != "forbidden":
                extra.append(f"N/A→{leaf.policy}")
            if node.evidence == "required":
                extra.append("evidence")
            if node.rule is not None:
                extra.append(node.rule.kind)
        if node.adjust or node.only_adjustments:
            weight = "±" + plain(maximum)
        else:
            weight = plain(divide(maximum * 100, total), places) + " %" if total else ""
        label = Text(f"{node.id} {node.label(lang)} ", style="bold" if visit.depth == 0 else "")
        label.append(f"[{plain(maximum)} · {weight}]", style="cyan")
        if extra:
            label.append(" " + " · ".join(extra), style="dim")
        del branches[visit.depth + 1 :]
        branches.append(branches[visit.depth].add(label))
    console.print(root)
    leaves = framework.leaves
    by_source = Counter(leaf.criterion.source for leaf in leaves if leaf.criterion.adjust is None)
    points_by_source: dict[str, Decimal] = {}
    for leaf in leaves:
        if leaf.criterion.adjust is None:
            src = leaf.criterion.source
            points_by_source[src] = points_by_source.get(src, Decimal(0)) + leaf.max
    fields = len(framework.field_ids)
    summary = ", ".join(
        f"{h['source_' + src]} {plain(points_by_source[src])} ({by_source[src]})"
        for src in ("self", "survey", "council")
        if src in points_by_source
    )
    console.print(
        Text.assemble(
            f"{h['regular_total']}: ",
            (plain(total), "bold"),
            ("" if total == 100 else " (≠ 100)")
            + f" — {fields} {h['fields']}, {len(leaves)} {h['leaves']}",
        )
    )
    console.print(f"{h['by_source']}: {summary}")
    if framework.bands:
        console.print(
            h["band"]
            + ": "
            + ", ".join(
                f"{pick(b.label, b.label_en, lang)} ≥ {plain(b.min)}" for b in framework.bands
            )
        )
    if adjustments:
        console.print(f"{h['adjustment']}: {', '.join(adjustments)}")
    console.print(tie_rule(framework), markup=False)
