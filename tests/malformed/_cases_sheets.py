"""Corpus cases for rows, sheets and workbooks as the year's trial and a hostile probe found
them: parindex's own ranking workbook read back, blank and pasted rows, hidden and unread
sheets, damaged cells, over-long ids, and where a workbook's problem is. Added by
`_make_corpus.py` (`add(globals())`)."""

import io

AH = "unit_id,criterion,value,points,reason,round"
AHL = AH.split(",")
KEYS = ["framework", "group", "rank", "unit_id", "unit_name", "index", "band"]
LABELS_VI = ["Bộ tiêu chí", "Nhóm", "Hạng", "Mã đơn vị", "Đơn vị", "Chỉ số", "Xếp loại"]
LABELS_EN = ["Framework", "Group", "Rank", "Unit id", "Unit", "Index", "Band"]


def _ranking(groups):
    """parindex's ranking workbook as `rank -o` lays it out: per group a sheet with the
    title (row 1), the hidden key row (row 2), the labels people read (row 3), the data."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, labels, rows in groups:
        sheet = book.create_sheet(name)
        sheet.append(["Bộ tiêu chí thu gọn — năm 2024"])
        sheet.append(KEYS)
        sheet.append(labels)
        for row in rows:
            sheet.append(row)
        sheet.row_dimensions[2].hidden = True
    for name in ("breakdown", "claims"):
        sheet = book.create_sheet(name)
        sheet.append(["Bảng chi tiết"])
        sheet.append(["framework", "unit_id"])
        sheet.append(["Bộ tiêu chí", "Mã đơn vị"])
        sheet.append(["compact-2024", "u1"])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _book(sheets, hidden=()):
    """A workbook from {title: rows}; the sheets in `hidden` hidden (or "veryHidden")."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    for title, state in dict(hidden).items():
        book[title].sheet_state = state
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _raw_book(rows, strings):
    """A workbook written part by part: one `appraisal` sheet with the appraisal header, then
    `rows` (each the XML of one <row>'s cells, rows 2, 3, …), the header and `strings` shared."""
    import zipfile

    head = "".join(f'<c r="{c}1" t="s"><v>{i}</v></c>' for i, c in enumerate("ABCDEF"))
    body = "".join(f'<row r="{n}">{cells}</row>' for n, cells in enumerate(rows, start=2))
    ns = "http://schemas.openxmlformats.org"
    rel = f"{ns}/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": f'<Types xmlns="{ns}/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
        'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
        'sharedStrings+xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{ns}/package/2006/relationships"><Relationship '
        f'Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{ns}/spreadsheetml/2006/main" xmlns:r="{rel}">'
        '<sheets><sheet name="appraisal" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{ns}/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>",
        "xl/sharedStrings.xml": f'<sst xmlns="{ns}/spreadsheetml/2006/main">'
        + "".join(f"<si><t>{s}</t></si>" for s in AHL + strings)
        + "</sst>",
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{ns}/spreadsheetml/2006/main">'
        f'<sheetData><row r="1">{head}</row>{body}</sheetData></worksheet>',
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buf.getvalue()


