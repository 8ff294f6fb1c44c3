"""`sensitivity` as records: a CSV row per unit (its published rank, median, 5th and 95th
percentile, best and worst rank, share of runs at its rank, whether that rank is uncertain)
and the JSON document (the same rows per group, the group's summary sentence, and each
field's mean rank change when it is left out); and the summary a leader reads."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from parindex import __version__
from parindex.core.sensitivity import GroupSensitivity
from parindex.i18n import Lang, _, ngettext, percent
from parindex.outputs.csvjson import WithPlaces, json_document, to_csv
from parindex.outputs.records import Cell

SENSITIVITY_COLUMNS = [
    "framework",
    "group",
    "unit_id",
    "unit_name",
    "rank",
    "median_rank",
    "p5_rank",
    "p95_rank",
    "best_rank",
    "worst_rank",
    "share_at_rank",
    "uncertain",
]
SHARE_PLACES = 1  # share_at_rank, a percentage of runs
CHANGE_PLACES = 2  # mean_abs_rank_change


def sensitivity_rows(groups: Sequence[GroupSensitivity]) -> list[dict[str, Cell]]:
    """One row per unit, as the ranking CSV orders them (framework, rank, unit id)."""
    return [
        {
            "framework": group.ranking.framework.framework,
            "group": group.ranking.framework.group,
            "unit_id": spread.unit.result.unit_id,
            "unit_name": spread.unit.result.unit_name,
            "rank": spread.unit.rank,
            "median_rank": spread.median,
            "p5_rank": spread.p5,
            "p95_rank": spread.p95,
            "best_rank": spread.best,
            "worst_rank": spread.worst,
            "share_at_rank": spread.share_at_rank,
            "uncertain": "yes" if spread.uncertain else "no",
        }
        for group in sorted(groups, key=lambda g: g.ranking.framework.framework)
        for spread in group.units
    ]


def sensitivity_csv(groups: Sequence[GroupSensitivity]) -> str:
    places = {g.ranking.framework.framework: SHARE_PLACES for g in groups}
    return to_csv(SENSITIVITY_COLUMNS, sensitivity_rows(groups), places)


def field_effect_records(group: GroupSensitivity) -> list[WithPlaces]:
    framework = group.ranking.framework
    records = []
    for effect in group.fields:
        node = framework.node(effect.field)
        records.append(
            WithPlaces(
                {
                    "id": effect.field,
                    "name": node.name if node else effect.field,
                    "mean_abs_rank_change": effect.mean_abs_rank_change,
                },
                CHANGE_PLACES,
            )
        )
    return records


def sensitivity_json(
    groups: Sequence[GroupSensitivity],
    inputs: Sequence[tuple[str, str]],
    *,
    runs: int,
    seed: int,
    spread: float,
    lang: Lang,
) -> str:
    """{"tool", "inputs", "runs", "seed", "spread", "rankings": [{"framework", "group",
    "units": [CSV fields…, "uncertain": true|false], "summary", "fields": [{"id", "name",
    "mean_abs_rank_change"}]}]}."""
    rows = sensitivity_rows(groups)
    body = []
    for group in sorted(groups, key=lambda g: g.ranking.framework.framework):
        framework = group.ranking.framework
        body.append(
            {
                "framework": framework.framework,
                "group": framework.group,
                "units": [
                    _with_flag(row) for row in rows if row["framework"] == framework.framework
                ],
                "summary": group_summary(group, lang),
                "fields": field_effect_records(group),
            }
        )
    document = {
        "tool": {"name": "parindex", "version": __version__},
        "inputs": [{"path": path, "sha256": digest} for path, digest in inputs],
        "runs": runs,
        "seed": seed,
        "spread": int(spread) if float(spread).is_integer() else spread,
        "rankings": body,
    }
    return json_document(document, SHARE_PLACES)


def _with_flag(row: dict[str, Cell]) -> dict[str, Any]:
    """A unit's JSON entry: the CSV row with `uncertain` as true or false."""
    entry: dict[str, Any] = dict(row)
    entry["uncertain"] = row["uncertain"] == "yes"
    return entry


def group_summary(group: GroupSensitivity, lang: Lang) -> str:
    """The sentence a leader reads: who leads and in what share of the weightings they hold
    first place, and how many units' ranks are uncertain ("Sở Nội vụ giữ hạng 1 trong 98,2%
    số phương án trọng số; 8/17 đơn vị có thứ hạng chưa ổn định")."""
    parts = [
        _("{unit} holds rank 1 in {share} of the weightings").format(
            unit=place.unit.result.name_in(lang),
            share=percent(place.share_at_rank, lang, SHARE_PLACES),
        )
        for place in group.units
        if place.unit.rank == 1 and place.unit.result.submitted
    ]
    uncertain = sum(1 for place in group.units if place.uncertain)
    parts.append(
        ngettext(
            "{count}/{total} unit has an uncertain rank",
            "{count}/{total} units have an uncertain rank",
            uncertain,
        ).format(count=uncertain, total=len(group.units))
    )
    return "; ".join(parts)
