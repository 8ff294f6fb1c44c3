"""A real spreadsheet program in the loop: a unit's reply filled in (the drop-down's entry, an
explanation, evidence on several lines) and saved again by LibreOffice Calc reads back exactly
as the one openpyxl saved — the same replies, the same `validate --replies` output, the same
`status --replies` counts."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from parindex.core.models import Framework
from parindex.errors import ProblemLog
from parindex.inputs.documents.loading import load_framework_file
from parindex.inputs.tables.replies import read_replies
from replies_support import fill, write_appraisal

from office_support import resave_all
from province_support import run

ROUND = ("units", "--appraisal", "appraisal.csv", "--replies", "replies")


def outputs() -> tuple[str, str, str]:
    checked = run("--lang", "vi", "validate", *ROUND)
    counted = run("status", *ROUND, "--format", "csv")
    assert counted.exit_code == 0, counted.stderr
    return checked.stdout, checked.stderr, counted.stdout


def test_replies_saved_by_libreoffice_read_back_the_same(province: Path, tmp_path: Path) -> None:
    write_appraisal(province)
    (province / "notices").mkdir()
    assert run("--lang", "vi", "notice", "units", "--appraisal", "appraisal.csv", "-o", "notices")
    replies = province / "replies"
    filled = [
        fill(
            province / "notices" / "d-alpha.xlsx",
            replies / "d-alpha.xlsx",
            {
                "1.2": (
                    "Không đồng ý",
                    "Kế hoạch ban hành ngày 20/01/2025 theo thời hạn được gia hạn;\nxem Công "
                    "văn số 12/UBND-NC",
                    "Công văn số 12/UBND-NC ngày 06/01/2025\nKế hoạch số 3/KH-SA ngày 20/01/2025",
                ),
                "1.4": ("Đồng ý", None, None),
            },
            edits={("1.4", "council_points"): 16},  # a locked cell typed over: a warning
        ),
        fill(
            province / "notices" / "d-gamma.xlsx",
            replies / "d-gamma.xlsx",
            {"1.5": ("Không đồng ý", "Chỉ trễ một báo cáo", "12/2025")},
        ),
    ]
    before = outputs()
    assert before[1].count("warning: council_points") == 1
    counts = {r["unit_id"]: r for r in csv.DictReader(io.StringIO(before[2]))}
    assert [counts["d-alpha"][k] for k in ("corrected", "replied", "disagreed")] == ["3", "2", "1"]
    assert [counts["d-gamma"][k] for k in ("corrected", "replied", "disagreed")] == ["1", "1", "1"]
    frameworks = {
        f.group: f
        for f in (load_framework_file(str(p)) for p in sorted((province / "criteria").iterdir()))
    }
    units = _units(frameworks)
    read_before = read_replies([str(replies)], units, ProblemLog()).replies
    for again in resave_all(filled, tmp_path):
        shutil.copy(again, replies / again.name)
    assert outputs() == before
    read_after = read_replies([str(replies)], units, ProblemLog()).replies
    assert [(r.unit_id, r.criterion, r.agrees, r.explanation, r.evidence) for r in read_after] == [
        (r.unit_id, r.criterion, r.agrees, r.explanation, r.evidence) for r in read_before
    ]
    assert read_after[0].evidence == (
        "Công văn số 12/UBND-NC ngày 06/01/2025",
        "Kế hoạch số 3/KH-SA ngày 20/01/2025",
    )
    assert read_after[-1].evidence == ("12/2025",)  # text, never a date


def _units(frameworks: dict[str, Framework]) -> dict[str, Framework]:
    department = frameworks["department"]
    return {"d-alpha": department, "d-gamma": department}


def test_the_round_two_workbook_saved_by_libreoffice_reads_back_the_same(
    province: Path, tmp_path: Path
) -> None:
    """The council's workbook with the replies beside its rows, saved again by LibreOffice:
    `--appraisal` reads past the reply columns alike."""
    write_appraisal(province)
    (province / "notices").mkdir()
    assert run("notice", "units", "--appraisal", "appraisal.csv", "-o", "notices").exit_code == 0
    fill(
        province / "notices" / "d-alpha.xlsx",
        province / "replies" / "d-alpha.xlsx",
        {"1.2": ("Disagree", "Gia hạn\nđến 31/01", "CV 12/UBND\nKH 3/KH-SA")},
    )
    made = run("worksheet", *ROUND, "-o", "round-2.xlsx")
    assert made.exit_code == 0, made.stderr
    (again,) = resave_all([province / "round-2.xlsx"], tmp_path)
    ranked = [
        run("rank", "units", "--appraisal", str(book), "--format", "csv")
        for book in (province / "round-2.xlsx", again)
    ]
    assert ranked[0].exit_code == 0, ranked[0].stderr
    assert ranked[1].stdout == ranked[0].stdout
    assert ranked[1].stderr == ranked[0].stderr
