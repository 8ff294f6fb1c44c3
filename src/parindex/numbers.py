"""Exact decimal helpers: parsing what people type, rounding what is published."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation, localcontext

# Wide enough that a ratio such as 1180/1200 keeps every digit any index could show.
CONTEXT = Context(prec=40)
_NUMBER = re.compile(r"[+-]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\Z")
_COMMA_DECIMAL = re.compile(r"[+-]?\d+,\d+\Z")


def parse_number(value: object, *, decimal_comma: bool = False) -> Decimal | None:
    """A finite Decimal from a number or its text, or None when it is not one.

    With `decimal_comma`, `12,5` (Excel in a Vietnamese locale) reads as 12.5.
    """
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
    with localcontext(CONTEXT):
        return numerator / denominator


def round_half_up(value: Decimal, places: int) -> Decimal:
    """Round as published indices are: 76.485 → 76.49 at two places."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def plain(value: Decimal, places: int | None = None) -> str:
    """A number as people write it: no exponent, no trailing zeros unless `places` is given."""
    if places is not None:
        return f"{round_half_up(value, places):f}"
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def short(value: Decimal) -> str:
    """A number for an explanation: at most two decimals, trailing zeros dropped."""
    return plain(round_half_up(value, 2))
