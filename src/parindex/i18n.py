"""The language of everything a person reads: gettext catalogs and the vi/en name picker.

English is the source language of every message; `locale/vi/LC_MESSAGES/parindex.mo` holds
the Vietnamese (made from `parindex.po` by Babel, see the README's development section; at
run time only the standard library's gettext reads it). `use(lang)` is called once, by the
command line, before any input is read: explanations are written in words when a value is
scored, so they are in the run's language in tables and files alike. Messages are looked up
when they are made, never at import time (module-level texts are marked with `N_` and
translated where they are used).
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterator
from contextlib import contextmanager
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


_DECIMAL_POINT = re.compile(r"(?<=\d)\.(?=\d)")


def number(text: str) -> str:
    """A number (or a text made of numbers) as people read it in the current language: a
    decimal comma under vi (94,19), a dot under en. Only for text shown to people; files keep
    their numbers with a dot, and ids such as `1.10` never pass through here."""
    return _DECIMAL_POINT.sub(",", text) if current() == "vi" else text


def pick(text: str, text_en: str | None, lang: Lang) -> str:
    """A name, title or label of an input file in `lang`: `name`/`label` for vi, and
    `name_en`/`label_en` for en when given, else the Vietnamese."""
    return (text_en or text) if lang == "en" else text
