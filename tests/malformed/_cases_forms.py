"""Corpus cases for a unit's workbook form (SPEC §10) filled wrong: ids edited, rows
duplicated or deleted, the unit or the framework changed, text in number cells, a label of
another criterion, a formula without a saved value, numerator without denominator, a rate
given twice, N/A where forbidden or without a reason, evidence missing; forms saved in other
formats or locked by a password; workbooks that are no form, or a form of another framework,
in the folder. The forms are made by parindex itself and edited with openpyxl, as a unit
officer edits them. Added by `_make_corpus.py` (`add(case)`)."""

import io
import os
import tempfile

from parindex.i18n import using
from parindex.inputs.documents.loading import load_framework_file
from parindex.outputs.workbooks.form_sheet import FormTemplate

HERE = os.path.dirname(os.path.abspath(__file__))
COMPACT = os.path.join(HERE, "_shared", "criteria", "compact.yaml")
U1 = os.path.join(HERE, "_shared", "units", "u1.yaml")
SHARED = "../_shared"
CRITERIA = f"--criteria {SHARED}/criteria"
# u9 of the corpus, as a unit officer types it into the form
FILLED = {
    "1.1": {"value": "Kịp thời", "self_points": 10, "evidence": "KH 9/KH-U9"},
    "1.10": {"value": "Yes", "self_points": 5},
    "1.2": {"value": 95, "self_points": 10},
    "010": {"value": 50},
    "2.1": {"value": 0},
    "2.2": {"value": 3},
    "2.3": {"value": 7},
}
KEYS = ("criterion", "value", "numerator", "denominator", "not_applicable", "reason")
KEYS += ("self_points", "evidence")
TWO_CHOICES = """framework: two-2025
title: Hai lựa chọn
group: office
criteria:
  - id: "1"
    name: Lĩnh vực
    criteria:
      - id: "1.1"
        name: Kế hoạch
        max: 5
        rule:
          kind: choice
          options:
            on_time: {points: 5, label: Ban hành kịp thời}
            late: {points: 2, label: Ban hành muộn}
      - id: "1.2"
        name: Báo cáo
        max: 5
        rule:
          kind: choice
          options:
            sent: {points: 5, label: Đã gửi báo cáo}
            missing: {points: 0, label: Chưa gửi}
"""


def _blank(framework, unit_id="u9", unit_name="Đơn vị Chín"):
    """The blank form of `framework` (a path, or a framework's YAML text)."""
    if "\n" in framework:
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as handle:
            handle.write(framework)
        framework = handle.name
    with using("en"):
        loaded = load_framework_file(framework)
        return FormTemplate(loaded, "en").fill(unit_id, unit_name)


