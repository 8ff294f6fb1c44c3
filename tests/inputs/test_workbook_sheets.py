"""The sheets of a workbook: a hidden sheet that is read is named, a filled sheet of the
council's workbook that no option reads is named, and the workbook is opened once however
many sheets it has."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from parindex.errors import ProblemLog
from parindex.inputs.tables.history import load_previous
from parindex.inputs.tables.rows import read_table

from golden_support import run_cli

SHARED = Path(__file__).parents[1] / "malformed" / "_shared"
UNITS = [str(SHARED / "units"), "--criteria", str(SHARED / "criteria")]
AH = ["unit_id", "criterion", "value", "points", "reason", "round"]


def _book(path: Path, sheets: list[tuple[str, list[list[object]], str]]) -> str:
    book = Workbook()
    book.remove(book.active)
    for title, rows, state in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        sheet.sheet_state = state
    book.save(path)
    return str(path)


HIDDEN = (
    "is hidden, and it is the one read; unhide it (Format > Hide & Unhide) to see what is "
    "applied, or delete it"
)
VERY_HIDDEN = (
    "is very hidden (only Excel's VBA editor shows it), and it is the one read; make it "
    "visible to see what is applied, or delete it"
)


@pytest.mark.parametrize(("state", "shown"), [("hidden", HIDDEN), ("veryHidden", VERY_HIDDEN)])
def test_reading_a_hidden_sheet_is_a_warning_that_names_it(
    tmp_path: Path, state: str, shown: str
) -> None:
    path = _book(
        tmp_path / "a.xlsx",
        [
            ("Sheet1", [["ghi chú"]], "visible"),
            ("appraisal", [AH, ["u1", "1.2", 80, None, "Sai", 1]], state),
        ],
    )
    table = read_table(path, AH, name="appraisal")
    assert [r.get("value") for r in table.rows] == ["80"]
    assert [w.render() for w in table.warnings] == [
        f"{path}[appraisal]: warning: the sheet 'appraisal' {shown}",
        f"{path}: warning: read the sheet 'appraisal'; other sheets that hold data are not "
        "read: 'Sheet1'",
    ]


def test_a_hidden_group_sheet_of_a_ranking_is_named_when_read(tmp_path: Path) -> None:
    header = ["framework", "group", "rank", "unit_id", "unit_name", "index"]
    path = _book(
        tmp_path / "r.xlsx",
        [
            ("office", [header, ["f", "office", 1, "u1", "Một", 50]], "visible"),
            ("commune", [header, ["f", "commune", 1, "x1", "Xã", 60]], "veryHidden"),
        ],
    )
    log = ProblemLog()
    assert sorted(load_previous(path, log)) == ["u1", "x1"]
    assert [p.render() for p in log] == [
        f"{path}[commune]: warning: the sheet 'commune' {VERY_HIDDEN}"
    ]


@pytest.fixture
def council(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    result = run_cli(["--lang", "en", "worksheet", *UNITS, "-o", "ws.xlsx"])
    assert result.exit_code == 0, result.stderr
    return tmp_path / "ws.xlsx"


# the council's sheets as `worksheet --lang en` names them (parindex finds them by their keys)
TITLES = {"appraisal": "Appraisal", "survey": "Sociological survey"}


def _fill(path: Path, sheet: str, row: int, **cells: object) -> None:
    """Fill the `row`-th data row of a sheet of the council's workbook (row 1 holds the keys,
    row 2 the header people read: data row 1 is the sheet's row 3)."""
    book = load_workbook(path)
    held = book[TITLES[sheet]]
    header = [c.value for c in held[1]]
    for key, value in cells.items():
        held.cell(row + 1, header.index(key) + 1).value = value
    book.save(path)


