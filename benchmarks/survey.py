"""Benchmark of `parindex survey`: raw forms for many units against reading them with csv.

    python benchmarks/survey.py [--forms 100000] [--units 2000] [--repeat 3] [--seed 1]

Writes (or reuses, cached under benchmarks/out/) a responses CSV of --forms forms for
--units departments, answering the shipped questionnaire criteria/questionnaires/department.yaml
(every group, a few blank answers), and a roster. Then measures, each as the median wall time
of --repeat runs after one untimed warm-up run:

(a) `parindex survey QUESTIONNAIRE RESPONSES --roster ROSTER --format csv`;
(b) the FLOOR: a `python -c` child that reads the same file with the csv module (every row
    into a list), the least any reader of it must do.

Standard library only, except PyYAML to read the questionnaire (parindex depends on it).
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"
QUESTIONNAIRE = REPO / "criteria" / "questionnaires" / "department.yaml"
TARGET_SECONDS = 10.0  # 100,000 forms for 2,000 units: "in seconds"


def generate(forms: int, units: int, seed: int) -> Path:
    """The responses and roster, regenerated only when the inputs of this script change."""
    directory = OUT / f"survey-{forms}-{units}-seed{seed}"
    stamp = f"{QUESTIONNAIRE.stat().st_mtime_ns}:{Path(__file__).stat().st_mtime_ns}"
    marker = directory / "stamp"
    if marker.exists() and marker.read_text() == stamp:
        return directory
    directory.mkdir(parents=True, exist_ok=True)
    document = yaml.safe_load(QUESTIONNAIRE.read_text(encoding="utf-8"))
    questions = document["questions"]
    groups = [g["name"] for g in document["groups"]]
    rng = random.Random(seed)
    ids = [f"don-vi-{n:05d}" for n in range(1, units + 1)]
    with (directory / "roster.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["unit_id", "unit_name", "group"])
        writer.writerows([unit, f"Đơn vị {unit[-5:]}", "department"] for unit in ids)
    scales = [list(q.get("answers") or document["answers"]) for q in questions]
    with (directory / "responses.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(
            ["Dấu thời gian", "respondent_id", "unit_id", "group"] + [q["id"] for q in questions]
        )
        for number in range(1, forms + 1):
            answers = [rng.choice(s) if rng.random() > 0.03 else "" for s in scales]
            writer.writerow(
                [
                    f"03/11/2025 08:{number % 60:02d}:00",
                    f"P{number:07d}",
                    ids[(number - 1) % units],
                    groups[rng.randrange(len(groups))],
                    *answers,
                ]
            )
    marker.write_text(stamp)
    return directory


def timed(cmd: list[str], repeat: int) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of `repeat` runs; the CPU time
    moves less than the wall time when the machine is shared."""
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--forms", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    directory = generate(args.forms, args.units, args.seed)
    responses = directory / "responses.csv"
    survey = [
        sys.executable,
        "-m",
        "parindex",
        "survey",
        str(QUESTIONNAIRE),
        str(responses),
        "--roster",
        str(directory / "roster.csv"),
        "--format",
        "csv",
    ]
    floor = [
        sys.executable,
        "-c",
        "import csv, sys; f = open(sys.argv[1], encoding='utf-8', newline=''); "
        "rows = list(csv.reader(f))",
        str(responses),
    ]
    seconds, cpu = timed(survey, args.repeat)
    base, base_cpu = timed(floor, args.repeat)
    size = responses.stat().st_size / 1e6
    sys.stdout.write(
        f"{args.forms:,} forms for {args.units:,} units ({size:.1f} MB):\n"
        f"  wall: survey {seconds:.2f} s, csv floor {base:.2f} s, ratio {seconds / base:.1f}×\n"
        f"  cpu:  survey {cpu:.2f} s, csv floor {base_cpu:.2f} s, ratio {cpu / base_cpu:.1f}×\n"
        f"  target ≤ {TARGET_SECONDS:.0f} s of CPU: "
        f"{'ok' if cpu <= TARGET_SECONDS else 'MISSED'}\n"
    )
    return 0 if cpu <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
