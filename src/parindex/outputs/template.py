"""A blank assessment form for one unit: every `self` leaf, each with its rule in a comment."""

from __future__ import annotations

import json

from parindex.core.models import Framework
from parindex.core.numbers import plain
from parindex.core.rules import describe
from parindex.i18n import Lang


def _quote(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def render_template(framework: Framework, unit_id: str, unit_name: str, lang: Lang) -> str:
    """The form as YAML text; `validate` reports only its unanswered criteria."""
    vi = lang == "vi"
    lines = [
        f"# {'Phiếu tự đánh giá' if vi else 'Self-assessment form'}: {framework.title_in(lang)}",
        f"# framework {framework.framework}, group {framework.group}",
        "# value: null = "
        + ("chưa trả lời (tính 0 điểm)" if vi else "not answered yet (scores 0)")
        + "; self_points = "
        + ("điểm tự chấm" if vi else "the points you claim")
        + "; evidence = "
        + ("tài liệu kiểm chứng" if vi else "evidence documents"),
        "# "
        + ("Không phát sinh" if vi else "Did not arise")
        + ": {not_applicable: true, reason: ...} (only where N/A is allowed)",
        "unit:",
        f"  id: {_quote(unit_id)}",
        f"  name: {_quote(unit_name)}",
        f"  group: {_quote(framework.group)}",
        f"framework: {_quote(framework.framework)}",
        "answers:",
    ]
    by_id = {leaf.id: leaf for leaf in framework.leaves}
    wrote_any = False
    for visit in framework.walk():
        node, depth = visit.node, visit.depth
        if node.criteria:
            if any(leaf.source == "self" for leaf in node.leaf_nodes()):
                lines.append(f"  # {'=' * (3 - min(depth, 2))} {node.id} {node.label(lang)}")
            continue
        if node.source != "self":
            continue
        leaf = by_id[node.id]
        maximum = plain(leaf.max)
        lines.append(
            f"  # {node.id} {node.label(lang)} — max {maximum}"
            + (f" ({node.adjust})" if node.adjust else "")
        )
        lines.append(f"  #   {describe(node, lang)}")
        notes = []
        notes.append(
            "N/A allowed (" + leaf.policy + ")" if leaf.policy != "forbidden" else "N/A not allowed"
        )
        notes.append("evidence required" if node.evidence == "required" else "evidence optional")
        lines.append(f"  #   {'; '.join(notes)}")
        lines.append(f"  {_quote(node.id)}: {{value: null, self_points: null, evidence: []}}")
        wrote_any = True
    if not wrote_any:
        lines[-1] = "answers: {}"
    return "\n".join(lines) + "\n"
