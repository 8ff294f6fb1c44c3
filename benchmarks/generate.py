"""Generate a synthetic province for benchmarking parindex: any number of valid units.

    python benchmarks/generate.py OUT_DIR --units N [--seed S] [--framework PATH] [--force]

Writes
    OUT_DIR/criteria/<framework>.yaml   a copy of the framework (default criteria/department.yaml)
    OUT_DIR/units/unit-00001.yaml ...   one complete, valid self-assessment per unit
    OUT_DIR/survey.csv                  one value per unit and `survey` leaf (a few left pending)
    OUT_DIR/appraisal.csv               council rows for about 5 % of the units
    OUT_DIR/manifest.json               what was generated, from what (written last)

Every answer is a value the leaf's rule accepts, scored here the way the SPEC scores it so
that `self_points` are mostly honest (some over- and under-claims, some missing); evidence is
listed wherever the leaf requires it; N/A (with a reason) only where the leaf allows it;
ratios come both as percents and as {numerator, denominator}; about 1 % of answers are
missing (absent or `value: null`), which parindex scores 0 with a warning.

Unit k is the same whatever N is (each unit has its own random stream derived from the seed),
so a small province is a prefix of a large one. Standard library, PyYAML (to read the
framework; the YAML written here is formatted by hand, for speed) and parindex's own number
formatting and band conditions, so generated claims follow the same rules.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from parindex.core.numbers import plain
from parindex.core.rules import condition_holds

HERE = Path(__file__).resolve().parent
DEFAULT_FRAMEWORK = HERE.parent / "criteria" / "department.yaml"
GENERATOR_VERSION = "1"

ZERO = Decimal(0)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")
QUARTER = Decimal("0.25")

MISSING_RATE = 0.01  # answers left out or `value: null`
NA_RATE = 0.12  # of the leaves that allow N/A
APPRAISED_RATE = 0.05  # units with appraisal rows
SURVEY_PENDING_RATE = 0.01  # survey values not yet supplied

_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})

UNIT_NAMES = [
    "Sở Nội vụ",
    "Sở Tài chính",
    "Sở Tư pháp",
    "Sở Xây dựng",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Công Thương",
    "Sở Nông nghiệp và Môi trường",
    "Sở Khoa học và Công nghệ",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Dân tộc và Tôn giáo",
    "Sở Ngoại vụ",
    "Thanh tra tỉnh",
    "Văn phòng UBND tỉnh",
    "Ban Quản lý các khu công nghiệp",
    "UBND xã Tân Phú",
    "UBND phường Hòa Bình",
    "UBND xã Đông Hưng",
    "UBND phường Bến Thành",
]
DOC_KINDS = ["KH", "BC", "QĐ", "CV", "TB", "TTr"]
NA_REASONS = [
    "Không phát sinh trong năm đánh giá",
    "Cơ quan không có đơn vị trực thuộc",
    "Không được giao nhiệm vụ này trong năm",
    "Không phát sinh hồ sơ, văn bản thuộc phạm vi tiêu chí",
]
APPRAISAL_REASONS = [
    "Tài liệu kiểm chứng không đầy đủ",
    "Số liệu không khớp với báo cáo tổng hợp của tỉnh",
    "Hội đồng thẩm định đánh giá, chấm điểm",
    "Đã giải trình, chấp nhận một phần",
    "Kế hoạch ban hành sau thời hạn, chấm lại",
]


# --- the framework -------------------------------------------------------------------------


class _TextLoader(yaml.SafeLoader):
    """Every scalar stays the text written (ids such as 1.10 stay "1.10"); numbers → Decimal."""


_TextLoader.yaml_implicit_resolvers = {}


@dataclass
class LeafSpec:
    id: str
    name: str
    max: Decimal
    kind: str
    rule: dict[str, Any]
    source: str
    policy: str  # forbidden | exclude | full (framework-level `allowed` resolved)
    evidence: bool
    adjust: str | None
    lowest: Decimal = ZERO
    field_id: str = ""
    field_name: str = ""
    options: list[tuple[str, Decimal]] = field(default_factory=list)
    bands: list[tuple[str, Decimal, Decimal]] = field(default_factory=list)
    sample: Sampler = field(repr=False, default=lambda rng: Value("", "", ZERO))
    key: str = ""  # the id as written in YAML (quoted)


def _dec(text: Any, default: Decimal | None = None) -> Decimal:
    if text is None:
        if default is None:
            raise ValueError("a number is missing")
        return default
    return Decimal(str(text))


def load_framework(path: Path) -> tuple[dict[str, Any], list[LeafSpec]]:
    data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_TextLoader)
    if not isinstance(data, dict) or "criteria" not in data or "framework" not in data:
        raise SystemExit(f"{path}: not a framework file (needs 'framework:' and 'criteria:')")
    default_na = data.get("not_applicable") or "exclude"
    leaves: list[LeafSpec] = []
    stack = [(node, node) for node in reversed(data["criteria"])]
    while stack:
        node, top = stack.pop()
        if node.get("criteria"):
            stack.extend((child, top) for child in reversed(node["criteria"]))
            continue
        rule = node.get("rule") or {}
        policy = node.get("not_applicable") or "forbidden"
        if policy == "allowed":
            policy = default_na
        leaf = LeafSpec(
            id=str(node["id"]),
            name=str(node.get("name", "")),
            max=_dec(node.get("max"), ZERO),
            kind=str(rule.get("kind")),
            rule=rule,
            source=node.get("source") or "self",
            policy=policy,
            evidence=node.get("evidence") == "required",
            adjust=node.get("adjust"),
            field_id=str(top["id"]),
            field_name=str(top["name"]),
        )
        if leaf.kind == "deduction":
            floor = _dec(rule.get("floor"), ZERO)
            leaf.lowest = floor if floor < 0 else ZERO
        if leaf.kind == "choice":
            for key, option in (rule.get("options") or {}).items():
                points = option.get("points") if isinstance(option, dict) else option
                leaf.options.append((str(key), _dec(points)))
        if leaf.kind == "bands":
            for band in rule.get("bands") or []:
                for comparison in ("above", "at_least", "at_most", "below"):
                    if band.get(comparison) is not None:
                        leaf.bands.append(
                            (comparison, _dec(band[comparison]), _dec(band["points"]))
                        )
                        break
        leaf.sample = make_sampler(leaf)
        leaf.key = json.dumps(leaf.id, ensure_ascii=False)
        leaves.append(leaf)
    return data, leaves


# --- values and their points ------------------------------------------------------------------


def claim_text(points: Decimal) -> str:
    return plain(points.quantize(CENT, rounding=ROUND_HALF_UP))


class Value(NamedTuple):
    """A generated value: as YAML text, as a CSV cell, and the points it earns."""

    yaml: str
    cell: str
    points: Decimal
    not_arisen: bool = False


Sampler = Callable[[random.Random], Value]
TEN = Decimal(10)


def _number_value(number: Decimal, points: Decimal) -> Value:
    text = plain(number)
    return Value(text, text, points)


def _between(rng: random.Random, low: int, high: int) -> int:
    """A whole number in [low, high] (randint, without its overhead)."""
    return low + int(rng.random() * (high - low + 1))


def _percent(rng: random.Random, low: float, high: float, skew: float = 2.5) -> Decimal:
    """A number in [low, high], skewed towards high (most units do well), 0 or 1 decimal."""
    raw = high - (high - low) * rng.random() ** skew
    number = Decimal(round(raw)) if rng.random() < 0.6 else Decimal(round(raw * 10)) / TEN
    return min(max(number, Decimal(str(low))), Decimal(str(high)))


def _weighted(rng: random.Random, items: list[Any], cumulative: list[float]) -> Any:
    draw = rng.random() * cumulative[-1]
    for item, edge in zip(items, cumulative, strict=True):
        if draw < edge:
            return item
    return items[-1]


def _cumulate(weights: list[float]) -> list[float]:
    total, out = 0.0, []
    for weight in weights:
        total += weight
        out.append(total)
    return out


def make_sampler(leaf: LeafSpec) -> Sampler:
    """A function drawing a value the leaf's rule accepts, with its points (as parindex
    computes them: exact decimals)."""
    kind, rule, top = leaf.kind, leaf.rule, leaf.max
    if kind == "boolean":
        p_yes = 0.25 if leaf.adjust else 0.9
        yes, no = Value("yes", "yes", top), Value("no", "no", ZERO)
        return lambda rng: yes if rng.random() < p_yes else no
    if kind == "choice":
        ranked = sorted(leaf.options, key=lambda o: -o[1])
        if leaf.adjust:  # bonus/penalty: mostly the option worth nothing
            weights = [0.1] * (len(ranked) - 1) + [0.8]
        else:
            weights = [0.7] + [0.3 / 2**i for i in range(1, len(ranked))]
        values = [
            Value(
                key
                if _PLAIN.match(key) and key.lower() not in _YAML_WORDS
                else json.dumps(key, ensure_ascii=False),
                key,
                points,
            )
            for key, points in ranked
        ]
        cumulative = _cumulate(weights)
        return lambda rng: _weighted(rng, values, cumulative)
    if kind == "bands":
        bands = leaf.bands
        bounds = [b for _, b, _ in bands]
        low_b, high_b = min(bounds), max(bounds)
        width = max(high_b - low_b, Decimal(1))

        def banded(number: Decimal) -> Value:
            points = next((p for c, b, p in bands if condition_holds(c, b, number)), ZERO)
            return _number_value(number, points)

        if rule.get("unit") == "%":
            lo = float(max(ZERO, low_b - width))
            hi = max(float(min(HUNDRED, high_b + width)), lo + 1)
            return lambda rng: banded(_percent(rng, lo, hi))
        if leaf.adjust:  # a count: mostly below the first band for bonus/penalty leaves
            counts, cumulative = [0, 1, 2, 3], _cumulate([0.75, 0.15, 0.07, 0.03])
            return lambda rng: banded(Decimal(_weighted(rng, counts, cumulative)))
        first, last = max(0, int(low_b - width)), int(high_b + width)
        return lambda rng: banded(Decimal(_between(rng, first, last)))
    if kind == "ratio":
        full_at = _dec(rule.get("full_at"), HUNDRED + 1)
        zero_below = _dec(rule.get("zero_below"), Decimal(-1))
        may_not_arise = leaf.policy != "forbidden"
        not_arisen = Value("{numerator: 0, denominator: 0}", "0/0", ZERO, not_arisen=True)

        def ratio(rng: random.Random) -> Value:
            if rng.random() < 0.35:
                size = rng.random()
                denominator = (
                    _between(rng, 1, 20)
                    if size < 0.3
                    else _between(rng, 20, 400)
                    if size < 0.7
                    else _between(rng, 400, 5000)
                )
                if may_not_arise and rng.random() < 0.05:
                    return not_arisen
                numerator = round(denominator * (1 - 0.5 * rng.random() ** 3))
                numerator = min(max(numerator, 0), denominator)
                rate = Decimal(numerator) * HUNDRED / Decimal(denominator)
                text = f"{{numerator: {numerator}, denominator: {denominator}}}"
                cell = f"{numerator}/{denominator}"
            else:
                rate = _percent(rng, 50, 100)
                text = cell = plain(rate)
            if rate >= full_at:
                points = top
            elif rate < zero_below:
                points = ZERO
            else:
                points = top * rate / HUNDRED
            return Value(text, cell, points)

        return ratio
    if kind == "deduction":
        per = _dec(rule.get("per"))
        floor = _dec(rule.get("floor"), ZERO)
        values = [_number_value(Decimal(n), max(top - per * n, floor)) for n in (0, 1, 2, 3, 5)]
        cumulative = _cumulate([0.7, 0.18, 0.07, 0.04, 0.01])
        return lambda rng: _weighted(rng, values, cumulative)
    if kind == "scale":
        low, high = _dec(rule.get("low")), _dec(rule.get("high"))
        lo, hi = sorted((low, high))
        start, stop = float(lo + (hi - lo) * Decimal("0.4")), float(hi)
        step = Decimal("0.1") if hi - lo <= 10 else Decimal(1)

        def scale(rng: random.Random) -> Value:
            number = min(max(_percent(rng, start, stop, 1.5).quantize(step), lo), hi)
            return _number_value(number, top * (number - low) / (high - low))

        return scale
    if kind == "points":
        steps = int((top - leaf.lowest) / QUARTER)
        values = [
            _number_value(leaf.lowest + QUARTER * n, leaf.lowest + QUARTER * n)
            for n in range(steps // 2, steps + 1)
        ]
        return lambda rng: values[int(rng.random() * len(values))]
    raise SystemExit(f"criterion {leaf.id}: unknown rule kind {kind!r}")


def make_value(leaf: LeafSpec, rng: random.Random) -> Value:
    return leaf.sample(rng)


# --- one unit ----------------------------------------------------------------------------------

DATES = [f"{day:02d}/{month:02d}/2025" for month in range(1, 13) for day in range(1, 29)]


def _evidence(rng: random.Random, unit: int) -> str:
    docs = []
    draw = rng.random()
    for _ in range(1 if draw < 0.5 else 2 if draw < 0.85 else 3):
        kind = DOC_KINDS[int(rng.random() * len(DOC_KINDS))]
        docs.append(
            f'"{kind} {_between(rng, 1, 999)}/{kind}-DV{unit:05d} ngày '
            f'{DATES[int(rng.random() * len(DATES))]}"'
        )
    return "[" + ", ".join(docs) + "]"


def _claim(rng: random.Random, leaf: LeafSpec, points: Decimal) -> str | None:
    """What the unit claims: mostly honest, sometimes the max, sometimes less, sometimes nothing."""
    draw = rng.random()
    if draw < 0.05:
        return None
    if draw < 0.17:
        return claim_text(leaf.max)  # over-claim (or honest when already at max)
    if draw < 0.22:
        return claim_text(max(points - QUARTER, leaf.lowest))
    return claim_text(points)


def unit_yaml(
    k: int, framework: dict[str, Any], leaves: list[LeafSpec], rng: random.Random
) -> tuple[str, int]:
    """The YAML text of unit k's assessment, and how many answers it leaves missing."""
    unit_id = f"unit-{k:05d}"
    name = f"{rng.choice(UNIT_NAMES)} {k:05d}"
    lines = [
        "# Synthetic assessment generated by benchmarks/generate.py (not real data).",
        "# Phiếu tự đánh giá — dữ liệu tổng hợp để đo hiệu năng.",
        "unit:",
        f"  id: {json.dumps(unit_id)}",
        f"  name: {json.dumps(name, ensure_ascii=False)}",
        f"  group: {json.dumps(str(framework['group']), ensure_ascii=False)}",
        f"framework: {json.dumps(str(framework['framework']), ensure_ascii=False)}",
        "answers:",
    ]
    missing = 0
    current_field = None
    for leaf in leaves:
        if leaf.source != "self":
            continue
        if leaf.field_id != current_field:
            current_field = leaf.field_id
            lines.append(f"  # === {leaf.field_id} {leaf.field_name}")
        key = leaf.key
        if rng.random() < MISSING_RATE:
            missing += 1
            if rng.random() < 0.5:
                lines.append(f"  {key}: {{value: null}}")
            continue
        if leaf.policy != "forbidden" and rng.random() < NA_RATE:
            reason = json.dumps(rng.choice(NA_REASONS), ensure_ascii=False)
            claim = f", self_points: {claim_text(leaf.max)}" if leaf.policy == "full" else ""
            lines.append(f"  {key}: {{not_applicable: true, reason: {reason}{claim}}}")
            continue
        value = make_value(leaf, rng)
        parts = [f"value: {value.yaml}"]
        points = leaf.max if value.not_arisen and leaf.policy == "full" else value.points
        claim = _claim(rng, leaf, points)
        if claim is not None:
            parts.append(f"self_points: {claim}")
        if leaf.evidence or rng.random() < 0.3:
            parts.append(f"evidence: {_evidence(rng, k)}")
        lines.append(f"  {key}: {{{', '.join(parts)}}}")
    return "\n".join(lines) + "\n", missing


