"""One sheet of the streaming workbook writer (`xlsxml`), as SpreadsheetML text.

The layout of every sheet: a title row, a hidden row of column keys (what a program reads the
sheet back by, whatever the language), a header row of labels for people, then the data; the
panes frozen below the header and right of the first columns, an autofilter on the header,
rows as tall as their wrapped text, A4 landscape fitted to the width with the page's name and
number in the footer. Texts go into the workbook's shared-string table (guarded against
formulas, what XML cannot hold shown escaped); numbers are written as the exact decimal text
they were rounded to, shown with their framework's decimals.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from operator import itemgetter

from parindex.errors import OutputError
from parindex.i18n import _
from parindex.outputs.records import guard, legal

CELL_LIMIT = 32_767  # characters a spreadsheet cell holds
SHEET_NAME_LIMIT = 31
HEADER_ROWS = 3  # title, keys (hidden), labels
MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
NAMESPACES = MAIN + ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# Cell styles (indexes into the workbook's cellXfs, see `xlsxml`).
TITLE, KEY, LABEL, WRAP, TEXT = 1, 2, 3, 4, 5
NUMBER = 6  # NUMBER + places: a number shown with `places` decimals
# A literal "_xHHHH_" would read as OOXML's escape of a character: its underscore is escaped
# (`_x005F_`) so it stays literal.
_UNSAFE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")

Value = str | int | Decimal | None


@dataclass(frozen=True, slots=True)
class Sheet:
    """One sheet. Each row holds a value for every key; its numbers are shown with the
    decimals `places` gives for its `framework` (else 2) and its texts are guarded.
    `protected`: locked against slips, without a password (filtering and resizing still
    work)."""

    name: str
    title: str
    keys: Sequence[str]
    labels: Sequence[str]
    rows: Sequence[Mapping[str, Value]]
    places: Mapping[str, int]
    widths: Sequence[float]
    frozen_columns: int  # columns kept in view left of the pane
    wrapped: frozenset[int] = frozenset()  # column positions whose text wraps
    protected: bool = False


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def escape(text: str) -> str:
    """`text` as XML character data."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _UNSAFE.sub("_x005F_", legal(text))


def attribute(text: str) -> str:
    """`text` as the value of an XML attribute."""
    return escape(text).replace('"', "&quot;")


