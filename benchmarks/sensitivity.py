"""How long `parindex sensitivity` takes: the analysis alone and the whole command.

    python benchmarks/sensitivity.py [--units 2000] [--runs 1000] [--repeat 3] [--seed 1]
                                     [--framework PATH] [--parindex PATH]

Generates (or reuses, cached under benchmarks/out/ as run.py does) a synthetic province with
benchmarks/generate.py, then reports the median of --repeat timings of

(a) the analysis alone, in this process (wall and CPU time: the CPU time is what a busy
    machine does not inflate): `core.sensitivity.analyse` over the province's
    ranking (units × fields matrix, --runs weightings, ranked in blocks, plus the
    leave-one-field-out runs), after the files were read and scored once, untimed;
(b) `parindex sensitivity DIR ... --format csv --runs N` and `parindex rank DIR ... --format
    csv` as child processes, and their difference: what the analysis adds to a ranking run.

Run it with the interpreter parindex is installed in (the venv's python).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from run import DEFAULT_FRAMEWORK, find_parindex, interpreter_of, province, rank_args


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--framework", type=Path, default=DEFAULT_FRAMEWORK)
    parser.add_argument("--parindex", default=None)
    args = parser.parse_args(argv)

    parindex = find_parindex(args.parindex)
    directory = province(interpreter_of(parindex), args.units, args.seed, args.framework)

    from parindex.app.ranking import rank_run
    from parindex.core.sensitivity import analyse
    from parindex.inputs.discovery import Request

    rank = rank_args(directory)
    request = Request(
        paths=[str(directory)],
        criteria=str(directory / "criteria"),
        criteria_given=True,
        survey=[str(directory / "survey.csv")],
        appraisal=[str(directory / "appraisal.csv")],
    )
    rankings = rank_run(request).rankings
    units = sum(len(r.units) for r in rankings)
    fields = max(len(r.framework.field_ids) for r in rankings)
    analyse(rankings, runs=args.runs, seed=args.seed, spread=25)  # warm-up
    alone, alone_cpu = [], []
    for _ in range(args.repeat):
        started, cpu = time.perf_counter(), time.process_time()
        analyse(rankings, runs=args.runs, seed=args.seed, spread=25)
        alone.append(time.perf_counter() - started)
        alone_cpu.append(time.process_time() - cpu)

    sensitivity = ["sensitivity", *rank[1:], "--runs", str(args.runs)]
    timed([parindex, *sensitivity])  # warm-up: caches, bytecode
    whole = [timed([parindex, *sensitivity]) for _ in range(args.repeat)]
    ranking = [timed([parindex, *rank]) for _ in range(args.repeat)]

    print(f"{units:,} units × {fields} fields, {args.runs:,} runs (median of {args.repeat}):")
    print(
        f"  analysis alone (core.sensitivity.analyse)   {statistics.median(alone):7.3f} s "
        f"(CPU {statistics.median(alone_cpu):.3f} s)"
    )
    print(f"  parindex sensitivity … --format csv         {statistics.median(whole):7.3f} s")
    print(f"  parindex rank … --format csv                {statistics.median(ranking):7.3f} s")
    added = statistics.median(whole) - statistics.median(ranking)
    print(f"  what the analysis adds to a ranking run     {added:7.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
