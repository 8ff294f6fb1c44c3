"""The appraisal council's workbook: what the council corrects, and the survey entry sheet.

Row 1 of each sheet holds exactly the column keys (the labels go into header comments), so
`--appraisal` and `--survey` read the filled workbook back as it is (SPEC §4, §7).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from parindex.core.models import ChoiceRule, Leaf
from parindex.core.numbers import parse_number, round_half_up
from parindex.core.results import Claim, LeafResult, UnitResult
from parindex.i18n import N_, Lang, _
from parindex.outputs.records import Cell, guard

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

APPRAISAL_SHEET = "appraisal"
SURVEY_SHEET = "survey"
CONTEXT_COLUMNS = [
    "unit_id",
    "unit_name",
    "criterion",
    "name",
    "max_points",
    "claimed_value",
    "self_points",
    "points_now",
    "evidence",
]
COUNCIL_COLUMNS = ["value", "points", "reason", "round"]
APPRAISAL_COLUMNS = CONTEXT_COLUMNS + COUNCIL_COLUMNS
SURVEY_COLUMNS = ["unit_id", "unit_name", "criterion", "name", "max_points", "value"]
SURVEY_ENTRY = ["value"]

# What each column holds, shown in its header's comment (translated where used).
LABELS = {
    "unit_id": N_("Unit id (do not change)"),
    "unit_name": N_("Unit"),
    "criterion": N_("Criterion id (do not change)"),
    "name": N_("Criterion"),
    "max_points": N_("Maximum points"),
    "claimed_value": N_("Value the unit reported"),
    "self_points": N_("Points the unit claimed"),
    "points_now": N_("Points parindex computes now (empty: pending)"),
    "evidence": N_("Evidence the unit listed"),
    "value": N_("Corrected value (scored by the rule; N/A: not applicable)"),
    "points": N_("Or the points, set directly"),
    "reason": N_("Reason for the correction (required)"),
    "round": N_("Appraisal round (empty: 1; the highest round wins)"),
}
SURVEY_VALUE_LABEL = N_("Survey value for this criterion (empty: pending)")

# Widths in characters: the appraisal sheet fits A4 landscape at about 70 %, every key whole.
WIDTHS = {
    "unit_id": 16,
    "unit_name": 16,
    "criterion": 8,
    "name": 32,
    "max_points": 10.5,
    "claimed_value": 20,
    "self_points": 10.5,
    "points_now": 10.5,
    "evidence": 28,
    "value": 12,
    "points": 9,
    "reason": 26,
    "round": 7,
}
WRAPPED = frozenset(
    {"unit_id", "unit_name", "name", "claimed_value", "evidence", "reason", "value"}
)
NUMBERS = frozenset({"max_points", "self_points", "points_now", "points"})
CONTEXT_FILL = "EDEDED"
HEADER_FILL = "D6DCE4"
ENTRY_FILL = "FFFBEA"
LIST_LIMIT = 255  # characters Excel allows in a drop-down's inline list
FIXED_DATE = (2000, 1, 1, 0, 0, 0)  # document and archive dates: reruns give the same bytes


@dataclass(frozen=True, slots=True)
class UnitSheet:
    """One unit's part of the workbook: its score now, what it reported, what is prefilled."""

    result: UnitResult
    claims: Mapping[str, Claim] = field(default_factory=dict)  # what the unit reported
    evidence: Mapping[str, Sequence[str]] = field(default_factory=dict)
    appraisal: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # cells as given
    survey: Mapping[str, str] = field(default_factory=dict)  # criterion → value as given


SHOWN_PLACES = 4  # what the number format "0.00##" shows: a leaf's points, unrounded to the
# index's precision (0.25 of a framework with precision 1 stays 0.25)


def _number(value: Decimal | None) -> Decimal | None:
    return None if value is None else round_half_up(value, SHOWN_PLACES).normalize()


def appraisal_rows(units: Sequence[UnitSheet], lang: Lang) -> list[dict[str, Cell]]:
    """One row per unit × `self` and `council` leaf, units in the given order."""
    rows: list[dict[str, Cell]] = []
    for unit in units:
        result = unit.result
        for leaf, scored in _leaves(result):
            if leaf.criterion.source == "survey":
                continue
            given = unit.appraisal.get(leaf.id, {})
            round_ = parse_number(given.get("round") or "", decimal_comma=True)
            points = parse_number(given.get("points") or "", decimal_comma=True)
            rows.append(
                {
                    "unit_id": result.unit_id,
                    "unit_name": result.name_in(lang),
                    "criterion": leaf.id,
                    "name": leaf.criterion.label(lang),
                    "max_points": _number(leaf.max),
                    "claimed_value": _claimed(unit.claims.get(leaf.id)),
                    "self_points": _number(scored.self_points),
                    "points_now": None if scored.status == "pending" else _number(scored.points),
                    "evidence": "\n".join(unit.evidence.get(leaf.id, ())) or None,
                    "value": given.get("value"),
                    "points": points if points is not None else given.get("points"),
                    "reason": given.get("reason"),
                    "round": int(round_) if round_ is not None else given.get("round"),
                }
            )
    return rows


