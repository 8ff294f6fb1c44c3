"""The header of a table parindex wrote for people: its key row found by its keys (or by the
labels of either language), and the header row people read below it, skipped."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from parindex.core.numbers import parse_number
from parindex.inputs.tables.workbook import GridRow

CRITERION = "criterion"  # the key of a table row by criterion: never a ranking's column


@dataclass(frozen=True, slots=True)
class Header:
    """How to find the header row of a table that parindex wrote for people (`--previous`).

    The header is the first of the first rows that names the required columns, by key or by
    one of `aliases` (a label in either language → key); when no row does, the first row with
    at least `len(positions)` cells is the header and `positions` gives each column's key.

    The header people read, right below a key row, is skipped: a row that names the required
    columns again (by `aliases`), or one whose `numbered` column, a number in every row of
    data parindex writes, holds text there — the label of a column, in whatever words the
    workbook was made with (another language, an earlier wording).
    """

    aliases: Mapping[str, str] = field(default_factory=dict)
    positions: Sequence[str] = ()
    search_rows: int = 10
    numbered: str | None = None


def normal(text: str) -> str:
    """A header cell as columns are matched: NFC, spaces collapsed, case aside."""
    return " ".join(unicodedata.normalize("NFC", text).strip().lstrip("\ufeff").split()).casefold()


def find_header(grid: list[GridRow], required: list[str], header: Header) -> tuple[int, list[str]]:
    """(index in grid, column keys) of the header row of a table parindex wrote for people:
    the first row that names the required columns (its key row, which may be hidden)."""
    for at, (_n, cells, _m) in enumerate(grid[: header.search_rows]):
        names = [header.aliases.get(normal(c), normal(c)) for c in cells]
        if all(r in names for r in required):
            return at, names
    for at, (_n, cells, _m) in enumerate(grid[: header.search_rows]):
        if len([c for c in cells if c.strip()]) < len(header.positions) or not header.positions:
            continue
        keys = list(header.positions)
        named = [header.aliases.get(normal(c), normal(c)) for c in cells[: len(keys)]]
        # Labels it does not know, in the ranking's column order; a row that names known
        # columns elsewhere is another table (a breakdown, a roster), not a ranking, and so is
        # one with a `criterion` column (a unit's form, a notice or reply, the council's).
        if CRITERION in (normal(c) for c in cells):
            break
        if all(n == k or n not in keys for n, k in zip(named, keys, strict=False)):
            return at, keys + [normal(c) for c in cells[len(keys) :]]
        break
    return 0, [normal(c) for c in grid[0][1]]


def _labelled(cells: list[str], names: list[str], numbered: str | None) -> bool:
    """Whether a row holds text where data rows hold a number: the header people read."""
    if numbered is None or numbered not in names:
        return False
    at = names.index(numbered)
    text = cells[at].strip() if at < len(cells) else ""
    return bool(text) and parse_number(text, decimal_comma=True) is None


def _names_again(cells: list[str], names: list[str], required: list[str], header: Header) -> bool:
    """Whether a row names the required columns again, each in its column (by key or by a
    label of either language): the header people read, below the row of keys."""
    for key in required:
        if key not in names:  # a header with columns missing: no second one to look for
            return False
        at = names.index(key)
        text = normal(cells[at]) if at < len(cells) else ""
        if header.aliases.get(text, text) != key:
            return False
    return True


def below_header(
    head: list[GridRow], at: int, names: list[str], required: list[str], header: Header
) -> int:
    """Where the rows of data start below the key row at `at`: past the header row people
    read, directly below it, when there is one. One row at most: a row of data further down
    whose numbered cell a person overwrote with text is still a row of data (a reply whose
    locked `round` was edited is read and said, never dropped as a second header)."""
    below = at + 1
    if below < len(head) and (
        _names_again(head[below][1], names, required, header)
        or _labelled(head[below][1], names, header.numbered)
    ):
        below += 1
    return below
