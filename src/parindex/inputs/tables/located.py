"""A table's rows against the frameworks: the sheet read with its problems collected, the
leaf a row names, its value scored, and every problem located at its row (in a workbook, the
council's, with the row's unit and criterion)."""

from __future__ import annotations

import functools
import os
import stat
from collections.abc import Collection, Iterable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path

from parindex.core.council import COLUMNS, LISTS, header_words
from parindex.core.models import Framework, Leaf
from parindex.core.results import Override
from parindex.core.rules import NOT_APPLICABLE_WORDS, RuleValueError, na_word, score_value
from parindex.errors import InputError, Problem, ProblemLog
from parindex.i18n import _, ngettext
from parindex.inputs.tables.headers import Header, normal
from parindex.inputs.tables.rows import Row, Table, read_named_sheet, read_table

APPRAISAL_COLUMNS = ["unit_id", "criterion", "value", "points", "reason"]
SURVEY_COLUMNS = ["unit_id", "criterion", "value"]
# sheets that parindex's own workbooks hold side by side (the council's worksheet), known
# by their titles or, as they may be named in its language, by the keys of their key rows;
# beside them the hidden sheet of its drop-downs' entries
SIBLINGS = {"appraisal": ("survey",), "survey": ("appraisal",)}
KEYED = {"appraisal": frozenset(APPRAISAL_COLUMNS), "survey": frozenset(SURVEY_COLUMNS)}
# what the council or a clerk types into each of them (the round of the council's open row is
# filled in already), and the option that reads it
FILLED = {"appraisal": ("value", "points", "reason"), "survey": ("value",)}
OPTIONS = {"appraisal": "--appraisal", "survey": "--survey"}


@functools.cache  # the same in every language: made once a run
def council_header(name: str) -> Header:
    """The header of a sheet of the council's workbook: its key row, then the header row
    people read, in either language (recognised by its words, and skipped)."""
    keys = {column.key for column in COLUMNS[name]}
    aliases = {normal(label): key for label, key in header_words(COLUMNS[name])}
    # a label that reads as another column's key ("Criterion" in English) is no alias; the
    # key row is the first row, the words the second: no more rows are read ahead. Each row
    # of data holds the criterion's maximum, a number: the header people read holds its label,
    # whatever its words (a workbook made before a wording changed).
    aliases = {label: key for label, key in aliases.items() if label not in keys}
    return Header(aliases, search_rows=2, numbered="max_points")


def read_sheet(
    path: str, required: list[str], optional: list[str], problems: ProblemLog, *, name: str
) -> Table | None:
    """The table at `path`, its problems and warnings into `problems`; None when unreadable.

    Its rows are read as they are iterated (once, to the end): the problems of rows left out
    join `problems` as they are met, and so does the problem of a file that turns out
    malformed part-way, which ends the rows.
    """
    council = name in COLUMNS  # a table of the council's workbook
    try:
        table = read_table(
            path,
            required,
            optional,
            name=name,
            siblings=(*SIBLINGS[name], LISTS) if council else (),
            header=council_header(name) if council else None,
            lazy=True,
            keyed=KEYED if council else None,
        )
    except InputError as exc:
        problems.extend(exc.problems)
        return None
    problems.extend(table.warnings)
    table.rows = _reported(table, iter(table.rows), problems)
    return table


def warn_unread_siblings(
    read: Iterable[tuple[str, Table]], name: str, also_read: Collection[str], problems: ProblemLog
) -> None:
    """Each (path, table) read as `name` from a workbook whose sibling sheet (the council's
    workbook: `appraisal` beside `survey`) holds filled rows while no option reads that sheet
    (it is not among `also_read`): a warning names it, since its rows are not applied."""
    elsewhere = {_place(p) for p in also_read}
    for path, table in read:
        siblings = [s for s in SIBLINGS.get(name, ()) if s in table.holders]
        if not siblings or not _regular(path) or _place(path) in elsewhere:
            continue  # read again only a workbook that has the sheet, from a file (no pipe)
        for sibling in siblings:
            filled = _filled_rows(path, sibling, table.holders[sibling])
            if filled:
                message = ngettext(
                    "{count} filled row of this sheet is not read: the workbook is given to "
                    "{option} only; give it to {other} as well to read it",
                    "{count} filled rows of this sheet are not read: the workbook is given to "
                    "{option} only; give it to {other} as well to read them",
                    filled,
                ).format(count=filled, option=OPTIONS[name], other=OPTIONS[sibling])
                where = f"{path}[{table.holders[sibling]}]"
                problems.append(Problem(where, message, severity="warning"))


def _filled_rows(path: str, sibling: str, title: str) -> int:
    """The rows of the `sibling` sheet (titled `title`) that hold what the council or a clerk
    types; 0 when the sheet cannot be read as that table (its problems are for whoever reads
    it)."""
    header = council_header(sibling)
    table = read_named_sheet(path, title, ["unit_id", "criterion"], FILLED[sibling], header)
    if table is None:
        return 0
    columns = FILLED[sibling]
    try:
        return sum(1 for row in table.rows if not row.cells.keys().isdisjoint(columns))
    except InputError:  # a sheet damaged past its header, met while its rows are read
        return 0


def _regular(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _place(path: str) -> str:
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):
        return path


def _reported(table: Table, rows: Iterator[Row], problems: ProblemLog) -> Iterator[Row]:
    try:
        yield from rows
    except InputError as exc:
        problems.extend(exc.problems)
    problems.extend(table.problems)


def row_problem(table: Table, row: Row, column: str, message: str) -> Problem:
    """A problem of a row's value; in a workbook (the council's, hundreds of rows) it also names
    the row's unit and criterion, so a clerk finds it."""
    unit, criterion = row.cells.get("unit_id"), row.cells.get("criterion")
    if table.sheet and unit is not None and criterion is not None:
        message = _("unit {unit!r}, criterion {criterion!r}: {message}").format(
            unit=unit, criterion=criterion, message=message
        )
    return table.problem(row.number, column, message)


def locate_leaf(
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


def scored(
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
                row_problem(
                    table,
                    row,
                    "value",
                    _(
                        "criterion {id!r} cannot be not applicable (its "
                        "not_applicable is forbidden)"
                    ).format(id=leaf.id),
                )
            )
            return None
        return Override(Decimal(0), _("not applicable"), "N/A", na_word(), True, reason, round_)
    try:
        outcome = score_value(leaf, text, decimal_comma=True)
    except RuleValueError as exc:
        problems.append(row_problem(table, row, "value", str(exc)))
        return None
    if outcome.not_arisen and leaf.policy == "forbidden":
        problems.append(
            row_problem(
                table,
                row,
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


def unguard(text: str) -> str:
    """Undo the formula guard parindex puts on text cells (`'=x` → `=x`)."""
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r":
        return text[1:]
    return text


def report_held(table: Table, held: Mapping[str, list[int]], problems: ProblemLog) -> None:
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