def _claimed(claim: Claim | None) -> str | None:
    if claim is None:
        return None
    if claim.not_applicable:
        return _("N/A: {reason}").format(reason=claim.reason)
    return claim.shown or None


def survey_rows(units: Sequence[UnitSheet], lang: Lang) -> list[dict[str, Cell]]:
    """One row per unit × `survey` leaf."""
    return [
        {
            "unit_id": unit.result.unit_id,
            "unit_name": unit.result.name_in(lang),
            "criterion": leaf.id,
            "name": leaf.criterion.label(lang),
            "max_points": _number(leaf.max),
            "value": unit.survey.get(leaf.id),
        }
        for unit in units
        for leaf, _scored in _leaves(unit.result)
        if leaf.criterion.source == "survey"
    ]


def _leaves(result: UnitResult) -> list[tuple[Leaf, LeafResult]]:
    """The framework's leaves in tree order beside how each was scored for the unit."""
    return list(zip(result.framework.leaves, result.leaves, strict=True))


def worksheet_workbook(units: Sequence[UnitSheet], lang: Lang) -> bytes:
    """The council's workbook: sheets `appraisal` and `survey`, byte-identical on reruns."""
    from openpyxl import Workbook  # heavy: imported only when the workbook is written

    book = Workbook(write_only=True)
    leaves = {
        (u.result.unit_id, leaf.id): leaf for u in units for leaf in u.result.framework.leaves
    }
    _write_sheet(
        book.create_sheet(APPRAISAL_SHEET),
        APPRAISAL_COLUMNS,
        CONTEXT_COLUMNS,
        appraisal_rows(units, lang),
        leaves,
        _("Appraisal council worksheet"),
        LABELS,
        page_per_unit=True,  # each unit's pages can go to the council member who reviews it
    )
    _write_sheet(
        book.create_sheet(SURVEY_SHEET),
        SURVEY_COLUMNS,
        SURVEY_COLUMNS[:-1],
        survey_rows(units, lang),
        leaves,
        _("Survey results entry sheet"),
        {**LABELS, "value": SURVEY_VALUE_LABEL},
        page_per_unit=False,  # a score of rows per unit: pages would go mostly blank
    )
    book.properties.creator = "parindex"
    book.properties.title = _("Appraisal council worksheet")
    buffer = io.BytesIO()
    book.save(buffer)
    return reproducible(buffer.getvalue())


def _write_sheet(
    sheet: WriteOnlyWorksheet,
    columns: list[str],
    context: list[str],
    rows: list[dict[str, Cell]],
    leaves: Mapping[tuple[str, str], Leaf],
    title: str,
    labels: Mapping[str, str],
    *,
    page_per_unit: bool,
) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.pagebreak import Break

    letters = {c: get_column_letter(i) for i, c in enumerate(columns, start=1)}
    for column in columns:
        sheet.column_dimensions[letters[column]].width = WIDTHS[column]
    last = f"{letters[columns[-1]]}{len(rows) + 1}"
    sheet.freeze_panes = "D2"
    sheet.auto_filter.ref = f"A1:{last}"
    sheet.print_title_rows = "1:1"
    sheet.print_area = f"A1:{last}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.75
    sheet.page_margins.header = sheet.page_margins.footer = 0.3
    sheet.oddHeader.left.text = title
    sheet.oddFooter.right.text = "&P / &N"
    # Protected against slips, not secrets: no password; filtering and resizing still work.
    protection = sheet.protection
    protection.sheet = True
    protection.autoFilter = False
    protection.formatColumns = False
    protection.formatRows = False

    bold = Font(name="Calibri", size=11, bold=True)
    header_fill = PatternFill("solid", fgColor=HEADER_FILL)
    context_fill = PatternFill("solid", fgColor=CONTEXT_FILL)
    entry_fill = PatternFill("solid", fgColor=ENTRY_FILL)
    unlocked = Protection(locked=False)
    thin = Side(style="thin", color="808080")
    header_cells = []
    for column in columns:
        cell: Any = WriteOnlyCell(sheet, value=column)
        cell.font = bold
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="top")
        note = Comment(_(labels[column]), "parindex")
        note.width, note.height = 240, 60
        cell.comment = note
        header_cells.append(cell)
    sheet.append(header_cells)

    # One style per column (and per column on a unit's first row), registered once: setting
    # fonts and fills cell by cell would cost most of the run.
    styles: dict[tuple[str, bool], Any] = {}
    for column in columns:
        for first in (False, True):
            model = WriteOnlyCell(sheet)
            model.alignment = Alignment(
                horizontal="center" if column in NUMBERS or column == "round" else None,
                vertical="top",
                wrap_text=column in WRAPPED,
            )
            model.fill = context_fill if column in context else entry_fill
            if column not in context:
                model.protection = unlocked
            if column in NUMBERS:
                model.number_format = "0.00##"
            if first:
                model.border = Border(top=thin)
            styles[(column, first)] = model._style
    validations = _Validations(letters)
    previous_unit = None
    for number, row in enumerate(rows, start=2):
        first = row["unit_id"] != previous_unit and number > 2
        previous_unit = row["unit_id"]
        if first and page_per_unit:
            sheet.row_breaks.append(Break(id=number - 1))
        leaf = leaves[(str(row["unit_id"]), str(row["criterion"]))]
        cells = []
        for column in columns:
            value = row.get(column)
            cell = WriteOnlyCell(sheet, value=guard(value) if isinstance(value, str) else value)
            cell._style = styles[(column, first)]
            cells.append(cell)
        sheet.row_dimensions[number].height = _height(row)
        sheet.append(cells)
        validations.add(leaf, number, with_points="points" in columns)
    validations.attach(sheet, len(rows) + 1, with_round="round" in columns)


