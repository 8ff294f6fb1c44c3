"""Appraisal and survey tables → checked entries, per unit and criterion (rows located and
scored: `located`; the roster: `roster`; earlier rankings: `history`)."""

from __future__ import annotations

import sys
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from types import MappingProxyType

from parindex.core.council import round_check
from parindex.core.models import Framework, Leaf
from parindex.core.numbers import parse_number, short
from parindex.core.results import Override
from parindex.core.rule_texts import num
from parindex.errors import Problem, ProblemLog
from parindex.i18n import _
from parindex.inputs.tables.located import (
    APPRAISAL_COLUMNS,
    FILLED,
    SURVEY_COLUMNS,
    locate_leaf,
    read_sheet,
    report_held,
    row_problem,
    scored,
    unguard,
    warn_unread_siblings,
)
from parindex.inputs.tables.rows import Row, Table

Overrides = dict[str, dict[str, Override]]


@dataclass(frozen=True, slots=True)
class Entry:
    """The row that counts for one unit and criterion: its scored value, where it stands,
    and its cells as written (`worksheet` prefills them)."""

    override: Override
    where: str
    cells: Mapping[str, str]  # empty unless asked for (`cells=True`)


_NO_CELLS: Mapping[str, str] = MappingProxyType({})
# A row's place, kept as one integer while a table of a million rows is read: the table's
# index × PLACES plus the row's number ("file:row" is spelt out only for a problem).
PLACES = 1 << 32


def _untouched(row: Row, columns: Iterable[str]) -> bool:
    """A row that names its unit and criterion and leaves `columns` empty: a row of the
    council's workbook nobody filled in (no correction, no survey value yet). Any other row
    that holds text is read and checked: only a row whose every cell is empty is blank."""
    cells = row.cells  # a row keeps only its non-empty cells
    return "unit_id" in cells and "criterion" in cells and cells.keys().isdisjoint(columns)


def read_appraisals(
    paths: Sequence[str],
    units: Mapping[str, Framework],
    problems: ProblemLog,
    *,
    skip_unknown_units: bool = False,
    skipped: frozenset[str] = frozenset(),
    absent: frozenset[str] = frozenset(),
    cells: bool = True,
    also_read: Collection[str] = (),
    rounds_of: dict[tuple[str, str], list[tuple[int, Mapping[str, str]]]] | None = None,
) -> dict[tuple[str, str], Entry]:
    """Appraisal rows → per (unit, criterion), the row of the highest round (with its cells
    unless `cells` is false); with `rounds_of`, the cells of every round's row too, for each
    (unit, criterion), in the order read (the council's workbook keeps them all). A filled
    `survey` sheet beside a workbook's `appraisal` sheet is named in a warning unless the
    workbook is among `also_read` (the survey files)."""
    chosen: dict[tuple[str, str], Entry] = {}
    rounds: dict[tuple[str, str, int], int] = {}  # the place of each round of each pair
    wheres: list[str] = []  # each table's FILE or FILE.xlsx[SHEET], by index
    read: list[tuple[str, Table]] = []
    locate = partial(
        locate_leaf,
        units=units,
        problems=problems,
        skip_unknown_units=skip_unknown_units,
        skipped=skipped,
        absent=absent,
    )
    for index, path in enumerate(paths):
        table = read_sheet(path, APPRAISAL_COLUMNS, ["round", "check"], problems, name="appraisal")
        wheres.append(path if table is None else table.path)
        if table is None:
            continue
        read.append((path, table))
        held: dict[str, list[int]] = {}
        for row in table.rows:
            if _corrects_nothing(table, row, problems):
                continue
            leaf = locate(table, row, held=held)
            override = None if leaf is None else _appraisal_row(table, row, leaf, problems)
            if leaf is None or override is None:
                continue
            unit_id = sys.intern(row.cells["unit_id"])  # one string per unit, not per row
            place = index * PLACES + row.number
            first = rounds.setdefault((unit_id, leaf.id, override.round), place)
            if first != place:
                where = f"{wheres[first // PLACES]}:{first % PLACES}"
                problems.append(_second_round(table, row, leaf, override.round, where))
                continue
            if rounds_of is not None:
                rounds_of.setdefault((unit_id, leaf.id), []).append((override.round, row.cells))
            previous = chosen.get((unit_id, leaf.id))
            if previous is None or override.round > previous.override.round:
                kept = row.cells if cells else _NO_CELLS
                chosen[(unit_id, leaf.id)] = Entry(override, f"{table.path}:{row.number}", kept)
        report_held(table, held, problems)
    warn_unread_siblings(read, "appraisal", also_read, problems)
    return chosen


