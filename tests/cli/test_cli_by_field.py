"""Ranks per field (`rank --by-field`, JSON `fields[].rank`) and `ties: exact` end to end."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import Result

from province_support import UNITS, WARD_FRAMEWORK, dump, run, ward

BY_FIELD_HEADER = "framework,group,rank,unit_id,unit_name,field,index,points,max_points"
MISSING = (
    "criteria/dept.yaml: warning: 10 survey or council values are pending in 5 unit(s) of "
    "framework 'dept-2025', scored 0 until supplied (--survey, --appraisal)\n"
    "warning: 1 answers missing in 1 assessment(s), scored 0 (`parindex validate` lists them; "
    "--strict makes them errors)\n"
)


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline="")))


def raw(result: Result) -> str:
    return result.stdout_bytes.decode("utf-8")


def exact_ties(province: Path) -> None:
    dept = province / "criteria" / "dept.yaml"
    text = dept.read_text(encoding="utf-8")
    dept.write_text(text.replace("precision: 2\n", "precision: 2\nties: exact\n"), "utf-8")


def ward_without_field_5(province: Path) -> None:
    """Ward 5.1 may not arise; w-three's did not (0 of 0 dossiers): field 5 has no index."""
    (province / "criteria" / "ward.yaml").write_text(
        WARD_FRAMEWORK.replace(
            "        max: 40\n        rule: {kind: ratio}",
            "        max: 40\n        not_applicable: allowed\n        rule: {kind: ratio}",
        ),
        encoding="utf-8",
    )
    unit = ward(
        "w-three",
        "Phường Ba",
        {
            "1.1": {"value": "yes"},
            "1.2": {"value": "half"},
            "5.1": {"value": {"numerator": 0, "denominator": 0}},
        },
    )
    (province / "units" / "w-three.yaml").write_text(dump(unit), encoding="utf-8")


# --- JSON fields[].rank ----------------------------------------------------------------------