class SharedStrings:
    """The shared-string table: each distinct text once, numbered by first use."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}  # text as given → its number
        self.shown: list[str] = []  # by number: the text as written, guarded

    def add(self, text: str, where: str) -> int:
        """The number of `text` (guarded against formulas) in the table."""
        found = self.index.get(text)
        if found is None:
            shown = guard(legal(text))
            if len(shown) > CELL_LIMIT:
                raise OutputError(
                    _(
                        "{where}: a text of {length} characters is longer than a spreadsheet "
                        "cell holds ({limit}); write .csv or .json instead, which hold it whole"
                    ).format(where=where, length=len(shown), limit=CELL_LIMIT)
                )
            found = self.index[text] = len(self.index)
            self.shown.append(shown)
        return found

    def xml(self) -> str:
        items = []
        for text in self.shown:
            space = ' xml:space="preserve"' if text != text.strip() else ""
            items.append(f"<si><t{space}>{escape(text)}</t></si>")
        count = len(self.shown)
        return (
            f'{XML_HEAD}<sst {MAIN} count="{count}" uniqueCount="{count}">'
            + "".join(items)
            + "</sst>"
        )


def sheet_parts(sheet: Sheet, strings: SharedStrings) -> Iterable[str]:
    """The worksheet XML in pieces (a few hundred rows each)."""
    yield _opening(sheet)
    yield _header_rows(sheet, strings)
    yield from _data_rows(sheet, strings)
    yield _closing(sheet)


def _last_cell(sheet: Sheet) -> str:
    return f"{column_letter(len(sheet.keys) - 1)}{HEADER_ROWS + len(sheet.rows)}"


def _opening(sheet: Sheet) -> str:
    """Up to the sheet data: its extent, the frozen panes and the column widths."""
    frozen = sheet.frozen_columns
    corner = f"{column_letter(frozen)}{HEADER_ROWS + 1}"
    if frozen:
        pane = (
            f'<pane xSplit="{frozen}" ySplit="{HEADER_ROWS}" topLeftCell="{corner}" '
            'activePane="bottomRight" state="frozen"/>'
            '<selection pane="topRight"/><selection pane="bottomLeft"/>'
            f'<selection pane="bottomRight" activeCell="{corner}" sqref="{corner}"/>'
        )
    else:
        pane = (
            f'<pane ySplit="{HEADER_ROWS}" topLeftCell="{corner}" activePane="bottomLeft" '
            f'state="frozen"/><selection pane="bottomLeft" activeCell="{corner}" '
            f'sqref="{corner}"/>'
        )
    cols = "".join(
        f'<col min="{i}" max="{i}" width="{w:.1f}" customWidth="1"/>'
        for i, w in enumerate(sheet.widths, start=1)
    )
    return (
        f'{XML_HEAD}<worksheet {NAMESPACES}><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
        f'<dimension ref="A1:{_last_cell(sheet)}"/><sheetViews><sheetView workbookViewId="0">'
        f'{pane}</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
        f"<cols>{cols}</cols><sheetData>"
    )


def _header_rows(sheet: Sheet, strings: SharedStrings) -> str:
    """The title, the hidden keys and the labels, as tall as the longest label wraps."""
    letters = [column_letter(i) for i in range(len(sheet.keys))]
    where = _("sheet {sheet}").format(sheet=sheet.name)
    title = strings.add(sheet.title, where)
    keys = "".join(
        f'<c r="{letters[i]}2" t="s" s="{KEY}"><v>{strings.add(k, where)}</v></c>'
        for i, k in enumerate(sheet.keys)
    )
    labels = "".join(
        f'<c r="{letters[i]}3" t="s" s="{LABEL}"><v>{strings.add(k, where)}</v></c>'
        for i, k in enumerate(sheet.labels)
    )
    # Headers are bold and wrap at words: counted at a digit's width a character.
    label_fits = [max(int(w) - 2, 4) for w in sheet.widths]
    label_lines = max(
        (_word_lines(label, label_fits[i]) for i, label in enumerate(sheet.labels)), default=1
    )
    return (
        f'<row r="1" ht="24" customHeight="1"><c r="A1" t="s" s="{TITLE}"><v>{title}</v></c>'
        f'</row><row r="2" hidden="1">{keys}</row>'
        f'<row r="3"{_height(label_lines)}>{labels}</row>'
    )


def _data_rows(sheet: Sheet, strings: SharedStrings) -> Iterator[str]:
    """The rows, a few hundred at a time: the hot loop of a 180,000-row breakdown."""
    width = len(sheet.keys)
    # A cell is `{start[i]}{row number}{middle}{value}</v></c>`; the parts are made once.
    start = [f'<c r="{column_letter(i)}' for i in range(width)]
    text_middle = [f'" t="s" s="{WRAP if i in sheet.wrapped else TEXT}"><v>' for i in range(width)]
    number_middle = {fw: f'" s="{NUMBER + p}"><v>' for fw, p in sheet.places.items()}
    other_middle = f'" s="{TEXT}"><v>'
    default_middle = f'" s="{NUMBER + 2}"><v>'
    lines_of = _row_lines(sheet)
    lookup = strings.index
    cells_of = itemgetter(*sheet.keys)
    chunk: list[str] = []
    for number, row in enumerate(sheet.rows, start=HEADER_ROWS + 1):
        cells = cells_of(row) if width > 1 else (row[sheet.keys[0]],)
        n = str(number)
        number_mid = number_middle.get(str(row.get("framework")), default_middle)
        lines = lines_of(cells)
        chunk.append(f'<row r="{n}"{_height(lines)}>' if lines > 1 else f'<row r="{n}">')
        for i, value in enumerate(cells):
            if value is None:
                continue
            if isinstance(value, str):
                found = lookup.get(value)
                if found is None:
                    found = strings.add(value, _cell_place(sheet, number, i))
                chunk.append(f"{start[i]}{n}{text_middle[i]}{found}</v></c>")
            elif isinstance(value, Decimal):
                text = str(value)  # rounded already: plain digits (10x faster than :f)
                if "E" in text:
                    text = f"{value:f}"
                chunk.append(f"{start[i]}{n}{number_mid}{text}</v></c>")
            else:
                chunk.append(f"{start[i]}{n}{other_middle}{value}</v></c>")
        chunk.append("</row>")
        if len(chunk) > 4000:
            yield "".join(chunk)
            chunk = []
    yield "".join(chunk)


def _cell_place(sheet: Sheet, row: int, column: int) -> str:
    return _("sheet {sheet}, row {row}, column {column}").format(
        sheet=sheet.name, row=row, column=sheet.keys[column]
    )


def _row_lines(sheet: Sheet) -> Callable[[Sequence[Value]], int]:
    """How many lines a row's wrapped text takes (estimated from its length: not every program
    grows a row to fit its text when it opens the file)."""
    # A width unit is one digit; text averages ~1.2 characters a unit.
    fits = [max(int(w * 1.2) - 1, 4) for w in sheet.widths]
    wrapped = sorted(sheet.wrapped)

    def lines_of(cells: Sequence[Value]) -> int:
        lines = 1
        for i in wrapped:
            value = cells[i]
            if isinstance(value, str) and (len(value) > fits[i] or "\n" in value):
                lines = max(lines, _lines(value, fits[i]))
        return lines

    return lines_of


def _closing(sheet: Sheet) -> str:
    """After the data: protection, the autofilter and the page set-up."""
    protection = (
        '<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" '
        'formatRows="0" autoFilter="0"/>'
        if sheet.protected
        else ""
    )
    return (
        f'</sheetData>{protection}<autoFilter ref="A{HEADER_ROWS}:{_last_cell(sheet)}"/>'
        '<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.6" header="0.3" footer="0.3"/>'
        '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
        f"<headerFooter><oddFooter>&amp;L{_footer(sheet.title)}&amp;R&amp;P / &amp;N</oddFooter>"
        "</headerFooter></worksheet>"
    )


def _footer(title: str) -> str:
    """The sheet's title in its printed footer (people's words, not the sheet's name, which
    stays a key for programs): '&' doubled as footers write it, within the 255 a footer holds."""
    return escape(legal(title).replace("&", "&&")[:200])


def _lines(text: str, fit: int) -> int:
    """Lines a text takes wrapped in a column that fits `fit` characters a line."""
    if "\n" not in text:
        return -(-len(text) // fit)
    return sum(-(-len(part) // fit) or 1 for part in text.split("\n"))


def _word_lines(text: str, fit: int) -> int:
    """Lines a short text takes wrapped at words (a word longer than a line takes its own)."""
    lines, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > fit:
            lines, used = lines + 1, 0
        used += (1 if used else 0) + len(word)
    return lines


def _height(lines: int) -> str:
    return f' ht="{15 * lines}" customHeight="1"' if lines > 1 else ""
