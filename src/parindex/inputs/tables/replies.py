"""The units' replies to their notices (`--replies FILE|DIR`): each workbook's reply sheet
("Giải trình" or "Reply", as the notice's language named it; `replies` in older notices) read
by its key row, each answered row checked on its own — the unit and criterion it names,
the answer one of the drop-down's, an explanation for a disagreement, the evidence one
document per line. What a reply says of the council's corrections is judged above (`app`),
where the corrections are known.

A reply is matched by the unit id and criterion in its row, never by its file's name or its
row's place. A directory is searched for `.xlsx` files at any depth (Excel's lock files
aside); one that is not a reply (no reply sheet) is named in a warning and not read, and
anything else there (scanned evidence is sent along with replies) is left alone.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import NamedTuple

from parindex.core.kinds.values import loose
from parindex.core.models import Framework
from parindex.core.numbers import parse_number
from parindex.core.replies import (
    AGREE,
    ANSWER_KEYS,
    CONTEXT_KEYS,
    DISAGREE,
    MATCHED_BY,
    REPLY_LABELS,
    REPLY_TITLE,
    Reply,
    agreement,
    agreement_words,
    reply_sheet,
)
from parindex.errors import InputError, Problem, ProblemLog
from parindex.i18n import LANGUAGES, _, translate
from parindex.inputs.tables.headers import Header, normal
from parindex.inputs.tables.located import locate_leaf, row_problem, unguard
from parindex.inputs.tables.rows import Row, Table, read_table
from parindex.inputs.tables.workbook import check_archive, content_kind, unreadable_reason
from parindex.inputs.tables.xlsxbook import open_book

REQUIRED = [*MATCHED_BY, *ANSWER_KEYS]
OPTIONAL = [key for key in CONTEXT_KEYS if key not in MATCHED_BY]
SEARCH_ROWS = 20  # filled rows above the key row a notice may hold (its title block)
LOCK_PREFIX = "~$"  # Excel's lock file beside a workbook that is open


def reply_files(paths: Sequence[str], problems: ProblemLog) -> list[tuple[str, bool]]:
    """(file, named) of each reply to read: a FILE as given (named), a DIR's `.xlsx` files at
    any depth, sorted, Excel's lock files aside; a path that is not there is an error."""
    found: list[tuple[str, bool]] = []
    for given in paths:
        if os.path.isdir(given):
            for root, dirs, files in os.walk(given, followlinks=False):
                dirs.sort()
                found += [
                    (os.path.join(root, name), False)
                    for name in sorted(files)
                    if name.lower().endswith(".xlsx") and not name.startswith(LOCK_PREFIX)
                ]
        elif os.path.exists(given):
            found.append((given, True))
        else:
            problems.append(Problem(given, _("no such file or directory")))
    seen: set[str] = set()
    unique = []
    for path, named in found:
        key = os.path.realpath(path)
        if key not in seen:  # a file named and found in its folder is read once
            seen.add(key)
            unique.append((path, named))
    return unique


class Replies(NamedTuple):
    """What the replies hold: the answered rows that could be read, every file found, and
    where each (unit id, criterion) was answered, by rows with problems too."""

    replies: list[Reply]
    files: list[str]
    answered: dict[tuple[str, str], str]


def read_replies(
    paths: Sequence[str], units: Mapping[str, Framework], problems: ProblemLog
) -> Replies:
    """Every answered row of the replies at `paths` (files, or directories searched), each
    checked on its own; the problems located at `FILE.xlsx[SHEET]:ROW`."""
    replies: list[Reply] = []
    answered: dict[tuple[str, str], str] = {}
    files = reply_files(paths, problems)
    words = agreement_words()
    header = Header(aliases=_labels(), search_rows=SEARCH_ROWS, numbered="round")
    for path, named in files:
        table = _reply_table(path, named, header, problems)
        if table is None:
            continue
        problems.extend(table.warnings)
        rows = _answered(table, problems)
        for row in rows:
            answered.setdefault((row.get("unit_id") or "", row.get("criterion") or ""), path)
        read = [_reply(table, path, row, units, words, problems) for row in rows]
        kept = [reply for reply in read if reply is not None]
        _renamed(path, kept, units, problems)
        replies += kept
    return Replies(replies, [path for path, _named in files], answered)


def _labels() -> dict[str, str]:
    """The header people read, in either language → the column's key."""
    keys, labels = list(REPLY_LABELS), list(REPLY_LABELS.values())
    return {
        normal(label): key
        for lang in LANGUAGES
        for key, label in zip(keys, translate(labels, lang), strict=True)
    }


