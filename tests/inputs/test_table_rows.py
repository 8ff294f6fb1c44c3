"""Rows of a table as they are read: none dropped unless every cell is empty, numbers and ids as
a workbook stores them, and every malformed row located in words a person can act on."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import Result
from openpyxl import Workbook

from golden_support import run_cli

SHARED = Path(__file__).parents[1] / "malformed" / "_shared"
UNITS = [str(SHARED / "units"), "--criteria", str(SHARED / "criteria")]
AH = "unit_id,criterion,value,points,reason,round"


def validate(*tables: str) -> Result:
    return run_cli(["--lang", "en", "validate", *UNITS, *tables])


def _workbook(path: Path, title: str, rows: list[list[object]]) -> str:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return str(path)


def _errors(result: Result) -> list[str]:
    assert result.exit_code == 1, result.stderr
    assert result.stdout == ""
    return [line for line in result.stderr.splitlines() if ": error: " in line]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            AH.replace(",", ";") + "\nu1;1.2;80;;Sai;1\nu1,2.4,,8,Lý do\n",
            "a.csv:3: error: unit_id: the whole row seems to be in this one cell "
            "('u1,2.4,,8,Lý do'): its values are separated by ',' and the header's by ';'; "
            "put each value in its own cell",
        ),
        (
            AH + "\nu1,1.2,80,,Sai,1\nu1,,,,,\n",
            "a.csv:3: error: criterion: empty; name the criterion",
        ),
        (
            AH + "\nu1,1.2,80,,Sai,1\n,2.4,,,,\n",
            "a.csv:3: error: unit_id: empty; name the unit",
        ),
        (
            AH + "\nu1,1.2,80,,Sai,1\n,,,,Lý do lạc dòng,\n",
            "a.csv:3: error: unit_id: empty; name the unit",
        ),
    ],
    ids=["comma-row-under-semicolons", "only-unit-id", "only-criterion", "only-a-reason"],
)
def test_a_row_is_blank_only_when_every_cell_is_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.csv").write_text(text, encoding="utf-8")
    assert _errors(validate("--appraisal", "a.csv")) == [expected]


def test_a_survey_row_with_only_a_unit_is_read_and_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("s.csv").write_text("unit_id;criterion;value\nu1;3.1;4\nu2,3.1,4\n", encoding="utf-8")
    assert _errors(validate("--survey", "s.csv")) == [
        "s.csv:3: error: unit_id: the whole row seems to be in this one cell ('u2,3.1,4'): "
        "its values are separated by ',' and the header's by ';'; put each value in its own "
        "cell"
    ]


def test_a_whole_row_pasted_into_one_workbook_cell_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _workbook(
        tmp_path / "a.xlsx",
        "appraisal",
        [AH.split(","), ["u1", "1.2", 80, None, "Sai", 1], ["u1,2.4,,8,Lý do"]],
    )
    assert _errors(validate("--appraisal", "a.xlsx")) == [
        "a.xlsx[appraisal]:3: error: unit_id: the whole row seems to be in this one cell "
        "('u1,2.4,,8,Lý do'): its values are separated by ','; put each value in its own cell "
        "(in Excel: Data > Text to Columns)"
    ]


def test_a_council_row_left_as_it_was_made_is_no_correction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worksheet's rows name their unit and criterion and leave the council's cells empty:
    no correction, nothing to report."""
    monkeypatch.chdir(tmp_path)
    Path("a.csv").write_text(AH + "\nu1,1.2,80,,Sai,1\nu1,2.4,,,,\n", encoding="utf-8")
    result = validate("--appraisal", "a.csv")
    assert ": error: " not in result.stderr


def _raw_workbook(path: Path, cells: str, strings: list[str]) -> str:
    """A workbook written part by part: one `appraisal` sheet whose second row is `cells`
    (sheet XML), the header and `strings` as the shared strings."""
    head = "".join(f'<c r="{c}1" t="s"><v>{i}</v></c>' for i, c in enumerate("ABCDEF"))
    shared = AH.split(",") + strings
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
            'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
            'sharedStrings+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="appraisal" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'sharedStrings" Target="sharedStrings.xml"/></Relationships>'
        ),
        "xl/sharedStrings.xml": (
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + "".join(f"<si><t>{s}</t></si>" for s in shared)
            + "</sst>"
        ),
        "xl/worksheets/sheet1.xml": (
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<sheetData><row r="1">{head}</row><row r="2">{cells}</row></sheetData></worksheet>'
        ),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    return str(path)


