"""Appraisal, survey, roster, previous-ranking and id-map tables → checked entries."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from parindex.core.models import Framework, Leaf
from parindex.core.numbers import parse_number, short
from parindex.core.results import Override, PreviousEntry
from parindex.core.rules import RuleValueError, evaluate
from parindex.errors import InputError, ProblemLog
from parindex.i18n import _
from parindex.inputs.tables import Row, Table, read_table

APPRAISAL_COLUMNS = ["unit_id", "criterion", "value", "points", "reason"]
SURVEY_COLUMNS = ["unit_id", "criterion", "value"]
ROSTER_COLUMNS = ["unit_id", "unit_name", "group"]
# sheets that parindex's own workbooks hold side by side (the council's worksheet)
SIBLINGS = {"appraisal": ("survey",), "survey": ("appraisal",)}
NOT_APPLICABLE_WORDS = frozenset({"n/a", "na", "không áp dụng", "không phát sinh"})

Overrides = dict[str, dict[str, Override]]


def _read(
    path: str, required: list[str], optional: list[str], problems: ProblemLog, *, name: str
) -> Table | None:
    try:
        table = read_table(path, required, optional, name=name, siblings=SIBLINGS.get(name, ()))
    except InputError as exc:
        problems.extend(exc.problems)
        return None
    problems.extend(table.warnings)
    return table


def _locate_leaf(
    table: Table,
    row: Row,
    units: Mapping[str, Framework],
    problems: ProblemLog,
    *,
    skip_unknown_units: bool,
    skipped: frozenset[str] = frozenset(),
) -> Leaf | None:
    """The leaf a row names, or None (with a problem unless the unit is someone else's)."""
    unit_id = row.get("unit_id")
    criterion = row.get("criterion")
    if unit_id is None:
        problems.append(table.problem(row.number, "unit_id", "empty; name the unit"))
        return None
    framework = units.get(unit_id)
    if framework is None:
        if not skip_unknown_units and unit_id not in skipped:
            problems.append(
                table.problem(
                    row.number,
                    "unit_id",
                    f"unknown unit {unit_id!r} (no assessment has this unit id)",
                )
            )
        return None
    if criterion is None:
        problems.append(table.problem(row.number, "criterion", "empty; name the criterion"))
        return None
    leaf = framework.leaf(criterion)
    if leaf is None:
        problems.append(
            table.problem(
                row.number,
                "criterion",
                f"unknown criterion {criterion!r} in framework {framework.framework!r}",
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
                    f"criterion {leaf.id!r} cannot be "
                    "not applicable (its not_applicable is forbidden)",
                )
            )
            return None
        return Override(Decimal(0), "not applicable", "N/A", True, reason, round_)
    try:
        outcome = evaluate(leaf.criterion, text, decimal_comma=True)
    except RuleValueError as exc:
        problems.append(table.problem(row.number, "value", str(exc)))
        return None
    if outcome.not_arisen and leaf.policy == "forbidden":
        problems.append(
            table.problem(
                row.number,
                "value",
                f"{outcome.shown}: a denominator of "
                "0 means it did not arise, but this criterion cannot be "
                "not applicable",
            )
        )
        return None
    if outcome.not_arisen:
        return Override(Decimal(0), outcome.explanation, outcome.shown, True, reason, round_)
    return Override(outcome.points, outcome.explanation, outcome.shown, False, reason, round_)


@dataclass(frozen=True, slots=True)
class Entry:
    """The row that counts for one unit and criterion: its scored value, where it stands,
    and its cells as written (`worksheet` prefills them)."""

    override: Override
    where: str
    cells: dict[str, str]


def _blank(row: Row, columns: Iterable[str]) -> bool:
    return all(row.get(c) is None for c in columns)


def read_appraisals(
    paths: Iterable[str],
    units: Mapping[str, Framework],
    problems: ProblemLog,
    *,
    skip_unknown_units: bool = False,
    skipped: frozenset[str] = frozenset(),
) -> dict[tuple[str, str], Entry]:
    """Appraisal rows → per (unit, criterion), the row of the highest round."""
    chosen: dict[tuple[str, str], Entry] = {}
    rounds: dict[tuple[str, str, int], str] = {}  # where each round of each pair was given
    for path in paths:
        table = _read(path, APPRAISAL_COLUMNS, ["round"], problems, name="appraisal")
        if table is None:
            continue
        for row in table.rows:
            if _blank(row, ("value", "points", "reason")):
                continue  # a worksheet row the council left blank: no correction
            leaf = _locate_leaf(
                table, row, units, problems, skip_unknown_units=skip_unknown_units, skipped=skipped
            )
            if leaf is None:
                continue
            override = _appraisal_row(table, row, leaf, problems)
            if override is None:
                continue
            unit_id = row.cells["unit_id"]
            where = f"{path}:{row.number}"
            first = rounds.setdefault((unit_id, leaf.id, override.round), where)
            if first != where:
                problems.append(
                    table.problem(
                        row.number,
                        "round",
                        _(
                            "a second row for unit {unit!r}, criterion {criterion!r} in round "
                            "{round} (first at {first}); raise the round or remove one"
                        ).format(
                            unit=unit_id, criterion=leaf.id, round=override.round, first=first
                        ),
                    )
                )
                continue
            previous = chosen.get((unit_id, leaf.id))
            if previous is None or override.round > previous.override.round:
                chosen[(unit_id, leaf.id)] = Entry(override, where, row.cells)
    return chosen


def load_appraisals(
    paths: Iterable[str],
    units: Mapping[str, Framework],
    problems: ProblemLog,
    *,
    skip_unknown_units: bool = False,
    skipped: frozenset[str] = frozenset(),
) -> Overrides:
    """Appraisal rows → per unit and criterion, the override of the highest round."""
    entries = read_appraisals(
        paths, units, problems, skip_unknown_units=skip_unknown_units, skipped=skipped
    )
    return _overrides(entries)


def _overrides(entries: Mapping[tuple[str, str], Entry]) -> Overrides:
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
                f"criterion {leaf.id!r} comes "
                "from the survey (source: survey); put it in a --survey "
                "file, not the appraisal",
            )
        )
    reason = unguard(row.get("reason") or "")  # as typed, not as a formula guard wrote it
    if not reason:
        problems.append(
            table.problem(
                row.number, "reason", "empty; the council must give a reason for every correction"
            )
        )
    round_ = 1
    text = row.get("round")
    if text is not None:
        number = parse_number(text, decimal_comma=True)
        if number is None or number < 1 or number != number.to_integral_value():
            problems.append(
                table.problem(row.number, "round", f"{text!r} is not a whole number of 1 or more")
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
                "give exactly one of value (a corrected fact) or points (set directly)",
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
                f"{shown} is not a number within the leaf's range {short(low)}–{short(high)}",
            )
        )
        return None
    return Override(
        number, f"set to {short(number)} of {short(high)}", short(number), False, reason, round_
    )


