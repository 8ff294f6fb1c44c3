"""A blank assessment form for one unit, as YAML: every `self` leaf, each with its rule in a
comment in the run's language."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from parindex.core.forms import FormAnswer
from parindex.core.models import Criterion, Framework, Leaf
from parindex.core.rules import describe
from parindex.i18n import N_, Lang, _, number
from parindex.outputs.words import ADJUST_TAG

POLICY_NOTE = {
    "forbidden": N_("N/A not allowed"),
    "exclude": N_("N/A allowed (exclude)"),
    "full": N_("N/A allowed (full)"),
}


def _quote(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?\Z")


def render_template(
    framework: Framework,
    unit_id: str,
    unit_name: str,
    lang: Lang,
    answers: Mapping[str, FormAnswer] | None = None,
) -> str:
    """The form as YAML text; `validate` reports only its unanswered criteria. Comments are in
    the run's language; keys, ids and values stay as the file format has them. `answers`
    prefill it (each written as the framework names it, see `core.forms.canonical`)."""
    lines = [
        "# " + _("Self-assessment form: {title}").format(title=framework.title_in(lang)),
        "# "
        + _("framework {framework}, group {group}").format(
            framework=framework.framework, group=framework.group
        ),
        "# "
        + _(
            "value: null = not answered yet (scores 0); self_points = the points you claim; "
            "evidence = evidence documents"
        ),
        "# "
        + _(
            "Did not arise: {{not_applicable: true, reason: ...}} (only where N/A is allowed)"
        ).format(),
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
        lines.extend(_leaf_lines(node, by_id[node.id], lang, (answers or {}).get(node.id)))
        wrote_any = True
    if not wrote_any:
        lines[-1] = "answers: {}"
    return "\n".join(lines) + "\n"


def _leaf_lines(node: Criterion, leaf: Leaf, lang: Lang, answer: FormAnswer | None) -> list[str]:
    """One criterion of the form: its name and maximum, the framework's guidance, its rule,
    what may be left out, and the answer to fill in."""
    maximum = number(leaf.max, lang, trim=True)
    head = _("{id} {name} — max {points}").format(id=node.id, name=node.label(lang), points=maximum)
    if node.adjust:
        head += f" ({_(ADJUST_TAG[node.adjust])})"
    lines = [f"  # {head}"]
    lines.extend(
        f"  #   {line.strip()}" if line.strip() else "  #"
        for line in (node.description or "").strip().splitlines()
    )
    lines.append(f"  #   {describe(node, lang)}")
    notes = [
        _(POLICY_NOTE[leaf.policy]),
        _("evidence required") if node.evidence == "required" else _("evidence optional"),
    ]
    lines.append(f"  #   {'; '.join(notes)}")
    lines.append(f"  {_quote(node.id)}: {_answer(answer)}")
    return lines


def _answer(answer: FormAnswer | None) -> str:
    """An answer as one flow mapping; an empty one as the blank form has it."""
    if answer is None or answer.empty:
        return "{value: null, self_points: null, evidence: []}"
    parts = []
    if answer.numerator is not None or answer.denominator is not None:
        ratio = (
            f"numerator: {_scalar(answer.numerator)}, denominator: {_scalar(answer.denominator)}"
        )
        parts.append(f"value: {{{ratio}}}")
    elif answer.value is not None or not answer.not_applicable:
        parts.append(f"value: {_scalar(answer.value)}")
    if answer.not_applicable:
        parts.append("not_applicable: true")
    if answer.reason:
        parts.append(f"reason: {_quote(answer.reason)}")
    parts.append(f"self_points: {_scalar(answer.self_points)}")
    parts.append(f"evidence: [{', '.join(_quote(e) for e in answer.evidence)}]")
    return "{" + ", ".join(parts) + "}"


def _scalar(text: str | None) -> str:
    """A value as YAML: null, a plain number, or quoted text."""
    if text is None:
        return "null"
    return text if _NUMBER.match(text) else _quote(text)
