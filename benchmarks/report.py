"""How long `parindex report` takes, as the HTML report and as the Word appendix.

    python benchmarks/report.py [--sizes 200,2000] [--repeat 2] [--seed 1] [--parindex PATH]

For each size, the synthetic province of run.py (generated once, cached under
benchmarks/out/) is reported to benchmarks/out/report-N.html and .docx; `rank --format csv`
over the same province is timed beside them, since a report is a ranking plus its pages.
Prints the median wall and CPU time (user + system of the child) of --repeat runs, the peak
RSS and the size of the file, and checks that every run wrote the same bytes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import (  # the province generator and the script finder of the main benchmark
    DEFAULT_FRAMEWORK,
    OUT,
    find_parindex,
    interpreter_of,
    province,
    rank_args,
    table,
)


def timed(cmd: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of one run of `cmd`."""
    started = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    assert child.stderr is not None
    errors = child.stderr.read().decode("utf-8", "replace")
    child.stderr.close()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({child.returncode}):\n{errors}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="200,2000", help="comma-separated unit counts")
    parser.add_argument("--repeat", type=int, default=2, help="timed runs per measurement")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--parindex", default=None, help="the parindex script to measure")
    args = parser.parse_args(argv)
    parindex = find_parindex(args.parindex)
    python = interpreter_of(parindex)
    rows = []
    for units in (int(s) for s in args.sizes.split(",")):
        directory = province(python, units, args.seed, DEFAULT_FRAMEWORK)
        inputs = rank_args(directory)[1:]  # rank's arguments without the command
        inputs = [a for a in inputs if a not in ("--format", "csv")]
        commands = {
            "rank (csv)": ([parindex, "rank", *inputs, "--format", "csv"], None),
            "report .html": (
                [parindex, "report", *inputs, "-o", str(OUT / f"report-{units}.html")],
                OUT / f"report-{units}.html",
            ),
            "report .docx": (
                [parindex, "report", *inputs, "-o", str(OUT / f"report-{units}.docx")],
                OUT / f"report-{units}.docx",
            ),
        }
        for name, (cmd, output) in commands.items():
            samples = []
            contents = set()
            for _ in range(max(args.repeat, 1)):
                samples.append(timed(cmd))
                if output is not None:
                    contents.add(output.read_bytes())
            size = f"{output.stat().st_size / 1e6:.1f} MB" if output is not None else ""
            rows.append(
                [
                    f"{units:,}",
                    name,
                    f"{statistics.median(s[0] for s in samples):.2f}",
                    f"{statistics.median(s[1] for s in samples):.2f}",
                    f"{max(s[2] for s in samples):.0f}",
                    size,
                    "" if output is None else ("yes" if len(contents) == 1 else "NO"),
                ]
            )
    print(table(["units", "command", "wall s", "cpu s", "peak MB", "file", "same bytes"], rows))
    print(f"load average at the end: {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
