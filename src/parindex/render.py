"""Rich tables and trees for people (the only module besides the CLI that knows rich)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from decimal import Decimal

from rich import box
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from .claims import claim_differs
from .gaps import GapReport
from .models import ChoiceRule, Criterion, Framework
from .numbers import divide, plain, round_half_up
from .results import LeafResult, RankedUnit, Ranking, UnitResult

HEADERS = {
    "vi": {
        "rank": "Hạng", "unit": "Đơn vị", "index": "Chỉ số", "band": "Xếp loại",
        "points": "Điểm", "max": "Tối đa", "claimed": "Tự chấm", "missing": "Thiếu",
        "criterion": "Tiêu chí", "value": "Số liệu", "status": "Trạng thái",
        "explanation": "Cách tính", "weight": "Tỷ trọng", "field": "Lĩnh vực",
        "average": "Chỉ số bình quân", "per_band": "Số đơn vị theo xếp loại",
        "total": "Tổng", "adjustment": "Thưởng/trừ", "change": "Thay đổi",
        "not_submitted": "chưa nộp", "new": "mới", "formed": "hợp nhất từ", "was": "trước là",
        "none": "không xếp loại", "source": "Nguồn", "gone": "Không còn trong xếp hạng",
        "regular_total": "Tổng điểm tối đa", "units": "đơn vị",
        "by_source": "Theo nguồn (điểm, số tiêu chí thành phần)",
        "fields": "lĩnh vực", "leaves": "tiêu chí thành phần", "source_self": "tự đánh giá",
        "source_survey": "điều tra XHH", "source_council": "hội đồng thẩm định",
        "explanations_hidden": "(cột cách tính được ẩn vì màn hình hẹp; xem bằng "
                               "--format csv hoặc mở rộng cửa sổ)",
        "fields_hidden": "(cột điểm từng lĩnh vực được ẩn vì màn hình hẹp; dùng --format csv "
                         "hoặc mở rộng cửa sổ)",
    },
    "en": {
        "rank": "Rank", "unit": "Unit", "index": "Index", "band": "Band",
        "points": "Points", "max": "Max", "claimed": "Claimed", "missing": "Missing",
        "criterion": "Criterion", "value": "Value", "status": "Status",
        "explanation": "How", "weight": "Weight", "field": "Field",
        "average": "Average index", "per_band": "Units per band",
        "total": "Total", "adjustment": "Bonus/penalty", "change": "Change",
        "not_submitted": "not submitted", "new": "new", "formed": "formed from", "was": "was",
        "none": "no band", "source": "Source", "gone": "No longer ranked",
        "regular_total": "Total maximum", "units": "units",
        "by_source": "By source (points, sub-criteria)",
        "fields": "fields", "leaves": "sub-criteria", "source_self": "self-assessed",
        "source_survey": "survey", "source_council": "appraisal council",
        "explanations_hidden": "(explanations hidden: the terminal is too narrow; widen it or "
                               "use --format csv)",
        "fields_hidden": "(field columns hidden: the terminal is too narrow; widen it or use "
                         "--format csv)",
    },
}
STATUS_STYLE = {"scored": "", "appraised": "cyan", "not_applicable": "dim",
                "missing": "bold red", "pending": "yellow"}


def _n(value: Decimal | None, places: int) -> str:
    return "" if value is None else plain(value, places)


def render_score(console: Console, result: UnitResult, lang: str) -> None:
    """A unit's tree: field → criterion → leaf, with values, points, claims and statuses.

    The explanation column is shown when the terminal is wide enough for it next to readable
    criterion names; otherwise a caption points to the CSV/JSON output, which always has it.
    """
    h = HEADERS[lang]
    fw = result.framework
    places = fw.precision
    table = _score_table(result, lang, explain=True)
    if console.width < WIDE_SCORE:
        table = _score_table(result, lang, explain=False)
        table.caption = h["explanations_hidden"]
    console.print(table)
    summary = Table(box=box.SIMPLE, show_header=True)
    summary.add_column(h["field"])
    summary.add_column(h["points"], justify="right")
    summary.add_column(h["max"], justify="right")
    summary.add_column(h["index"], justify="right")
    for field_id in fw.field_ids:
        field = fw.node(field_id)
        total = result.nodes[field_id]
        summary.add_row(f"{field_id} {field.label(lang) if field else ''}",
                        _n(total.points, places), _n(total.max_points, places),
                        _n(total.percent, places))
    if result.bonus or result.penalty or any(leaf.adjust for leaf in result.leaves):
        summary.add_row(h["adjustment"], _n(result.adjustment, places), "", "")
    index = round_half_up(result.index, places)
    band = fw.band_for(index)
    band_text = (band.label_en or band.label if lang == "en" else band.label) if band else h["none"]
    summary.add_row(Text(h["total"], style="bold"), _n(result.points, places),
                    _n(result.max_points, places), Text(f"{_n(index, places)}", style="bold"))
    console.print(summary)
    console.print(f"{h['index']}: [bold]{_n(index, places)}[/] — {h['band']}: "
                  f"[bold]{band_text}[/] — {h['claimed']}: {_n(result.self_points, places)} — "
                  f"{h['missing']}: {result.missing}")
    differing = [leaf for leaf in result.leaves if claim_differs(leaf, places)]
    if differing:
        over = sum(((leaf.self_points or Decimal(0)) - leaf.points for leaf in differing),
                   Decimal(0))
        console.print(("Tự chấm khác điểm tính được ở " if lang == "vi" else
                       "Claims differ from computed points on ")
                      + f"{len(differing)} " + ("tiêu chí" if lang == "vi" else "criteria")
                      + f" ({'+' if over > 0 else ''}{_n(over, places)})")


WIDE_SCORE = 140  # columns from which the score table also shows each leaf's explanation


def _score_table(result: UnitResult, lang: str, *, explain: bool) -> Table:
    h = HEADERS[lang]
    fw = result.framework
    places = fw.precision
    table = Table(box=box.SIMPLE_HEAVY, title=f"{result.name_in(lang)} — {fw.title_in(lang)}",
                  title_justify="left", caption_justify="left")
    # Wrappable, so rich narrows this column first on a small terminal; its cells are no_wrap
    # Text cut with an ellipsis. A no_wrap column would make rich shrink every column
    # evenly instead, truncating the points to "6.…".
    table.add_column(h["criterion"], max_width=64 if explain else 90)
    for key in ("value", "points", "max", "claimed"):
        table.add_column(h[key], justify="right", no_wrap=True)
    table.add_column(h["status"], no_wrap=True)
    if explain:
        table.add_column(h["explanation"], overflow="fold", min_width=20)
    blank = ("",) if explain else ()
    by_id = {leaf.criterion: leaf for leaf in result.leaves}
    stack: list[tuple[Criterion, int]] = [(n, 0) for n in reversed(fw.criteria)]
    while stack:
        node, depth = stack.pop()
        label = f"{'  ' * depth}{node.id} {node.label(lang)}"
        if node.criteria:
            style = "bold" if depth == 0 else ""
            if _only_adjustments(node):
                signed = _adjustment_sum(node, by_id)
                table.add_row(_name_cell(label, style), "", _n(signed, places), "", "", "",
                              *blank, style=style)
            else:
                total = result.nodes[node.id]
                table.add_row(_name_cell(label, style), "", _n(total.points, places),
                              _n(total.max_points, places), "", "", *blank, style=style)
            stack.extend((child, depth + 1) for child in reversed(node.criteria))
            continue
        leaf = by_id[node.id]
        claimed = _n(leaf.self_points, places)
        if claim_differs(leaf, places):
            claimed = f"[magenta]{claimed}[/]"
        explanation = (Text(_explanation(node, leaf, lang), style="dim"),) if explain else ()
        table.add_row(_name_cell(label), leaf.value, _n(leaf.points, places),
                      _n(leaf.max_points, places), claimed,
                      Text(leaf.status, style=STATUS_STYLE[leaf.status]), *explanation)
    return table


def _name_cell(label: str, style: str = "") -> Text:
    """A criterion label on one line, cut with an ellipsis when its column is narrowed."""
    return Text(label, style=style, no_wrap=True, overflow="ellipsis")


def _explanation(criterion: Criterion, leaf: LeafResult, lang: str) -> str:
    """The leaf's explanation, with an English option label under --lang en (files keep the
    framework's `label`, whatever the language)."""
    rule = criterion.rule
    if lang != "en" or not isinstance(rule, ChoiceRule):
        return leaf.explanation
    option = rule.options.get(leaf.value)
    if option is None or not option.label or not option.label_en:
        return leaf.explanation
    return leaf.explanation.replace(f"({option.label})", f"({option.label_en})", 1)


