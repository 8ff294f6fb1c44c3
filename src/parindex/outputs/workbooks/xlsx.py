"""XLSX workbooks for people: a sheet per group (the ranking CSV's columns), then `breakdown`
and `claims`, laid out to read and print; the bytes come from `xlsxml`.

Every sheet has the same three header rows: the title (row 1), the column keys of the CSV
(row 2, hidden, so a program reads the sheet back by key whatever the language) and the
column labels in the chosen language (row 3); the data starts at row 4.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal

from parindex.core.models import Framework
from parindex.core.numbers import round_half_up
from parindex.core.results import Ranking, UnitResult
from parindex.i18n import N_, Lang, _, pick
from parindex.outputs.records import (
    BREAKDOWN_COLUMNS,
    CLAIM_COLUMNS,
    Cell,
    breakdown_leaves,
    breakdown_rows,
    claim_rows,
    in_print_order,
    legal,
    ranking_rows,
    unit_record,
)
from parindex.outputs.words import STATUS_TEXT, history_words
from parindex.outputs.workbooks.sheet_xml import SHEET_NAME_LIMIT, Sheet
from parindex.outputs.workbooks.xlsxml import write_workbook

DETAIL_SHEETS = ("breakdown", "claims")  # never translated: programs tell sheets apart by them
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\']")
_RESERVED = {"history", *DETAIL_SHEETS}  # Excel keeps "History" for itself

# The label of each CSV column in the header row (English source, translated where used).
LABELS = {
    "framework": N_("Framework"),
    "group": N_("Group"),
    "rank": N_("Rank"),
    "unit_id": N_("Unit id"),
    "unit_name": N_("Unit"),
    "index": N_("Index"),
    "band": N_("Band"),
    "points": N_("Points"),
    "max_points": N_("Applicable maximum"),
    "self_points": N_("Self-assessed points"),
    "missing": N_("Missing answers"),
    "pending": N_("Pending values"),
    "adjustment": N_("Bonus − penalty"),
    "prev_rank": N_("Previous rank"),
    "rank_change": N_("Rank change"),
    "prev_index": N_("Previous index"),
    "index_change": N_("Index change"),
    "history": N_("History"),
    "criterion": N_("Criterion id"),
    "name": N_("Criterion name"),
    "field": N_("Field"),
    "value": N_("Value"),
    "status": N_("Status"),
    "explanation": N_("How the points came about"),
    "difference": N_("Claimed − final"),
}
# Widest a column grows (characters); wrapped columns wrap within it.
_MAX_WIDTH = {"unit_id": 34, "unit_name": 34, "name": 44, "explanation": 56, "history": 30}
_WRAPPED = {"unit_name", "name", "explanation", "history"}


def sheet_name(name: str, used: set[str]) -> str:
    """A valid, unique sheet name (≤ 31 characters) for a group id."""
    base = _BAD_SHEET_CHARS.sub("-", legal(name))[:SHEET_NAME_LIMIT] or "sheet"
    title, n = base, 2
    while title.casefold() in used:
        suffix = f" ({n})"
        title, n = base[: SHEET_NAME_LIMIT - len(suffix)] + suffix, n + 1
    used.add(title.casefold())
    return title


def column_label(key: str, fields: dict[str, Framework], lang: Lang) -> str:
    """The header of a column: its label in the language; a field's id and short name."""
    if key.startswith("field_") and key[6:] in fields:
        field_id = key[6:]
        node = fields[field_id].node(field_id)
        return f"{field_id}. {node.short_label(lang)}" if node else field_id
    label = LABELS.get(key)
    return _(label) if label else key


def _width(key: str, label: str, rows: Sequence[dict[str, Cell]]) -> float:
    longest_word = max((len(word) for word in label.split()), default=4)
    shown = [len(_shown(r.get(key))) for r in rows[:300]]
    width = max([longest_word + 2, min(len(label), 14), *(n + 3 for n in shown)])
    return float(min(max(width, 6), _MAX_WIDTH.get(key, 24)))


def _shown(value: Cell) -> str:
    if value is None:
        return ""
    return f"{value:f}" if isinstance(value, Decimal) else str(value)


def _sheet(
    name: str,
    title: str,
    columns: Sequence[str],
    rows: Sequence[dict[str, Cell]],
    places_of: dict[str, int],
    fields: dict[str, Framework],
    lang: Lang,
    frozen_after: str,
) -> Sheet:
    labels = [column_label(c, fields, lang) for c in columns]
    return Sheet(
        name=name,
        title=title,
        keys=list(columns),
        labels=labels,
        rows=rows,
        places=places_of,
        widths=[_width(c, label, rows) for c, label in zip(columns, labels, strict=True)],
        frozen_columns=list(columns).index(frozen_after) + 1,
        wrapped=frozenset(i for i, c in enumerate(columns) if c in _WRAPPED),
    )


def _fields_of(frameworks: Sequence[Framework]) -> dict[str, Framework]:
    """Each field id → the first framework (by id) that has it, for its header."""
    found: dict[str, Framework] = {}
    for framework in sorted(frameworks, key=lambda f: f.framework):
        for field_id in framework.field_ids:
            found.setdefault(field_id, framework)
    return found


def _one_title(frameworks: Sequence[Framework], lang: Lang) -> str | None:
    titles = {f.title_in(lang) for f in frameworks}
    return titles.pop() if len(titles) == 1 else None


