"""The roster: the units expected this year (`--roster`), one row each."""

from __future__ import annotations

from dataclasses import dataclass

from parindex.errors import ProblemLog
from parindex.i18n import _
from parindex.inputs.tables.sheets import read_sheet

ROSTER_COLUMNS = ["unit_id", "unit_name", "group"]


@dataclass(frozen=True, slots=True)
class RosterEntry:
    unit_id: str
    unit_name: str
    group: str
    where: str


def load_roster(path: str, problems: ProblemLog) -> dict[str, RosterEntry]:
    """The units expected this year."""
    table = read_sheet(path, ROSTER_COLUMNS, [], problems, name="roster")
    roster: dict[str, RosterEntry] = {}
    if table is None:
        return roster
    for row in table.rows:
        empty = [c for c in ROSTER_COLUMNS if row.get(c) is None]
        if empty:
            problems.append(
                table.problem(
                    row.number,
                    empty[0],
                    _("empty; a roster row names unit_id, unit_name and group"),
                )
            )
            continue
        unit_id = row.cells["unit_id"]
        if unit_id in roster:
            problems.append(
                table.problem(
                    row.number,
                    "unit_id",
                    _("unit {unit_id!r} is listed twice (first at {where})").format(
                        unit_id=unit_id, where=roster[unit_id].where
                    ),
                )
            )
            continue
        roster[unit_id] = RosterEntry(
            unit_id, row.cells["unit_name"], row.cells["group"], f"{table.path}:{row.number}"
        )
    return roster
