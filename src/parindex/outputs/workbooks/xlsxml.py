"""A small streaming writer of SpreadsheetML (.xlsx) workbooks laid out for reading and printing.

Why our own: the published workbook of 2,000 units holds a breakdown of 180,000 rows, and
general writers spend most of their time on what this layout never uses. Measured on a
2-core machine (`benchmarks/run.py`), openpyxl's write-only mode costs about 37 µs a cell and
XlsxWriter's constant-memory mode about 14 µs, so `rank -o r.xlsx --breakdown b.xlsx` took
several times the CSV run; this writer costs about 1 µs a cell. It writes only the fixed
part of the format (ECMA-376 Part 1, §18) that parindex's layout needs: per sheet a title
row, a hidden row of column keys, a header row, then the data; frozen panes, an autofilter,
A4 landscape page set-up fitted to the width with the header rows repeated (the defined
names `_xlnm.Print_Titles` and `_xlnm._FilterDatabase`), a handful of cell styles, and one
shared-string table in which each distinct text is escaped once. Rows are rendered as text
straight into the compressed stream, numbers as the exact decimal text they were rounded
to. Every date (document properties, zip entries) is fixed and the parts are always written
in the same order, so the same rows give the same bytes. Reading stays with openpyxl.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from operator import itemgetter

from parindex.errors import OutputError
from parindex.i18n import _
from parindex.outputs.records import guard

CELL_LIMIT = 32_767  # characters a spreadsheet cell holds
SHEET_NAME_LIMIT = 31
FIXED_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry holds
FIXED_ISO_DATE = "1980-01-01T00:00:00Z"
MAX_PLACES = 6

Value = str | int | Decimal | None


@dataclass(frozen=True, slots=True)
class Sheet:
    """One sheet. Each row holds a value for every key; its numbers are shown with the
    decimals `places` gives for its `framework` (else 2) and its texts are guarded."""

    name: str
    title: str
    keys: Sequence[str]
    labels: Sequence[str]
    rows: Sequence[Mapping[str, Value]]
    places: Mapping[str, int]
    widths: Sequence[float]
    frozen_columns: int  # columns kept in view left of the pane
    wrapped: frozenset[int] = frozenset()  # column positions whose text wraps


HEADER_ROWS = 3  # title, keys (hidden), labels
_MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_NS = _MAIN + ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument"

# Cell styles (indexes into cellXfs below).
_TITLE, _KEY, _LABEL, _WRAP, _TEXT = 1, 2, 3, 4, 5
_NUMBER = 6  # _NUMBER + places: a number shown with `places` decimals

# XML 1.0 cannot hold most control characters: they are shown escaped (`\x01`), as on the
# terminal. A literal "_xHHHH_" would read as OOXML's escape of a character: its underscore
# is escaped (`_x005F_`) so it stays literal.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_UNSAFE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")


def legal(text: str) -> str:
    """`text` without what XML cannot hold: control characters shown escaped (`\\x01`)."""
    return _ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _escape(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _UNSAFE.sub("_x005F_", legal(text))


def _attr(text: str) -> str:
    return _escape(text).replace('"', "&quot;")


class _Strings:
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
            items.append(f"<si><t{space}>{_escape(text)}</t></si>")
        count = len(self.shown)
        return (
            f'{_HEAD}<sst {_MAIN} count="{count}" uniqueCount="{count}">'
            + "".join(items)
            + "</sst>"
        )


def _sheet_parts(sheet: Sheet, strings: _Strings) -> Iterable[str]:
    """The worksheet XML in pieces (a few hundred rows each)."""
    width = len(sheet.keys)
    letters = [column_letter(i) for i in range(width)]
    last_row = HEADER_ROWS + len(sheet.rows)
    last = f"{letters[-1]}{last_row}"
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
    yield (
        f'{_HEAD}<worksheet {_NS}><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
        f'<dimension ref="A1:{last}"/><sheetViews><sheetView workbookViewId="0">{pane}'
        f'</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols>'
        "<sheetData>"
    )
    where = _("sheet {sheet}").format(sheet=sheet.name)
    title = strings.add(sheet.title, where)
    keys = "".join(
        f'<c r="{letters[i]}2" t="s" s="{_KEY}"><v>{strings.add(k, where)}</v></c>'
        for i, k in enumerate(sheet.keys)
    )
    labels = "".join(
        f'<c r="{letters[i]}3" t="s" s="{_LABEL}"><v>{strings.add(k, where)}</v></c>'
        for i, k in enumerate(sheet.labels)
    )
    # Rows are as tall as their wrapped text (estimated from its length: not every program
    # grows a row to fit its text when it opens the file).
    # A width unit is one digit; text averages ~1.2 characters a unit.
    fits = [max(int(w * 1.2) - 1, 4) for w in sheet.widths]
    # Headers are bold and wrap at words: counted at a digit's width a character.
    label_fits = [max(int(w) - 2, 4) for w in sheet.widths]
    label_lines = max(
        (_word_lines(label, label_fits[i]) for i, label in enumerate(sheet.labels)), default=1
    )
    yield (
        f'<row r="1" ht="24" customHeight="1"><c r="A1" t="s" s="{_TITLE}"><v>{title}</v></c>'
        f'</row><row r="2" hidden="1">{keys}</row>'
        f'<row r="3"{_height(label_lines)}>{labels}</row>'
    )
    text_style = [f' s="{_WRAP if i in sheet.wrapped else _TEXT}"' for i in range(width)]
    # A cell is `{start[i]}{row number}{middle}{value}</v></c>`; the parts are made once.
    start = [f'<c r="{letter}' for letter in letters]
    text_middle = [f'" t="s"{style}><v>' for style in text_style]
    number_middle = {fw: f'" s="{_NUMBER + p}"><v>' for fw, p in sheet.places.items()}
    other_middle = f'" s="{_TEXT}"><v>'
    default_middle = f'" s="{_NUMBER + 2}"><v>'
    wrapped = sorted(sheet.wrapped)
    lookup = strings.index
    cells_of = itemgetter(*sheet.keys)
    chunk: list[str] = []
    for number, row in enumerate(sheet.rows, start=HEADER_ROWS + 1):
        cells = cells_of(row) if width > 1 else (row[sheet.keys[0]],)
        n = str(number)
        number_mid = number_middle.get(str(row.get("framework")), default_middle)
        lines = 1
        for i in wrapped:
            value = cells[i]
            if isinstance(value, str) and (len(value) > fits[i] or "\n" in value):
                lines = max(lines, _lines(value, fits[i]))
        chunk.append(f'<row r="{n}"{_height(lines)}>' if lines > 1 else f'<row r="{n}">')
        for i, value in enumerate(cells):
            if value is None:
                continue
            if isinstance(value, str):
                found = lookup.get(value)
                if found is None:
                    found = strings.add(
                        value,
                        _("sheet {sheet}, row {row}, column {column}").format(
                            sheet=sheet.name, row=number, column=sheet.keys[i]
                        ),
                    )
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
    yield (
        f'</sheetData><autoFilter ref="A{HEADER_ROWS}:{last}"/>'
        '<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.6" header="0.3" footer="0.3"/>'
        '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
        "<headerFooter><oddFooter>&amp;L&amp;A&amp;R&amp;P / &amp;N</oddFooter></headerFooter>"
        "</worksheet>"
    )


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


def _styles() -> str:
    formats = "".join(
        f'<numFmt numFmtId="{164 + p}" formatCode="{"0." + "0" * p if p else "0"}"/>'
        for p in range(MAX_PLACES + 1)
    )
    numbers = "".join(
        f'<xf numFmtId="{164 + p}" fontId="0" fillId="0" borderId="0" xfId="0" '
        'applyNumberFormat="1" applyAlignment="1"><alignment vertical="top"/></xf>'
        for p in range(MAX_PLACES + 1)
    )
    count = _NUMBER + MAX_PLACES + 1
    return (
        f"{_HEAD}<styleSheet {_MAIN}>"
        f'<numFmts count="{MAX_PLACES + 1}">{formats}</numFmts>'
        '<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
        '<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font></fonts>'
        '<fills count="3"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill>'
        '<fill><patternFill patternType="solid"><fgColor rgb="FFDDE5F0"/>'
        '<bgColor indexed="64"/></patternFill></fill></fills>'
        '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
        '<border><left/><right/><top/><bottom style="thin"><color auto="1"/></bottom>'
        "<diagonal/></border></borders>"
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        f'</cellStyleXfs><cellXfs count="{count}">'
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" '
        'applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="center" '
        'wrapText="1"/></xf>'
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
        '<alignment vertical="top" wrapText="1"/></xf>'
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
        '<alignment vertical="top"/></xf>'
        f"{numbers}</cellXfs>"
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )


def _quoted(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _workbook(sheets: Sequence[Sheet]) -> str:
    entries = "".join(
        f'<sheet name="{_attr(s.name)}" sheetId="{i}" r:id="rId{i}"/>'
        for i, s in enumerate(sheets, start=1)
    )
    names = []
    for i, sheet in enumerate(sheets):
        last = f"${column_letter(len(sheet.keys) - 1)}${HEADER_ROWS + len(sheet.rows)}"
        names.append(
            f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
            f"{_attr(_quoted(sheet.name))}!$A${HEADER_ROWS}:{last}</definedName>"
            f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">'
            f"{_attr(_quoted(sheet.name))}!$1:${HEADER_ROWS}</definedName>"
        )
    return (
        f'{_HEAD}<workbook {_NS}><bookViews><workbookView activeTab="0"/></bookViews>'
        f"<sheets>{entries}</sheets><definedNames>{''.join(names)}</definedNames>"
        '<calcPr calcId="0"/></workbook>'
    )


def _content_types(count: int) -> str:
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        f'ContentType="{_CT}.spreadsheetml.worksheet+xml"/>'
        for i in range(1, count + 1)
    )
    return (
        f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.spreadsheetml.sheet.main+xml"/>'
        f"{sheets}"
        f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" '
        f'ContentType="{_CT}.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        f'<Override PartName="/docProps/app.xml" ContentType="{_CT}.extended-properties+xml"/>'
        "</Types>"
    )


def _relationships(count: int) -> str:
    sheets = "".join(
        f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, count + 1)
    )
    return (
        f'{_HEAD}<Relationships xmlns="{_PKG_REL}">{sheets}'
        f'<Relationship Id="rId{count + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId{count + 2}" Type="{_REL}/sharedStrings" '
        'Target="sharedStrings.xml"/></Relationships>'
    )


def _package_relationships() -> str:
    return (
        f'{_HEAD}<Relationships xmlns="{_PKG_REL}">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
        'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
        "</Relationships>"
    )


def _core(title: str) -> str:
    return (
        f"{_HEAD}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{_escape(title)}</dc:title><dc:creator>parindex</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{FIXED_ISO_DATE}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{FIXED_ISO_DATE}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def _app() -> str:
    return (
        f"{_HEAD}<Properties xmlns="
        '"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>parindex</Application></Properties>"
    )


def write_workbook(sheets: Sequence[Sheet]) -> bytes:
    """The workbook's bytes: the same sheets always give the same bytes."""
    buffer = io.BytesIO()
    strings = _Strings()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:

        def put(name: str, parts: Iterable[str]) -> None:
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            # The fastest deflate level (repetitive XML still packs ~10:1). A ZipInfo given to
            # open() keeps its own level, named compress_level from Python 3.13.
            setattr(info, "compress_level" if sys.version_info >= (3, 13) else "_compresslevel", 1)
            info.external_attr = 0o600 << 16
            with book.open(info, "w") as stream:
                for part in parts:
                    stream.write(part.encode("utf-8"))

        put("[Content_Types].xml", [_content_types(len(sheets))])
        put("_rels/.rels", [_package_relationships()])
        put("docProps/core.xml", [_core(sheets[0].title if sheets else "")])
        put("docProps/app.xml", [_app()])
        put("xl/workbook.xml", [_workbook(sheets)])
        put("xl/_rels/workbook.xml.rels", [_relationships(len(sheets))])
        put("xl/styles.xml", [_styles()])
        for i, sheet in enumerate(sheets, start=1):
            put(f"xl/worksheets/sheet{i}.xml", _sheet_parts(sheet, strings))
        put("xl/sharedStrings.xml", [strings.xml()])
    return buffer.getvalue()