def _reply_table(path: str, named: bool, header: Header, problems: ProblemLog) -> Table | None:
    """The reply sheet of the workbook at `path`; None (with a problem) when it is not a
    reply or cannot be read. A workbook found in a folder that is no reply is a warning."""
    try:
        titles = _sheet_titles(path)
    except InputError as exc:
        problems.extend(exc.problems if named else [_aside(p) for p in exc.problems])
        return None
    sheet = reply_sheet(titles)
    if sheet is None:
        message = _(
            "not a reply to a notice (it has no sheet {sheet!r}), so it was not read; a unit's "
            "reply is the notice parindex wrote for it, filled in"
        ).format(sheet=_(REPLY_TITLE))
        problems.append(Problem(path, message, severity="error" if named else "warning"))
        return None
    try:
        return read_table(
            path, REQUIRED, OPTIONAL, name=sheet, header=header, keep_going=True, lazy=True
        )
    except InputError as exc:
        problems.extend(exc.problems)
        return None


def _aside(problem: Problem) -> Problem:
    """A file found in a replies folder that cannot be read as a workbook: said, not fatal."""
    message = _("{problem}; not read as a reply").format(problem=problem.message)
    return Problem(problem.path, message, severity="warning")


def _sheet_titles(path: str) -> list[str]:
    """The titles of the workbook's sheets; InputError when it is no workbook parindex reads."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        message = _("cannot read: {reason}").format(reason=exc.strerror or exc)
        raise InputError([Problem(path, message)]) from exc
    if content_kind(raw, path) != "xlsx":
        message = _("not a workbook (.xlsx): a reply is the notice parindex wrote, filled in")
        raise InputError([Problem(path, message)])
    check_archive(raw, path)
    try:
        book = open_book(raw)
    except Exception as exc:  # zipfile, XML and openpyxl errors alike on a damaged archive
        message = _(
            "not a readable XLSX workbook (save it from Excel as 'Excel Workbook (.xlsx)'): "
            "{reason}"
        ).format(reason=unreadable_reason(exc))
        raise InputError([Problem(path, message)]) from exc
    book.archive.close()
    return [sheet.title for sheet in book.sheets]


def _answered(table: Table, problems: ProblemLog) -> list[Row]:
    """The rows the unit answered (a row whose answer cells are all empty is no reply); the
    problems of rows that could not be read, and of a sheet damaged part-way, join `problems`."""
    rows: list[Row] = []
    try:  # (rows read before a damaged part are kept)
        rows.extend(row for row in table.rows if not row.cells.keys().isdisjoint(ANSWER_KEYS))
    except InputError as exc:
        problems.extend(exc.problems)
    problems.extend(table.problems)
    return rows


def _reply(
    table: Table,
    path: str,
    row: Row,
    units: Mapping[str, Framework],
    words: Mapping[str, bool],
    problems: ProblemLog,
) -> Reply | None:
    """One answered row, or None (with its problems) when it cannot be matched or read."""
    leaf = locate_leaf(table, row, units, problems, skip_unknown_units=False)
    if leaf is None:
        return None
    problem = partial(row_problem, table, row)
    text = row.get("agree")
    explanation = unguard(row.get("explanation") or "")
    agrees = agreement(text, words) if text is not None else None
    if agrees is None:
        problems.append(problem("agree", _agree_message(text)))
        return None
    if not agrees and not explanation:
        message = _(
            "the unit disagrees but gives no explanation; write why (and list the further "
            "evidence), or choose “{agree}”"
        ).format(agree=_(AGREE))
        problems.append(problem("explanation", message))
        return None
    evidence = unguard(row.get("evidence") or "")
    number = parse_number(row.get("round") or "", decimal_comma=True)
    whole = number is not None and number >= 1 and number == number.to_integral_value()
    return Reply(
        unit_id=row.cells["unit_id"],
        criterion=leaf.id,
        agrees=agrees,
        explanation=explanation,
        evidence=tuple(line.strip() for line in evidence.splitlines() if line.strip()),
        round=int(number) if whole and number is not None else None,
        where=table.path,
        row=row.number,
        path=path,
        context={key: unguard(row.get(key) or "") for key in OPTIONAL if key in table.columns},
    )


def _agree_message(text: str | None) -> str:
    entries = {"agree": _(AGREE), "disagree": _(DISAGREE)}
    if text is None:
        return _(
            "empty, while the row holds an explanation or evidence; choose “{agree}” or "
            "“{disagree}”"
        ).format(**entries)
    message = _(
        "{text!r} is not an answer; choose “{agree}” or “{disagree}” (or write yes or no)"
    ).format(text=text, **entries)
    for entry in [w for lang in LANGUAGES for w in translate((AGREE, DISAGREE), lang)]:
        if loose(entry) == loose(text):
            message += " " + _("(did you mean “{entry}”?)").format(entry=entry)
            break
    return message


def _renamed(
    path: str, replies: list[Reply], units: Mapping[str, Framework], problems: ProblemLog
) -> None:
    """A reply file named after one unit that holds another unit's replies (a file renamed
    or sent for the wrong unit): said, and read as the unit its rows name."""
    stem = Path(path).stem
    owners = sorted({reply.unit_id for reply in replies})
    if stem in units and owners and stem not in owners:
        message = _(
            "the file is named after unit {named!r} but holds the replies of {units}; they are "
            "read as the replies of the unit each row names"
        ).format(named=stem, units=", ".join(repr(unit) for unit in owners))
        problems.append(Problem(path, message, severity="warning"))
