"""The council's workbook as its writer and its readers share it: its sheets, their columns
(the keys programs read, the words people read in the header row below them, which columns
the council fills in), and the check that keeps a row of an earlier round as it was. Pure.

The column lists are data: a column added here (say, a unit's reply shown beside the council's
cells) is written, labelled and read back without another change to the reader.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import NamedTuple

from parindex.core.numbers import parse_number, plain
from parindex.i18n import LANGUAGES, N_, translate

APPRAISAL = "appraisal"
SURVEY = "survey"
# The hidden sheet of the drop-downs' entries (Excel's inline lists hold no comma, and
# option labels have commas): no person reads it, so its name is never translated.
LISTS = "lists"


class SheetColumn(NamedTuple):
    """One column of a sheet of the council's workbook: its key, its words in the header row
    people read (an English message of the catalog), and whether the council fills it in."""

    key: str
    label: str
    open: bool = False


# One row per unit × `self` and `council` criterion: what the unit reported and what parindex
# computes now (locked), then the council's correction (open); `check` (hidden) is filled in
# the rows that keep an earlier round only.
APPRAISAL_COLUMNS: tuple[SheetColumn, ...] = (
    SheetColumn("unit_id", N_("Unit id")),
    SheetColumn("unit_name", N_("Unit")),
    SheetColumn("criterion", N_("Criterion id")),
    SheetColumn("name", N_("Criterion")),
    SheetColumn("max_points", N_("Maximum points")),
    SheetColumn("claimed_value", N_("Value the unit reported")),
    SheetColumn("self_points", N_("Self-assessed points")),
    SheetColumn("points_now", N_("Points now (empty: pending)")),
    SheetColumn("evidence", N_("Evidence documents")),
    SheetColumn("value", N_("Appraised value"), open=True),
    SheetColumn("points", N_("Or the points, set directly"), open=True),
    SheetColumn("reason", N_("Reason (required)"), open=True),
    SheetColumn("round", N_("Appraisal round"), open=True),
    SheetColumn("check", N_("Check of an earlier round (do not change)")),
)
# One row per unit × `survey` criterion: the aggregated survey value a clerk enters.
SURVEY_COLUMNS: tuple[SheetColumn, ...] = (
    SheetColumn("unit_id", N_("Unit id")),
    SheetColumn("unit_name", N_("Unit")),
    SheetColumn("criterion", N_("Criterion id")),
    SheetColumn("name", N_("Criterion")),
    SheetColumn("max_points", N_("Maximum points")),
    SheetColumn("value", N_("Survey result (empty: pending)"), open=True),
)
# The unit's reply to its notice (`worksheet --replies`): locked context just before the
# council's value, so the next round is decided with the reply in view (`--appraisal` reads
# past them).
REPLY_COLUMNS: tuple[SheetColumn, ...] = (
    SheetColumn("reply_agree", N_("The unit's answer to the notice")),
    SheetColumn("reply_explanation", N_("The unit's explanation")),
    SheetColumn("reply_evidence", N_("Further evidence the unit sent")),
)
COLUMNS = {APPRAISAL: APPRAISAL_COLUMNS, SURVEY: SURVEY_COLUMNS}


def appraisal_columns(replies: bool) -> tuple[SheetColumn, ...]:
    """The appraisal sheet's columns, with the units' replies before the council's value."""
    if not replies:
        return APPRAISAL_COLUMNS
    at = next(i for i, column in enumerate(APPRAISAL_COLUMNS) if column.key == "value")
    return APPRAISAL_COLUMNS[:at] + REPLY_COLUMNS + APPRAISAL_COLUMNS[at:]


# The sheets' names people read (parindex finds its sheets by their keys, whatever the name).
SHEET_TITLES = {APPRAISAL: N_("Appraisal"), SURVEY: N_("Sociological survey")}


def header_words(columns: Sequence[SheetColumn]) -> Iterator[tuple[str, str]]:
    """(label, key) of every column in every language: the header row people read, as a
    reader recognises it below the row of keys whatever language the workbook was made in."""
    keys = [column.key for column in columns]
    for lang in LANGUAGES:
        yield from zip(translate([column.label for column in columns], lang), keys, strict=True)


def checked_text(cell: str) -> str:
    """A cell as the check reads it: a number in its plain form (a spreadsheet that saves the
    workbook again may write 95.50 as 95.5), any other text trimmed."""
    number = parse_number(cell)
    return plain(number) if number is not None else cell.strip()


def round_check(
    unit_id: str, criterion: str, value: str, points: str, reason: str, round_: str
) -> str:
    """The check of a row that keeps an earlier round: a digest of what the row says, so a
    row changed after the workbook was made (it is locked, not secret) is told from one kept.
    Cells are given as a reader reads them; numbers are compared in their plain form."""
    parts = (
        unit_id.strip(),
        criterion.strip(),
        checked_text(value),
        checked_text(points),
        reason.strip(),
        checked_text(round_),
    )
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:12]


def number_cell(value: Decimal) -> bool:
    """Whether a spreadsheet holds `value` as a number exactly (15 significant digits): else
    it is written as text, and read back as written."""
    return len(value.normalize().as_tuple().digits) <= 15