def add(ns):
    case = ns["case"]
    SH = ns["SH"]

    # ---- `--previous`: parindex's own ranking workbook, key row hidden, labels below ----
    case(
        "previous-ranking-workbook-key-and-label-rows",
        f"rank {SH} --format csv --previous ranking-2024.xlsx",
        {
            "ranking-2024.xlsx": _ranking(
                [
                    (
                        "office",
                        LABELS_VI,
                        [
                            ["compact-2024", "office", 1, "u2", "Đơn vị Hai", 61.5, "Khá"],
                            ["compact-2024", "office", 2, "u1", "Đơn vị Một", 50, "Đạt"],
                        ],
                    ),
                    (
                        "commune",
                        LABELS_EN,
                        [["commune-2024", "commune", 1, "x1", "Xã Một", 70, "Khá"]],
                    ),
                ]
            )
        },
        exit_code=0,
    )
    case(
        "previous-ranking-workbook-bad-rows",
        f"rank {SH} --previous ranking-2024.xlsx",
        {
            "ranking-2024.xlsx": _ranking(
                [
                    (
                        "office",
                        LABELS_VI,
                        [
                            ["compact-2024", "office", 1, "u2", "Đơn vị Hai", 61.5, "Khá"],
                            ["compact-2024", "office", "Hạng", "u1", "Đơn vị Một", 50, "Đạt"],
                        ],
                    )
                ]
            )
        },
    )

    # ---- a workbook's problem names its sheet ----
    case(
        "roster-xlsx-problem-names-its-sheet",
        f"rank {SH} --roster roster.xlsx",
        {
            "roster.xlsx": _book(
                {
                    "Danh sách": [
                        ["unit_id", "unit_name", "group"],
                        ["u1", "Đơn vị Một", "office"],
                        ["u2", None, "office"],
                    ]
                }
            )
        },
    )

    # ---- a row is blank only when every cell is empty ----
    semi = AH.replace(",", ";")
    case(
        "table-comma-rows-under-semicolon-header",
        f"validate {SH} --appraisal appraisal.csv --survey survey.csv",
        {
            "appraisal.csv": semi + '\nu1;1.2;80;;Sai;1\nu1,2.4,,8,Lý do\nu2,1.2,"87,5",,Sai\n',
            "survey.csv": "unit_id;criterion;value\nu1;3.1;4\nu2,3.1,4\n",
        },
    )
    case(
        "table-rows-with-one-cell-filled",
        f"validate {SH} --appraisal appraisal.csv --survey survey.csv",
        {
            "appraisal.csv": AH + "\nu1,1.2,80,,Sai,1\nu1,,,,,\n,2.4,,,,\n,,,,Lạc dòng,\n"
            "u2,2.4,,,,2\nu2,2.3,,,,\n",
            "survey.csv": "unit_id,criterion,value\nu1,3.1,4\nu2,,\n,3.2,\nu2,3.2,\n",
        },
    )
    case(
        "xlsx-row-pasted-into-one-cell",
        f"validate {SH} --appraisal appraisal.xlsx",
        {
            "appraisal.xlsx": _book(
                {
                    "appraisal": [
                        AHL,
                        ["u1", "1.2", 80, None, "Sai", 1],
                        ["u1,2.4,,8,Lý do"],
                        [None, None, None, None, "u2;2.4;;8;Lý do"],
                    ]
                }
            )
        },
    )

    # ---- hidden sheets that are read, filled sheets that are not ----
    rank_xlsx = f"rank {SH} --format csv --appraisal appraisal.xlsx"
    for state, name in (
        ("hidden", "xlsx-hidden-sheet-read"),
        ("veryHidden", "xlsx-very-hidden-sheet-read"),
    ):
        case(
            name,
            rank_xlsx,
            {
                "appraisal.xlsx": _book(
                    {
                        "Sheet1": [AHL, ["u1", "1.2", 80, None, "Bản hiện", 1]],
                        "appraisal": [AHL, ["u1", "1.2", 10, None, "Bản ẩn", 1]],
                    },
                    hidden={"appraisal": state},
                )
            },
            exit_code=0,
        )
    ws_rows = [
        ["unit_id", "unit_name", "criterion", "name", "max_points", "value"],
        ["u1", "Đơn vị Một", "3.1", "Hài lòng của người dân", 20, 4],
        ["u1", "Đơn vị Một", "3.2", "Tỷ lệ phiếu tốt", 10, None],
        ["u2", "Đơn vị Hai", "3.1", "Hài lòng của người dân", 20, 3.5],
    ]
    wa_rows = [
        [*AHL[:2], "unit_name", "name", *AHL[2:]],
        ["u1", "1.2", "Đơn vị Một", "Tỷ lệ", 80, None, "Số liệu sai", 1],
        ["u2", "1.2", "Đơn vị Hai", "Tỷ lệ", None, None, None, None],
    ]
    council = _book({"appraisal": wa_rows, "survey": ws_rows})
    case(
        "worksheet-survey-sheet-filled-not-read",
        f"rank {SH} --format csv --appraisal ws.xlsx",
        {"ws.xlsx": council},
        exit_code=0,
    )
    case(
        "worksheet-appraisal-sheet-filled-not-read",
        f"rank {SH} --format csv --survey ws.xlsx",
        {"ws.xlsx": council},
        exit_code=0,
    )
    case(
        "worksheet-both-sheets-read-control",
        f"rank {SH} --format csv --appraisal ws.xlsx --survey ./ws.xlsx",
        {"ws.xlsx": council},
        exit_code=0,
    )

    # ---- cells no spreadsheet program writes ----
    def row_two(cells):
        return (
            '<c r="A2" t="s"><v>6</v></c><c r="B2" t="s"><v>7</v></c>'
            + cells
            + '<c r="E2" t="s"><v>8</v></c>'
        )

    case(
        "xlsx-shared-string-index-outside-the-table",
        f"validate {SH} --appraisal appraisal.xlsx",
        {
            "appraisal.xlsx": _raw_book(
                [
                    row_two('<c r="C2" t="s"><v>-1</v></c>'),
                    row_two('<c r="C3" t="s"><v>9</v></c>').replace('"2"', '"3"'),
                ],
                ["u1", "1.2", "Sai"],
            )
        },
    )
    case(
        "xlsx-cell-values-no-spreadsheet-writes",
        f"validate {SH} --appraisal appraisal.xlsx",
        {
            "appraisal.xlsx": _raw_book(
                [
                    row_two('<c r="C2"><v>1_0</v></c>'),
                    row_two('<c r="C3" t="n"><v>\u0665</v></c>'),
                    row_two('<c r="C4"><v>nan</v></c>'),
                    row_two('<c r="C5" t="b"><v>2</v></c>'),
                    row_two('<c r="C6" t="d"><v>2025-13-45</v></c>'),
                ],
                ["u1", "1.2", "Sai"],
            )
        },
    )

    # ---- ids no longer than an id ----
    case(
        "table-id-too-long",
        f"validate {SH} --appraisal appraisal.csv --survey survey.csv",
        {
            "appraisal.csv": AH
            + "\n"
            + "u" * 5000
            + ",1.2,80,,Sai,1\nu1,"
            + "1" * 300
            + ",80,,Sai,1\n",
            "survey.csv": "unit_id,criterion,value\n" + "u" * 256 + ",3.1,4\n",
        },
    )

    # ---- the csv module's own errors, in words ----
    case(
        "csv-field-larger-than-field-limit",
        f"validate {SH} --appraisal appraisal.csv",
        {"appraisal.csv": AH + '\nu1,1.2,80,,"' + "Lý do " * 25000 + ",1\nu2,1.2,80,,Sai,1\n"},
    )
    case(
        "csv-text-after-closing-quote",
        f"validate {SH} --appraisal appraisal.csv",
        {"appraisal.csv": AH + '\nu1,1.2,"80"5,,Sai,1\n'},
    )

    def cut_survey(data):
        """The council's workbook with its survey sheet cut short after its first rows."""
        import zipfile

        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
            for item in source.infolist():
                body = source.read(item.filename)
                if item.filename == "xl/worksheets/sheet2.xml":
                    body = body[: body.index(b"</row>", body.index(b"</row>") + 1) + 20]
                target.writestr(item, body)
        return out.getvalue()

    case(
        "worksheet-damaged-survey-sheet-appraisal-only",
        f"rank {SH} --format csv --appraisal ws.xlsx",
        {"ws.xlsx": cut_survey(council)},
        exit_code=0,
    )
