"""What passes between a rule kind and the rest of parindex: the value as written, what
scoring it gives, and what a kind says of a framework and of the values it takes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import NamedTuple, TypeAlias, Union

# A value as a unit's file or a table cell gives it, before a rule reads it: text (YAML
# scalars and table cells stay the strings written), nothing, a list or a mapping (a ratio's
# `{numerator, denominator}`); numbers and booleans come from Python callers.
RawValue: TypeAlias = Union[  # noqa: UP007 - a recursive alias names itself in quotes
    str, bool, int, float, Decimal, Sequence["RawValue"], Mapping[str, "RawValue"], None
]
# Where something stands under a node: `("bands", 0, "points")`.
KeyPath: TypeAlias = tuple[str | int, ...]


class RuleValueError(ValueError):
    """The value cannot be taken by the rule; the message says what is allowed."""


class Outcome(NamedTuple):
    """Points earned by a value, how they came about (in words of the run's language), the
    value as programs read it (`shown`: an option's key, numbers with a dot, "58.2 %") and as
    people read it (`said`: an option's label, yes/no in words, numbers as the run's language
    writes them, "58,2%"). Both are made here, where the value is read: nothing rewrites a
    value's text afterwards."""

    points: Decimal
    explanation: str
    shown: str
    said: str
    not_arisen: bool = False


class RuleProblem(NamedTuple):
    """What is wrong with a rule within its leaf, at `where` under the rule's key."""

    where: KeyPath
    message: str


class Bounds(NamedTuple):
    """The numbers a value may be: from `lowest` to `highest` (None: no bound on that side),
    whole numbers only when `whole`."""

    lowest: Decimal | None
    highest: Decimal | None
    whole: bool = False


class Choice(NamedTuple):
    """One option a value may name: its key as written, its points and its labels."""

    key: str
    points: Decimal
    label: str | None = None
    label_en: str | None = None


class PercentLine(NamedTuple):
    """How a survey percent becomes a leaf's value: `start + slope × percent`."""

    start: Decimal
    slope: Decimal
