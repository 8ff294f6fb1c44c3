"""The language of everything a person reads: gettext catalogs, numbers as people of the language
write them (`number`), and the vi/en name picker.

English is the source language of every message; `locale/vi/LC_MESSAGES/parindex.mo` holds
the Vietnamese (made from `parindex.po` by Babel, see docs/development.md; at
run time only the standard library's gettext reads it). `use(lang)` is called by the command
line before any input is read, and by each process that reads files: explanations are written
in words when a value is scored, so they are in the run's language in tables and files alike.
Messages are looked up when they are made, never at import time (module-level texts are marked
with `N_` and translated where they are used). gettext's language is the only global one:
whatever else depends on the language (numbers, names) is given it as an argument.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Literal

Lang = Literal["vi", "en"]
LANGUAGES: tuple[Lang, ...] = ("vi", "en")
DEFAULT: Lang = "vi"
DOMAIN = "parindex"
LOCALE_DIR = Path(__file__).parent / "locale"

_state: dict[str, gettext.NullTranslations | Lang] = {}


def _translations(lang: Lang) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def use(lang: Lang) -> None:
    """Make `lang` the language of every message from now on."""
    _state["lang"] = lang
    _state["catalog"] = _translations(lang)


def current() -> Lang:
    lang = _state.get("lang", DEFAULT)
    return lang if isinstance(lang, str) else DEFAULT


def _catalog() -> gettext.NullTranslations:
    catalog = _state.get("catalog")
    if not isinstance(catalog, gettext.NullTranslations):
        use(current())
        catalog = _state["catalog"]
        assert isinstance(catalog, gettext.NullTranslations)
    return catalog


def _(message: str) -> str:
    """`message` (English) in the current language."""
    return _catalog().gettext(message)


def translate(messages: Iterable[str], lang: Lang) -> list[str]:
    """`messages` (English) in `lang`, whatever the run's language: words a reader knows in
    either language (the header of a workbook made in the other one)."""
    catalog = _catalog() if lang == current() else _translations(lang)
    return [catalog.gettext(message) for message in messages]


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for `count`, in the current language."""
    return _catalog().ngettext(singular, plural, count)


def N_(message: str) -> str:  # the conventional gettext marker name
    """Mark a module-level text for extraction; translate it with `_` where it is used."""
    return message


@contextmanager
def using(lang: Lang) -> Iterator[None]:
    """`lang` inside the block, the language before it after (for tests and one-off texts)."""
    before = current()
    use(lang)
    try:
        yield
    finally:
        use(before)


_STEPS = [Decimal(1).scaleb(-places) for places in range(8)]


def _within(text: str, places: int) -> bool:
    """Whether a number written without exponent has at most `places` decimals."""
    dot = text.find(".")
    return dot < 0 or len(text) - dot - 1 <= places


def number(
    value: Decimal | float,
    lang: Lang,
    places: int | None = None,
    *,
    trim: bool = False,
    minus: str = "-",
) -> str:
    """A number as people of `lang` write it: a decimal comma under vi (94,19), a decimal point
    under en; no exponent, no thousands separator. The one function that turns a number into
    text for people (views, files for people, the report, the words of explanations).

    `places`: rounded half up to exactly that many decimals, as indices are published (never
    "-0.00"); None: the decimals the value holds. `trim`: trailing zeros dropped (with `places`,
    at most that many decimals), and never "-0". A float (a chart's drawn value, a command-line
    option) is written as Python writes floats: correctly rounded to `places`, or in its
    shortest form. `minus` is the sign a negative number starts with (the report's "−").
    Files for programs keep their numbers with a dot (`core.numbers.plain`).
    """
    if isinstance(value, Decimal):
        text = str(value)  # the digits as held; plain digits, 10x faster than :f
        if "E" in text:
            text = f"{value:f}"
        if places is not None and not (trim and _within(text, places)):
            step = _STEPS[places] if places < len(_STEPS) else Decimal(1).scaleb(-places)
            rounded = value.quantize(step, rounding=ROUND_HALF_UP)
            if rounded.is_zero():
                rounded = rounded.copy_abs()  # never "-0.00"
            text = str(rounded)
            if "E" in text:
                text = f"{rounded:f}"
    elif places is None:
        text = f"{Decimal(repr(float(value))):f}"
    else:
        text = f"{value:.{places}f}"
    if trim:
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        if text in ("-0", ""):
            text = "0"
    if minus != "-" and text.startswith("-"):
        text = minus + text[1:]
    return text.replace(".", ",") if lang == "vi" else text


def pick(text: str, text_en: str | None, lang: Lang) -> str:
    """A name, title or label of an input file in `lang`: `name`/`label` for vi, and
    `name_en`/`label_en` for en when given, else the Vietnamese."""
    return (text_en or text) if lang == "en" else text


def with_unit(text: str, unit: str | None, lang: Lang) -> str:
    """A number written for people (`number`) followed by its unit: Vietnamese writes the per
    cent sign against the number ("92,5%"), English keeps a space ("92.5 %"); other units
    always follow a space ("3 ngày")."""
    if not unit:
        return text
    return text + unit if unit == "%" and lang == "vi" else f"{text} {unit}"


def percent(
    value: Decimal | float, lang: Lang, places: int | None = None, *, trim: bool = False
) -> str:
    """A percentage as people of `lang` write it: "92,5%" under vi, "92.5 %" under en."""
    return with_unit(number(value, lang, places, trim=trim), "%", lang)


def grouped(count: int, lang: Lang) -> str:
    """A whole number with its thousands grouped as people of `lang` write them: 1.000 under
    vi, 1,000 under en (counts people read in a sentence, never numbers in files)."""
    text = f"{count:,}"
    return text.replace(",", ".") if lang == "vi" else text
