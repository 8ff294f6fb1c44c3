"""Property: an appraisal file never changes the result of a unit it does not name.

Three units of the compact department framework (test_cli_rank), with ids chosen to tempt
sloppy matching (a prefix, a case variant). Random valid appraisal rows name one or two of
them; the others' points, indices and leaves must be exactly those without the file.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parindex import i18n
from parindex.app.unit import score_inputs
from parindex.core.results import UnitResult
from parindex.inputs.discovery import Request
from parindex.inputs.gather import gather

from province_support import DEPT_FRAMEWORK, dept, full_first_field

UNIT_IDS = ["so-a", "so-a2", "SO-A"]
UNITS = {
    "so-a": dept(
        "so-a", "Sở A", {**full_first_field(), "2.1": {"value": 31.5}, "3.1": {"value": 2}}
    ),
    "so-a2": dept(
        "so-a2",
        "Sở A2",
        {
            **full_first_field(
                **{
                    "1_2": {"value": "late"},
                    "1_4": {"value": {"numerator": 45, "denominator": 60}},
                    "1_5": {"value": None},
                }
            ),
            "2.1": {"value": 12.25},
            "3.2": {"value": 1.5},
        },
    ),
    "SO-A": dept(
        "SO-A",
        "Sở A hoa",
        {
            **full_first_field(
                **{
                    "1_3": {"not_applicable": True, "reason": "không phát sinh"},
                    "1_5": {"value": 3},
                }
            ),
            "2.1": {"value": 40},
        },
    ),
}

LEAF_RANGES = {
    "1.1": (0, 8),
    "1.2": (0, 8),
    "1.3": (0, 8),
    "1.4": (0, 16),
    "1.5": (-5, 10),
    "2.1": (0, 40),
    "2.3": (0, 5),
    "3.1": (0, 5),
    "3.2": (0, 5),
}


def _num(low: float, high: float) -> st.SearchStrategy[str]:
    return st.decimals(
        min_value=low, max_value=high, places=2, allow_nan=False, allow_infinity=False
    ).map(lambda d: f"{d:f}")


VALUES: dict[str, st.SearchStrategy[str]] = {
    "1.1": st.sampled_from(["yes", "no", "có", "không", "true"]),
    "1.2": st.sampled_from(["on_time", "late", "none"]),
    "1.3": st.one_of(_num(0, 100), _num(0, 100).map(lambda t: t.replace(".", ",")), st.just("N/A")),
    "1.4": st.one_of(
        _num(0, 100),
        st.just("N/A"),
        st.integers(1, 40).flatmap(lambda d: st.integers(0, d).map(lambda n: f"{n}/{d}")),
    ),
    "1.5": st.integers(0, 9).map(str),
    "2.1": _num(0, 40),
    "2.3": _num(0, 5),
    "3.1": _num(0, 5),
    "3.2": _num(0, 5),
}


@st.composite
def appraisal_rows(draw: st.DrawFn) -> list[tuple[str, str, str, str, str, str]]:
    named = draw(st.lists(st.sampled_from(UNIT_IDS), min_size=1, max_size=2, unique=True))
    rows = []
    for unit_id in named:
        keys = draw(
            st.lists(
                st.tuples(st.sampled_from(sorted(LEAF_RANGES)), st.integers(1, 3)),
                min_size=1,
                max_size=6,
                unique=True,
            )
        )
        for criterion, round_ in keys:
            if draw(st.booleans()):
                value, points = draw(VALUES[criterion]), ""
            else:
                value, points = "", draw(_num(*LEAF_RANGES[criterion]))
            round_text = "" if round_ == 1 and draw(st.booleans()) else str(round_)
            cell_id = draw(st.sampled_from([unit_id, f" {unit_id} "]))  # cells are trimmed
            rows.append((cell_id, criterion, value, points, "Hội đồng sửa", round_text))
    return draw(st.permutations(rows))


def _key(result: UnitResult) -> tuple[Any, ...]:
    return (
        result.leaves,
        tuple(sorted(result.nodes.items())),
        result.regular_points,
        result.bonus,
        result.penalty,
        result.max_points,
        result.index,
        result.self_points,
        result.missing,
        result.pending,
    )


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, UnitResult]]:
    root = tmp_path_factory.mktemp("appraisal-property")
    (root / "criteria").mkdir()
    (root / "criteria" / "dept.yaml").write_text(DEPT_FRAMEWORK, encoding="utf-8")
    (root / "units").mkdir()
    for index, data in enumerate(UNITS.values()):
        (root / "units" / f"u{index}.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    with i18n.using("en"):  # module-scoped: before the autouse fixture of each test
        return root, _results(root, [])


def _results(root: Path, appraisal: list[str]) -> dict[str, UnitResult]:
    request = Request(
        paths=[str(root / "units")],
        criteria=str(root / "criteria"),
        criteria_given=True,
        appraisal=appraisal,
    )
    return {r.unit_id: r for r in score_inputs(gather(request))}


def test_baseline(world: tuple[Path, dict[str, UnitResult]]) -> None:
    _, base = world
    assert sorted(base) == sorted(UNIT_IDS)
    assert len({_key(r) for r in base.values()}) == 3


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(rows=appraisal_rows())
def test_appraisal_leaves_units_it_does_not_name_alone(
    world: tuple[Path, dict[str, UnitResult]], rows: list[tuple[str, str, str, str, str, str]]
) -> None:
    root, base = world
    path = root / "appraisal.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["unit_id", "criterion", "value", "points", "reason", "round"])
        writer.writerows(rows)
    appraised = _results(root, [str(path)])
    named = {row[0].strip() for row in rows}
    assert sorted(appraised) == sorted(UNIT_IDS)
    for unit_id in UNIT_IDS:
        if unit_id in named:
            # the file did apply to the units it names: every named leaf is appraised
            statuses = {leaf.criterion: leaf.status for leaf in appraised[unit_id].leaves}
            assert {statuses[row[1]] for row in rows if row[0].strip() == unit_id} == {"appraised"}
        else:
            assert _key(appraised[unit_id]) == _key(base[unit_id])
    # an appraisal never moves the index out of [0, 100]
    assert all(Decimal(0) <= r.index <= Decimal(100) for r in appraised.values())


def test_totals_only_results_keep_every_total_and_no_leaf(
    world: tuple[Path, dict[str, UnitResult]],
) -> None:
    root, base = world
    request = Request(paths=[str(root / "units")], criteria=str(root / "criteria"))
    lean = {r.unit_id: r for r in score_inputs(gather(request), keep_leaves=False)}
    assert sorted(lean) == sorted(base)
    for unit_id, result in lean.items():
        full = base[unit_id]
        assert result.leaves == ()
        assert full.leaves
        assert (result.fields, result.index, result.self_points, result.missing) == (
            full.fields,
            full.index,
            full.self_points,
            full.missing,
        )
        assert (result.pending, result.points, result.max_points) == (
            full.pending,
            full.points,
            full.max_points,
        )
