"""Corpus cases of the explanation round: the notices `parindex notice` writes for the shared
units, filled in as units fill them (openpyxl), and every way a reply goes wrong — each a
located message, nothing lost — with `notice`'s own refusals.

The council's rows: u1 1.1 late (the unit said on time) and 1.2 80 (it said 95), u1 2.4 a
council leaf (no correction); u2 1.10 yes (it said no), 1.2 75 (confirms: no correction), 2.3
points 6 (it said not applicable, which earns the full 10).

`_make_corpus.py` calls `add_cases(case)`; the notices are made by parindex itself, in a
temporary folder, when the corpus is written.
"""

import io
import os
import tempfile

from click.testing import CliRunner
from openpyxl import load_workbook

SH = "../_shared/units --criteria ../_shared/criteria"
SHARED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_shared")
APPRAISAL = (
    "unit_id,criterion,value,points,reason,round\n"
    "u1,1.1,late,,Kế hoạch ban hành sau thời hạn,\n"
    "u1,1.2,80,,Đối chiếu báo cáo: hoàn thành 80 %,\n"
    "u1,2.4,,7,Hội đồng chấm,\n"
    "u2,1.10,yes,,Có báo cáo năm số 5/BC,\n"
    "u2,1.2,75,,Đúng số liệu,\n"
    "u2,2.3,,6,Có phát sinh; chấm 6 điểm,\n"
)
ROUND_TWO = "u1,1.1,on_time,,Đơn vị giải trình; Hội đồng chấp nhận,2\n"
KEY_ROW, FIRST_ROW = 7, 9
DISAGREE = ("Không đồng ý", "Kế hoạch ban hành đúng thời hạn được gia hạn", "CV 12/UBND")


def _notices(appraisal=APPRAISAL):
    """unit id → the bytes of its notice, made by parindex from the shared units."""
    from parindex.cli import main

    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "appraisal.csv"), "w", encoding="utf-8") as table:
            table.write(appraisal)
        units, criteria = os.path.join(SHARED, "units"), os.path.join(SHARED, "criteria")
        args = ["notice", units, "--criteria", criteria, "--appraisal"]
        args += [os.path.join(folder, "appraisal.csv"), "-o", folder]
        result = CliRunner().invoke(main, args, env={"PARINDEX_LANG": "vi"})
        assert result.exit_code == 0, result.output
        found = {}
        for unit in ("u1", "u2"):
            with open(os.path.join(folder, f"{unit}.xlsx"), "rb") as made:
                found[unit] = made.read()
        return found


