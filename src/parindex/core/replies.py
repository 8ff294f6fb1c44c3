"""The explanation round: the reply workbook's shape — its sheet, its column keys and the
words of its columns — and a unit's reply to one correction of the council. Pure.

The notice parindex sends a unit (`outputs/workbooks/notice`) and the reader of what comes back
(`inputs/tables/replies`) both take the shape from here, and so may any reader that must tell a
reply from another workbook (`is_reply_book`: a workbook form found in a folder is no reply).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from parindex.core.kinds.values import NO, YES
from parindex.i18n import LANGUAGES, N_, translate

REPLY_SHEET = "replies"
# The sheet's name the unit reads, in the notice's language; a reply is told by that name in
# either language, or by the key (notices written before the sheet had a name people read).
REPLY_TITLE = N_("Reply")
# What the notice says of the correction (locked), then what the unit fills in (open).
CONTEXT_KEYS = (
    "unit_id",
    "criterion",
    "name",
    "max_points",
    "claimed_value",
    "self_points",
    "council_value",
    "council_points",
    "reason",
    "round",
)
ANSWER_KEYS = ("agree", "explanation", "evidence")
REPLY_KEYS = CONTEXT_KEYS + ANSWER_KEYS
# The context a reply is matched by, and the context it is only compared with.
MATCHED_BY = ("unit_id", "criterion")
NUMBER_KEYS = frozenset({"max_points", "self_points", "council_points", "round"})

# The header people read under the keys, in the run's language (and the words a reader
# recognises there, in either language).
REPLY_LABELS = {
    "unit_id": N_("Unit id (do not change)"),
    "criterion": N_("Criterion id"),
    "name": N_("Criterion name"),
    "max_points": N_("Maximum points"),
    "claimed_value": N_("Value the unit reported"),
    "self_points": N_("Self-assessed points"),
    "council_value": N_("Value the council found"),
    "council_points": N_("Points after the appraisal"),
    "reason": N_("The council's reason"),
    "round": N_("Appraisal round"),
    "agree": N_("The unit's answer"),
    "explanation": N_("Explanation (required to disagree)"),
    "evidence": N_("Further evidence documents (one per line)"),
}
# The drop-down's two entries.
AGREE = N_("Agree")
DISAGREE = N_("Disagree")


def reply_sheet(sheet_titles: Iterable[str]) -> str | None:
    """The title of the sheet that makes a workbook a unit's reply to a notice (`REPLY_TITLE`
    in any language, or `replies`), whatever else it holds; None when it has none."""
    names = {REPLY_SHEET, *(_plain(title) for title in _every_title())}
    return next((title for title in sheet_titles if _plain(title) in names), None)


def is_reply_book(sheet_titles: Iterable[str]) -> bool:
    """Whether a workbook with these sheets is a unit's reply to a notice: a reader of forms
    leaves it alone."""
    return reply_sheet(sheet_titles) is not None


def _every_title() -> list[str]:
    return [title for lang in LANGUAGES for title in translate([REPLY_TITLE], lang)]


def _plain(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def agreement_words() -> dict[str, bool]:
    """Every word that answers the drop-down, normalised: its two entries in either language,
    and the yes/no words of both languages."""
    words = {_plain(w): True for w in YES} | {_plain(w): False for w in NO}
    for lang in LANGUAGES:
        agree, disagree = translate((AGREE, DISAGREE), lang)
        words[_plain(agree)], words[_plain(disagree)] = True, False
    return words


def agreement(text: str, words: Mapping[str, bool] | None = None) -> bool | None:
    """True for an agreement, False for a disagreement, None for a word that is neither
    (case, surrounding and repeated spaces aside)."""
    return (words if words is not None else agreement_words()).get(_plain(text))


@dataclass(frozen=True, slots=True)
class Reply:
    """A unit's answer to one correction, as its row of a reply workbook holds it: matched by
    unit and criterion (never by its row); `round` is the round the notice showed (None when
    the cell no longer holds one), `context` every other locked cell as the reply holds it."""

    unit_id: str
    criterion: str
    agrees: bool
    explanation: str
    evidence: tuple[str, ...]
    round: int | None
    where: str  # FILE.xlsx[SHEET], as its problems are located
    row: int
    path: str  # the file
    context: Mapping[str, str] = field(default_factory=dict)

    @property
    def place(self) -> str:
        return f"{self.where}:{self.row}"
