"""What the rule kinds share: how they read a value (answer words, numbers as people type
them with a hint at what went wrong, rates, the comparisons of bands), the defaults of a
kind, and the words of a leaf's range. Pure."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Generic, TypeVar

from typing_extensions import assert_never

from parindex.core.kinds.base import (
    Bounds,
    Choice,
    PercentLine,
    RawValue,
    RuleProblem,
    RuleValueError,
)
from parindex.core.kinds.models import Comparison, RuleModel
from parindex.core.models import Criterion
from parindex.core.numbers import MAX_DECIMALS, divide, parse_number, plain, short
from parindex.core.rule_texts import num
from parindex.i18n import _, current, number, with_unit

YES = frozenset({"yes", "true", "có", "co", "đạt", "1"})
NO = frozenset({"no", "false", "không", "khong", "không đạt", "0"})
# Words people write for "not applicable"; a table's value cell may hold one.
NOT_APPLICABLE_WORDS = frozenset({"n/a", "na", "không áp dụng", "không phát sinh"})
HUNDRED = Decimal(100)


def na_word() -> str:
    """The N/A word where a value stands (a table's value cell, a drop-down entry): capitalised
    like the option labels beside it ("Không phát sinh"); read back whatever its case."""
    word = _("N/A")
    return word[:1].upper() + word[1:]


def points_of(points: Decimal, criterion: Criterion) -> str:
    """Points earned of the leaf's maximum in the run's words ("2 of 3"); a penalty's points
    are deducted ("3 of 3 deducted", or none)."""
    top = num(criterion.max or Decimal(0))
    if criterion.adjust != "penalty":
        return _("{points} of {max}").format(points=num(points), max=top)
    if not points:
        return _("no points deducted")
    return _("{points} of {max} deducted").format(points=num(points), max=top)


def penalty_words(points: Decimal, criterion: Criterion) -> str:
    """A penalty given as it is: none deducted reads as no violation."""
    if not points:
        return _("no violation → {points}").format(points=points_of(points, criterion))
    return points_of(points, criterion)


def number_in(value: RawValue, decimal_comma: bool, what: str) -> Decimal:
    """The number `value` holds, or RuleValueError saying `what` was expected."""
    number = parse_number(value, decimal_comma=decimal_comma)
    if number is None:
        raise RuleValueError(
            _("{value} is not a number; expected {what}{hint}").format(
                value=shown(value), what=what, hint=hint(value, decimal_comma)
            )
        )
    return number


_LONG_DECIMAL = re.compile(rf"[+-]?\d*[.,](\d{{{MAX_DECIMALS + 1},}})\Z")


def hint(value: RawValue, decimal_comma: bool = False) -> str:
    """What probably went wrong with a number typed the way people write it, quoting it
    (" (write 87.5: a dot for decimals, and no % sign)"), or ""."""
    if isinstance(value, float) and value == value:
        value = repr(value)
    if not isinstance(value, str):
        return ""
    text = value.strip()
    if _LONG_DECIMAL.match(text):
        return " " + _(
            "(it has more than {places} decimals; round it, e.g. with Excel's ROUND)"
        ).format(places=MAX_DECIMALS)
    if text.endswith("%"):
        bare = text[:-1].strip()
        if parse_number(bare, decimal_comma=decimal_comma) is not None:
            return " " + _("(write {number}, without the % sign)").format(number=bare)
        if parse_number(bare, decimal_comma=True) is not None:
            return " " + _("(write {number}: a dot for decimals, and no % sign)").format(
                number=bare.replace(",", ".")
            )
    if not decimal_comma and parse_number(text, decimal_comma=True) is not None:
        return " " + _("(write {number}: a dot for decimals in YAML)").format(
            number=text.replace(",", ".")
        )
    return ""


def shown(value: RawValue) -> str:
    """The value as a message quotes it: text in quotes (cut at 40 characters), else what
    it is."""
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:40] + "…")
    if value is None:
        return _("an empty value")
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    return repr(value)


def loose(text: str) -> str:
    """A word without case, diacritics, spaces, `_` or `-`: how near misses are found."""
    bare = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in bare if c.isalnum() and not unicodedata.combining(c)).casefold()


def condition_holds(comparison: Comparison, bound: Decimal, number: Decimal) -> bool:
    """Whether `number` meets a band's condition."""
    if comparison == "above":
        return number > bound
    if comparison == "at_least":
        return number >= bound
    if comparison == "at_most":
        return number <= bound
    if comparison == "below":
        return number < bound
    assert_never(comparison)


def in_words(value: Decimal) -> str:
    """A number as the unit gave it, as people of the run's language write it (every decimal
    it has): in explanations and wherever a person reads the value."""
    return number(value, current(), trim=True)


def parse_rate(value: RawValue, comma: bool) -> tuple[Decimal | None, str, str]:
    """A ratio value → (percent, as programs read it, as people read it); percent None when
    the denominator is 0."""
    if isinstance(value, str) and "/" in value:
        left, _slash, right = value.partition("/")
        value = {"numerator": left, "denominator": right}
    if isinstance(value, dict):
        unknown = set(value) - {"numerator", "denominator"}
        if unknown or len(value) != 2:
            written = _(
                "a ratio is written {{numerator: n, denominator: d}} (in a table cell: n/d)"
            )
            raise RuleValueError(written.format())
        numerator = number_in(value["numerator"], comma, _("a count for numerator"))
        denominator = number_in(value["denominator"], comma, _("a count for denominator"))
        return _fraction(numerator, denominator)
    rate = number_in(value, comma, _("a percent from 0 to 100, or numerator/denominator"))
    if not 0 <= rate <= HUNDRED:
        raise RuleValueError(
            _("{value} is outside 0–100; a ratio is a percent from 0 to 100").format(
                value=num(rate)
            )
        )
    return rate, f"{short(rate)} %", with_unit(num(rate), "%", current())  # vi: "96,67%"


def _fraction(numerator: Decimal, denominator: Decimal) -> tuple[Decimal | None, str, str]:
    if numerator < 0 or denominator < 0:
        raise RuleValueError(_("numerator and denominator must not be negative"))
    written = f"{plain(numerator)}/{plain(denominator)}"
    words = f"{in_words(numerator)}/{in_words(denominator)}"
    if denominator == 0:
        if numerator != 0:
            raise RuleValueError(
                _("{value}: the denominator is 0 but the numerator is not").format(value=written)
            )
        return None, written, words
    if numerator > denominator:
        raise RuleValueError(
            _("{value}: the numerator exceeds the denominator (a rate is at most 100 %)").format(
                value=written
            )
        )
    rate = divide(numerator * HUNDRED, denominator)
    words += " = " + with_unit(num(rate), "%", current())
    return rate, f"{written} = {short(rate)} %", words


RuleT = TypeVar("RuleT", bound=RuleModel)


class KindDefaults(Generic[RuleT]):
    """What a kind says when it has nothing to say: no framework checks of its own, no
    numeric bounds, no options, no survey percent."""

    def problems(self, rule: RuleT, criterion: Criterion) -> list[RuleProblem]:
        return []

    def bounds(self, rule: RuleT, criterion: Criterion) -> Bounds | None:
        return None

    def options(self, rule: RuleT, criterion: Criterion) -> tuple[Choice, ...]:
        return ()

    def percent_line(self, rule: RuleT, criterion: Criterion) -> PercentLine | None:
        return None


def span(low: Decimal, high: Decimal) -> str:
    """The words of a leaf's range ("the leaf's range 0–10"), for a rule's checks."""
    return _("the leaf's range {low}–{high}").format(low=num(low), high=num(high))