def reply(notice, answers, edits=None, order=None, delete=(), title=None):
    """The notice filled in: criterion → (agree, explanation, evidence); `edits` (criterion,
    key) → a value typed over a locked cell; `order` the rows' new order of criteria,
    `delete` criteria whose rows are deleted, `title` a new name for the sheet."""
    book = load_workbook(io.BytesIO(notice))
    sheet = book.worksheets[0]
    keys = [cell.value for cell in sheet[KEY_ROW]]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=FIRST_ROW)]
    by_criterion = {row[keys.index("criterion")]: row for row in rows}
    for criterion, values in answers.items():
        for key, value in zip(("agree", "explanation", "evidence"), values, strict=True):
            by_criterion[criterion][keys.index(key)] = value
    for (criterion, key), value in (edits or {}).items():
        by_criterion[criterion][keys.index(key)] = value
    kept = [by_criterion[c] for c in (order or by_criterion) if c not in delete]
    for at, values in enumerate(kept + [[None] * len(keys)] * (len(rows) - len(kept))):
        for column, value in enumerate(values, 1):
            sheet.cell(FIRST_ROW + at, column).value = value
    if title:
        sheet.title = title
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def add_cases(case):
    notice = _notices()
    validate = f"validate {SH} --appraisal appraisal.csv --replies replies"
    status = f"status {SH} --appraisal appraisal.csv --replies replies --format csv"
    good_u1 = reply(notice["u1"], {"1.1": DISAGREE, "1.2": ("Đồng ý", None, None)})
    good_u2 = reply(notice["u2"], {"1.10": ("Agree", None, None), "2.3": DISAGREE})
    case(
        "replies-bad-rows",
        validate,
        {
            "appraisal.csv": APPRAISAL,
            "replies/u1.xlsx": reply(
                notice["u1"], {"1.1": ("có lẽ", None, None), "1.2": ("Không đồng ý", None, "QĐ 1")}
            ),
            "replies/u2.xlsx": reply(
                notice["u2"], {"1.10": ("dong y", None, None), "2.3": (None, "Giải trình", None)}
            ),
            "replies/other.xlsx": reply(
                notice["u1"],
                {"1.1": ("Đồng ý", None, None), "1.2": ("Đồng ý", None, None)},
                edits={("1.1", "unit_id"): "u7", ("1.2", "criterion"): "1.10"},
            ),
        },
    )
    case(
        "replies-two-replies-across-files",
        validate,
        {"appraisal.csv": APPRAISAL, "replies/u1.xlsx": good_u1, "replies/u1 (1).xlsx": good_u1},
    )
    case(
        "replies-renamed-reordered-deleted-control",
        status,
        {
            "appraisal.csv": APPRAISAL,
            "replies/u2.xlsx": reply(
                notice["u1"], {"1.1": DISAGREE}, order=["1.2", "1.1"], delete=["1.2"]
            ),
        },
        exit_code=0,
    )
    case(
        "replies-locked-cells-changed-control",
        validate,
        {
            "appraisal.csv": APPRAISAL,
            "replies/u1.xlsx": reply(
                notice["u1"],
                {"1.1": DISAGREE, "1.2": ("Đồng ý", None, None)},
                edits={
                    ("1.1", "council_points"): 10,
                    ("1.1", "claimed_value"): "Đúng hạn",
                    ("1.2", "round"): "hai",
                },
            ),
            "replies/u2.xlsx": good_u2,
        },
        exit_code=0,
    )
    case(  # the first row's round typed over as text: still a reply, never a second header
        "replies-first-row-round-edited-control",
        validate,
        {
            "appraisal.csv": APPRAISAL,
            "replies/u1.xlsx": reply(
                notice["u1"],
                {"1.1": DISAGREE, "1.2": ("Đồng ý", None, None)},
                edits={("1.1", "round"): "một"},
            ),
            "replies/u2.xlsx": good_u2,
        },
        exit_code=0,
    )
    case(
        "replies-to-a-replaced-round-control",
        validate,
        {
            "appraisal.csv": APPRAISAL + ROUND_TWO,
            "replies/u1.xlsx": good_u1,
            "replies/u2.xlsx": good_u2,
        },
        exit_code=0,
    )
    case(
        "replies-folder-holds-other-files-control",
        validate,
        {
            "appraisal.csv": APPRAISAL,
            "replies/u1.xlsx": good_u1,
            "replies/form.xlsx": reply(notice["u2"], {}, title="assessment"),
            "replies/text.xlsx": "unit_id,criterion,agree\nu2,1.10,Đồng ý\n",
            "replies/scan.pdf": b"%PDF-1.4\n",
        },
        exit_code=0,
    )
    case(
        "replies-named-file-not-a-reply",
        f"validate {SH} --appraisal appraisal.csv --replies form.xlsx --replies missing",
        {"appraisal.csv": APPRAISAL, "form.xlsx": reply(notice["u2"], {}, title="Sheet1")},
    )
    case(
        "status-replies-control",
        status,
        {"appraisal.csv": APPRAISAL, "replies/u1.xlsx": good_u1, "replies/u2.xlsx": good_u2},
        exit_code=0,
    )
    case(
        "notice-existing-targets",
        f"notice {SH} --appraisal appraisal.csv -o notices",
        {
            "appraisal.csv": APPRAISAL,
            "notices/u1.xlsx": good_u1,
            "notices/u2.xlsx": b"filled in by the unit",
        },
    )
    case(
        "notice-output-not-a-folder",
        f"notice {SH} --appraisal appraisal.csv -o notices/2025",
        {"appraisal.csv": APPRAISAL},
    )
