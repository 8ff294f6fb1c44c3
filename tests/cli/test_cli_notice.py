"""`parindex notice PATH... -o DIR`: the preliminary result each corrected unit receives — one
workbook per unit, its title block, the sheet `replies` with a row per correction standing
now in people's words, the answer cells open, printable on A4, the same bytes on every run,
and never over a notice that is there."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from parindex.core.replies import CONTEXT_KEYS, REPLY_KEYS
from replies_support import CORRECTED, FIRST_ROW, KEY_ROW, notice_rows, write_appraisal

from province_support import UNITS, dept, dump, run


@pytest.fixture
def notices(province: Path) -> Path:
    write_appraisal(province)
    (province / "notices").mkdir()
    return province / "notices"


def test_one_notice_per_corrected_unit(notices: Path) -> None:
    result = run("notice", "units", "--appraisal", "appraisal.csv", "-o", "notices")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert sorted(p.stem for p in notices.iterdir()) == sorted(CORRECTED)
    for unit_id in CORRECTED:
        assert f"wrote notices/{unit_id}.xlsx" in result.stderr
    for unit_id, criteria in CORRECTED.items():
        assert [r["criterion"] for r in notice_rows(notices / f"{unit_id}.xlsx")] == criteria


def test_each_correction_in_people_s_words(notices: Path) -> None:
    assert run("--lang", "vi", "notice", "units", "--appraisal", "appraisal.csv", "-o", "notices")
    alpha = notice_rows(notices / "d-alpha.xlsx")
    assert alpha[0] == {
        "unit_id": "d-alpha",
        "criterion": "1.2",
        "name": "Ban hành kế hoạch",
        "max_points": 8,
        "claimed_value": "Kịp thời",  # the option's label, never its key
        "self_points": 8,
        "council_value": "Không kịp thời",
        "council_points": 4,
        "reason": "Ban hành ngày 20/01/2025, sau thời hạn",
        "round": 1,
        "agree": None,
        "explanation": None,
        "evidence": None,
    }
    ratio, direct = alpha[1], alpha[2]
    assert (ratio["claimed_value"], ratio["council_value"]) == (
        "1180/1200 = 98,33%",  # the decimal comma under vi
        "1100/1200 = 91,67%",
    )
    assert ratio["self_points"] is None  # the unit claimed nothing
    assert ratio["council_points"] == pytest.approx(14.6667)  # a number, not text
    # points the council set directly: no value of its own
    assert (direct["council_value"], direct["council_points"], direct["claimed_value"]) == (
        None,
        30,
        "35",
    )
    (left_out,) = notice_rows(notices / "d-beta.xlsx")
    assert left_out["council_value"] == "không phát sinh: không tính vào điểm tối đa"
    assert left_out["council_points"] is None  # not 0: the criterion left the maximum
    (ward,) = notice_rows(notices / "w-one.xlsx")
    assert (ward["claimed_value"], ward["council_value"]) == ("full", "half")  # no labels


def test_only_the_latest_round_of_a_correction(notices: Path) -> None:
    """d-gamma: round 2 gave 1.2 the unit's own answer back (no correction left), and replaced
    1.5's round 1: the notice shows round 2 alone."""
    assert run("notice", "units", "--appraisal", "appraisal.csv", "-o", "notices").exit_code == 0
    (row,) = notice_rows(notices / "d-gamma.xlsx")
    assert (row["criterion"], row["round"], row["council_value"], row["reason"]) == (
        "1.5",
        2,
        "3",
        "Trễ ba báo cáo",
    )


@pytest.mark.parametrize(
    ("lang", "entries", "title", "label"),
    [
        (
            "vi",
            '"Đồng ý,Không đồng ý"',
            "Kết quả thẩm định sơ bộ: Sở Alpha (d-alpha)",
            "Mã tiêu chí",
        ),
        (
            "en",
            '"Agree,Disagree"',
            "Preliminary appraisal result: Sở Alpha (d-alpha)",
            "Criterion id",
        ),
    ],
)
def test_the_layout_a_unit_fills_and_prints(
    notices: Path, lang: str, entries: str, title: str, label: str
) -> None:
    run("--lang", lang, "notice", "units", "--appraisal", "appraisal.csv", "-o", "notices")
    book = load_workbook(notices / "d-alpha.xlsx")
    # the one sheet's tab in the unit's language, not a program's key
    assert book.sheetnames == (["Giải trình"] if lang == "vi" else ["Reply"])
    sheet = book.worksheets[0]
    heading = [sheet.cell(row, 2).value for row in range(1, KEY_ROW - 1)]
    assert heading[0] == (
        "Chỉ số CCHC các sở năm 2025 (thử)" if lang == "vi" else "Test department index 2025"
    )
    assert heading[1] == title
    assert heading[2].startswith("Chỉ số hiện tại: 80,67" if lang == "vi" else "Index now: 80.67")
    # the keys in a hidden row, the header people read directly below, in their language
    assert [c.value for c in sheet[KEY_ROW]] == list(REPLY_KEYS)
    assert sheet.row_dimensions[KEY_ROW].hidden
    labels = [c.value for c in sheet[KEY_ROW + 1]]
    assert labels[1] == label and not set(labels) & set(REPLY_KEYS)
    assert sheet.column_dimensions["A"].hidden  # the unit id: the title names the unit
    # room for what the unit types: a spreadsheet does not grow a row as it is typed into
    assert sheet.row_dimensions[FIRST_ROW].height >= 5 * 15
    # context locked, the unit's answer open
    assert sheet.protection.sheet
    for key, cell in zip(REPLY_KEYS, sheet[FIRST_ROW], strict=True):
        assert cell.protection.locked == (key in CONTEXT_KEYS), key
    (validation,) = sheet.data_validations.dataValidation
    assert (validation.type, validation.formula1) == ("list", entries)
    assert str(validation.sqref) == f"K{FIRST_ROW}:K{FIRST_ROW + 2}"
    # A4 landscape, fitted to the width, the header repeated on every page
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == f"${KEY_ROW}:${KEY_ROW + 1}"


