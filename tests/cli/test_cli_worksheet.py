"""`parindex worksheet`: the council's workbook, its layout for people, its rounds, and the
round trip through `rank`.

The example province is the input: rows are found in the workbook by what they are (a choice
leaf by its drop-down, a council leaf by its pending points), not by hard-coded ids.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from parindex.core.council import APPRAISAL_COLUMNS, SURVEY_COLUMNS
from parindex.errors import ProblemLog
from parindex.inputs.documents.loading import load_framework_file
from parindex.inputs.tables.sheets import read_appraisals

from golden_support import run_cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "province-2025"
CRITERIA = ROOT / "criteria"
BASE = [str(EXAMPLE / "forms"), "--criteria", str(CRITERIA)]
APPRAISAL_CSV = str(EXAMPLE / "council" / "appraisal-2025.csv")
SURVEY_CSV = str(EXAMPLE / "survey" / "survey-2025.csv")
FEW = ["--unit", "so-noi-vu", "--unit", "xa-lam-son", "--unit", "cong-an-tinh"]  # one per group
KEYS = [column.key for column in APPRAISAL_COLUMNS]
COUNCIL = {column.key for column in APPRAISAL_COLUMNS if column.open}
TITLES = {"vi": ("Thẩm định", "Điều tra xã hội học"), "en": ("Appraisal", "Sociological survey")}


def run(*args: str, lang: str = "en") -> Result:
    return run_cli(["--lang", lang, *args])


def make(path: Path, *extra: str, lang: str = "en") -> Path:
    result = run("worksheet", *BASE, *extra, "-o", str(path), lang=lang)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    return path


def rank_csv(*tables: str) -> str:
    result = run("rank", *BASE, *tables, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    return result.stdout


def sheets(path: Path, lang: str = "en") -> tuple[Any, Any, Any]:
    """The workbook, its appraisal sheet and its survey sheet, by their titles in `lang`."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    appraisal, survey = TITLES[lang]
    return book, book[appraisal], book[survey]


def sheet_rows(sheet: Any) -> list[dict[str, Any]]:
    """The data rows by key: row 1 holds the keys, row 2 the header people read."""
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=3)]


def list_validations(sheet: Any) -> dict[str, list[str]]:
    """cell coordinate → the entries of its drop-down (a range of the `lists` sheet)."""
    from openpyxl.utils import get_column_letter

    lists = sheet.parent["lists"]
    out = {}
    for check in sheet.data_validations.dataValidation:
        if check.type == "list":
            where = check.formula1.split("!")[1].replace("$", "")
            entries = [c.value for row in lists[where] for c in row]
            for cells in check.sqref.ranges:
                out.update({f"{get_column_letter(c)}{r}": entries for r, c in cells.cells})
    return out


def language(path: Path) -> str:
    """The language a workbook of the `full` fixture was made in."""
    return "vi" if path.name.endswith("-vi.xlsx") else "en"