def read_surveys(
    paths: Iterable[str],
    units: Mapping[str, Framework],
    problems: ProblemLog,
    *,
    skip_unknown_units: bool = False,
    skipped: frozenset[str] = frozenset(),
) -> dict[tuple[str, str], Entry]:
    """Survey rows → per (unit, survey leaf), its aggregated value scored by the rule.

    A row with an empty value is pending (a worksheet row not filled in yet), not an error.
    """
    chosen: dict[tuple[str, str], Entry] = {}
    seen: dict[tuple[str, str], str] = {}
    for path in paths:
        table = _read(path, SURVEY_COLUMNS, [], problems, name="survey")
        if table is None:
            continue
        for row in table.rows:
            if _blank(row, ("value",)):
                continue
            leaf = _locate_leaf(
                table, row, units, problems, skip_unknown_units=skip_unknown_units, skipped=skipped
            )
            if leaf is None:
                continue
            if leaf.criterion.source != "survey":
                problems.append(
                    table.problem(
                        row.number,
                        "criterion",
                        f"criterion {leaf.id!r} "
                        f"is not a survey criterion (source: "
                        f"{leaf.criterion.source})",
                    )
                )
                continue
            key = (row.cells["unit_id"], leaf.id)
            if key in seen:
                problems.append(
                    table.problem(
                        row.number,
                        "criterion",
                        f"a second survey value "
                        f"for unit {key[0]!r}, criterion {key[1]!r} "
                        f"(first at {seen[key]})",
                    )
                )
                continue
            seen[key] = f"{path}:{row.number}"
            override = _scored(table, row, leaf, row.cells["value"], problems)
            if override is not None:
                chosen[key] = Entry(override, seen[key], row.cells)
    return chosen


