"""The message catalogs: complete, in step with the code, and shipped compiled.

docs/development.md ("Messages and their Vietnamese") has the one command that extracts,
updates and compiles them; these tests fail when someone forgot to run it (or left a message
untranslated).
"""

from __future__ import annotations

import gettext
import io
import re
import string
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from parindex import i18n

from golden_support import REPO

LOCALE = REPO / "src" / "parindex" / "locale"
POT = LOCALE / "parindex.pot"
PO = LOCALE / "vi" / "LC_MESSAGES" / "parindex.po"
MO = LOCALE / "vi" / "LC_MESSAGES" / "parindex.mo"


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream, locale=locale)


def _messages(catalog: Catalog) -> Iterator[Message]:
    return (message for message in catalog if message.id)


def _key(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def _extracted() -> set[str]:
    """Every message of the code, extracted now as the command of docs/development.md does."""
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(REPO / "src"), method_map=[("**.py", "python"), ("**.j2", "jinja2")]
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_the_template_holds_exactly_the_messages_of_the_code() -> None:
    template = {_key(m) for m in _messages(_read(POT))}
    code = _extracted()
    assert not code - template, f"new messages not extracted yet: {sorted(code - template)}"
    assert not template - code, f"messages no longer in the code: {sorted(template - code)}"


def test_the_vietnamese_catalog_follows_the_template() -> None:
    template = {_key(m) for m in _messages(_read(POT))}
    vietnamese = {_key(m) for m in _messages(_read(PO, "vi"))}
    assert vietnamese == template


def test_every_message_has_a_vietnamese_translation() -> None:
    catalog = _read(PO, "vi")
    untranslated = [
        _key(m)
        for m in _messages(catalog)
        if not all(m.string if isinstance(m.string, tuple) else [m.string])
    ]
    fuzzy = [_key(m) for m in _messages(catalog) if m.fuzzy]
    assert not untranslated, f"no Vietnamese for: {untranslated}"
    assert not fuzzy, f"fuzzy (unchecked) translations: {fuzzy}"


def _placeholders(text: str) -> set[str]:
    """`{name}`, `{name!r}`, `{name:,}` and `%(name)s` fields, as written."""
    fields = {
        "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        for _literal, name, spec, conversion in string.Formatter().parse(text)
        if name is not None
    }
    return fields | set(re.findall(r"%\([a-z_]+\)[sd]", text))


def test_no_translation_drops_or_adds_a_placeholder() -> None:
    wrong = []
    for message in _messages(_read(PO, "vi")):
        if isinstance(message.id, str):
            expected = _placeholders(message.id)
            translations = [message.string]
        else:  # Vietnamese has one plural form: it serves every count, as the plural does
            expected = _placeholders(message.id[1])
            translations = list(message.string)
        wrong += [
            (message.id, text) for text in translations if _placeholders(str(text)) != expected
        ]
    assert not wrong


def test_the_compiled_catalog_is_up_to_date_with_the_po() -> None:
    compiled = io.BytesIO()
    write_mo(compiled, _read(PO, "vi"))
    assert MO.read_bytes() == compiled.getvalue(), "run the catalog command of docs/development.md"


def test_the_compiled_catalog_ships_with_the_package() -> None:
    config = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    shipped = re.search(r"\[tool\.setuptools\.package-data\][^\[]*parindex = \[([^\]]*)\]", config)
    assert shipped is not None and '"locale/*/LC_MESSAGES/*.mo"' in shipped.group(1)
    assert (i18n.LOCALE_DIR / "vi" / "LC_MESSAGES" / "parindex.mo").is_file()
    found = gettext.translation(i18n.DOMAIN, i18n.LOCALE_DIR, languages=["vi"])
    assert found.gettext("Band") == "Xếp loại"


@pytest.mark.parametrize(
    ("lang", "expected"), [("vi", "98,4 % > 90 % → 2/2 điểm"), ("en", "98.4 % > 90 % → 2 of 2")]
)
def test_messages_and_numbers_follow_the_language(lang: i18n.Lang, expected: str) -> None:
    with i18n.using(lang):
        said = i18n._("{points} of {max}").format(points="2", max="2")
        assert f"{i18n.number(Decimal('98.4'), lang)} % > 90 % → {said}" == expected
    assert i18n.current() == "en"  # `using` gives the language back