def _ranking_table(ranking: Ranking, lang: str, with_history: bool, names: Mapping[str, str],
                   *, fields: bool) -> Table:
    h = HEADERS[lang]
    fw = ranking.framework
    places = fw.precision
    field_ids = fw.field_ids if fields else []
    table = Table(title=f"{fw.title_in(lang)} ({fw.group})", title_justify="left",
                  caption_justify="left", box=box.SIMPLE_HEAVY, show_footer=False)
    # Numbers never wrap or shrink; the unit's name gives way first (cut with "…").
    table.add_column(h["rank"], justify="right", no_wrap=True)
    if with_history:
        table.add_column(h["change"], min_width=6, max_width=40)
    table.add_column(h["unit"], min_width=20, max_width=40)
    table.add_column(h["index"], justify="right", no_wrap=True)
    table.add_column(h["band"], no_wrap=True)
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
        cells += [result.name_in(lang), _n(unit.index, places), _band_text(unit, lang),
                  f"{_n(result.points, places)}/{_n(result.max_points, places)}"]
        cells += [_n(result.nodes[f].points, places) for f in field_ids]
        cells += [_n(result.self_points, places), str(result.missing) if result.missing
                  else ""]
        table.add_row(*cells, style="dim" if not result.submitted else "")
    return table