def _group_rows(
    ranking: Ranking, rows: Sequence[dict[str, Cell]], names: Mapping[str, str], lang: Lang
) -> list[dict[str, Cell]]:
    """A group's rows as people read them: the band in the language ("not submitted" in
    words) and the history in words with last year's names; the CSV keeps codes and ids."""
    units = {u.result.unit_id: u for u in ranking.units}
    shown = []
    for row in rows:
        unit = units[str(row["unit_id"])]
        people = dict(row)
        if unit.band is not None:
            people["band"] = pick(unit.band.label, unit.band.label_en, lang)
        elif not unit.result.submitted:
            people["band"] = _("not submitted")
        if "history" in people:
            people["history"] = history_words(unit, names)
        shown.append(people)
    return shown


def _leaf_rows(
    rows: Sequence[dict[str, Cell]], said: Sequence[str] | None = None
) -> list[dict[str, Cell]]:
    """Breakdown or claims rows as people read them: statuses in words and, for a breakdown,
    each value as people read it (`said`, row by row: an option's label, numbers in the
    language); CSV and JSON keep the status codes and values as programs read them."""
    shown = []
    for at, row in enumerate(rows):
        people = dict(row)
        status = row.get("status")
        if isinstance(status, str) and status in STATUS_TEXT:
            people["status"] = _(STATUS_TEXT[status])
        if said is not None:
            people["value"] = said[at] or None
        shown.append(people)
    return shown


def breakdown_sheet(
    results: Sequence[UnitResult], lang: Lang, rows: Sequence[dict[str, Cell]] | None = None
) -> Sheet:
    """The `breakdown` sheet: one row per unit and leaf, as the breakdown CSV (`rows` when
    the caller made them already) in people's words."""
    frameworks = list({r.framework.framework: r.framework for r in results}.values())
    title = _one_title(frameworks, lang)
    return _sheet(
        "breakdown",
        _("{title}: how each criterion was scored, unit by unit").format(title=title)
        if title
        else _("How each criterion was scored, unit by unit"),
        BREAKDOWN_COLUMNS,
        _leaf_rows(
            breakdown_rows(results) if rows is None else rows,
            [leaf.said for _result, leaf in breakdown_leaves(results)],
        ),
        {f.framework: f.precision for f in frameworks},
        {},
        lang,
        "criterion",
    )


def claims_sheet(rankings: Sequence[Ranking], lang: Lang) -> Sheet:
    frameworks = [r.framework for r in rankings]
    title = _one_title(frameworks, lang)
    return _sheet(
        "claims",
        _("{title}: claimed points that differ from the final points").format(title=title)
        if title
        else _("Claimed points that differ from the final points"),
        CLAIM_COLUMNS,
        _leaf_rows(claim_rows(rankings)),
        {f.framework: f.precision for f in frameworks},
        {},
        lang,
        "unit_name",
    )


def ranking_workbook(
    rankings: Sequence[Ranking],
    results: Sequence[UnitResult],
    with_history: bool,
    lang: Lang,
    breakdown: Sequence[dict[str, Cell]] | None = None,
    names: Mapping[str, str] | None = None,
) -> bytes:
    """The published workbook: one sheet per group (the ranking CSV's columns, in words where
    people read them; `names`: last year's names of the units, for the history), then the
    breakdown and the claims."""
    columns, rows = ranking_rows(rankings, with_history)
    frameworks = [r.framework for r in rankings]
    fields = _fields_of(frameworks)
    places = {f.framework: f.precision for f in frameworks}
    used = set(_RESERVED)
    sheets = []
    for ranking in in_print_order(rankings):
        fw = ranking.framework
        own = [row for row in rows if row["framework"] == fw.framework]
        own = _group_rows(ranking, own, names or {}, lang)
        sheets.append(
            _sheet(
                sheet_name(fw.group, used),
                fw.title_in(lang),
                columns,
                own,
                places,
                {**fields, **dict.fromkeys(fw.field_ids, fw)},
                lang,
                "unit_name",
            )
        )
    sheets.append(breakdown_sheet(results, lang, breakdown))
    sheets.append(claims_sheet(rankings, lang))
    return write_workbook(sheets)


def breakdown_workbook(
    results: Sequence[UnitResult], lang: Lang, rows: Sequence[dict[str, Cell]] | None = None
) -> bytes:
    """`rank --breakdown FILE.xlsx`: the breakdown sheet alone."""
    return write_workbook([breakdown_sheet(results, lang, rows)])


def unit_workbook(result: UnitResult, lang: Lang) -> bytes:
    """One unit's score: its ranking-style record on its group's sheet, then its breakdown."""
    record = unit_record(result)
    fw = result.framework
    band = fw.band_for(round_half_up(result.index, fw.precision))
    record["band"] = pick(band.label, band.label_en, lang) if band else None
    unit = result.name_in(lang)
    return write_workbook(
        [
            _sheet(
                sheet_name(fw.group, set(_RESERVED)),
                f"{fw.title_in(lang)} — {unit}",
                list(record),
                [record],
                {fw.framework: fw.precision},
                dict.fromkeys(fw.field_ids, fw),
                lang,
                "unit_name",
            ),
            breakdown_sheet([result], lang),
        ]
    )
