"""`parindex sensitivity` end to end (ranks re-drawn under moved field weights): the small
province and the example province."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from province_support import run

HEADER = (
    "framework,group,unit_id,unit_name,rank,median_rank,p5_rank,p95_rank,best_rank,worst_rank,"
    "share_at_rank,uncertain"
)
MISSING = (
    "warning: 1 answers missing in 1 assessment(s), scored 0 (`parindex validate` lists them; "
    "--strict makes them errors)\n"
)
REPO = Path(__file__).resolve().parents[2]
EXAMPLE = "examples/province-2025"
EXAMPLE_ARGS = [
    "sensitivity",
    EXAMPLE,
    "--appraisal",
    f"{EXAMPLE}/council/appraisal-2025.csv",
    "--survey",
    f"{EXAMPLE}/survey/survey-2025.csv",
]


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline="")))


def raw(result: Result) -> str:
    return result.stdout_bytes.decode("utf-8")


@pytest.fixture
def at_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    if not (REPO / EXAMPLE).is_dir():
        pytest.skip(f"{EXAMPLE} is not in this checkout")
    monkeypatch.chdir(REPO)


# --- the small province ----------------------------------------------------------------------


def test_csv_columns_rows_and_published_ranks(province: Path) -> None:
    result = run("sensitivity", "units", "--format", "csv", "--runs", "200")
    assert result.exit_code == 0
    assert result.stderr == MISSING
    text = raw(result)
    assert text.startswith(HEADER + "\r\n")  # CRLF, no BOM on stdout
    rows = rows_of(text)
    # rows as in the ranking CSV: framework, then rank, then unit id
    assert [(r["framework"], r["rank"], r["unit_id"]) for r in rows] == [
        ("dept-2025", "1", "d-alpha"),
        ("dept-2025", "2", "d-beta"),
        ("dept-2025", "2", "d-gamma"),
        ("dept-2025", "4", "d-delta"),
        ("dept-2025", "5", "d-eps"),
        ("ward-2025", "1", "w-one"),
        ("ward-2025", "2", "w-two"),
    ]
    for row in rows:
        p5, median, p95 = int(row["p5_rank"]), int(row["median_rank"]), int(row["p95_rank"])
        assert int(row["best_rank"]) <= p5 <= median <= p95 <= int(row["worst_rank"])
        share = row["share_at_rank"]
        assert share.count(".") == 1 and len(share.split(".")[1]) == 1  # one decimal
        assert 0 <= Decimal(share) <= 100
    # Alpha (87) and Epsilon (23.68) are far from the rest: no weighting moves them.
    alpha, eps = rows[0], rows[4]
    assert [alpha[k] for k in HEADER.split(",")[4:]] == ["1"] * 6 + ["100.0", "no"]
    assert [eps[k] for k in HEADER.split(",")[4:]] == ["5"] * 6 + ["100.0", "no"]
    # uncertain: held at the published rank in fewer than 90 % of the runs
    for row in rows:
        assert row["uncertain"] == ("yes" if Decimal(row["share_at_rank"]) < 90 else "no")
    # Beta, Gamma and Delta are within 0.01 of each other: their ranks move.
    assert {r["unit_id"] for r in rows if r["best_rank"] != r["worst_rank"]} == {
        "d-beta",
        "d-gamma",
        "d-delta",
    }


def test_spread_zero_gives_every_run_the_published_rank(province: Path) -> None:
    result = run("sensitivity", "units", "--format", "csv", "--spread", "0", "--runs", "50")
    assert result.exit_code == 0
    for row in rows_of(raw(result)):
        ranks = {row[k] for k in ("median_rank", "p5_rank", "p95_rank", "best_rank", "worst_rank")}
        assert ranks == {row["rank"]}
        assert row["share_at_rank"] == "100.0"


def test_exact_ties_are_honoured(province: Path) -> None:
    dept = province / "criteria" / "dept.yaml"
    dept.write_text(
        dept.read_text(encoding="utf-8").replace("precision: 2\n", "precision: 2\nties: exact\n"),
        encoding="utf-8",
    )
    result = run("sensitivity", "units", "--format", "csv", "--spread", "0", "--runs", "5")
    assert result.exit_code == 0
    ranks = {r["unit_id"]: (r["rank"], r["median_rank"]) for r in rows_of(raw(result))}
    # Gamma 76.49 and Beta 76.485 both publish as 76.49; on the exact index Gamma is ahead.
    assert ranks["d-gamma"] == ("2", "2")
    assert ranks["d-beta"] == ("3", "3")
    assert ranks["d-delta"] == ("4", "4")


def test_json_document(province: Path) -> None:
    import parindex

    result = run("sensitivity", "units", "--format", "json", "--runs", "100", "--seed", "7")
    assert result.exit_code == 0
    assert result.stderr == MISSING
    doc = json.loads(result.stdout, parse_float=Decimal)
    assert list(doc) == ["tool", "inputs", "runs", "seed", "spread", "rankings"]
    assert doc["tool"] == {"name": "parindex", "version": parindex.__version__}
    for item in doc["inputs"]:
        assert item["sha256"] == hashlib.sha256((province / item["path"]).read_bytes()).hexdigest()
    assert (doc["runs"], doc["seed"], doc["spread"]) == (100, 7, 25)
    assert [(r["framework"], r["group"]) for r in doc["rankings"]] == [
        ("dept-2025", "department"),
        ("ward-2025", "ward"),
    ]
    dept = doc["rankings"][0]
    assert list(dept) == ["framework", "group", "units", "summary", "fields"]
    assert [list(u) for u in dept["units"]] == [HEADER.split(",")] * 5
    assert dept["units"][0]["rank"] == 1 and dept["units"][0]["share_at_rank"] == Decimal("100.0")
    assert dept["units"][0]["uncertain"] is False
    assert '"uncertain": false' in result.stdout
    uncertain = sum(1 for u in dept["units"] if u["uncertain"])
    assert dept["summary"] == (
        f"Sở Alpha holds rank 1 in 100.0 % of the weightings; {uncertain}/5 units have an "
        "uncertain rank"
    )
    vi = run("--lang", "vi", "sensitivity", "units", "--format", "json", "--runs", "100")
    summary = json.loads(vi.stdout)["rankings"][0]["summary"]
    assert summary.startswith("Sở Alpha giữ hạng 1 trong 100,0% số phương án trọng số; ")
    assert summary.endswith("/5 đơn vị có thứ hạng chưa ổn định")
    assert '"share_at_rank": 100.0' in result.stdout
    assert [f["id"] for f in dept["fields"]] == ["1", "2"]
    assert [f["name"] for f in dept["fields"]] == ["Chỉ đạo điều hành", "Kết quả"]
    assert all(list(f) == ["id", "name", "mean_abs_rank_change"] for f in dept["fields"])
    # the CSV and the JSON say the same
    csv_rows = rows_of(
        raw(run("sensitivity", "units", "--format", "csv", "--runs", "100", "--seed", "7"))
    )
    json_rows = [u for r in doc["rankings"] for u in r["units"]]
    words = {True: "yes", False: "no"}
    assert [
        {k: words[v] if isinstance(v, bool) else str(v) for k, v in u.items()} for u in json_rows
    ] == csv_rows


def test_leaving_a_field_out(province: Path) -> None:
    # Bonus and penalty stay (Alpha +2, Epsilon −5). Department field 1 left out, field 2
    # alone (2.1 of 40; survey 2.2 and council 2.3 pending, 0 of 10): Alpha 37, Delta 36.48,
    # Gamma 32.99, Beta 26.485, Epsilon 15 → ranks 1, 2, 3, 4, 5 where the published ones are
    # 1, 4, 2, 2, 5: 0 + 2 + 1 + 2 + 0 = 5 over 5 units = 1.00.
    # Field 2 left out, field 1 alone (Epsilon's applicable maximum there is 26): Alpha
    # 52 of 50 → 100, Beta 50 of 50 → 100, Gamma 43.5, Delta 40, Epsilon (3 − 5) / 26 → 0
    # → ranks 1, 1, 3, 4, 5 against 1, 2, 2, 4, 5: 0 + 1 + 1 + 0 + 0 = 2 over 5 = 0.40.
    result = run("sensitivity", "units", "--format", "json", "--runs", "10")
    assert result.exit_code == 0
    dept = json.loads(result.stdout, parse_float=Decimal)["rankings"][0]
    assert [(f["id"], f["mean_abs_rank_change"]) for f in dept["fields"]] == [
        ("1", Decimal("1.00")),
        ("2", Decimal("0.40")),
    ]
    assert '"mean_abs_rank_change": 1.00' in result.stdout


def test_table_marks_uncertain_ranks_and_says_how_to_read_them(province: Path) -> None:
    data = rows_of(raw(run("sensitivity", "units", "--format", "csv", "--runs", "300")))
    result = run("--lang", "en", "sensitivity", "units", "--runs", "300")
    assert result.exit_code == 0
    assert result.stderr == MISSING
    out = result.stdout
    assert out.startswith(
        "How firm each rank is: 300 random weightings (seed: 1), each field's weight moved at "
        "random by up to ±25 %, the total maximum unchanged\n"
    )
    names = {"d-alpha": "Sở Alpha", "d-beta": "Sở Beta", "d-gamma": "Sở Gamma"}
    names |= {"d-delta": "Sở Delta", "d-eps": "Sở Epsilon", "w-one": "Phường Một"}
    for row in data:
        if row["unit_id"] not in names:
            continue
        (line,) = [
            x for x in out.splitlines() if names[row["unit_id"]] in x and "holds rank" not in x
        ]
        assert ("rank uncertain" in line) == (row["uncertain"] == "yes"), line
        assert f"{row['p5_rank']}–{row['p95_rank']}" in line
        assert line.split()[0] == row["rank"]
    assert sum(1 for r in data if r["uncertain"] == "yes") >= 1
    assert out.count("How to read it: a 90 % interval of 3–6 means") == 2  # once per group
    assert "fewer than 90 % of the weightings" in out
    # the summary a leader reads, under each group's table
    dept = [r for r in data if r["framework"] == "dept-2025"]
    uncertain = sum(1 for r in dept if r["uncertain"] == "yes")
    assert (
        f"Sở Alpha holds rank 1 in {dept[0]['share_at_rank']} % of the weightings; "
        f"{uncertain}/5 units have an uncertain rank." in " ".join(out.split())
    )
    assert "When one field is left out" in out
    assert "1 Direction" in out  # field 1 of the department framework, by its English name


def test_same_seed_same_bytes_other_seed_other_draws(province: Path, tmp_path: Path) -> None:
    args = ["sensitivity", "units", "--runs", "300"]
    for fmt in ("csv", "json"):
        first = run(*args, "--format", fmt).stdout_bytes
        assert run(*args, "--format", fmt).stdout_bytes == first
    first = run(*args, "--format", "csv").stdout_bytes
    assert run(*args, "--format", "csv", "--seed", "2").stdout_bytes != first
    written = run(*args, "-o", "out.csv")
    assert written.exit_code == 0
    assert written.stdout == ""
    assert written.stderr == MISSING + "wrote out.csv\n"
    assert (province / "out.csv").read_bytes() == b"\xef\xbb\xbf" + first  # BOM in files
    assert run(*args, "-o", "out.csv", "--no-bom").exit_code == 0
    assert (province / "out.csv").read_bytes() == first
    assert run(*args, "-o", "out.json").exit_code == 0
    assert (province / "out.json").read_bytes() == run(*args, "--format", "json").stdout_bytes


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "x.xlsx"], "sensitivity writes .csv or .json"),
        (["--format", "csv", "-o", "x.json"], "conflicts with -o"),
        (["--spread", "100"], "--spread"),
        (["--spread", "-1"], "--spread"),
        (["--runs", "0"], "--runs"),
        (["--seed", "-3"], "--seed"),
        (["--hold", "101"], "--hold"),
        (["--hold", "-1"], "--hold"),
        (["--hold", "nan"], "--hold"),
        (["--allow-absent"], "--allow-absent needs --roster"),
        (["--format", "xlsx"], "--format"),
    ],
)
def test_usage_errors_exit_2(province: Path, args: list[str], message: str) -> None:
    result = run("sensitivity", "units", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr
    assert not (province / "x.xlsx").exists() and not (province / "x.json").exists()


def test_input_errors_exit_1(province: Path) -> None:
    result = run("sensitivity", "nowhere")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "nowhere" in result.stderr and "Traceback" not in result.stderr
    (province / "units" / "d-beta.yaml").write_text("unit: [\n", encoding="utf-8")
    broken = run("sensitivity", "units", "--format", "csv")
    assert broken.exit_code == 1
    assert broken.stdout == ""
    assert "units/d-beta.yaml:" in broken.stderr and "error:" in broken.stderr


# --- the example province --------------------------------------------------------------------


@pytest.mark.usefixtures("at_repo_root")
def test_example_province_at_spread_zero_reproduces_the_ranking() -> None:
    ranking = rows_of(raw(run("rank", *EXAMPLE_ARGS[1:], "--format", "csv")))
    result = run(*EXAMPLE_ARGS, "--format", "csv", "--spread", "0", "--runs", "20")
    assert result.exit_code == 0
    rows = rows_of(raw(result))
    assert [(r["unit_id"], r["rank"]) for r in rows] == [(r["unit_id"], r["rank"]) for r in ranking]
    for row in rows:
        assert row["median_rank"] == row["p5_rank"] == row["p95_rank"] == row["rank"]
        assert row["best_rank"] == row["worst_rank"] == row["rank"]
        assert row["share_at_rank"] == "100.0"


@pytest.mark.usefixtures("at_repo_root")
def test_example_province_is_byte_identical_for_a_seed() -> None:
    first = run(*EXAMPLE_ARGS, "--format", "json")
    assert first.exit_code == 0
    assert run(*EXAMPLE_ARGS, "--format", "json").stdout_bytes == first.stdout_bytes
    doc = json.loads(first.stdout)
    assert (doc["runs"], doc["seed"], doc["spread"]) == (1000, 1, 25)
    assert [r["group"] for r in doc["rankings"]] == ["commune", "department", "vertical-agency"]


@pytest.mark.usefixtures("at_repo_root")
def test_example_province_csv_matches_golden(golden: Any) -> None:
    result = run(*EXAMPLE_ARGS, "--format", "csv")
    assert result.exit_code == 0
    golden("sensitivity-province-2025.csv", raw(result))  # CRLF kept


def test_a_narrow_terminal_hides_columns_but_never_cuts_a_number(province: Path) -> None:
    from golden_support import run_cli

    data = rows_of(raw(run("sensitivity", "units", "--format", "csv", "--runs", "300")))
    result = run_cli(["--lang", "en", "sensitivity", "units", "--runs", "300"], {"COLUMNS": "72"})
    assert result.exit_code == 0
    out = result.stdout
    assert "index and best–worst hidden: the terminal is too narrow" in out
    assert max(len(line) for line in out.splitlines() if "─" in line or "━" in line) <= 72
    for row in data:
        assert f"{row['p5_rank']}–{row['p95_rank']}" in out
        assert row["share_at_rank"] in out
    assert "…" not in out  # nothing cut: names and the "rank uncertain" mark wrap
    assert "uncertain" in out
    wide = run("--lang", "en", "sensitivity", "units", "--runs", "300")
    assert "hidden" not in wide.stdout and "Best–worst" in wide.stdout


def test_hold_sets_what_an_uncertain_rank_is(province: Path) -> None:
    """--hold 0: no rank is uncertain; --hold 100: every rank not held in every run is."""
    never = rows_of(raw(run("sensitivity", "units", "--format", "csv", "--hold", "0")))
    assert {r["uncertain"] for r in never} == {"no"}
    always = rows_of(raw(run("sensitivity", "units", "--format", "csv", "--hold", "100")))
    assert [r["uncertain"] for r in always] == [
        "no" if r["share_at_rank"] == "100.0" else "yes" for r in always
    ]
    assert {r["uncertain"] for r in always} == {"yes", "no"}
