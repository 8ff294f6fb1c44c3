"""Rich tables about one unit: its score tree, its gaps, and the claims councils read."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from rich import box
from rich.cells import cell_len, set_cell_size
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from parindex.core.models import ChoiceRule, Criterion
from parindex.core.numbers import plain, round_half_up
from parindex.core.results import LeafResult, Ranking, UnitResult, claim_differs
from parindex.errors import shown
from parindex.i18n import Lang, _, pick
from parindex.outputs.views import HEADERS, NOT_APPLICABLE, STATUS_STYLE, num

if TYPE_CHECKING:
    from parindex.core.gaps import GapReport, Target


def render_score(console: Console, result: UnitResult, lang: Lang) -> None:
    """A unit's tree: field → criterion → leaf, with values, points, claims and statuses;
    then its fields, total, index and band.

    The explanation column takes what the terminal has left and is cut to one line (the CSV
    and JSON outputs always hold it whole); on a narrow terminal it is left out, and a note
    says so.
    """
    h = HEADERS[lang]
    fw = result.framework
    places = fw.precision
    block = Lines()
    _score_tree(block, console.width, result, lang)
    block.add()
    _score_summary(block, console.width, result, lang)
    block.add()
    index = round_half_up(result.index, places)
    band = fw.band_for(index)
    band_text = pick(band.label, band.label_en, lang) if band else h["none"]
    block.note(
        (f"{h['index']}: ", ""),
        (num(index, places), "bold"),
        (f" — {h['band']}: ", ""),
        (band_text, "bold"),
        (
            f" — {h['claimed']}: {num(result.self_points, places)} — "
            f"{h['missing']}: {result.missing}",
            "",
        ),
    )
    differing = [leaf for leaf in result.leaves if claim_differs(leaf, places)]
    if differing:
        over = sum(
            ((leaf.signed_claim or Decimal(0)) - leaf.signed_points for leaf in differing),
            Decimal(0),
        )
        block.note(
            (
                (
                    "Tự chấm khác điểm tính được ở "
                    if lang == "vi"
                    else "Claims differ from computed points on "
                )
                + f"{len(differing)} "
                + ("tiêu chí" if lang == "vi" else "criteria")
                + f" ({'+' if over > 0 else ''}{num(over, places)})",
                "",
            )
        )
    console.print(block, crop=False)


class Lines:
    """Lines laid out by parindex, printed as they are: each a run of (text, style) spans,
    or a note that wraps.

    rich's Text and Table measure, wrap and pad every cell again (for the ~600 cells of a
    score tree, most of the time `score` takes); these lines are already aligned by display
    width, so they are only cut at the console's width.
    """

    def __init__(self) -> None:
        self.lines: list[tuple[tuple[str, str], ...] | Text] = []

    def add(self, *spans: tuple[str, str]) -> None:
        merged: list[tuple[str, str]] = []  # fewer, longer segments: neighbours in one style
        for text, style in spans:
            if merged and merged[-1][1] == style:
                merged[-1] = (merged[-1][0] + text, style)
            else:
                merged.append((text, style))
        self.lines.append(tuple(merged))

    def note(self, *spans: tuple[str, str]) -> None:
        """A line of prose: it wraps instead of being cut."""
        self.lines.append(Text.assemble(*spans))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        styles: dict[str, Style | None] = {"": None}
        newline = Segment.line()
        for spans in self.lines:
            if isinstance(spans, Text):
                yield spans
                continue
            room = width
            for text, style in spans:
                size = cell_len(text)
                if size > room:  # only on a terminal narrower than any layout: say so
                    text, size = (set_cell_size(text, room - 1) + "…" if room > 0 else ""), room
                if style not in styles:
                    styles[style] = console.get_style(style)
                if text:
                    yield Segment(text, styles[style])
                room -= size
            yield newline


NAME_WIDTH = 64  # the widest criterion column
MIN_EXPLANATION = 24  # narrower than this, the explanation column is left out
MIN_NAME = 30
MIN_CUT_NAME = 16  # the narrowest a name is cut to before number columns give way
NUMBERS = (1, 2, 3, 4)  # right-aligned columns of the tree: value, points, max, claimed


def _score_rows(result: UnitResult, lang: Lang) -> list[tuple[list[str], str, LeafResult | None]]:
    """One row per node in tree order: cells, the row's style, and its leaf result."""
    places = result.framework.precision
    nodes = result.nodes
    by_id = {leaf.criterion: leaf for leaf in result.leaves}
    rows: list[tuple[list[str], str, LeafResult | None]] = []
    for visit in result.framework.walk():
        node, depth = visit.node, visit.depth
        label = shown(f"{'  ' * depth}{node.id} {node.label(lang)}")
        if node.criteria:
            style = "bold" if depth == 0 else ""
            if node.only_adjustments:
                cells = [label, "", num(_adjustment_sum(node, by_id), places), "", "", "", ""]
            else:
                total = nodes[node.id]
                cells = [
                    label,
                    "",
                    num(total.points, places),
                    num(total.max_points, places),
                    "",
                    "",
                    "",
                ]
            rows.append((cells, style, None))
            continue
        leaf = by_id[node.id]
        rows.append(
            (
                [  # text from the files, escaped before it is measured (SafeConsole)
                    label,
                    shown(leaf.value),
                    num(leaf.signed_points, places),
                    num(leaf.max_points, places),
                    num(leaf.signed_claim, places),
                    leaf.status,
                    shown(_explanation(node, leaf, lang)),
                ],
                "",
                leaf,
            )
        )
    return rows