def _band_text(unit: RankedUnit, lang: str) -> str:
    if not unit.result.submitted:
        return HEADERS[lang]["not_submitted"]
    if unit.band is None:
        return ""
    return (unit.band.label_en or unit.band.label) if lang == "en" else unit.band.label


def _change_text(unit: RankedUnit, lang: str, names: Mapping[str, str]) -> Text:
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


def render_ranking(console: Console, rankings: Sequence[Ranking], lang: str, *,
                   with_history: bool = False, gone: Sequence[str] = (),
                   names: Mapping[str, str] | None = None) -> None:
    """One table per group, with a footer of the group's average index and band counts.

    Field columns are shown when the terminal is wide enough for them; numbers are never cut.
    """
    h = HEADERS[lang]
    for ranking in rankings:
        fw = ranking.framework
        places = fw.precision
        names = names or {}
        table = _ranking_table(ranking, lang, with_history, names, fields=True)
        unbounded = console.options.update_width(10_000)
        if Measurement.get(console, unbounded, table).minimum > console.width:
            table = _ranking_table(ranking, lang, with_history, names, fields=False)
            table.caption = h["fields_hidden"]
        console.print(table)
        submitted = [u for u in ranking.units if u.result.submitted]
        if submitted:
            average = divide(sum((u.index for u in submitted), Decimal(0)),
                             Decimal(len(submitted)))
            counts = Counter(_band_text(u, lang) or h["none"] for u in submitted)
            order = [(b.label_en or b.label) if lang == "en" else b.label for b in fw.bands]
            parts = [f"{label} {counts[label]}" for label in order if counts.get(label)]
            if counts.get(h["none"]):
                parts.append(f"{h['none']} {counts[h['none']]}")
            console.print(f"  {h['average']}: [bold]{_n(average, places)}[/] "
                          f"({len(submitted)} {h['units']}) — {h['per_band']}: "
                          + ", ".join(parts))
        console.print()
    if gone:
        console.print(f"{h['gone']}: {', '.join(gone)}")


