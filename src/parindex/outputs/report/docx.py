"""The decision appendix in Word, ready to sign: per group, in the frameworks'
`order`, a landscape section with its title and one table in the published layout (rank,
unit, field points, bonus/penalty, total, applicable maximum, index, band, change), a note
under it (how the index is made, what a shared rank's "=" means, the fields), and the page
number in every page's footer.

Every text goes in through `records.legal`: a character XML cannot hold (a control character
pasted into a name) is shown escaped (`\\x01`), as in the workbooks and on the terminal."""

from __future__ import annotations

import copy
import datetime
import io
import re
import zipfile
from collections.abc import Mapping, Sequence

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Row

from parindex.core.results import Ranking
from parindex.i18n import Lang, _, ngettext
from parindex.outputs.records import legal
from parindex.outputs.report.content import Group, build_groups
from parindex.outputs.report.figures import attached_to
from parindex.outputs.ties import TIE_MARK, shared_index_notes, tie_note

FONT = "Times New Roman"  # the font of administrative documents (Decree 30/2020/NĐ-CP)
FIXED_TIME = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman(number: int) -> str:
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def render_docx(
    rankings: Sequence[Ranking],
    lang: Lang,
    *,
    with_history: bool,
    names: Mapping[str, str],
    decision: str | None = None,
) -> bytes:
    """The appendix as the bytes of a .docx file (the same inputs give the same bytes)."""
    groups = build_groups(rankings, lang, with_history, names, with_units=False)
    document = Document()
    _set_up(document)
    for number, group in enumerate(groups, start=1):
        section = document.sections[0] if number == 1 else document.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
        section.left_margin = section.right_margin = Cm(1.5)
        section.top_margin = section.bottom_margin = Cm(1.5)
        section.footer_distance = Cm(0.8)
        _heading(document, _("Appendix {number}").format(number=roman(number)).upper(), bold=True)
        _heading(document, group.title.upper(), bold=True)
        attached = attached_to(decision, group.ranking.framework.issuer)
        if attached:
            _heading(document, attached, italic=True)
        _table(document, group)
        lines = _notes(group, lang)
        for k, line in enumerate(lines, start=1):
            note = document.add_paragraph(style="Appendix note")
            note.paragraph_format.keep_with_next = k < len(lines)
            note.add_run(legal(line))
    _page_numbers(document)
    document.core_properties.title = legal("; ".join(g.title for g in groups))
    return _deterministic(document)


def _notes(group: Group, lang: Lang) -> list[str]:
    """Under the table: how the index is made, what "3=" means (when a rank is shared), the
    notes of `ties: exact`, and what each field column holds."""
    lines = [
        ngettext(
            "Index = total points / applicable maximum × 100, rounded to {places} decimal.",
            "Index = total points / applicable maximum × 100, rounded to {places} decimals.",
            group.places,
        ).format(places=group.places)
    ]
    shared = [row.rank for row in group.rows if row.rank.endswith(TIE_MARK)]
    if shared:
        lines.append(tie_note(group.ranking.framework, shared[0]))
    lines += shared_index_notes(group.ranking, lang)
    key = "; ".join(f"{f.id} – {f.name} ({f.max})" for f in group.fields)
    lines.append(_("Fields (maximum points): {fields}.").format(fields=key))
    return lines


def _set_up(document: DocumentObject) -> None:
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    normal.paragraph_format.space_after = Pt(0)
    for name, size in (("Appendix cell", 10), ("Appendix note", 10), ("Appendix footer", 11)):
        style = document.styles.add_style(name, 1)  # a paragraph style
        style.base_style = normal
        style.font.size = Pt(size)
        style.paragraph_format.space_after = Pt(0)
    document.styles["Appendix note"].paragraph_format.space_before = Pt(4)
    properties = document.core_properties
    properties.author = "parindex"
    properties.last_modified_by = "parindex"
    properties.created = properties.modified = properties.last_printed = FIXED_TIME
    properties.revision = 1
    properties.comments = ""


def _page_numbers(document: DocumentObject) -> None:
    """ "Page 2 of 4", centred in the footer of every page (later sections inherit the first
    section's footer, and their numbering runs on)."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.style = "Appendix footer"
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    words = _("Page {page} of {pages}")
    for part in re.split(r"(\{page\}|\{pages\})", words):
        if part == "{page}":
            _field(paragraph, "PAGE")
        elif part == "{pages}":
            _field(paragraph, "NUMPAGES")
        elif part:
            paragraph.add_run(part)


def _field(paragraph: object, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that the word processor fills in as it lays out pages."""
    for kind, text in (("begin", None), (None, f" {instruction} "), ("separate", None)):
        run = paragraph.add_run()  # type: ignore[attr-defined]
        if kind is None:
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = text
            run._r.append(code)
        else:
            mark = OxmlElement("w:fldChar")
            mark.set(qn("w:fldCharType"), kind)
            run._r.append(mark)
    paragraph.add_run("1")  # type: ignore[attr-defined]  # shown until the fields are updated
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)  # type: ignore[attr-defined]


