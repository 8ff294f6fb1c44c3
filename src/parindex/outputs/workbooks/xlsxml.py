"""A small streaming writer of SpreadsheetML (.xlsx) workbooks laid out for reading and printing.

Why our own: the published workbook of 2,000 units holds a breakdown of 180,000 rows, and
general writers spend most of their time on what this layout never uses. Measured on a
2-core machine (`benchmarks/run.py`), openpyxl's write-only mode costs about 37 µs a cell and
XlsxWriter's constant-memory mode about 14 µs, so `rank -o r.xlsx --breakdown b.xlsx` took
several times the CSV run; this writer costs about 1 µs a cell. It writes only the fixed
part of the format (ECMA-376 Part 1, §18) that parindex's layout needs: the sheets of
`sheet_xml` (a title row, a hidden row of column keys, a header row, then the data), the
defined names that repeat the header rows on every printed page and filter them
(`_xlnm.Print_Titles`, `_xlnm._FilterDatabase`), a handful of cell styles, and one
shared-string table in which each distinct text is escaped once. Rows are rendered as text
straight into the compressed stream. Every date (document properties, zip entries) is fixed
and the parts are always written in the same order, so the same rows give the same bytes.
Reading stays with the tables side of `inputs`.
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Iterable, Sequence

from parindex.outputs.workbooks.sheet_xml import (
    HEADER_ROWS,
    MAIN,
    NAMESPACES,
    NUMBER,
    XML_HEAD,
    SharedStrings,
    Sheet,
    attribute,
    column_letter,
    escape,
    sheet_parts,
)

FIXED_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry holds
FIXED_ISO_DATE = "1980-01-01T00:00:00Z"
MAX_PLACES = 6
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument"


def _styles() -> str:
    """The cell styles, in the order of `sheet_xml`'s indexes (TITLE, KEY, LABEL, WRAP, TEXT,
    then NUMBER + places)."""
    formats = "".join(
        f'<numFmt numFmtId="{164 + p}" formatCode="{"0." + "0" * p if p else "0"}"/>'
        for p in range(MAX_PLACES + 1)
    )
    numbers = "".join(
        f'<xf numFmtId="{164 + p}" fontId="0" fillId="0" borderId="0" xfId="0" '
        'applyNumberFormat="1" applyAlignment="1"><alignment vertical="top"/></xf>'
        for p in range(MAX_PLACES + 1)
    )
    count = NUMBER + MAX_PLACES + 1
    return (
        f"{XML_HEAD}<styleSheet {MAIN}>"
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
        f'<sheet name="{attribute(s.name)}" sheetId="{i}" r:id="rId{i}"/>'
        for i, s in enumerate(sheets, start=1)
    )
    names = []
    for i, sheet in enumerate(sheets):
        last = f"${column_letter(len(sheet.keys) - 1)}${HEADER_ROWS + len(sheet.rows)}"
        names.append(
            f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
            f"{attribute(_quoted(sheet.name))}!$A${HEADER_ROWS}:{last}</definedName>"
            f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">'
            f"{attribute(_quoted(sheet.name))}!$1:${HEADER_ROWS}</definedName>"
        )
    return (
        f'{XML_HEAD}<workbook {NAMESPACES}><bookViews><workbookView activeTab="0"/></bookViews>'
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
        f'{XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
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
        f'{XML_HEAD}<Relationships xmlns="{_PKG_REL}">{sheets}'
        f'<Relationship Id="rId{count + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId{count + 2}" Type="{_REL}/sharedStrings" '
        'Target="sharedStrings.xml"/></Relationships>'
    )


def _package_relationships() -> str:
    return (
        f'{XML_HEAD}<Relationships xmlns="{_PKG_REL}">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
        'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
        "</Relationships>"
    )


def _core(title: str) -> str:
    return (
        f"{XML_HEAD}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>parindex</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{FIXED_ISO_DATE}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{FIXED_ISO_DATE}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def _app() -> str:
    return (
        f"{XML_HEAD}<Properties xmlns="
        '"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>parindex</Application></Properties>"
    )


def write_workbook(sheets: Sequence[Sheet]) -> bytes:
    """The workbook's bytes: the same sheets always give the same bytes."""
    buffer = io.BytesIO()
    strings = SharedStrings()
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
            put(f"xl/worksheets/sheet{i}.xml", sheet_parts(sheet, strings))
        put("xl/sharedStrings.xml", [strings.xml()])
    return buffer.getvalue()
