"""core.sensitivity: moved field weights, re-ranked as `rank` ranks (SPEC §9), worked by hand."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parindex.core.models import Framework
from parindex.core.ranking import rank_units
from parindex.core.results import Ranking, UnitResult
from parindex.core.scoring import not_submitted, score_claims
from parindex.core.sensitivity import (
    analyse,
    competition_ranks,
    group_matrix,
    nearest_rank,
    publish,
    rescale,
    run_indices,
    run_ranks,
)
from parindex.inputs.documents.loading import LoadedFramework, build_assessment, build_framework
from parindex.inputs.documents.yamlfile import parse_yaml

# Two fields of `points` leaves (60 and 40), a leaf of field 2 that may not arise, and a bonus.
TWO_FIELDS = """\
framework: two-2025
title: Hai lĩnh vực
group: g
precision: {precision}
ties: {ties}
criteria:
  - id: "1"
    name: Một
    criteria:
      - {{id: "1.1", name: A, max: 60, rule: {{kind: points}}}}
  - id: "2"
    name: Hai
    criteria:
      - {{id: "2.1", name: B, max: {m2}, rule: {{kind: points}}, not_applicable: exclude}}
  - id: "9"
    name: Thưởng
    criteria:
      - {{id: "9.1", name: Thưởng, max: 5, adjust: bonus, rule: {{kind: points}}}}
