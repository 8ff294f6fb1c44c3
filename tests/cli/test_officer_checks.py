"""What a provincial officer checks first: penalties in claims, pending results, readable
errors when run from the wrong folder, and output files colleagues can open."""

from __future__ import annotations

import csv
import io
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from parindex.cli import main

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = "examples/province-2025"
TABLES = [
    "--appraisal",
    f"{EXAMPLE}/council/appraisal-2025.csv",
    "--survey",
    f"{EXAMPLE}/survey/survey-2025.csv",
]


def run(*args: str, cwd: Path = REPO) -> object:
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, list(args), env={"COLUMNS": "160", "PARINDEX_LANG": "en"})
    finally:
        os.chdir(old)


def test_a_penalty_claimed_lower_than_appraised_is_an_over_claim(tmp_path: Path) -> None:
    out = tmp_path / "claims.csv"
    result = run("rank", EXAMPLE, *TABLES, "--claims", "-o", str(out))
    assert result.exit_code == 0  # type: ignore[attr-defined]
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    penalty = next(
        r
        for r in rows
        if r["unit_id"] == "ban-quan-ly-du-an-dau-tu-xay-dung" and r["criterion"] == "9.2.1"
    )
    # Claimed no penalty, the council set 2: the unit over-claimed by 2 in its favour.
    assert (penalty["self_points"], penalty["points"], penalty["difference"]) == (
        "0.00",
        "-2.00",
        "2.00",
    )
    unit_rows = [r for r in rows if r["unit_id"] == penalty["unit_id"]]
    differences = [float(r["difference"]) for r in unit_rows]
    assert differences == sorted(differences, reverse=True)


def test_breakdown_keeps_a_penalty_positive_as_spec_defines_it(tmp_path: Path) -> None:
    out = tmp_path / "breakdown.csv"
    ranking = tmp_path / "ranking.csv"
    result = run("rank", EXAMPLE, *TABLES, "--breakdown", str(out), "-o", str(ranking))
    assert result.exit_code == 0  # type: ignore[attr-defined]
    rows = [
        r
        for r in csv.DictReader(io.StringIO(out.read_text("utf-8-sig")))
        if r["unit_id"] == "ban-quan-ly-du-an-dau-tu-xay-dung"
    ]
    assert next(r for r in rows if r["criterion"] == "9.2.1")["points"] == "2.00"
    unit = next(
        r
        for r in csv.DictReader(io.StringIO(ranking.read_text("utf-8-sig")))
        if r["unit_id"] == "ban-quan-ly-du-an-dau-tu-xay-dung"
    )
    # self_points is the plain sum of the claims stated (penalty claims included as written)
    claimed = sum(float(r["self_points"]) for r in rows if r["self_points"])
    assert abs(claimed - float(unit["self_points"])) < 0.005 * len(rows)


def test_the_ranking_table_counts_criteria_still_awaiting_results() -> None:
    result = run("--lang", "vi", "rank", EXAMPLE, *TABLES)
    assert result.exit_code == 0  # type: ignore[attr-defined]
    lines = [
        line.strip()
        for line in result.stdout.splitlines()  # type: ignore[attr-defined]
        if "chờ kết quả" in line
    ]
    # the groups in the frameworks' order: departments, vertical agencies, communes
    assert lines == [
        "Tiêu chí chờ kết quả điều tra xã hội học hoặc thẩm định (tạm tính 0 điểm): 4 (2 đơn vị)",
        "Tiêu chí chờ kết quả điều tra xã hội học hoặc thẩm định (tạm tính 0 điểm): 8 (3 đơn vị)",
    ]


def test_running_away_from_the_criteria_folder_says_so_once(tmp_path: Path) -> None:
    result = run("rank", str(REPO / EXAMPLE), cwd=tmp_path)
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert result.stdout == ""  # type: ignore[attr-defined]
    assert result.stderr.splitlines() == [  # type: ignore[attr-defined]
        "criteria: error: no frameworks found ('criteria' does not exist here); run parindex "
        "from the folder that holds criteria/, or pass --criteria DIR"
    ]


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("98,4", "(write 98.4: a dot for decimals in YAML)"),
        ("48%", "(write 48, without the % sign)"),
    ],
)
def test_numbers_typed_the_spreadsheet_way_get_a_hint(
    tmp_path: Path, typed: str, hint: str
) -> None:
    source = (REPO / EXAMPLE / "forms/department/so-noi-vu.yaml").read_text("utf-8")
    unit = tmp_path / "unit.yaml"
    unit.write_text(source.replace("value: 98.4", f'value: "{typed}"'), "utf-8")
    result = run("score", str(unit), "--criteria", str(REPO / "criteria"), cwd=tmp_path)
    assert result.exit_code == 1  # type: ignore[attr-defined]
    (line,) = result.stderr.splitlines()  # type: ignore[attr-defined]
    assert line.endswith(
        f"error: answers[\"1.1.2\"].value: '{typed}' is not a number; expected a number {hint}"
    )


def test_output_files_are_readable_by_colleagues(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        for name in ("ranking.csv", "ranking.xlsx", "ranking.json"):
            target = tmp_path / name
            result = run("rank", EXAMPLE, *TABLES, "-o", str(target))
            assert result.exit_code == 0  # type: ignore[attr-defined]
            assert stat.S_IMODE(target.stat().st_mode) == 0o644
    finally:
        os.umask(old)