def _corrects_nothing(table: Table, row: Row, problems: ProblemLog) -> bool:
    """A row that keeps an earlier round and was changed since (a problem), or a row of the
    council's workbook left blank (no correction)."""
    if "check" in row.cells and not _kept(table, row, problems):
        return True
    return _untouched(row, FILLED["appraisal"])


def _kept(table: Table, row: Row, problems: ProblemLog) -> bool:
    """Whether a row of the council's workbook that keeps an earlier round (it has a check)
    says what it said when the workbook was made; a problem if not."""
    cells = row.cells
    check = round_check(
        cells.get("unit_id", ""),
        cells.get("criterion", ""),
        unguard(cells.get("value", "")),
        cells.get("points", ""),
        unguard(cells.get("reason", "")),
        cells.get("round", ""),
    )
    if check == cells["check"]:
        return True
    message = _(
        "this row keeps round {round} as the appraisal files held it when the workbook was "
        "made (it is locked), and it has been changed since; undo the change, or give the new "
        "correction in the open row below it, with a higher round"
    ).format(round=cells.get("round", "?"))
    problems.append(row_problem(table, row, "check", message))
    return False


def _second_round(table: Table, row: Row, leaf: Leaf, round_: int, first: str) -> Problem:
    return table.problem(
        row.number,
        "round",
        _(
            "a second row for unit {unit!r}, criterion {criterion!r} in round {round} (first "
            "at {first}); raise the round or remove one"
        ).format(unit=row.cells["unit_id"], criterion=leaf.id, round=round_, first=first),
    )


def overrides(entries: Mapping[tuple[str, str], Entry]) -> Overrides:
    """Entries (`read_appraisals`, `read_surveys`) → per unit and criterion, the override."""
    result: Overrides = {}
    for (unit_id, criterion), entry in entries.items():
        result.setdefault(unit_id, {})[criterion] = entry.override
    return result


def _appraisal_row(table: Table, row: Row, leaf: Leaf, problems: ProblemLog) -> Override | None:
    before = len(problems)
    if leaf.criterion.source == "survey":
        problems.append(
            table.problem(
                row.number,
                "criterion",
                _(
                    "criterion {id!r} comes from the survey (source: survey); "
                    "put it in a --survey file, not the appraisal"
                ).format(id=leaf.id),
            )
        )
    reason = unguard(row.get("reason") or "")  # as typed, not as a formula guard wrote it
    if not reason:
        problems.append(
            row_problem(
                table,
                row,
                "reason",
                _("empty; the council must give a reason for every correction"),
            )
        )
    round_ = _round(table, row, problems)
    value, points = row.get("value"), row.get("points")
    if value is None and points is None:
        problems.append(
            row_problem(
                table,
                row,
                "value",
                _(
                    "empty, and so is points: a reason alone corrects nothing; give the "
                    "corrected value or the points, or clear the reason"
                ),
            )
        )
    elif value is not None and points is not None:
        problems.append(
            row_problem(
                table,
                row,
                "value",
                _("give exactly one of value (a corrected fact) or points (set directly)"),
            )
        )
    if len(problems) > before:
        return None
    if value is not None:
        return scored(table, row, leaf, value, problems, reason=reason, round_=round_)
    assert points is not None
    return _points(table, row, leaf, points, problems, reason, round_)


