"""Advice tells the next step from where a leaf stands, in natural words of the run's language:
the next band that earns more and the band of full points, an option by its label, and never
a value that cannot earn more. A penalty with no case reads as no violation."""

from __future__ import annotations

from decimal import Decimal

import pytest

from parindex.core.models import Criterion
from parindex.core.rules import advise, evaluate
from parindex.i18n import Lang, using

# The officer's example: 88 % earns nothing, above 90 % earns 0,75, from 100 % the full 1.
BANDS = {
    "kind": "bands",
    "unit": "%",
    "bands": [{"at_least": 100, "points": 1}, {"above": 90, "points": 0.75}],
}
CHOICE = {
    "kind": "choice",
    "options": {
        "on_time": {"points": 1, "label": "Ban hành kịp thời", "label_en": "Issued on time"},
        "late": {"points": 0.5, "label": "Ban hành không kịp thời"},
        "none": 0,
    },
}


def _leaf(rule: dict[str, object], top: str = "1", **more: object) -> Criterion:
    return Criterion.model_validate({"id": "1", "name": "x", "max": top, "rule": rule, **more})


@pytest.mark.parametrize(
    ("rule", "top", "more", "points", "lang", "advice"),
    [
        (BANDS, "1", {}, "0", "vi", "đạt trên 90% được 0,75 điểm; từ 100% được đủ 1 điểm"),
        (
            BANDS,
            "1",
            {},
            "0",
            "en",
            "reach above 90 % for 0.75 points; at least 100 % for the full 1 point",
        ),
        (BANDS, "1", {}, "0.75", "vi", "cần đạt từ 100% để được 1 điểm"),
        # a band listed first that earns less than one below it: the next step is the cheaper
        (
            {"kind": "bands", "bands": [{"at_most": 1, "points": 2}, {"at_most": 3, "points": 1}]},
            "2",
            {},
            "0",
            "vi",
            "đạt không quá 3 được 1 điểm; không quá 1 được đủ 2 điểm",
        ),
        # the best band is below the leaf's maximum: no "full", and nothing past it
        (
            {"kind": "bands", "bands": [{"at_least": 50, "points": 1}]},
            "2",
            {},
            "0",
            "vi",
            "cần đạt từ 50 để được 1 điểm",
        ),
        (
            {"kind": "bands", "bands": [{"at_least": 50, "points": 1}]},
            "2",
            {},
            "1",
            "vi",
            "tiêu chí này không có mức nào được nhiều hơn 1 điểm",
        ),
        (CHOICE, "1", {}, "0", "vi", "cần đạt mức “Ban hành kịp thời” để được 1 điểm"),
        (CHOICE, "1", {}, "0.5", "en", "reach the level “Issued on time” to earn 1 point"),
        (
            {"kind": "choice", "options": {"a": 1, "b": 0}},
            "2",
            {},
            "1",
            "en",
            "no value of this criterion earns more than 1 point",
        ),
        (
            {"kind": "boolean"},
            "0.5",
            {},
            "0",
            "vi",
            "cần đáp ứng yêu cầu của tiêu chí để được 0,5 điểm",
        ),
        ({"kind": "ratio"}, "1.5", {}, "0.9", "vi", "cần đạt 100% để được 1,5 điểm"),
        (
            {"kind": "ratio", "full_at": 95},
            "1.5",
            {},
            "0.9",
            "vi",
            "cần đạt từ 95% để được 1,5 điểm",
        ),
        # below zero_below nothing counts yet: first the rate where points start
        (
            {"kind": "ratio", "zero_below": 50},
            "1.5",
            {},
            "0",
            "vi",
            "đạt từ 50% được 0,75 điểm; 100% được đủ 1,5 điểm",
        ),
        (
            {"kind": "ratio", "zero_below": 50},
            "1.5",
            {},
            "0.9",
            "vi",
            "cần đạt 100% để được 1,5 điểm",
        ),
        (
            {
                "kind": "deduction",
                "per": 0.25,
                "counts": "người bị kỷ luật",
                "counts_en": "people disciplined",
            },
            "1",
            {},
            "0.5",
            "vi",
            "không có người bị kỷ luật nào thì được 1 điểm; mỗi trường hợp trừ 0,25 điểm",
        ),
        (
            {"kind": "deduction", "per": 0.25},
            "1",
            {},
            "0.5",
            "vi",
            "không để xảy ra trường hợp nào thì được 1 điểm; mỗi trường hợp trừ 0,25 điểm",
        ),
        (
            {"kind": "scale", "low": 1, "high": 5},
            "1.5",
            {},
            "0.5",
            "vi",
            "cần đạt 5 trên thang 1–5 để được 1,5 điểm",
        ),
        (
            {"kind": "points"},
            "1",
            {"source": "council"},
            "0",
            "vi",
            "do Hội đồng thẩm định chấm, tối đa 1 điểm",
        ),
        (
            {"kind": "points"},
            "2",
            {"source": "survey"},
            "0",
            "vi",
            "theo kết quả điều tra xã hội học, tối đa 2 điểm",
        ),
        (
            {"kind": "points"},
            "2",
            {},
            "0",
            "vi",
            "cần đáp ứng đầy đủ yêu cầu của tiêu chí để được 2 điểm",
        ),
    ],
)
def test_advice_is_the_next_step(
    rule: dict[str, object], top: str, more: dict[str, object], points: str, lang: Lang, advice: str
) -> None:
    with using(lang):
        assert advise(_leaf(rule, top, **more), Decimal(points)) == advice


@pytest.mark.parametrize(
    ("rule", "value", "lang", "explanation"),
    [
        (
            {"kind": "bands", "bands": [{"at_least": 1, "points": 1}]},
            "0",
            "vi",
            "không có vi phạm → không bị trừ điểm",
        ),
        (
            {"kind": "bands", "bands": [{"at_least": 1, "points": 1}]},
            "0",
            "en",
            "no violation → no points deducted",
        ),
        (
            {"kind": "bands", "bands": [{"at_least": 1, "points": 1}]},
            "2",
            "vi",
            "2 ≥ 1 → trừ 1/3 điểm",
        ),
        ({"kind": "points"}, "0", "vi", "không có vi phạm → không bị trừ điểm"),
        ({"kind": "points"}, "0.5", "vi", "trừ 0,5/3 điểm"),
    ],
)
def test_a_penalty_reads_as_points_deducted(
    rule: dict[str, object], value: str, lang: Lang, explanation: str
) -> None:
    with using(lang):
        outcome = evaluate(_leaf(rule, "3", adjust="penalty"), value)
    assert outcome.explanation == explanation
