"""The example province is a year's folder as `init` makes it: every command runs inside it
with no paths (its `parindex.toml` names the files) and gives what the same command with every
path written out gives from the repository's root."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from province_support import run

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "province-2025"
E = "examples/province-2025"
EXPLICIT = [
    f"{E}/forms",
    "--appraisal",
    f"{E}/council/appraisal-2025.csv",
    "--survey",
    f"{E}/survey/survey-2025.csv",
    "--roster",
    f"{E}/roster.csv",
    "--previous",
    f"2024={E}/previous/ranking-2024.csv",
    "--previous",
    f"2023={E}/previous/ranking-2023.csv",
    "--id-map",
    f"{E}/id-map.csv",
    "--no-config",
]


@pytest.fixture
def year(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example, two folders below a copy of the shipped frameworks (as in the
    repository), the current directory."""
    shutil.copytree(REPO / "criteria", tmp_path / "criteria")
    folder = tmp_path / "examples" / "province-2025"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.chdir(folder)
    return folder


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_rank_in_the_folder_is_the_rank_with_every_path_given(
    fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    given = run("rank", *EXPLICIT, "--format", fmt)
    assert given.exit_code == 0, given.stderr
    monkeypatch.chdir(EXAMPLE)
    found = run("rank", "--format", fmt)
    assert found.exit_code == 0, found.stderr
    assert found.stderr.splitlines()[0] == "note: settings from parindex.toml"
    if fmt == "csv":
        assert found.stdout == given.stdout
        assert "prev_rank" in found.stdout.splitlines()[0]  # the years of [previous] were read
    else:  # the same rankings; the inputs are named from where each run stood
        assert found.stdout.split('"rankings"')[1] == given.stdout.split('"rankings"')[1]


def test_the_example_s_table_is_its_ranking(monkeypatch: pytest.MonkeyPatch) -> None:
    """`parindex rank` with no options shows the ranking of every group, with last year."""
    monkeypatch.chdir(EXAMPLE)
    result = run("--lang", "vi", "rank")
    assert result.exit_code == 0, result.stderr
    for title in ("sở, ban, ngành", "xã, phường"):
        assert title in result.stdout
    assert "Sở Nội vụ" in result.stdout and "Hợp nhất từ" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["status"],
        ["validate"],
        ["worksheet", "-o", "council/worksheet-2025.xlsx"],
        ["notice", "-o", "notices"],
        ["rank", "-o", "results/ranking-2025.xlsx"],
        ["report", "-o", "results/report-2025.html"],
        ["gaps", "forms/commune/xa-muong-long.yaml"],
        ["score", "forms/department/so-noi-vu.yaml"],
        ["sensitivity", "--runs", "20"],
        ["survey", "--format", "csv"],
    ],
    ids=lambda args: args[0],
)
def test_every_command_runs_in_the_folder_with_no_paths(year: Path, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert "error:" not in result.stderr
    if "-o" in args:
        assert (year / args[args.index("-o") + 1]).exists()


def test_the_survey_table_of_the_folder_is_made_from_its_responses(year: Path) -> None:
    made = run("survey", "--format", "csv")
    shipped = (year / "survey" / "survey-2025.csv").read_text(encoding="utf-8-sig")
    assert made.stdout.splitlines() == shipped.splitlines()


def test_the_folders_people_fill_say_what_goes_there() -> None:
    for name in ("notices", "replies", "results"):
        text = (EXAMPLE / name / "README.txt").read_text(encoding="utf-8")
        assert text.count("\n") == 1 and text.strip()
