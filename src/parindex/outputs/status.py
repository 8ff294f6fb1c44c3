"""`status` as a file: the units' lines (CSV, JSON `units`, the workbook's `status` sheet) and
each group's count of units in each state (JSON `counts`, the workbook's `counts` sheet; the
CSV holds the units' lines only)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from typing_extensions import assert_never

from parindex import __version__
from parindex.core.models import Framework
from parindex.core.numbers import round_half_up
from parindex.core.status import STATES, UnitStatus, state_counts
from parindex.i18n import N_, Lang, _
from parindex.outputs.csvjson import Dialect, WithPlaces, json_document, to_csv
from parindex.outputs.kinds import FileFormat
from parindex.outputs.records import Cell
from parindex.outputs.words import STATE_TEXT
from parindex.outputs.workbooks.sheet_xml import Sheet
from parindex.outputs.workbooks.xlsxml import write_workbook

STATUS_COLUMNS = [
    "group",
    "unit_id",
    "unit_name",
    "form",
    "state",
    "errors",
    "warnings",
    "answered",
    "missing",
    "no_evidence",
    "self_points",
    "points_now",
    "pending",
    "corrected",
    "replied",
    "disagreed",
]
COUNT_COLUMNS = ["group", "title", *STATES, "total"]
SHEETS = ("status", "counts")  # never translated: programs tell the sheets apart by them

# The label of each column in the workbook's header row (English source, translated there).
LABELS = {
    "group": N_("Group"),
    "unit_id": N_("Unit id"),
    "unit_name": N_("Unit"),
    "form": N_("Form"),
    "state": N_("State"),
    "errors": N_("Errors"),
    "warnings": N_("Warnings"),
    "answered": N_("Answered"),
    "missing": N_("Missing answers"),
    "no_evidence": N_("Answers without evidence"),
    "self_points": N_("Self-assessed points"),
    "points_now": N_("Points now"),
    "pending": N_("Pending values"),
    "corrected": N_("Council corrections"),
    "replied": N_("Replied"),
    "disagreed": N_("Disagreed"),
    "title": N_("Framework"),
    "total": N_("Units"),
    # the counts sheet's header of each state
    "not_submitted": N_("Not submitted"),
    "invalid": N_("Has errors"),
    "incomplete": N_("Incomplete"),
    "awaiting": N_("Awaiting results"),
    "complete": N_("Complete"),
}
_WIDTHS = {"group": 16, "unit_id": 26, "unit_name": 30, "form": 40, "title": 40}


def status_records(
    rows: Sequence[UnitStatus], frameworks: Mapping[str, Framework]
) -> list[dict[str, Cell]]:
    """The units' lines as records (`framework` beside the columns: the decimals of their
    points)."""
    records = []
    for row in rows:
        framework = frameworks.get(row.group)
        places = framework.precision if framework else 2
        record: dict[str, Cell] = {
            "framework": framework.framework if framework else "",
            "group": row.group,
            "unit_id": row.unit_id,
            "unit_name": row.unit_name,
            "form": row.form or None,
            "state": row.state,
            "errors": row.errors,
            "warnings": row.warnings,
            "answered": row.answered,
            "missing": row.missing,
            "no_evidence": row.no_evidence,
            "self_points": _points(row.self_points, places),
            "points_now": _points(row.points_now, places),
            "pending": row.pending,
            "corrected": row.corrected,
            "replied": row.replied,
            "disagreed": row.disagreed,
        }
        records.append(record)
    return records


def _points(value: Decimal | None, places: int) -> Decimal | None:
    return None if value is None else round_half_up(value, places)


def count_records(
    rows: Sequence[UnitStatus], frameworks: Mapping[str, Framework], lang: Lang
) -> list[dict[str, Cell]]:
    """Each group's count of units in each state, and its units."""
    records = []
    for group, counts in state_counts(rows).items():
        framework = frameworks.get(group)
        record: dict[str, Cell] = {
            "group": group,
            "title": framework.title_in(lang) if framework else None,
            **{str(state): count for state, count in counts.items()},
        }
        record["total"] = sum(counts.values())
        records.append(record)
    return records


def status_json(rows: Sequence[UnitStatus], frameworks: Mapping[str, Framework]) -> str:
    units = [
        WithPlaces(
            {k: v for k, v in record.items() if k != "framework"}, _places(record, frameworks)
        )
        for record in status_records(rows, frameworks)
    ]
    counts = {
        group: {**counts, "total": sum(counts.values())}
        for group, counts in state_counts(rows).items()
    }
    document = {
        "tool": {"name": "parindex", "version": __version__},
        "units": units,
        "counts": counts,
    }
    return json_document(document, 2)


def _places(record: Mapping[str, Cell], frameworks: Mapping[str, Framework]) -> int:
    framework = frameworks.get(str(record["group"]))
    return framework.precision if framework else 2


def status_workbook(
    rows: Sequence[UnitStatus], frameworks: Mapping[str, Framework], lang: Lang
) -> bytes:
    """Sheet `status` (the units' lines, states in words) and sheet `counts`."""
    places = {f.framework: f.precision for f in frameworks.values()}
    lines = status_records(rows, frameworks)
    for record, row in zip(lines, rows, strict=True):
        record["state"] = _(STATE_TEXT[row.state])
    counts = count_records(rows, frameworks, lang)
    status_sheet, counts_sheet = SHEETS
    return write_workbook(
        [
            _sheet(
                status_sheet, _("Where each unit stands"), STATUS_COLUMNS, lines, places, lang, 3
            ),
            _sheet(
                counts_sheet,
                _("Units in each state, per group"),
                COUNT_COLUMNS,
                counts,
                {},
                lang,
                2,
            ),
        ]
    )


def _sheet(
    name: str,
    title: str,
    keys: Sequence[str],
    rows: Sequence[dict[str, Cell]],
    places: Mapping[str, int],
    lang: Lang,
    frozen: int,
) -> Sheet:
    labels = [_(LABELS[key]) for key in keys]
    widths = [
        float(_WIDTHS.get(key, max(8, min(len(label) + 2, 16))))
        for key, label in zip(keys, labels, strict=True)
    ]
    wrapped = frozenset(i for i, key in enumerate(keys) if key in ("unit_name", "form", "title"))
    return Sheet(name, title, keys, labels, rows, places, widths, frozen, wrapped)


def status_output(
    fmt: FileFormat,
    rows: Sequence[UnitStatus],
    frameworks: Mapping[str, Framework],
    *,
    lang: Lang,
    dialect: Dialect = "standard",
) -> str | bytes:
    """`status` as a file of `fmt`."""
    if fmt == "csv":
        records = status_records(rows, frameworks)
        places = {f.framework: f.precision for f in frameworks.values()}
        return to_csv(STATUS_COLUMNS, records, places, dialect)
    if fmt == "json":
        return status_json(rows, frameworks)
    if fmt == "xlsx":
        return status_workbook(rows, frameworks, lang)
    assert_never(fmt)
