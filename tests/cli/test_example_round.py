"""The example province's explanation round (`examples/province-2025/explanation_round.py`),
run as a user runs it: the notices of every unit the council's first round corrected, two
replies filled in, and the council's workbook for the second round with the replies in view
(the user guide shows this output)."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from parindex.app.common import reading
from parindex.app.replies import assessed_in, round_of
from parindex.app.requests import Sources
from parindex.errors import ProblemLog
from parindex.inputs.gather import gather

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "province-2025"
SCRIPT = EXAMPLE / "explanation_round.py"


def _corrected_in_round_one(first: Path) -> set[str]:
    """The units whose corrections stand after the first round, found by the library."""
    sources = Sources(
        (str(EXAMPLE),),
        criteria=str(REPO / "criteria"),
        appraisal=(str(first),),
        survey=(str(EXAMPLE / "survey" / "survey-2025.csv"),),
    )
    inputs = gather(reading(sources))
    now = round_of(assessed_in(inputs), sources.appraisal, (), ProblemLog())
    return {unit for unit, notice in now.notices.items() if notice.corrections}


def test_the_example_round_from_notices_to_the_second_round(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    first = tmp_path / "council" / "round-1.csv"
    with first.open(encoding="utf-8") as table:
        assert {row["round"] for row in csv.DictReader(table)} <= {"", "1"}
    notices = {p.stem for p in (tmp_path / "notices").iterdir()}
    assert notices == _corrected_in_round_one(first)
    assert {"so-xay-dung", "so-y-te"} <= notices
    assert sorted(p.name for p in (tmp_path / "replies").iterdir()) == [
        "so-xay-dung.xlsx",
        "so-y-te.xlsx",
    ]
    assert "$ parindex worksheet" in done.stdout  # each command printed as it is typed
    book = load_workbook(tmp_path / "council" / "round-2.xlsx")
    sheet = next(s for s in book.worksheets if _keys(s) and "reply_agree" in _keys(s))
    keys = _keys(sheet)
    disagreements = {
        (row[keys.index("unit_id")], row[keys.index("criterion")])
        for row in sheet.iter_rows(values_only=True)
        if row[keys.index("reply_agree")] == "Không đồng ý"
    }
    assert disagreements == {("so-xay-dung", "1.1.1"), ("so-y-te", "3.2.3")}


def _keys(sheet: object) -> list[str]:
    for at in (1, 2):
        keys = [c.value for c in sheet[at]]  # type: ignore[index]
        if "unit_id" in keys and "value" in keys:
            return keys
    return []
