"""Earlier rankings (`--previous`, `gaps --ranking`) and the id map that links them to this
year's units: parindex's own CSV, XLSX and JSON, checked row by row."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Mapping
from decimal import Decimal
from pathlib import Path

from parindex.core.numbers import parse_number
from parindex.core.results import PreviousEntry
from parindex.errors import InputError, Problem, ProblemLog
from parindex.i18n import _
from parindex.inputs.tables.headers import Header
from parindex.inputs.tables.located import read_sheet, unguard
from parindex.inputs.tables.rows import Row, Table, read_tables
from parindex.inputs.text import decode_text

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


def _json_document(path: str, problems: ProblemLog) -> object:
    """The JSON document at `path`, or None with its problem in `problems`."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        problems.append(Problem(path, _("cannot read: {reason}").format(reason=exc.strerror)))
        return None
    try:
        return json.loads(decode_text(raw, path))
    except InputError as exc:
        problems.extend(exc.problems)
    except json.JSONDecodeError as exc:
        problems.append(
            Problem(
                path, _("not valid JSON: {reason}").format(reason=exc.msg), exc.lineno, exc.colno
            )
        )
    return None


def _previous_json(path: str, problems: ProblemLog, entries: dict[str, PreviousEntry]) -> None:
    before = len(problems)
    data = _json_document(path, problems)
    if len(problems) > before:
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
    table = read_sheet(path, ["old_id", "new_id"], [], problems, name="id_map")
    mapping: dict[str, list[str]] = {}
    if table is None:
        return mapping
    olds: dict[str, int] = {}
    for row in table.rows:
        old, new = row.get("old_id"), row.get("new_id")
        wrong = _id_map_problem(old, new, olds, units, previous)
        if wrong is not None:
            problems.append(table.problem(row.number, *wrong))
            continue
        assert old is not None and new is not None
        olds[old] = row.number
        mapping.setdefault(new, []).append(old)
    return mapping


def _id_map_problem(
    old: str | None,
    new: str | None,
    olds: Mapping[str, int],
    units: Collection[str] | None,
    previous: Collection[str] | None,
) -> tuple[str, str] | None:
    """(column, message) of what is wrong with an id map row, or None."""
    if old is None or new is None:
        column = "old_id" if old is None else "new_id"
        return column, _("empty; each row maps one old id to one new id")
    if old in olds:
        return "old_id", _("{old!r} is mapped twice (first at row {row})").format(
            old=old, row=olds[old]
        )
    if units is not None and new not in units:
        return "new_id", _(
            "{new!r} is not a unit of this run (no assessment or roster row has this id)"
        ).format(new=new)
    if previous is not None and old not in previous:
        return "old_id", _("{old!r} is not in the previous ranking").format(old=old)
    return None
