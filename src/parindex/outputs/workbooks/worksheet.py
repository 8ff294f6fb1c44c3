"""The appraisal council's workbook: what the council corrects, and the survey entry sheet.

One row per unit and criterion: what the unit reported and what parindex computes now
(locked context), then the council's correction or the survey value (open answers). Each
sheet holds its column keys in a hidden first row (what `--appraisal` and `--survey` read) and
the header people read below it, in the run's language; sheets are named in that language too
(parindex finds them by their keys). Every round an `--appraisal` file holds keeps its own row,
locked and shaded, with a check that tells a kept row from one changed since; one open row for
the next round follows. Values are written as people read them: an option by its label, the
N/A word, numbers as numbers; the drop-downs offer labels (from a hidden `lists` sheet: labels
hold commas). Laid out and written by `readback`; the columns are `core.council`'s.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from parindex.core.council import (
    APPRAISAL,
    LISTS,
    SHEET_TITLES,
    SURVEY,
    SURVEY_COLUMNS,
    SheetColumn,
    appraisal_columns,
    number_cell,
    round_check,
)
from parindex.core.models import Leaf
from parindex.core.numbers import parse_number, plain, round_half_up
from parindex.core.replies import AGREE, DISAGREE, Reply
from parindex.core.results import Claim, LeafResult, UnitResult
from parindex.core.rules import (
    NOT_APPLICABLE_WORDS,
    RuleValueError,
    na_word,
    options,
    points_bounds,
    score_value,
    value_bounds,
)
from parindex.i18n import N_, Lang, _, number, pick
from parindex.outputs.records import Cell, legal
from parindex.outputs.workbooks.readback import (
    Check,
    Column,
    EntryLayout,
    EntrySheet,
    ListSheet,
    list_check,
    new_book,
    range_check,
    whole_check,
    workbook_bytes,
)

# How each column is shown (characters wide; the appraisal sheet fits A4 landscape at about
# 70 %): the columns themselves, their order and words are `core.council`'s.
WIDTHS = {
    "unit_id": 16,
    "unit_name": 16,
    "criterion": 9,
    "name": 32,
    "max_points": 9,
    "claimed_value": 20,
    "self_points": 9,
    "points_now": 10,
    "evidence": 28,
    "value": 16,
    "points": 9,
    "reason": 26,
    "round": 9,
    "check": 14,
    "reply_agree": 13,
    "reply_explanation": 30,
    "reply_evidence": 24,
}
WRAPPED = frozenset(
    {"unit_id", "unit_name", "name", "claimed_value", "evidence", "reason", "value"}
    | {"reply_agree", "reply_explanation", "reply_evidence"}
)
NUMBERS = frozenset({"max_points", "self_points", "points_now", "points"})
CENTRED = NUMBERS | {"round"}
HIDDEN = frozenset({"check"})
SHOWN_PLACES = 4  # what the number format "0.00##" shows: a leaf's points, unrounded to the
# index's precision (0.25 of a framework with precision 1 stays 0.25)
MESSAGE_LIMIT = 255  # characters a spreadsheet shows of a validation's message
TITLE = N_("Appraisal council worksheet")  # in each printed page's header
SURVEY_TITLE = N_("Survey results entry sheet")


@dataclass(frozen=True, slots=True)
class UnitSheet:
    """One unit's part of the workbook: its score now, what it reported, what is prefilled."""

    result: UnitResult
    claims: Mapping[str, Claim] = field(default_factory=dict)  # what the unit reported
    evidence: Mapping[str, Sequence[str]] = field(default_factory=dict)
    # criterion → the cells of each row the appraisal files hold for it, by round
    rounds: Mapping[str, Sequence[Mapping[str, str]]] = field(default_factory=dict)
    survey: Mapping[str, str] = field(default_factory=dict)  # criterion → value as given
    replies: Mapping[str, Reply] = field(default_factory=dict)  # criterion → the unit's reply


Row = tuple[dict[str, Cell], bool]  # the cells, and whether the row keeps an earlier round


def _number(value: Decimal | None) -> Decimal | None:
    return None if value is None else round_half_up(value, SHOWN_PLACES).normalize()


