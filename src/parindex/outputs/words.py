"""The closed sets of the domain in words (statuses, sources, bonus/penalty, rule kinds), for
every output a person reads; files keep the codes. Marked for the catalog with `N_` and
translated where they are shown."""

from __future__ import annotations

from parindex.core.models import Adjust, RuleKind, Source
from parindex.core.results import LeafStatus
from parindex.core.status import State
from parindex.i18n import N_

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
# Values scoring writes in words (files keep them as written)
VALUE_TEXT = {"yes": N_("yes"), "no": N_("no"), "N/A": N_("N/A")}
# Where a unit stands (`status`), in words
STATE_TEXT: dict[State, str] = {
    "not_submitted": N_("not submitted"),
    "invalid": N_("has errors"),
    "incomplete": N_("incomplete"),
    "awaiting": N_("awaiting results"),
    "complete": N_("complete"),
}
