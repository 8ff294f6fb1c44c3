"""The parts around the sheets that parindex's own workbook writers (`xlsxml` for the ranking,
`form_xml` for the unit's form) write alike, as SpreadsheetML text: the content types, the
package's and the workbook's relationships, the document properties with fixed dates, a
sheet's name as a formula quotes it, and a ZIP entry with a fixed date."""

from __future__ import annotations

import sys
import zipfile

from parindex.outputs.workbooks.sheet_xml import XML_HEAD, escape

FIXED_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry holds
FIXED_ISO_DATE = "1980-01-01T00:00:00Z"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument"

PACKAGE_RELS = (
    f'{XML_HEAD}<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
    'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)
APP = (
    f"{XML_HEAD}<Properties xmlns="
    '"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>parindex</Application></Properties>"
)


def quoted(name: str) -> str:
    """A sheet's name as a formula or a defined name quotes it."""
    return "'" + name.replace("'", "''") + "'"


def content_types(count: int) -> str:
    """The content types of a workbook of `count` sheets (`xl/worksheets/sheetN.xml`)."""
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


def workbook_relationships(count: int) -> str:
    """The workbook's relationships: its `count` sheets, then the styles and shared strings."""
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


def core_xml(title: str) -> str:
    """The document properties: the title, parindex as the creator, fixed dates."""
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


def zip_entry(name: str) -> zipfile.ZipInfo:
    """A ZIP entry of the workbook: its date fixed, deflated at the fastest level (repetitive
    XML still packs ~10:1)."""
    info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    # A ZipInfo given to open() or writestr() keeps its own level, named compress_level from
    # Python 3.13.
    setattr(info, "compress_level" if sys.version_info >= (3, 13) else "_compresslevel", 1)
    info.external_attr = 0o600 << 16
    return info
