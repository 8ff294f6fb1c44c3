"""Where each key of a TOML file stands: tomllib gives no positions, so the settings' problems
are located by scanning the text for the lines that define keys and open tables."""

from __future__ import annotations

import re

# A key as TOML writes it: bare (letters, digits, `_`, `-`), or quoted either way.
_KEY = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_DOTTED = rf"{_KEY}(?:[ \t]*\.[ \t]*{_KEY})*"
_TABLE = re.compile(rf"[ \t]*(\[\[?)[ \t]*({_DOTTED})[ \t]*\]")
_ASSIGN = re.compile(rf"[ \t]*({_DOTTED})[ \t]*=")
_PART = re.compile(_KEY)
_ESCAPE = re.compile(r"\\(.)")

KeyPath = tuple[str, ...]


def _parts(dotted: str) -> KeyPath:
    """`a."b.c".d` → ("a", "b.c", "d")."""
    parts = []
    for match in _PART.finditer(dotted):
        text = match.group()
        if text[0] in "\"'":
            text = text[1:-1]
            if match.group()[0] == '"':
                text = _ESCAPE.sub(r"\1", text)  # `\"` and `\\`; other escapes are rare in keys
        parts.append(text)
    return tuple(parts)


class KeyLines:
    """The line of every key and table header of a TOML text (the first, when repeated), and
    each key written twice in one table with both lines."""

    def __init__(self, text: str) -> None:
        self.lines: dict[KeyPath, int] = {}
        self.repeated: list[tuple[KeyPath, int, int]] = []  # (key, first line, this line)
        table: KeyPath = ()
        closing = ""  # the quotes that end a multi-line string the scan is inside
        arrays = 0  # `[[table]]` headers seen: each opens a table of its own
        for number, line in enumerate(text.splitlines(), start=1):
            if closing:
                if line.count(closing) % 2:
                    closing = ""
                continue
            header = _TABLE.match(line)
            if header is not None:
                table = _parts(header.group(2))
                if header.group(1) == "[[":
                    arrays += 1
                    table = (*table, f"[{arrays}]")
                self.lines.setdefault(table, number)
                continue
            assign = _ASSIGN.match(line)
            if assign is not None:
                self._define((*table, *_parts(assign.group(1))), number)
            for quotes in ('"""', "'''"):
                if line.count(quotes) % 2:
                    closing = quotes
                    break

    def _define(self, key: KeyPath, number: int) -> None:
        first = self.lines.get(key)
        if first is None:
            self.lines[key] = number
        else:
            self.repeated.append((key, first, number))
        for end in range(len(key) - 1, 0, -1):  # `a.b = 1` also makes the table a
            self.lines.setdefault(key[:end], number)

    def line_of(self, key: KeyPath) -> int:
        """The line that defines `key`, else the nearest table above it that has one (1 at
        worst: the file itself)."""
        while key:
            found = self.lines.get(key)
            if found is not None:
                return found
            key = key[:-1]
        return 1
