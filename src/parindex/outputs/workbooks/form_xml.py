"""The parts of the unit's workbook form around its sheet, as SpreadsheetML text: the workbook
(one sheet, its print titles and area), the cell styles, the shared strings; and the ZIP that
holds them (the content types, relationships and document properties, which the ranking's
writer shares, are `package_xml`'s).

Why our own writer (as `xlsxml` for the ranking): a province's forms are made and read by the
thousand. openpyxl lays a form out in tens of milliseconds and writes every empty cell it
styles; here a form is written in about a millisecond, its sheet holds only the cells that
say something (rows take their look from a row style), and the long texts a person reads (the
criteria's names and rules) sit in the shared strings, which a reader of the answers never
needs to open.

Cell styles, by index (`STYLES`): each a font, fill, border, alignment and whether the cell is
locked; a form's sheet is protected, so only the `open` cells take input.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

from parindex.outputs.workbooks.package_xml import quoted, zip_entry
from parindex.outputs.workbooks.sheet_xml import MAIN, NAMESPACES, XML_HEAD, attribute, escape

SHEET_PART = "xl/worksheets/sheet1.xml"

# fonts: regular, bold, title, italic, italic grey
_FONTS = (
    '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>',
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>',
    '<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font>',
    '<font><i/><sz val="11"/><name val="Calibri"/><family val="2"/></font>',
    '<font><i/><sz val="11"/><color rgb="FF595959"/><name val="Calibri"/><family val="2"/></font>',
)
# fills (0 and 1 are the two every workbook starts with)
FILLS = {
    "field": "FFC9D4E5",
    "parent": "FFE2E8F1",
    "header": "FFD6DCE4",
    "closed": "FFEDEDED",
    "open": "FFFFF2CC",
}
_FILL_INDEX = {name: 2 + i for i, name in enumerate(FILLS)}


class Look:
    """One cell style: font index, fill name (or None), bordered, alignment, locked."""

    __slots__ = ("border", "fill", "font", "horizontal", "locked", "vertical", "wrap")

    def __init__(
        self,
        font: int = 0,
        fill: str | None = None,
        *,
        border: bool = True,
        horizontal: str | None = None,
        vertical: str = "top",
        wrap: bool = False,
        locked: bool = True,
    ) -> None:
        self.font = font
        self.fill = fill
        self.border = border
        self.horizontal = horizontal
        self.vertical = vertical
        self.wrap = wrap
        self.locked = locked

    def xml(self) -> str:
        fill = _FILL_INDEX[self.fill] if self.fill else 0
        align = f' vertical="{self.vertical}"'
        if self.horizontal:
            align = f' horizontal="{self.horizontal}"' + align
        if self.wrap:
            align += ' wrapText="1"'
        protection = "" if self.locked else '<protection locked="0"/>'
        return (
            f'<xf numFmtId="0" fontId="{self.font}" fillId="{fill}" '
            f'borderId="{1 if self.border else 0}" xfId="0" applyFont="1" applyFill="1" '
            f'applyBorder="1" applyAlignment="1" applyProtection="1">'
            f"<alignment{align}/>{protection}</xf>"
        )


# The form's looks, by name; their order is their index in the stylesheet (0 is the default).
STYLES: dict[str, Look] = {
    "default": Look(border=False, vertical="bottom"),
    "title": Look(2, border=False, vertical="center"),
    "label": Look(1, border=False, horizontal="right", vertical="center"),
    "unit": Look(0, "closed", horizontal="left", vertical="center"),
    "note": Look(3, border=False, vertical="center", wrap=True),
    "key": Look(border=False, vertical="bottom"),
    "header": Look(1, "header", horizontal="center", vertical="center", wrap=True),
    "field": Look(1, "field", wrap=True),
    "field_centred": Look(1, "field", horizontal="center"),
    "parent": Look(1, "parent", wrap=True),
    "parent_centred": Look(1, "parent", horizontal="center"),
    "context": Look(wrap=True),
    "context_centred": Look(horizontal="center"),
    "closed": Look(4, "closed", wrap=True),
    "closed_centred": Look(4, "closed", horizontal="center"),
    "shut": Look(0, "closed"),
    "open": Look(0, "open", wrap=True, locked=False),
    "open_centred": Look(0, "open", horizontal="center", locked=False),
}
STYLE = {name: index for index, name in enumerate(STYLES)}


def styles_xml() -> str:
    fills = "".join(
        f'<fill><patternFill patternType="solid"><fgColor rgb="{colour}"/>'
        '<bgColor indexed="64"/></patternFill></fill>'
        for colour in FILLS.values()
    )
    side = '<{0} style="thin"><color rgb="FFA6A6A6"/></{0}>'
    box = "".join(side.format(edge) for edge in ("left", "right", "top", "bottom"))
    return (
        f"{XML_HEAD}<styleSheet {MAIN}>"
        f'<fonts count="{len(_FONTS)}">{"".join(_FONTS)}</fonts>'
        f'<fills count="{2 + len(FILLS)}"><fill><patternFill patternType="none"/></fill>'
        f'<fill><patternFill patternType="gray125"/></fill>{fills}</fills>'
        '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
        f"<border>{box}<diagonal/></border></borders>"
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        f'</cellStyleXfs><cellXfs count="{len(STYLES)}">'
        + "".join(look.xml() for look in STYLES.values())
        + '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
        "</cellStyles></styleSheet>"
    )


def shared_strings_xml(strings: Sequence[str]) -> str:
    items = []
    for text in strings:
        space = ' xml:space="preserve"' if text != text.strip() or "\n" in text else ""
        items.append(f"<si><t{space}>{escape(text)}</t></si>")
    count = len(strings)
    return f'{XML_HEAD}<sst {MAIN} count="{count}" uniqueCount="{count}">{"".join(items)}</sst>'


def workbook_xml(sheet: str, titles: tuple[int, int], area: str) -> str:
    """One sheet; its print titles (first and last row repeated) and print area."""
    name = attribute(quoted(sheet))
    first, last = titles
    return (
        f'{XML_HEAD}<workbook {NAMESPACES}><bookViews><workbookView activeTab="0"/>'
        f'</bookViews><sheets><sheet name="{attribute(sheet)}" sheetId="1" r:id="rId1"/>'
        "</sheets><definedNames>"
        f'<definedName name="_xlnm.Print_Area" localSheetId="0">{name}!{area}</definedName>'
        f'<definedName name="_xlnm.Print_Titles" localSheetId="0">{name}!${first}:${last}'
        '</definedName></definedNames><calcPr calcId="0"/></workbook>'
    )


def package(parts: Sequence[tuple[str, bytes]]) -> bytes:
    """The workbook's ZIP: the parts in the order given, every date fixed."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in parts:
            book.writestr(zip_entry(name), data)
    return buffer.getvalue()
