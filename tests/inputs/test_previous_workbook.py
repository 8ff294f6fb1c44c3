"""`--previous` reads parindex's own ranking workbook: a title row, the hidden row of keys, the
header row people read (in either language), then the data — as parindex writes it and as
LibreOffice saves it again."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

from golden_support import run_cli

SHARED = Path(__file__).parents[1] / "malformed" / "_shared"
SOFFICE = shutil.which("soffice") or (
    "/usr/bin/soffice" if os.path.exists("/usr/bin/soffice") else None
)


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


def _resaved(path: Path, tmp_path: Path) -> Path:
    """`path` opened and saved again by LibreOffice, in a profile of its own (runs in
    parallel never share one)."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed: the re-saved workbook is not checked")
    profile = tmp_path / f"lo-{uuid.uuid4().hex}"
    out = tmp_path / "resaved"
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(path),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    resaved = out / path.name
    assert done.returncode == 0 and resaved.exists(), done.stderr.decode(errors="replace")
    assert resaved.read_bytes() != path.read_bytes()
    return resaved


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_previous_reads_the_ranking_workbook_after_libreoffice_saves_it(
    tmp_path: Path, lang: str
) -> None:
    _assert_previous_read(_resaved(_ranking_workbook(tmp_path, lang), tmp_path))
