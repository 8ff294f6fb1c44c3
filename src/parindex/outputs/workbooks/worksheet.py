"""The appraisal council's workbook: what the council corrects, and the survey entry sheet.

One row per unit and criterion: what the unit reported and what parindex computes now
(locked context), then the council's correction or the survey value (open answers), with a
drop-down of a choice criterion's options and the range a criterion's points lie in. Row 1 of
each sheet holds exactly the column keys (the labels go into header comments), so
`--appraisal` and `--survey` read the filled workbook back as it is. Laid out and written by
`readback`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from parindex.core.models import ChoiceRule, Leaf
from parindex.core.numbers import parse_number, round_half_up
from parindex.core.replies import AGREE, DISAGREE, Reply
from parindex.core.results import Claim, LeafResult, UnitResult
from parindex.i18n import N_, Lang, _, number
from parindex.outputs.records import Cell
from parindex.outputs.workbooks.readback import (
    Column,
    EntryLayout,
    EntrySheet,
    choice_check,
    new_book,
    range_check,
    whole_check,
    workbook_bytes,
)

APPRAISAL_SHEET = "appraisal"
SURVEY_SHEET = "survey"
CONTEXT_COLUMNS = [
    "unit_id",
    "unit_name",
    "criterion",
    "name",
    "max_points",
    "claimed_value",
    "self_points",
    "points_now",
    "evidence",
]
COUNCIL_COLUMNS = ["value", "points", "reason", "round"]
APPRAISAL_COLUMNS = CONTEXT_COLUMNS + COUNCIL_COLUMNS
# The unit's reply to a correction (`--replies`), locked context just before the council's.
REPLY_COLUMNS = ["reply_agree", "reply_explanation", "reply_evidence"]
SURVEY_COLUMNS = ["unit_id", "unit_name", "criterion", "name", "max_points", "value"]
SURVEY_ENTRY = ["value"]

# What each column holds, shown in its header's comment (translated where used).
LABELS = {
    "unit_id": N_("Unit id (do not change)"),
    "unit_name": N_("Unit"),
    "criterion": N_("Criterion id (do not change)"),
    "name": N_("Criterion"),
    "max_points": N_("Maximum points"),
    "claimed_value": N_("Value the unit reported"),
    "self_points": N_("Points the unit claimed"),
    "points_now": N_("Points parindex computes now (empty: pending)"),
    "evidence": N_("Evidence the unit listed"),
    "value": N_("Corrected value (scored by the rule; N/A: not applicable)"),
    "points": N_("Or the points, set directly"),
    "reason": N_("Reason for the correction (required)"),
    "round": N_("Appraisal round (empty: 1; the highest round wins)"),
    "reply_agree": N_("The unit's answer to the notice"),
    "reply_explanation": N_("The unit's explanation"),
    "reply_evidence": N_("Further evidence the unit sent"),
}
SURVEY_VALUE_LABEL = N_("Survey value for this criterion (empty: pending)")

# Widths in characters: the appraisal sheet fits A4 landscape at about 70 %, every key whole.
WIDTHS = {
    "unit_id": 16,
    "unit_name": 16,
    "criterion": 8,
    "name": 32,
    "max_points": 10.5,
    "claimed_value": 20,
    "self_points": 10.5,
    "points_now": 10.5,
    "evidence": 28,
    "value": 12,
    "points": 9,
    "reason": 26,
    "round": 7,
    "reply_agree": 12,
    "reply_explanation": 30,
    "reply_evidence": 24,
}
WRAPPED = frozenset(
    {"unit_id", "unit_name", "name", "claimed_value", "evidence", "reason", "value"}
    | set(REPLY_COLUMNS)
)
NUMBERS = frozenset({"max_points", "self_points", "points_now", "points"})


@dataclass(frozen=True, slots=True)
class UnitSheet:
    """One unit's part of the workbook: its score now, what it reported, what is prefilled."""

    result: UnitResult
    claims: Mapping[str, Claim] = field(default_factory=dict)  # what the unit reported
    evidence: Mapping[str, Sequence[str]] = field(default_factory=dict)
    appraisal: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # cells as given
    survey: Mapping[str, str] = field(default_factory=dict)  # criterion → value as given
    replies: Mapping[str, Reply] = field(default_factory=dict)  # criterion → the unit's reply


SHOWN_PLACES = 4  # what the number format "0.00##" shows: a leaf's points, unrounded to the
# index's precision (0.25 of a framework with precision 1 stays 0.25)


def _number(value: Decimal | None) -> Decimal | None:
    return None if value is None else round_half_up(value, SHOWN_PLACES).normalize()


def appraisal_rows(units: Sequence[UnitSheet], lang: Lang) -> list[dict[str, Cell]]:
    """One row per unit × `self` and `council` leaf, units in the given order."""
    rows: list[dict[str, Cell]] = []
    for unit in units:
        result = unit.result
        for leaf, scored in _leaves(result):
            if leaf.criterion.source == "survey":
                continue
            given = unit.appraisal.get(leaf.id, {})
            round_ = parse_number(given.get("round") or "", decimal_comma=True)
            points = parse_number(given.get("points") or "", decimal_comma=True)
            rows.append(
                {
                    "unit_id": result.unit_id,
                    "unit_name": result.name_in(lang),
                    "criterion": leaf.id,
                    "name": leaf.criterion.label(lang),
                    "max_points": _number(leaf.max),
                    "claimed_value": _claimed(unit.claims.get(leaf.id)),
                    "self_points": _number(scored.self_points),
                    "points_now": None if scored.status == "pending" else _number(scored.points),
                    "evidence": "\n".join(unit.evidence.get(leaf.id, ())) or None,
                    "value": given.get("value"),
                    "points": points if points is not None else given.get("points"),
                    "reason": given.get("reason"),
                    "round": int(round_) if round_ is not None else given.get("round"),
                    **reply_cells(unit.replies.get(leaf.id)),
                }
            )
    return rows