def _score_tree(block: Lines, width: int, result: UnitResult, lang: Lang) -> None:
    """The tree as aligned columns: names get what the numbers leave, the explanation what
    the names leave (up to 48 columns), and nothing narrower than MIN_EXPLANATION."""
    h = HEADERS[lang]
    places = result.framework.precision
    headers = [
        h[k] for k in ("criterion", "value", "points", "max", "claimed", "status", "explanation")
    ]
    rows = _score_rows(result, lang)
    widths = [max(cell_len(headers[i]), *(cell_len(r[0][i]) for r in rows)) for i in range(6)]
    # Numbers are never cut: on a very narrow terminal whole columns give way instead.
    hidden = _drop_columns(widths, (5, 4, 3, 1), width)
    fixed = sum(w + 2 for w in widths[1:6] if w) + 2 + 2  # gaps of two, the left margin
    avail = width - fixed
    explain = not hidden and avail >= MIN_NAME + MIN_EXPLANATION
    if explain:
        widths[0] = min(widths[0], NAME_WIDTH, max(MIN_NAME, avail - 48))
    else:
        widths[0] = min(widths[0], max(1, avail + 2))  # no explanation gap
    widths.append(avail - widths[0] if explain else 0)
    block.note((f"{result.name_in(lang)} — {result.framework.title_in(lang)}", "bold"))
    header = _aligned(headers, widths, NUMBERS, "bold")
    block.add(*header)
    block.add(("━" * min(width, sum(cell_len(text) for text, _ in header)), "dim"))
    for cells, style, leaf in rows:
        styles = [style] * 7
        if leaf is not None:
            styles[4] = "magenta" if claim_differs(leaf, places) else ""
            styles[5] = STATUS_STYLE[leaf.status]
            styles[6] = "dim"
        block.add(*_aligned(cells, widths, NUMBERS, styles))
    if hidden:
        block.note((h["columns_hidden"], "dim"))
    elif not explain:
        block.note((h["explanations_hidden"], "dim"))


def _score_summary(block: Lines, width: int, result: UnitResult, lang: Lang) -> None:
    """Points, maximum and index of each field, the bonus/penalty and the total."""
    h = HEADERS[lang]
    fw = result.framework
    places = fw.precision
    rows: list[tuple[list[str], str]] = []
    for field_id in fw.field_ids:
        field = fw.node(field_id)
        total = result.fields[field_id]
        rows.append(
            (
                [
                    f"{field_id} {field.label(lang) if field else ''}",
                    num(total.points, places),
                    num(total.max_points, places),
                    num(total.percent, places) if total.max_points else NOT_APPLICABLE,
                ],
                "",
            )
        )
    if result.bonus or result.penalty or any(leaf.adjust for leaf in result.leaves):
        rows.append(([h["adjustment"], num(result.adjustment, places), "", ""], ""))
    index = round_half_up(result.index, places)
    rows.append(
        (
            [
                h["total"],
                num(result.points, places),
                num(result.max_points, places),
                num(index, places),
            ],
            "bold",
        )
    )
    headers = [h[k] for k in ("field", "points", "max", "index")]
    widths = [max(cell_len(headers[i]), *(cell_len(r[0][i]) for r in rows)) for i in range(4)]
    hidden = _drop_columns(widths, (2, 1), width)
    widths[0] = min(widths[0], max(1, width - sum(w + 2 for w in widths[1:] if w) - 2))
    header = _aligned(headers, widths, (1, 2, 3), "bold")
    block.add(*header)
    block.add(("─" * min(width, sum(cell_len(text) for text, _ in header)), "dim"))
    for cells, style in rows:
        block.add(*_aligned(cells, widths, (1, 2, 3), style))
    if hidden:
        block.note((h["columns_hidden"], "dim"))


