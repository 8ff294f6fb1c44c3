"""Invariants of rules, scoring and ranking, checked with hypothesis (STYLE.md, Tests)."""

from __future__ import annotations

import codecs
import unicodedata
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from parindex.core.models import Assessment, Criterion, Framework
from parindex.core.ranking import rank_units
from parindex.core.results import Override
from parindex.core.rules import NO, YES, RuleValueError, evaluate
from parindex.core.scoring import score_claims, score_unit
from parindex.inputs.documents.loading import LoadedFramework, build_assessment
from parindex.inputs.documents.yamlfile import parse_yaml

FAST = settings(max_examples=100, deadline=None)


def decimals(low: str, high: str, places: int = 2) -> st.SearchStrategy[Decimal]:
    return st.decimals(Decimal(low), Decimal(high), places=places)


def leaf(rule: dict[str, Any], max_points: Decimal) -> Criterion:
    return Criterion.model_validate({"id": "x", "name": "x", "max": max_points, "rule": rule})


def assert_in_range(criterion: Criterion, points: Decimal) -> None:
    assert criterion.lowest <= points <= (criterion.max or 0), (criterion.rule, points)


# --- rules and the values they accept -----------------------------------------------------------

MAXIMA = decimals("0.25", "40")


@st.composite
def rules_with_values(draw: st.DrawFn) -> tuple[Criterion, Any]:
    """A well-formed leaf (as the loader accepts it) and a value its rule accepts."""
    top = draw(MAXIMA)
    points = decimals("0", str(top))
    kind = draw(
        st.sampled_from(["boolean", "choice", "bands", "ratio", "deduction", "scale", "points"])
    )
    if kind == "boolean":
        words = sorted(YES | NO)
        return leaf({"kind": kind}, top), draw(st.sampled_from([*words, True, False]))
    if kind == "choice":
        options = draw(
            st.dictionaries(
                st.text("abcz019_", min_size=1, max_size=4), points, min_size=1, max_size=5
            )
        )
        return (
            leaf({"kind": kind, "options": options}, top),
            draw(st.sampled_from(sorted(options))),
        )
    if kind == "bands":
        bands = draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        draw(st.sampled_from(["above", "at_least", "at_most", "below"])): decimals(
                            "-50", "150"
                        ),
                        "points": points,
                    }
                ),
                min_size=1,
                max_size=4,
            )
        )
        return leaf({"kind": kind, "bands": bands}, top), str(draw(decimals("-200", "200", 3)))
    if kind == "ratio":
        rule: dict[str, Any] = {"kind": kind}
        cuts = sorted(draw(st.lists(decimals("0", "100"), min_size=2, max_size=2)))
        if draw(st.booleans()):
            rule["zero_below"] = cuts[0]
        if draw(st.booleans()):
            rule["full_at"] = cuts[1]
        return leaf(rule, top), draw(ratio_values())
    if kind == "deduction":
        per = draw(decimals("0.01", "5"))
        floor = draw(decimals(str(-top), str(top - Decimal("0.01"))))
        value = draw(st.integers(0, 10_000))
        return (
            leaf({"kind": kind, "per": per, "floor": floor}, top),
            draw(st.sampled_from([value, str(value)])),
        )
    if kind == "scale":
        low, high = draw(st.lists(decimals("-10", "10"), min_size=2, max_size=2, unique=True))
        number = draw(decimals(str(min(low, high)), str(max(low, high)), 3))
        return leaf({"kind": kind, "low": low, "high": high}, top), str(number)
    return leaf({"kind": "points"}, top), str(draw(points))


@st.composite
def ratio_values(draw: st.DrawFn) -> Any:
    denominator = draw(st.integers(0, 5000))
    numerator = draw(st.integers(0, denominator))
    return draw(
        st.sampled_from(
            [
                str(draw(decimals("0", "100", 3))),
                f"{numerator}/{denominator}",
                {"numerator": numerator, "denominator": denominator},
            ]
        )
    )


