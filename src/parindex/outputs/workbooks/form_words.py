"""What a person reads in the unit's workbook form, in the run's language: the title block, the
column headers, each criterion's rule in words (options named by their labels only, never by
their keys), and the messages of the cells' checks (decimal commas under vi)."""

from __future__ import annotations

from decimal import Decimal

from parindex.core.forms import BOOLEAN_ENTRIES, NOT_APPLICABLE_ENTRIES
from parindex.core.kinds.models import BooleanRule, ChoiceRule, RatioRule
from parindex.core.models import Criterion, Leaf
from parindex.core.rule_texts import points_words, with_unit
from parindex.core.rules import Bounds, describe, options
from parindex.i18n import N_, Lang, _, number, pick
from parindex.outputs.words import ADJUST_TAG

# The header people read above each column (the key row above it stays as it is).
COLUMN_LABELS = {
    "criterion": N_("Criterion id"),
    "name": N_("Name of the criterion"),
    "max_points": N_("Maximum points"),
    "rule": N_("How it is scored"),
    "value": N_("Result (value)"),
    "numerator": N_("Numerator"),
    "denominator": N_("Denominator"),
    "not_applicable": N_("Did not arise"),
    "reason": N_("Reason it did not arise"),
    "self_points": N_("Points claimed"),
    "evidence": N_("Evidence documents (one per line)"),
}
TITLE_LABELS = {
    "unit_name": N_("Unit:"),
    "unit_id": N_("Unit id:"),
    "group": N_("Group:"),
    "framework": N_("Framework:"),
}
# Excel's limits on a check's words: longer ones make it refuse the file.
TITLE_LIMIT = 32
PROMPT_LIMIT = 255
ERROR_LIMIT = 225


def form_title(title: str) -> str:
    return _("Self-assessment form: {title}").format(title=title)


def instructions(lang: Lang) -> str:
    return _(
        "Fill in only the yellow cells: the result of each criterion (choose from the list "
        "where there is one), the points you claim and the evidence documents, one per line "
        "(Alt+Enter starts a new line in a cell). Where a criterion did not arise this year, "
        "choose “{entry}” and give the reason. Grey rows are scored by the sociological "
        "survey or by the appraisal council."
    ).format(entry=NOT_APPLICABLE_ENTRIES[lang])


def node_name(node: Criterion, lang: Lang) -> str:
    """The criterion's name, tagged when it is a bonus or penalty."""
    name = node.label(lang)
    return f"{name} ({_(ADJUST_TAG[node.adjust])})" if node.adjust else name


def rule_text(node: Criterion, leaf: Leaf, lang: Lang) -> str:
    """The framework's guidance for the criterion, then what it takes and what that earns
    (or who gives its value), then what may be left out."""
    lines = [line.strip() for line in (node.description or "").splitlines() if line.strip()]
    if node.source == "survey":
        lines.append(_("Scored by the sociological survey; the unit fills in nothing here."))
        return "\n".join(lines)
    if node.source == "council":
        lines.append(_("Scored by the appraisal council; the unit fills in nothing here."))
        return "\n".join(lines)
    lines.append(_rule_words(node, lang))
    notes = [_policy_words(leaf, lang)]
    if node.evidence == "required":
        notes.append(_("evidence documents are required"))
    lines.append(_capital("; ".join(notes)))
    return "\n".join(lines)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _rule_words(node: Criterion, lang: Lang) -> str:
    """What the criterion takes and what each answer earns; options by their labels only."""
    rule = node.rule
    top = node.max or Decimal(0)
    if isinstance(rule, ChoiceRule):
        named = "; ".join(
            f"“{entry}” → {points_words(choice.points)}"
            for entry, choice in zip(option_entries(node, lang), options(node), strict=True)
        )
        return _("Choose one: {options}").format(options=named)
    if isinstance(rule, BooleanRule):
        yes, no = BOOLEAN_ENTRIES[lang]
        return _("Choose “{yes}” ({yes_points}) or “{no}” ({no_points})").format(
            yes=yes, no=no, yes_points=points_words(top), no_points=points_words(Decimal(0))
        )
    if isinstance(rule, RatioRule):
        limits = ""
        if rule.full_at is not None:
            full = _("at least {bound}").format(bound=with_unit(rule.full_at, "%"))
            limits += f"; {full} → {points_words(top)}"
        if rule.zero_below is not None:
            zero = _("below {bound}").format(bound=with_unit(rule.zero_below, "%"))
            limits += f"; {zero} → {points_words(Decimal(0))}"
        return _(
            "A percent from 0 to 100 (type 75 for 75 %), or the numerator and the denominator "
            "in their columns: points = rate × {top} / 100{limits}; a denominator of 0 means "
            "it did not arise"
        ).format(top=number(top, lang, trim=True), limits=limits)
    return _capital(describe(node, lang))


