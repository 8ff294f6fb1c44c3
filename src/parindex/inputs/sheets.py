"""Appraisal, survey, roster, previous-ranking and id-map tables → checked entries."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from parindex.core.models import Framework, Leaf
from parindex.core.numbers import parse_number, short
from parindex.core.results import Override, PreviousEntry
from parindex.core.rules import NOT_APPLICABLE_WORDS, RuleValueError, evaluate
from parindex.errors import InputError, Problem, ProblemLog
from parindex.i18n import _, ngettext
from parindex.inputs.tables import Header, Row, Table, read_table, read_tables

APPRAISAL_COLUMNS = ["unit_id", "criterion", "value", "points", "reason"]
SURVEY_COLUMNS = ["unit_id", "criterion", "value"]
ROSTER_COLUMNS = ["unit_id", "unit_name", "group"]
# sheets that parindex's own workbooks hold side by side (the council's worksheet)
SIBLINGS = {"appraisal": ("survey",), "survey": ("appraisal",)}

Overrides = dict[str, dict[str, Override]]


def _read(
    path: str, required: list[str], optional: list[str], problems: ProblemLog, *, name: str
) -> Table | None:
    try:
        table = read_table(
            path, required, optional, name=name, siblings=SIBLINGS.get(name, ()), keep_going=True
        )
    except InputError as exc:
        problems.extend(exc.problems)
        return None
    problems.extend(table.warnings)
    problems.extend(table.problems)
    return table


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
    unit_id = row.get("unit_id")
    criterion = row.get("criterion")
    if unit_id is None:
        problems.append(table.problem(row.number, "unit_id", "empty; name the unit"))
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


def load_appraisals(
    paths: Iterable[str],
    units: Mapping[str, Framework],
    problems: ProblemLog,
    *,
    skip_unknown_units: bool = False,
    skipped: frozenset[str] = frozenset(),
    absent: frozenset[str] = frozenset(),
) -> Overrides:
    """Appraisal rows → per unit and criterion, the row of the highest round."""
    chosen: dict[tuple[str, str], tuple[Override, str]] = {}
    for path in paths:
        table = _read(path, APPRAISAL_COLUMNS, ["round"], problems, name="appraisal")
        if table is None:
            continue
        held: dict[str, list[int]] = {}
        for row in table.rows:
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
            key = (row.cells["unit_id"], leaf.id)
            where = f"{path}:{row.number}"
            previous = chosen.get(key)
            if previous is not None and previous[0].round == override.round:
                problems.append(
                    table.problem(
                        row.number,
                        "round",
                        f"a second row for unit "
                        f"{key[0]!r}, criterion {key[1]!r} in round "
                        f"{override.round} (first at {previous[1]}); "
                        "raise the round or remove one",
                    )
                )
            elif previous is None or override.round > previous[0].round:
                chosen[key] = (override, where)
        _report_held(table, held, problems)
    result: Overrides = {}
    for (unit_id, criterion), (override, _where) in chosen.items():
        result.setdefault(unit_id, {})[criterion] = override
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
    reason = row.get("reason") or ""
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
    if (value is None) == (points is None):
        problems.append(
            table.problem(
                row.number,
                "value" if value is not None else "points",
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


def load_surveys(
    paths: Iterable[str],
    units: Mapping[str, Framework],
    problems: ProblemLog,
    *,
    skip_unknown_units: bool = False,
    skipped: frozenset[str] = frozenset(),
    absent: frozenset[str] = frozenset(),
) -> Overrides:
    """Survey rows → per unit and survey leaf, its aggregated value scored by the rule."""
    seen: dict[tuple[str, str], str] = {}
    result: Overrides = {}
    for path in paths:
        table = _read(path, SURVEY_COLUMNS, [], problems, name="survey")
        if table is None:
            continue
        held: dict[str, list[int]] = {}
        for row in table.rows:
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
            text = row.get("value")
            if text is None:
                problems.append(
                    table.problem(row.number, "value", "empty; give the aggregated survey value")
                )
                continue
            override = _scored(table, row, leaf, text, problems)
            if override is not None:
                result.setdefault(key[0], {})[leaf.id] = override
        _report_held(table, held, problems)
    return result


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


# The columns of parindex's own ranking, in the order its CSV and workbook write them, and the
# labels its workbook for people may show instead of the keys (either language).
RANKING_POSITIONS = ("framework", "group", "rank", "unit_id", "unit_name", "index")
RANKING_LABELS = {
    "rank": "rank",
    "hạng": "rank",
    "xếp hạng": "rank",
    "thứ hạng": "rank",
    "unit id": "unit_id",
    "mã đơn vị": "unit_id",
    "mã": "unit_id",
    "unit": "unit_name",
    "unit name": "unit_name",
    "đơn vị": "unit_name",
    "tên đơn vị": "unit_name",
    "index": "index",
    "chỉ số": "index",
    "chỉ số cchc": "index",
    "group": "group",
    "nhóm": "group",
    "khối": "group",
}
RANKING_SIBLINGS = ("breakdown", "claims")
HUNDRED = Decimal(100)


def load_previous(path: str, problems: ProblemLog) -> dict[str, PreviousEntry]:
    """An earlier parindex ranking — its CSV, its JSON or its XLSX (every group sheet) — by
    unit id."""
    entries: dict[str, PreviousEntry] = {}
    if path.lower().endswith(".json"):
        _previous_json(path, problems, entries)
        return entries
    try:
        tables = read_tables(
            path,
            ["unit_id", "rank", "index"],
            ["group", "unit_name"],
            name="previous",
            siblings=RANKING_SIBLINGS,
            header=Header(RANKING_LABELS, RANKING_POSITIONS),
            keep_going=True,
        )
    except InputError as exc:
        problems.extend(exc.problems)
        return entries
    seen: dict[str, str] = {}
    for table in tables:
        problems.extend(table.warnings)
        problems.extend(table.problems)
        for row in table.rows:
            where = f"{table.path}:{row.number}"

            def report(column: str, message: str, row: Row = row, table: Table = table) -> None:
                problems.append(table.problem(row.number, column, message))

            entry = _previous_entry(
                {k: unguard(v) for k, v in row.cells.items()}, report, seen, where
            )
            if entry is not None:
                entries[entry.unit_id] = entry
    return entries


def _previous_json(path: str, problems: ProblemLog, entries: dict[str, PreviousEntry]) -> None:
    import json

    from parindex.inputs.yamlfile import decode_text

    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        problems.append(Problem(path, _("cannot read: {reason}").format(reason=exc.strerror)))
        return
    try:
        data = json.loads(decode_text(raw, path))
    except InputError as exc:
        problems.extend(exc.problems)
        return
    except json.JSONDecodeError as exc:
        problems.append(
            Problem(
                path, _("not valid JSON: {reason}").format(reason=exc.msg), exc.lineno, exc.colno
            )
        )
        return
    rankings = data.get("rankings") if isinstance(data, dict) else None
    if not isinstance(rankings, list):
        problems.append(
            Problem(
                path,
                _(
                    "not a parindex ranking (a JSON object with 'rankings'); give the JSON, CSV "
                    "or XLSX that `parindex rank` wrote"
                ),
            )
        )
        return
    seen: dict[str, str] = {}
    for i, ranking in enumerate(rankings):
        units = ranking.get("units") if isinstance(ranking, dict) else None
        if not isinstance(units, list):
            problems.append(
                Problem(path, _("expected a list of units"), key=f"rankings[{i}].units")
            )
            continue
        group = ranking.get("group") if isinstance(ranking, dict) else None
        for j, unit in enumerate(units):
            key = f"rankings[{i}].units[{j}]"
            if not isinstance(unit, dict):
                problems.append(Problem(path, _("expected a unit (an object)"), key=key))
                continue
            cells = {
                name: _json_text(unit.get(name))
                for name in ("unit_id", "rank", "index", "group", "unit_name")
            }
            if not cells["group"] and isinstance(group, str):
                cells["group"] = group

            def report(column: str, message: str, key: str = key) -> None:
                problems.append(Problem(path, message, key=f"{key}.{column}"))

            entry = _previous_entry(
                {k: v for k, v in cells.items() if v}, report, seen, f"{path} {key}"
            )
            if entry is not None:
                entries[entry.unit_id] = entry


def _json_text(value: object) -> str:
    if value is None or isinstance(value, (dict, list)):
        return "" if value is None else "?"
    if isinstance(value, bool):
        return "?"
    if isinstance(value, float):
        return repr(value)
    return str(value).strip()


def _previous_entry(
    cells: Mapping[str, str],
    report: Callable[[str, str], None],
    seen: dict[str, str],
    where: str,
) -> PreviousEntry | None:
    """One row of an earlier ranking, checked: a rank is a whole number from 1, an index lies
    within 0–100, and a unit appears once."""
    unit_id = cells.get("unit_id", "")
    if not unit_id:
        report("unit_id", _("empty; every row of a ranking names its unit"))
        return None
    rank_text, index_text = cells.get("rank"), cells.get("index")
    rank = parse_number(rank_text) if rank_text is not None else None
    index = parse_number(index_text, decimal_comma=True) if index_text is not None else None
    bad = False
    if rank_text is not None and (rank is None or rank != rank.to_integral_value() or rank < 1):
        report(
            "rank",
            _("{value!r} is not a rank; a rank is a whole number of 1 or more").format(
                value=_clip(rank_text)
            ),
        )
        bad = True
    if index_text is not None and (index is None or not 0 <= index <= HUNDRED):
        report(
            "index",
            _("{value!r} is not an index; an index is a number from 0 to 100").format(
                value=_clip(index_text)
            ),
        )
        bad = True
    if bad:
        return None
    if unit_id in seen:
        report(
            "unit_id",
            _("unit {unit!r} appears twice (first at {where})").format(
                unit=unit_id, where=seen[unit_id]
            ),
        )
        return None
    seen[unit_id] = where
    return PreviousEntry(
        unit_id,
        int(rank) if rank is not None else None,
        index,
        cells.get("group", ""),
        cells.get("unit_name", ""),
    )


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def load_id_map(
    path: str,
    problems: ProblemLog,
    *,
    units: Collection[str] | None = None,
    previous: Collection[str] | None = None,
) -> dict[str, list[str]]:
    """`old_id,new_id` rows → new id → the old ids it continues (several when merged).

    With `units` (this run's unit ids) a new id must be one of them; with `previous` (last
    year's) an old id must be one of those."""
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
                    _("empty; each row maps one old id to one new id"),
                )
            )
            continue
        if old in olds:
            problems.append(
                table.problem(
                    row.number,
                    "old_id",
                    _("{old!r} is mapped twice (first at row {row})").format(
                        old=old, row=olds[old]
                    ),
                )
            )
            continue
        olds[old] = row.number
        if units is not None and new not in units:
            problems.append(
                table.problem(
                    row.number,
                    "new_id",
                    _(
                        "{new!r} is not a unit of this run (no assessment or roster row has "
                        "this id)"
                    ).format(new=new),
                )
            )
            continue
        if previous is not None and old not in previous:
            problems.append(
                table.problem(
                    row.number,
                    "old_id",
                    _("{old!r} is not in the previous ranking").format(old=old),
                )
            )
            continue
        mapping.setdefault(new, []).append(old)
    return mapping