def _drop_columns(widths: list[int], order: Sequence[int], width: int) -> bool:
    """Set columns to width 0 in `order` until the rest fit in `width` beside a first column
    of MIN_CUT_NAME; True when any had to go."""
    hidden = False
    for column in order:
        if 2 + MIN_CUT_NAME + sum(w + 2 for w in widths[1:] if w) <= width:
            break
        widths[column] = 0
        hidden = True
    return hidden


def _fit(text: str, width: int, *, right: bool = False) -> str:
    """`text` in exactly `width` cells: cut with an ellipsis, padded on the left or right."""
    size = cell_len(text)
    if size > width:  # one cell a character (NFC Vietnamese) is cut by slicing, faster
        cut = text[: width - 1]
        if cell_len(cut) != width - 1:
            cut = set_cell_size(text, width - 1)
        text, size = cut + "…", width
    pad = " " * (width - size)
    return pad + text if right else text + pad


def _aligned(
    cells: Sequence[str], widths: Sequence[int], right: Sequence[int], styles: str | Sequence[str]
) -> list[tuple[str, str]]:
    """One line of columns two spaces apart after a margin of two, as spans; a column of
    width 0 is left out, and the line ends at its last non-blank cell."""
    spans: list[tuple[str, str]] = [("  ", "")]
    for column, (cell, width) in enumerate(zip(cells, widths, strict=True)):
        if width <= 0:
            continue
        if column:
            spans.append(("  ", ""))
        style = styles if isinstance(styles, str) else styles[column]
        spans.append((_fit(cell, width, right=column in right), style))
    while spans and not spans[-1][0].strip():
        spans.pop()
    if spans:
        spans[-1] = (spans[-1][0].rstrip(), spans[-1][1])
    return spans


def _explanation(criterion: Criterion, leaf: LeafResult, lang: Lang) -> str:
    """The leaf's explanation, with an English option label under --lang en (files keep the
    framework's `label`, whatever the language)."""
    rule = criterion.rule
    if lang != "en" or not isinstance(rule, ChoiceRule):
        return leaf.explanation
    option = rule.options.get(leaf.value)
    if option is None or not option.label or not option.label_en:
        return leaf.explanation
    return leaf.explanation.replace(f"({option.label})", f"({option.label_en})", 1)


def _adjustment_sum(node: Criterion, by_id: dict[str, LeafResult]) -> Decimal:
    """Bonus minus penalty under an adjustment-only node."""
    return sum(
        (by_id[leaf.id].signed_points for leaf in node.leaf_nodes() if leaf.id in by_id),
        Decimal(0),
    )


def render_claims_table(console: Console, rankings: Sequence[Ranking], lang: Lang) -> None:
    from parindex.core.claims import claim_leaves, excess, final_on_claimed, units_by_over_claim

    vi = lang == "vi"
    results = units_by_over_claim(rankings)
    if not results:
        console.print(
            "Không có chênh lệch giữa điểm tự chấm và điểm cuối cùng."
            if vi
            else "No claimed points differ from the final points."
        )
        return
    for result in results:
        places = result.framework.precision
        final = final_on_claimed(result)
        title = (
            f"{result.name_in(lang)} ({result.unit_id}) — "
            + ("tự chấm" if vi else "claimed")
            + f" {plain(result.self_points, places)}, "
            + ("điểm cuối trên cùng các tiêu chí" if vi else "final on the same criteria")
            + f" {plain(final, places)} ("
            + ("chỉ số" if vi else "index")
            + f" {plain(result.index, places)})"
        )
        table = Table(title=title, title_justify="left", box=box.SIMPLE)
        for header, justify in (
            (("Tiêu chí", "Criterion"), "left"),
            (("Tự chấm", "Claimed"), "right"),
            (("Điểm", "Points"), "right"),
            (("Chênh lệch", "Difference"), "right"),
            (("Trạng thái", "Status"), "left"),
            (("Cách tính", "How"), "left"),
        ):
            table.add_column(header[0] if vi else header[1], justify=justify)  # type: ignore[arg-type]
        for leaf in claim_leaves(result):
            claimed = leaf.signed_claim or Decimal(0)
            diff = excess(leaf)
            table.add_row(
                f"{leaf.criterion} {pick(leaf.name, leaf.name_en, lang)}",
                plain(claimed, places),
                plain(leaf.signed_points, places),
                Text(f"+{plain(diff, places)}", style="red") if diff > 0 else plain(diff, places),
                leaf.status,
                leaf.explanation,
            )
        console.print(table)


