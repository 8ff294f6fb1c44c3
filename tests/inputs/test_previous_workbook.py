"""`--previous` reads parindex's own ranking workbook: a title row, the hidden row of keys, the
header row people read (in either language), then the data — as parindex writes it and as
LibreOffice saves it again."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from golden_support import run_cli
from office_support import resave

SHARED = Path(__file__).parents[1] / "malformed" / "_shared"


def _rank(lang: str, *more: str) -> list[dict[str, str]]:
    units, criteria = str(SHARED / "units"), str(SHARED / "criteria")
    result = run_cli(["--lang", lang, "rank", units, "--criteria", criteria, *more])
    assert result.exit_code == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout))) if result.stdout else []


def _ranking_workbook(tmp_path: Path, lang: str) -> Path:
    path = tmp_path / f"ranking-{lang}.xlsx"
    _rank(lang, "-o", str(path))
    assert path.exists()
    return path


def _assert_previous_read(path: Path) -> None:
    plain = {r["unit_id"]: r for r in _rank("en", "--format", "csv")}
    rows = _rank("en", "--format", "csv", "--previous", str(path))
    assert [r["unit_id"] for r in rows] == list(plain)
    for row in rows:
        assert row["prev_rank"] == plain[row["unit_id"]]["rank"]
        assert row["prev_index"] == plain[row["unit_id"]]["index"]
        assert row["rank_change"] == "0"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_previous_reads_the_ranking_workbook_parindex_wrote(tmp_path: Path, lang: str) -> None:
    _assert_previous_read(_ranking_workbook(tmp_path, lang))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_previous_reads_the_ranking_workbook_after_libreoffice_saves_it(
    tmp_path: Path, lang: str
) -> None:
    _assert_previous_read(resave(_ranking_workbook(tmp_path, lang), tmp_path))
