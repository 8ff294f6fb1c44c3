"""`ties: rounded | exact` (SPEC §2.1) and a group ranked on one field (SPEC §4, §9)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from parindex.core.models import Framework
from parindex.core.ranking import competition_ranks, field_places, rank_units, shared_groups
from parindex.core.results import Ranking, UnitResult
from parindex.core.scoring import not_submitted, score_claims
from parindex.inputs.documents.loading import LoadedFramework, build_assessment, build_framework
from parindex.inputs.documents.yamlfile import parse_yaml

FRAMEWORK = """\
framework: ties-2025
title: Ties
group: g
precision: 2
{ties}
criteria:
  - id: "1"
    name: One
    criteria:
      - {{id: "1.1", name: Given, max: 80, rule: {{kind: points}}}}
  - id: "2"
    name: Two
    criteria:
      - {{id: "2.1", name: Maybe, max: 20, rule: {{kind: points}}, not_applicable: exclude}}
"""


def framework(ties: str | None) -> Framework:
    text = FRAMEWORK.format(ties=f"ties: {ties}" if ties else "")
    built, problems = build_framework(parse_yaml(text.encode(), "f.yaml"))
    assert built is not None, [p.render() for p in problems]
    return built


def unit(fw: Framework, unit_id: str, one: str, two: str | None) -> UnitResult:
    second = (
        '  "2.1": {not_applicable: true, reason: không phát sinh}\n'
        if two is None
        else f'  "2.1": {{value: {two}}}\n'
    )
    text = (
        f"unit: {{id: {unit_id}, name: Đơn vị {unit_id}, group: g}}\n"
        f'framework: {fw.framework}\nanswers:\n  "1.1": {{value: {one}}}\n{second}'
    )
    loaded, problems = build_assessment(
        parse_yaml(text.encode(), "u.yaml"), {fw.framework: LoadedFramework(fw, "f")}
    )
    assert loaded is not None, [p.render() for p in problems]
    return score_claims(fw, loaded.unit, loaded.claims)


def ranked(ties: str | None, *units: tuple[str, str, str | None]) -> Ranking:
    fw = framework(ties)
    (ranking,) = rank_units([unit(fw, *u) for u in units])
    return ranking


def table(ranking: Ranking) -> list[tuple[str, int, bool, str]]:
    return [(u.result.unit_id, u.rank, u.tied, str(u.index)) for u in ranking.units]


def test_ties_default_to_rounded() -> None:
    assert framework(None).ties == "rounded"


# 76.4899 and 76.485 both publish as 76.49 (76.4899 = 60 + 16.4899; 76.485 = 60 + 16.485).
@pytest.mark.parametrize(
    ("ties", "expected", "shared"),
    [
        (None, [("a", 1, True, "76.49"), ("b", 1, True, "76.49"), ("c", 3, False, "50.00")], 0),
        (
            "rounded",
            [("a", 1, True, "76.49"), ("b", 1, True, "76.49"), ("c", 3, False, "50.00")],
            0,
        ),
        (
            "exact",
            [("a", 1, False, "76.49"), ("b", 2, False, "76.49"), ("c", 3, False, "50.00")],
            1,
        ),
    ],
)
def test_exact_ties_rank_on_the_unrounded_index(
    ties: str | None, expected: list[tuple[str, int, bool, str]], shared: int
) -> None:
    ranking = ranked(ties, ("b", "60", "16.485"), ("a", "60", "16.4899"), ("c", "40", "10"))
    assert table(ranking) == expected
    assert len(ranking.shared) == shared
    if shared:
        assert [u.result.unit_id for u in ranking.shared[0]] == ["a", "b"]


def test_exact_ties_share_a_rank_only_when_the_exact_indices_are_equal() -> None:
    ranking = ranked(
        "exact",
        ("a", "60", "16.4899"),
        ("b", "56.4899", "20"),  # the same exact index by other points
        ("c", "60", "16.485"),
    )
    assert table(ranking) == [
        ("a", 1, True, "76.49"),
        ("b", 1, True, "76.49"),
        ("c", 3, False, "76.49"),
    ]
    assert [[u.result.unit_id for u in g] for g in ranking.shared] == [["a", "b", "c"]]


def test_units_that_did_not_submit_are_never_noted() -> None:
    fw = framework("exact")
    (ranking,) = rank_units(
        [unit(fw, "a", "0", "0"), not_submitted(fw, "z", "Z"), not_submitted(fw, "y", "Y")]
    )
    assert [(u.result.unit_id, u.rank) for u in ranking.units] == [("a", 1), ("y", 2), ("z", 2)]
    assert ranking.shared == ()


def test_competition_ranks_and_shared_groups() -> None:
    assert competition_ranks(["x", "y", "y", "z", "z", "z", "w"]) == [1, 2, 2, 4, 4, 4, 7]
    assert competition_ranks([]) == []
    entries = [
        ("a", Decimal("1.00"), 1),
        ("b", Decimal("1.00"), 2),
        ("c", Decimal("0.50"), 3),
        ("d", Decimal("0.50"), 3),
        ("e", None, None),
    ]
    assert shared_groups(entries) == (("a", "b"),)


# --- a group on one field --------------------------------------------------------------------


@pytest.mark.parametrize("ties", ["rounded", "exact"])
def test_field_places_rank_on_the_field_index_and_skip_what_does_not_apply(ties: str) -> None:
    ranking = ranked(
        ties,
        ("a", "60", "5"),  # field 1: 75.00, field 2: 25.00
        ("b", "72", None),  # field 1: 90.00, field 2 does not apply
        ("c", "60", "20"),  # field 1: 75.00, field 2: 100.00
        ("d", "60.0003", "10"),  # field 1: 75.000375 → 75.00, field 2: 50.00
    )
    one = field_places(ranking, "1")
    expected_one = [("b", 1), ("a", 2), ("c", 2), ("d", 2)]
    if ties == "exact":
        expected_one = [("b", 1), ("d", 2), ("a", 3), ("c", 3)]
    assert [(p.unit.result.unit_id, p.rank) for p in one] == expected_one
    assert {p.unit.result.unit_id: str(p.index) for p in one} == {
        "a": "75.00",
        "b": "90.00",
        "c": "75.00",
        "d": "75.00",
    }
    two = field_places(ranking, "2")
    assert [(p.unit.result.unit_id, p.rank, p.index) for p in two] == [
        ("c", 1, Decimal("100.00")),
        ("d", 2, Decimal("50.00")),
        ("a", 3, Decimal("25.00")),
        ("b", None, None),  # nothing of field 2 applies: no index, no rank, last
    ]
    assert (two[-1].points, two[-1].max_points) == (0, 0)
