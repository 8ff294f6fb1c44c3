"""`i18n.number`: the one way a number becomes text for people, in every view, file and report."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from parindex.core.numbers import plain, short
from parindex.i18n import number


@pytest.mark.parametrize(
    ("value", "places", "trim", "vi", "en"),
    [
        (Decimal("94.185"), 2, False, "94,19", "94.19"),  # half up, as indices are published
        (Decimal("76.485"), 2, False, "76,49", "76.49"),
        (Decimal("-0.001"), 2, False, "0,00", "0.00"),  # never "-0.00"
        (Decimal("5"), 2, False, "5,00", "5.00"),
        (Decimal("1.50"), None, False, "1,50", "1.50"),  # the decimals the value holds
        (Decimal("1.50"), None, True, "1,5", "1.5"),
        (Decimal("1E+2"), None, True, "100", "100"),  # never an exponent
        (Decimal("-0.00"), None, True, "0", "0"),
        (Decimal("2.005"), 2, True, "2,01", "2.01"),  # at most two decimals
        (Decimal("2.10"), 2, True, "2,1", "2.1"),
        (Decimal("1234567.5"), 1, False, "1234567,5", "1234567.5"),  # no thousands separator
        (76.485, 2, False, "76,48", "76.48"),  # a float as Python writes it
        (87.5, 0, False, "88", "88"),
        (12.5, None, True, "12,5", "12.5"),
        (20.0, None, True, "20", "20"),
    ],
)
def test_number_in_each_language(
    value: Decimal | float, places: int | None, trim: bool, vi: str, en: str
) -> None:
    assert number(value, "vi", places, trim=trim) == vi
    assert number(value, "en", places, trim=trim) == en


def test_a_true_minus_sign_where_asked() -> None:
    assert number(Decimal("-0.5"), "vi", 2, minus="−") == "−0,50"
    assert number(Decimal("0.5"), "vi", 2, minus="−") == "0,50"
    assert number(Decimal("-0.5"), "en", 2) == "-0.50"


def test_the_same_digits_as_the_files_write() -> None:
    """Only the decimal mark differs from the numbers of CSV and JSON (`core.numbers`)."""
    draw = random.Random(7)
    for _ in range(5000):
        value = Decimal(draw.randint(-(10**9), 10**9)).scaleb(draw.randint(-9, 2))
        for places in range(7):
            assert number(value, "en", places) == plain(value, places)
            assert number(value, "vi", places) == plain(value, places).replace(".", ",")
        assert number(value, "en", trim=True) == plain(value)
        assert number(value, "en", 2, trim=True) == short(value)