def survey_rows(unit_id: str, leaves: list[LeafSpec], rng: random.Random) -> list[list[str]]:
    return [
        [unit_id, leaf.id, make_value(leaf, rng).cell]
        for leaf in leaves
        if leaf.source == "survey" and rng.random() >= SURVEY_PENDING_RATE
    ]


def appraisal_rows(unit_id: str, leaves: list[LeafSpec], rng: random.Random) -> list[list[str]]:
    """Council points for every council leaf, and a few corrections of self leaves."""
    rows = []
    for leaf in leaves:
        if leaf.source == "council":
            steps = int((leaf.max - leaf.lowest) / QUARTER)
            points = leaf.lowest + QUARTER * rng.randint(0, steps)
            rows.append(
                [unit_id, leaf.id, "", plain(points), "Hội đồng thẩm định đánh giá, chấm điểm", ""]
            )
    own = [leaf for leaf in leaves if leaf.source == "self"]
    for leaf in rng.sample(own, min(len(own), rng.randint(1, 4))):
        reason = rng.choice(APPRAISAL_REASONS)
        if leaf.policy != "forbidden" and rng.random() < 0.1:
            rows.append([unit_id, leaf.id, "N/A", "", reason, ""])
        elif rng.random() < 0.5:
            rows.append([unit_id, leaf.id, make_value(leaf, rng).cell, "", reason, ""])
        else:
            steps = int((leaf.max - leaf.lowest) / QUARTER)
            points = leaf.lowest + QUARTER * rng.randint(0, steps)
            rows.append([unit_id, leaf.id, "", plain(points), reason, ""])
        if rng.random() < 0.3:  # the unit explained; a second round settles it
            steps = int((leaf.max - leaf.lowest) / QUARTER)
            points = leaf.lowest + QUARTER * rng.randint(steps // 2, steps)
            rows.append(
                [unit_id, leaf.id, "", plain(points), "Đã giải trình, chấp nhận một phần", "2"]
            )
    return rows


# --- the province ------------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def generator_fingerprint() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def generate(
    out: Path, units: int, seed: int, framework_path: Path, *, force: bool
) -> dict[str, Any]:
    framework, leaves = load_framework(framework_path)
    if out.exists() and any(out.iterdir()):
        if not force:
            raise SystemExit(f"{out}: not empty; pass --force to replace a generated province")
        for name in ("criteria", "units"):
            shutil.rmtree(out / name, ignore_errors=True)
        for name in ("survey.csv", "appraisal.csv", "manifest.json"):
            (out / name).unlink(missing_ok=True)
    (out / "criteria").mkdir(parents=True, exist_ok=True)
    (out / "units").mkdir(exist_ok=True)
    shutil.copyfile(framework_path, out / "criteria" / framework_path.name)

    started = time.perf_counter()
    survey: list[list[str]] = []
    appraisal: list[list[str]] = []
    missing = answers = 0
    self_leaves = sum(1 for leaf in leaves if leaf.source == "self")
    units_dir = out / "units"
    for k in range(1, units + 1):
        rng = random.Random(seed * 1_000_003 + k)
        text, lost = unit_yaml(k, framework, leaves, rng)
        missing += lost
        answers += self_leaves
        with open(units_dir / f"unit-{k:05d}.yaml", "w", encoding="utf-8") as stream:
            stream.write(text)
        unit_id = f"unit-{k:05d}"
        survey.extend(survey_rows(unit_id, leaves, rng))
        if rng.random() < APPRAISED_RATE:
            appraisal.extend(appraisal_rows(unit_id, leaves, rng))

    for name, header, rows in (
        ("survey.csv", ["unit_id", "criterion", "value"], survey),
        (
            "appraisal.csv",
            ["unit_id", "criterion", "value", "points", "reason", "round"],
            appraisal,
        ),
    ):
        with open(out / name, "w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)
    manifest = {
        "generator": generator_fingerprint(),
        "version": GENERATOR_VERSION,
        "units": units,
        "seed": seed,
        "framework": str(framework["framework"]),
        "framework_file": framework_path.name,
        "framework_sha256": _sha256(framework_path),
        "leaves": len(leaves),
        "self_leaves": self_leaves,
        "missing_answers": missing,
        "answers": answers,
        "survey_rows": len(survey),
        "appraisal_rows": len(appraisal),
        "appraised_units": len({row[0] for row in appraisal}),
        "seconds": round(time.perf_counter() - started, 3),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, metavar="OUT_DIR")
    parser.add_argument("--units", type=int, required=True, metavar="N")
    parser.add_argument("--seed", type=int, default=1, metavar="S")
    parser.add_argument(
        "--framework",
        type=Path,
        default=DEFAULT_FRAMEWORK,
        metavar="PATH",
        help="framework YAML to generate assessments for (default criteria/department.yaml)",
    )
    parser.add_argument(
        "--force", action="store_true", help="replace a province generated earlier in OUT_DIR"
    )
    args = parser.parse_args(argv)
    if args.units < 1:
        parser.error("--units must be at least 1")
    if args.units > 99_999:
        parser.error("--units is at most 99,999 (unit ids have five digits)")
    manifest = generate(args.out, args.units, args.seed, args.framework, force=args.force)
    print(
        f"{args.out}: {manifest['units']} units, {manifest['survey_rows']} survey rows, "
        f"{manifest['appraisal_rows']} appraisal rows ({manifest['appraised_units']} units), "
        f"{manifest['missing_answers']} missing answers, in {manifest['seconds']} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