def test_the_same_inputs_give_the_same_bytes(notices: Path) -> None:
    again = notices.parent / "again"
    again.mkdir()
    for target in ("notices", "again"):
        assert run("notice", "units", "--appraisal", "appraisal.csv", "-o", target).exit_code == 0
    for path in notices.iterdir():
        assert path.read_bytes() == (again / path.name).read_bytes(), path.name


def test_never_over_a_notice_that_is_there(notices: Path) -> None:
    (notices / "d-alpha.xlsx").write_bytes(b"filled in by the unit")
    (notices / "w-one.xlsx").write_bytes(b"filled in too")
    result = run("notice", "units", "--appraisal", "appraisal.csv", "-o", "notices")
    assert result.exit_code == 1
    refused = [
        f"error: notices/{unit}.xlsx: already exists; parindex never writes over a notice "
        "(its unit may have filled it in), so no notice was written"
        for unit in ("d-alpha", "w-one")
    ]
    assert result.stderr.splitlines()[-2:] == refused  # each one named
    assert sorted(p.name for p in notices.iterdir()) == ["d-alpha.xlsx", "w-one.xlsx"]
    assert (notices / "d-alpha.xlsx").read_bytes() == b"filled in by the unit"


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (
            "missing",
            "error: -o missing: the directory does not exist (parindex creates no directories)",
        ),
        (
            "appraisal.csv",
            "error: -o appraisal.csv: not a directory; notices are written into a folder",
        ),
    ],
)
def test_the_folder_must_exist(notices: Path, target: str, message: str) -> None:
    result = run("notice", "units", "--appraisal", "appraisal.csv", "-o", target)
    assert result.exit_code == 1
    assert result.stderr == message + "\n"
    assert not (notices.parent / "missing").exists()


def test_only_the_units_asked_for(notices: Path) -> None:
    result = run(
        *("notice", "units", "--appraisal", "appraisal.csv", "-o", "notices"),
        *("--unit", "d-beta", "--unit", "d-delta"),
    )
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in notices.iterdir()] == ["d-beta.xlsx"]
    assert (
        "note: unit 'd-delta': the council corrected none of its answers, so it gets no notice "
        "(--all writes one anyway)"
    ) in result.stderr.splitlines()


def test_a_unit_asked_for_without_corrections_is_said_once_not_as_no_unit_at_all(
    notices: Path,
) -> None:
    result = run(
        *("notice", "units", "--appraisal", "appraisal.csv", "-o", "notices"),
        *("--unit", "d-delta"),
    )
    assert result.exit_code == 0, result.stderr
    assert list(notices.iterdir()) == []
    assert "corrected none of its answers" in result.stderr
    assert "no unit has a council correction" not in result.stderr


def test_all_also_writes_the_units_without_corrections(notices: Path) -> None:
    result = run("notice", "units", "--appraisal", "appraisal.csv", "-o", "notices", "--all")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.stem for p in notices.iterdir()) == sorted(UNITS)
    sheet = load_workbook(notices / "d-delta.xlsx").worksheets[0]
    assert sheet.cell(4, 2).value == "The appraisal council corrected none of the unit's answers."
    assert notice_rows(notices / "d-delta.xlsx") == []
    assert not sheet.data_validations.dataValidation


def test_no_corrections_no_notice(province: Path) -> None:
    (province / "notices").mkdir()
    result = run("notice", "units", "-o", "notices")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == (
        "note: no unit has a council correction, so no notice was written"
    )
    assert list((province / "notices").iterdir()) == []


def test_an_unknown_unit_is_an_error(notices: Path) -> None:
    result = run("notice", "units", "--appraisal", "appraisal.csv", "-o", "notices", "--unit", "x")
    assert result.exit_code == 1
    assert "units: error: --unit 'x': no assessment has this unit id" in result.stderr
    assert list(notices.iterdir()) == []


def test_a_unit_id_that_cannot_name_a_file(notices: Path) -> None:
    answers = dict(UNITS["d-alpha"]["answers"])
    (notices.parent / "units" / "odd.yaml").write_text(
        dump(dept("a/b", "Sở Lạ", answers)), encoding="utf-8"
    )
    with (notices.parent / "appraisal.csv").open("a", encoding="utf-8") as table:
        table.write("a/b,1.2,late,,Chậm,\n")
    result = run("notice", "units", "--appraisal", "appraisal.csv", "-o", "notices")
    assert result.exit_code == 1
    assert (
        "units/odd.yaml:2:7: error: unit.id: unit id 'a/b' cannot name a file (it holds / or \\ "
        "or is . or ..), so its notice cannot be written; give the unit an id without them"
    ) in result.stderr
    assert list(notices.iterdir()) == []


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_notice_reads_back_as_no_reply_yet(notices: Path, lang: str) -> None:
    """A notice nobody filled in is no reply: validate reads it and counts nothing answered,
    whichever language named its sheet."""
    run("--lang", lang, "notice", "units", "--appraisal", "appraisal.csv", "-o", "notices")
    shutil.copytree(notices, notices.parent / "replies")
    result = run("validate", "units", "--appraisal", "appraisal.csv", "--replies", "replies")
    assert result.exit_code == 0, result.stderr
    assert (
        "info: replies: 0 of the 6 correction(s) of 4 unit(s) answered, 0 of them in disagreement"
    ) in result.stderr.splitlines()
    assert result.stdout == "ok: 2 framework(s), 7 assessment(s), 5 table(s); 1 warning(s)\n"