def render_gaps(console: Console, report: GapReport, lang: Lang) -> None:
    """Lost points largest first, survey/council apart, then the climb: band and rivals."""
    vi = lang == "vi"
    result = report.result
    places = result.framework.precision
    index = round_half_up(result.index, places)
    console.print(
        Text.assemble(
            (result.name_in(lang), "bold"),
            f" — {HEADERS[lang]['index']} {num(index, places)}, {HEADERS[lang]['points']} "
            f"{num(result.points, places)}/{num(result.max_points, places)}",
        )
    )
    for title, gaps in (
        (
            (
                (
                    "Điểm bị mất ở các tiêu chí đơn vị tự đánh giá",
                    "Points lost on the unit's own criteria",
                )
            ),
            report.own,
        ),
        (
            (("Điểm điều tra xã hội học và Hội đồng thẩm định", "Survey and council criteria")),
            report.outside,
        ),
    ):
        if not gaps:
            continue
        table = Table(title=title[0] if vi else title[1], title_justify="left", box=box.SIMPLE)
        table.add_column(
            HEADERS[lang]["criterion"], no_wrap=True, max_width=48, overflow="ellipsis"
        )
        table.add_column(HEADERS[lang]["value"], justify="right", no_wrap=True)
        table.add_column("Mất" if vi else "Lost", justify="right", no_wrap=True)
        table.add_column(HEADERS[lang]["max"], justify="right", no_wrap=True)
        table.add_column("Để đạt tối đa" if vi else "To earn them", overflow="fold", min_width=30)
        for gap in gaps:
            leaf = gap.leaf
            name = pick(leaf.name, leaf.name_en, lang)
            table.add_row(
                f"{leaf.criterion} {name}",
                leaf.value,
                num(gap.lost, places),
                num(leaf.counted_max, places),
                gap.advice,
            )
        console.print(table)
    for leaf in report.penalties:
        name = pick(leaf.name, leaf.name_en, lang)
        console.print(
            Text.assemble(
                ("Điểm trừ" if vi else "Penalty") + f": {leaf.criterion} {name} ",
                (f"−{num(leaf.points, places)}", "red"),
                f" ({leaf.explanation})",
            )
        )
    if report.next_band is not None:
        target = report.next_band
        label = pick(target.label, target.label_en, lang)
        line = Text.assemble(
            ("Xếp loại kế tiếp" if vi else "Next band") + ": ",
            (label, "bold"),
            f" (≥ {plain(target.index)}) ",
        )
        line.append_text(_climb(target, places, lang))
        console.print(line)
    for rival in report.rivals:
        line = Text(("Để vượt " if vi else "To pass ") + f"{rival.label} ")
        line.append(f"({num(rival.index, places)}): ")
        line.append_text(_climb(rival, places, lang))
        console.print(line)


def _climb(target: Target, places: int, lang: Lang) -> Text:
    """What reaching `target` takes, never more than the cap and the lost points allow."""
    vi = lang == "vi"
    points = num(target.points_needed, places)
    if target.reach == "out":
        return Text(
            _("out of reach this year (needs {points} points, more than the unit lost)").format(
                points=points
            ),
            style="dim",
        )
    text = Text(_("can at best tie (the index stops at 100): ") if target.reach == "tie" else "")
    text.append("cần thêm " if vi else "needs ")
    text.append(points, style="bold")
    text.append(" điểm" if vi else " points")
    return text
