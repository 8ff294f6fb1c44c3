"""The council's workbook survives a real spreadsheet program: filled with openpyxl, saved
again by headless LibreOffice Calc, it reads back exactly as the openpyxl-saved one — the
kept rounds and their checks, the labels picked from the drop-downs, the numbers, the survey
values — as `rank --appraisal` and `--survey` read it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from golden_support import run_cli
from office_support import resave

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "province-2025"
BASE = [str(EXAMPLE / "forms"), "--criteria", str(ROOT / "criteria")]
UNITS = ["--unit", "so-xay-dung", "--unit", "xa-lam-son", "--unit", "cong-an-tinh"]
TABLES = [
    "--appraisal",
    str(EXAMPLE / "council" / "appraisal-2025.csv"),
    "--survey",
    str(EXAMPLE / "survey" / "survey-2025.csv"),
]


def _fill(path: Path) -> None:
    """What a council does: a label picked from a drop-down, points set, a second round
    below a kept first one, a survey value typed over."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    appraisal, survey = book.worksheets[0], book.worksheets[1]
    keys = [c.value for c in appraisal[1]]
    rows = [dict(zip(keys, row, strict=True)) for row in appraisal.iter_rows(min_row=3)]
    lists = book["lists"]
    picked = next(r for r in rows if r["criterion"].value == "1.1.1" and not r["check"].value)
    picked["value"].value = lists["A2"].value  # the second entry of the first drop-down
    picked["reason"].value = "Ban hành sau thời hạn"
    kept = {r["criterion"].value: r for r in rows if r["check"].value}
    scored = next(
        r
        for r in rows
        if r["self_points"].value and r["criterion"].value not in kept and r is not picked
    )
    scored["points"].value = Decimal(str(scored["max_points"].value)) / 4
    scored["reason"].value = "Tài liệu kiểm chứng chưa đầy đủ"
    assert kept, "the appraisal file's rounds are kept"
    second = next(
        r
        for r in rows
        if not r["check"].value
        and r["criterion"].value in kept
        and r["unit_id"].value == kept[r["criterion"].value]["unit_id"].value
    )
    second["points"].value = 0
    second["reason"].value = "Giải trình không được chấp nhận"
    skeys = [c.value for c in survey[1]]
    first = dict(zip(skeys, next(survey.iter_rows(min_row=3)), strict=True))
    first["value"].value = 3.75
    book.save(path)


def _read(path: Path, lang: str) -> tuple[str, str]:
    result = run_cli(
        [
            "--lang",
            lang,
            "rank",
            *BASE,
            "--appraisal",
            str(path),
            "--survey",
            str(path),
            "--format",
            "json",
        ]
    )
    assert result.exit_code == 0, result.stderr
    warnings = "\n".join(line for line in result.stderr.splitlines() if str(path) in line)
    return _without_inputs(result.stdout), warnings


def _without_inputs(text: str) -> str:
    import json

    data: dict[str, Any] = json.loads(text)
    data.pop("inputs")  # the two files' hashes differ, by design
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_filled_workbook_saved_by_libreoffice_reads_back_the_same(
    tmp_path: Path, lang: str
) -> None:
    path = tmp_path / f"council-{lang}.xlsx"
    made = run_cli(["--lang", lang, "worksheet", *BASE, *TABLES, *UNITS, "-o", str(path)])
    assert made.exit_code == 0, made.stderr
    _fill(path)
    resaved = resave(path, tmp_path)
    by_openpyxl, warned = _read(path, lang)
    by_libreoffice, warned_again = _read(resaved, lang)
    assert by_libreoffice == by_openpyxl
    assert warned == warned_again == ""  # its sheets are still known, whatever they are called
    # and the corrections count: the filled workbook differs from the files it was made from
    plain = run_cli(["--lang", lang, "rank", *BASE, *TABLES, "--format", "json"])
    assert _without_inputs(plain.stdout) != by_openpyxl
