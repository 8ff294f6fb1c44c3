"""The unit's form as its writers and readers share it: the column keys and title keys of the
workbook form, the words its drop-downs offer, and a unit's answers cell by cell, as one form
hands them to the next (`template --from`, `init --from`). Pure.

A form's answers are kept as the person wrote them (text), not yet checked against any
framework: last year's form may answer criteria this year's framework no longer has. What a
new form copies is chosen here, and written as the new framework names it (an option by its
key, yes/no as `yes`/`no`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from parindex.core.kinds.models import BooleanRule, ChoiceRule
from parindex.core.kinds.named import option_key
from parindex.core.kinds.values import NO, NOT_APPLICABLE_WORDS, YES
from parindex.core.models import Criterion, Framework
from parindex.i18n import Lang

# The cells a unit fills in.
ANSWER_KEYS = (
    "value",
    "numerator",
    "denominator",
    "not_applicable",
    "reason",
    "self_points",
    "evidence",
)
# The row of column keys a workbook form holds, in the order it is written: what the criterion
# is, then its answer.
FORM_KEYS = ("criterion", "name", "max_points", "rule", *ANSWER_KEYS)
# The title block above the table: each row holds one of these keys (in a hidden column), its
# label for people, then its value.
TITLE_KEYS = ("unit_name", "unit_id", "group", "framework")
# A form `init --from` made from last year's says, in a hidden
# cell of its title block after this key, the digest of the answers it was made with: a form
# whose answers still make that digest has not been filled in by its unit (`untouched`).
CARRIED_KEY = "carried"
# The drop-down entries of a yes/no criterion and of `not_applicable`, in each language. The
# yes/no words are among the answer words every rule reads (`core.kinds.values`).
BOOLEAN_ENTRIES: Mapping[Lang, tuple[str, str]] = {"vi": ("Có", "Không"), "en": ("Yes", "No")}
NOT_APPLICABLE_ENTRIES: Mapping[Lang, str] = {"vi": "Không phát sinh", "en": "Not applicable"}
# What a `not_applicable` cell may hold to mark the criterion: the drop-down's entry in either
# language, an `x`, or a word people write for "not applicable".
NOT_APPLICABLE_MARKS = frozenset(
    {*(e.casefold() for e in NOT_APPLICABLE_ENTRIES.values()), "x", *NOT_APPLICABLE_WORDS}
)


class FormAnswer(NamedTuple):
    """One criterion's answer as a form holds it: each cell's text as written (None: empty).

    `value` is what the unit answered (an option's key or label, a yes/no word, a number);
    a ratio may instead give `numerator` and `denominator`."""

    value: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    not_applicable: bool = False
    reason: str | None = None
    self_points: str | None = None
    evidence: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """Nothing written at all."""
        return self == EMPTY


EMPTY = FormAnswer()


class Prefill(NamedTuple):
    """What a form (YAML or workbook) gives the next one: the unit it names and its answers by
    criterion id; `path` is the file it came from."""

    path: str
    unit_id: str | None
    unit_name: str | None
    group: str | None
    framework: str | None
    answers: Mapping[str, FormAnswer]


def answered_ids(framework: Framework) -> list[str]:
    """The leaves the unit answers (`source: self`), in tree order."""
    return [leaf.id for leaf in framework.leaves if leaf.criterion.source == "self"]


class Carried(NamedTuple):
    """What a new form takes from an earlier one: the answers by criterion, the criteria whose
    answers it cannot take (no longer a leaf the unit answers), and those marked not
    applicable where the framework no longer allows it (the mark is not taken); each in the
    order the earlier form had them."""

    answers: dict[str, FormAnswer]
    dropped: list[str]
    unmarked: list[str]


def carried(framework: Framework, prefill: Prefill) -> Carried:
    """What a new form of `framework` takes from `prefill`, each answer written as the
    framework names it (`canonical`)."""
    taken = Carried({}, [], [])
    wanted = set(answered_ids(framework))
    for criterion_id, answer in prefill.answers.items():
        if answer.empty:
            continue
        leaf = framework.leaf(criterion_id) if criterion_id in wanted else None
        if leaf is None:
            taken.dropped.append(criterion_id)
            continue
        if answer.not_applicable and leaf.policy == "forbidden":
            taken.unmarked.append(criterion_id)
            answer = answer._replace(not_applicable=False)
        taken.answers[criterion_id] = canonical(leaf.criterion, answer)
    return taken


def canonical(criterion: Criterion, answer: FormAnswer) -> FormAnswer:
    """The answer with its value as files for programs write it: an option's label becomes its
    key, a yes/no word `yes` or `no`; anything else stays as written (its reader will say what
    is wrong with it)."""
    value = answer.value
    if value is None:
        return answer
    rule = criterion.rule
    if isinstance(rule, ChoiceRule):
        key = option_key(rule, value.strip())
        return answer._replace(value=key) if key is not None else answer
    if isinstance(rule, BooleanRule):
        word = value.strip().casefold()
        if word in YES:
            return answer._replace(value="yes")
        if word in NO:
            return answer._replace(value="no")
    return answer


def answers_digest(rows: Iterable[Mapping[str, str]]) -> str:
    """The digest of the answers of a form's rows (each row's cells' texts by key, as people
    see them): what a form made from an earlier one records, and what its reader compares."""
    made = hashlib.sha256()
    for cells in rows:
        criterion = cells.get("criterion", "")
        for key in ANSWER_KEYS:
            if text := cells.get(key, ""):
                made.update(f"{criterion}\x1f{key}\x1f{text}\x1e".encode())
    return made.hexdigest()[:24]
