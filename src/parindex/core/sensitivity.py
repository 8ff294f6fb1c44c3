"""How firm a rank is: the group re-ranked under randomly moved field weights. Pure.

Per framework the units become a units × fields matrix of field points and applicable field
maxima; each run draws one factor per field, and the runs are ranked in blocks of rows with
numpy. Floats, so every run's index is rounded half up after a relative tolerance of 1e-9
(a float 67.16499999… publishes as 67.17, as the exact decimal 67.165 does); under
`ties: exact` two floats within that tolerance of each other are the same exact index. A run
whose factors are all 1 ranks on the exact decimal indices themselves, so it is the
published ranking whatever the floats would say.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import numpy.typing as npt

from parindex.core.numbers import divide, round_half_up
from parindex.core.results import RankedUnit, Ranking

TOLERANCE = 1e-9  # relative: float noise, far below any published decimal
BLOCK_CELLS = 1_000_000  # runs × units ranked at once (≈ 8 MB a float array)
HOLD = 90  # default: a rank held in fewer than this % of the runs is uncertain

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class RankSpread:
    """Where one unit ranked over the runs (nearest-rank percentiles)."""

    unit: RankedUnit
    median: int
    p5: int
    p95: int
    best: int
    worst: int
    share_at_rank: Decimal  # % of runs at the published rank, one decimal
    uncertain: bool = False  # held in fewer than `hold` % of the runs (exactly, not rounded)


@dataclass(frozen=True, slots=True)
class FieldEffect:
    """How far ranks move, on average over the group, when one field is left out."""

    field: str
    mean_abs_rank_change: Decimal  # two decimals


@dataclass(frozen=True, slots=True)
class GroupSensitivity:
    """One framework/group: every unit's rank spread and every field's leave-one-out effect."""

    ranking: Ranking
    units: tuple[RankSpread, ...]
    fields: tuple[FieldEffect, ...]


@dataclass(frozen=True, slots=True)
class GroupMatrix:
    """A group as numbers: field points and applicable maxima per unit, and what is fixed."""

    points: Floats  # units × fields
    maxima: Floats  # units × fields (applicable maxima of the unit)
    field_max: Floats  # fields (the framework's maxima, M_f)
    adjustment: Floats  # units: bonus − penalty
    submitted: npt.NDArray[np.bool_]
    precision: int
    exact: bool
    # What a run with every factor 1 ranks on, from the exact decimal indices: the published
    # index in units of its last place, or under `ties: exact` the exact index's place in
    # the order of distinct indices (higher is better; equal exact indices, equal keys).
    exact_keys: Floats


def analyse(
    rankings: Sequence[Ranking],
    *,
    runs: int,
    seed: int,
    spread: float,
    hold: float | Decimal = HOLD,
) -> list[GroupSensitivity]:
    """Each ranking re-ranked `runs` times with field factors uniform in
    [1 − spread %, 1 + spread %], rescaled so the total maximum stays; and once per field
    with that field left out. Deterministic for a seed (frameworks drawn in id order). A
    unit at its published rank in fewer than `hold` % of the runs is uncertain."""
    if runs < 1:
        raise ValueError("runs must be at least 1")
    if not 0 <= spread < 100:
        raise ValueError("spread must lie in [0, 100)")
    if not 0 <= hold <= 100:
        raise ValueError("hold must lie in [0, 100]")
    rng = np.random.default_rng(seed)
    out = []
    for ranking in sorted(rankings, key=lambda r: r.framework.framework):
        matrix = group_matrix(ranking)
        fields = len(matrix.field_max)
        draws = rng.uniform(1 - spread / 100, 1 + spread / 100, size=(runs, fields))
        factors = rescale(draws, matrix.field_max)
        published = np.array([u.rank for u in ranking.units], dtype=np.int64)
        ranks = run_ranks(matrix, factors)
        out.append(
            GroupSensitivity(
                ranking,
                _spreads(ranking, ranks, published, Decimal(str(hold))),
                _leave_one_out(ranking, matrix, published),
            )
        )
    return out


def rescale(draws: Floats, field_max: Floats) -> Floats:
    """Factors scaled per run so that Σ k_f·M_f = Σ M_f: the total maximum is unchanged.

    Both sums add the fields in the same order, so factors of 1 stay exactly 1.
    """
    total = _weighted_sum(np.ones((1, len(field_max))), field_max)
    return draws * (total / _weighted_sum(draws, field_max))[:, None]


def _weighted_sum(factors: Floats, values: Floats) -> Floats:
    """Σ_f factors[r, f]·values[f] per row r, field by field in a fixed order."""
    total = np.zeros(factors.shape[0])
    for f in range(factors.shape[1]):
        total += factors[:, f] * values[f]
    return total


def group_matrix(ranking: Ranking) -> GroupMatrix:
    framework = ranking.framework
    field_ids = framework.field_ids
    field_max = {f: Decimal(0) for f in field_ids}
    for leaf in framework.leaves:
        if leaf.criterion.adjust is None and leaf.field in field_max:
            field_max[leaf.field] += leaf.max
    results = [u.result for u in ranking.units]
    exact = framework.ties == "exact"
    if exact:
        distinct = sorted({r.index for r in results})
        place = {index: position for position, index in enumerate(distinct)}
        keys = [float(place[r.index]) for r in results]
    else:
        keys = [float(u.index.scaleb(framework.precision)) for u in ranking.units]
    return GroupMatrix(
        points=np.array(
            [[float(r.fields[f].points) for f in field_ids] for r in results], dtype=np.float64
        ).reshape(len(results), len(field_ids)),
        maxima=np.array(
            [[float(r.fields[f].max_points) for f in field_ids] for r in results], dtype=np.float64
        ).reshape(len(results), len(field_ids)),
        field_max=np.array([float(field_max[f]) for f in field_ids], dtype=np.float64),
        adjustment=np.array([float(r.adjustment) for r in results], dtype=np.float64),
        submitted=np.array([r.submitted for r in results], dtype=np.bool_),
        precision=framework.precision,
        exact=exact,
        exact_keys=np.array(keys, dtype=np.float64),
    )


def run_indices(matrix: GroupMatrix, factors: Floats) -> Floats:
    """runs × units: clamp((Σ k_f·p_f + bonus − penalty) / Σ k_f·m_f × 100, 0, 100)."""
    runs, units = factors.shape[0], matrix.points.shape[0]
    points = np.broadcast_to(matrix.adjustment, (runs, units)).copy()
    maxima = np.zeros((runs, units))
    term = np.empty((runs, units))
    for f in range(factors.shape[1]):
        k = factors[:, f, None]
        points += np.multiply(k, matrix.points[None, :, f], out=term)
        maxima += np.multiply(k, matrix.maxima[None, :, f], out=term)
    with np.errstate(divide="ignore", invalid="ignore"):
        index = np.where(maxima > 0, points / np.where(maxima > 0, maxima, 1) * 100, 0.0)
    return np.clip(index, 0.0, 100.0)


def publish(index: Floats, places: int) -> Floats:
    """Indices rounded half up to `places`, in units of the last place (an exact integer as a
    float); a relative tolerance first absorbs float noise: 67.16499999… → 6717 at 2 places."""
    scaled = index * 10.0**places
    return np.floor(scaled * (1 + TOLERANCE) + 0.5)


def _keys(matrix: GroupMatrix, factors: Floats) -> Floats:
    """What the runs rank on: the published index, or the exact one; absent units last.

    A run whose factors are all exactly 1 (every run under --spread 0) is the published
    ranking: it ranks on keys taken from the exact decimal indices, so no float can move it.
    """
    index = run_indices(matrix, factors)
    keys = index if matrix.exact else publish(index, matrix.precision)
    unmoved = (factors == 1.0).all(axis=1)
    if unmoved.any():
        keys[unmoved] = matrix.exact_keys
    return np.where(matrix.submitted[None, :], keys, -1.0)


def competition_ranks(keys: Floats, tolerance: float) -> Ints:
    """Competition ranks (1, 2, 2, 4) of each row, higher keys first; keys within `tolerance`
    (relative) of their neighbour share its rank."""
    rows, units = keys.shape
    # Any order among equal keys will do: they all get the rank of the first of them.
    order = np.argsort(-keys, axis=1)
    ordered = np.take_along_axis(keys, order, axis=1)
    starts = np.ones((rows, units), dtype=np.bool_)
    if units > 1:
        gap = ordered[:, :-1] - ordered[:, 1:]
        starts[:, 1:] = gap > tolerance * np.abs(ordered[:, :-1])
    first = np.maximum.accumulate(np.where(starts, np.arange(units), 0), axis=1)
    ranks = np.empty((rows, units), dtype=np.int64)
    np.put_along_axis(ranks, order, first + 1, axis=1)
    return ranks


def _rank_block(matrix: GroupMatrix, factors: Floats) -> Ints:
    return competition_ranks(_keys(matrix, factors), TOLERANCE if matrix.exact else 0.0)


def run_ranks(matrix: GroupMatrix, factors: Floats) -> Ints:
    """runs × units ranks, computed a block of runs at a time to bound memory."""
    runs, units = factors.shape[0], matrix.points.shape[0]
    block = max(1, BLOCK_CELLS // max(units, 1))
    ranks = np.empty((runs, units), dtype=np.int64)
    for start in range(0, runs, block):
        ranks[start : start + block] = _rank_block(matrix, factors[start : start + block])
    return ranks


def nearest_rank(sorted_runs: Ints, percent: int) -> Ints:
    """Per unit, the ⌈p·N⌉-th smallest of the N run ranks (runs sorted along axis 0)."""
    runs = sorted_runs.shape[0]
    position = max(1, -(-percent * runs // 100))  # ⌈p·N⌉ in integers
    return np.asarray(sorted_runs[position - 1], dtype=np.int64)


def _spreads(
    ranking: Ranking, ranks: Ints, published: Ints, hold: Decimal
) -> tuple[RankSpread, ...]:
    runs = ranks.shape[0]
    ordered = np.sort(ranks, axis=0)
    median, p5, p95 = (nearest_rank(ordered, p) for p in (50, 5, 95))
    at_rank = (ranks == published[None, :]).sum(axis=0)
    return tuple(
        RankSpread(
            unit,
            int(median[u]),
            int(p5[u]),
            int(p95[u]),
            int(ordered[0, u]),
            int(ordered[-1, u]),
            round_half_up(divide(Decimal(int(at_rank[u]) * 100), Decimal(runs)), 1),
            int(at_rank[u]) * 100 < hold * runs,
        )
        for u, unit in enumerate(ranking.units)
    )


def _leave_one_out(
    ranking: Ranking, matrix: GroupMatrix, published: Ints
) -> tuple[FieldEffect, ...]:
    """Per field: the mean |rank − published rank| over the submitted units when that field's
    points and maxima are removed (k_f = 0, the others 1; bonus and penalty kept)."""
    fields = len(matrix.field_max)
    if fields == 0:
        return ()
    factors = np.ones((fields, fields)) - np.eye(fields)
    ranks = _rank_block(matrix, factors)
    counted = matrix.submitted
    units = int(counted.sum())
    effects = []
    for f, field_id in enumerate(ranking.framework.field_ids):
        moved = int(np.abs(ranks[f] - published)[counted].sum())
        mean = divide(Decimal(moved), Decimal(units)) if units else Decimal(0)
        effects.append(FieldEffect(field_id, round_half_up(mean, 2)))
    return tuple(effects)
