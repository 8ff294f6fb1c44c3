"""The roster: the units expected this year (`--roster`), one row each."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from parindex.errors import ProblemLog
from parindex.i18n import _
from parindex.inputs.tables.located import read_sheet
from parindex.inputs.tables.rows import Row, Table

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
    names: dict[str, tuple[str, RosterEntry]] = {}  # every id and name so far, as a cell reads
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
        entry = RosterEntry(
            unit_id, row.cells["unit_name"], row.cells["group"], f"{table.path}:{row.number}"
        )
        if _told_apart(table, row, entry, names, problems):
            roster[unit_id] = entry
    return roster


def _key(text: str) -> str:
    """How a form's unit cell could not tell two texts apart: NFC, case, spaces aside."""
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def _told_apart(
    table: Table,
    row: Row,
    entry: RosterEntry,
    names: dict[str, tuple[str, RosterEntry]],
    problems: ProblemLog,
) -> bool:
    """Whether a survey form naming this unit by id or by name finds only it: its id and name
    must differ from every earlier unit's id and name (`names` gathers them)."""
    good = True
    for column, text in (("unit_id", entry.unit_id), ("unit_name", entry.unit_name)):
        what, first = names.setdefault(_key(text), (column, entry))
        if first is entry:
            continue
        message = (
            _("{text!r} is already the id of unit {unit!r} ({where})")
            if what == "unit_id"
            else _("{text!r} is already the name of unit {unit!r} ({where})")
        )
        rule = _(
            "a survey form may name its unit by id or by name, so every name and id on the "
            "roster must differ"
        )
        text_of = message.format(text=text, unit=first.unit_id, where=first.where)
        problems.append(table.problem(row.number, column, f"{text_of}; {rule}"))
        good = False
    return good
