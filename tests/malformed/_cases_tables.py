"""Corpus cases for tables read as people see them, unreachable bands, earlier rankings and
the messages that say what to fix. Added by `_make_corpus.py` (`add(globals())`)."""

import io
import json
import re
import zipfile

AH = "unit_id,criterion,value,points,reason,round"
AHL = AH.split(",")


def _book(sheets, formats=None, hidden=()):
    """A workbook from {title: rows}; `formats` maps (title, row, col) → number format."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        if title in hidden:
            sheet.sheet_state = "hidden"
    for (title, r, c), fmt in (formats or {}).items():
        book[title].cell(r, c).number_format = fmt
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _edit(data, part, edit):
    """The workbook with one part's XML changed by `edit` (as another tool would write it)."""
    zin = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            body = zin.read(item.filename)
            if item.filename == part:
                body = edit(body)
            zout.writestr(item, body)
    return out.getvalue()


def _stale(data, ref=b"A1:F2"):
    return _edit(
        data,
        "xl/worksheets/sheet1.xml",
        lambda b: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="' + ref + b'"', b),
    )


def _ole(stream_name):
    """A compound (OLE) file holding one named stream entry, enough to be recognised."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    entry = stream_name.encode("utf-16-le").ljust(64, b"\0")
    return header + entry + b"\0" * 448


def add(ns):
    case, unit, fw_case, mini = ns["case"], ns["unit"], ns["fw_case"], ns["mini"]
    SH, HEAD = ns["SH"], ns["HEAD"]
    UNIT_CMD = ns["UNIT_CMD"]
    rank_xlsx = f"rank {SH} --format csv --appraisal appraisal.xlsx"

    # ---- XLSX cells as people see them ----
    case(
        "xlsx-percent-format",
        rank_xlsx,
        {
            "appraisal.xlsx": _book(
                {"appraisal": [AHL, ["u1", "010", 0.95, None, "Tỷ lệ đúng là 95 %", 1]]},
                {("appraisal", 2, 3): "0%"},
            )
        },
        exit_code=0,
    )
    case(
        "xlsx-percent-format-decimals",
        rank_xlsx,
        {
            "appraisal.xlsx": _book(
                {"appraisal": [AHL, ["u1", "1.2", 0.905, None, "Số đúng 90,5 %", 1]]},
                {("appraisal", 2, 3): "0.0%"},
            )
        },
        exit_code=0,
    )
    rows = [
        AHL,
        ["u1", "1.2", 80, None, "Sai số liệu", 1],
        ["u2", "1.2", 60, None, "Sai số liệu", 1],
        ["u2", "2.3", None, 12, "Quá điểm tối đa", 1],
        ["u9", "1.2", 60, None, "Đơn vị không có", 1],
    ]
    case("xlsx-stale-dimension", rank_xlsx, {"appraisal.xlsx": _stale(_book({"appraisal": rows}))})
    case(
        "xlsx-stale-dimension-control",
        rank_xlsx,
        {"appraisal.xlsx": _stale(_book({"appraisal": rows[:3]}))},
        exit_code=0,
    )
    case(
        "xlsx-number-in-id-columns",
        rank_xlsx,
        {
            "appraisal.xlsx": _book(
                {
                    "appraisal": [
                        AHL,
                        ["u1", 1.1, 80, None, "Gõ 1.10 thành 1.1", 1],
                        [101, "1.2", 80, None, "Mã đơn vị là số", 1],
                    ]
                }
            )
        },
    )
    import datetime

    case(
        "xlsx-date-where-number-belongs",
        rank_xlsx,
        {
            "appraisal.xlsx": _book(
                {
                    "appraisal": [
                        AHL,
                        ["u1", "1.2", datetime.datetime(2025, 3, 1), None, "Excel đổi 1/3", 1],
                        ["u1", datetime.datetime(2025, 2, 1), 80, None, "1.2 thành ngày", 1],
                    ]
                }
            )
        },
    )
    case(
        "xlsx-formula-without-value",
        rank_xlsx,
        {
            "appraisal.xlsx": _book(
                {"appraisal": [AHL, ["u1", "1.2", "=AVERAGE(80,90)", None, "Trung bình", 1]]}
            )
        },
    )
    case(
        "xlsx-excel-error-value",
        rank_xlsx,
        {
            "appraisal.xlsx": _edit(
                _book({"appraisal": [AHL, ["u1", "1.2", 1, None, "Chia cho 0", 1]]}),
                "xl/worksheets/sheet1.xml",
                lambda b: b.replace(
                    b'<c r="C2" t="n"><v>1</v></c>', b'<c r="C2" t="e"><v>#DIV/0!</v></c>'
                ),
            )
        },
    )
    case(
        "xls-old-workbook", rank_xlsx.replace(".xlsx", ".xls"), {"appraisal.xls": _ole("Workbook")}
    )
    case("xlsx-encrypted", rank_xlsx, {"appraisal.xlsx": _ole("EncryptedPackage")})
    case(
        "xlsx-csv-renamed",
        rank_xlsx,
        {"appraisal.xlsx": AH + "\nu1,1.2,80,,Sai,1\n"},
    )
    case(
        "xlsx-hidden-sheet-warning",
        rank_xlsx,
        {
            "appraisal.xlsx": _book(
                {
                    "Hướng dẫn": [["Ghi chú cũ"]],
                    "Sheet1": [AHL, ["u1", "1.2", 80, None, "Sai số liệu", 1]],
                    "Nháp": [AHL, ["u1", "1.2", 10, None, "Bản nháp", 1]],
                },
                hidden=("Hướng dẫn", "Nháp"),
            )
        },
        exit_code=0,
    )
    case(
        "xlsx-cell-too-long",
        rank_xlsx,
        {
            "appraisal.xlsx": _edit(  # written past the limit by hand: openpyxl cuts on write
                _book({"appraisal": [AHL, ["u1", "1.2", 80, None, "LYDO", 1]]}),
                "xl/worksheets/sheet1.xml",
                lambda b: b.replace(b"LYDO", "Lý do ".encode() * 6000),
            )
        },
    )
    case(
        "csv-cell-too-long",
        f"rank {SH} --appraisal appraisal.csv",
        {"appraisal.csv": AH + "\nu1,1.2,80,," + "x" * 40000 + ",1\n"},
    )

    def bomb():
        data = _book({"appraisal": [AHL, ["u1", "1.2", 80, None, "Sai", 1]]})
        out = io.BytesIO(data)
        with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as z:
            z.writestr("xl/media/padding.xml", b" " * (3 << 20))
        return out.getvalue()

    case("xlsx-zip-bomb", rank_xlsx, {"appraisal.xlsx": bomb()})

    # ---- CSV dialects ----
    case(
        "csv-tab-separated",
        f"rank {SH} --appraisal appraisal.csv",
        {"appraisal.csv": AH.replace(",", "\t") + "\nu1\t1.2\t80\t\tSai\t1\n"},
    )
    case(
        "csv-excel-sep-line",
        f"rank {SH} --format csv --appraisal appraisal.csv",
        {"appraisal.csv": "sep=;\r\n" + AH.replace(",", ";") + "\r\nu1;1.2;80,5;;Sai;1\r\n"},
        exit_code=0,
    )
    case(
        "csv-excel-sep-line-row-numbers",
        f"rank {SH} --appraisal appraisal.csv",
        {
            "appraisal.csv": "sep=;\r\n"
            + AH.replace(",", ";")
            + "\r\nu1;1.2;80;;Sai;1\r\nu1;1.2;8o;;Sai;2\r\n"
        },
    )

    # ---- cells and values that need a hint ----
    case(
        "cell-decimal-comma-percent",
        f"rank {SH} --appraisal appraisal.csv",
        {
            "appraisal.csv": AH
            + '\nu1,1.2,"87,5%",,Sai,1\nu2,2.3,3,0,,Sai,1\nu2,2.2,,"3,5 điểm",Sai,1\n'
        },
    )
    case(
        "cell-too-many-decimals",
        f"rank {SH} --survey survey.csv",
        {
            "survey.csv": "unit_id,criterion,value\nu1,3.1,4.266666666666667\nu2,3.1,"
            + "4."
            + "3" * 5000
            + "\n"
        },
    )
    case(
        "yaml-value-na",
        UNIT_CMD,
        {"unit.yaml": unit({"1.2": '{value: "N/A"}', "2.2": '{value: "không áp dụng"}'})},
    )
    case("yaml-decimal-comma-unquoted", UNIT_CMD, {"unit.yaml": unit({"1.2": "{value: 95,5}"})})
    case(
        "yaml-decimal-comma-as-written",
        UNIT_CMD,
        {
            "unit.yaml": unit(
                {
                    "1.2": "{value: 87,5%}",
                    "010": "{value: 60, self_points: 3,75}",
                    "2.3": '{value: "7,25", self_points: "7,25"}',
                }
            )
        },
    )
    case(
        "every-problem-of-one-answer",
        UNIT_CMD,
        {"unit.yaml": unit({"1.2": '{value: "87,5%", self_points: "0,5"}'})},
    )
    case("value-yes-no-words", UNIT_CMD, {"unit.yaml": unit({"1.10": "{value: ok}"})})
    fw_case(
        "fw-too-many-decimals",
        ("{above: 90, points: 4}", "{above: 90.0000000000001, points: 4}"),
    )
    case(
        "yaml-too-many-decimals",
        UNIT_CMD,
        {"unit.yaml": unit({"2.2": "{value: 4.266666666666667}"})},
    )
    case(
        "claim-negative-penalty",
        UNIT_CMD,
        {"unit.yaml": unit({'"9.2"': "{value: 1, self_points: -1}"})},
    )
    case(
        "option-near-miss",
        UNIT_CMD,
        {
            "unit.yaml": unit(
                {"1.1": '{value: On_Time, evidence: ["KH 9"]}', "1.10": "{value: Yes}"}
            )
        },
    )
    case(
        "option-near-miss-spaces",
        UNIT_CMD,
        {"unit.yaml": unit({"1.1": '{value: "on time", evidence: ["KH 9"]}'})},
    )
    case(
        "every-problem-in-one-file",
        UNIT_CMD,
        {
            "unit.yaml": unit(
                {
                    "1.2": "{value: cao}",
                    "2.1": "{value: -1}",
                    "2.2": "{value: 9}",
                    "2.3": "{value: 11}",
                }
            )
        },
    )

    case(
        "every-problem-despite-a-bad-unit-block",
        UNIT_CMD,
        {
            "unit.yaml": unit(
                {
                    "1.10": "{value: khong dat}",
                    "1.2": "{value: 95,5}",
                    "2.2": "{value: 3, self_points: 99}",
                },
                head=HEAD.replace("name: Đơn vị Chín", 'name: ""'),
            )
        },
    )

    # ---- bands that can never hold first ----
    fw_case(
        "bands-ascending",
        (
            "            - {above: 90, points: 4}\n            - {at_least: 70, points: 2}\n",
            "            - {at_least: 50, points: 2}\n            - {at_least: 90, points: 4}\n",
        ),
    )
    fw_case(
        "bands-repeated-condition",
        (
            "            - {above: 90, points: 4}\n            - {at_least: 70, points: 2}\n",
            "            - {above: 90, points: 4}\n            - {above: 90, points: 3}\n",
        ),
    )
    fw_case(
        "bands-covered-by-two",
        (
            "            - {above: 90, points: 4}\n            - {at_least: 70, points: 2}\n",
            "            - {below: 50, points: 0}\n            - {at_least: 50, points: 2}\n"
            "            - {above: 90, points: 4}\n",
        ),
    )

    # ---- an only framework that does not parse ----
    case(
        "framework-syntax-error-only",
        "rank units --criteria criteria --appraisal appraisal.csv",
        {
            "criteria/mini.yaml": mini(("    name: Lĩnh vực một\n", "    name: [Lĩnh vực một\n")),
            "units/a.yaml": 'unit: {id: a, name: A, group: office}\nframework: mini-2025\nanswers:\n  "1.1": {value: on_time}\n',
            "units/b.yaml": 'unit: {id: b, name: B, group: office}\nframework: mini-2025\nanswers:\n  "1.1": {value: late}\n',
            "appraisal.csv": AH + "\na,1.2,80,,Sai,1\nb,1.2,80,,Sai,1\n",
        },
    )

    case(
        "framework-syntax-error-among-paths",
        "rank units --survey survey.csv",
        {
            "units/mini.yaml": mini(("    name: Lĩnh vực một\n", "    name: [Lĩnh vực một\n")),
            "units/a.yaml": 'unit: {id: a, name: A, group: office}\nframework: mini-2025\nanswers:\n  "1.1": {value: on_time}\n',
            "units/b.yaml": "unit: {id: b, name: B\n",
            "survey.csv": "unit_id,criterion,value\na,1.2,80\nc,1.2,80\n",
        },
    )

    # ---- roster ----
    roster = (
        "unit_id,unit_name,group\nu1,Đơn vị Một,office\nu2,Đơn vị Hai,office\nu3,Đơn vị Ba,office\n"
    )
    case(
        "roster-absent-unit-has-rows",
        f"rank {SH} --format csv --roster roster.csv --allow-absent --appraisal appraisal.csv --survey survey.csv",
        {
            "roster.csv": roster,
            "appraisal.csv": AH + "\nu3,1.2,80,,Sai,1\nu3,2.3,,5,Sai,1\nu1,1.2,80,,Sai,1\n",
            "survey.csv": "unit_id,criterion,value\nu3,3.1,4\n",
        },
        exit_code=0,
    )
    case(
        "roster-unit-file-has-errors",
        "rank units --criteria ../_shared/criteria --roster roster.csv",
        {
            "roster.csv": "unit_id,unit_name,group\nu9,Đơn vị Chín,office\n",
            "units/u9.yaml": unit({"1.2": "{value: cao}"}),
        },
    )

    # ---- earlier rankings ----
    ph = ["framework", "group", "rank", "unit_id", "unit_name", "index", "band"]
    case(
        "previous-impossible-rank-index",
        f"rank {SH} --previous previous.csv",
        {
            "previous.csv": ",".join(ph) + "\ncompact-2025,office,0,u1,Đơn vị Một,53.5,Trung bình\n"
            "compact-2025,office,2,u2,Đơn vị Hai,120,Xuất sắc\n"
            "compact-2025,office,-3,u3,Đơn vị Ba,-4,Trung bình\n"
        },
    )
    title = ["Bộ tiêu chí thu gọn — năm 2024"]
    vi_head = ["Bộ tiêu chí", "Nhóm", "Hạng", "Mã đơn vị", "Tên đơn vị", "Chỉ số", "Xếp loại"]
    case(
        "previous-own-xlsx",
        f"rank {SH} --format csv --previous previous.xlsx",
        {
            "previous.xlsx": _book(
                {
                    "office": [
                        title,
                        vi_head,
                        ["compact-2024", "office", 1, "u2", "Đơn vị Hai", 61.5, "Trung bình"],
                    ],
                    "commune": [
                        title,
                        ph,
                        ["commune-2024", "commune", 1, "u1", "Đơn vị Một", 70, "Khá"],
                    ],
                    "breakdown": [["framework", "unit_id"], ["compact-2024", "u1"]],
                    "claims": [["unit_id"], ["u1"]],
                }
            )
        },
        exit_code=0,
    )
    case(
        "previous-own-xlsx-bad-rows",
        f"rank {SH} --previous previous.xlsx",
        {
            "previous.xlsx": _book(
                {
                    "office": [
                        title,
                        vi_head,
                        ["compact-2024", "office", 0, "u2", "Đơn vị Hai", 61.5, "Khá"],
                    ],
                    "commune": [
                        title,
                        vi_head,
                        ["commune-2024", "commune", 1, "u2", "Đơn vị Hai", 170, "Khá"],
                    ],
                }
            )
        },
    )
    ranking = {
        "tool": {"name": "parindex", "version": "0.1.0"},
        "inputs": [],
        "rankings": [
            {
                "framework": "compact-2024",
                "group": "office",
                "units": [
                    {"unit_id": "u1", "unit_name": "Đơn vị Một", "rank": 2, "index": 50.25},
                    {"unit_id": "u2", "unit_name": "Đơn vị Hai", "rank": 1, "index": 60},
                ],
            }
        ],
    }
    case(
        "previous-own-json",
        f"rank {SH} --format csv --previous previous.json",
        {"previous.json": json.dumps(ranking, ensure_ascii=False, indent=1)},
        exit_code=0,
    )
    bad = json.loads(json.dumps(ranking))
    bad["rankings"][0]["units"][0]["rank"] = 0
    bad["rankings"][0]["units"][1]["index"] = 101.5
    case(
        "previous-own-json-bad",
        f"rank {SH} --previous previous.json",
        {"previous.json": json.dumps(bad, indent=1)},
    )
    case(
        "previous-json-syntax",
        f"rank {SH} --previous previous.json",
        {"previous.json": '{"rankings": [\n  {"units": [}\n'},
    )
    case(
        "gaps-ranking-json",
        "gaps ../_shared/units/u1.yaml --criteria ../_shared/criteria --ranking ranking.json",
        {"ranking.json": json.dumps(ranking, ensure_ascii=False, indent=1)},
        exit_code=0,
    )
    case(
        "id-map-without-previous",
        f"rank {SH} --id-map ids.csv",
        {"ids.csv": "old_id,new_id\nso-cu,u1\nu2,u2\nso-khac,khong-co\nso-cu,u2\n"},
    )