def _policy_words(leaf: Leaf, lang: Lang) -> str:
    entry = NOT_APPLICABLE_ENTRIES[lang]
    if leaf.policy == "exclude":
        return _("“{entry}” may be chosen (the criterion then leaves the maximum)").format(
            entry=entry
        )
    if leaf.policy == "full":
        return _("“{entry}” may be chosen (the criterion then earns its full points)").format(
            entry=entry
        )
    return _("“{entry}” cannot be chosen").format(entry=entry)


def option_entries(node: Criterion, lang: Lang) -> list[str]:
    """A choice criterion's options as its drop-down offers them: each option's label in
    `lang` (its key when it has no label)."""
    return [
        pick(choice.label or "", choice.label_en, lang) or choice.key for choice in options(node)
    ]


def option_entry(node: Criterion, key: str, lang: Lang) -> str:
    """The drop-down's entry of the option `key`."""
    for choice in options(node):
        if choice.key == key:
            return pick(choice.label or "", choice.label_en, lang) or key
    return key  # pragma: no cover - callers pass the keys of the rule's options


def said(value: Decimal, lang: Lang) -> str:
    """A bound as a prompt says it: a negative one with the true minus sign, as the rule's
    description beside it writes the deduction floor ("−0,25")."""
    return number(value, lang, trim=True, minus="−")


# --- the checks' words -------------------------------------------------------------------


class Words:
    """A check's words: the input message shown when the cell is selected, and the error
    shown when what was typed is refused (each clipped to what Excel accepts)."""

    __slots__ = ("error", "error_title", "prompt", "prompt_title")

    def __init__(self, prompt_title: str, prompt: str, error_title: str = "", error: str = ""):
        self.prompt_title = prompt_title[:TITLE_LIMIT]
        self.prompt = prompt[:PROMPT_LIMIT]
        self.error_title = error_title[:TITLE_LIMIT]
        self.error = error[:ERROR_LIMIT]

    def key(self) -> tuple[str, str, str, str]:
        return (self.prompt_title, self.prompt, self.error_title, self.error)


def choice_words(node: Criterion, lang: Lang) -> Words:
    listed = ", ".join(f"“{e}”" for e in option_entries(node, lang))
    return Words(
        _("Result"),
        _("Choose one from the list: {options}").format(options=listed),
        _("Not in the list"),
        _("Choose one of this criterion's options from the list: {options}").format(options=listed),
    )


def boolean_words(lang: Lang) -> Words:
    yes, no = BOOLEAN_ENTRIES[lang]
    return Words(
        _("Result"),
        _("Choose “{yes}” or “{no}”.").format(yes=yes, no=no),
        _("Not in the list"),
        _("Choose “{yes}” or “{no}” from the list.").format(yes=yes, no=no),
    )


def number_words(node: Criterion, bounds: Bounds, lang: Lang) -> Words:
    """The value of a criterion that takes a number: what it may be."""
    low, high = bounds.lowest, bounds.highest
    if isinstance(node.rule, RatioRule):
        prompt = _(
            "Type the percent from 0 to 100 (75, not 75 %), or leave it empty and fill in the "
            "numerator and the denominator."
        )
    elif bounds.whole and low is not None:
        prompt = _("Type a whole number of {low} or more.").format(low=said(low, lang))
    elif low is not None and high is not None:
        prompt = _("Type a number from {low} to {high}.").format(
            low=said(low, lang), high=said(high, lang)
        )
    elif low is not None:
        prompt = _("Type a number of {low} or more.").format(low=said(low, lang))
    elif high is not None:
        prompt = _("Type a number of at most {high}.").format(high=said(high, lang))
    else:
        prompt = _("Type a number, without a percent sign.")
    return Words(_("Result"), prompt, _("Not a valid number"), prompt)


def count_words(key: str, lang: Lang) -> Words:
    prompt = (
        _("The numerator of the rate: how many met the requirement (a number, 0 or more).")
        if key == "numerator"
        else _("The denominator of the rate: how many there were in all (a number, 0 or more).")
    )
    return Words(_(COLUMN_LABELS[key]), prompt, _("Not a valid number"), prompt)


def not_applicable_words(lang: Lang) -> Words:
    entry = NOT_APPLICABLE_ENTRIES[lang]
    return Words(
        _("Did not arise"),
        _(
            "Choose “{entry}” only if the criterion did not arise this year, and give the reason."
        ).format(entry=entry),
        _("Not in the list"),
        _("Choose “{entry}” or leave the cell empty.").format(entry=entry),
    )


def points_words_check(leaf: Leaf, lang: Lang) -> Words:
    low, high = leaf.criterion.lowest, leaf.max
    prompt = _("The points the unit claims, from {low} to {high}.").format(
        low=said(low, lang), high=said(high, lang)
    )
    if leaf.criterion.adjust == "penalty":
        prompt += " " + _("A penalty is claimed as the positive number it subtracts.")
    return Words(_("Points claimed"), prompt, _("Out of range"), prompt)


def evidence_words() -> Words:
    return Words(
        _("Evidence documents"),
        _("One document per line (Alt+Enter starts a new line in the cell)."),
    )


def reason_words() -> Words:
    return Words(_("Reason"), _("Why the criterion did not arise this year."))