def appraisal_rows(units: Sequence[UnitSheet], lang: Lang) -> list[Row]:
    """Per unit × `self` and `council` leaf, units in the given order: a kept row for each
    earlier round, then the open row for the next round."""
    rows: list[Row] = []
    for unit in units:
        result = unit.result
        for leaf, scored in _leaves(result):
            if leaf.criterion.source == "survey":
                continue
            context: dict[str, Cell] = {
                "unit_id": result.unit_id,
                "unit_name": result.name_in(lang),
                "criterion": leaf.id,
                "name": leaf.criterion.label(lang),
                "max_points": _number(leaf.max),
                "claimed_value": _claimed(unit.claims.get(leaf.id)),
                "self_points": _number(scored.self_points),
                "points_now": None if scored.status == "pending" else _number(scored.points),
                "evidence": "\n".join(unit.evidence.get(leaf.id, ())) or None,
                **reply_cells(unit.replies.get(leaf.id)),
            }
            last = 0
            for cells in unit.rounds.get(leaf.id, ()):
                kept, round_ = _kept(result.unit_id, leaf, cells)
                last = max(last, round_)
                rows.append(({**context, **kept}, True))
            rows.append(({**context, "round": last + 1}, False))
    return rows


def reply_cells(reply: Reply | None) -> dict[str, Cell]:
    """The unit's reply as the council reads it: its answer in words, its explanation, its
    further evidence one document per line (nothing where it did not reply)."""
    if reply is None:
        return {}
    return {
        "reply_agree": _(AGREE) if reply.agrees else _(DISAGREE),
        "reply_explanation": reply.explanation or None,
        "reply_evidence": "\n".join(reply.evidence) or None,
    }


def _kept(unit_id: str, leaf: Leaf, cells: Mapping[str, str]) -> tuple[dict[str, Cell], int]:
    """The council's cells of an earlier round as people read them, with the row's check;
    and the round."""
    value = _people_value(leaf, cells.get("value"))
    points = parse_number(cells.get("points") or "", decimal_comma=True)
    round_ = int(parse_number(cells.get("round") or "", decimal_comma=True) or 1)
    reason = legal(cells.get("reason") or "")
    check = round_check(
        unit_id,
        leaf.id,
        plain(value) if isinstance(value, Decimal) else legal(value or ""),
        plain(points) if points is not None else "",
        reason,
        str(round_),
    )
    kept: dict[str, Cell] = {
        "value": value,
        "points": points,
        "reason": reason or None,
        "round": round_,
        "check": check,
    }
    return kept, round_


def _people_value(leaf: Leaf, text: str | None) -> str | Decimal | None:
    """A value of an appraisal file as people read it: an option (or yes/no) by its label in
    the run's language, N/A by its word, a number as a number; any other text as written."""
    if not text:
        return None
    if text.strip().casefold() in NOT_APPLICABLE_WORDS:
        return na_word()
    if options(leaf.criterion):
        try:
            return score_value(leaf, text, decimal_comma=True).said
        except RuleValueError:  # checked when it was read: kept as written, to be safe
            return text
    number = parse_number(text, decimal_comma=True)
    return number if number is not None and number_cell(number) else text


def _claimed(claim: Claim | None) -> str | None:
    if claim is None:
        return None
    if claim.not_applicable:
        return _("N/A: {reason}").format(reason=claim.reason)
    return claim.said or None


def survey_rows(units: Sequence[UnitSheet], lang: Lang) -> list[Row]:
    """One row per unit × `survey` leaf; a value as a number."""
    return [
        (
            {
                "unit_id": unit.result.unit_id,
                "unit_name": unit.result.name_in(lang),
                "criterion": leaf.id,
                "name": leaf.criterion.label(lang),
                "max_points": _number(leaf.max),
                "value": _survey_value(unit.survey.get(leaf.id)),
            },
            False,
        )
        for unit in units
        for leaf, _scored in _leaves(unit.result)
        if leaf.criterion.source == "survey"
    ]


def _survey_value(text: str | None) -> Cell:
    number = parse_number(text or "", decimal_comma=True)
    return number if number is not None and number_cell(number) else text or None


def _leaves(result: UnitResult) -> list[tuple[Leaf, LeafResult]]:
    """The framework's leaves in tree order beside how each was scored for the unit."""
    return list(zip(result.framework.leaves, result.leaves, strict=True))