@FAST
@given(rules_with_values())
def test_points_stay_within_the_leaf_range(case: tuple[Criterion, Any]) -> None:
    criterion, value = case
    outcome = evaluate(criterion, value)
    assert_in_range(criterion, outcome.points)
    if outcome.not_arisen:
        assert outcome.points == 0
    assert outcome.explanation


ANYTHING = st.one_of(
    st.text(max_size=12),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.integers(-(10**40), 10**40).map(str),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(),
    st.booleans(),
    st.none(),
    st.lists(st.text(max_size=3), max_size=2),
    st.dictionaries(
        st.sampled_from(["numerator", "denominator", "x"]),
        st.one_of(st.integers(-5, 5), st.text(max_size=3), st.none()),
        max_size=3,
    ),
)


@settings(max_examples=150, deadline=None)
@given(rules_with_values(), ANYTHING)
def test_any_value_is_scored_in_range_or_refused_in_words(
    case: tuple[Criterion, Any], value: Any
) -> None:
    criterion, _ = case
    try:
        outcome = evaluate(criterion, value)
    except RuleValueError as exc:
        assert str(exc)
    else:
        assert_in_range(criterion, outcome.points)


# --- monotone rules -----------------------------------------------------------------------------


@st.composite
def rising_bands(draw: st.DrawFn) -> Criterion:
    """Bands with only at_least/above, from the highest bound down, points not rising."""
    top = draw(MAXIMA)
    bounds = sorted(
        draw(st.lists(decimals("0", "100"), min_size=1, max_size=4, unique=True)), reverse=True
    )
    points = sorted(
        draw(st.lists(decimals("0", str(top)), min_size=len(bounds), max_size=len(bounds))),
        reverse=True,
    )
    comparisons = draw(
        st.lists(st.sampled_from(["above", "at_least"]), min_size=len(bounds), max_size=len(bounds))
    )
    return leaf(
        {
            "kind": "bands",
            "bands": [
                {comparison: bound, "points": p}
                for comparison, bound, p in zip(comparisons, bounds, points, strict=True)
            ],
        },
        top,
    )