def _warnings(*args: str) -> list[str]:
    result = run_cli(["--lang", "en", "rank", *UNITS, *args, "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    return [line for line in result.stderr.splitlines() if line.startswith("ws.xlsx")]


def test_a_filled_sheet_of_the_council_workbook_that_no_option_reads_is_named(
    council: Path,
) -> None:
    assert _warnings("--appraisal", "ws.xlsx") == []  # the survey sheet is untouched
    _fill(council, "survey", 2, value=4)
    _fill(council, "survey", 4, value=3.5)
    assert _warnings("--appraisal", "ws.xlsx") == [
        "ws.xlsx[Sociological survey]: warning: 2 filled rows of this sheet are not read: the "
        "workbook is given to --appraisal only; give it to --survey as well to read them"
    ]
    assert _warnings("--appraisal", "ws.xlsx", "--survey", "ws.xlsx") == []
    assert _warnings("--survey", "ws.xlsx") == []  # the appraisal sheet is untouched
    _fill(council, "appraisal", 4, value=80, reason="Sai số liệu")
    assert _warnings("--survey", "ws.xlsx") == [
        "ws.xlsx[Appraisal]: warning: 1 filled row of this sheet is not read: the workbook is "
        "given to --survey only; give it to --appraisal as well to read it"
    ]


def _openings(monkeypatch: pytest.MonkeyPatch, path: str, every_sheet: bool) -> int:
    count = [0]
    real = zipfile.ZipFile.__init__

    def counting(self: zipfile.ZipFile, *args: object, **kwargs: object) -> None:
        count[0] += 1
        real(self, *args, **kwargs)  # type: ignore[arg-type]

    with monkeypatch.context() as patch:
        patch.setattr(zipfile.ZipFile, "__init__", counting)
        if every_sheet:
            load_previous(path, ProblemLog())
        else:
            list(read_table(path, AH, name="appraisal").rows)
    return count[0]


@pytest.mark.parametrize("every_sheet", [False, True], ids=["one-sheet", "every-sheet"])
def test_a_workbook_is_opened_the_same_number_of_times_whatever_its_sheets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, every_sheet: bool
) -> None:
    """The ZIP is opened once, not once per sheet (which made reading quadratic)."""
    header = ["framework", "group", "rank", "unit_id", "unit_name", "index"]

    def book(sheets: int) -> str:
        rows: list[tuple[str, list[list[object]], str]] = [
            ("appraisal", [AH, ["u1", "1.2", 80, None, "Sai", 1]], "visible")
        ]
        rows += [
            (f"S{i}", [header, ["f", f"S{i}", 1, f"u{i}", "Một", 50]], "visible")
            for i in range(sheets)
        ]
        return _book(tmp_path / f"b{sheets}.xlsx", rows)

    few, many = book(2), book(40)
    assert _openings(monkeypatch, few, every_sheet) == _openings(monkeypatch, many, every_sheet)
    assert _openings(monkeypatch, many, every_sheet) <= 3


def test_a_workbook_without_the_sibling_sheet_is_not_opened_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the council's workbook (a `survey` sheet beside `appraisal`) is read a second
    time, for its survey sheet; any other workbook once."""
    from parindex.inputs.documents.loading import load_framework_file
    from parindex.inputs.tables.sheets import read_appraisals

    framework = load_framework_file(str(SHARED / "criteria" / "compact.yaml"))
    units = {"u1": framework, "u2": framework}
    lone = _book(
        tmp_path / "a.xlsx", [("appraisal", [AH, ["u1", "1.2", 80, None, "Sai", 1]], "visible")]
    )
    council = _book(
        tmp_path / "c.xlsx",
        [
            ("appraisal", [AH, ["u1", "1.2", 80, None, "Sai", 1]], "visible"),
            ("survey", [["unit_id", "criterion", "value"], ["u1", "3.1", 4]], "visible"),
        ],
    )
    count = [0]
    real = zipfile.ZipFile.__init__

    def counting(self: zipfile.ZipFile, *args: object, **kwargs: object) -> None:
        count[0] += 1
        real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "__init__", counting)
    read_appraisals([lone], units, ProblemLog())  # type: ignore[arg-type]
    once, count[0] = count[0], 0
    log = ProblemLog()
    read_appraisals([council], units, log)  # type: ignore[arg-type]
    assert count[0] == 2 * once
    assert [p.render() for p in log.warnings] == [
        f"{council}[survey]: warning: 1 filled row of this sheet is not read: the workbook is "
        "given to --appraisal only; give it to --survey as well to read it"
    ]


def test_the_tables_of_one_workbook_share_its_sheet_titles(tmp_path: Path) -> None:
    """One tuple of titles for the workbook, not one per sheet (10,000 sheets took 886 MB)."""
    from parindex.inputs.tables.rows import read_tables

    header = ["framework", "group", "rank", "unit_id", "unit_name", "index"]
    path = _book(
        tmp_path / "r.xlsx",
        [(f"G{i}", [header, ["f", f"G{i}", 1, f"u{i}", "Một", 50]], "visible") for i in range(30)],
    )
    tables = read_tables(path, ["unit_id", "rank", "index"], name="previous")
    assert len(tables) == 30
    assert tables[0].titles == tuple(f"G{i}" for i in range(30))
    assert all(table.titles is tables[0].titles for table in tables)


def test_a_damaged_sibling_sheet_is_left_to_whoever_reads_it(council: Path, tmp_path: Path) -> None:
    """`--appraisal ws.xlsx` alone: a survey sheet damaged past its header is not read, so
    it is neither counted nor an error here (found by the fuzzer: it raised)."""
    _fill(council, "survey", 2, value=4)
    data = council.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(council, "w") as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                body = body[: body.index(b"</row>") + len(b"</row>") + 40]  # cut mid-sheet
            target.writestr(item, body)
    assert _warnings("--appraisal", "ws.xlsx") == []
