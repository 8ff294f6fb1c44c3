"""Files as parindex reads them: their bytes (a file that cannot be read said at its path), and
text as UTF-8 (with or without a BOM) to NFC, every other encoding refused with a message that
says how to save the file."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from parindex.errors import InputError, Problem
from parindex.i18n import _


def read_bytes(path: str) -> bytes:
    """The file's bytes; InputError saying why they cannot be read."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise InputError([Problem(path, _("no such file"))]) from exc
    except IsADirectoryError as exc:
        raise InputError([Problem(path, _("is a directory, not a file"))]) from exc
    except OSError as exc:
        message = _("cannot read: {reason}").format(reason=exc.strerror or exc)
        raise InputError([Problem(path, message)]) from exc


def decode_text(raw: bytes, path: str) -> str:
    """UTF-8 (with or without BOM) to NFC text; anything else gets a 'save as UTF-8' problem."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(raw):
        raise InputError([Problem(path, _("the file is UTF-16 encoded; save it as UTF-8"), 1, 1)])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            [
                Problem(
                    path,
                    _(
                        "the file is not valid UTF-8 (byte 0x{raw:02x}); save it as "
                        "UTF-8 (in Excel or Notepad: 'Save as', encoding UTF-8)"
                    ).format(raw=raw[exc.start]),
                    line,
                    column,
                )
            ]
        ) from exc
    if "\x00" in text:
        line, column = line_column(text, text.index("\x00"))
        raise InputError(
            [
                Problem(
                    path,
                    _("the file holds NUL bytes: it is not a text file; save it as UTF-8 text"),
                    line,
                    column,
                )
            ]
        )
    return unicodedata.normalize("NFC", text)


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 saved without a BOM: text whose every other byte is NUL."""
    head = raw[:512]
    if len(head) < 8:
        return False
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    return max(even, odd) >= half * 0.6 and min(even, odd) <= half * 0.05


def line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1