def two_sorted(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[list[Any]]:
    return st.lists(strategy, min_size=2, max_size=2).map(sorted)


@FAST
@given(rising_bands(), two_sorted(decimals("-10", "110", 3)))
def test_bands_never_lose_points_when_the_value_rises(
    criterion: Criterion, values: list[Decimal]
) -> None:
    low, high = (evaluate(criterion, str(v)).points for v in values)
    assert low <= high


@FAST
@given(
    MAXIMA,
    two_sorted(decimals("0", "100")),
    st.booleans(),
    st.booleans(),
    two_sorted(decimals("0", "100", 3)),
)
def test_ratio_never_loses_points_when_the_rate_rises(
    top: Decimal, cuts: list[Decimal], with_zero: bool, with_full: bool, rates: list[Decimal]
) -> None:
    rule: dict[str, Any] = {"kind": "ratio"}
    if with_zero:
        rule["zero_below"] = cuts[0]
    if with_full:
        rule["full_at"] = cuts[1]
    criterion = leaf(rule, top)
    low, high = (evaluate(criterion, str(rate)).points for rate in rates)
    assert low <= high


@FAST
@given(
    MAXIMA,
    st.lists(decimals("-10", "10"), min_size=2, max_size=2, unique=True).map(sorted),
    st.data(),
)
def test_scale_never_loses_points_when_the_value_rises(
    top: Decimal, ends: list[Decimal], data: st.DataObject
) -> None:
    criterion = leaf({"kind": "scale", "low": ends[0], "high": ends[1]}, top)
    values = data.draw(two_sorted(decimals(str(ends[0]), str(ends[1]), 3)))
    low, high = (evaluate(criterion, str(v)).points for v in values)
    assert low <= high


@FAST
@given(MAXIMA, decimals("0.01", "5"), st.data(), two_sorted(st.integers(0, 1000)))
def test_deduction_never_gains_points_when_the_count_rises(
    top: Decimal, per: Decimal, data: st.DataObject, counts: list[int]
) -> None:
    floor = data.draw(decimals(str(-top), str(top - Decimal("0.01"))))
    criterion = leaf({"kind": "deduction", "per": per, "floor": floor}, top)
    fewer, more = (evaluate(criterion, count).points for count in counts)
    assert fewer >= more


# --- whole units --------------------------------------------------------------------------------

NAMES = ["Sở Nội vụ", "UBND phường Hòa Khánh", "Sở Tư pháp", "Công an tỉnh", "Ban Quản lý"]
REASONS = ["Không phát sinh", "Không ban hành văn bản QPPL", "Chưa có hồ sơ trong năm"]


@st.composite
def answers(draw: st.DrawFn) -> dict[str, dict[str, Any]]:
    """Answers of MINI_FRAMEWORK's `self` leaves that loading accepts, some left out."""
    choices: dict[str, st.SearchStrategy[dict[str, Any]]] = {
        "1.1": st.sampled_from(["on_time", "muộn", "no"]).map(
            lambda v: {"value": v, "evidence": ["KH 12/KH-SNV"]}
        ),
        "1.2": st.one_of(
            decimals("0", "100").map(lambda v: {"value": str(v)}),
            st.sampled_from(REASONS).map(lambda r: {"not_applicable": True, "reason": r}),
        ),
        "1.10": st.sampled_from(["có", "không", "yes", "no"]).map(lambda v: {"value": v}),
        "2.1": st.one_of(
            ratio_values().map(lambda v: {"value": v}),
            st.sampled_from(REASONS).map(lambda r: {"not_applicable": True, "reason": r}),
        ),
        "2.2": st.integers(0, 12).map(lambda v: {"value": str(v)}),
        "2.3": decimals("0", "2").map(lambda v: {"value": str(v)}),
        "9.1": decimals("0", "2").map(lambda v: {"value": str(v)}),
        "9.2": decimals("0", "3").map(lambda v: {"value": str(v)}),
    }
    chosen: dict[str, dict[str, Any]] = {}
    for key, strategy in choices.items():
        if draw(st.integers(0, 5)):  # about one answer in six is left out
            chosen[key] = draw(strategy)
    return chosen


def unit(
    answers: dict[str, dict[str, Any]], unit_id: str = "u1", name: str = "Sở Nội vụ"
) -> Assessment:
    return Assessment.model_validate(
        {
            "unit": {"id": unit_id, "name": name, "group": "department"},
            "framework": "mini-2025",
            "answers": answers,
        }
    )


@FAST
@given(answers(), st.one_of(st.none(), decimals("1", "5")), st.booleans())
def test_the_index_stays_within_0_and_100(
    mini_framework: Framework,
    chosen: dict[str, dict[str, Any]],
    survey_value: Decimal | None,
    appraise: bool,
) -> None:
    survey = {}
    if survey_value is not None:
        satisfaction = mini_framework.leaf("3.1")
        assert satisfaction is not None
        outcome = evaluate(satisfaction.criterion, str(survey_value))
        survey["3.1"] = Override(outcome.points, outcome.explanation, outcome.shown, outcome.said)
    appraisal = {"3.2": Override(Decimal(1), "set", "1", "1")} if appraise else {}
    result = score_unit(mini_framework, unit(chosen), survey=survey, appraisal=appraisal)
    assert 0 <= result.index <= 100
    assert 0 < result.max_points <= mini_framework.regular_total
    lowest = sum(
        (leaf.criterion.lowest for leaf in mini_framework.leaves if leaf.criterion.adjust is None),
        Decimal(0),
    )
    assert lowest <= result.regular_points <= result.max_points
    assert 0 <= result.bonus <= 2 and 0 <= result.penalty <= 3
    assert result.missing == sum(
        1 for key in ("1.1", "1.2", "1.10", "2.1", "2.2", "2.3") if key not in chosen
    )
    assert result.pending == (survey_value is None) + (not appraise)
    assert (
        sum((result.nodes[f].points for f in mini_framework.field_ids), Decimal(0))
        == result.regular_points
    )


def to_yaml(chosen: dict[str, dict[str, Any]], name: str) -> str:
    """The assessment as a person would type it (flow mappings, one answer a line)."""
    lines = [
        f"unit: {{id: u1, name: {name}, group: department}}",
        "framework: mini-2025",
        "answers:",
    ]
    for key, answer in chosen.items():
        parts = []
        for field, value in answer.items():
            if isinstance(value, dict):
                value = f"{{numerator: {value['numerator']}, denominator: {value['denominator']}}}"
            elif isinstance(value, list):
                value = "[" + ", ".join(f'"{item}"' for item in value) + "]"
            elif value is True:
                value = "true"
            parts.append(f"{field}: {value}")
        lines.append(f'  "{key}": {{{", ".join(parts)}}}  # {key}')
    return "\n".join(lines) + "\n"


def score_text(framework: Framework, raw: bytes):  # type: ignore[no-untyped-def]
    loaded, problems = build_assessment(
        parse_yaml(raw, "u.yaml"), {"mini-2025": LoadedFramework(framework, "mini.yaml")}
    )
    assert loaded is not None, [p.render() for p in problems]
    return score_claims(framework, loaded.unit, loaded.claims)


@settings(max_examples=60, deadline=None)
@given(answers(), st.sampled_from(NAMES))
def test_nfd_bom_and_crlf_variants_score_identically(
    mini_framework: Framework, chosen: dict[str, dict[str, Any]], name: str
) -> None:
    text = to_yaml(chosen, name)
    nfd = unicodedata.normalize("NFD", text)
    variants = [
        text.encode(),
        nfd.encode(),
        codecs.BOM_UTF8 + text.encode(),
        text.replace("\n", "\r\n").encode(),
        codecs.BOM_UTF8 + nfd.replace("\n", "\r\n").encode(),
    ]
    results = [score_text(mini_framework, raw) for raw in variants]
    first = results[0]
    assert first.unit_name == name
    for other in results[1:]:
        assert other.unit_name == first.unit_name
        assert other.leaves == first.leaves
        assert other.index == first.index
        assert other.nodes == first.nodes


RANK_FRAMEWORK = Framework.model_validate(
    {
        "framework": "rank-2025",
        "title": "Ranking",
        "group": "g",
        "precision": 1,
        "bands": [{"min": 90, "label": "A"}, {"min": 75, "label": "B"}],
        "criteria": [
            {
                "id": "1",
                "name": "All",
                "criteria": [
                    {"id": "1.1", "name": "Given", "max": 100, "rule": {"kind": "points"}}
                ],
            }
        ],
    }
)


def ranked(values: list[tuple[str, Decimal]]) -> list[tuple[str, int, bool, Decimal, str]]:
    results = [
        score_unit(
            RANK_FRAMEWORK,
            Assessment.model_validate(
                {
                    "unit": {"id": unit_id, "name": unit_id, "group": "g"},
                    "framework": "rank-2025",
                    "answers": {"1.1": {"value": str(value)}},
                }
            ),
        )
        for unit_id, value in values
    ]
    (ranking,) = rank_units(results)
    return [
        (u.result.unit_id, u.rank, u.tied, u.index, u.band.label if u.band else "")
        for u in ranking.units
    ]


UNIT_VALUES = st.lists(
    st.tuples(
        st.text("abcdefgh", min_size=1, max_size=3),
        st.one_of(
            st.sampled_from(
                [Decimal("90"), Decimal("89.95"), Decimal("89.94"), Decimal("75.04"), Decimal("0")]
            ),
            decimals("0", "100", 3),
        ),
    ),
    min_size=1,
    max_size=8,
    unique_by=lambda pair: pair[0],
)


@FAST
@given(UNIT_VALUES, st.randoms(use_true_random=False))
def test_ranking_does_not_depend_on_input_order(
    values: list[tuple[str, Decimal]], random: Any
) -> None:
    shuffled = list(values)
    random.shuffle(shuffled)
    table = ranked(values)
    assert ranked(shuffled) == table
    # Competition ranks: a rank is 1 + the number of units with a higher rounded index.
    for unit_id, rank, tied, index, _ in table:
        assert rank == 1 + sum(1 for other in table if other[3] > index), unit_id
        assert tied == (sum(1 for other in table if other[3] == index) > 1)
