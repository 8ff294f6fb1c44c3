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


def council(appraisal_csv, edit=None, fill_survey=None):
    """The council's workbook as `parindex --lang vi worksheet` writes it (Vietnamese sheet
    names, the key row hidden above the header people read, every round of `appraisal_csv`
    kept in a locked row with its check), then `edit(appraisal_sheet)` as a person might."""
    import os
    import subprocess
    import sys
    import tempfile

    from openpyxl import load_workbook

    here = os.path.dirname(os.path.abspath(__file__))
    with tempfile.TemporaryDirectory() as work:
        table = os.path.join(work, "appraisal.csv")
        with open(table, "w", encoding="utf-8") as fh:
            fh.write(appraisal_csv)
        out = os.path.join(work, "w.xlsx")
        args = [sys.executable, "-m", "parindex", "--lang", "vi", "worksheet"]
        args += [os.path.join(here, "_shared", "units"), "--criteria"]
        args += [os.path.join(here, "_shared", "criteria"), "--appraisal", table, "-o", out]
        subprocess.run(args, check=True, capture_output=True)
        if edit is None and fill_survey is None:
            with open(out, "rb") as fh:
                return fh.read()
        book = load_workbook(out)
        if edit is not None:
            edit(book.worksheets[0])
        if fill_survey is not None:
            fill_survey(book.worksheets[1])
        data = io.BytesIO()
        book.save(data)
        return data.getvalue()


TWO_ROUNDS = (
    "unit_id,criterion,value,points,reason,round\n"
    "u1,2.4,,6,Hồ sơ chưa đủ,1\n"
    "u1,2.4,,8,Đơn vị giải trình; Hội đồng chấp nhận,2\n"
    "u2,1.1,late,,Ban hành chậm,1\n"
)


def _cell(sheet, criterion, unit, round_, key):
    """The cell of `key` in the row of `unit`, `criterion` and `round_`."""
    keys = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=3):
        cells = dict(zip(keys, row, strict=True))
        if (cells["unit_id"].value, cells["criterion"].value, cells["round"].value) == (
            unit,
            criterion,
            round_,
        ):
            return cells[key]
    raise KeyError((unit, criterion, round_))


def _edit_kept(sheet):
    _cell(sheet, "2.4", "u1", 1, "points").value = 9  # the locked round 1, changed
    _cell(sheet, "1.1", "u2", 1, "reason").value = "Sửa lý do"  # and another


def _fill_open(sheet):
    _cell(sheet, "2.4", "u1", 3, "points").value = 7  # the open row below round 2
    _cell(sheet, "2.4", "u1", 3, "reason").value = "Vòng 3"


def _survey_value(sheet):
    keys = [c.value for c in sheet[1]]
    first = dict(zip(keys, next(sheet.iter_rows(min_row=3)), strict=True))
    first["value"].value = 4


def add_council_cases(case):
    """The council's workbook in Vietnamese: a kept round changed, its sheets found by their
    keys whatever they are called."""
    case(
        "worksheet-kept-round-edited",
        f"rank {SH} --appraisal w.xlsx",
        {"w.xlsx": council(TWO_ROUNDS, edit=_edit_kept)},
    )
    case(
        "worksheet-vietnamese-sheets-control",
        f"rank {SH} --appraisal w.xlsx --survey w.xlsx --format csv",
        {"w.xlsx": council(TWO_ROUNDS, edit=_fill_open, fill_survey=_survey_value)},
        exit_code=0,
    )
    case(
        "worksheet-vietnamese-appraisal-sheet-not-read",
        f"rank {SH} --survey w.xlsx --format csv",
        {"w.xlsx": council(TWO_ROUNDS, fill_survey=_survey_value)},
        exit_code=0,
    )
    sheet = Workbook()
    sheet.active.title = "Bảng thẩm định"
    sheet.active.append(["unit_id", "criterion", "value", "points"])
    sheet.active.append(["u1", "2.4", None, 5])
    data = io.BytesIO()
    sheet.save(data)
    case(
        "xlsx-vietnamese-sheet-missing-column",
        f"rank {SH} --appraisal w.xlsx",
        {"w.xlsx": data.getvalue()},
    )


TWO_CHOICES = """framework: mini-2025
title: Khung nhỏ
group: office
bands:
  - {min: 0, label: Đạt}
criteria:
  - id: "1"
    name: Lĩnh vực một
    criteria:
      - id: "1.1"
        name: Kế hoạch
        max: 6
        rule:
          kind: choice
          options:
            on_time: {points: 6, label: Ban hành kịp thời, label_en: Issued on time}
            late: {points: 3, label: Ban hành chậm}
      - id: "1.2"
        name: Kết nối dữ liệu
        max: 4
        rule:
          kind: choice
          options:
            shared: {points: 4, label: "Đã kết nối, chia sẻ"}
            none: {points: 0, label: Chưa kết nối}
"""


def add_label_cases(case):
    """A label is an answer only to its own criterion."""
    case(
        "appraisal-label-of-another-criterion",
        "rank units --criteria criteria --appraisal appraisal.csv",
        {
            "criteria/mini.yaml": TWO_CHOICES,
            "units/u9.yaml": "unit: {id: u9, name: Đơn vị Chín, group: office}\n"
            "framework: mini-2025\nanswers:\n"
            '  "1.1": {value: Ban hành kịp thời}\n  "1.2": {value: none}\n',
            "appraisal.csv": "unit_id,criterion,value,points,reason\n"
            "u9,1.2,Ban hành kịp thời,,Sai mức\n"
            'u9,1.1,"Đã kết nối, chia sẻ",,Sai mức\n'
            "u9,1.1,Issued on time,,Đúng hạn\n",
        },
    )