def render_show(console: Console, framework: Framework, lang: str) -> None:
    """The framework tree with max points and each node's weight in % of the index."""
    h = HEADERS[lang]
    total = framework.regular_total
    places = framework.precision
    root = Tree(Text(f"{framework.framework}: {framework.title_in(lang)} "
                     f"({h['regular_total']} {plain(total)})", style="bold"))
    stack: list[tuple[Criterion, Tree]] = [(n, root) for n in reversed(framework.criteria)]
    adjustments: list[str] = []
    while stack:
        node, parent = stack.pop()
        maximum = _node_max(node)
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
        if node.adjust or _only_adjustments(node):
            weight = "±" + plain(maximum)
        else:
            weight = plain(divide(maximum * 100, total), places) + " %" if total else ""
        label = Text(f"{node.id} {node.label(lang)} ", style="bold" if parent is root else "")
        label.append(f"[{plain(maximum)} · {weight}]", style="cyan")
        if extra:
            label.append(" " + " · ".join(extra), style="dim")
        branch = parent.add(label)
        if node.criteria:
            stack.extend((child, branch) for child in reversed(node.criteria))
    console.print(root)
    leaves = framework.leaves
    by_source = Counter(leaf.criterion.source for leaf in leaves if leaf.criterion.adjust is None)
    points_by_source: dict[str, Decimal] = {}
    for leaf in leaves:
        if leaf.criterion.adjust is None:
            src = leaf.criterion.source
            points_by_source[src] = points_by_source.get(src, Decimal(0)) + leaf.max
    fields = len(framework.field_ids)
    summary = ", ".join(f"{h['source_' + src]} {plain(points_by_source[src])} ({by_source[src]})"
                        for src in ("self", "survey", "council") if src in points_by_source)
    console.print(f"{h['regular_total']}: [bold]{plain(total)}[/]"
                  + ("" if total == 100 else " (≠ 100)")
                  + f" — {fields} {h['fields']}, {len(leaves)} {h['leaves']}")
    console.print(f"{h['by_source']}: {summary}")
    if framework.bands:
        console.print(h["band"] + ": " + ", ".join(
            f"{(b.label_en or b.label) if lang == 'en' else b.label} ≥ {plain(b.min)}"
            for b in framework.bands))
    if adjustments:
        console.print(f"{h['adjustment']}: {', '.join(adjustments)}")


def _adjustment_sum(node: Criterion, by_id: dict[str, LeafResult]) -> Decimal:
    """Bonus minus penalty under an adjustment-only node."""
    total = Decimal(0)
    stack = [node]
    while stack:
        current = stack.pop()
        if current.criteria:
            stack.extend(current.criteria)
        elif current.id in by_id:
            leaf = by_id[current.id]
            total += leaf.points if leaf.adjust == "bonus" else -leaf.points
    return total


def _node_max(node: Criterion) -> Decimal:
    if not node.criteria:
        return node.max or Decimal(0)
    return sum((_node_max(c) for c in node.criteria), Decimal(0))


def _only_adjustments(node: Criterion) -> bool:
    if not node.criteria:
        return node.adjust is not None
    return all(_only_adjustments(c) for c in node.criteria)


