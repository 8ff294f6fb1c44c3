"""A workbook's few parts straight from its ZIP, without openpyxl: the sheets it lists (their
names, states and parts), the date system, the cell formats and the shared strings — what
`sheetxml` and `workbook` need to give each cell as people see it.

A unit's form is a small workbook read by the thousand: openpyxl's package reader costs a few
milliseconds a workbook before any cell is read, more than the form's own sheet. Here each
part is one expat pass (a DTD refused, no entity expanded, as for sheets). What it reads is
what openpyxl reads for the same purpose: the office document named by the package's
relationships, its sheets in order (chart sheets aside), `date1904`, and which cell formats
show a number as a date, a duration or a percentage. Anything missing or malformed raises
(`KeyError`, `ValueError`, expat's error): the caller says the workbook cannot be read.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import zipfile
from collections.abc import Callable, Sequence
from typing import overload

from parindex.inputs.tables.sheetxml import CHUNK, shared_strings, xml_parser
from parindex.inputs.tables.xlsxbook import Book, Formats, Sheet

EPOCH_1900 = dt.datetime(1899, 12, 30)
EPOCH_1904 = dt.datetime(1904, 1, 1)
# The built-in number formats (ids below 164) that show a date, a duration or a percentage,
# as openpyxl reads them (ids it does not know, such as the East Asian dates 27–36, show none).
BUILTIN_DATES = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47})
BUILTIN_DURATIONS = frozenset({46})
BUILTIN_PERCENTS = frozenset({9, 10})
_STRIP = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DATE = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_DURATION = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?")
_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')  # quoted text, escapes, [colours]

Start = Callable[[str, dict[str, str]], None]


def open_package(raw: bytes) -> Book:
    """The workbook in `raw`, its ZIP left open to read the sheets from."""
    archive = zipfile.ZipFile(io.BytesIO(raw))
    try:
        main = _office_document(archive)
        relations = _relations(archive, main)
        sheets, epoch = _workbook(archive, main, relations)
        shared: Sequence[str] = ()
        styles: list[int] = []
        custom: dict[int, str] = {}
        for kind, target in relations.values():
            if kind == "sharedStrings":
                shared = SharedStrings(archive, target)
            elif kind == "styles":
                styles, custom = _styles(archive.read(target))
        return Book(sheets, _formats(styles, custom, shared, epoch), archive)
    except BaseException:
        archive.close()
        raise


class SharedStrings(Sequence[str]):
    """The shared strings, read when a cell first needs one: a unit's form keeps its answers
    in the cells themselves, and the long texts a person reads here."""

    def __init__(self, archive: zipfile.ZipFile, part: str) -> None:
        self.archive = archive
        self.part = part
        self.strings: list[str] | None = None

    def _loaded(self) -> list[str]:
        if self.strings is None:
            with self.archive.open(self.part) as stream:
                self.strings = shared_strings(stream)
        return self.strings

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...

    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        return self._loaded()[index]

    def __len__(self) -> int:
        return len(self._loaded())


def _parse(data: bytes, start: Start) -> None:
    """One pass of expat over a part, `start` called with each element's local name."""
    parser = xml_parser()
    parser.StartElementHandler = lambda name, attrs: start(name.rpartition(":")[2], attrs)
    for at in range(0, len(data), CHUNK):
        parser.Parse(data[at : at + CHUNK], False)
    parser.Parse(b"", True)


def _rels_of(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _target(source: str, target: str) -> str:
    """A relationship's target as a name in the ZIP (relative to its source part's folder)."""
    if target.startswith("/"):
        return posixpath.normpath(target[1:])
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _relations(archive: zipfile.ZipFile, source: str) -> dict[str, tuple[str, str]]:
    """A part's relationships: id → (kind: the last word of its type, target part)."""
    found: dict[str, tuple[str, str]] = {}

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag == "Relationship" and attrs.get("TargetMode") != "External":
            kind = attrs.get("Type", "").rpartition("/")[2]
            found[attrs.get("Id", "")] = (kind, _target(source, attrs.get("Target", "")))

    _parse(archive.read(_rels_of(source)), start)
    return found


def _office_document(archive: zipfile.ZipFile) -> str:
    """The workbook part the package names (xl/workbook.xml as spreadsheets write it)."""
    for kind, target in _relations(archive, "").values():
        if kind == "officeDocument":
            return target
    raise KeyError("officeDocument")


def _workbook(
    archive: zipfile.ZipFile, main: str, relations: dict[str, tuple[str, str]]
) -> tuple[list[Sheet], dt.datetime]:
    """The worksheets in the workbook's order, and its date system."""
    sheets: list[Sheet] = []
    epoch = [EPOCH_1900]

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag == "sheet":
            rid = next((v for k, v in attrs.items() if k == "id" or k.endswith(":id")), "")
            kind, target = relations.get(rid, ("", ""))
            if kind == "worksheet" and target in parts:
                sheets.append(Sheet(attrs.get("name", ""), attrs.get("state", "visible"), target))
        elif tag == "workbookPr" and attrs.get("date1904", "").lower() in ("1", "true"):
            epoch[0] = EPOCH_1904

    parts = set(archive.namelist())
    _parse(archive.read(main), start)
    return sheets, epoch[0]


def _styles(data: bytes) -> tuple[list[int], dict[int, str]]:
    """Each cell format's number format id (`cellXfs`, by index), and the custom codes."""
    styles: list[int] = []
    custom: dict[int, str] = {}
    depth = {"cellXfs": False}

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag == "numFmt":
            custom[int(attrs.get("numFmtId", "0"))] = attrs.get("formatCode", "")
        elif tag == "cellXfs":
            depth["cellXfs"] = True
        elif tag in ("cellStyleXfs", "dxfs", "cellStyles"):
            depth["cellXfs"] = False
        elif tag == "xf" and depth["cellXfs"]:
            styles.append(int(attrs.get("numFmtId", "0")))

    _parse(data, start)
    return styles, custom


def _formats(
    styles: list[int], custom: dict[int, str], shared: Sequence[str], epoch: dt.datetime
) -> Formats:
    dates, durations, percents = set(), set(), set()
    for index, number in enumerate(styles):
        code = custom.get(number)
        if code is None:
            if number in BUILTIN_DATES:
                dates.add(index)
            if number in BUILTIN_DURATIONS:
                durations.add(index)
            if number in BUILTIN_PERCENTS:
                percents.add(index)
            continue
        first = code.split(";")[0]
        if _DATE.search(_STRIP.sub("", first)):
            dates.add(index)
        if _DURATION.search(first):
            durations.add(index)
        if "%" in _LITERALS.sub("", code):  # 0.95 shown as 95 % is 95
            percents.add(index)
    return Formats(frozenset(dates), frozenset(durations), frozenset(percents), shared, epoch)