def write_rows(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def overrides(path: str) -> dict[tuple[str, str], Any]:
    """The corrections an appraisal table gives (its highest round per unit and criterion)."""
    import yaml

    frameworks = {}
    for name in ("department", "vertical-agency", "commune"):
        framework = load_framework_file(str(CRITERIA / f"{name}.yaml"))
        frameworks[framework.framework] = framework
    units = {}
    for path_ in (EXAMPLE / "forms").rglob("*.yaml"):
        unit = yaml.safe_load(path_.read_text(encoding="utf-8"))
        units[unit["unit"]["id"]] = frameworks[unit["framework"]]
    log = ProblemLog()
    rounds: dict[tuple[str, str], list[tuple[int, Any]]] = {}
    entries = read_appraisals([path], units, log, rounds_of=rounds)
    assert not log.errors, log.errors
    every = {(unit, leaf, r) for (unit, leaf), held in rounds.items() for r, _cells in held}
    return {key: entry.override for key, entry in entries.items()} | {("rounds", ""): every}


# --- the round trip ----------------------------------------------------------------------------


@pytest.fixture(scope="module", params=["vi", "en"])
def full(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole example province's workbook, made from its two-round appraisal file and its
    survey file, in each language."""
    path = tmp_path_factory.mktemp("full") / f"w-{request.param}.xlsx"
    return make(path, "--appraisal", APPRAISAL_CSV, "--survey", SURVEY_CSV, lang=request.param)


def test_a_workbook_made_from_two_rounds_gives_the_same_corrections(full: Path) -> None:
    """Every round of the file keeps its row: read back, the workbook gives exactly the file's
    corrections (the highest round of each, with its reason and explanation), and the same
    rounds beneath them."""
    from_file = overrides(APPRAISAL_CSV)
    assert any(r > 1 for _u, _c, r in from_file[("rounds", "")])  # the file has round 2
    assert overrides(str(full)) == from_file
    from_workbook = rank_csv("--appraisal", str(full), "--survey", str(full))
    assert from_workbook == rank_csv("--appraisal", APPRAISAL_CSV, "--survey", SURVEY_CSV)
    result = run("validate", *BASE, "--appraisal", str(full), "--survey", str(full))
    assert result.exit_code == 0
    assert str(full) not in result.stderr  # no warning: its sheets are known siblings


def test_every_round_keeps_a_locked_row_and_the_next_round_is_open(full: Path) -> None:
    _book, appraisal, _survey = sheets(full, language(full))
    rows = sheet_rows(appraisal)
    with open(APPRAISAL_CSV, encoding="utf-8-sig", newline="") as source:
        given = list(csv.DictReader(source))
    by_pair: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in rows:
        by_pair.setdefault((row["unit_id"].value, row["criterion"].value), []).append(row)
    for line in given:
        pair = (line["unit_id"], line["criterion"])
        rounds = sorted(
            int(r["round"] or 1) for r in given if (r["unit_id"], r["criterion"]) == pair
        )
        held = by_pair[pair]
        assert [r["round"].value for r in held] == [*rounds, rounds[-1] + 1]
        *kept, open_row = held
        assert all(r["check"].value for r in kept) and open_row["check"].value is None
        for row in kept:
            for key in COUNCIL:
                assert row[key].protection.locked, (pair, key)
                assert row[key].fill.fgColor.rgb.endswith("DDE5EE")
        for key in COUNCIL:
            assert not open_row[key].protection.locked
            assert open_row[key].fill.fgColor.rgb.endswith("FFFBEA")
        assert open_row["reason"].value is None and open_row["value"].value is None
    # a pair no file corrects has its one open row, for round 1
    untouched = [held for held in by_pair.values() if len(held) == 1]
    assert untouched and all(held[0]["round"].value == 1 for held in untouched)


def test_filled_workbook_ranks_as_the_same_corrections_in_csv(tmp_path: Path) -> None:
    """The council picks labels from the drop-downs, sets points and a second round; the
    workbook ranks as a CSV of the same corrections (where labels are answers too)."""
    path = make(tmp_path / "w.xlsx", "--survey", SURVEY_CSV, *FEW, lang="vi")
    book, appraisal, survey = sheets(path, "vi")
    rows = sheet_rows(appraisal)
    choices = list_validations(appraisal)
    corrections: list[list[str]] = []

    def fill(row: dict[str, Any], column: str, value: Any, reason: str, round_: int = 1) -> None:
        row[column].value = value
        row["reason"].value = reason
        row["round"].value = round_
        cells = {"value": "", "points": "", column: str(value)}
        unit, criterion = row["unit_id"].value, row["criterion"].value
        corrections.append([unit, criterion, cells["value"], cells["points"], reason, str(round_)])

    choice_rows = [r for r in rows if r["value"].coordinate in choices]
    council_rows = [r for r in rows if r["points_now"].value is None]
    scored_rows = [r for r in rows if r["self_points"].value and r not in choice_rows]
    assert choice_rows and council_rows and scored_rows
    picked = choices[choice_rows[0]["value"].coordinate][-2]  # a label, in Vietnamese
    fill(choice_rows[0], "value", picked, "Sai mức")
    fill(council_rows[0], "points", Decimal(str(council_rows[0]["max_points"].value)) / 2, "Đạt")
    fill(council_rows[1], "points", 0, "Không đạt", round_=2)
    fill(scored_rows[3], "points", 0, "Không có tài liệu kiểm chứng")
    # one survey value cleared: pending in both
    cleared = sheet_rows(survey)[0]
    cleared["value"].value = None
    book.save(path)

    survey_csv = tmp_path / "survey.csv"
    with open(SURVEY_CSV, encoding="utf-8-sig", newline="") as source:
        kept = [
            r
            for r in csv.reader(source)
            if (r[0], r[1]) != (cleared["unit_id"].value, cleared["criterion"].value)
            and (r[0] in FEW or r[0] == "unit_id")
        ]
    write_rows(survey_csv, kept)
    corrections_csv = write_rows(
        tmp_path / "corrections.csv",
        [["unit_id", "criterion", "value", "points", "reason", "round"], *corrections],
    )
    from_workbook = rank_csv("--appraisal", str(path), "--survey", str(path))
    from_csv = rank_csv("--appraisal", str(corrections_csv), "--survey", str(survey_csv))
    assert from_workbook == from_csv
    assert from_workbook != rank_csv("--survey", SURVEY_CSV)  # the corrections count


def test_a_second_round_below_a_kept_one_wins(tmp_path: Path) -> None:
    """The open row below a unit's round 1 carries round 2: filled, it is the correction."""
    path = make(tmp_path / "w.xlsx", "--appraisal", APPRAISAL_CSV, "--unit", "so-noi-vu")
    book, appraisal, _survey = sheets(path)
    held = [r for r in sheet_rows(appraisal) if r["criterion"].value == "1.5.2"]
    assert [r["round"].value for r in held] == [1, 2]
    held[1]["points"].value = 0.5
    held[1]["reason"].value = "Giải trình chưa thuyết phục"
    book.save(path)
    corrected = overrides(str(path))[("so-noi-vu", "1.5.2")]
    assert (corrected.points, corrected.round) == (Decimal("0.5"), 2)


def test_blank_workbook_changes_nothing_and_validate_lists_the_pending(tmp_path: Path) -> None:
    path = make(tmp_path / "w.xlsx", *FEW)
    assert rank_csv("--appraisal", str(path), "--survey", str(path)) == rank_csv()
    result = run("validate", *BASE, "--appraisal", str(path), "--survey", str(path))
    assert result.exit_code == 0
    info = [line for line in result.stderr.splitlines() if line.startswith("info: ")]
    units = len(list((EXAMPLE / "forms").rglob("*.yaml")))
    assert len(info) == units  # every unit waits for its survey and council values
    assert all("still pending (no survey or council value): " in line for line in info)


def test_a_changed_kept_row_is_an_error_at_its_row(tmp_path: Path) -> None:
    path = make(tmp_path / "w.xlsx", "--appraisal", APPRAISAL_CSV, "--unit", "so-xay-dung")
    book, appraisal, _survey = sheets(path)
    kept = next(r for r in sheet_rows(appraisal) if r["check"].value)
    kept["reason"].value = "Sửa lại sau khi đã khóa"
    book.save(path)
    result = run("rank", *BASE, "--appraisal", str(path))
    assert result.exit_code == 1
    line = f"{path}[Appraisal]:{kept['unit_id'].row}: error: check: unit 'so-xay-dung', "
    assert line in result.stderr
    assert "has been changed since; undo the change" in result.stderr


# --- the layout for people --------------------------------------------------------------------


def test_keys_hidden_above_the_header_people_read(full: Path) -> None:
    lang = language(full)
    book, appraisal, survey = sheets(full, lang)
    assert book.sheetnames == [*TITLES[lang], "lists"]
    assert book["lists"].sheet_state == "hidden"
    for sheet, columns, entry in (
        (appraisal, APPRAISAL_COLUMNS, COUNCIL),
        (survey, SURVEY_COLUMNS, {"value"}),
    ):
        assert [c.value for c in sheet[1]] == [c.key for c in columns]
        assert sheet.row_dimensions[1].hidden
        labels = [c.value for c in sheet[2]]
        assert not set(labels) & {c.key for c in columns}  # no key where people read
        assert sheet.protection.sheet is True and not sheet.protection.password
        assert sheet.freeze_panes == "D3"
        assert sheet.print_title_rows == "$1:$2"
        assert sheet.page_setup.orientation == "landscape"
        assert int(sheet.page_setup.paperSize) == 9  # A4
        for row in sheet_rows(sheet)[:40]:
            if row.get("check") is not None and row["check"].value:
                continue  # a kept round: locked throughout
            for column, cell in row.items():
                assert cell.protection.locked is (column not in entry), (column, cell.coordinate)
    if lang == "vi":
        assert [c.value for c in appraisal[2]][:4] == [
            "Mã đơn vị",
            "Đơn vị",
            "Mã tiêu chí",
            "Tiêu chí",
        ]
    letter = next(c.column_letter for c in appraisal[1] if c.value == "check")
    assert appraisal.column_dimensions[letter].hidden


def test_drop_downs_offer_labels_and_the_na_word(full: Path) -> None:
    lang = language(full)
    _book, appraisal, _survey = sheets(full, lang)
    rows = [r for r in sheet_rows(appraisal) if r["unit_id"].value == "so-noi-vu"]
    choices = list_validations(appraisal)
    framework = load_framework_file(str(CRITERIA / "department.yaml"))
    na = {"vi": "Không phát sinh", "en": "N/A"}[lang]
    for row in rows:
        if row["check"].value:
            assert row["value"].coordinate not in choices  # a kept round offers nothing
            continue
        leaf = framework.leaf(row["criterion"].value)
        assert leaf is not None
        rule = leaf.criterion.rule
        if rule is not None and rule.kind == "choice":
            labels = [
                (o.label_en or o.label if lang == "en" else o.label) or key
                for key, o in rule.options.items()  # type: ignore[union-attr]
            ]
        elif rule is not None and rule.kind == "boolean":
            labels = {"vi": ["Có", "Không"], "en": ["yes", "no"]}[lang]
        else:
            assert row["value"].coordinate not in choices
            continue
        expected = labels + ([] if leaf.policy == "forbidden" else [na])
        assert choices[row["value"].coordinate] == expected
        assert not set(expected) & set(rule.options if rule.kind == "choice" else ())  # type: ignore[union-attr]


def test_vietnamese_words_and_decimal_commas_where_people_read(tmp_path: Path) -> None:
    path = make(
        tmp_path / "w.xlsx", "--appraisal", APPRAISAL_CSV, "--survey", SURVEY_CSV, lang="vi"
    )
    _book, appraisal, survey = sheets(path, "vi")
    rows = {(r["unit_id"].value, r["criterion"].value): r for r in sheet_rows(appraisal)}
    first = rows[("so-noi-vu", "1.1.1")]
    assert first["claimed_value"].value == "Ban hành kịp thời"  # the label, not on_time
    assert rows[("so-noi-vu", "1.1.2")]["claimed_value"].value == "98,4%"
    assert rows[("so-noi-vu", "1.1.3")]["claimed_value"].value == "Có"
    messages = [c.error for c in appraisal.data_validations.dataValidation if c.type == "decimal"]
    assert any(re.search(r"\d,\d", m) for m in messages)  # 0,5 or 1,5
    assert not any(re.search(r"\d\.\d", m) for m in messages)
    # a kept value in words: the option's label, the N/A word
    kept = [r["value"].value for r in rows.values() if r["check"].value]
    assert "on_time" not in kept and "N/A" not in kept
    # survey values are numbers, not text, within each rule's bounds
    values = [r["value"].value for r in sheet_rows(survey) if r["value"].value is not None]
    assert values and all(isinstance(v, (int, float)) for v in values)
    ranges = {c.error for c in survey.data_validations.dataValidation if c.type == "decimal"}
    assert "Kết quả điều tra xã hội học là một số từ 1 đến 5." in ranges
    assert "Kết quả điều tra xã hội học là một số từ 0 đến 100." in ranges
    numbers = [r["max_points"].value for r in sheet_rows(appraisal)]
    assert all(isinstance(v, (int, float)) for v in numbers)


def test_rows_in_framework_order_one_unit_a_page(full: Path) -> None:
    _book, appraisal, _survey = sheets(full, language(full))
    rows = sheet_rows(appraisal)
    framework = load_framework_file(str(CRITERIA / "department.yaml"))
    own = [r["criterion"].value for r in rows if r["unit_id"].value == "so-noi-vu"]
    order = [leaf.id for leaf in framework.leaves if leaf.criterion.source != "survey"]
    assert list(dict.fromkeys(own)) == order
    units = [r["unit_id"].value for r in rows]
    blocks = [unit for unit, _ in itertools.groupby(units)]
    assert len(blocks) == len(set(blocks))
    starts = [i for i in range(1, len(units)) if units[i] != units[i - 1]]
    assert [b.id for b in appraisal.row_breaks.brk] == [i + 2 for i in starts]


def test_context_shows_what_the_unit_reported(tmp_path: Path) -> None:
    path = make(tmp_path / "w.xlsx", *FEW)
    _book, appraisal, _survey = sheets(path)
    rows = {(r["unit_id"].value, r["criterion"].value): r for r in sheet_rows(appraisal)}
    first = rows[("so-noi-vu", "1.1.1")]
    assert first["claimed_value"].value == "Issued on time"  # the option's label, not its key
    assert first["self_points"].value == 1
    assert first["points_now"].value == 1
    assert first["evidence"].value == (
        "Kế hoạch số 196/KH-SNV ngày 25/12/2024 về cải cách hành chính năm 2025"
    )
    assert rows[("so-noi-vu", "1.1.2")]["claimed_value"].value == "98.4 %"
    assert rows[("so-noi-vu", "1.1.3")]["evidence"].value is None
    pending = [r for r in rows.values() if r["points_now"].value is None]
    assert pending and all(r["claimed_value"].value is None for r in pending)


def test_reruns_are_byte_identical(tmp_path: Path) -> None:
    first = make(tmp_path / "a.xlsx", "--appraisal", APPRAISAL_CSV, "--survey", SURVEY_CSV)
    again = make(tmp_path / "b.xlsx", "--appraisal", APPRAISAL_CSV, "--survey", SURVEY_CSV)
    assert again.read_bytes() == first.read_bytes()


def test_unit_limits_the_rows(tmp_path: Path) -> None:
    path = make(tmp_path / "w.xlsx", "--unit", "so-noi-vu", "--unit", "xa-lam-son")
    _book, appraisal, survey = sheets(path)
    for sheet in (appraisal, survey):
        assert {r["unit_id"].value for r in sheet_rows(sheet)} == {"so-noi-vu", "xa-lam-son"}


def test_text_cells_are_guarded(tmp_path: Path) -> None:
    reasons = write_rows(
        tmp_path / "appraisal.csv",
        [
            ["unit_id", "criterion", "value", "points", "reason"],
            ["so-noi-vu", "1.1.1", "late", "", '=HYPERLINK("x")'],
        ],
    )
    path = make(tmp_path / "w.xlsx", "--appraisal", str(reasons), "--unit", "so-noi-vu")
    _book, appraisal, _survey = sheets(path)
    row = next(
        r
        for r in sheet_rows(appraisal)
        if (r["unit_id"].value, r["criterion"].value) == ("so-noi-vu", "1.1.1") and r["check"].value
    )
    assert row["reason"].value == '\'=HYPERLINK("x")'
    assert row["reason"].data_type == "s"
    assert row["value"].value == "Issued late"
    # read back, the guarded reason is the reason as given, and the kept row is intact
    assert overrides(str(path))[("so-noi-vu", "1.1.1")].reason == '=HYPERLINK("x")'


def test_output_must_be_xlsx_and_is_never_an_input(tmp_path: Path) -> None:
    result = run("worksheet", *BASE, "-o", str(tmp_path / "w.csv"))
    assert result.exit_code == 2
    assert "the worksheet is written as .xlsx" in result.stderr
    path = make(tmp_path / "w.xlsx", *FEW)
    before = path.read_bytes()
    result = run("worksheet", *BASE, "--appraisal", str(path), "-o", str(path))
    assert result.exit_code == 1
    assert path.read_bytes() == before


def test_the_header_people_read_is_known_whatever_its_words(tmp_path: Path) -> None:
    """A workbook made before a wording changed (or in a language since edited) reads back:
    its header row holds text where every row of data holds the criterion's maximum. With
    that row deleted, the first unit's first row is still read."""
    path = make(tmp_path / "w.xlsx", "--appraisal", APPRAISAL_CSV, "--survey", SURVEY_CSV)
    expected = overrides(str(path))
    book, appraisal, survey = sheets(path)
    for sheet in (appraisal, survey):
        for cell in sheet[2]:
            cell.value = f"Cột cũ {cell.column}"  # words no catalog holds
    book.save(path)
    assert overrides(str(path)) == expected
    assert rank_csv("--appraisal", str(path), "--survey", str(path)) == rank_csv(
        "--appraisal", APPRAISAL_CSV, "--survey", SURVEY_CSV
    )
    book, appraisal, survey = sheets(path)
    first = (sheet_rows(survey)[0]["unit_id"].value, sheet_rows(survey)[0]["value"].value)
    assert first[1] is not None  # the survey sheet's first row holds a value
    for sheet in (appraisal, survey):
        sheet.delete_rows(2)
    book.save(path)
    assert overrides(str(path)) == expected
    assert rank_csv("--appraisal", str(path), "--survey", str(path)) == rank_csv(
        "--appraisal", APPRAISAL_CSV, "--survey", SURVEY_CSV
    )
