"""Several earlier years (`--previous YEAR=FILE`, repeatable, and the settings' [previous]):
the latest gives this year's changes, every one each unit's `years` in JSON (followed through
--id-map) and the report's chart of each unit over the years."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from parindex.core.years import YearPoint, unit_years

from province_support import run, write_csv

HEADER = ("framework", "group", "rank", "unit_id", "unit_name", "index")


def write_years(province: Path) -> None:
    """2023 and 2024 rankings: d-alpha was d-old in 2023; w-one was formed in 2024 from w-a
    and w-b, which stood alone in 2023 as w-a only; d-gamma is new this year."""
    write_csv(
        province / "r2023.csv",
        [
            HEADER,
            ("dept-2023", "department", "1", "d-beta", "Sở Beta", "85.00"),
            ("dept-2023", "department", "2", "d-old", "Sở Cũ", "70.50"),
            ("dept-2023", "department", "3", "d-delta", "Sở Delta", "60.00"),
            ("ward-2023", "ward", "1", "w-a", "Phường A", "45.5"),
            ("ward-2023", "ward", "2", "w-two", "Xã Hai", "20.0"),
        ],
    )
    write_csv(
        province / "r2024.csv",
        [
            HEADER,
            ("dept-2024", "department", "3", "d-alpha", "Sở Alpha", "80"),
            ("dept-2024", "department", "1", "d-beta", "Sở Beta", "90.00"),
            ("dept-2024", "department", "2", "d-delta", "Sở Delta", "76.48"),
            ("ward-2024", "ward", "1", "w-a", "Phường A", "50.0"),
            ("ward-2024", "ward", "2", "w-b", "Phường B", "40.0"),
            ("ward-2024", "ward", "3", "w-two", "Xã Hai", "30.5"),
        ],
    )
    write_csv(
        province / "map.csv",
        [("old_id", "new_id"), ("d-old", "d-alpha"), ("w-a", "w-one"), ("w-b", "w-one")],
    )


def json_units(*args: str) -> dict[str, dict[str, object]]:
    result = run("rank", "units", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout, parse_float=Decimal)
    return {u["unit_id"]: u for r in doc["rankings"] for u in r["units"]}


TWO_YEARS = ("--previous", "2023=r2023.csv", "--previous", "2024=r2024.csv")


def test_years_in_json_oldest_first_and_followed_through_the_id_map(province: Path) -> None:
    write_years(province)
    units = json_units(*TWO_YEARS, "--id-map", "map.csv")
    assert {k: u["years"] for k, u in units.items()} == {
        "d-alpha": [  # renamed: d-old in 2023, d-alpha in 2024 (the map keeps its own id)
            {"year": 2023, "rank": 2, "index": Decimal("70.50")},
            {"year": 2024, "rank": 3, "index": Decimal("80.00")},
        ],
        "d-beta": [
            {"year": 2023, "rank": 1, "index": Decimal("85.00")},
            {"year": 2024, "rank": 1, "index": Decimal("90.00")},
        ],
        "d-gamma": [],  # new this year
        "d-delta": [
            {"year": 2023, "rank": 3, "index": Decimal("60.00")},
            {"year": 2024, "rank": 2, "index": Decimal("76.48")},
        ],
        "d-eps": [],
        # formed from w-a + w-b in 2024 (no single predecessor); w-a alone in 2023
        "w-one": [{"year": 2023, "rank": 1, "index": Decimal("45.5")}],
        "w-two": [
            {"year": 2023, "rank": 2, "index": Decimal("20.0")},
            {"year": 2024, "rank": 3, "index": Decimal("30.5")},
        ],
    }
    # the latest year gives this year's changes, as a single --previous did
    assert units["d-alpha"]["prev_rank"] == 3
    assert units["d-alpha"]["history"] is None  # already d-alpha in 2024
    assert units["w-one"]["history"] == "formed from w-a + w-b"
    # `years` sits after the ranking's columns, before the fields
    keys = list(units["d-beta"])
    assert keys.index("history") + 1 == keys.index("years") == keys.index("fields") - 1


def test_the_latest_year_drives_the_changes_whatever_the_order(province: Path) -> None:
    write_years(province)
    one = run("rank", "units", "--previous", "r2024.csv", "--format", "csv")
    both = run(
        "rank", "units", "--previous", "2024=r2024.csv", "--previous", "2023=r2023.csv",
        "--format", "csv",
    )  # fmt: skip
    assert both.exit_code == 0, both.stderr
    assert both.stdout == one.stdout  # the CSV keeps its columns
    assert run("rank", "units", *TWO_YEARS, "--format", "csv").stdout == one.stdout


def test_a_bare_file_is_the_year_before_the_frameworks(province: Path) -> None:
    write_years(province)
    units = json_units("--previous", "r2024.csv", "--previous", "2023=r2023.csv")
    assert [p["year"] for p in units["d-beta"]["years"]] == [2023, 2024]
    single = json_units("--previous", "r2024.csv")
    assert single["d-beta"]["years"] == [{"year": 2024, "rank": 1, "index": Decimal("90.00")}]


def test_json_without_previous_has_no_years(province: Path) -> None:
    units = json_units()
    assert "years" not in units["d-beta"]


def test_years_from_the_settings(province: Path) -> None:
    write_years(province)
    (province / "parindex.toml").write_text(
        'year = 2025\nunits = ["units"]\nid_map = "map.csv"\n'
        "[previous]\n2024 = 'r2024.csv'\n2023 = 'r2023.csv'\n",
        encoding="utf-8",
    )
    result = run("rank", "--format", "json")
    assert result.exit_code == 0, result.stderr
    given = run("rank", "units", *TWO_YEARS, "--id-map", "map.csv", "--format", "json")
    assert result.stdout == given.stdout
    # --previous given replaces every year of the settings
    write_csv(province / "map2024.csv", [("old_id", "new_id"), ("w-a", "w-one")])
    only = run(
        "rank", "--previous", "2024=r2024.csv", "--id-map", "map2024.csv", "--format", "json"
    )
    assert only.exit_code == 0, only.stderr
    doc = json.loads(only.stdout)
    beta = next(u for r in doc["rankings"] for u in r["units"] if u["unit_id"] == "d-beta")
    assert [p["year"] for p in beta["years"]] == [2024]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--previous", "last=r2024.csv"),
            "error: --previous last=r2024.csv: 'last' is not a year; write YEAR=FILE with a "
            "whole year such as 2025, or the FILE alone for last year",
        ),
        (
            ("--previous", "2024=r2024.csv", "--previous", "2024=r2023.csv"),
            "error: --previous: 2024 is given twice (r2024.csv and r2023.csv)",
        ),
        (
            ("--previous", "r2024.csv", "--previous", "r2023.csv"),
            "error: --previous: r2024.csv and r2023.csv are both given without a year; write "
            "YEAR=FILE for the earlier ones",
        ),
        (
            ("--previous", "r2024.csv", "--previous", "2024=r2023.csv"),
            "error: two earlier rankings for 2024: r2024.csv (given without a year: the year "
            "before 2025) and r2023.csv",
        ),
        (
            ("--previous", "2026=r2024.csv"),
            "error: the earlier ranking r2024.csv is given for 2026, which is not before this "
            "year (2025, the frameworks' year)",
        ),
        (
            ("--previous", "2023=map.csv", "--previous", "2024=r2024.csv"),
            "map.csv:1: error: unit_id: missing column(s) unit_id, rank, index; the header must "
            "name unit_id,rank,index,[group],[unit_name]",
        ),
    ],
)
def test_bad_years(province: Path, args: tuple[str, ...], message: str) -> None:
    write_years(province)
    result = run("rank", "units", *args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == message + "\n"


def test_a_file_named_with_an_equals_sign_is_a_file(province: Path) -> None:
    write_years(province)
    (province / "r=2024.csv").write_bytes((province / "r2024.csv").read_bytes())
    result = run("rank", "units", "--previous", "r=2024.csv", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert (
        result.stdout == run("rank", "units", "--previous", "r2024.csv", "--format", "csv").stdout
    )


def test_the_id_map_may_name_old_ids_of_any_year(province: Path) -> None:
    write_years(province)
    write_csv(province / "map.csv", [("old_id", "new_id"), ("d-old", "d-alpha")])
    # d-old is only in 2023: with 2024 alone it is no id of the earlier ranking
    alone = run("rank", "units", "--previous", "r2024.csv", "--id-map", "map.csv")
    assert alone.exit_code == 1
    assert "map.csv:2: error: old_id: 'd-old' is not in the previous ranking" in alone.stderr
    assert run("rank", "units", *TWO_YEARS, "--id-map", "map.csv").exit_code == 0


def test_report_draws_each_unit_over_the_years(province: Path) -> None:
    write_years(province)
    result = run("report", "units", *TWO_YEARS, "--id-map", "map.csv", "-o", "r.html")
    assert result.exit_code == 0, result.stderr
    page = (province / "r.html").read_text(encoding="utf-8")
    charts = re.findall(
        r'<svg role="img" aria-label="Index of each unit over the years, ([^"]*)"', page
    )
    assert charts == ["Test department index 2025", "Chỉ số CCHC các phường năm 2025 (thử)"]
    # one panel per unit: its line and the group's mean, in every group
    assert page.count("Index of each unit over the years, against the group mean") == 2
    single = run("report", "units", "-o", "s.html")
    assert single.exit_code == 0
    assert "over the years" not in (province / "s.html").read_text(encoding="utf-8")
    again = run("report", "units", *TWO_YEARS, "--id-map", "map.csv", "-o", "r2.html")
    assert again.exit_code == 0
    assert (province / "r2.html").read_bytes() == (province / "r.html").read_bytes()


def test_unit_years_leaves_out_a_year_with_no_single_predecessor() -> None:
    from parindex.core.results import PreviousEntry

    def entry(unit_id: str, rank: int, index: str) -> PreviousEntry:
        return PreviousEntry(unit_id, rank, Decimal(index), "g")

    earlier = [
        (2024, {"a": entry("a", 1, "90"), "b": entry("b", 2, "80")}),
        (2022, {"a": entry("a", 2, "70")}),
        (2023, {"x": entry("x", 1, "75")}),
    ]
    merged = {"n": ["a", "b"]}
    assert unit_years("n", earlier, merged) == (YearPoint(2022, 2, Decimal("70")),)
    assert unit_years("x", earlier, None) == (YearPoint(2023, 1, Decimal("75")),)
    assert unit_years("a", earlier, None) == (
        YearPoint(2022, 2, Decimal("70")),
        YearPoint(2024, 1, Decimal("90")),
    )


def test_csv_of_two_years_reads_back_as_an_earlier_year(province: Path) -> None:
    """This year's ranking, written with two earlier years, is next year's --previous."""
    write_years(province)
    written = run("rank", "units", *TWO_YEARS, "-o", "r2025.csv")
    assert written.exit_code == 0, written.stderr
    rows = list(csv.DictReader(io.StringIO((province / "r2025.csv").read_text("utf-8-sig"))))
    assert rows[0]["prev_rank"] == "3"


def test_a_ranking_of_the_frameworks_year_is_a_warning(province: Path) -> None:
    """A new year's folder may still hold last year's frameworks: last year's ranking, of the
    frameworks' year, is compared against all the same, with a warning."""
    write_years(province)
    result = run("rank", "units", "--previous", "2025=r2024.csv", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] + "\n" == (
        "r2024.csv: warning: given for 2025, the year of the frameworks too: if this year's "
        "frameworks are not in place yet, the changes are counted against 2025 all the same\n"
    )
    assert result.stdout.splitlines()[0].endswith(
        "prev_rank,rank_change,prev_index,index_change,history"
    )
