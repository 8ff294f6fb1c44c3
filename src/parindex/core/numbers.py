"""Exact decimal helpers: parsing what people type, rounding what is published."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

# Wide enough that a ratio such as 1180/1200 keeps every digit any index could show.
CONTEXT = Context(prec=40)
_NUMBER = re.compile(r"[+-]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\Z")
_COMMA_DECIMAL = re.compile(r"[+-]?\d+,\d+\Z")
# Numbers this large are typing slips (1e30 dossiers). Refusing them keeps every sum, product
# and two-decimal display within Decimal's default 28 digits instead of raising mid-run.
LIMIT = Decimal("1e15")
# More decimals than any count, rate or point needs; also keeps `1e-999999` from printing as a
# million digits.
MAX_DECIMALS = 12


def parse_number(value: object, *, decimal_comma: bool = False) -> Decimal | None:
    """A finite Decimal from a number or its text, or None when it is not one.

    With `decimal_comma`, `12,5` (Excel in a Vietnamese locale) reads as 12.5.
    """
    number = _parse(value, decimal_comma)
    if number is None or not -LIMIT < number < LIMIT:
        return None
    exponent = number.as_tuple().exponent
    return number if isinstance(exponent, int) and exponent >= -MAX_DECIMALS else None


def _parse(value: object, decimal_comma: bool) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, float):
        return Decimal(repr(value)) if value == value and abs(value) != float("inf") else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if decimal_comma and _COMMA_DECIMAL.match(text):
        text = text.replace(",", ".")
    if not _NUMBER.match(text):
        return None
    try:
        return Decimal(text.replace("_", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid literals
        return None


def divide(numerator: Decimal, denominator: Decimal) -> Decimal:
    """Division in the wide context (the only inexact step: repeating decimals)."""
    return CONTEXT.divide(numerator, denominator)


def round_half_up(value: Decimal, places: int) -> Decimal:
    """Round as published indices are: 76.485 → 76.49 at two places."""
    return value.quantize(
        _STEPS[places] if places < len(_STEPS) else Decimal(1).scaleb(-places),
        rounding=ROUND_HALF_UP,
    )


_STEPS = [Decimal(1).scaleb(-places) for places in range(8)]


def plain(value: Decimal, places: int | None = None) -> str:
    """A number as people write it: no exponent, no trailing zeros unless `places` is given."""
    if places is not None:
        rounded = round_half_up(value, places)
        return f"{rounded.copy_abs() if rounded.is_zero() else rounded:f}"  # never "-0.00"
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def short(value: Decimal) -> str:
    """A number for an explanation: at most two decimals, trailing zeros dropped."""
    text = str(value)
    dot = text.find(".")
    if "E" not in text and (dot < 0 or len(text) - dot <= 3):  # typed values need no rounding
        if dot >= 0:
            text = text.rstrip("0").rstrip(".")
        return "0" if text == "-0" else text
    return plain(round_half_up(value, 2))
