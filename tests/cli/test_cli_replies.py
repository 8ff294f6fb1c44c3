"""`--replies FILE|DIR` for `validate` and `status`: the units' replies read back from the
notices they filled in, matched by unit and criterion (never by file name or row), judged
against the corrections standing now — every problem located at `FILE.xlsx[Reply]:ROW`
naming the unit and criterion — counted by `status`, and never changing a score."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from openpyxl import load_workbook

from replies_support import FIRST_ROW, fill, write_appraisal

from province_support import UNITS, run

ROUND = ("units", "--appraisal", "appraisal.csv")
DISAGREE = ("Disagree", "Kế hoạch ban hành đúng hạn được gia hạn", "CV 12/UBND\n\nQĐ 34/QĐ-UBND ")


@pytest.fixture
def notices(province: Path) -> Path:
    """The notices of the council's two rounds, in notices/."""
    write_appraisal(province)
    (province / "notices").mkdir()
    assert run("notice", *ROUND, "-o", "notices").exit_code == 0
    return province / "notices"


def replies_of(notices: Path) -> Path:
    """d-alpha disagrees on 1.2 (explanation, two evidence lines) and agrees on 1.4 and 2.1
    (in Vietnamese words); d-beta agrees; d-gamma and w-one send nothing back."""
    replies = notices.parent / "replies"
    fill(
        notices / "d-alpha.xlsx",
        replies / "d-alpha.xlsx",
        {"1.2": DISAGREE, "1.4": ("Đồng ý", None, None), "2.1": ("có", None, None)},
    )
    fill(notices / "d-beta.xlsx", replies / "d-beta.xlsx", {"1.3": ("Agree", None, None)})
    return replies


def status_counts(*args: str) -> dict[str, tuple[str, str, str]]:
    result = run("status", *ROUND, "--format", "csv", *args)
    assert result.exit_code == 0, result.stderr
    rows = csv.DictReader(io.StringIO(result.stdout))
    return {r["unit_id"]: (r["corrected"], r["replied"], r["disagreed"]) for r in rows}


def validate(*args: str) -> Result:
    return run("validate", *ROUND, *args)


def lines(result: Result, kind: str = "") -> list[str]:
    return [line for line in result.stderr.splitlines() if kind in line]


def test_filled_replies_are_read_and_counted(notices: Path) -> None:
    replies_of(notices)
    result = validate("--replies", "replies")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "ok: 2 framework(s), 7 assessment(s), 3 table(s); 1 warning(s)\n"
    assert lines(result, "replies") == [
        "info: replies: 4 of the 6 correction(s) of 4 unit(s) answered, 1 of them in disagreement"
    ]
    assert status_counts("--replies", "replies") == {
        "d-alpha": ("3", "3", "1"),
        "d-beta": ("1", "1", "0"),
        "d-delta": ("0", "0", "0"),
        "d-eps": ("0", "0", "0"),
        "d-gamma": ("1", "0", "0"),
        "w-one": ("1", "0", "0"),
        "w-two": ("0", "0", "0"),
    }


def test_without_replies_nothing_is_replied(notices: Path) -> None:
    replies_of(notices)
    assert status_counts()["d-alpha"] == ("3", "0", "0")


def test_replies_never_change_a_score(notices: Path) -> None:
    replies_of(notices)

    def points(*args: str) -> dict[str, str]:
        result = run("status", *ROUND, "--format", "csv", *args)
        return {r["unit_id"]: r["points_now"] for r in csv.DictReader(io.StringIO(result.stdout))}

    assert points("--replies", "replies") == points()


