"""CSV text → rows of cells as typed, read one at a time, numbered by the line they start on."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator

from parindex.errors import InputError, Problem
from parindex.i18n import _, current, grouped
from parindex.inputs.tables.cells import CELL_LIMIT
from parindex.inputs.tables.cellvalues import Mark
from parindex.inputs.tables.workbook import GridRow
from parindex.inputs.text import decode_text

_SEP_LINE = re.compile(r"\ufeff?sep=(.)\s*\Z", re.IGNORECASE)


def csv_grid(raw: bytes, path: str) -> tuple[Iterator[GridRow], str]:
    """The rows of a CSV file, read one at a time, and its delimiter (the text's encoding and
    delimiter are checked at once)."""
    try:
        text = decode_text(raw, path)
    except InputError as exc:
        raise InputError([Problem(p.path, p.message, row=p.line) for p in exc.problems]) from exc
    first, _nl, rest = text.partition("\n")
    skipped = 0
    sep = _SEP_LINE.match(first.rstrip("\r"))
    if sep:  # Excel's `sep=;` line names the delimiter; the header follows it
        delimiter = sep.group(1)
        if delimiter not in ",;\t|":
            raise InputError(
                [
                    Problem(
                        path,
                        _("the first line names the delimiter {sep!r}; use , or ;").format(
                            sep=delimiter
                        ),
                        row=1,
                    )
                ]
            )
        text, skipped = rest, 1
        first = text.split("\n", 1)[0]
    else:
        delimiter = ";" if first.count(";") > first.count(",") else ","
        if "\t" in first and first.count("\t") >= max(first.count(";"), first.count(",")):
            raise InputError(
                [
                    Problem(
                        path,
                        _(
                            "this file is tab-separated, not CSV; in Excel save it as "
                            "'CSV UTF-8 (Comma delimited)', or export it with , or ; "
                            "between cells"
                        ),
                        row=1,
                    )
                ]
            )
    return _csv_rows(text, path, delimiter, skipped), delimiter


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_NO_MARKS: dict[int, tuple[Mark, str]] = {}  # a CSV cell is text as typed (never written to)


def _csv_rows(text: str, path: str, delimiter: str, skipped: int) -> Iterator[GridRow]:
    # Lines are cut from the text as csv.reader asks for them (ends kept, as a StringIO with
    # newline="" would give them): a StringIO would hold a second, four-byte-wide copy.
    lines = (match.group() for match in _LINE.finditer(text))
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    start = 1  # a quoted cell may span lines: a row is numbered by the line it starts on
    try:
        for cells in reader:
            yield (start + skipped, cells, _NO_MARKS)
            start = reader.line_num + 1
    except csv.Error as exc:
        at, message = _csv_error(str(exc), start, reader.line_num, delimiter)
        raise InputError([Problem(path, message, row=at + skipped)]) from exc


_AFTER_QUOTE = re.compile(r"'(.)' expected after '\"'\Z", re.DOTALL)


def _csv_error(reason: str, start: int, line: int, delimiter: str) -> tuple[int, str]:
    """(row, message) for an error of the csv module, in words a person can act on (its own
    are English, and name no row)."""
    if "unexpected end of data" in reason:  # an opening quote that never closes
        return start, _(
            'malformed CSV: a quoted cell starting on this row is never closed; add the closing " '
            "or remove the opening one"
        )
    if reason.startswith("field larger than field limit"):
        return start, _(
            "a cell of this row is longer than {limit} characters, more than a spreadsheet cell "
            'holds ({cell}): a quote opened on this row may never close; close it with " or '
            "shorten the cell"
        ).format(
            limit=grouped(csv.field_size_limit(), current()), cell=grouped(CELL_LIMIT, current())
        )
    if _AFTER_QUOTE.match(reason):
        return line, _(
            "malformed CSV: text follows the closing quote of a quoted cell where {delimiter!r} "
            "should; put the whole cell in quotes or remove its quotes (a quote inside a quoted "
            'cell is written twice: "")'
        ).format(delimiter=delimiter)
    return line, _("malformed CSV: {reason}").format(reason=reason)
