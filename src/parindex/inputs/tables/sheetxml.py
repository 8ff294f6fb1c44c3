"""A worksheet's cells straight from its XML: the fast path of reading a workbook.

openpyxl's read-only worksheets turn every row into an element tree and every cell into a
dictionary and an object; a sheet of a million rows takes minutes that way. Here the sheet's
XML part is streamed through expat (the C parser of the standard library) with three small
handlers, and each row comes out as its number and its cells, each cell as
`(column, kind, text, style)`:

- `column` is 0-based, from the cell's reference (`B7` → 1), or the one after the previous;
- `kind` is the cell's `t` attribute (`n` when absent: a number; `s` a shared string's index;
  `str`, `inlineStr`, `b`, `e`, `d`), or `formula` for a formula with no saved value, whose
  `text` is then the formula (with its `=`);
- `text` is the `<v>` value, or the joined `<t>` of an inline string (phonetic runs aside);
- `style` is the `s` index into the workbook's cell formats.

What a value means (a shared string, a number, a date, a percentage) is the caller's to say,
with the workbook's shared strings and formats. Expat expands no external entity and refuses
entity bombs; a sheet that declares a DTD is refused outright (no spreadsheet program writes
one). Problems of the XML raise `expat.ExpatError` or `ValueError`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO
from xml.parsers import expat

from parindex.i18n import _

Cell = tuple[int, str, str, int]
CHUNK = 1 << 16


def sheet_rows(stream: IO[bytes]) -> Iterator[tuple[int, list[Cell]]]:
    """(row number, cells) of every row of the sheet XML in `stream` that holds a cell."""
    reader = _Reader()
    parser = _parser()
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.text
    while chunk := stream.read(CHUNK):
        parser.Parse(chunk, False)
        if reader.done:
            yield from reader.done
            reader.done = []
    parser.Parse(b"", True)
    yield from reader.done


def shared_strings(stream: IO[bytes]) -> list[str]:
    """The workbook's shared strings, in order: each `<si>`'s text runs joined, phonetic
    readings aside, and `x005F_` dropped as openpyxl drops it."""
    strings: list[str] = []
    pieces: list[str] = []
    state = {"text": False, "phonetic": 0}

    def start(name: str, _attrs: dict[str, str]) -> None:
        tag = _local(name)
        if tag == "si":
            pieces.clear()
        elif tag == "rPh":
            state["phonetic"] += 1
        elif tag == "t" and not state["phonetic"]:
            state["text"] = True

    def end(name: str) -> None:
        tag = _local(name)
        if tag == "si":
            strings.append("".join(pieces).replace("x005F_", ""))
        elif tag == "rPh":
            state["phonetic"] -= 1
        elif tag == "t":
            state["text"] = False

    def text(data: str) -> None:
        if state["text"]:
            pieces.append(data)

    parser = _parser()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    while chunk := stream.read(CHUNK):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)
    return strings


def _parser() -> expat.XMLParserType:
    """An expat parser that refuses a DTD and expands no external entity."""
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = _no_doctype
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    return parser


def _no_doctype(*_args: object) -> None:
    raise ValueError(_("the sheet declares a DTD, which no spreadsheet program writes"))


_LOCAL: dict[str, str] = {}  # qualified name → local name, for the few names a sheet uses


def _local(name: str) -> str:
    """`x:row` → `row`: some writers prefix the spreadsheet namespace."""
    local = _LOCAL.get(name)
    if local is None:
        local = name.rpartition(":")[2]
        if len(_LOCAL) < 256:
            _LOCAL[name] = local
    return local


def _whole(text: str, what: str) -> int:
    """A row number or style index as a spreadsheet writes it: ASCII digits only (Python's
    int() also takes `1_0`, `٥` and spaces)."""
    if not (text.isascii() and text.isdigit()):
        message = (
            _("{text!r} is not a row number")
            if what == "row"
            else _("{text!r} is not a cell style number")
        )
        raise ValueError(message.format(text=text))
    return int(text)


def column_index(reference: str) -> int:
    """`B7` → 1 (0-based); ValueError when the reference has no column letters."""
    index = 0
    for char in reference:
        if "A" <= char <= "Z":
            index = index * 26 + ord(char) - 64
        elif "a" <= char <= "z":
            index = index * 26 + ord(char) - 96
        else:
            break
    if index == 0:
        raise ValueError(
            _("the cell reference {reference!r} names no column").format(reference=reference)
        )
    return index - 1


class _Reader:
    """The handlers' state: the row and cell being read, and the rows finished."""

    __slots__ = (
        "capture",
        "captured",
        "cell",
        "cells",
        "column",
        "done",
        "formula",
        "phonetic",
        "row",
        "value",
    )

    def __init__(self) -> None:
        self.done: list[tuple[int, list[Cell]]] = []
        self.row = 0
        self.cells: list[Cell] = []
        self.column = -1
        self.cell: tuple[int, str, int] | None = None  # column, kind, style of the open cell
        self.value: str | None = None
        self.formula: str | None = None
        self.capture = ""  # the element whose text is being read: v, f or t (else "")
        self.captured = ""
        self.phonetic = 0  # depth inside <rPh> (readings shown above East Asian text)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = _LOCAL.get(name) or _local(name)
        if tag == "c":
            reference = attrs.get("r")
            self.column = column_index(reference) if reference else self.column + 1
            style = attrs.get("s")
            self.cell = (self.column, attrs.get("t", "n"), _whole(style, "style") if style else 0)
            self.value = self.formula = None
        elif self.cell is not None and (
            tag == "v" or tag == "f" or (tag == "t" and not self.phonetic)
        ):
            self.capture, self.captured = tag, ""
        elif tag == "row":
            number = attrs.get("r")
            self.row = _whole(number, "row") if number else self.row + 1
            self.cells = []
            self.column = -1
        elif tag == "rPh":
            self.phonetic += 1

    def text(self, data: str) -> None:
        if self.capture:
            self.captured += data

    def end(self, name: str) -> None:
        tag = _LOCAL.get(name) or _local(name)
        if tag == self.capture:
            if tag == "v":
                self.value = self.captured
            elif tag == "f":
                self.formula = self.captured
            else:  # a run of an inline string
                self.value = (self.value or "") + self.captured
            self.capture = ""
        elif tag == "c":
            self._close_cell()
        elif tag == "row":
            if self.cells:
                self.done.append((self.row, self.cells))
            self.cells = []
        elif tag == "rPh":
            self.phonetic -= 1

    def _close_cell(self) -> None:
        cell = self.cell
        if cell is None:  # pragma: no cover - expat refuses an end without its start
            return
        column, kind, style = cell
        if self.value:  # an empty <v/> is no value, as in openpyxl
            self.cells.append((column, kind, self.value, style))
        elif self.formula is not None:
            self.cells.append((column, "formula", "=" + self.formula, style))
        self.cell = None