def render_claims_table(console: Console, rankings: Sequence[Ranking], lang: str) -> None:
    from .claims import claim_leaves, final_on_claimed, units_by_over_claim

    vi = lang == "vi"
    results = units_by_over_claim(rankings)
    if not results:
        console.print("Không có chênh lệch giữa điểm tự chấm và điểm cuối cùng." if vi else
                      "No claimed points differ from the final points.")
        return
    for result in results:
        places = result.framework.precision
        final = final_on_claimed(result)
        title = (f"{result.name_in(lang)} ({result.unit_id}) — "
                 + ("tự chấm" if vi else "claimed") + f" {plain(result.self_points, places)}, "
                 + ("điểm cuối trên cùng các tiêu chí" if vi else "final on the same criteria")
                 + f" {plain(final, places)} ("
                 + ("chỉ số" if vi else "index") + f" {plain(result.index, places)})")
        table = Table(title=title, title_justify="left", box=box.SIMPLE)
        for header, justify in ((("Tiêu chí", "Criterion"), "left"),
                                (("Tự chấm", "Claimed"), "right"),
                                (("Điểm", "Points"), "right"),
                                (("Chênh lệch", "Difference"), "right"),
                                (("Trạng thái", "Status"), "left"),
                                (("Cách tính", "How"), "left")):
            table.add_column(header[0] if vi else header[1], justify=justify)  # type: ignore[arg-type]
        for leaf in claim_leaves(result):
            claimed = leaf.self_points or Decimal(0)
            diff = claimed - leaf.points
            table.add_row(f"{leaf.criterion} {leaf.name_en or leaf.name if not vi else leaf.name}",
                          plain(claimed, places), plain(leaf.points, places),
                          f"[red]+{plain(diff, places)}[/]" if diff > 0 else plain(diff, places),
                          leaf.status, leaf.explanation)
        console.print(table)


def render_gaps(console: Console, report: GapReport, lang: str) -> None:
    """Lost points largest first, survey/council apart, then the climb: band and rivals."""
    vi = lang == "vi"
    result = report.result
    places = result.framework.precision
    index = round_half_up(result.index, places)
    console.print(f"[bold]{result.name_in(lang)}[/] — {HEADERS[lang]['index']} "
                  f"{_n(index, places)}, {HEADERS[lang]['points']} "
                  f"{_n(result.points, places)}/{_n(result.max_points, places)}")
    for title, gaps in (((("Điểm bị mất ở các tiêu chí đơn vị tự đánh giá",
                           "Points lost on the unit's own criteria")), report.own),
                        ((("Điểm điều tra xã hội học và Hội đồng thẩm định",
                           "Survey and council criteria")), report.outside)):
        if not gaps:
            continue
        table = Table(title=title[0] if vi else title[1], title_justify="left", box=box.SIMPLE)
        table.add_column(HEADERS[lang]["criterion"], no_wrap=True, max_width=48,
                         overflow="ellipsis")
        table.add_column(HEADERS[lang]["value"], justify="right", no_wrap=True)
        table.add_column("Mất" if vi else "Lost", justify="right", no_wrap=True)
        table.add_column(HEADERS[lang]["max"], justify="right", no_wrap=True)
        table.add_column("Để đạt tối đa" if vi else "To earn them", overflow="fold",
                         min_width=30)
        for gap in gaps:
            leaf = gap.leaf
            name = (leaf.name_en or leaf.name) if not vi else leaf.name
            table.add_row(f"{leaf.criterion} {name}", leaf.value, _n(gap.lost, places),
                          _n(leaf.counted_max, places), gap.advice)
        console.print(table)
    for leaf in report.penalties:
        name = (leaf.name_en or leaf.name) if not vi else leaf.name
        console.print(("Điểm trừ" if vi else "Penalty") + f": {leaf.criterion} {name} "
                      f"[red]−{_n(leaf.points, places)}[/] ({leaf.explanation})")
    if report.next_band is not None:
        target = report.next_band
        needs = "cần thêm" if vi else "needs"
        unit = "điểm" if vi else "points"
        label = target.label if vi else (target.label_en or target.label)
        console.print(("Xếp loại kế tiếp" if vi else "Next band") + f": [bold]{label}[/] "
                      f"(≥ {plain(target.index)}) {needs} "
                      f"[bold]{_n(target.points_needed, places)}[/] {unit}")
    for rival in report.rivals:
        needs = "cần thêm" if vi else "needs"
        unit = "điểm" if vi else "points"
        console.print(("Để vượt " if vi else "To pass ") + f"{rival.label} "
                      f"({_n(rival.index, places)}): {needs} "
                      f"[bold]{_n(rival.points_needed, places)}[/] {unit}")