def _row_two(value: str) -> str:
    """Row 2 of the appraisal sheet: u1, 1.2, the value cell given, a reason."""
    return (
        '<c r="A2" t="s"><v>6</v></c><c r="B2" t="s"><v>7</v></c>'
        f'{value}<c r="E2" t="s"><v>8</v></c>'
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            '<c r="C2" t="s"><v>-1</v></c>',
            "value: the cell refers to shared text number '-1', which the workbook does not "
            "have (it has 9, numbered from 0): the file is damaged; open it in Excel, type "
            "the value again and save it",
        ),
        (
            '<c r="C2" t="s"><v>9</v></c>',
            "value: the cell refers to shared text number '9', which the workbook does not "
            "have (it has 9, numbered from 0): the file is damaged; open it in Excel, type "
            "the value again and save it",
        ),
        (
            '<c r="C2"><v>1_0</v></c>',
            "value: the cell stores '1_0' as a number, which is no number a spreadsheet "
            "writes (digits 0–9, a dot, an exponent): the file is damaged; open it in Excel, "
            "type the value again and save it",
        ),
        (
            '<c r="C2" t="n"><v>\u0665</v></c>',
            "value: the cell stores '\u0665' as a number, which is no number a spreadsheet "
            "writes (digits 0–9, a dot, an exponent): the file is damaged; open it in Excel, "
            "type the value again and save it",
        ),
        (
            '<c r="C2" t="n"><v>nan</v></c>',
            "value: the cell stores 'nan' as a number, which is no number a spreadsheet "
            "writes (digits 0–9, a dot, an exponent): the file is damaged; open it in Excel, "
            "type the value again and save it",
        ),
        (
            '<c r="C2" t="d"><v>2025-13-45</v></c>',
            "value: the cell stores '2025-13-45' as a date, which is no date a spreadsheet "
            "writes (year-month-day): the file is damaged; open it in Excel, type the value "
            "again and save it",
        ),
        (
            '<c r="C2" t="b"><v>true</v></c>',
            "value: the cell stores 'true' as a true/false value, where a spreadsheet writes 0 "
            "or 1: the file is damaged; open it in Excel, type the value again and save it",
        ),
    ],
    ids=[
        "string-index-minus-one",
        "string-index-past-the-end",
        "underscore",
        "arabic",
        "nan",
        "date",
        "boolean",
    ],
)
def test_a_cell_holds_a_shared_text_of_the_table_and_numbers_in_ascii(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    _raw_workbook(tmp_path / "a.xlsx", _row_two(value), ["u1", "1.2", "Sai"])
    assert _errors(validate("--appraisal", "a.xlsx")) == [f"a.xlsx[appraisal]:2: error: {expected}"]


def test_a_row_number_is_plain_ascii_digits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = _raw_workbook(
        tmp_path / "a.xlsx", _row_two('<c r="C2"><v>80</v></c>'), ["u1", "1.2", "Sai"]
    )
    data = Path(path).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename.endswith("sheet1.xml"):
                body = body.replace(b'<row r="2">', '<row r="\u0662">'.encode())
            target.writestr(item, body)
    errors = _errors(validate("--appraisal", "a.xlsx"))
    assert len(errors) == 1
    assert errors[0].startswith(
        "a.xlsx: error: the sheet 'appraisal' of this XLSX workbook is damaged"
    )
    assert "'\u0662' is not a row number" in errors[0]


def test_an_over_long_id_is_refused_not_echoed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    long_id = "u" * 5000
    Path("a.csv").write_text(AH + f"\n{long_id},1.2,80,,Sai,1\n", encoding="utf-8")
    assert _errors(validate("--appraisal", "a.csv")) == [
        "a.csv:2: error: unit_id: 5,000 characters: an id holds at most 255; check that the "
        "cell holds the id (or, in a survey form, the unit's name) and nothing else"
    ]


def _long_cells(path: Path, cells: dict[str, str]) -> None:
    """A responses workbook whose cells are written by hand past what openpyxl would keep."""
    book = Workbook()
    sheet = book.active
    sheet.title = "responses"
    sheet.append(["respondent_id", "unit_id", "group", "Q1", "Q2", "Q3"])
    sheet.append(["RID", "UID", "cc", "A", "B", "Tốt"])
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename.endswith("sheet1.xml"):
                for old, new in cells.items():
                    body = body.replace(old.encode(), new.encode())
            target.writestr(item, body)


@pytest.mark.parametrize("length", [300, 33_000])
def test_over_long_ids_of_a_survey_form_workbook_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, length: int
) -> None:
    monkeypatch.chdir(tmp_path)
    questionnaire = SHARED.parent / "responses-unknown-answer-and-group" / "q.yaml"
    Path("q.yaml").write_bytes(questionnaire.read_bytes())
    _long_cells(tmp_path / "r.xlsx", {"RID": "r" * length, "UID": "u" * length})
    result = run_cli(
        ["--lang", "en", "survey", "q.yaml", "r.xlsx", "--criteria", str(SHARED / "criteria")]
    )
    shown = f"{length:,} characters: "
    if length > 32_767:
        rule = "longer than the 32,767 characters a spreadsheet cell holds; shorten it"
    else:
        rule = (
            "an id holds at most 255; check that the cell holds the id (or, in a survey "
            "form, the unit's name) and nothing else"
        )
    assert _errors(result) == [
        f"r.xlsx[responses]:2: error: respondent_id: {shown}{rule}",
        f"r.xlsx[responses]:2: error: unit_id: {shown}{rule}",
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            'u1,1.2,80,,"' + "Lý do " * 25_000 + '",1\n',
            "a.csv:2: error: a cell of this row is longer than 131,072 characters, more than "
            "a spreadsheet cell holds (32,767): a quote opened on this row may never close; "
            'close it with " or shorten the cell',
        ),
        (
            'u1,1.2,"80"5,,Sai,1\n',
            "a.csv:2: error: malformed CSV: text follows the closing quote of a quoted cell "
            "where ',' should; put the whole cell in quotes or remove its quotes (a quote "
            'inside a quoted cell is written twice: "")',
        ),
    ],
    ids=["field-limit", "text-after-closing-quote"],
)
def test_the_csv_readers_own_errors_are_translated_and_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.csv").write_text(AH + "\n" + body, encoding="utf-8")
    assert _errors(validate("--appraisal", "a.csv")) == [expected]
    vietnamese = run_cli(["--lang", "vi", "validate", *UNITS, "--appraisal", "a.csv"])
    assert vietnamese.exit_code == 1
    assert "field larger" not in vietnamese.stderr and "expected after" not in vietnamese.stderr
