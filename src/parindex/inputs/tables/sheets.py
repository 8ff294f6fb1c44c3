"""Appraisal and survey tables → checked entries (the roster: `roster`; earlier rankings:
`history`)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType

from parindex.core.models import Framework, Leaf
from parindex.core.numbers import parse_number, short
from parindex.core.results import Override
from parindex.core.rule_texts import num
from parindex.core.rules import NOT_APPLICABLE_WORDS, RuleValueError, score_value
from parindex.errors import InputError, Problem, ProblemLog
from parindex.i18n import _, ngettext
from parindex.inputs.tables.rows import Row, Table, read_table

APPRAISAL_COLUMNS = ["unit_id", "criterion", "value", "points", "reason"]
SURVEY_COLUMNS = ["unit_id", "criterion", "value"]
# sheets that parindex's own workbooks hold side by side (the council's worksheet)
SIBLINGS = {"appraisal": ("survey",), "survey": ("appraisal",)}

Overrides = dict[str, dict[str, Override]]


def read_sheet(
    path: str, required: list[str], optional: list[str], problems: ProblemLog, *, name: str
) -> Table | None:
    """The table at `path`, its problems and warnings into `problems`; None when unreadable.

    Its rows are read as they are iterated (once, to the end): the problems of rows left out
    join `problems` as they are met, and so does the problem of a file that turns out
    malformed part-way, which ends the rows.
    """
    try:
        table = read_table(
            path, required, optional, name=name, siblings=SIBLINGS.get(name, ()), lazy=True
        )
    except InputError as exc:
        problems.extend(exc.problems)
        return None
    problems.extend(table.warnings)
    table.rows = _reported(table, iter(table.rows), problems)
    return table


def _reported(table: Table, rows: Iterator[Row], problems: ProblemLog) -> Iterator[Row]:
    try:
        yield from rows
    except InputError as exc:
        problems.extend(exc.problems)
    problems.extend(table.problems)


def _locate_leaf(
    table: Table,
    row: Row,
    units: Mapping[str, Framework],
    problems: ProblemLog,
    *,
    skip_unknown_units: bool,
    skipped: frozenset[str] = frozenset(),
    absent: frozenset[str] = frozenset(),
    held: dict[str, list[int]] | None = None,
) -> Leaf | None:
    """The leaf a row names, or None (with a problem unless the unit is someone else's).

    Rows of `absent` units (on the roster, no assessment) are gathered in `held`, to be
    reported once per unit."""
    unit_id = row.cells.get("unit_id")
    criterion = row.cells.get("criterion")
    if unit_id is None:
        problems.append(table.problem(row.number, "unit_id", _("empty; name the unit")))
        return None
    if unit_id in absent and held is not None:
        held.setdefault(unit_id, []).append(row.number)
        return None
    framework = units.get(unit_id)
    if framework is None:
        if not skip_unknown_units and unit_id not in skipped:
            problems.append(
                table.problem(
                    row.number,
                    "unit_id",
                    _("unknown unit {unit_id!r} (no assessment has this unit id)").format(
                        unit_id=unit_id
                    ),
                )
            )
        return None
    if criterion is None:
        problems.append(table.problem(row.number, "criterion", _("empty; name the criterion")))
        return None
    leaf = framework.leaf(criterion)
    if leaf is None:
        problems.append(
            table.problem(
                row.number,
                "criterion",
                _("unknown criterion {criterion!r} in framework {framework!r}").format(
                    criterion=criterion, framework=framework.framework
                ),
            )
        )
    return leaf


def _scored(
    table: Table,
    row: Row,
    leaf: Leaf,
    text: str,
    problems: ProblemLog,
    *,
    reason: str = "",
    round_: int = 1,
) -> Override | None:
    """A value cell scored by the leaf's rule; `N/A` marks it not applicable."""
    if text.casefold() in NOT_APPLICABLE_WORDS:
        if leaf.policy == "forbidden":
            problems.append(
                table.problem(
                    row.number,
                    "value",
                    _(
                        "criterion {id!r} cannot be not applicable (its "
                        "not_applicable is forbidden)"
                    ).format(id=leaf.id),
                )
            )
            return None
        return Override(Decimal(0), _("not applicable"), "N/A", _("N/A"), True, reason, round_)
    try:
        outcome = score_value(leaf, text, decimal_comma=True)
    except RuleValueError as exc:
        problems.append(table.problem(row.number, "value", str(exc)))
        return None
    if outcome.not_arisen and leaf.policy == "forbidden":
        problems.append(
            table.problem(
                row.number,
                "value",
                _(
                    "{shown}: a denominator of 0 means it did not arise, but "
                    "this criterion cannot be not applicable"
                ).format(shown=outcome.shown),
            )
        )
        return None
    if outcome.not_arisen:
        return Override(
            Decimal(0), outcome.explanation, outcome.shown, outcome.said, True, reason, round_
        )
    return Override(
        outcome.points, outcome.explanation, outcome.shown, outcome.said, False, reason, round_
    )


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


def _blank(row: Row, columns: Iterable[str]) -> bool:
    return row.cells.keys().isdisjoint(columns)  # a row keeps only its non-empty cells


def read_appraisals(
    paths: Sequence[str],
    units: Mapping[str, Framework],
    problems: ProblemLog,
    *,
    skip_unknown_units: bool = False,
    skipped: frozenset[str] = frozenset(),
    absent: frozenset[str] = frozenset(),
    cells: bool = True,
) -> dict[tuple[str, str], Entry]:
    """Appraisal rows → per (unit, criterion), the row of the highest round (with its cells
    unless `cells` is false)."""
    chosen: dict[tuple[str, str], Entry] = {}
    rounds: dict[tuple[str, str, int], int] = {}  # the place of each round of each pair
    for index, path in enumerate(paths):
        table = read_sheet(path, APPRAISAL_COLUMNS, ["round"], problems, name="appraisal")
        if table is None:
            continue
        held: dict[str, list[int]] = {}
        for row in table.rows:
            if _blank(row, ("value", "points", "reason")):
                continue  # a worksheet row the council left blank: no correction
            leaf = _locate_leaf(
                table,
                row,
                units,
                problems,
                skip_unknown_units=skip_unknown_units,
                skipped=skipped,
                absent=absent,
                held=held,
            )
            if leaf is None:
                continue
            override = _appraisal_row(table, row, leaf, problems)
            if override is None:
                continue
            unit_id = sys.intern(row.cells["unit_id"])  # one string per unit, not per row
            place = index * PLACES + row.number
            first = rounds.setdefault((unit_id, leaf.id, override.round), place)
            if first != place:
                problems.append(
                    table.problem(
                        row.number,
                        "round",
                        _(
                            "a second row for unit {unit!r}, criterion {criterion!r} in round "
                            "{round} (first at {first}); raise the round or remove one"
                        ).format(
                            unit=unit_id,
                            criterion=leaf.id,
                            round=override.round,
                            first=f"{paths[first // PLACES]}:{first % PLACES}",
                        ),
                    )
                )
                continue
            previous = chosen.get((unit_id, leaf.id))
            if previous is None or override.round > previous.override.round:
                kept = row.cells if cells else _NO_CELLS
                chosen[(unit_id, leaf.id)] = Entry(override, f"{path}:{row.number}", kept)
        _report_held(table, held, problems)
    return chosen


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
            table.problem(
                row.number,
                "reason",
                _("empty; the council must give a reason for every correction"),
            )
        )
    round_ = 1
    text = row.get("round")
    if text is not None:
        number = parse_number(text, decimal_comma=True)
        if number is None or number < 1 or number != number.to_integral_value():
            problems.append(
                table.problem(
                    row.number,
                    "round",
                    _("{text!r} is not a whole number of 1 or more").format(text=text),
                )
            )
        else:
            round_ = int(number)
    value, points = row.get("value"), row.get("points")
    if value is None and points is None:
        problems.append(
            table.problem(
                row.number,
                "value",
                _(
                    "empty, and so is points: a reason alone corrects nothing; give the "
                    "corrected value or the points, or clear the reason"
                ),
            )
        )
    elif value is not None and points is not None:
        problems.append(
            table.problem(
                row.number,
                "value",
                _("give exactly one of value (a corrected fact) or points (set directly)"),
            )
        )
    if len(problems) > before:
        return None
    if value is not None:
        return _scored(table, row, leaf, value, problems, reason=reason, round_=round_)
    assert points is not None
    number = parse_number(points, decimal_comma=True)
    low, high = leaf.criterion.lowest, leaf.max
    if number is None or not low <= number <= high:
        shown = repr(points) if number is None else short(number)
        problems.append(
            table.problem(
                row.number,
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
) -> dict[tuple[str, str], Entry]:
    """Survey rows → per (unit, survey leaf), its aggregated value scored by the rule (with
    its cells unless `cells` is false).

    A row with an empty value is pending (a worksheet row not filled in yet), not an error.
    """
    chosen: dict[tuple[str, str], Entry] = {}
    seen: dict[tuple[str, str], str] = {}
    for path in paths:
        table = read_sheet(path, SURVEY_COLUMNS, [], problems, name="survey")
        if table is None:
            continue
        held: dict[str, list[int]] = {}
        for row in table.rows:
            if _blank(row, ("value",)):
                continue
            leaf = _locate_leaf(
                table,
                row,
                units,
                problems,
                skip_unknown_units=skip_unknown_units,
                skipped=skipped,
                absent=absent,
                held=held,
            )
            if leaf is None:
                continue
            if leaf.criterion.source != "survey":
                problems.append(
                    table.problem(
                        row.number,
                        "criterion",
                        _("criterion {id!r} is not a survey criterion (source: {source})").format(
                            id=leaf.id, source=leaf.criterion.source
                        ),
                    )
                )
                continue
            key = (sys.intern(row.cells["unit_id"]), leaf.id)
            if key in seen:
                problems.append(
                    table.problem(
                        row.number,
                        "criterion",
                        _(
                            "a second survey value for unit {unit!r}, criterion {criterion!r} "
                            "(first at {seen})"
                        ).format(unit=key[0], criterion=key[1], seen=seen[key]),
                    )
                )
                continue
            seen[key] = f"{path}:{row.number}"
            override = _scored(table, row, leaf, row.cells["value"], problems)
            if override is not None:
                chosen[key] = Entry(override, seen[key], row.cells if cells else _NO_CELLS)
        _report_held(table, held, problems)
    return chosen


def unguard(text: str) -> str:
    """Undo the formula guard parindex puts on text cells (`'=x` → `=x`)."""
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r":
        return text[1:]
    return text


def _report_held(table: Table, held: Mapping[str, list[int]], problems: ProblemLog) -> None:
    """One warning per roster unit that did not submit yet has rows here: they are not used."""
    for unit_id, rows in held.items():
        problems.append(
            Problem(
                table.path,
                ngettext(
                    "unit {unit!r} has not submitted an assessment, so its {count} row here "
                    "is not applied",
                    "unit {unit!r} has not submitted an assessment, so its {count} rows here "
                    "(rows {rows}) are not applied",
                    len(rows),
                ).format(unit=unit_id, count=len(rows), rows=_rows(rows)),
                row=rows[0],
                table_column="unit_id",
                severity="warning",
            )
        )


def _rows(numbers: list[int], shown: int = 5) -> str:
    text = ", ".join(str(n) for n in numbers[:shown])
    return text + (", …" if len(numbers) > shown else "")