LINE_HEIGHT = 15  # points per line of 11-point text
CHARS_PER_WIDTH = 1.15  # letters of running text per unit of column width (digit widths)


def _height(row: Mapping[str, Cell]) -> float:
    """Points of height that show every wrapped line: spreadsheets do not size rows on open."""
    lines = 1
    for column in WRAPPED:
        text = row.get(column)
        if isinstance(text, str):
            per_line = max(int(WIDTHS[column] * CHARS_PER_WIDTH) - 1, 1)
            lines = max(lines, sum(-(-max(len(p), 1) // per_line) for p in text.split("\n")))
    return lines * LINE_HEIGHT


class _Validations:
    """Drop-downs and range checks, one data validation per distinct list or range."""

    def __init__(self, letters: Mapping[str, str]) -> None:
        self.letters = letters
        self.lists: dict[str, list[str]] = {}  # inline list → cells
        self.ranges: dict[tuple[Decimal, Decimal], list[str]] = {}  # (lowest, max) → cells

    def add(self, leaf: Leaf, row: int, *, with_points: bool) -> None:
        rule = leaf.criterion.rule
        if isinstance(rule, ChoiceRule):
            keys = list(rule.options) + ([] if leaf.policy == "forbidden" else ["N/A"])
            inline = ",".join(keys)
            if (
                len(inline) <= LIST_LIMIT - 2
                and not any(c in inline for c in '"')
                and all("," not in k for k in keys)
            ):
                self.lists.setdefault(inline, []).append(f"{self.letters['value']}{row}")
        if with_points:
            span = (leaf.criterion.lowest, leaf.max)
            self.ranges.setdefault(span, []).append(f"{self.letters['points']}{row}")

    def attach(self, sheet: Any, last_row: int, *, with_round: bool) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        for inline, cells in self.lists.items():
            check = DataValidation(
                type="list",
                formula1=f'"{inline}"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=_("Not an option"),
                error=_("Choose one of the options of this criterion: {options}").format(
                    options=inline.replace(",", ", ")
                ),
            )
            check.sqref = " ".join(cells)
            sheet.data_validations.append(check)
        for (low, high), cells in self.ranges.items():
            check = DataValidation(
                type="decimal",
                operator="between",
                formula1=str(low),
                formula2=str(high),
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=_("Out of range"),
                error=_("The points lie between {low} and {high}.").format(low=low, high=high),
            )
            check.sqref = " ".join(cells)
            sheet.data_validations.append(check)
        if with_round and last_row > 1:
            check = DataValidation(
                type="whole",
                operator="greaterThanOrEqual",
                formula1="1",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=_("Not a round"),
                error=_("The round is a whole number of 1 or more."),
            )
            check.sqref = f"{self.letters['round']}2:{self.letters['round']}{last_row}"
            sheet.data_validations.append(check)


_CORE_DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def reproducible(data: bytes) -> bytes:
    """The same workbook with fixed document and archive dates, so reruns match byte for byte."""
    stamp = "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z".format(*FIXED_DATE).encode()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _CORE_DATES.sub(lambda m: m.group(1) + stamp + m.group(3), content)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, content)
    return out.getvalue()
