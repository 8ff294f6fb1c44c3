"""Corpus cases of the council's worksheet (SPEC §7): a filled workbook read back with its
located errors, pending rows, duplicate rounds across files, and `worksheet`'s own refusals.

`_make_corpus.py` calls `add_cases(case)`; the workbooks are built here with openpyxl in the
layout `parindex worksheet` writes (row 1 holds the column keys)."""

import io

from openpyxl import Workbook

SH = "../_shared/units --criteria ../_shared/criteria"
APPRAISAL = [
    *("unit_id", "unit_name", "criterion", "name", "max_points", "claimed_value"),
    *("self_points", "points_now", "evidence", "value", "points", "reason", "round"),
]
SURVEY = ["unit_id", "unit_name", "criterion", "name", "max_points", "value"]


def _row(unit, criterion, value=None, points=None, reason=None, round_=None):
    """An appraisal-sheet row: context cells as `worksheet` fills them, then the council's."""
    names = {"u1": "Đơn vị Một", "u2": "Đơn vị Hai"}
    context = [unit, names[unit], criterion, "Tiêu chí", 10, "95 %", 10, 10, "KH 1/KH-U1"]
    return [*context, value, points, reason, round_]


def _survey(unit, criterion, value=None):
    return [unit, "Đơn vị", criterion, "Khảo sát", 20, value]


def filled(appraisal_rows, survey_rows):
    book = Workbook()
    sheet = book.active
    sheet.title = "appraisal"
    sheet.append(APPRAISAL)
    for row in appraisal_rows:
        sheet.append(row)
    survey = book.create_sheet("survey")
    survey.append(SURVEY)
    for row in survey_rows:
        survey.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


GOOD = filled(
    [
        _row("u1", "1.1"),  # left blank: no correction
        _row("u1", "2.4", points=6, reason="Hồ sơ chưa đủ"),
        _row("u2", "1.1", value="no", reason="Không có kế hoạch"),
        _row("u2", "2.4"),  # blank: still pending
    ],
    [
        _survey("u1", "3.1", 4.2),
        _survey("u1", "3.2"),
        _survey("u2", "3.1"),
        _survey("u2", "3.2", 80),
    ],
)


def add_cases(case):
    case(
        "worksheet-filled-bad-rows",
        f"rank {SH} --appraisal w.xlsx --survey w.xlsx",
        {
            "w.xlsx": filled(
                [
                    _row("u1", "1.1"),  # blank: skipped
                    _row("u1", "1.2", reason="Thiếu số liệu"),  # a reason alone
                    _row("u1", "2.4", points=12, reason="Sai"),
                    _row("u2", "1.1", value="On_time", reason="Sai"),
                    _row("u2", "2.4", points=5, reason="Đạt", round_=0),
                ],
                [_survey("u1", "3.1"), _survey("u1", "3.2", 120), _survey("u2", "1.1", 3)],
            )
        },
    )
    case(
        "worksheet-duplicate-round-across-files",
        f"rank {SH} --appraisal w.xlsx --appraisal appraisal.csv --survey w.xlsx",
        {
            "w.xlsx": GOOD,
            "appraisal.csv": "unit_id,criterion,value,points,reason,round\n"
            "u1,2.4,,7,Chấm lại,2\nu2,1.1,late,,Trùng vòng 1,\n",
        },
    )
    case(
        "worksheet-validate-pending-control",
        f"validate {SH} --appraisal w.xlsx --survey w.xlsx",
        {"w.xlsx": GOOD},
        exit_code=0,
    )
    case("worksheet-unknown-unit", f"worksheet {SH} --unit u1 --unit u7 -o w.xlsx", {})
    case("worksheet-output-not-xlsx", f"worksheet {SH} -o w.csv", {}, exit_code=2)
    case(
        "worksheet-bad-prefill",
        f"worksheet {SH} --appraisal appraisal.csv --survey survey.csv -o w.xlsx",
        {
            "appraisal.csv": "unit_id,criterion,value,points,reason\n"
            "u1,2.4,,,Chỉ có lý do\nu2,3.1,4,,Sai bảng\n",
            "survey.csv": "unit_id,criterion,value\nu1,3.1,\nu1,3.1,4\nu1,3.1,4.5\n",
        },
    )
