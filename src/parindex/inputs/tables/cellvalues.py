"""A workbook cell as people see it: its text, and what it was before it became text (a
number, a date, a formula, an error), read the way openpyxl would give it; a cell no
spreadsheet writes is marked damaged, with the message that says so."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from typing import Literal

from parindex.core.numbers import plain
from parindex.i18n import _
from parindex.inputs.tables.xlsxbook import Formats

# A number as a workbook stores it in <v>: ASCII digits (Python's int() and float() also take
# `1_0`, `٥`, `nan` and spaces).
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\Z")
# What a cell of a workbook was before it became text: kept to judge it by its column.
# "damaged": a cell no spreadsheet program writes (its mark holds the message).
Mark = Literal["number", "date", "formula", "error", "damaged"]


def cell_value(kind: str, text: str, style: int, formats: Formats) -> tuple[Mark | None, str]:
    """A cell's text as people see it, and what it was before it became text (the value
    openpyxl would give, read the way `cell_text` reads it)."""
    if kind == "s":
        index = int(text) if text.isdigit() and text.isascii() else -1
        if not 0 <= index < len(formats.shared):
            return "damaged", _damaged_text(text, len(formats.shared))
        return None, cell_text(formats.shared[index])
    if kind == "inlineStr" or kind == "str":  # typed text, or a formula's text result
        return None, unicodedata.normalize("NFC", text)
    if kind == "n":
        number: int | float
        if text.isdigit() and text.isascii():  # the most common: a whole number
            number = int(text)
        elif _NUMBER.match(text):
            number = float(text) if "." in text or "e" in text or "E" in text else int(text)
        else:
            return "damaged", _damaged_number(text)
        if style in formats.dates:
            from openpyxl.utils.datetime import from_excel

            try:
                moment = from_excel(number, formats.epoch, timedelta=style in formats.durations)
            except (OverflowError, ValueError):  # a date serial out of range: #VALUE!
                return "error", "#VALUE!"
            return "date", cell_text(moment)
        value = Decimal(repr(number)) if isinstance(number, float) else Decimal(number)
        if style in formats.percents:
            value = value.scaleb(2)
        return "number", plain(value) if value.is_finite() else repr(number)
    if kind == "b":
        if text not in ("0", "1"):
            return "damaged", _(
                "the cell stores {text!r} as a true/false value, where a spreadsheet writes 0 "
                "or 1: the file is damaged; open it in Excel, type the value again and save it"
            ).format(text=_clip(text))
        return None, "true" if text == "1" else "false"
    if kind == "e":
        return "error", text
    if kind == "formula":
        return "formula", text
    if kind == "d":
        from openpyxl.utils.datetime import from_ISO8601

        try:
            return "date", cell_text(from_ISO8601(text))
        except (ValueError, OverflowError):
            return "damaged", _(
                "the cell stores {text!r} as a date, which is no date a spreadsheet writes "
                "(year-month-day): the file is damaged; open it in Excel, type the value again "
                "and save it"
            ).format(text=_clip(text))
    return None, cell_text(text)  # a kind openpyxl leaves as it is


def _damaged_text(text: str, count: int) -> str:
    return _(
        "the cell refers to shared text number {index!r}, which the workbook does not have "
        "(it has {count}, numbered from 0): the file is damaged; open it in Excel, type the "
        "value again and save it"
    ).format(index=_clip(text), count=count)


def _damaged_number(text: str) -> str:
    return _(
        "the cell stores {text!r} as a number, which is no number a spreadsheet writes "
        "(digits 0–9, a dot, an exponent): the file is damaged; open it in Excel, type the "
        "value again and save it"
    ).format(text=_clip(text))


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return plain(Decimal(repr(value)))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return unicodedata.normalize("NFC", str(value))
