"""The closed sets of the domain in words (statuses, sources, bonus/penalty, rule kinds), for
every output a person reads; files keep the codes. Marked for the catalog with `N_` and
translated where they are shown."""

from __future__ import annotations

from collections.abc import Mapping

from parindex.core.models import Adjust, RuleKind, Source
from parindex.core.results import LeafStatus, RankedUnit
from parindex.core.status import State
from parindex.i18n import N_, _

STATUS_TEXT: dict[LeafStatus, str] = {
    "scored": N_("scored"),
    "appraised": N_("appraised"),
    "not_applicable": N_("not applicable"),
    "missing": N_("missing"),
    "pending": N_("pending"),
}
# where a framework's points come from, in its summary
SOURCE_TEXT: dict[Source, str] = {
    "self": N_("self-assessed"),
    "survey": N_("survey"),
    "council": N_("appraisal council"),
}
# the short tags of `show` and the template
SOURCE_TAG: dict[Source, str] = {
    "self": N_("self-assessed"),
    "survey": N_("survey"),
    "council": N_("council"),
}
ADJUST_TAG: dict[Adjust, str] = {"bonus": N_("bonus"), "penalty": N_("penalty")}
KIND_TEXT: dict[RuleKind, str] = {
    "boolean": N_("boolean"),
    "choice": N_("choice"),
    "bands": N_("bands"),
    "ratio": N_("ratio"),
    "deduction": N_("deduction"),
    "scale": N_("scale"),
    "points": N_("points"),
}
POLICY_TEXT = {"exclude": N_("N/A→exclude"), "full": N_("N/A→full")}


def change_words(unit: RankedUnit, names: Mapping[str, str]) -> tuple[str, str]:
    """A unit's change against last year as people read it, and its trend ("up", "down",
    "same", or "" for none): ▲2, ▼1, "unchanged", "first assessed", "formed from A + B" and a
    rename after the change — units named as last year's ranking named them. One wording for
    the terminal, the report, the appendix and the workbook."""
    history = unit.history
    if history is None:
        return _("first assessed"), ""
    if history.formed_from:
        olds = " + ".join(names.get(old) or old for old in history.formed_from)
        return _("formed from {units}").format(units=olds), ""
    change = unit.rank_change
    if change is None:
        text, trend = "—", ""
    elif change > 0:
        text, trend = f"▲{change}", "up"
    elif change < 0:
        text, trend = f"▼{-change}", "down"
    else:
        text, trend = _("unchanged"), "same"
    if history.renamed_from:
        old = names.get(history.renamed_from) or history.renamed_from
        text = _("{change} (was {unit})").format(change=text, unit=old)
    return text, trend


def history_words(unit: RankedUnit, names: Mapping[str, str]) -> str | None:
    """The workbook's `history` cell in words: first assessed, formed from (names), was
    (name); None for a unit that continues under its own id. CSV and JSON keep the codes."""
    history = unit.history
    if history is None:
        return _("first assessed")
    if history.formed_from:
        olds = " + ".join(names.get(old) or old for old in history.formed_from)
        return _("formed from {units}").format(units=olds)
    if history.renamed_from:
        return _("was {unit}").format(unit=names.get(history.renamed_from) or history.renamed_from)
    return None


# Where a unit stands (`status`), in words
STATE_TEXT: dict[State, str] = {
    "not_submitted": N_("not submitted"),
    "invalid": N_("has errors"),
    "incomplete": N_("incomplete"),
    "awaiting": N_("awaiting results"),
    "complete": N_("complete"),
}