def test_json_fields_carry_the_rank_on_each_field(province: Path) -> None:
    ward_without_field_5(province)
    result = run("rank", "units", "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout, parse_float=Decimal)
    dept, wards = doc["rankings"]
    fields = {
        u["unit_id"]: {f["id"]: (f["index"], f["rank"]) for f in u["fields"]} for u in dept["units"]
    }
    # field 1 indices: Alpha, Beta, Delta 100 (Delta's 1.5 is missing but 40 of 50 … see below)
    assert fields["d-alpha"]["1"] == (Decimal("100.00"), 1)
    assert fields["d-beta"]["1"] == (Decimal("100.00"), 1)
    assert fields["d-gamma"]["1"] == (Decimal("87.00"), 3)
    assert fields["d-delta"]["1"] == (Decimal("80.00"), 4)
    assert fields["d-eps"]["1"] == (Decimal("11.54"), 5)  # 3 of 26
    # field 2 (of 50): Delta 36.48, Alpha 35, Gamma 32.99, Beta 26.485 → 52.97, Epsilon 20
    assert [fields[u]["2"][1] for u in ("d-delta", "d-alpha", "d-gamma", "d-beta", "d-eps")] == [
        1,
        2,
        3,
        4,
        5,
    ]
    assert fields["d-beta"]["2"] == (Decimal("52.97"), 4)
    # a field whose every leaf is not applicable: index null, rank null
    three = next(u for u in wards["units"] if u["unit_id"] == "w-three")
    field_5 = next(f for f in three["fields"] if f["id"] == "5")
    assert field_5["index"] is None and field_5["rank"] is None
    assert field_5["max_points"] == Decimal("0.0")
    assert '"index": null,\n' in result.stdout and '"rank": null\n' in result.stdout
    others = [f for u in wards["units"] if u["unit_id"] != "w-three" for f in u["fields"]]
    # Phường Một 13.3 of 40 and Xã Hai 20 of 40 on field 5 (units in the overall rank order)
    assert [(f["id"], f["rank"]) for f in others if f["id"] == "5"] == [("5", 2), ("5", 1)]


def test_a_field_that_does_not_apply_shows_a_dash_in_tables(province: Path) -> None:
    ward_without_field_5(province)
    table = run("--lang", "en", "rank", "units")
    assert table.exit_code == 0
    (line,) = [x for x in table.stdout.splitlines() if "Phường Ba" in x]
    assert line.rstrip().endswith("—") or " — " in line
    score = run("--lang", "en", "score", "units/w-three.yaml")
    assert score.exit_code == 0
    # the tree row of field 5, then its row in the field summary, whose index is "—"
    tree_row, field_row = [
        x for x in score.stdout.splitlines() if x.strip().startswith("5 Dịch vụ công")
    ]
    assert field_row.rstrip().endswith("0.00   0.00   —") or field_row.rstrip().endswith("—")
    assert not tree_row.rstrip().endswith("—")
    doc = json.loads(run("score", "units/w-three.yaml", "--format", "json").stdout)
    assert next(f for f in doc["fields"] if f["id"] == "5")["index"] is None


# --- rank --by-field -------------------------------------------------------------------------


def test_by_field_csv(province: Path) -> None:
    ward_without_field_5(province)
    result = run("rank", "units", "--by-field", "5", "--format", "csv")
    assert result.exit_code == 0
    assert result.stderr == MISSING
    # only the ward group has field 5; w-three has nothing applicable: no rank, no index, last
    assert raw(result) == (
        BY_FIELD_HEADER + "\r\n"
        "ward-2025,ward,1,w-two,Xã Hai,5,50.0,20.0,40.0\r\n"
        "ward-2025,ward,2,w-one,Phường Một,5,33.3,13.3,40.0\r\n"
        "ward-2025,ward,,w-three,Phường Ba,5,,0.0,0.0\r\n"
    )


def test_by_field_over_every_group_with_ties(province: Path) -> None:
    result = run("rank", "units", "--by-field", "1", "--format", "csv")
    assert result.exit_code == 0
    rows = [(r["framework"], r["rank"], r["unit_id"], r["index"]) for r in rows_of(raw(result))]
    assert rows == [
        ("dept-2025", "1", "d-alpha", "100.00"),
        ("dept-2025", "1", "d-beta", "100.00"),
        ("dept-2025", "3", "d-gamma", "87.00"),
        ("dept-2025", "4", "d-delta", "80.00"),
        ("dept-2025", "5", "d-eps", "11.54"),
        ("ward-2025", "1", "w-one", "100.0"),
        ("ward-2025", "2", "w-two", "25.0"),
    ]


def test_by_field_json_and_table(province: Path) -> None:
    result = run("rank", "units", "--by-field", "2", "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout, parse_float=Decimal)
    assert list(doc) == ["tool", "inputs", "field", "rankings"]
    assert doc["field"] == "2"
    (dept,) = doc["rankings"]  # the ward framework has no field 2
    assert dept["field"] == {"id": "2", "name": "Kết quả"}
    assert [(u["unit_id"], u["rank"], u["index"]) for u in dept["units"]] == [
        ("d-delta", 1, Decimal("72.96")),
        ("d-alpha", 2, Decimal("70.00")),
        ("d-gamma", 3, Decimal("65.98")),
        ("d-beta", 4, Decimal("52.97")),
        ("d-eps", 5, Decimal("40.00")),
    ]
    assert list(dept["units"][0]) == BY_FIELD_HEADER.split(",")
    assert "note" not in dept  # ties: rounded
    table = run("--lang", "en", "rank", "units", "--by-field", "2")
    assert table.exit_code == 0
    assert table.stderr == MISSING
    out = table.stdout
    assert "ranked on field 2 Results" in out or "ranked on field 2 Kết quả" in out
    lines = [x.split() for x in out.splitlines() if "Sở " in x]
    assert [(x[0], x[2]) for x in lines] == [
        ("1", "Delta"),
        ("2", "Alpha"),
        ("3", "Gamma"),
        ("4", "Beta"),
        ("5", "Epsilon"),
    ]
    assert "72.96" in out and "36.48/50.00" in out


def test_by_field_writes_a_file(province: Path) -> None:
    result = run("rank", "units", "--by-field", "1", "-o", "field-1.csv")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == MISSING + "wrote field-1.csv\n"
    data = (province / "field-1.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + BY_FIELD_HEADER.encode() + b"\r\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by-field", "7"], "--by-field 7: no such field; the fields are 1, 2, 5"),
        (["--by-field", "1.1"], "the fields are 1, 2, 5"),
        (["--by-field", "1", "--claims"], "--by-field and --claims"),
        (["--by-field", "1", "-o", "x.xlsx"], "--by-field writes .csv or .json"),
        (["--by-field", "1", "--previous", "x.csv"], "--previous compares the overall ranking"),
    ],
)
def test_by_field_usage_errors(province: Path, args: list[str], message: str) -> None:
    result = run("rank", "units", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr
    assert not (province / "x.xlsx").exists()


# --- ties: exact -----------------------------------------------------------------------------


def test_exact_ties_rank_and_note_in_the_table(province: Path) -> None:
    exact_ties(province)
    result = run("--lang", "en", "rank", "units")
    assert result.exit_code == 0
    out = result.stdout
    ranks = {
        name: next(x for x in out.splitlines() if name in x and "Published" not in x).split()[0]
        for name in ("Sở Alpha", "Sở Beta", "Sở Gamma", "Sở Delta")
    }
    # Gamma 76.49 and Beta 76.485 both publish as 76.49; the exact index puts Gamma first.
    assert ranks == {"Sở Alpha": "1", "Sở Gamma": "2", "Sở Beta": "3", "Sở Delta": "4"}
    assert (
        "Published index 76.49 is shared by Sở Gamma (rank 2), Sở Beta (rank 3): ranked on the "
        "exact index (ties: exact)." in out
    )
    # the ward framework ranks on rounded indices: no note there
    assert out.count("Published index") == 1


def test_rounded_ties_share_the_rank_and_say_nothing(province: Path) -> None:
    result = run("--lang", "en", "rank", "units")
    assert result.exit_code == 0
    assert "Published index" not in result.stdout
    beta = next(x for x in result.stdout.splitlines() if "Sở Beta" in x)
    assert beta.split()[0] == "2="


def test_exact_ties_note_in_json_and_the_csv_unchanged(province: Path) -> None:
    rounded_csv = rows_of(raw(run("rank", "units", "--format", "csv")))
    exact_ties(province)
    result = run("--lang", "en", "rank", "units", "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    dept, wards = doc["rankings"]
    notes = {u["unit_id"]: u["note"] for u in dept["units"]}
    assert notes["d-gamma"] == (
        "Shares the published index 76.49 with Sở Beta (rank 3) but ranks 2 on the exact index "
        "(ties: exact)."
    )
    assert notes["d-beta"].startswith("Shares the published index 76.49 with Sở Gamma (rank 2)")
    assert notes["d-alpha"] is None and notes["d-delta"] is None
    assert dept["note"].startswith("Published index 76.49 is shared by Sở Gamma (rank 2)")
    assert "note" not in wards and all("note" not in u for u in wards["units"])
    exact_csv = rows_of(raw(run("rank", "units", "--format", "csv")))
    # same columns; only the ranks changed
    assert [list(r) for r in exact_csv] == [list(r) for r in rounded_csv]
    assert [(r["unit_id"], r["rank"]) for r in exact_csv][:4] == [
        ("d-alpha", "1"),
        ("d-gamma", "2"),
        ("d-beta", "3"),
        ("d-delta", "4"),
    ]


def test_exact_ties_on_a_field(province: Path) -> None:
    # Field 2 (of 50): Delta 36.48 → 72.96; Beta's 2.1 set to 36.4799 → 72.9598, which also
    # publishes as 72.96 but ranks second on the exact index.
    exact_ties(province)
    beta = json.loads(json.dumps(UNITS["d-beta"]))
    beta["answers"]["2.1"] = {"value": 36.4799}
    (province / "units" / "d-beta.yaml").write_text(dump(beta), encoding="utf-8")
    result = run("--lang", "en", "rank", "units", "--by-field", "2", "--format", "json")
    assert result.exit_code == 0
    dept = json.loads(result.stdout)["rankings"][0]
    first = [(u["unit_id"], u["rank"], u["index"]) for u in dept["units"]][:3]
    assert first == [("d-delta", 1, 72.96), ("d-beta", 2, 72.96), ("d-alpha", 3, 70.0)]
    assert dept["units"][1]["note"] == (
        "Shares the published index 72.96 with Sở Delta (rank 1) but ranks 2 on the exact "
        "index (ties: exact)."
    )
    assert dept["units"][2]["note"] is None
    assert dept["note"] == (
        "Published index 72.96 is shared by Sở Delta (rank 1), Sở Beta (rank 2): ranked on the "
        "exact index (ties: exact)."
    )
    table = run("--lang", "en", "rank", "units", "--by-field", "2")
    assert table.exit_code == 0
    assert dept["note"] in table.stdout
    csv_text = raw(run("rank", "units", "--by-field", "2", "--format", "csv"))
    assert csv_text.splitlines()[0] == BY_FIELD_HEADER
    assert "d-delta,Sở Delta,2,72.96" in csv_text and "d-beta,Sở Beta,2,72.96" in csv_text


def test_the_warnings_about_the_inputs_come_before_a_later_error(province: Path) -> None:
    """An error found once the inputs are read (a field no framework has, an output that
    cannot be written) comes after what the run had to say about its inputs, as before."""
    result = run("rank", "units", "--by-field", "7")
    assert result.exit_code == 2
    assert result.stderr.startswith(MISSING)
    assert "Error: --by-field 7: no such field" in result.stderr
    result = run("rank", "units", "-o", "nowhere/r.csv")
    assert result.exit_code == 1
    assert result.stderr.startswith(MISSING)
    assert result.stderr.splitlines()[-1].startswith("error: nowhere/r.csv: the directory")