def form(answers=None, edit=None, framework=COMPACT, formats=None):
    """The form of u9 with `answers` typed in (criterion → key → value), cell `formats`, then
    `edit(sheet, rows, columns)` applied, as openpyxl saves it."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(_blank(framework)))
    sheet = book.worksheets[0]
    key_row = next(r for r in range(1, 20) if sheet.cell(r, 2).value == "criterion")
    columns = {sheet.cell(key_row, c).value: c for c in range(2, 13)}
    rows = {
        str(sheet.cell(r, 2).value): r
        for r in range(key_row + 2, sheet.max_row + 1)
        if sheet.cell(r, 2).value is not None
    }
    for criterion, cells in (answers or {}).items():
        for key, value in cells.items():
            sheet.cell(rows[criterion], columns[key]).value = value
    for (criterion, key), number_format in (formats or {}).items():
        sheet.cell(rows[criterion], columns[key]).number_format = number_format
    if edit is not None:
        edit(sheet, rows, columns)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _with(**over):
    answers = {k: dict(v) for k, v in FILLED.items()}
    for criterion, cells in over.items():
        answers.setdefault(criterion.replace("_", "."), {}).update(cells)
    return answers


def _set(criterion, key, value):
    def edit(sheet, rows, columns):
        sheet.cell(rows[criterion], columns[key]).value = value

    return edit


def _title(key, value):
    def edit(sheet, rows, columns):
        row = next(r for r in range(1, 20) if sheet.cell(r, 1).value == key)
        sheet.cell(row, 4).value = value

    return edit


def add(case):
    validate = f"validate u9.xlsx {CRITERIA}"
    case(
        "form-criterion-ids-edited",
        validate,
        {"u9.xlsx": form(FILLED, _set("2.2", "criterion", "2.9"))},
    )

    def duplicate(sheet, rows, columns):
        sheet.cell(rows["1.10"], columns["criterion"]).value = "1.2"

    case("form-duplicated-row", validate, {"u9.xlsx": form(FILLED, duplicate)})

    def delete(sheet, rows, columns):
        sheet.delete_rows(rows["2.3"])

    case("form-deleted-row", validate, {"u9.xlsx": form(FILLED, delete)})
    case(
        "form-unit-id-changed",
        f"rank u9.xlsx {CRITERIA} --roster roster.csv --allow-absent",
        {
            "u9.xlsx": form(FILLED, _title("unit_id", "u9-moi")),
            "roster.csv": "unit_id,unit_name,group\nu9,Đơn vị Chín,office\n",
        },
    )
    case(
        "form-framework-changed",
        validate,
        {"u9.xlsx": form(FILLED, _title("framework", "compact-2024"))},
    )
    case(
        "form-text-in-number-cells",
        validate,
        {"u9.xlsx": form(_with(**{"1_2": {"value": "chín lăm", "self_points": "mười"}}))},
    )
    case(  # numbers, but not points: out of range, as a YAML form says (not "not a number")
        "form-points-too-large-or-too-precise",
        validate,
        {
            "u9.xlsx": form(
                _with(**{"1_1": {"self_points": 1e300}, "1_2": {"self_points": "0,1234567890123"}})
            )
        },
    )
    case(
        "form-label-of-another-criterion",
        "validate u9.xlsx --criteria criteria",
        {
            "criteria/two.yaml": TWO_CHOICES,
            "u9.xlsx": form(
                {"1.1": {"value": "Đã gửi báo cáo"}, "1.2": {"value": "Ban hành kịp thời"}},
                framework=TWO_CHOICES,
            ),
        },
    )
    case(
        "form-formula-without-a-saved-value",
        validate,
        {"u9.xlsx": form(_with(**{"2_2": {"value": "=1+2"}}))},
    )
    case(
        "form-cell-formatted-as-a-percentage",
        f"score u9.xlsx {CRITERIA} --format csv",
        {"u9.xlsx": form(_with(**{"1_2": {"value": 0.95}}), formats={("1.2", "value"): "0%"})},
        exit_code=0,
    )
    case(
        "form-numerator-without-denominator",
        validate,
        {"u9.xlsx": form(_with(**{"010": {"value": None, "numerator": 9}}))},
    )
    case(
        "form-value-and-ratio",
        validate,
        {"u9.xlsx": form(_with(**{"010": {"value": 90, "numerator": 9, "denominator": 10}}))},
    )
    case(
        "form-not-applicable-where-forbidden",
        validate,
        {
            "u9.xlsx": form(
                _with(
                    **{
                        "1_2": {
                            "value": None,
                            "not_applicable": "Not applicable",
                            "reason": "Không có",
                        }
                    }
                )
            )
        },
    )
    case(
        "form-not-applicable-without-reason",
        validate,
        {"u9.xlsx": form(_with(**{"010": {"value": None, "not_applicable": "x"}}))},
    )
    case(
        "form-evidence-required-but-empty",
        validate,
        {"u9.xlsx": form(_with(**{"1_1": {"evidence": "  \n \n"}}))},
    )
    case(
        "form-without-its-key-row",
        validate,
        {"u9.xlsx": form(FILLED, lambda sheet, rows, columns: sheet.delete_rows(rows["1"] - 2))},
    )
    case(
        "form-saved-as-xls-in-the-folder",
        f"rank units {CRITERIA} --strict",
        {
            "units/u9.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
            "units/u1.yaml": _read(U1),
        },
    )
    case(
        "form-saved-as-ods-named",
        f"score u9.ods {CRITERIA}",
        {"u9.ods": b"PK\x03\x04 an OpenDocument spreadsheet"},
    )
    case(
        "form-protected-by-a-password",
        validate,
        {
            "u9.xlsx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
            + "EncryptedPackage".encode("utf-16-le")
            + bytes(480)
        },
    )
    case(  # one error naming the ranking's columns, not one for every row of the form
        "form-given-as-previous-ranking",
        f"rank {SHARED}/units {CRITERIA} --previous 2024=u9.xlsx",
        {"u9.xlsx": form(FILLED)},
    )
    case(  # a CSV is no YAML: said as what --from takes, not as YAML's syntax error
        "template-from-a-csv",
        f"template {SHARED}/criteria/compact.yaml --from appraisal.csv -o u9.xlsx",
        {"appraisal.csv": "unit_id,criterion,value,points,reason\nu9,1.1,late,,Chậm: 12/3\n"},
    )
    case("form-ods-renamed-xlsx", validate, {"u9.xlsx": _ods()})
    case("form-empty-file", validate, {"u9.xlsx": b""})
    case("form-zip-without-its-workbook-part", validate, {"u9.xlsx": _without(form(FILLED))})
    case(
        "form-of-another-framework-in-the-folder",
        f"rank units {CRITERIA}",
        {
            "units/u1.yaml": _read(U1),
            "units/u9.xlsx": form(FILLED, _title("framework", "commune-2025")),
        },
    )
    case(
        "form-folder-with-another-workbook",
        f"rank units {CRITERIA} --strict",
        {
            "units/u1.yaml": _read(U1),
            "units/notes.xlsx": _notes(),
        },
    )


def _ods():
    """A spreadsheet saved as OpenDocument (its `mimetype` part first, stored) named .xlsx."""
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return buf.getvalue()


def _without(workbook, part="xl/workbook.xml"):
    """The workbook's ZIP with one of its parts left out (a damaged copy)."""
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as source, zipfile.ZipFile(buf, "w") as archive:
        for name in source.namelist():
            if name != part:
                archive.writestr(name, source.read(name))
    return buf.getvalue()


def _notes():
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Ghi chú", "Người ghi"])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _read(path):
    with open(path, "rb") as handle:
        return handle.read()
