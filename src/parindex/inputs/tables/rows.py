"""CSV and XLSX files → rows of trimmed text cells keyed by header, with row numbers."""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from parindex.errors import InputError, Problem
from parindex.i18n import _
from parindex.inputs.tables.cells import (
    ID_COLUMNS,
    ID_LIMIT,
    cell_problem,
    pasted_row,
    split_decimal,
)
from parindex.inputs.tables.csvfile import csv_grid
from parindex.inputs.tables.headers import Header, below_header, find_header, normal
from parindex.inputs.tables.workbook import GridRow, content_kind, xlsx_grids
from parindex.inputs.text import read_bytes


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its 1-based line (the header is row 1) and its non-empty cells."""

    number: int
    cells: dict[str, str]

    def get(self, column: str) -> str | None:
        return self.cells.get(column)


# Columns parindex writes into its own workbooks for itself (the council's workbook's check of
# an earlier round's row): read when there, never named among the columns a header may have.
UNLISTED = frozenset({"check"})


@dataclass(slots=True)
class Table:
    path: str  # FILE, or FILE.xlsx[SHEET]: where its problems are
    columns: list[str]
    rows: Iterable[Row]  # a list, or an iterator read once (`read_table(lazy=True)`)
    warnings: list[Problem] = field(default_factory=list)  # e.g. other sheets that hold data
    ignored: list[str] = field(default_factory=list)  # headers of the columns not read
    # Problems of single rows (left out of `rows`), when the reader was asked to keep going.
    problems: list[Problem] = field(default_factory=list)
    sheet: str = ""  # the sheet's title in a workbook ("" for CSV)
    titles: tuple[str, ...] = ()  # every sheet's title in the workbook
    # the sheet holding each table a workbook of parindex's own holds (`read_table(keyed=)`)
    holders: Mapping[str, str] = field(default_factory=dict)

    def problem(self, row: int, column: str, message: str) -> Problem:
        return Problem(self.path, message, row=row, table_column=column)


def read_table(
    path: str,
    required: list[str],
    optional: Sequence[str] = (),
    *,
    name: str,
    siblings: Collection[str] = (),
    header: Header | None = None,
    keep_going: bool = False,
    lazy: bool = False,
    ids: Collection[str] = ID_COLUMNS,
    keyed: Mapping[str, frozenset[str]] | None = None,
) -> Table:
    """Read a CSV (`,` or `;`) or an XLSX sheet; check the header names.

    `name` is the table's name (`appraisal`, `survey`, `roster`, `responses`, …): in a workbook
    the sheet of that name is read when there is one, else the first visible sheet. Other
    sheets that hold data are named in a warning, except the `siblings` a workbook of parindex's
    own may hold beside it (`worksheet` writes `appraisal` and `survey` together).

    A problem with the file or its header raises InputError; so do problems of single rows,
    unless `keep_going`: then they are in `Table.problems` and the good rows are read.

    With `lazy` (and `keep_going`), only the header is read here: `Table.rows` is an iterator
    that reads and checks one row at a time, adding the problems of rows it leaves out to
    `Table.problems` as it meets them, and raising InputError if the file turns out malformed
    part-way. A table of a million rows is then never held whole.

    A cell of an `ids` column longer than an id may be (`cells.ID_LIMIT`) is a problem.

    `keyed` (table name → the keys of its key row) names the tables a workbook of parindex's
    own holds side by side, whatever its sheets are called (see `workbook.xlsx_grids`).
    """
    return read_tables(
        path,
        required,
        optional,
        name=name,
        siblings=siblings,
        header=header,
        every_sheet=False,
        keep_going=keep_going or lazy,
        lazy=lazy,
        ids=ids,
        keyed=keyed,
    )[0]


def read_tables(
    path: str,
    required: list[str],
    optional: Sequence[str] = (),
    *,
    name: str,
    siblings: Collection[str] = (),
    header: Header | None = None,
    every_sheet: bool = True,
    keep_going: bool = False,
    lazy: bool = False,
    ids: Collection[str] = ID_COLUMNS,
    keyed: Mapping[str, frozenset[str]] | None = None,
) -> list[Table]:
    """Like `read_table`; with `every_sheet`, one table per sheet of a workbook that holds
    data (a ranking has one sheet per group), `siblings` aside. A CSV is one table."""
    raw = read_bytes(path)
    warnings: list[Problem] = []
    kind = content_kind(raw, path)
    delimiter = ""  # a CSV's (in a comma-separated one an unquoted 6,5 splits a cell in two)
    sheets: list[tuple[str, str, Iterable[GridRow]]]
    titles: list[str] = []
    held: dict[str, str] = {}
    if kind == "xlsx":
        sheets = xlsx_grids(
            raw,
            path,
            name,
            frozenset(siblings),
            warnings,
            every_sheet,
            titles=titles,
            keyed=keyed,
            held=held,
        )
    else:
        lines, delimiter = csv_grid(raw, path)
        sheets = [(path, "", lines)]
    del raw  # a lazy table's rows come from the decoded text or the open workbook
    tables = []
    problems: list[Problem] = []
    every_title = tuple(titles)
    for where, title, grid in sheets:
        try:  # every sheet's problems at once
            table = _to_table(
                where, grid, required, list(optional), header, delimiter, lazy=lazy, ids=ids
            )
            table.sheet, table.titles = title, every_title  # one tuple for every table
            table.holders = held
            if table.problems and not keep_going:
                raise InputError(table.problems)
            tables.append(table)
        except InputError as exc:  # noqa: PERF203
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    if not tables:
        raise InputError([Problem(path, _("the workbook has no sheet that holds data"))])
    tables[0].warnings.extend(warnings)
    return tables


def read_named_sheet(
    path: str,
    name: str,
    required: list[str],
    optional: Sequence[str] = (),
    header: Header | None = None,
) -> Table | None:
    """The sheet called `name` of the workbook at `path` as a table read lazily, or None when
    the file is no workbook, has no such sheet, or the sheet is no such table (its problems
    are left to whoever reads it for what it is). Its rows raise InputError should the
    sheet turn out damaged part-way."""
    try:
        raw = read_bytes(path)
        if content_kind(raw, path) != "xlsx":
            return None
        sheets = xlsx_grids(raw, path, name, frozenset(), [], False, exact=True)
        if not sheets:
            return None
        where, title, grid = sheets[0]
        table = _to_table(where, grid, required, list(optional), header, lazy=True)
    except InputError:
        return None
    table.sheet = title
    return table


def _to_table(
    path: str,
    grid: Iterable[GridRow],
    required: list[str],
    optional: list[str],
    header: Header | None = None,
    delimiter: str = "",
    *,
    lazy: bool = False,
    ids: Collection[str] = ID_COLUMNS,
) -> Table:
    filled = (row for row in grid if "".join(row[1]).strip())  # a row with any text
    head = list(itertools.islice(filled, header.search_rows if header is not None else 1))
    if not head:
        raise InputError(
            [
                Problem(
                    path,
                    _("the file is empty; expected a header row: {columns}").format(
                        columns=",".join(required)
                    ),
                )
            ]
        )
    if header is None:
        at, names = 0, [normal(c) for c in head[0][1]]
        below = 1
    else:
        at, names = find_header(head, required, header)
        below = below_header(head, at, names, required, header)
    header_row = head[at][0]
    _check_header(path, names, required, optional, header_row)
    wanted = {i: n for i, n in enumerate(names) if n in required or n in optional}
    ignored = [
        head[at][1][i].strip().lstrip("\ufeff")
        for i, n in enumerate(names)
        if n and i not in wanted
    ]
    table = Table(path, [names[i] for i in sorted(wanted)], [], ignored=ignored)
    body = _rows(
        table, itertools.chain(head[below:], filled), names, wanted, delimiter, frozenset(ids)
    )
    table.rows = body if lazy else list(body)
    return table


def _check_header(
    path: str, names: list[str], required: list[str], optional: list[str], row: int
) -> None:
    """Raise the problems of a header: required columns missing, a column named twice."""
    problems = []
    missing = [c for c in required if c not in names]
    if missing:
        # A questionnaire's question columns are many and long: named only when few; the
        # columns parindex writes for itself are never asked of a person.
        asked = [o for o in optional if o not in UNLISTED]
        listed = [f"[{o}]" for o in asked] if len(asked) <= 3 else ["[…]"]
        problems.append(
            Problem(
                path,
                _("missing column(s) {missing}; the header must name {columns}").format(
                    missing=", ".join(missing),
                    columns=",".join(required + listed),
                ),
                row=row,
                table_column=missing[0],
            )
        )
    seen: set[str] = set()
    for name in names:
        if name and name in seen and name in required + optional:
            problems.append(
                Problem(
                    path,
                    _("column {name!r} appears twice in the header").format(name=name),
                    row=row,
                    table_column=name,
                )
            )
        seen.add(name)
    if problems:
        raise InputError(problems)


def _rows(
    table: Table,
    grid: Iterator[GridRow],
    names: list[str],
    wanted: dict[int, str],
    delimiter: str,
    ids: frozenset[str],
) -> Iterator[Row]:
    """The good rows of a table, one at a time; the problems of the others join the table's."""
    path, problems = table.path, table.problems
    for number, cells, marks in grid:
        if len(cells) > len(names) and any(c.strip() for c in cells[len(names) :]):
            message = _("the row has {cells} cells but the header has {header}").format(
                cells=len(cells), header=len(names)
            )
            split = split_decimal(cells) if delimiter == "," else None
            if split:
                message += "; " + _(
                    "is {number} a number with a decimal comma? In a comma-separated file "
                    'write it in quotes ("{number}") or with a dot ({dotted}), or save the '
                    "file with ; between cells"
                ).format(number=split, dotted=split.replace(",", "."))
            problems.append(Problem(path, message, row=number, table_column=names[-1]))
            continue
        pasted = pasted_row(cells, names, delimiter) if len(cells) - cells.count("") < 2 else None
        if pasted:
            problems.append(Problem(path, pasted[1], row=number, table_column=pasted[0]))
            continue
        values = {}
        good = True
        for i, name in wanted.items():
            text = cells[i].strip() if i < len(cells) else ""
            mark = marks.get(i)
            long = len(text) > ID_LIMIT
            message = cell_problem(name, text, mark, long and name in ids) if mark or long else ""
            if message:
                problems.append(Problem(path, message, row=number, table_column=name))
                good = False
            elif text:
                values[name] = text
        if good:
            yield Row(number, values)