def test_the_settings_give_the_replies(notices: Path) -> None:
    replies_of(notices)
    (notices.parent / "parindex.toml").write_text(
        'units = ["units"]\nappraisal = ["appraisal.csv"]\nreplies = ["replies"]\n',
        encoding="utf-8",
    )
    result = run("status", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = {r["unit_id"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    assert (rows["d-alpha"]["replied"], rows["d-alpha"]["disagreed"]) == ("3", "1")


def test_a_reply_matches_by_unit_and_criterion_not_by_file_or_row(notices: Path) -> None:
    """d-alpha's reply saved under w-one's name, its rows reordered and one deleted: read as
    d-alpha's, every answer kept; the rename and the deleted row are said."""
    replies = replies_of(notices)
    moved = replies / "w-one.xlsx"
    book = load_workbook(replies / "d-alpha.xlsx")
    sheet = book.worksheets[0]
    first, last = FIRST_ROW, FIRST_ROW + 2
    values = [[c.value for c in sheet[r]] for r in (first, last)]
    for row, swapped in zip((first, last), reversed(values), strict=True):
        for cell, value in zip(sheet[row], swapped, strict=True):
            cell.value = value
    sheet.delete_rows(FIRST_ROW + 1)  # 1.4
    book.save(moved)
    (replies / "d-alpha.xlsx").unlink()
    result = validate("--replies", "replies")
    assert result.exit_code == 0, result.stderr
    assert lines(result, "replies/w-one.xlsx") == [
        "replies/w-one.xlsx: warning: the file is named after unit 'w-one' but holds the "
        "replies of 'd-alpha'; they are read as the replies of the unit each row names",
        "replies/w-one.xlsx: warning: unit 'd-alpha' replied, but not to its correction of "
        "criterion 1.4 (its row was deleted or left empty): it stands unanswered",
    ]
    assert status_counts("--replies", "replies")["d-alpha"] == ("3", "2", "1")


def test_a_locked_cell_changed_is_a_warning_naming_it(notices: Path) -> None:
    replies = notices.parent / "replies"
    fill(
        notices / "d-alpha.xlsx",
        replies / "d-alpha.xlsx",
        {"1.2": DISAGREE},
        edits={("1.2", "council_points"): 8, ("1.2", "reason"): "Hội đồng sai"},
    )
    result = validate("--replies", "replies")
    assert result.exit_code == 0, result.stderr
    where = "replies/d-alpha.xlsx[Reply]:9: warning"
    changed = "unit 'd-alpha', criterion '1.2': a locked cell was changed: the notice said"
    kept = "the change is not read (the council's record stands)"
    assert lines(result, where) == [
        f"{where}: council_points: {changed} 4, the reply holds 8; {kept}",
        f"{where}: reason: {changed} “Ban hành ngày 20/01/2025, sau thời hạn”, the reply "
        f"holds “Hội đồng sai”; {kept}",
    ]
    assert status_counts("--replies", "replies")["d-alpha"] == ("3", "1", "1")


def test_bad_replies_are_located_errors(notices: Path) -> None:
    replies = notices.parent / "replies"
    fill(
        notices / "d-alpha.xlsx",
        replies / "d-alpha.xlsx",
        {
            "1.2": ("Không đồng ý", None, "QĐ 1"),  # no explanation
            "1.4": ("perhaps", None, None),
            "2.1": ("disagree ", "Đã đủ tài liệu", None),  # the entry, spaces and case aside
        },
    )
    fill(
        notices / "d-beta.xlsx",
        replies / "d-beta.xlsx",
        {"1.3": (None, "Giải trình", None)},  # an explanation without the answer
        edits={("1.3", "criterion"): "1.1"},  # confirmed by the council: no correction
    )
    fill(
        notices / "w-one.xlsx",
        replies / "w-one.xlsx",
        {"1.2": ("dong y", None, None)},
        edits={("1.2", "unit_id"): "w-nine"},
    )
    result = validate("--replies", "replies")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert lines(result, ": error: ") == [
        "replies/d-alpha.xlsx[Reply]:9: error: explanation: unit 'd-alpha', criterion '1.2': "
        "the unit disagrees but gives no explanation; write why (and list the further "
        "evidence), or choose “Agree”",
        "replies/d-alpha.xlsx[Reply]:10: error: agree: unit 'd-alpha', criterion '1.4': "
        "'perhaps' is not an answer; choose “Agree” or “Disagree” (or write yes or no)",
        "replies/d-beta.xlsx[Reply]:9: error: agree: unit 'd-beta', criterion '1.1': empty, "
        "while the row holds an explanation or evidence; choose “Agree” or “Disagree”",
        "replies/w-one.xlsx[Reply]:9: error: unit_id: unknown unit 'w-nine' (no assessment "
        "has this unit id)",
    ]
    assert result.stderr.splitlines()[-1] == "4 error(s), 2 warning(s)"


def test_no_correction_to_reply_to(notices: Path) -> None:
    replies = notices.parent / "replies"
    fill(
        notices / "d-beta.xlsx",
        replies / "d-beta.xlsx",
        {"1.3": ("Agree", None, None)},
        edits={("1.3", "criterion"): "1.1"},
    )
    fill(
        notices / "w-one.xlsx",
        replies / "w-one.xlsx",
        {"1.2": ("Agree", None, None)},
        edits={("1.2", "criterion"): "1.1"},
    )
    fill(
        notices / "d-gamma.xlsx",
        replies / "d-gamma.xlsx",
        {"1.5": ("Agree", None, None)},
        edits={("1.5", "criterion"): "9.9"},
    )
    result = validate("--replies", "replies")
    assert result.exit_code == 1
    assert lines(result, ": error: ") == [
        "replies/d-beta.xlsx[Reply]:9: error: criterion: unit 'd-beta', criterion '1.1': the "
        "council's round 1 gives the points the unit's own answer earns: there is no "
        "correction to reply to",
        "replies/d-gamma.xlsx[Reply]:9: error: criterion: unknown criterion '9.9' in "
        "framework 'dept-2025'",
        "replies/w-one.xlsx[Reply]:9: error: criterion: unit 'w-one', criterion '1.1': the "
        "council made no correction to this criterion, so there is nothing to reply to (is "
        "the row another unit's, or was its criterion changed?)",
    ]


def test_two_replies_to_one_correction_across_files(notices: Path) -> None:
    replies = replies_of(notices)
    shutil.copy(replies / "d-beta.xlsx", replies / "d-beta (1).xlsx")
    result = validate("--replies", "replies")
    assert result.exit_code == 1
    assert lines(result, ": error: ") == [
        "replies/d-beta.xlsx[Reply]:9: error: criterion: unit 'd-beta', criterion '1.3': a "
        "second reply to the correction of round 1 (first at replies/d-beta (1).xlsx"
        "[Reply]:9); keep one and remove the other"
    ]


def test_a_reply_to_a_round_since_replaced_is_a_warning(province: Path) -> None:
    """The notice went out after round 1; the council has decided round 2 since: the reply
    is kept on record (a warning naming both rounds), and counts while a correction stands."""
    write_appraisal(province, second_round=False, name="round-1.csv")
    write_appraisal(province)
    (province / "notices").mkdir()
    made = run("notice", "units", "--appraisal", "round-1.csv", "-o", "notices")
    assert made.exit_code == 0, made.stderr
    fill(
        province / "notices" / "d-gamma.xlsx",
        province / "replies" / "d-gamma.xlsx",
        {"1.2": DISAGREE, "1.5": DISAGREE},
    )
    result = validate("--replies", "replies")
    assert result.exit_code == 0, result.stderr
    replaced = (
        "this reply answers round 1, but the council has since decided round 2 on this "
        "criterion: the reply is kept for the record and changes no score (send the unit a "
        "new notice if round 2 still corrects it)"
    )
    assert lines(result, "replies/d-gamma") == [
        f"replies/d-gamma.xlsx[Reply]:9: warning: round: unit 'd-gamma', criterion '1.2': "
        f"{replaced}",
        f"replies/d-gamma.xlsx[Reply]:10: warning: round: unit 'd-gamma', criterion '1.5': "
        f"{replaced}",
    ]
    assert status_counts("--replies", "replies")["d-gamma"] == ("1", "1", "1")


def test_what_is_not_a_reply_in_the_folder(notices: Path) -> None:
    replies = replies_of(notices)
    (replies / "scan.pdf").write_bytes(b"%PDF-1.4")  # evidence sent along: left alone
    (replies / "notes.csv").write_text("unit_id\n", encoding="utf-8")
    (replies / "~$d-alpha.xlsx").write_bytes(b"lock")  # Excel's lock file
    (replies / "text.xlsx").write_text("unit_id,criterion\n", encoding="utf-8")
    other = load_workbook(notices / "d-beta.xlsx")
    other.worksheets[0].title = "Sheet1"
    other.save(replies / "form.xlsx")
    result = validate("--replies", "replies")
    assert result.exit_code == 0, result.stderr
    assert lines(result, "replies/") == [
        "replies/form.xlsx: warning: not a reply to a notice (it has no sheet 'Reply'), so "
        "it was not read; a unit's reply is the notice parindex wrote for it, filled in",
        "replies/text.xlsx: warning: this is a text (CSV) file with a workbook name, not an "
        "XLSX workbook; rename it to .csv, or open it in Excel and save it as 'Excel Workbook "
        "(.xlsx)'; not read as a reply",
    ]
    named = validate("--replies", "replies/form.xlsx")
    assert named.exit_code == 1
    assert lines(named, "form.xlsx") == [
        "replies/form.xlsx: error: not a reply to a notice (it has no sheet 'Reply'), so it "
        "was not read; a unit's reply is the notice parindex wrote for it, filled in"
    ]


def test_a_missing_replies_path_is_an_error(notices: Path) -> None:
    result = validate("--replies", "nowhere")
    assert result.exit_code == 1
    assert lines(result, "nowhere") == ["nowhere: error: no such file or directory"]


@pytest.mark.parametrize(
    ("lang", "agree", "disagree"),
    [("vi", "Agree", "Disagree"), ("en", "Đồng ý", "Không đồng ý"), ("en", "yes", "không")],
)
def test_either_language_s_entries_and_the_yes_no_words(
    notices: Path, lang: str, agree: str, disagree: str
) -> None:
    fill(
        notices / "d-alpha.xlsx",
        notices.parent / "replies" / "d-alpha.xlsx",
        {"1.2": (disagree, "Lý do", None), "1.4": (agree, None, None)},
    )
    result = run("--lang", lang, "status", *ROUND, "--replies", "replies", "--format", "csv")
    rows = {r["unit_id"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    assert (rows["d-alpha"]["replied"], rows["d-alpha"]["disagreed"]) == ("2", "1")


def test_a_notice_made_in_english_reads_back_under_vietnamese(province: Path) -> None:
    write_appraisal(province)
    (province / "notices").mkdir()
    run("--lang", "en", "notice", *ROUND, "-o", "notices")
    fill(
        province / "notices" / "d-alpha.xlsx",
        province / "replies" / "d-alpha.xlsx",
        {"1.2": DISAGREE, "1.4": ("Agree", None, None), "2.1": ("Agree", None, None)},
    )
    result = run("--lang", "vi", "validate", *ROUND, "--replies", "replies")
    assert result.exit_code == 0, result.stderr
    assert "replies/" not in result.stderr  # no locked cell differs in the other language


def test_status_counts_a_reply_s_problems_and_leaves_the_row_out(notices: Path) -> None:
    replies = notices.parent / "replies"
    fill(
        notices / "d-alpha.xlsx",
        replies / "d-alpha.xlsx",
        {"1.2": ("Không đồng ý", None, None), "1.4": ("Agree", None, None)},
    )
    result = run("status", *ROUND, "--replies", "replies", "--format", "csv")
    assert result.exit_code == 0  # status reports; validate judges
    assert lines(result, "replies/") == [
        "replies/d-alpha.xlsx: warning: unit 'd-alpha' replied, but not to its correction of "
        "criterion 2.1 (its row was deleted or left empty): it stands unanswered",
        "replies/d-alpha.xlsx[Reply]: warning: 1 problem in its rows; those rows are left "
        "out (`parindex validate` lists them)",
    ]
    rows = {r["unit_id"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    assert (rows["d-alpha"]["replied"], rows["d-alpha"]["disagreed"]) == ("1", "0")


# --- the council's workbook for the next round ----------------------------------------------

REPLY_COLUMNS = ["reply_agree", "reply_explanation", "reply_evidence"]


def appraisal_sheet(path: Path) -> tuple[list[str], list[dict[str, Any]], Any]:
    """The council workbook's appraisal sheet, found by its keys (in its first or its hidden
    second row): the keys, the units' rows by key, the sheet."""
    for sheet in load_workbook(path).worksheets:
        for at in (1, 2):
            keys = [c.value for c in sheet[at]]
            if "points_now" in keys:
                rows = [
                    dict(zip(keys, (c.value for c in row), strict=False))
                    for row in sheet.iter_rows(min_row=at + 1)
                    if row[0].value in UNITS
                ]
                return keys, rows, sheet
    raise AssertionError(f"{path} has no appraisal sheet")


def test_the_worksheet_shows_each_reply_before_the_council_s_cells(notices: Path) -> None:
    replies_of(notices)
    made = run("worksheet", *ROUND, "--replies", "replies", "-o", "round-2.xlsx")
    assert made.exit_code == 0, made.stderr
    keys, rows, sheet = appraisal_sheet(notices.parent / "round-2.xlsx")
    at = keys.index("value")
    assert keys[at - 3 : at] == REPLY_COLUMNS  # just before the council's value
    answered = {
        (r["unit_id"], r["criterion"]): tuple(r[k] for k in REPLY_COLUMNS)
        for r in rows
        if r["reply_agree"] is not None
    }
    assert set(answered) == {
        ("d-alpha", "1.2"),
        ("d-alpha", "1.4"),
        ("d-alpha", "2.1"),
        ("d-beta", "1.3"),
    }
    assert answered[("d-alpha", "1.2")] == (
        "Disagree",
        "Kế hoạch ban hành đúng hạn được gia hạn",
        "CV 12/UBND\nQĐ 34/QĐ-UBND",  # one document per line, blank lines dropped
    )
    assert answered[("d-alpha", "1.4")] == ("Agree", None, None)
    assert all(r["reply_agree"] is None for r in rows if r["unit_id"] not in ("d-alpha", "d-beta"))
    column = keys.index("reply_explanation") + 1
    first = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "d-alpha")
    assert sheet.cell(first, column).protection.locked  # context: the council reads, not types


def test_the_reply_columns_only_with_replies(notices: Path) -> None:
    assert run("worksheet", *ROUND, "-o", "plain.xlsx").exit_code == 0
    keys, _rows, _sheet = appraisal_sheet(notices.parent / "plain.xlsx")
    assert not set(REPLY_COLUMNS) & set(keys)


def test_the_worksheet_with_replies_reads_back_as_the_council_s_rows(notices: Path) -> None:
    """--appraisal ignores the reply columns: the workbook ranks as its appraisal file does."""
    replies_of(notices)
    assert run("worksheet", *ROUND, "--replies", "replies", "-o", "round-2.xlsx").exit_code == 0
    from_file = run("rank", *ROUND[:1], "--appraisal", "appraisal.csv", "--format", "csv")
    from_book = run("rank", "units", "--appraisal", "round-2.xlsx", "--format", "csv")
    assert from_book.exit_code == 0, from_book.stderr
    assert from_book.stdout == from_file.stdout
    assert "reply_" not in from_book.stderr


def test_the_worksheet_refuses_a_bad_reply(notices: Path) -> None:
    fill(
        notices / "d-beta.xlsx",
        notices.parent / "replies" / "d-beta.xlsx",
        {"1.3": ("?", None, None)},
    )
    result = run("worksheet", *ROUND, "--replies", "replies", "-o", "round-2.xlsx")
    assert result.exit_code == 1
    assert (
        "replies/d-beta.xlsx[Reply]:9: error: agree: unit 'd-beta', criterion '1.3': '?' is "
        "not an answer; choose “Agree” or “Disagree” (or write yes or no)"
    ) in result.stderr
    assert not (notices.parent / "round-2.xlsx").exists()


def test_a_reply_s_problem_in_vietnamese(notices: Path) -> None:
    fill(
        notices / "d-alpha.xlsx",
        notices.parent / "replies" / "d-alpha.xlsx",
        {"1.2": ("Không đồng ý", None, None)},
    )
    result = run("--lang", "vi", "validate", *ROUND, "--replies", "replies")
    assert result.exit_code == 1
    assert lines(result, ": error: ") == [
        "replies/d-alpha.xlsx[Reply]:9: error: explanation: đơn vị 'd-alpha', tiêu chí '1.2': "
        "đơn vị không đồng ý nhưng không ghi giải trình; hãy ghi lý do (kèm tài liệu kiểm chứng "
        "bổ sung), hoặc chọn “Đồng ý”"
    ]


def test_a_date_typed_as_evidence_is_text(notices: Path) -> None:
    """A spreadsheet turns a document's date typed alone into a date: evidence is free text."""
    import datetime as dt

    fill(
        notices / "d-beta.xlsx",
        notices.parent / "replies" / "d-beta.xlsx",
        {"1.3": ("Không đồng ý", "Kế hoạch có giao chỉ tiêu", dt.datetime(2025, 12, 12))},
    )
    result = validate("--replies", "replies")
    assert result.exit_code == 0, result.stderr
    assert "replies/" not in result.stderr