"""


def framework(precision: int = 2, ties: str = "rounded", m2: str = "40") -> Framework:
    text = TWO_FIELDS.format(precision=precision, ties=ties, m2=m2)
    built, problems = build_framework(parse_yaml(text.encode(), "f.yaml"))
    assert built is not None, [p.render() for p in problems]
    return built


def unit(fw: Framework, unit_id: str, answers: dict[str, str]) -> UnitResult:
    """A unit scored from `answers` (leaf id → YAML value; "N/A" marks it not applicable)."""
    lines = "".join(
        f'  "{leaf}": {{not_applicable: true, reason: không phát sinh}}\n'
        if value == "N/A"
        else f'  "{leaf}": {{value: {value}}}\n'
        for leaf, value in answers.items()
    )
    text = (
        f"unit: {{id: {unit_id}, name: Đơn vị {unit_id}, group: g}}\n"
        f"framework: {fw.framework}\nanswers:\n{lines}"
    )
    loaded, problems = build_assessment(
        parse_yaml(text.encode(), "u.yaml"), {fw.framework: LoadedFramework(fw, "f")}
    )
    assert loaded is not None, [p.render() for p in problems]
    return score_claims(fw, loaded.unit, loaded.claims)


def ranking_of(results: list[UnitResult]) -> Ranking:
    (ranking,) = rank_units(results)
    return ranking


def by_id(ranking: Ranking) -> dict[str, int]:
    return {u.result.unit_id: i for i, u in enumerate(ranking.units)}


# --- the rescaling, by hand ------------------------------------------------------------------
# Field maxima M = (60, 40). Unit a: 54 + 20 = 74; unit b: 42 + 36 = 78. Drawn factors d are
# rescaled to k = d · ΣM / Σ d·M, so Σ k·M = 100 and index = Σ k·p / Σ k·m × 100:
#   d = (1.2, 0.8):   Σ d·M = 104; a = (64.8 + 16) / 104 = 77.6923…, b = 79.2 / 104 = 76.1538…
#   d = (0.8, 1.2):   Σ d·M = 96;  a = (43.2 + 24) / 96 = 70.00,     b = 76.8 / 96 = 80.00
#   d = (1.25, 0.75): Σ d·M = 105; a = (67.5 + 15) / 105 = 78.5714…, b = 79.5 / 105 = 75.7142…
#   d = (1, 1): the published 74.00 and 78.00


@pytest.mark.parametrize(
    ("draws", "k", "published", "ranks"),
    [
        (("1.2", "0.8"), ("100/104*1.2", "100/104*0.8"), ("77.69", "76.15"), (1, 2)),
        (("0.8", "1.2"), ("100/96*0.8", "100/96*1.2"), ("70.00", "80.00"), (2, 1)),
        (("1.25", "0.75"), ("100/105*1.25", "100/105*0.75"), ("78.57", "75.71"), (1, 2)),
        (("1", "1"), ("1", "1"), ("74.00", "78.00"), (2, 1)),
    ],
)
def test_rescaling_worked_by_hand(
    draws: tuple[str, str], k: tuple[str, str], published: tuple[str, str], ranks: tuple[int, int]
) -> None:
    fw = framework()
    ranking = ranking_of(
        [unit(fw, "a", {"1.1": "54", "2.1": "20"}), unit(fw, "b", {"1.1": "42", "2.1": "36"})]
    )
    matrix = group_matrix(ranking)
    assert matrix.field_max.tolist() == [60.0, 40.0]
    drawn = np.array([[float(Fraction(d)) for d in draws]])
    factors = rescale(drawn, matrix.field_max)

    def fraction(text: str) -> Fraction:
        value = Fraction(1)
        for part in text.split("*"):
            numerator, _, denominator = part.partition("/")
            value *= Fraction(numerator) / Fraction(denominator or 1)
        return value

    assert factors[0].tolist() == pytest.approx([float(fraction(x)) for x in k], rel=1e-12)
    assert float((factors[0] * matrix.field_max).sum()) == pytest.approx(100, rel=1e-12)
    index = run_indices(matrix, factors)
    order = by_id(ranking)
    got = publish(index, 2)[0]
    assert [got[order["a"]] / 100, got[order["b"]] / 100] == [float(p) for p in published]
    run = run_ranks(matrix, factors)[0]
    assert (int(run[order["a"]]), int(run[order["b"]])) == ranks


def test_factors_of_one_stay_exactly_one() -> None:
    maxima = np.array([10.5, 7.75, 15.0, 9.0, 10.0, 7.5, 15.0, 25.25])
    assert (rescale(np.ones((3, 8)), maxima) == 1.0).all()


def test_a_float_just_below_a_half_publishes_as_the_exact_decimal_does() -> None:
    # 17.165 + 50 is 67.16499999999999 in floats; the exact index 67.165 publishes as 67.17.
    fw = framework(m2="40")
    result = unit(fw, "a", {"1.1": "50", "2.1": "17.165"})
    assert str(ranking_of([result]).units[0].index) == "67.17"
    index = run_indices(group_matrix(ranking_of([result])), np.ones((1, 2)))
    assert index[0, 0] < 67.165  # the float is below the half …
    assert publish(index, 2)[0, 0] == 6717  # … and still publishes as 67.17
    assert publish(np.array([67.16499999999999, 67.164, 0.005, 100.0]), 2).tolist() == [
        6717,
        6716,
        1,
        10000,
    ]


def test_the_applicable_maximum_and_the_bonus_enter_as_in_scoring() -> None:
    # Unit n: 2.1 did not arise, so its field 2 maximum is 0 and its index is (51 + 3) / 60.
    fw = framework()
    results = [
        unit(fw, "n", {"1.1": "51", "2.1": "N/A", "9.1": "3"}),
        unit(fw, "f", {"1.1": "60", "2.1": "40", "9.1": "5"}),
    ]
    ranking = ranking_of(results)
    matrix = group_matrix(ranking)
    order = by_id(ranking)
    assert matrix.maxima[order["n"]].tolist() == [60.0, 0.0]
    one = run_indices(matrix, np.ones((1, 2)))[0]
    assert one[order["n"]] == pytest.approx(90.0)
    assert one[order["f"]] == 100.0  # 105 of 100, clamped
    # field 1 doubled, field 2 zeroed: n = (2·51 + 3) / (2·60) = 87.5
    moved = run_indices(matrix, np.array([[2.0, 0.0]]))[0]
    assert moved[order["n"]] == pytest.approx(87.5)


# --- ranks over the runs ---------------------------------------------------------------------


def province_like(fw: Framework, count: int, seed: int) -> list[UnitResult]:
    rng = np.random.default_rng(seed)
    return [
        unit(
            fw,
            f"u{i:02d}",
            {"1.1": f"{rng.uniform(20, 60):.3f}", "2.1": f"{rng.uniform(5, 40):.3f}"},
        )
        for i in range(count)
    ]


@pytest.mark.parametrize("ties", ["rounded", "exact"])
def test_spread_zero_reproduces_the_published_ranks(ties: str) -> None:
    fw = framework(ties=ties)
    results = province_like(fw, 25, seed=7)
    # a tie on the published index (and, under exact, on the exact one), and an absent unit
    results.append(unit(fw, "tie-a", {"1.1": "40", "2.1": "20.004"}))
    results.append(unit(fw, "tie-b", {"1.1": "40.004", "2.1": "20"}))
    results.append(unit(fw, "tie-c", {"1.1": "40", "2.1": "20.001"}))
    results.append(not_submitted(fw, "absent", "Chưa nộp"))
    (group,) = analyse([ranking_of(results)], runs=20, seed=3, spread=0)
    for place in group.units:
        published = place.unit.rank
        assert (place.median, place.p5, place.p95, place.best, place.worst) == (published,) * 5
        assert place.share_at_rank == Decimal("100.0")
        assert not place.uncertain


def test_a_run_with_every_factor_one_ranks_on_the_exact_decimals() -> None:
    # 67.1649999999 publishes as 67.16 (rank 2), 67.17 as 67.17 (rank 1). In floats, with
    # the tolerance, the first would publish as 67.17 too; the unmoved run does not use them.
    fw = framework()
    below = unit(fw, "below", {"1.1": "50", "2.1": "17.1649999999"})
    above = unit(fw, "above", {"1.1": "50", "2.1": "17.17"})
    ranking = ranking_of([below, above])
    assert [(u.result.unit_id, str(u.index), u.rank) for u in ranking.units] == [
        ("above", "67.17", 1),
        ("below", "67.16", 2),
    ]
    matrix = group_matrix(ranking)
    assert publish(run_indices(matrix, np.ones((1, 2))), 2).tolist() == [[6717, 6717]]
    assert run_ranks(matrix, np.ones((3, 2))).tolist() == [[1, 2]] * 3
    (group,) = analyse([ranking], runs=10, seed=1, spread=0)
    assert [(p.median, p.best, p.worst) for p in group.units] == [(1, 1, 1), (2, 2, 2)]


def test_the_float_path_alone_reproduces_published_indices() -> None:
    # Every run but the unmoved one is computed in floats: at factors of 1 the floats, rounded
    # with the tolerance, give back every published index of an irregular group.
    fw = framework()
    results = province_like(fw, 40, seed=11)
    results += [unit(fw, "half", {"1.1": "50", "2.1": "17.165"})]  # 67.16499999… in floats
    ranking = ranking_of(results)
    matrix = group_matrix(ranking)
    floats = publish(run_indices(matrix, np.ones((1, 2))), 2)[0]
    assert [int(x) for x in floats] == [int(u.index * 100) for u in ranking.units]


def test_ties_exact_and_rounded_at_spread_zero() -> None:
    rounded = ranking_of(
        [
            unit(framework(), "a", {"1.1": "40", "2.1": "20.004"}),
            unit(framework(), "b", {"1.1": "40", "2.1": "20.001"}),
        ]
    )
    assert [u.rank for u in rounded.units] == [1, 1]
    fw = framework(ties="exact")
    exact = ranking_of(
        [
            unit(fw, "a", {"1.1": "40", "2.1": "20.004"}),
            unit(fw, "b", {"1.1": "40", "2.1": "20.001"}),
        ]
    )
    assert [u.rank for u in exact.units] == [1, 2]
    for ranking in (rounded, exact):
        (group,) = analyse([ranking], runs=5, seed=1, spread=0)
        assert [p.median for p in group.units] == [u.rank for u in ranking.units]


def test_a_unit_far_ahead_stays_first() -> None:
    fw = framework()
    results = province_like(fw, 12, seed=2)
    results.append(unit(fw, "leader", {"1.1": "60", "2.1": "39"}))
    (group,) = analyse([ranking_of(results)], runs=500, seed=1, spread=25)
    leader = next(p for p in group.units if p.unit.result.unit_id == "leader")
    assert (leader.unit.rank, leader.p5, leader.median, leader.p95) == (1, 1, 1, 1)
    assert (leader.best, leader.worst, leader.share_at_rank) == (1, 1, Decimal("100.0"))


@pytest.mark.parametrize("ties", ["rounded", "exact"])
def test_units_tied_exactly_share_every_runs_rank(ties: str) -> None:
    fw = framework(ties=ties)
    results = province_like(fw, 10, seed=5)
    results.append(unit(fw, "twin-a", {"1.1": "45.5", "2.1": "21.25"}))
    results.append(unit(fw, "twin-b", {"1.1": "45.5", "2.1": "21.25"}))
    ranking = ranking_of(results)
    matrix = group_matrix(ranking)
    draws = np.random.default_rng(9).uniform(0.75, 1.25, size=(400, 2))
    ranks = run_ranks(matrix, rescale(draws, matrix.field_max))
    order = by_id(ranking)
    assert (ranks[:, order["twin-a"]] == ranks[:, order["twin-b"]]).all()
    assert len(set(ranks[:, order["twin-a"]].tolist())) > 1  # the runs did move them
    (group,) = analyse([ranking], runs=300, seed=4, spread=25)
    a, b = (
        next(p for p in group.units if p.unit.result.unit_id == u) for u in ("twin-a", "twin-b")
    )
    assert (a.median, a.p5, a.p95, a.best, a.worst, a.share_at_rank) == (
        b.median,
        b.p5,
        b.p95,
        b.best,
        b.worst,
        b.share_at_rank,
    )


def test_the_same_seed_gives_the_same_runs_and_other_seeds_agree_within_sampling_error() -> None:
    # a and b tie at 50.00 with weights as published; a leads whenever field 1's factor
    # exceeds field 2's (equal maxima), which happens in half the runs: share_at_rank 1 ≈ 50 %.
    fw = framework(m2="60")
    results = [
        unit(fw, "a", {"1.1": "40", "2.1": "20"}),
        unit(fw, "b", {"1.1": "20", "2.1": "40"}),
    ]
    ranking = ranking_of(results)
    assert [u.rank for u in ranking.units] == [1, 1]
    runs = 4000
    first = analyse([ranking], runs=runs, seed=1, spread=25)
    assert first == analyse([ranking], runs=runs, seed=1, spread=25)
    shares = []
    for seed in (1, 2, 3):
        (group,) = analyse([ranking], runs=runs, seed=seed, spread=25)
        share_a = next(p for p in group.units if p.unit.result.unit_id == "a").share_at_rank
        shares.append(float(share_a))
    error = 100 * (0.25 / runs) ** 0.5  # one standard error of a 50 % share, in points
    assert all(abs(share - 50) < 4 * error for share in shares), shares
    assert len(set(shares)) > 1  # the seeds did draw differently


def test_leaving_a_field_out_moves_ranks_by_the_mean_change() -> None:
    # Field 1 decides: without it (only field 2 counts) the order b, c, a turns to a, c, b.
    fw = framework()
    ranking = ranking_of(
        [
            unit(fw, "a", {"1.1": "10", "2.1": "40"}),  # 50
            unit(fw, "b", {"1.1": "60", "2.1": "10"}),  # 70
            unit(fw, "c", {"1.1": "40", "2.1": "20"}),  # 60
        ]
    )
    (group,) = analyse([ranking], runs=10, seed=1, spread=10)
    effects = {e.field: e.mean_abs_rank_change for e in group.fields}
    # without field 1: a 100, c 50, b 25 → ranks 1, 2, 3 against 3, 2, 1: (2 + 0 + 2) / 3
    # without field 2: b 100, c 66.67, a 16.67 → the published order: 0
    assert effects == {"1": Decimal("1.33"), "2": Decimal("0.00")}


def test_a_rank_is_uncertain_when_held_in_fewer_than_hold_percent_of_the_runs() -> None:
    # b and c differ by 0.01: weightings swap them in some runs, a never moves
    fw = framework()
    ranking = ranking_of(
        [
            unit(fw, "a", {"1.1": "55", "2.1": "38"}),
            unit(fw, "b", {"1.1": "36", "2.1": "24"}),
            unit(fw, "c", {"1.1": "24", "2.1": "35.99"}),
        ]
    )
    runs = 200
    (group,) = analyse([ranking], runs=runs, seed=5, spread=25)
    shares = {p.unit.result.unit_id: p.share_at_rank for p in group.units}
    assert shares["a"] == Decimal("100.0") and Decimal(0) < shares["b"] < Decimal(100)
    for hold in (0, 50, shares["b"], shares["b"] + Decimal("0.5"), 90, 100):
        (held,) = analyse([ranking], runs=runs, seed=5, spread=25, hold=hold)
        for place in held.units:
            # exactly: fewer than `hold` % of the runs at the published rank
            assert place.uncertain is (place.share_at_rank < hold), (hold, place)
    with pytest.raises(ValueError, match="hold"):
        analyse([ranking], runs=1, seed=1, spread=0, hold=101)


def test_competition_ranks_and_nearest_rank_percentiles() -> None:
    keys = np.array([[5.0, 7.0, 7.0, 1.0, -1.0], [1.0, 1.0, 1.0, 1.0, 1.0]])
    assert competition_ranks(keys, 0.0).tolist() == [[3, 1, 1, 4, 5], [1, 1, 1, 1, 1]]
    near = np.array([[70.0, 70.0 * (1 + 1e-12), 69.0]])
    assert competition_ranks(near, 1e-9).tolist() == [[1, 1, 3]]
    assert competition_ranks(near, 0.0).tolist() == [[2, 1, 3]]
    runs = np.arange(1, 21).reshape(20, 1)  # ranks 1..20 over 20 runs
    assert nearest_rank(runs, 5).tolist() == [1]  # ⌈0.05·20⌉ = 1st
    assert nearest_rank(runs, 50).tolist() == [10]  # ⌈0.5·20⌉ = 10th
    assert nearest_rank(runs, 95).tolist() == [19]  # ⌈0.95·20⌉ = 19th
    assert nearest_rank(np.arange(1, 11).reshape(10, 1), 95).tolist() == [10]  # ⌈9.5⌉ = 10th


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    points=st.lists(st.tuples(st.integers(0, 600), st.integers(0, 400)), min_size=2, max_size=7),
    spread=st.sampled_from([0.0, 5.0, 25.0, 60.0, 99.0]),
    runs=st.integers(1, 60),
    seed=st.integers(0, 2**32),
    ties=st.sampled_from(["rounded", "exact"]),
)
def test_spread_invariants(
    points: list[tuple[int, int]], spread: float, runs: int, seed: int, ties: str
) -> None:
    fw = framework(precision=1, ties=ties)
    results = [
        unit(fw, f"u{i}", {"1.1": str(Decimal(a) / 10), "2.1": str(Decimal(b) / 10)})
        for i, (a, b) in enumerate(points)
    ]
    ranking = ranking_of(results)
    (group,) = analyse([ranking], runs=runs, seed=seed, spread=spread)
    assert [p.unit for p in group.units] == list(ranking.units)
    for place in group.units:
        assert 1 <= place.best <= place.p5 <= place.median <= place.p95 <= place.worst
        assert place.worst <= len(points)
        assert Decimal(0) <= place.share_at_rank <= Decimal(100)
    assert [e.field for e in group.fields] == ["1", "2"]
    assert all(Decimal(0) <= e.mean_abs_rank_change < len(points) for e in group.fields)


def test_bad_arguments_are_refused() -> None:
    ranking = ranking_of([unit(framework(), "a", {"1.1": "1", "2.1": "1"})])
    with pytest.raises(ValueError, match="runs"):
        analyse([ranking], runs=0, seed=1, spread=25)
    with pytest.raises(ValueError, match="spread"):
        analyse([ranking], runs=1, seed=1, spread=100)