def worksheet_workbook(units: Sequence[UnitSheet], lang: Lang, *, replies: bool = False) -> bytes:
    """The council's workbook: its appraisal and survey sheets (named in `lang`), the hidden
    lists of its drop-downs; byte-identical on reruns. With `replies`, the appraisal sheet
    shows each unit's reply in locked columns before the council's."""
    book = new_book()
    lists = ListSheet(LISTS)
    leaves = {
        (u.result.unit_id, leaf.id): leaf for u in units for leaf in u.result.framework.leaves
    }
    for name, columns, rows, title, pages in (
        (APPRAISAL, appraisal_columns(replies), appraisal_rows(units, lang), TITLE, True),
        # a score of rows per unit: a page per unit would go mostly blank
        (SURVEY, SURVEY_COLUMNS, survey_rows(units, lang), SURVEY_TITLE, False),
    ):
        layout = _layout(columns, _(title), pages)
        sheet = EntrySheet(book, _(SHEET_TITLES[name]), layout, len(rows))
        _write_sheet(sheet, rows, leaves, lists, lang)
    lists.write(book)
    return workbook_bytes(book, _(TITLE))


def _layout(columns: Sequence[SheetColumn], title: str, pages: bool) -> EntryLayout:
    """The sheet's columns in the run's words: the council's (or the survey's) open, the rest
    locked context; each unit's rows on pages of their own where `pages` (they can go to the
    council member who reviews the unit)."""
    return EntryLayout(
        columns=[
            Column(
                column.key,
                _(column.label),
                WIDTHS[column.key],
                open=column.open,
                wrapped=column.key in WRAPPED,
                centred=column.key in CENTRED,
                number_format="0.00##" if column.key in NUMBERS else None,
                hidden=column.key in HIDDEN,
            )
            for column in columns
        ],
        title=title,
        frozen_columns=3,  # the unit's id and name, the criterion's id
        group_key="unit_id",
        page_per_group=pages,
        keys_hidden=True,
    )


def _write_sheet(
    sheet: EntrySheet,
    rows: list[Row],
    leaves: Mapping[tuple[str, str], Leaf],
    lists: ListSheet,
    lang: Lang,
) -> None:
    """The rows, with each open answer cell's check: the drop-down of a criterion's options
    (by their labels) and the N/A word where it may not arise, the range of its points, a
    whole round of 1 or more."""
    keys = {column.key for column in sheet.layout.columns}
    for cells, kept in rows:
        at = sheet.append(cells, kept=kept)
        if kept:
            continue
        leaf = leaves[(str(cells["unit_id"]), str(cells["criterion"]))]
        words = [pick(c.label or "", c.label_en, lang) or c.key for c in options(leaf.criterion)]
        if words:
            if leaf.policy != "forbidden":
                words.append(na_word())
            sheet.validations.add(_choices(words, lists), sheet.cell("value", at))
        if "points" in keys:
            sheet.validations.add(_points_check(leaf, lang), sheet.cell("points", at))
        else:  # the survey sheet: a value is the aggregated number, within the rule's bounds
            sheet.validations.add(_value_check(leaf, lang), sheet.cell("value", at))
    if "round" in keys and rows:
        message = _("The round is a whole number of 1 or more.")
        sheet.validations.add(
            whole_check(1, _("Not a round"), message), sheet.column_cells("round")
        )
    sheet.close()


def _choices(words: Sequence[str], lists: ListSheet) -> Check:
    allowed = "; ".join(f"“{word}”" for word in words)
    message = _("Choose one of this criterion's entries: {entries}").format(entries=allowed)
    return list_check(lists.range_of(words), _("Not an entry"), _cut(message))


def _points_check(leaf: Leaf, lang: Lang) -> Check:
    bounds = points_bounds(leaf.criterion)
    low, high = bounds.lowest, bounds.highest
    assert low is not None and high is not None
    limits = {"low": number(low, lang, trim=True, minus="−"), "high": number(high, lang, trim=True)}
    message = _("The points lie between {low} and {high}.").format(**limits)
    return range_check(low, high, _("Out of range"), message)


def _value_check(leaf: Leaf, lang: Lang) -> Check | None:
    """A survey value's bounds, where the rule has both (a scale's, a ratio's percent)."""
    bounds = value_bounds(leaf.criterion)
    if bounds is None or bounds.lowest is None or bounds.highest is None:
        return None
    low, high = bounds.lowest, bounds.highest
    limits = {"low": number(low, lang, trim=True, minus="−"), "high": number(high, lang, trim=True)}
    message = _("The survey result is a number from {low} to {high}.").format(**limits)
    return range_check(low, high, _("Out of range"), message)


def _cut(message: str) -> str:
    return message if len(message) <= MESSAGE_LIMIT else message[: MESSAGE_LIMIT - 1] + "…"
