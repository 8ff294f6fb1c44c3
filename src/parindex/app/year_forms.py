"""The forms `init` lays out: one per roster unit, `forms/<group>/<unit_id>`, from the
framework of the unit's group (the template use case's writer)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from parindex.app.outcome import OutputFile
from parindex.core.models import Framework
from parindex.i18n import Lang
from parindex.inputs.tables.roster import RosterEntry
from parindex.outputs.template import render_template

FORMS = "forms"


def unit_forms(
    roster: Iterable[RosterEntry], frameworks: Mapping[str, Framework], lang: Lang
) -> list[OutputFile]:
    """A blank form for every unit of `roster`, of the framework of its group (`frameworks`
    by group; every group has one), at its place in the year's folder."""
    forms = []
    for entry in roster:
        text = render_template(frameworks[entry.group], entry.unit_id, entry.unit_name, lang)
        forms.append(OutputFile(f"{FORMS}/{entry.group}/{entry.unit_id}.yaml", text.encode()))
    return forms
