"""Aligned lines for the terminal: columns laid out by display width, printed as they are.

rich's Text and Table measure, wrap and pad every cell again (for the ~600 cells of a score
tree, most of the time `score` takes); the views lay their columns out here once, and the
lines are only cut at the console's width. Numbers are never cut: on a narrow terminal whole
columns give way (`drop_columns`), and text cells end in "…" (`fit`).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len, set_cell_size
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

Span = tuple[str, str]  # a piece of text and its rich style ("" for none)
MARGIN = 2  # spaces before the first column
GAP = 2  # spaces between columns


class Lines:
    """Lines laid out by parindex, printed as they are: each a run of (text, style) spans,
    or a note that wraps."""

    def __init__(self) -> None:
        self.lines: list[tuple[Span, ...] | Text] = []

    def add(self, *spans: Span) -> None:
        """A line of spans; it is cut (never wrapped) at the console's width."""
        merged: list[Span] = []  # fewer, longer segments: neighbours in one style
        for text, style in spans:
            if merged and merged[-1][1] == style:
                merged[-1] = (merged[-1][0] + text, style)
            else:
                merged.append((text, style))
        self.lines.append(tuple(merged))

    def note(self, *spans: Span) -> None:
        """A line of prose: it wraps instead of being cut."""
        self.lines.append(Text.assemble(*spans))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        styles: dict[str, Style | None] = {"": None}
        newline = Segment.line()
        for spans in self.lines:
            if isinstance(spans, Text):
                yield spans
                continue
            room = width
            for text, style in spans:
                size = cell_len(text)
                if size > room:  # only on a terminal narrower than any layout: say so
                    text, size = (set_cell_size(text, room - 1) + "…" if room > 0 else ""), room
                if style not in styles:
                    styles[style] = console.get_style(style)
                if text:
                    yield Segment(text, styles[style])
                room -= size
            yield newline


def fit(text: str, width: int, *, right: bool = False) -> str:
    """`text` in exactly `width` cells: cut with an ellipsis, padded on the left or right."""
    size = cell_len(text)
    if size > width:  # one cell a character (NFC Vietnamese) is cut by slicing, faster
        cut = text[: width - 1]
        if cell_len(cut) != width - 1:
            cut = set_cell_size(text, width - 1)
        text, size = cut + "…", width
    pad = " " * (width - size)
    return pad + text if right else text + pad


def aligned(
    cells: Sequence[str], widths: Sequence[int], right: Sequence[int], styles: str | Sequence[str]
) -> list[Span]:
    """One line of columns GAP spaces apart after a MARGIN, as spans; a column of width 0 is
    left out, and the line ends at its last non-blank cell."""
    spans: list[Span] = [(" " * MARGIN, "")]
    for column, (cell, width) in enumerate(zip(cells, widths, strict=True)):
        if width <= 0:
            continue
        if column:
            spans.append((" " * GAP, ""))
        style = styles if isinstance(styles, str) else styles[column]
        spans.append((fit(cell, width, right=column in right), style))
    while spans and not spans[-1][0].strip():
        spans.pop()
    if spans:
        spans[-1] = (spans[-1][0].rstrip(), spans[-1][1])
    return spans


def column_widths(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[int]:
    """The display width of each column: its widest cell, header included."""
    return [
        max(cell_len(header), *(cell_len(row[i]) for row in rows))
        for i, header in enumerate(headers)
    ]


def drop_columns(widths: list[int], order: Sequence[int], width: int, first: int) -> bool:
    """Set columns to width 0 in `order` until the rest fit in `width` beside a first column
    of `first` cells; True when any had to go."""
    hidden = False
    for column in order:
        if MARGIN + first + sum(w + GAP for w in widths[1:] if w) <= width:
            break
        widths[column] = 0
        hidden = True
    return hidden


def rule_line(header: Sequence[Span], width: int, char: str) -> Span:
    """The line under a header: as long as the header, never longer than `width`."""
    return (char * min(width, sum(cell_len(text) for text, _ in header)), "dim")