def _round(table: Table, row: Row, problems: ProblemLog) -> int:
    """The row's round (1 when empty); a problem when it is no whole number of 1 or more."""
    text = row.get("round")
    if text is None:
        return 1
    number = parse_number(text, decimal_comma=True)
    if number is None or number < 1 or number != number.to_integral_value():
        message = _("{text!r} is not a whole number of 1 or more").format(text=text)
        problems.append(row_problem(table, row, "round", message))
        return 1
    return int(number)


def _points(
    table: Table, row: Row, leaf: Leaf, points: str, problems: ProblemLog, reason: str, round_: int
) -> Override | None:
    """Points the council set directly, within the leaf's range."""
    number = parse_number(points, decimal_comma=True)
    low, high = leaf.criterion.lowest, leaf.max
    if number is None or not low <= number <= high:
        shown = repr(points) if number is None else short(number)
        problems.append(
            row_problem(
                table,
                row,
                "points",
                _("{shown} is not a number within the leaf's range {low}–{high}").format(
                    shown=shown, low=num(low), high=num(high)
                ),
            )
        )
        return None
    given = _("set to {points} of {max}").format(points=num(number), max=num(high))
    return Override(number, given, short(number), num(number), False, reason, round_)


def read_surveys(
    paths: Iterable[str],
    units: Mapping[str, Framework],
    problems: ProblemLog,
    *,
    skip_unknown_units: bool = False,
    skipped: frozenset[str] = frozenset(),
    absent: frozenset[str] = frozenset(),
    cells: bool = True,
    also_read: Collection[str] = (),
) -> dict[tuple[str, str], Entry]:
    """Survey rows → per (unit, survey leaf), its aggregated value scored by the rule (with
    its cells unless `cells` is false).

    A row with an empty value is pending (a worksheet row not filled in yet), not an error.
    A filled `appraisal` sheet beside a workbook's `survey` sheet is named in a warning unless
    the workbook is among `also_read` (the appraisal files).
    """
    chosen: dict[tuple[str, str], Entry] = {}
    seen: dict[tuple[str, str], str] = {}
    read: list[tuple[str, Table]] = []
    locate = partial(
        locate_leaf,
        units=units,
        problems=problems,
        skip_unknown_units=skip_unknown_units,
        skipped=skipped,
        absent=absent,
    )
    for path in paths:
        table = read_sheet(path, SURVEY_COLUMNS, [], problems, name="survey")
        if table is None:
            continue
        read.append((path, table))
        held: dict[str, list[int]] = {}
        for row in table.rows:
            if _untouched(row, ("value",)):
                continue  # pending
            leaf = locate(table, row, held=held)
            if leaf is None:
                continue
            key = (sys.intern(row.cells["unit_id"]), leaf.id)
            problem = _survey_problem(table, row, leaf, seen.get(key))
            if problem is not None:
                problems.append(problem)
                continue
            seen[key] = f"{table.path}:{row.number}"
            override = scored(table, row, leaf, row.cells["value"], problems)
            if override is not None:
                chosen[key] = Entry(override, seen[key], row.cells if cells else _NO_CELLS)
        report_held(table, held, problems)
    warn_unread_siblings(read, "survey", also_read, problems)
    return chosen


def _survey_problem(table: Table, row: Row, leaf: Leaf, first: str | None) -> Problem | None:
    """A survey row's leaf that takes no survey value, or a second value (`first` is where
    the first one is)."""
    if leaf.criterion.source != "survey":
        message = _("criterion {id!r} is not a survey criterion (source: {source})").format(
            id=leaf.id, source=leaf.criterion.source
        )
    elif first is not None:
        message = _(
            "a second survey value for unit {unit!r}, criterion {criterion!r} (first at {seen})"
        ).format(unit=row.cells["unit_id"], criterion=leaf.id, seen=first)
    else:
        return None
    return table.problem(row.number, "criterion", message)