def _heading(
    document: DocumentObject, text: str, *, bold: bool = False, italic: bool = False
) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(legal(text))
    run.bold, run.italic = bold, italic


def _columns(group: Group) -> list[str]:
    columns = [_("Rank"), _("Unit")]
    columns += [f.id for f in group.fields]
    columns += [_("Bonus/penalty"), _("Total points"), _("Applicable maximum"), _("Index")]
    columns.append(_("Band"))
    if group.with_history:
        columns.append(_("Change"))
    return columns


# Widths in cm on a landscape A4 page (26.7 cm between the margins): the unit's name takes
# what the numbers leave.
_PAGE = 26.7
_FIXED = (1.1, 1.7, 1.5, 1.6, 1.4, 1.8)  # rank, bonus/penalty, total, maximum, index, band
_HISTORY = 3.4


def _widths(group: Group) -> list[Cm]:
    fields = len(group.fields)
    field_width = min(1.15, 9.2 / max(fields, 1))
    history = _HISTORY if group.with_history else 0.0
    unit = _PAGE - sum(_FIXED) - field_width * fields - history
    rank, *after = _FIXED
    widths = [Cm(rank), Cm(unit)] + [Cm(field_width)] * fields + [Cm(w) for w in after]
    return [*widths, Cm(history)] if group.with_history else widths


def _table(document: DocumentObject, group: Group) -> None:
    columns = _columns(group)
    fields = len(group.fields)
    table = document.add_table(rows=2, cols=len(columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _narrow_margins(table)
    top, below = table.rows[0].cells, table.rows[1].cells
    # Two header rows, as decisions print them: "Points by field" over the field ids.
    for k, title in enumerate(columns):
        if 2 <= k < 2 + fields:
            _write(below[k], title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        else:
            _write(top[k], title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
            top[k].merge(below[k])
    merged = top[2].merge(top[1 + fields]) if fields > 1 else top[2]
    _write(merged, _("Points by field"), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for row in table.rows:
        _repeat_header(row)
    widths = _widths(group)
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        _cant_split(row)
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    _rows(table, group, widths)


def _rows(table: Table, group: Group, widths: Sequence[Cm]) -> None:
    """One data row laid out through python-docx is the pattern of every row: python-docx
    finds a row's cells by walking the whole table, quadratic over thousands of units."""
    fields = len(group.fields)
    pattern = table.add_row()  # type: ignore[no-untyped-call]
    _cant_split(pattern)
    right, left = WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT
    band = 2 + fields + 4
    text_columns = {1, band, band + 1}  # the unit, its band and its change
    for k, (cell, width) in enumerate(zip(pattern.cells, widths, strict=True)):
        cell.width = width
        _write(cell, "-", align=left if k in text_columns else right)
    row_xml = pattern._tr
    table._tbl.remove(row_xml)
    for entry in group.rows:
        values = [entry.rank, entry.name, *entry.fields]
        values += [entry.adjustment, entry.points, entry.max_points, entry.index, entry.band]
        if group.with_history:
            values.append(entry.change)
        row = copy.deepcopy(row_xml)
        for cell_xml, value in zip(row.tc_lst, values, strict=True):
            text = cell_xml.find(qn("w:p")).find(qn("w:r")).find(qn("w:t"))
            text.text = legal(value)
            text.set(qn("xml:space"), "preserve")
        table._tbl.append(row)
    # The last two rows stay together and with the notes under the table: no page holds a
    # single row, or the notes alone.
    for row in table._tbl.tr_lst[-2:]:
        for paragraph in row.iter(qn("w:p")):
            paragraph.get_or_add_pPr().get_or_add_keepNext()


def _narrow_margins(table: Table) -> None:
    """Cells keep 0.1 cm either side (Word's default 0.19 cm squeezes the number columns)."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "57")  # twentieths of a point: 0.1 cm
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.append(margins)


def _write(cell: object, text: str, *, bold: bool = False, align: int | None = None) -> None:
    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    paragraph.style = "Appendix cell"
    if align is not None:
        paragraph.alignment = align
    run = paragraph.add_run(legal(text))
    if bold:
        run.bold = True


def _repeat_header(row: _Row) -> None:
    """Word repeats the row at the top of every page the table runs onto."""
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _cant_split(row: _Row) -> None:
    flag = OxmlElement("w:cantSplit")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _deterministic(document: DocumentObject) -> bytes:
    """The package with fixed member dates: python-docx stamps each with the current time."""
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()