def load_surveys(
    paths: Iterable[str],
    units: Mapping[str, Framework],
    problems: ProblemLog,
    *,
    skip_unknown_units: bool = False,
    skipped: frozenset[str] = frozenset(),
) -> Overrides:
    """Survey rows → per unit and survey leaf, its aggregated value scored by the rule."""
    entries = read_surveys(
        paths, units, problems, skip_unknown_units=skip_unknown_units, skipped=skipped
    )
    return _overrides(entries)


@dataclass(frozen=True, slots=True)
class RosterEntry:
    unit_id: str
    unit_name: str
    group: str
    where: str


def load_roster(path: str, problems: ProblemLog) -> dict[str, RosterEntry]:
    """The units expected this year."""
    table = _read(path, ROSTER_COLUMNS, [], problems, name="roster")
    roster: dict[str, RosterEntry] = {}
    if table is None:
        return roster
    for row in table.rows:
        empty = [c for c in ROSTER_COLUMNS if row.get(c) is None]
        if empty:
            problems.append(
                table.problem(
                    row.number, empty[0], "empty; a roster row names unit_id, unit_name and group"
                )
            )
            continue
        unit_id = row.cells["unit_id"]
        if unit_id in roster:
            problems.append(
                table.problem(
                    row.number,
                    "unit_id",
                    f"unit {unit_id!r} is listed twice (first at {roster[unit_id].where})",
                )
            )
            continue
        roster[unit_id] = RosterEntry(
            unit_id, row.cells["unit_name"], row.cells["group"], f"{path}:{row.number}"
        )
    return roster


def unguard(text: str) -> str:
    """Undo the formula guard parindex puts on text cells (`'=x` → `=x`)."""
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r":
        return text[1:]
    return text


def load_previous(path: str, problems: ProblemLog) -> dict[str, PreviousEntry]:
    """An earlier parindex ranking CSV/XLSX, by unit id."""
    table = _read(
        path, ["unit_id", "rank", "index"], ["group", "unit_name"], problems, name="previous"
    )
    entries: dict[str, PreviousEntry] = {}
    if table is None:
        return entries
    for row in table.rows:
        unit_id = unguard(row.get("unit_id") or "")
        if not unit_id:
            problems.append(table.problem(row.number, "unit_id", "empty"))
            continue
        rank_text, index_text = row.get("rank"), row.get("index")
        rank = parse_number(rank_text) if rank_text is not None else None
        index = parse_number(index_text, decimal_comma=True) if index_text is not None else None
        if rank_text is not None and (rank is None or rank != rank.to_integral_value()):
            problems.append(
                table.problem(row.number, "rank", f"{rank_text!r} is not a whole number")
            )
            continue
        if index_text is not None and index is None:
            problems.append(table.problem(row.number, "index", f"{index_text!r} is not a number"))
            continue
        if unit_id in entries:
            problems.append(table.problem(row.number, "unit_id", f"unit {unit_id!r} appears twice"))
            continue
        entries[unit_id] = PreviousEntry(
            unit_id,
            int(rank) if rank is not None else None,
            index,
            unguard(row.get("group") or ""),
            unguard(row.get("unit_name") or ""),
        )
    return entries


def load_id_map(path: str, problems: ProblemLog) -> dict[str, list[str]]:
    """`old_id,new_id` rows → new id → the old ids it continues (several when merged)."""
    table = _read(path, ["old_id", "new_id"], [], problems, name="id_map")
    mapping: dict[str, list[str]] = {}
    if table is None:
        return mapping
    olds: dict[str, int] = {}
    for row in table.rows:
        old, new = row.get("old_id"), row.get("new_id")
        if old is None or new is None:
            problems.append(
                table.problem(
                    row.number,
                    "old_id" if old is None else "new_id",
                    "empty; each row maps one old id to one new id",
                )
            )
            continue
        if old in olds:
            problems.append(
                table.problem(
                    row.number, "old_id", f"{old!r} is mapped twice (first at row {olds[old]})"
                )
            )
            continue
        olds[old] = row.number
        mapping.setdefault(new, []).append(old)
    return mapping
