"""The notice a unit receives after a round of the council: its preliminary result, and one row
per criterion the council's latest round corrected, for its reply (none, and a line saying so,
for a unit the council did not correct: `notice --all`).

Above the table, locked: the framework's title, the unit, "preliminary appraisal result", its
index now with its points of the applicable maximum, and what to do. Its one sheet is named
"Giải trình" or "Reply" in the notice's language (`core.replies.REPLY_TITLE`): a hidden row of
the column keys (`core.replies.REPLY_KEYS`, what the reader looks for) over the header people
read, and one row per correction — what the unit reported and claimed, what the
council found and why, in people's words (option labels, the decimal comma under vi) and
locked — with the unit's answer open: a drop-down of the two entries, the explanation, the
further evidence one document per line. A4 landscape, the header repeated on every page; the
same inputs give the same bytes. Laid out and written by `readback`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from parindex.core.numbers import round_half_up
from parindex.core.replies import (
    AGREE,
    ANSWER_KEYS,
    DISAGREE,
    NUMBER_KEYS,
    REPLY_KEYS,
    REPLY_LABELS,
    REPLY_TITLE,
)
from parindex.core.results import Claim, LeafResult, Override, UnitResult
from parindex.i18n import Lang, _, number
from parindex.outputs.records import Cell
from parindex.outputs.workbooks.readback import (
    Column,
    EntryLayout,
    EntrySheet,
    HeadingStyle,
    choice_check,
    new_book,
    workbook_bytes,
)

ANSWER_LINES = 5  # a row's room for an explanation and a few documents, as typed
SHOWN_PLACES = 4  # a leaf's points as the number format "0.00##" shows them
# Widths in characters: the table fits A4 landscape at about two thirds, every header whole.
WIDTHS = {
    "unit_id": 14,
    "criterion": 10,
    "name": 28,
    "max_points": 9,
    "claimed_value": 18,
    "self_points": 9,
    "council_value": 18,
    "council_points": 9,
    "reason": 32,
    "round": 9,
    "agree": 14,
    "explanation": 36,
    "evidence": 30,
}
WRAPPED = frozenset(
    {"name", "claimed_value", "council_value", "reason", "explanation", "evidence", "agree"}
)


@dataclass(frozen=True, slots=True)
class CorrectedLeaf:
    """One correction standing now: the leaf as the council's row scores it, what the unit
    answered (None: no answer), the council's row, and whether it set the points directly."""

    scored: LeafResult
    claim: Claim | None
    override: Override
    direct: bool


@dataclass(frozen=True, slots=True)
class NoticeUnit:
    """A unit's score now (with the council's rows) and its corrections in framework order."""

    result: UnitResult
    corrections: Sequence[CorrectedLeaf]


def _points(value: Decimal | None) -> Decimal | None:
    return None if value is None else round_half_up(value, SHOWN_PLACES).normalize()


def claimed_words(claim: Claim | None) -> str | None:
    """What the unit answered, as people read it (None: nothing)."""
    if claim is None:
        return None
    if claim.not_applicable:
        return _("N/A: {reason}").format(reason=claim.reason)
    return claim.said or None


def notice_row(unit_id: str, corrected: CorrectedLeaf, lang: Lang) -> dict[str, Cell]:
    """One correction's row as the notice writes it (the answer cells empty), values as
    people read them in the language they were scored in (an option's label, yes/no in
    words, the decimal comma under vi): the reader compares a reply's locked cells with it."""
    scored, override = corrected.scored, corrected.override
    leaf = scored.leaf
    left_out = override.not_applicable and scored.counted_max == 0
    if corrected.direct:
        found: str | None = None
    elif left_out:
        found = _("not applicable: left out of the maximum")
    elif override.not_applicable:
        found = _("not applicable")
    else:
        found = override.said
    return {
        "unit_id": unit_id,
        "criterion": leaf.id,
        "name": leaf.criterion.label(lang),
        "max_points": _points(leaf.max),
        "claimed_value": claimed_words(corrected.claim),
        "self_points": _points(corrected.claim.self_points if corrected.claim else None),
        "council_value": found,
        "council_points": None if left_out else _points(scored.points),
        "reason": override.reason,
        "round": override.round,
    }


def notice_rows(unit: NoticeUnit, lang: Lang) -> list[dict[str, Cell]]:
    return [notice_row(unit.result.unit_id, c, lang) for c in unit.corrections]


def _heading(unit: NoticeUnit, lang: Lang) -> list[tuple[str, HeadingStyle]]:
    """The title block: the framework, the unit, its result now, and what the unit does."""
    result = unit.result
    framework = result.framework
    places = framework.precision
    lines: list[tuple[str, HeadingStyle]] = [
        (framework.title_in(lang), "title"),
        (
            _("Preliminary appraisal result: {unit} ({unit_id})").format(
                unit=result.name_in(lang), unit_id=result.unit_id
            ),
            "strong",
        ),
        (
            _("Index now: {index} ({points} of {max} points)").format(
                index=number(result.index, lang, places),
                points=number(result.points, lang, places, trim=True),
                max=number(result.max_points, lang, places, trim=True),
            ),
            "plain",
        ),
    ]
    if not unit.corrections:
        lines.append((_("The appraisal council corrected none of the unit's answers."), "plain"))
        return lines
    entries = {"agree": _(AGREE), "disagree": _(DISAGREE), "column": _(REPLY_LABELS["agree"])}
    lines += [
        (
            _(
                "For each criterion below choose “{agree}” or “{disagree}” in the column "
                "“{column}”; to disagree, write the explanation and list the further evidence "
                "documents, one per line."
            ).format(**entries),
            "plain",
        ),
        (
            _(
                "Leave the grey cells as they are, and send this file back to the Department of "
                "Home Affairs: the council decides its next round with the reply in view."
            ),
            "plain",
        ),
    ]
    return lines


def _layout(unit: NoticeUnit, lang: Lang) -> EntryLayout:
    return EntryLayout(
        columns=[
            Column(
                key,
                _(REPLY_LABELS[key]),
                WIDTHS[key],
                open=key in ANSWER_KEYS,
                wrapped=key in WRAPPED,
                centred=key in NUMBER_KEYS or key == "criterion",
                number_format="0.00##" if key in NUMBER_KEYS - {"round"} else None,
                hidden=key == "unit_id",  # the title names the unit; the reader needs the id
            )
            for key in REPLY_KEYS
        ],
        title=_("Preliminary appraisal result: {unit}").format(unit=unit.result.name_in(lang)),
        frozen_columns=3,  # the unit id (hidden), the criterion's id and name
        group_key="unit_id",
        keys_hidden=True,
        heading=_heading(unit, lang),
        min_lines=ANSWER_LINES,
    )


def notice_workbook(unit: NoticeUnit, lang: Lang) -> bytes:
    """The unit's notice: one sheet, named `REPLY_TITLE` in the notice's language (the readers
    know it in either), byte-identical on reruns."""
    book = new_book()
    rows = notice_rows(unit, lang)
    sheet = EntrySheet(book, _(REPLY_TITLE), _layout(unit, lang), len(rows))
    for row in rows:
        sheet.append(row)
    if rows:
        entries = [_(AGREE), _(DISAGREE)]
        check = choice_check(
            entries,
            _("Not an answer"),
            _("Choose one of: {entries}").format(entries=", ".join(entries)),
        )
        sheet.validations.add(check, sheet.column_cells("agree"))
    sheet.close()
    title = _("Preliminary appraisal result: {unit}").format(unit=unit.result.name_in(lang))
    return workbook_bytes(book, title)