def reply_cells(reply: Reply | None) -> dict[str, Cell]:
    """The unit's reply in the council's words: its answer, explanation and evidence."""
    if reply is None:
        return {}
    return {
        "reply_agree": _(AGREE) if reply.agrees else _(DISAGREE),
        "reply_explanation": reply.explanation or None,
        "reply_evidence": "\n".join(reply.evidence) or None,
    }


def _claimed(claim: Claim | None) -> str | None:
    if claim is None:
        return None
    if claim.not_applicable:
        return _("N/A: {reason}").format(reason=claim.reason)
    return claim.shown or None


def survey_rows(units: Sequence[UnitSheet], lang: Lang) -> list[dict[str, Cell]]:
    """One row per unit × `survey` leaf."""
    return [
        {
            "unit_id": unit.result.unit_id,
            "unit_name": unit.result.name_in(lang),
            "criterion": leaf.id,
            "name": leaf.criterion.label(lang),
            "max_points": _number(leaf.max),
            "value": unit.survey.get(leaf.id),
        }
        for unit in units
        for leaf, _scored in _leaves(unit.result)
        if leaf.criterion.source == "survey"
    ]


def _leaves(result: UnitResult) -> list[tuple[Leaf, LeafResult]]:
    """The framework's leaves in tree order beside how each was scored for the unit."""
    return list(zip(result.framework.leaves, result.leaves, strict=True))


def worksheet_workbook(units: Sequence[UnitSheet], lang: Lang, *, replies: bool = False) -> bytes:
    """The council's workbook: sheets `appraisal` and `survey`, byte-identical on reruns;
    with `replies`, the units' replies in locked columns before the council's."""
    book = new_book()
    leaves = {
        (u.result.unit_id, leaf.id): leaf for u in units for leaf in u.result.framework.leaves
    }
    appraisal = appraisal_rows(units, lang)
    columns = CONTEXT_COLUMNS + (REPLY_COLUMNS if replies else []) + COUNCIL_COLUMNS
    layout = _layout(columns, LABELS, _("Appraisal council worksheet"), pages=True)
    _write_sheet(EntrySheet(book, APPRAISAL_SHEET, layout, len(appraisal)), appraisal, leaves)
    survey = survey_rows(units, lang)
    labels = {**LABELS, "value": SURVEY_VALUE_LABEL}
    # a score of rows per unit: a page per unit would go mostly blank
    layout = _layout(SURVEY_COLUMNS, labels, _("Survey results entry sheet"), pages=False)
    _write_sheet(EntrySheet(book, SURVEY_SHEET, layout, len(survey)), survey, leaves)
    return workbook_bytes(book, _("Appraisal council worksheet"))


def _layout(columns: list[str], labels: Mapping[str, str], title: str, pages: bool) -> EntryLayout:
    """The sheet's columns: the council's (or the survey's) open, the rest locked context;
    each unit's rows on pages of their own where `pages` (they can go to the council member
    who reviews the unit)."""
    return EntryLayout(
        columns=[
            Column(
                key,
                _(labels[key]),
                WIDTHS[key],
                open=key in COUNCIL_COLUMNS or key in SURVEY_ENTRY,
                wrapped=key in WRAPPED,
                centred=key in NUMBERS or key == "round",
                number_format="0.00##" if key in NUMBERS else None,
            )
            for key in columns
        ],
        title=title,
        frozen_columns=3,  # the unit's id and name, the criterion's id
        group_key="unit_id",
        page_per_group=pages,
    )


def _write_sheet(
    sheet: EntrySheet, rows: list[dict[str, Cell]], leaves: Mapping[tuple[str, str], Leaf]
) -> None:
    """The rows, with each answer cell's check: a choice criterion's options on its value,
    the criterion's range on its points, a whole round of 1 or more."""
    keys = {column.key for column in sheet.layout.columns}
    for row in rows:
        at = sheet.append(row)
        leaf = leaves[(str(row["unit_id"]), str(row["criterion"]))]
        rule = leaf.criterion.rule
        if isinstance(rule, ChoiceRule):
            options = list(rule.options) + ([] if leaf.policy == "forbidden" else ["N/A"])
            sheet.validations.add(
                choice_check(
                    options,
                    _("Not an option"),
                    _("Choose one of the options of this criterion: {options}").format(
                        options=", ".join(options)
                    ),
                ),
                sheet.cell("value", at),
            )
        if "points" in keys:
            low, high = leaf.criterion.lowest, leaf.max
            # the limits with a decimal point in every language, as they have always been
            limits = {"low": number(low, "en"), "high": number(high, "en")}
            sheet.validations.add(
                range_check(
                    low,
                    high,
                    _("Out of range"),
                    _("The points lie between {low} and {high}.").format(**limits),
                ),
                sheet.cell("points", at),
            )
    if "round" in keys and rows:
        sheet.validations.add(
            whole_check(1, _("Not a round"), _("The round is a whole number of 1 or more.")),
            sheet.column_cells("round"),
        )
    sheet.close()
