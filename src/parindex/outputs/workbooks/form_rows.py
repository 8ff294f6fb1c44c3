"""The cells and rows of the unit's workbook form as SpreadsheetML: its columns (letters,
widths, which are centred), a cell's XML (text written in the cell, a number), a row's tag (as
tall as its lines), the shared strings, and a `self` leaf's row — what never changes laid out
once, its open cells filled for each unit (`form_sheet` lays the sheet out with them)."""

from __future__ import annotations

from decimal import Decimal

from parindex.core.forms import ANSWER_KEYS, FORM_KEYS, FormAnswer
from parindex.core.models import Criterion, Leaf
from parindex.core.numbers import plain
from parindex.i18n import Lang
from parindex.outputs.records import legal
from parindex.outputs.workbooks.form_cells import Cell, answer_cells, text_lines
from parindex.outputs.workbooks.form_xml import STYLE
from parindex.outputs.workbooks.sheet_xml import column_letter, escape

LETTERS = {key: column_letter(1 + i) for i, key in enumerate(FORM_KEYS)}  # B to L
LAST = LETTERS[FORM_KEYS[-1]]
LISTS = 1 + len(FORM_KEYS)  # 0-based: the first hidden column of options (M)
WIDTHS = {
    "criterion": 9,
    "name": 32,
    "max_points": 9,
    "rule": 46,
    "value": 20,
    "numerator": 11,
    "denominator": 12,
    "not_applicable": 13,
    "reason": 20,
    "self_points": 10,
    "evidence": 30,
}
CENTRED = frozenset({"criterion", "max_points", "numerator", "denominator", "self_points"})
LINE_HEIGHT = 15  # points per line of 11-point text


class Strings:
    """The shared strings: each distinct text once, numbered by first use."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def add(self, text: str) -> int:
        return self.index.setdefault(text, len(self.index))


def inline(ref: str, style: str, text: str) -> str:
    body = escape(legal(text))
    space = ' xml:space="preserve"' if body != body.strip() or "\n" in body else ""
    return f'<c r="{ref}" s="{STYLE[style]}" t="inlineStr"><is><t{space}>{body}</t></is></c>'


def number_cell(ref: str, style: str, value: Decimal) -> str:
    return f'<c r="{ref}" s="{STYLE[style]}"><v>{plain(value)}</v></c>'


def cell_xml(ref: str, style: str, value: Cell) -> str:
    if isinstance(value, Decimal):
        return number_cell(ref, style, value)
    return inline(ref, style, value)


def row_tag(
    number: int,
    lines: int = 1,
    style: str | None = None,
    hidden: bool = False,
    height: float | None = None,
) -> str:
    """A row's start: as tall as its lines of text (`height` points when given), its empty
    cells in `style` (the row's look)."""
    tag = f'<row r="{number}"'
    if height is not None or lines > 1:
        tag += f' ht="{height or LINE_HEIGHT * lines}" customHeight="1"'
    if style is not None:
        tag += f' s="{STYLE[style]}" customFormat="1"'
    if hidden:
        tag += ' hidden="1"'
    return tag + ">"


class LeafRow:
    """A `self` leaf's row: what never changes (its context, its closed answer cells, its
    options), and its open cells, filled per unit."""

    __slots__ = ("after", "before", "criterion", "lines", "number", "open", "shut")

    def __init__(self, number: int, criterion: Criterion, lines: int) -> None:
        self.number = number
        self.criterion = criterion
        self.lines = lines
        self.before = ""  # the context cells, B to E
        self.open: dict[str, str] = {}  # answer key → its column letter
        self.shut: dict[str, str] = {}  # answer key → its closed cell
        self.after = ""  # the hidden cells of options

    def xml(self, answer: FormAnswer | None, lang: Lang) -> str:
        filled = answer_cells(self.criterion, answer, lang) if answer is not None else {}
        lines = max(self.lines, text_lines(WIDTHS, filled))
        cells = [row_tag(self.number, lines, "open"), self.before]
        for key in ANSWER_KEYS:
            if key in self.shut:
                cells.append(self.shut[key])
            elif key in filled and key in self.open:
                style = "open_centred" if key in CENTRED else "open"
                cells.append(cell_xml(f"{self.open[key]}{self.number}", style, filled[key]))
        cells.append(self.after)
        cells.append("</row>")
        return "".join(cells)


Row = str | LeafRow


def open_keys(node: Criterion, leaf: Leaf) -> set[str]:
    """The answer cells a `self` leaf opens: a ratio its numerator and denominator, a leaf that
    may not arise its `not_applicable`."""
    keys = {"value", "reason", "self_points", "evidence"}
    if node.rule is not None and node.rule.kind == "ratio":
        keys |= {"numerator", "denominator"}
    if leaf.policy != "forbidden":
        keys.add("not_applicable")
    return keys
